"""Undoable 工作台账 changes: status, evidence added or removed — the same Command protocol as catalog edits.

Each command's apply/revert takes the CatalogStore (as catalog.township.commands do), so the CLI's History
and the GUI's one undo stack (Session.perform) run them like any catalog edit, in one transaction.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from catalog.errors import InputError
from catalog.storage.catalog_store import CatalogStore
from catalog.tasks.model import (
    EV_ENTRY,
    EV_ITEM,
    EV_NOTE,
    EV_PRINT,
    EVIDENCE_KINDS,
    Evidence,
    Task,
    status_value,
    with_status,
)
from catalog.tasks.store import TaskStore


@dataclass
class SetTaskStatus:
    """Set a task's 状态 (未开始/推进中/已完成/不涉及) with a note; undo restores status, note and dates."""
    task_id: int
    status: str
    note: str | None = None          # None keeps the note; 不涉及 needs one (the reason)
    on: date | None = None           # the day it happened (已完成: the completion date); default today
    today: date | None = None
    label: str = ""
    _before: Task | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.status = status_value(self.status)
        self.label = self.label or f"将任务 {self.task_id} 标为{self.status}"

    def apply(self, store: CatalogStore) -> None:
        tasks = TaskStore(store.ws)
        before = tasks.get(self.task_id)
        today = self.today or date.today()
        after = with_status(before, self.status, note=self.note, on=self.on or today, today=today)
        self._before = before
        tasks.put_status(after)

    def revert(self, store: CatalogStore) -> None:
        if self._before is not None:
            TaskStore(store.ws).put_status(self._before)


def check_evidence(store: CatalogStore, ev: Evidence) -> Evidence:
    """Normalise and check one link: the catalog item, disclosure or print record must exist."""
    kind, ref, note = ev.kind, ev.ref.strip(), ev.note.strip()
    if kind not in EVIDENCE_KINDS:
        raise InputError(f"佐证类型「{kind}」无法识别，应为：{'、'.join(EVIDENCE_KINDS)}")
    if kind == EV_NOTE:
        if not note:
            raise InputError("佐证说明不能为空（写明做了什么、材料在哪里）")
        return Evidence(ev.task_id, kind, "", note, ev.id, ev.added_at)
    if not ref:
        raise InputError("请填写要关联的编号（目录事项编号、公开台账记录编号或打印记录编号）")
    if kind == EV_ITEM and store.item(ref) is None:
        raise InputError(f"目录中没有编号为「{ref}」的事项（编号如 17-001 或 L-001）")
    if kind in (EV_ENTRY, EV_PRINT):
        if not ref.isdigit():
            raise InputError(f"编号「{ref}」应为数字")
        tasks = TaskStore(store.ws)
        found = tasks.entry_dates([int(ref)]) if kind == EV_ENTRY else tasks.print_records([int(ref)])
        if not found:
            what = "公开台账中没有编号为 {} 的记录（用 ledger list 查看）" if kind == EV_ENTRY else \
                "没有编号为 {} 的公示打印记录（用 notice prints 查看）"
            raise InputError(what.format(ref))
    return Evidence(ev.task_id, kind, ref, note, ev.id, ev.added_at)


@dataclass
class AddEvidence:
    """Attach a note or a link to a task; undo removes it (redo brings back the same id)."""
    evidence: Evidence
    label: str = ""

    def __post_init__(self) -> None:
        self.label = self.label or f"为任务 {self.evidence.task_id} 添加佐证"

    def apply(self, store: CatalogStore) -> None:
        ev = check_evidence(store, self.evidence)
        new_id = TaskStore(store.ws).add_evidence(ev)
        self.evidence = Evidence(ev.task_id, ev.kind, ev.ref, ev.note, new_id, ev.added_at)

    def revert(self, store: CatalogStore) -> None:
        if self.evidence.id is not None:
            TaskStore(store.ws).remove_evidence(self.evidence.id)


@dataclass
class RemoveEvidence:
    """Take a piece of evidence off a task; undo puts it back with its id."""
    evidence_id: int
    label: str = "删除佐证"
    _saved: Evidence | None = field(default=None, repr=False)

    def apply(self, store: CatalogStore) -> None:
        self._saved = TaskStore(store.ws).remove_evidence(self.evidence_id)

    def revert(self, store: CatalogStore) -> None:
        if self._saved is not None:
            TaskStore(store.ws).add_evidence(self._saved)


TASK_COMMANDS = (SetTaskStatus, AddEvidence, RemoveEvidence)
__all__ = ["TASK_COMMANDS", "AddEvidence", "RemoveEvidence", "SetTaskStatus", "check_evidence"]
