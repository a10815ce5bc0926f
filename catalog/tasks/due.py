"""Task due statuses on the ledger's working-day calendar, and the coverage warnings joined into one report.

`task_report(...)` is THE computation behind `tasks list`, the 工作台账 page and check rules W001–W003:
each task's state (已逾期 / N 个工作日内到期 / 未到期 / 期限不明 / 按期完成 / 逾期完成 / 不涉及), its
evidence, and the catalog's coverage: items whose 公开时限 passed with no disclosure (the ledger's
已逾期未公开, as `due` shows them) and 公开渠道 the catalog promises but no disclosure ever used.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from catalog.channels import normalize_channel
from catalog.tasks.model import DONE, EV_ITEM, EVIDENCE_KINDS, NOT_RELEVANT, Evidence, Task
from catalog.timelimits.workdays import WorkCalendar, fallback_warning

OVERDUE, DUE_SOON, PENDING, UNKNOWN, ONGOING, ON_TIME, LATE, DONE_UNDATED, SKIPPED = (
    "overdue", "due_soon", "pending", "unknown", "ongoing", "on_time", "late", "done", "not_relevant")
STATES = (OVERDUE, DUE_SOON, PENDING, UNKNOWN, ONGOING, LATE, ON_TIME, DONE_UNDATED, SKIPPED)
STATE_LABELS = {OVERDUE: "已逾期", DUE_SOON: "即将到期", PENDING: "未到期", UNKNOWN: "期限不明",
                ONGOING: "持续推进", ON_TIME: "按期完成", LATE: "逾期完成", DONE_UNDATED: "已完成",
                SKIPPED: "不涉及"}
OPEN_STATES = (OVERDUE, DUE_SOON, PENDING, UNKNOWN, ONGOING)
DEFAULT_WITHIN = 5          # working days ahead that count as 即将到期


@dataclass(frozen=True)
class TaskDue:
    """One task with its state on a given day and what backs it up."""
    task: Task
    state: str
    due: date | None                 # the last working day on or before the stated deadline
    workdays_left: int | None        # open tasks: working days from today to `due` (negative: overdue)
    evidence: Mapping[str, int] = field(default_factory=dict)   # kind → count
    items: tuple[str, ...] = ()      # catalog items linked as evidence
    alerts: tuple[str, ...] = ()     # e.g. a linked item is 已逾期未公开

    @property
    def state_text(self) -> str:
        if self.state == DUE_SOON and self.workdays_left is not None:
            return "今天到期" if self.workdays_left <= 0 else f"{self.workdays_left} 个工作日内到期"
        if self.state == OVERDUE and self.workdays_left is not None:
            return f"已逾期 {-self.workdays_left} 个工作日" if self.workdays_left < 0 else "已逾期"
        return STATE_LABELS[self.state]

    @property
    def evidence_count(self) -> int:
        return sum(self.evidence.values())

    def completion(self) -> str:
        """完成情况 as a county reads it: 已完成（2026-11-20），佐证 3 项：说明….; 不涉及：原因 …"""
        t = self.task
        ev = f"，佐证 {self.evidence_count} 项" if self.evidence_count else ""
        note = f"：{t.note}" if t.note else ""
        if t.status == DONE:
            when = f"（{t.done_on.isoformat()}）" if t.done_on else ""
            late = "，逾期完成" if self.state == LATE else ""
            return f"已完成{when}{late}{ev}{note}"
        if t.status == NOT_RELEVANT:
            return f"不涉及{note}"
        return f"{t.status}{ev}{note}"

    def to_dict(self) -> dict[str, Any]:
        d = self.task.to_dict()
        d.update(state=self.state, state_text=self.state_text, due=self.due.isoformat() if self.due else None,
                 workdays_left=self.workdays_left, evidence=dict(self.evidence),
                 evidence_count=self.evidence_count,
                 linked_items=list(self.items), alerts=list(self.alerts), completion=self.completion())
        return d


@dataclass(frozen=True)
class StaleItem:
    """A catalog item whose 公开时限 passed with no disclosure (the ledger's 已逾期未公开)."""
    uid: str
    title: str
    detail: str                      # the periods or records overdue
    tasks: tuple[int, ...] = ()      # tasks that link this item

    def to_dict(self) -> dict[str, Any]:
        return {"uid": self.uid, "title": self.title, "detail": self.detail, "tasks": list(self.tasks)}


@dataclass(frozen=True)
class UnusedChannel:
    """A 公开渠道 the catalog's items name that no disclosure in the ledger has used."""
    channel: str
    items: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"channel": self.channel, "items": list(self.items)}


