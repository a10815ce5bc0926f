"""公开依据 that cites a repealed, expired or superseded document (table: standards/legal/repealed.json)."""
from __future__ import annotations

from collections.abc import Iterator

from catalog.checks.context import CheckContext
from catalog.checks.engine import ERROR, INFO, WARNING, Hit, rule
from catalog.checks.legal_table import ERROR_STATUSES, PLAN_ENDED, RepealedDoc
from catalog.checks.rules._text import quote
from catalog.township.items import CatalogItem

_STATUS_TEXT = {"废止": "已废止（{d} 起）", "失效": "已失效（实施期届满，{d} 起不再适用）",
                "修订": "是修订前的旧版本（新版自 {d} 起施行）", "被取代": "已被新规定取代（{d} 起）",
                PLAN_ENDED: "的规划期已结束"}


def _cited(ctx: CheckContext) -> Iterator[tuple]:
    table = ctx.repealed
    for item in ctx.checked:
        for entry in item.text.basis:
            row = table.match(entry)
            if row is not None:
                yield item, entry, row


def _hit(item: CatalogItem, entry: str, row: RepealedDoc) -> Hit:
    now = f"，现行为{row.replaced_by}" if row.replaced_by else ""
    if row.status == PLAN_ENDED:
        fix = "规划期已结束，请核对现行规划；仍在执行的内容可继续引用"
    elif row.replaced_by:
        fix = f"将{quote(entry, 60)}改为{row.replaced_by}"
    else:
        fix = f"删除{quote(entry, 60)}，改引现行有效的文件"
    status = _STATUS_TEXT[row.status].format(d=row.effective)
    return Hit(f"「{item.title}」的公开依据{quote(entry, 60)}{status}{now}",
               fix, item=item, field="basis")


@rule("B001", ERROR, "公开依据引用了已废止、失效或旧版本的文件")
def repealed_basis(ctx: CheckContext) -> Iterator[Hit]:
    for item, entry, row in _cited(ctx):
        if row.status in ERROR_STATUSES:
            yield _hit(item, entry, row)


@rule("B002", WARNING, "公开依据引用的文件已被新规定取代")
def superseded_basis(ctx: CheckContext) -> Iterator[Hit]:
    for item, entry, row in _cited(ctx):
        if row.status not in ERROR_STATUSES and row.status != PLAN_ENDED:
            yield _hit(item, entry, row)


@rule("B003", INFO, "公开依据引用的规划（“十三五”“十四五”）规划期已结束")
def ended_plan_basis(ctx: CheckContext) -> Iterator[Hit]:
    for item, entry, row in _cited(ctx):
        if row.status == PLAN_ENDED:
            yield _hit(item, entry, row)
