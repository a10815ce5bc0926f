"""Duplicates: the same guide item twice, or local items named like another item of the same domain."""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache

from catalog.checks.context import CheckContext
from catalog.checks.engine import ALL_ITEMS, ERROR, WARNING, Hit, rule
from catalog.township.items import NOT_APPLICABLE, CatalogItem


def name_key(item: CatalogItem) -> str:
    """Compare names without width, spaces or punctuation:
    '农机购置补贴（ 2024 ）' == '农机购置补贴(2024)'."""
    return _key(item.text.level1, item.text.level2)


@lru_cache(maxsize=8192)
def _key(level1: str, level2: str) -> str:
    text = unicodedata.normalize("NFKC", f"{level1}/{level2}")
    return re.sub(r"[\s,.;:、，。；：()（）《》“”\"'-]", "", text)


@rule("D001", ERROR, "同一标准指引事项在目录中出现两次", population=ALL_ITEMS)
def same_guide_item_twice(ctx: CheckContext) -> Iterator[Hit]:
    seen: dict[str, CatalogItem] = {}
    for item in ctx.in_scope:
        if not item.guide_item_id:
            continue
        first = seen.setdefault(item.guide_item_id, item)
        if first is not item:
            yield Hit(f"「{item.title}」（{item.uid}）与 {first.uid} 是同一个标准指引事项 "
                      f"{item.guide_item_id}",
                      f"保留一个：删除重复的本地事项 {item.uid}，或把需要的内容合并到 {first.uid}",
                      item=item, field="level2")


@rule("D002", WARNING, "本地事项与同领域的其他事项同名", population=ALL_ITEMS)
def same_name(ctx: CheckContext) -> Iterator[Hit]:
    by_name: dict[tuple[int, str], list] = defaultdict(list)
    for item in ctx.in_scope:
        if item.status != NOT_APPLICABLE:
            by_name[(item.domain_no, name_key(item))].append(item)
    for group in by_name.values():
        if len(group) < 2:
            continue
        for item in group:
            if item.local:
                others = "、".join(o.uid for o in group if o is not item)
                yield Hit(f"本地事项「{item.title}」（{item.uid}）与 {others} 同名",
                          "合并重复的事项，或改名以区分",
                          item=item, field="level2")