@dataclass(frozen=True)
class TaskReport:
    today: date
    within: int
    tasks: tuple[TaskDue, ...]
    stale: tuple[StaleItem, ...] = ()
    unused_channels: tuple[UnusedChannel, ...] = ()
    ledger_in_use: bool = False
    fallback_years: tuple[int, ...] = ()

    @property
    def warning(self) -> str | None:
        return fallback_warning(list(self.fallback_years))

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(STATES, 0)
        for t in self.tasks:
            out[t.state] += 1
        return out

    def by_id(self) -> dict[int, TaskDue]:
        return {t.task.id: t for t in self.tasks if t.task.id is not None}

    def coverage_lines(self) -> list[str]:
        """The coverage warnings as sentences (CLI, page, docs)."""
        out = [f"目录事项 {s.uid}「{s.title}」已过公开时限仍未公开：{s.detail}"
               + (f"（关联任务 {'、'.join(map(str, s.tasks))}）" if s.tasks else "") for s in self.stale]
        out += [f"公开渠道「{c.channel}」在目录中有 {len(c.items)} 个事项使用，"
                "但公开台账中从未登记经此渠道的公开"
                for c in self.unused_channels]
        return out

    def to_json(self) -> dict[str, Any]:
        """The `tasks list --json` contract."""
        return {"today": self.today.isoformat(), "within_workdays": self.within, "warning": self.warning,
                "counts": self.counts(), "tasks": [t.to_dict() for t in self.tasks],
                "coverage": {"ledger_in_use": self.ledger_in_use,
                             "stale_items": [s.to_dict() for s in self.stale],
                             "unused_channels": [c.to_dict() for c in self.unused_channels],
                             "warnings": self.coverage_lines()}}


def last_workday(cal: WorkCalendar, d: date) -> date:
    """d when it is a working day, else the working day before it (a 月底前 deadline on a Saturday)."""
    for _ in range(40):
        if cal.is_workday(d):
            return d
        d -= timedelta(days=1)
    return d


def task_state(task: Task, *, calendar: WorkCalendar, today: date, within: int = DEFAULT_WITHIN
               ) -> tuple[str, date | None, int | None]:
    """(state, effective due date, working days left) of one task on `today`."""
    due = last_workday(calendar, task.deadline) if task.deadline else None
    if task.status == NOT_RELEVANT:
        return SKIPPED, due, None
    if task.status == DONE:
        if task.deadline is None or task.done_on is None:
            return DONE_UNDATED, due, None
        return (ON_TIME if task.done_on <= task.deadline else LATE), due, None
    if due is None or task.deadline is None:
        return (ONGOING if task.deadline_kind == "ongoing" else UNKNOWN), None, None
    if today > task.deadline:
        return OVERDUE, due, -calendar.workdays_between(due, today) if today > due else 0
    left = calendar.workdays_between(today, due) if today <= due else 0
    return (DUE_SOON if left <= within else PENDING), due, left


def task_report(tasks: Sequence[Task], evidence: Iterable[Evidence], *, calendar: WorkCalendar, today: date,
                within: int = DEFAULT_WITHIN, stale: Mapping[str, tuple[str, str]] | None = None,
                catalog_channels: Mapping[str, Sequence[str]] | None = None,
                used_channels: Iterable[str] | None = None) -> TaskReport:
    """Join tasks, their evidence and the catalog's coverage (pure: pass what the stores read).

    stale: uid → (title, detail) of items the ledger shows 已逾期未公开; catalog_channels: uid → channels of
    the adopted items in scope; used_channels: channels of every ledger entry (None: the ledger is unused,
    so no channel warning is made).
    """
    by_task: dict[int, list[Evidence]] = {}
    for ev in evidence:
        by_task.setdefault(ev.task_id, []).append(ev)
    stale = stale or {}
    out = []
    for t in tasks:
        evs = by_task.get(t.id or -1, [])
        state, due, left = task_state(t, calendar=calendar, today=today, within=within)
        counts = Counter(e.kind for e in evs)
        items = tuple(dict.fromkeys(e.ref for e in evs if e.kind == EV_ITEM))
        alerts = tuple(f"关联的目录事项 {u} 已逾期未公开：{stale[u][1]}" for u in items if u in stale)
        kinds = {k: counts[k] for k in EVIDENCE_KINDS if counts[k]}
        out.append(TaskDue(t, state, due, left, kinds, items, alerts))
    linked: dict[str, list[int]] = {}
    for td in out:
        for u in td.items:
            linked.setdefault(u, []).append(td.task.id or 0)
    stale_items = tuple(StaleItem(u, title, detail, tuple(linked.get(u, ())))
                        for u, (title, detail) in stale.items())
    unused: tuple[UnusedChannel, ...] = ()
    if used_channels is not None and catalog_channels:
        used = {normalize_channel(c) for c in used_channels if c}
        declared: dict[str, list[str]] = {}
        for uid, chans in catalog_channels.items():
            for c in chans:
                declared.setdefault(normalize_channel(c), []).append(uid)
        unused = tuple(UnusedChannel(c, tuple(uids)) for c, uids in declared.items() if c and c not in used)
    years = sorted({t.deadline.year for t in tasks if t.deadline} | {today.year})
    fallback = tuple(y for y in years if calendar.source(y) == "weekends")
    return TaskReport(today, within, tuple(out), stale_items, unused, used_channels is not None, fallback)
