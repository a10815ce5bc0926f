"""Core tables: township profile, villages, domain choices, catalog items, published versions."""
from __future__ import annotations

from sqlite_utils import Database


def _v1(db: Database) -> None:
    db.table("township").create({
        "id": int, "name": str, "county": str, "code": str, "contact": str, "phone": str,
        "supervise_phone": str, "created_at": str,
    }, pk="id", not_null={"name", "county", "code"})
    db.table("villages").create({"id": int, "name": str, "code": str, "position": int}, pk="id")
    db.table("villages").create_index(["name"], unique=True)
    db.table("domains").create({"no": int, "applies": int, "reason": str}, pk="no")
    db.table("items").create({
        "id": int, "uid": str, "domain_no": int, "guide_item_id": str, "position": int,
        "level1": str, "level2": str, "content": str, "basis": str, "time_limit": str, "subject": str,
        "channels": str, "public": int, "specific": int, "active": int, "on_request": int,
        "county": int, "township": int, "status": str, "na_reason": str, "origin_subject": str,
        "local": int, "updated_at": str,
    }, pk="id", not_null={"uid", "domain_no", "level1", "status"})
    db.table("items").create_index(["uid"], unique=True)
    db.table("items").create_index(["domain_no", "position"])
    db.table("versions").create({"no": int, "published_at": str, "note": str, "snapshot": str}, pk="no")


def _v2_settings(db: Database) -> None:
    # Key/value settings that belong to the workspace (not to the PC): e.g. catalog title year.
    db.table("workspace_settings").create({"key": str, "value": str}, pk="key")


def _v3_guide_base(db: Database) -> None:
    # The guide item's text as it was when the catalog item was adopted or last synced: lets a newer
    # guide version be shown field by field ("what the guide changed"), apart from local edits.
    db.table("items").add_column("guide_base", str)


def _v4_guide_versions(db: Database) -> None:
    # Imported guide versions per domain (version 0, the shipped guide, is not stored).
    db.table("guide_versions").create({
        "domain_no": int, "version": int, "imported_at": str, "source": str, "file": str, "data": str,
    }, pk=("domain_no", "version"))


def _v5_item_decisions(db: Database) -> None:
    # Who decided an item 纳入/不适用, when and why (a suggestion's evidence or the clerk's reason); one
    # batch per undoable step, so undo removes exactly the records of that step.
    db.table("item_decisions").create({
        "id": int, "batch": str, "uid": str, "decided_at": str, "decided_by": str, "decision": str,
        "reason": str, "how": str, "evidence": str, "previous_status": str,
    }, pk="id", not_null={"batch", "uid", "decided_at", "decision"})
    db.table("item_decisions").create_index(["uid"])
    db.table("item_decisions").create_index(["batch"])


MIGRATIONS = [
    ("core_0001_catalog", _v1),
    ("core_0002_settings", _v2_settings),
    ("core_0003_guide_base", _v3_guide_base),
    ("core_0004_guide_versions", _v4_guide_versions),
    ("core_0005_item_decisions", _v5_item_decisions),
]
