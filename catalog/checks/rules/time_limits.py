"""公开时限: understood (catalog.timelimits.parse), periodic with a period, within the statutory 20
workdays."""
from __future__ import annotations

from collections.abc import Iterator

from catalog.checks.context import CheckContext
from catalog.checks.engine import ERROR, WARNING, Hit, rule
from catalog.checks.rules._text import empty, quote
from catalog.timelimits.parse import exceeds_statutory
from catalog.township.items import CatalogItem

CLEAR_EXAMPLES = "如“信息形成或者变更之日起20个工作日内”“每季度结束后10个工作日内”“实时公开”"


def _with_limits(ctx: CheckContext) -> Iterator[tuple]:
    for item in ctx.checked:
        if not empty(item.text.time_limit):           # empty is F001/F002's business
            yield item, ctx.time_limit(item.text.time_limit)


def _as_in_guide(ctx: CheckContext, item: CatalogItem) -> bool:
    gi = ctx.guide_item(item.guide_item_id)
    if gi is None or item.local:
        return False
    return (gi.text.time_limit or "").strip() == (item.text.time_limit or "").strip()


@rule("T001", WARNING, "公开时限无法识别")
def unparsed(ctx: CheckContext) -> Iterator[Hit]:
    for item, tl in _with_limits(ctx):
        if not tl.understood:
            yield Hit(f"「{item.title}」的公开时限{quote(item.text.time_limit)}无法识别：{tl.reason}",
                      f"改写为明确的期限，{CLEAR_EXAMPLES}", item=item, field="time_limit")


@rule("T002", ERROR, "公开时限超过《政府信息公开条例》的20个工作日，且没有写明法律例外")
def exceeds_edited(ctx: CheckContext) -> Iterator[Hit]:
    for item, tl in _with_limits(ctx):
        if tl.understood and exceeds_statutory(tl) and not _as_in_guide(ctx, item):
            yield Hit(f"「{item.title}」的公开时限{quote(item.text.time_limit)}（{tl.describe()}）"
                      "超过《政府信息公开条例》（国务院令第711号）第二十六条规定的20个工作日，"
                      "且没有写明法律、法规另有规定",
                      "缩短到20个工作日以内；确有法律、法规另行规定的，写明“法律、法规另有规定的，从其规定”"
                      "并在公开依据中列出该法规", item=item, field="time_limit")


@rule("T003", WARNING, "标准指引原文的公开时限超过20个工作日（请核对法律依据）")
def exceeds_as_in_guide(ctx: CheckContext) -> Iterator[Hit]:
    for item, tl in _with_limits(ctx):
        if tl.understood and exceeds_statutory(tl) and _as_in_guide(ctx, item):
            yield Hit(f"「{item.title}」的公开时限{quote(item.text.time_limit)}（{tl.describe()}）"
                      "超过20个工作日；标准指引原文如此，但没有写明法律例外",
                      "核对公开依据中的法律法规是否另有期限规定：有的，补写“法律、法规另有规定的，从其规定”；"
                      "没有的，改为20个工作日以内", item=item, field="time_limit")


@rule("T004", WARNING, "公开时限只写“定期”，没有写明周期")
def vague_periodic(ctx: CheckContext) -> Iterator[Hit]:
    for item, tl in _with_limits(ctx):
        parts = tl.parts if tl.kind == "multi" else (tl,)
        if any(p.kind == "periodic" and p.period is None and p.fixed_due is None for p in parts):
            yield Hit(f"「{item.title}」的公开时限{quote(item.text.time_limit)}只写了“定期”，"
                      "没有写明多久公开一次",
                      "写明周期，如“每季度”“每年1月31日前”“每月10日前”", item=item, field="time_limit")
