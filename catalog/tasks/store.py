"""SQL of the 工作台账: task lists (with the received layout), tasks and their evidence.

Tables (catalog/storage/schema_tasks.py): task_lists, tasks, task_evidence. Also reads, never writes,
the noticeboard's print records (notice_prints) and ledger entries to check and describe evidence links.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from catalog.errors import InputError
from catalog.storage.workspace import Workspace
from catalog.tasks.model import Evidence, Task
from catalog.tasks.reader import Layout, ParsedList


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


class TaskStore:
    """Reads and writes the task tables of one workspace; each write is one transaction."""

    def __init__(self, ws: Workspace):
        self.ws = ws
        self.db = ws.db

    # -- lists ---------------------------------------------------------------------------------
    def add_list(self, parsed: ParsedList, *, digest: str) -> int:
        """Store a parsed list and its tasks (fresh 未开始); returns the list id."""
        stamp = _now()
        with self.ws.atomic():
            lid = int(self.db.table("task_lists").insert({
                "file": parsed.file, "title": parsed.title, "year": parsed.year, "sheet": parsed.layout.sheet,
                "layout": json.dumps(parsed.layout.to_json(), ensure_ascii=False), "digest": digest,
                "imported_at": stamp}).last_pk or 0)
            rows = []
            for t in parsed.tasks:
                row = _task_row(t)
                row.update(list_id=lid, created_at=stamp, updated_at=stamp)
                rows.append(row)
            self.db.table("tasks").insert_all(rows, batch_size=1000)
        return lid

    def list_by_digest(self, digest: str) -> dict[str, Any] | None:
        sql = "select id, file, imported_at from task_lists where digest = ?"
        r = next(self.db.query(sql, [digest]), None)
        return dict(r) if r else None

    def lists(self) -> list[dict[str, Any]]:
        """Imported lists, newest first, with task counts."""
        return [dict(r) for r in self.db.query(
            "select l.id, l.file, l.title, l.year, l.sheet, l.imported_at,"
            " (select count(*) from tasks t where t.list_id = l.id) as tasks"
            " from task_lists l order by l.id desc")]

    def layout(self, list_id: int) -> Layout:
        r = self.db.execute("select layout from task_lists where id = ?", [list_id]).fetchone()
        if r is None:
            raise InputError(f"没有编号为 {list_id} 的任务清单（用 tasks list 查看）")
        return Layout.from_json(json.loads(r[0]))

    def latest_list(self) -> int | None:
        r = self.db.execute("select max(id) from task_lists").fetchone()
        return int(r[0]) if r and r[0] is not None else None

    def remove_list(self, list_id: int) -> int:
        with self.ws.atomic():
            ids = [r[0] for r in self.db.execute("select id from tasks where list_id = ?", [list_id])]
            self.db.execute("delete from task_evidence where task_id in"
                            " (select id from tasks where list_id = ?)", [list_id])
            self.db.execute("delete from tasks where list_id = ?", [list_id])
            self.db.execute("delete from task_lists where id = ?", [list_id])
        return len(ids)

    def in_use(self) -> bool:
        return bool(self.db.execute("select exists(select 1 from tasks)").fetchone()[0])

    # -- tasks ---------------------------------------------------------------------------------
    def tasks(self, *, list_id: int | None = None) -> list[Task]:
        sql, args = "select * from tasks", []
        if list_id is not None:
            sql += " where list_id = ?"
            args.append(list_id)
        return [_task(dict(r)) for r in self.db.query(sql + " order by list_id, seq, id", args)]

    def get(self, task_id: int) -> Task:
        r = next(self.db.query("select * from tasks where id = ?", [task_id]), None)
        if r is None:
            raise InputError(f"工作台账中没有编号为 {task_id} 的任务（用 tasks list 查看编号）")
        return _task(dict(r))

    def put_status(self, t: Task) -> None:
        """Store a task's 状态, note and dates (the only fields the clerk changes)."""
        if t.id is None:
            raise ValueError("task without id")
        with self.ws.atomic():
            self.get(t.id)
            self.db.table("tasks").update(t.id, {"status": t.status, "note": t.note,
                                                 "done_on": _iso(t.done_on), "changed_on": _iso(t.changed_on),
                                                 "updated_at": _now()})

    # -- evidence ------------------------------------------------------------------------------
    def add_evidence(self, ev: Evidence) -> int:
        with self.ws.atomic():
            self.get(ev.task_id)
            row: dict[str, Any] = {"task_id": ev.task_id, "kind": ev.kind, "ref": ev.ref, "note": ev.note,
                                   "added_at": ev.added_at or _now()}
            if ev.id is not None:
                row["id"] = ev.id
            return int(self.db.table("task_evidence").insert(row).last_pk or 0)

    def remove_evidence(self, evidence_id: int) -> Evidence:
        with self.ws.atomic():
            ev = self.evidence_item(evidence_id)
            self.db.execute("delete from task_evidence where id = ?", [evidence_id])
        return ev

    def evidence_item(self, evidence_id: int) -> Evidence:
        r = next(self.db.query("select * from task_evidence where id = ?", [evidence_id]), None)
        if r is None:
            raise InputError(f"没有编号为 {evidence_id} 的佐证材料")
        return _evidence(dict(r))

    def evidence(self, task_ids: Iterable[int] | None = None) -> list[Evidence]:
        rows = self.db.query("select * from task_evidence order by task_id, id")
        wanted = None if task_ids is None else set(task_ids)
        return [_evidence(dict(r)) for r in rows if wanted is None or r["task_id"] in wanted]

    # -- what evidence points to (read only) -----------------------------------------------------
    def print_records(self, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        """Noticeboard print records by id: template, year, villages, printed_at, posted_at (已张贴)."""
        wanted = sorted(set(ids))
        if not wanted or "notice_prints" not in self.db.table_names():
            return {}
        marks = ",".join("?" * len(wanted))
        out = {}
        for r in self.db.query(f"select id, kind, template, year, file, villages, printed_at, posted_at"
                               f" from notice_prints where id in ({marks})", wanted):
            d = dict(r)
            d["villages"] = json.loads(d["villages"] or "[]")
            out[int(d["id"])] = d
        return out

    def recent_prints(self, limit: int = 200) -> list[dict[str, Any]]:
        """The latest noticeboard print records (to pick one as evidence), newest first."""
        if "notice_prints" not in self.db.table_names():
            return []
        return [dict(r) for r in self.db.query(
            "select id, kind, template, year, file, printed_at, posted_at from notice_prints"
            " order by id desc limit ?", [limit])]

    def entry_dates(self, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        """Ledger entries by id: title, item, published."""
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        marks = ",".join("?" * len(wanted))
        return {int(r["id"]): dict(r) for r in self.db.query(
            f"select id, item_uid, title, published from ledger_entries where id in ({marks})", wanted)}


def _task_row(t: Task) -> dict[str, Any]:
    return {"seq": t.seq, "code": t.code, "section": t.section, "title": t.title,
            "requirement": t.requirement, "unit": t.unit, "remark": t.remark, "deadline": _iso(t.deadline),
            "deadline_text": t.deadline_text,
            "deadline_kind": t.deadline_kind, "relevant": None if t.relevant is None else int(t.relevant),
            "status": t.status, "note": t.note, "done_on": _iso(t.done_on), "changed_on": _iso(t.changed_on),
            "sheet": t.sheet, "row": t.row, "sub": t.sub}


def _task(r: dict[str, Any]) -> Task:
    return Task(title=r["title"], requirement=r["requirement"] or "", section=r["section"] or "",
                unit=r["unit"] or "", remark=r["remark"] or "", code=r["code"] or "",
                deadline=_day(r["deadline"]),
                deadline_text=r["deadline_text"] or "", deadline_kind=r["deadline_kind"] or "unknown",
                relevant=None if r["relevant"] is None else bool(r["relevant"]), status=r["status"],
                note=r["note"] or "", done_on=_day(r["done_on"]), changed_on=_day(r["changed_on"]),
                sheet=r["sheet"] or "", row=r["row"] or 0, sub=r["sub"] or 0, seq=r["seq"] or 0,
                list_id=r["list_id"], id=r["id"])


def _evidence(r: dict[str, Any]) -> Evidence:
    return Evidence(task_id=r["task_id"], kind=r["kind"], ref=r["ref"] or "", note=r["note"] or "",
                    id=r["id"], added_at=r["added_at"] or "")
