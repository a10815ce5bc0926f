"""Which guide items match a search text and a 县级/乡级 filter (the GUI's and scripts' one predicate)."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from catalog.guides.shipped import GuideItem

# Level filter values: None/"all" keeps everything.
LEVELS: dict[str, str] = {"all": "全部层级", "county": "县级", "township": "乡级", "unknown": "层级未知"}


def normalize(text: str) -> str:
    """Fold width and case so ：/: , （/( and Ａ/a compare equal."""
    return unicodedata.normalize("NFKC", text).casefold()


@lru_cache(maxsize=8192)
def _haystack(item: GuideItem) -> str:
    t = item.text
    return normalize("\n".join((item.id, t.level1, t.level2, *t.content, *t.basis)))


def matches_text(item: GuideItem, text: str) -> bool:
    """True when every whitespace-separated word of `text` occurs in the item's ID, 事项名称
    (一级/二级), 公开内容 or 公开依据. Empty text matches everything."""
    words = normalize(text).split()
    if not words:
        return True
    hay = _haystack(item)
    return all(w in hay for w in words)


def matches_level(item: GuideItem, level: str | None) -> bool:
    """县级 / 乡级: that √ is set. 层级未知: either level √ is unknown (the source did not show it),
    so an item ticked 县级 with 乡级 unknown shows under both 县级 and 层级未知."""
    marks = item.marks
    if level in (None, "", "all"):
        return True
    if level == "county":
        return marks.county is True
    if level == "township":
        return marks.township is True
    if level == "unknown":
        return marks.county is None or marks.township is None
    raise ValueError(f"unknown level filter {level!r}; expected one of {', '.join(LEVELS)}")


def item_matches(item: GuideItem, text: str = "", level: str | None = None) -> bool:
    """The guide browser's filter: search text (see matches_text) and level (see matches_level)."""
    return matches_level(item, level) and matches_text(item, text)
