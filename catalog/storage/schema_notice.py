"""村务公示 (noticeboard) tables: rosters, rows with issues, exclusions, print records.

Kept apart from the feature package so that opening a workspace (which runs migrations)
does not import the feature's heavy modules. Append-only: never edit a released migration.
"""
from __future__ import annotations

from sqlite_utils import Database


def _v1(db: Database) -> None:
    db.table("notice_rosters").create({
        "id": int, "file": str, "kind": str, "template": str, "sheets": str, "mapping": str, "encoding": str,
        "villages": str, "notes": str, "rows": int, "amount": str, "errors": int, "warnings": int,
        "imported_at": str, "updated_at": str,
    }, pk="id", not_null={"file", "template", "imported_at"})
    db.table("notice_rows").create({
        "roster_id": int, "no": int, "sheet": str, "line": int, "kind": str, "id_from_number": int,
        "data": str,
    }, pk=("roster_id", "no"), foreign_keys=[("roster_id", "notice_rosters", "id")])
    db.table("notice_issues").create({
        "id": int, "roster_id": int, "no": int, "sheet": str, "line": int, "field": str, "level": str,
        "code": str, "message": str, "villages": str,
    }, pk="id", foreign_keys=[("roster_id", "notice_rosters", "id")])
    db.table("notice_issues").create_index(["roster_id", "level"])
    db.table("notice_exclusions").create({
        "roster_id": int, "no": int, "reason": str, "excluded_at": str,
    }, pk=("roster_id", "no"), foreign_keys=[("roster_id", "notice_rosters", "id")])
    db.table("notice_prints").create({
        "id": int, "roster_id": int, "kind": str, "template": str, "year": int, "file": str, "villages": str,
        "period_start": str, "period_end": str, "pages": int, "options": str, "printed_at": str,
        "posted_at": str, "posted_note": str,
    }, pk="id", foreign_keys=[("roster_id", "notice_rosters", "id")])
    db.table("notice_print_villages").create({
        "print_id": int, "village": str, "version": int, "digest": str, "rows": int, "amount": str,
    }, pk=("print_id", "village"), foreign_keys=[("print_id", "notice_prints", "id")])
    db.table("notice_print_villages").create_index(["village"])


MIGRATIONS = [("notice_0001_rosters", _v1)]
