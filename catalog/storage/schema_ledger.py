"""公开台账 tables: disclosures, holidays, 依申请 register, appeals, settings.

Kept apart from the feature package so that opening a workspace (which runs migrations)
does not import the feature's heavy modules. Append-only: never edit a released migration.
"""
from __future__ import annotations

from sqlite_utils import Database


def _v1(db: Database) -> None:
    db.table("ledger_entries").create({
        "id": int, "item_uid": str, "title": str, "formed": str, "published": str, "channels": str,
        "location": str, "who": str, "period": str, "part": int, "review_by": str, "review_on": str,
        "review_result": str, "stat_row": str, "stat_action": str, "stat_count": int, "stat_amount": str,
        "note": str, "source": str, "source_id": int, "created_at": str, "updated_at": str,
    }, pk="id", not_null={"title", "source"})
    db.table("ledger_entries").create_index(["item_uid"])
    db.table("ledger_entries").create_index(["published"])
    db.table("ledger_entries").create_index(["source", "source_id"])
    db.table("ledger_holidays").create(
        {"day": str, "kind": str, "name": str, "source": str, "updated_at": str}, pk="day", not_null={"kind"})
    db.table("ledger_requests").create({
        "id": int, "no": str, "received": str, "channel": str, "category": str, "applicant": str,
        "contact": str,
        "content": str, "reviewed_on": str, "processing_on": str, "correction_sent": str,
        "correction_received": str, "extension_approved": str, "extension_days": int, "extension_by": str,
        "reply_on": str, "reply_type": str, "reply_note": str, "archived_on": str, "note": str,
        "created_at": str, "updated_at": str,
    }, pk="id", not_null={"no", "received", "channel", "category", "applicant", "content"})
    db.table("ledger_requests").create_index(["no"], unique=True)
    db.table("ledger_requests").create_index(["received"])
    db.table("ledger_consultations").create({"id": int, "request_id": int, "start": str, "finished": str,
                                            "party": str},
                                           pk="id", foreign_keys=[("request_id", "ledger_requests", "id")])
    db.table("ledger_appeals").create({
        "id": int, "kind": str, "filed": str, "request_id": int, "result": str, "closed": str, "note": str,
        "created_at": str,
    }, pk="id", not_null={"kind", "filed"})
    db.table("ledger_annual").create({"year": int, "data": str, "file": str, "exported_at": str}, pk="year")


MIGRATIONS = [("ledger_0001_tables", _v1)]
