"""Imported guide versions: merge an official table into a domain's guide with stable item IDs."""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from catalog.guides.shipped import Completeness, Guide, GuideItem, GuideSet, guide_from_dict, guide_to_dict
from catalog.model import ItemText


def name_key(level1: str, level2: str) -> tuple[str, str]:
    """Match rows by their item names, ignoring spaces, punctuation width and 的/of noise."""
    def norm(s: str) -> str:
        s = re.sub(r"\s+", "", s or "")
        return s.translate(str.maketrans("（）：；，、", "():;,,"))
    return norm(level1), norm(level2)


def merge_guide(previous: Guide, rows: list[ItemText], *, source: str, file: str,
                imported_at: str | None = None) -> Guide:
    """A new version of `previous` holding `rows` in order.

    Rows keep the ID of the item with the same (一级事项, 二级事项) — withdrawn ones included, so an
    item that comes back gets its old ID; new rows get new IDs after the highest ever used; items
    missing from the table are kept as withdrawn."""
    by_name: dict[tuple[str, str], GuideItem] = {}
    for it in previous.items:
        by_name.setdefault(name_key(it.level1, it.level2), it)
    next_seq = max((it.seq for it in previous.items), default=0) + 1
    new_items: list[GuideItem] = []
    used: set[str] = set()
    for text in rows:
        old = by_name.get(name_key(text.level1, text.level2))
        if old is not None and old.id not in used:
            item = replace(old, text=text, withdrawn=False)
        else:
            item = GuideItem(id=f"{previous.no:02d}-{next_seq:03d}", domain_no=previous.no, seq=next_seq,
                             text=text, confidence="high", remark="")
            next_seq += 1
        used.add(item.id)
        new_items.append(item)
    withdrawn = [replace(it, withdrawn=True) for it in previous.items if it.id not in used]
    when = imported_at or datetime.now().isoformat(timespec="seconds")
    return replace(previous, items=tuple(new_items + withdrawn), version=previous.version + 1,
                   completeness=Completeness("imported", len(new_items), source or "导入的正式表格",
                                             file, when))


def guides_with_imports(shipped: GuideSet, latest: dict[int, dict]) -> GuideSet:
    """The shipped guides with each domain replaced by its newest imported version, if any."""
    result = shipped
    for data in latest.values():
        result = result.replace(guide_from_dict(data, "(工作区中导入的指引)"))
    return result


def guide_data(guide: Guide) -> dict:
    return guide_to_dict(guide)
