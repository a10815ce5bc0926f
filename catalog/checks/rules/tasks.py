"""工作台账 (catalog.tasks): tasks past their deadline (W001) or due soon and not started (W002), and 公开渠道
the catalog names that no disclosure in the 公开台账 ever used (W003).

The states are catalog.tasks.task_report — the same computation as `tasks list` and the 工作台账 page.
W001/W002 are silent until a task list is imported; W003 until the ledger is in use and a list is imported.
Items whose 公开时限 passed with no disclosure are Y001 (the report lists them too, with the tasks
linking them). All three are 提示: they describe the township's work, not a defect of the catalog, so they
never move the catalog's score (a catalog-level rule that is silent would otherwise count as passed).
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from catalog.checks.engine import CATALOG, INFO, Hit, rule


def _report(ctx: Any) -> Any:
    """catalog.tasks.due.task_report over the snapshot, the adopted items and the ledger's entries."""
    snap = ctx.tasks
    if snap is None:
        return None

    def compute(c: Any) -> Any:
        from catalog.ledger.due import in_scope
        from catalog.tasks.due import task_report
        choices = dict(c.domain_choices)
        channels = {i.uid: list(i.text.channels or ()) for i in c.adopted if in_scope(i, choices)}
        used = None if c.ledger is None else [ch for e in c.ledger.entries for ch in e.channels]
        return task_report(snap.tasks, snap.evidence, calendar=snap.calendar, today=c.today,
                           catalog_channels=channels, used_channels=used)
    return ctx.shared("tasks_report", compute)


def _name(td: Any) -> str:
    t = td.task
    text = " ".join((t.requirement or t.title).split())
    return f"任务 {t.id}（{t.code}）「{text[:40]}{'…' if len(text) > 40 else ''}」"


@rule("W001", INFO, "工作台账中有已过完成时限仍未完成的任务", population=CATALOG)
def overdue_tasks(ctx: Any) -> Iterator[Hit]:
    report = _report(ctx)
    if report is None:
        return
    for td in report.tasks:
        if td.state == "overdue":
            yield Hit(f"{_name(td)}完成时限 {td.task.deadline_info.label} 已过，状态仍为{td.task.status}",
                      "完成后在工作台账标为“已完成”并登记完成日期和佐证（tasks set / tasks link）；"
                      "本镇不承担的标为“不涉及”并写明原因")


@rule("W002", INFO, "工作台账中有即将到期仍未开始的任务", population=CATALOG)
def due_soon_tasks(ctx: Any) -> Iterator[Hit]:
    report = _report(ctx)
    if report is None:
        return
    for td in report.tasks:
        if td.state == "due_soon" and td.task.status == "未开始":
            yield Hit(f"{_name(td)}{td.state_text}（{td.task.deadline_info.label}），尚未开始",
                      "安排落实，开始后标为“推进中”")


@rule("W003", INFO, "目录写明的公开渠道在公开台账中从未使用", population=CATALOG)
def unused_channels(ctx: Any) -> Iterator[Hit]:
    report = _report(ctx)
    if report is None:
        return
    for c in report.unused_channels:
        sample = "、".join(c.items[:5]) + (f" 等 {len(c.items)} 个事项" if len(c.items) > 5 else "")
        yield Hit(f"目录中 {sample} 写明通过「{c.channel}」公开，但公开台账中从未登记经此渠道的公开",
                  "经此渠道公开后在公开台账登记（ledger add --channel）；实际不用的渠道从这些事项中删去",
                  field="channels")
