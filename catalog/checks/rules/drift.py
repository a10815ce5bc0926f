"""Drift from the guide: an adopted item whose text differs from its guide item (提示, with the difference),
and items whose guide item the guide in force no longer has."""
from __future__ import annotations

from collections.abc import Iterator

from catalog.checks.context import CheckContext
from catalog.checks.engine import INFO, WARNING, Hit, field_label, rule
from catalog.checks.rules._text import empty, quote
from catalog.model import Marks, mark_text

# The subject is localized by compile and the level marks are the clerk's decision: neither is drift.
TEXT_COMPARED = ("level1", "level2", "content", "basis", "time_limit", "channels")
MARKS_COMPARED = ("public", "specific", "active", "on_request")


TextValue = str | tuple[str, ...] | None      # an ItemText field: level1 … channels


def _norm(value: TextValue) -> str | tuple[str, ...]:
    if isinstance(value, (tuple, list)):
        return tuple(" ".join(str(v).split()) for v in value if str(v).strip())
    return " ".join(str(value or "").split())


def _marks_equal(guide_marks: Marks, marks: Marks) -> bool:
    return all(getattr(guide_marks, n) is None or bool(getattr(guide_marks, n)) == bool(getattr(marks, n))
               for n in MARKS_COMPARED)


def describe_difference(guide_value: TextValue, value: TextValue) -> str:
    """'增加「x」；删除「y」' for lists, '指引「a」→ 目录「b」' for texts."""
    if isinstance(guide_value, tuple):
        added = [v for v in _norm(value) if v not in _norm(guide_value)]
        removed = [v for v in _norm(guide_value) if v not in _norm(value)]
        parts = [f"增加{quote(v, 30)}" for v in added] + [f"删除{quote(v, 30)}" for v in removed]
        return "；".join(parts) if parts else "顺序不同"
    assert not isinstance(value, tuple)     # the same field as guide_value: a text field
    return f"指引{quote(guide_value)} → 目录{quote(value)}"


@rule("G001", INFO, "事项内容与标准指引不同（本地调整）")
def differs_from_guide(ctx: CheckContext) -> Iterator[Hit]:
    for item in ctx.adopted:
        gi = ctx.guide_item(item.guide_item_id)
        if gi is None or item.local:
            continue
        text = item.text
        for name in TEXT_COMPARED:
            guide_value = getattr(gi.text, name)
            value = getattr(text, name)
            if guide_value == value or empty(guide_value):
                continue      # unchanged, or filling a gap of the guide data (not drift)
            if _norm(guide_value) != _norm(value):
                change = describe_difference(guide_value, value)
                yield Hit(f"「{item.title}」的{field_label(name)}与标准指引不同：{change}",
                          "本地确需调整的可保留；否则按标准指引恢复", item=item, field=name)
        if _marks_equal(gi.marks, text.marks):
            continue
        for name in MARKS_COMPARED:
            guide_value = getattr(gi.marks, name)
            if guide_value is not None and bool(guide_value) != bool(item.field(name)):
                yield Hit(f"「{item.title}」的“{field_label(name)}”与标准指引不同：指引 "
                          f"{mark_text(guide_value) or '空'} → 目录 {mark_text(item.field(name)) or '空'}",
                          "本地确需调整的可保留；否则按标准指引恢复", item=item, field=name)


@rule("G002", WARNING, "现行标准指引已删除或找不到本事项")
def withdrawn_from_guide(ctx: CheckContext) -> Iterator[Hit]:
    for item in ctx.adopted:
        if item.local or not item.guide_item_id:
            continue
        gi = ctx.guide_item(item.guide_item_id)
        if gi is None or gi.withdrawn:
            why = "已删除" if gi is not None else "中找不到"
            yield Hit(f"「{item.title}」（{item.guide_item_id}）在现行标准指引{why}本事项",
                      "核对新版标准指引：确已取消的，标记为“不适用”并写明原因；本镇仍需公开的，可改为本地事项",
                      item=item, field="level2")
