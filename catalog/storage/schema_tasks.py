"""工作台账 tables: received task lists (with their sheet layout), tasks with 状态, evidence links.

Kept apart from the feature package so that opening a workspace (which runs migrations)
does not import the feature's modules. Append-only: never edit a released migration.
"""
from __future__ import annotations

from sqlite_utils import Database


def _v1(db: Database) -> None:
    db.table("task_lists").create({
        "id": int, "file": str, "title": str, "year": int, "sheet": str, "layout": str, "digest": str,
        "imported_at": str,
    }, pk="id", not_null={"file", "year", "layout"})
    db.table("tasks").create({
        "id": int, "list_id": int, "seq": int, "code": str, "section": str, "title": str, "requirement": str,
        "unit": str, "remark": str, "deadline": str, "deadline_text": str, "deadline_kind": str,
        "relevant": int, "status": str, "note": str, "done_on": str, "changed_on": str, "sheet": str,
        "row": int, "sub": int, "created_at": str, "updated_at": str,
    }, pk="id", not_null={"list_id", "title", "status"}, foreign_keys=[("list_id", "task_lists", "id")])
    db.table("tasks").create_index(["list_id", "seq"])
    db.table("task_evidence").create({
        "id": int, "task_id": int, "kind": str, "ref": str, "note": str, "added_at": str,
    }, pk="id", not_null={"task_id", "kind"}, foreign_keys=[("task_id", "tasks", "id")])
    db.table("task_evidence").create_index(["task_id"])


MIGRATIONS = [("tasks_0001_ledger", _v1)]
