"""工作台账 ops (the gui/ops.py route): plain functions over the worker's Workspace returning Done.

Reads and file work run on the TaskRunner's worker; status and evidence changes are undoable commands
pushed from the page on the GUI thread (view.TasksPage._push), so they join the one undo stack.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from catalog.changes import NOTHING, Changes, Done
from catalog.progress import Progress
from catalog.storage.workspace import Workspace
from catalog.tasks import Evidence, TaskLedger, TaskReport
from catalog.tasks.export import year_end_rows

TASKS = Changes(tasks=True)


@dataclass(frozen=True)
class TasksView:
    """Everything the page shows, read in one go on the worker."""
    report: TaskReport
    evidence: dict[int, list[tuple[Evidence, str]]] = field(default_factory=dict)   # task → (ev, text)
    entries: list[tuple[str, str]] = field(default_factory=list)     # 公开台账 records: (id, label)
    prints: list[tuple[str, str]] = field(default_factory=list)      # 公示打印 records: (id, label)
    lists: list[dict[str, Any]] = field(default_factory=list)
    year_end: list[dict[str, Any]] = field(default_factory=list)


def tasks_load(*, today: date, within: int, ws: Workspace,
               progress: Progress | None = None) -> Done[TasksView]:
    """The due report (the same as `tasks list`), evidence with its descriptions, records to link."""
    from catalog.ledger.store import LedgerStore
    tl = TaskLedger(ws)
    report = tl.report(today=today, within=within)
    evs = tl.evidence()
    lines = tl.describe_evidence(evs)
    by_task: dict[int, list[tuple[Evidence, str]]] = {}
    for ev, line in zip(evs, lines, strict=True):
        by_task.setdefault(ev.task_id, []).append((ev, line))
    entries = [(str(e.id), f"{e.id}　{e.title}（{e.published.isoformat() if e.published else '未公开'}）")
               for e in reversed(LedgerStore(ws).entries())]
    prints = [(str(p["id"]), f"{p['id']}　{p['template']} {p['year']}（"
               + (f"{p['posted_at']} 已张贴" if p["posted_at"] else "未登记张贴") + "）")
              for p in tl.store.recent_prints()]
    return Done(TasksView(report, by_task, entries, prints, tl.store.lists(), year_end_rows(report.tasks)))


def tasks_import(path: Path, *, ws: Workspace, replace: bool = False,
                 progress: Progress | None = None) -> Done[str]:
    """导入任务清单: the summary and notes for the clerk."""
    imported = TaskLedger(ws).import_file(path, replace=replace, progress=progress)
    return Done("\n".join([imported.summary(), *imported.parsed.notes]), TASKS)


def tasks_export(out: Path, *, ws: Workspace, progress: Progress | None = None) -> Done[Path]:
    """导出完成情况: the received layout with 完成情况, and the year-end sheet."""
    return Done(TaskLedger(ws).export(out, progress=progress), NOTHING)
