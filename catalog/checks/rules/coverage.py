"""Coverage: every 乡级 guide item is in the catalog (or 不适用 with a reason); domains and levels decided."""
from __future__ import annotations

from collections.abc import Iterator

from catalog.checks.context import CheckContext
from catalog.checks.engine import ALL_ITEMS, DOMAINS, ERROR, GUIDE_ITEMS, WARNING, Hit, rule
from catalog.township.compile import adoption_status
from catalog.township.items import ADOPTED, NOT_APPLICABLE, PENDING_LEVEL


@rule("C001", ERROR, "标准指引中的乡级事项不在目录中", population=GUIDE_ITEMS)
def missing_township_items(ctx: CheckContext) -> Iterator[Hit]:
    for no in ctx.applicable_nos:
        guide = ctx.guide(no)
        if guide is None or not ctx.items_by_domain.get(no):
            continue   # a domain with no items at all is C004's business
        present = {i.guide_item_id for i in ctx.items_by_domain[no] if i.guide_item_id}
        for gi in guide.active_items:
            if gi.id not in present and adoption_status(gi) == ADOPTED:
                yield Hit(f"目录缺少标准指引的乡级事项「{gi.text.title}」（{gi.id}）",
                          "重新编制目录"
                          "（文件 › 乡镇信息与领域…；命令行用 compile 命令）把它补回；"
                          "确实不涉及的，补回后标记为“不适用”并写明原因",
                          domain_no=no, item_id=gi.id, item_title=gi.text.title)


@rule("C002", ERROR, "标记为不适用的事项没有写原因", population=ALL_ITEMS)
def not_applicable_without_reason(ctx: CheckContext) -> Iterator[Hit]:
    for item in ctx.in_scope:
        if item.status == NOT_APPLICABLE and not item.na_reason.strip():
            yield Hit(f"「{item.title}」标记为不适用，但没有写原因",
                      "填写不适用的原因（如“本镇无国有土地上房屋征收”），或改回“已纳入”", item=item,
                      field="na_reason")


@rule("C003", ERROR, "标记为不涉及的领域没有写原因", population=DOMAINS)
def domain_not_involved_without_reason(ctx: CheckContext) -> Iterator[Hit]:
    for no, (applies, reason) in sorted(ctx.domain_choices.items()):
        if not applies and not (reason or "").strip():
            yield Hit(f"领域「{ctx.domain_name(no)}」标记为不涉及，但没有写原因",
                      "写明不涉及的原因（如“本镇无此类事项，由县级部门统一公开”），或改回“涉及”",
                      domain_no=no, field="domain")


@rule("C004", ERROR, "涉及的领域还没有编制目录", population=DOMAINS, blocking=True)
def domain_not_compiled(ctx: CheckContext) -> Iterator[Hit]:
    for no in ctx.applicable_nos:
        guide = ctx.guide(no)
        if ctx.items_by_domain.get(no) or guide is None:
            continue
        if any(adoption_status(gi) is not None for gi in guide.active_items):
            yield Hit(f"领域「{guide.domain}」还没有编制目录（目录中没有本领域的事项）",
                      "编制本领域目录"
                      "（文件 › 乡镇信息与领域…；命令行用 compile 命令）；"
                      "本镇确不涉及的，将领域标记为“不涉及”并写明原因",
                      domain_no=no, field="domain")


@rule("C005", WARNING, "事项的公开层级待确认（标准指引没写是否由乡镇公开）", population=ALL_ITEMS)
def pending_level(ctx: CheckContext) -> Iterator[Hit]:
    for item in ctx.in_scope:
        if item.status == PENDING_LEVEL:
            yield Hit(f"「{item.title}」层级待确认：标准指引没有写明是否由乡镇公开，请决定是否纳入本镇目录",
                      "由本镇公开的：勾选“乡级”并设为“已纳入”（之后会检查其余内容）；只由县级部门公开的："
                      "标记为“不适用”并写明原因（如“县级事项，由县农业农村局公开”）",
                      item=item, field="township")
