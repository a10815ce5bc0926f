"""Guide completeness (issue 4 item 3): a domain compiled from partial guide data gets a 提示."""
from __future__ import annotations

from collections.abc import Iterator

from catalog.checks.context import CheckContext
from catalog.checks.engine import DOMAINS, INFO, Hit, rule


@rule("K001", INFO, "本领域标准指引数据不完整", population=DOMAINS)
def partial_guide(ctx: CheckContext) -> Iterator[Hit]:
    for no in ctx.applicable_nos:
        guide = ctx.guide(no)
        if guide is not None and guide.completeness.status == "partial" and ctx.items_by_domain.get(no):
            c = guide.completeness
            yield Hit(f"本领域标准指引数据不完整（只有已核实的 {c.known_items} 项；来源：{c.source}），"
                      "目录可能缺少事项，部分字段为空",
                      "取得正式标准指引表格后，用“导入标准指引”（guides import）更新本领域，再重新编制目录",
                      domain_no=no, field="domain")
