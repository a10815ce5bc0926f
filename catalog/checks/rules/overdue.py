"""Disclosures the 公开台账 shows as late: overdue and unpublished (Y001),
published after the deadline (Y002).

The statuses are catalog.ledger.disclosure_statuses — the same computation `due` and the dashboard show.
Silent while the ledger is not in use (no entry and no start date): a catalog alone says nothing of dates.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from catalog.checks.context import CheckContext
from catalog.checks.engine import INFO, WARNING, Hit, rule

if TYPE_CHECKING:
    from catalog.ledger.due import ItemDue


def _report(ctx: CheckContext) -> dict[str, ItemDue] | None:
    snap = ctx.ledger
    if snap is None:
        return None

    def compute(c: CheckContext) -> dict[str, ItemDue]:
        from catalog.ledger.due import disclosure_statuses
        return disclosure_statuses(c.adopted, snap.entries, calendar=snap.calendar, today=c.today,
                                   since=snap.since, domain_choices=dict(c.domain_choices)).by_uid()
    return ctx.shared("ledger_due", compute)


def _labels(item_due: ItemDue, status: str) -> str:
    obs = [o for o in item_due.obligations if o.status == status]
    text = "、".join(f"{o.label}（期限 {o.due.isoformat()}）" if o.due else o.label for o in obs[:3])
    return text + (f" 等 {len(obs)} 项" if len(obs) > 3 else "")


@rule("Y001", WARNING, "公开台账显示已逾期未公开")
def overdue(ctx: CheckContext) -> Iterator[Hit]:
    due = _report(ctx)
    if not due:
        return
    for item in ctx.adopted:
        d = due.get(item.uid)
        if d is not None and d.status == "overdue":
            yield Hit(f"已过公开期限仍未公开：{_labels(d, 'overdue')}",
                      "尽快公开并在公开台账登记（ledger add），已公开的请补登公开日期", item=item,
                      field="time_limit")


@rule("Y002", INFO, "公开台账中有逾期公开的记录")
def published_late(ctx: CheckContext) -> Iterator[Hit]:
    due = _report(ctx)
    if not due:
        return
    for item in ctx.adopted:
        d = due.get(item.uid)
        if d is not None and any(o.status == "late" for o in d.obligations):
            yield Hit(f"最近一年有公开晚于期限：{_labels(d, 'late')}",
                      "核对形成日期和公开日期；今后在期限前公开（due 命令可提前提醒）", item=item,
                      field="time_limit")
