"""Required fields of an adopted item: 公开内容, 依据, 时限, 主体, 渠道, 对象, 方式 — and whether the guide
data lacks them.

A field the shipped guide data itself lacks (null) is reported as such (F002, fix "对照正式标准指引补填"), so
the clerk knows the gap came from incomplete reference data, not from an edit.
"""
from __future__ import annotations

from collections.abc import Iterator

from catalog.checks.context import CheckContext
from catalog.checks.engine import ERROR, Hit, field_label, rule
from catalog.checks.rules._text import empty
from catalog.township.items import CatalogItem

# field → how to fill it in (F001)
FIX = {
    "content": "填写公开内容（要素），如“补贴对象、补贴标准、补贴结果”",
    "basis": "填写公开依据：法律法规或政策文件的名称（带书名号）",
    "time_limit": "填写公开时限，如“信息形成或者变更之日起20个工作日内”",
    "subject": "填写公开主体，如“{gov}”",
    "channels": "至少选择一个公开渠道，如“社区/企事业单位/村公示栏(电子屏)”和“政府网站”",
    "audience": "勾选公开对象：“全社会”或“特定群体”",
    "mode": "勾选公开方式：“主动”或“依申请”",
}
TEXT_REQUIRED = ("content", "basis", "time_limit", "subject", "channels")
MARK_PAIRS = {"audience": ("public", "specific"), "mode": ("active", "on_request")}


def missing_fields(item: CatalogItem) -> list[str]:
    """The required fields (text names, or audience/mode for √ pairs) that the item leaves empty.
    A local item's empty 公开依据 is left to rule L001."""
    t, m = item.text, item.text.marks
    out = [f for f in TEXT_REQUIRED if empty(getattr(t, f)) and not (f == "basis" and item.local)]
    if not (m.public or m.specific):
        out.append("audience")
    if not (m.active or m.on_request):
        out.append("mode")
    return out


def guide_lacks(ctx: CheckContext, item: CatalogItem, name: str) -> bool:
    """True when the item comes from a guide item that has nothing in this field either."""
    gi = ctx.guide_item(item.guide_item_id)
    if gi is None or item.local:
        return False
    if name in MARK_PAIRS:
        return not any(getattr(gi.marks, n) for n in MARK_PAIRS[name])
    return empty(getattr(gi.text, name))


def gaps(ctx: CheckContext) -> list[tuple]:
    """(item, field, guide data lacks it) for every required field an adopted item leaves empty; shared."""
    return ctx.shared("fields.gaps", lambda c: [(item, name, guide_lacks(c, item, name))
                                               for item in c.checked for name in missing_fields(item)])


@rule("F001", ERROR, "必填字段为空（公开内容、依据、时限、主体、渠道、对象、方式）")
def empty_required(ctx: CheckContext) -> Iterator[Hit]:
    for item, name, lacking in gaps(ctx):
        if not lacking:
            label = field_label(name)
            what = "未勾选" if name in MARK_PAIRS else "为空"
            yield Hit(f"「{item.title}」的{label}{what}", FIX[name].format(gov=ctx.government),
                      item=item, field=name)


@rule("F002", ERROR, "必填字段为空，且随附的标准指引数据本身缺少此项")
def guide_data_lacks(ctx: CheckContext) -> Iterator[Hit]:
    for item, name, lacking in gaps(ctx):
        if lacking:
            label = field_label(name)
            yield Hit(f"「{item.title}」的{label}为空：随附的标准指引数据缺少此项（{item.guide_item_id}）",
                      f"对照正式标准指引补填「{label}」", item=item, field=name)
