"""Local items (本地自定事项): each needs its own 公开依据, since no guide vouches for it."""
from __future__ import annotations

from collections.abc import Iterator

from catalog.checks.context import CheckContext
from catalog.checks.engine import ERROR, Hit, rule
from catalog.checks.rules._text import empty


@rule("L001", ERROR, "本地增加的事项没有公开依据")
def local_without_basis(ctx: CheckContext) -> Iterator[Hit]:
    for item in ctx.checked:
        if item.local and empty(item.text.basis):
            yield Hit(f"本地事项「{item.title}」（{item.uid}）没有公开依据",
                      "写明本事项的法律法规或政策依据（带书名号）；没有依据的事项不宜列入标准目录",
                      item=item, field="basis")
