"""Value types shared by guides and catalogs: the columns of a 标准目录 row.

A √ column is tri-state: True (√), False (blank in a source that keeps blanks), None (unknown:
the source did not show it). Unknown is kept visible everywhere; it is never turned into False.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

# The six √ columns, in table order, with their Chinese headers.
MARK_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("public", "公开对象", "全社会"),
    ("specific", "公开对象", "特定群体"),
    ("active", "公开方式", "主动"),
    ("on_request", "公开方式", "依申请"),
    ("county", "公开层级", "县级"),
    ("township", "公开层级", "乡级"),
)
# JSON pairs in the guide files map onto the flat mark names.
MARK_PAIRS = {"audience": ("public", "specific"), "mode": ("active", "on_request"),
              "level": ("county", "township")}


@dataclass(frozen=True)
class Marks:
    public: bool | None = None
    specific: bool | None = None
    active: bool | None = None
    on_request: bool | None = None
    county: bool | None = None
    township: bool | None = None

    @classmethod
    def from_pairs(cls, data: dict[str, Any]) -> Marks:
        """Build from the guide file's {"audience": {...}|null, "mode": ..., "level": ...}."""
        values: dict[str, bool | None] = {}
        for pair, names in MARK_PAIRS.items():
            sub = data.get(pair) or {}
            for name in names:
                values[name] = sub.get(name)
        return cls(**values)

    def to_pairs(self) -> dict[str, dict[str, bool | None] | None]:
        out: dict[str, dict[str, bool | None] | None] = {}
        for pair, names in MARK_PAIRS.items():
            sub = {n: getattr(self, n) for n in names}
            out[pair] = None if all(v is None for v in sub.values()) else sub
        return out

    def as_dict(self) -> dict[str, bool | None]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def with_(self, **changes: bool | None) -> Marks:
        return replace(self, **changes)


def mark_text(value: bool | None) -> str:
    """How a √ cell reads: √, blank, or ? for unknown."""
    return "√" if value else ("" if value is False else "?")


@dataclass(frozen=True)
class ItemText:
    """The textual columns of one catalog row, shared by guide items and catalog items."""
    level1: str
    level2: str = ""
    content: tuple[str, ...] = ()
    basis: tuple[str, ...] = ()
    time_limit: str | None = None
    subject: str | None = None
    channels: tuple[str, ...] | None = None
    marks: Marks = field(default_factory=Marks)

    @property
    def title(self) -> str:
        return f"{self.level1}／{self.level2}" if self.level2 else self.level1
