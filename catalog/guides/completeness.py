"""How complete a domain's guide data is: items known, items with an unknown √, and where the data comes
from (shipped with the program, or imported — from whom, when). Shown by the guide browser, the wizard and
`guides --json`, so a clerk always sees how much of the official guide the tables in force hold."""
from __future__ import annotations

from dataclasses import dataclass

from catalog.guides.shipped import Guide

SHIPPED = "shipped"
IMPORTED = "imported"


@dataclass(frozen=True)
class DomainCompleteness:
    known_items: int
    unknown_marks: int          # items with at least one of the six √ unknown
    unknown_township: int       # items whose 乡级 √ is unknown (they become 层级待确认)
    kind: str                   # shipped | imported
    source: str                 # who the data comes from
    imported_at: str | None = None
    file: str | None = None

    def as_json(self) -> dict:
        """The stable `guides --json` keys."""
        return {"known_items": self.known_items, "unknown_marks": self.unknown_marks,
                "unknown_township": self.unknown_township,
                "source": {"kind": self.kind, "from": self.source, "at": self.imported_at, "file": self.file}}

    @property
    def source_text(self) -> str:
        if self.kind == SHIPPED:
            return "随软件提供（公开资料整理）"
        when = f"，导入于 {self.imported_at.replace('T', ' ')[:16]}" if self.imported_at else ""
        return f"导入：{self.source}{when}"

    def short(self) -> str:
        """For a list row: '6 项 · √ 未知 0 · 已导入'."""
        return (f"{self.known_items} 项 · √ 未知 {self.unknown_marks} · "
                + ("随软件提供" if self.kind == SHIPPED else "已导入"))

    def describe(self) -> str:
        """已知 12 项；√ 未知 5 项（乡级未知 4 项）；来源：…"""
        return (f"已知 {self.known_items} 项；√ 未知 {self.unknown_marks} 项"
                f"（乡级未知 {self.unknown_township} 项）；来源：{self.source_text}")


def completeness_of(guide: Guide) -> DomainCompleteness:
    items = guide.active_items
    unknown = sum(1 for it in items if any(v is None for v in it.marks.as_dict().values()))
    township = sum(1 for it in items if it.marks.township is None)
    c = guide.completeness
    if guide.version == 0:
        return DomainCompleteness(len(items), unknown, township, SHIPPED, c.source)
    return DomainCompleteness(len(items), unknown, township, IMPORTED, c.source, c.imported_at, c.file)
