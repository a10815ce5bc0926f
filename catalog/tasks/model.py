"""A 工作要点 task (one requirement of a received task list), its 状态 and its evidence."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any

from catalog.errors import InputError
from catalog.tasks.deadlines import Deadline

NOT_STARTED, IN_PROGRESS, DONE, NOT_RELEVANT = "未开始", "推进中", "已完成", "不涉及"
STATUSES = (NOT_STARTED, IN_PROGRESS, DONE, NOT_RELEVANT)
_STATUS_ALIASES = {"未启动": NOT_STARTED, "进行中": IN_PROGRESS, "正在推进": IN_PROGRESS, "完成": DONE,
                   "已办结": DONE, "办结": DONE, "不适用": NOT_RELEVANT, "无此项": NOT_RELEVANT,
                   "todo": NOT_STARTED, "doing": IN_PROGRESS, "done": DONE, "na": NOT_RELEVANT}

# Evidence kinds: a note, a catalog item, a 公开台账 disclosure, a noticeboard print record.
EV_NOTE, EV_ITEM, EV_ENTRY, EV_PRINT = "note", "item", "entry", "print"
EVIDENCE_KINDS = (EV_NOTE, EV_ITEM, EV_ENTRY, EV_PRINT)
EVIDENCE_LABELS = {EV_NOTE: "说明", EV_ITEM: "目录事项", EV_ENTRY: "公开记录", EV_PRINT: "公示打印"}


@dataclass(frozen=True)
class Task:
    """One task as tracked: where it came from (sheet, row, sub-requirement), deadline, 状态."""
    title: str                       # 工作任务 (the merged cell above, for a split requirement)
    requirement: str = ""            # 具体要求: this numbered requirement's text
    section: str = ""                # 一、年底前专项工作任务
    unit: str = ""                   # 责任单位 as written
    remark: str = ""                 # 备注 as received
    code: str = ""                   # 一.3.2: section, row number in the section, requirement number
    deadline: date | None = None
    deadline_text: str = ""          # the words it was read from; "" when unknown
    deadline_kind: str = "unknown"
    relevant: bool | None = None     # 责任单位 names townships (True), only others (False), unclear (None)
    status: str = NOT_STARTED
    note: str = ""                   # progress note; for 不涉及 the reason
    done_on: date | None = None      # 已完成: the date it was finished
    changed_on: date | None = None   # when the status was last set
    sheet: str = ""
    row: int = 0                     # 1-based row of the received sheet
    sub: int = 0                     # 0: the whole row; n: its n-th numbered requirement
    seq: int = 0                     # order in the list
    list_id: int | None = None
    id: int | None = None

    @property
    def deadline_info(self) -> Deadline:
        return Deadline(self.deadline, self.deadline_text, self.deadline_kind)

    @property
    def text(self) -> str:
        """The requirement, or the task itself when the row had no separate requirement."""
        return self.requirement or self.title

    def with_(self, **changes: Any) -> Task:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for k in ("deadline", "done_on", "changed_on"):
            d[k] = d[k].isoformat() if d[k] else None
        d["deadline_label"] = self.deadline_info.label
        return d


@dataclass(frozen=True)
class Evidence:
    """A piece of evidence for a task: a note, or a link to a catalog item, disclosure or print."""
    task_id: int
    kind: str
    ref: str = ""                    # item uid, ledger entry id, print id; "" for a note
    note: str = ""
    id: int | None = None
    added_at: str = field(default="", compare=False)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def status_value(text: str | None) -> str:
    """'进行中' → 推进中 …; InputError listing the four statuses for anything else."""
    t = (text or "").strip()
    if t in STATUSES:
        return t
    if t.lower() in _STATUS_ALIASES:
        return _STATUS_ALIASES[t.lower()]
    raise InputError(f"状态「{t}」无法识别，应为：{'、'.join(STATUSES)}")


def with_status(task: Task, status: str, *, note: str | None, on: date, today: date) -> Task:
    """The task after a status change, checked: 不涉及 needs a reason; 已完成 a date not in the future."""
    status = status_value(status)
    new_note = task.note if note is None else note.strip()
    if status == NOT_RELEVANT and not new_note:
        raise InputError("标记为“不涉及”时必须写明原因（--note），如“本镇无此项工作，由县政务公开办负责”")
    if status == DONE and on > today:
        raise InputError(f"完成日期 {on.isoformat()} 晚于今天，请核对")
    done_on = on if status == DONE else None
    return task.with_(status=status, note=new_note, done_on=done_on, changed_on=on)
