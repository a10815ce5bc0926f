"""The 26 基层政务公开标准指引 as data: load, validate and look up guides and their items."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from catalog.errors import GuideDataError, KnownError
from catalog.model import ItemText, Marks
from catalog.resources import standards_dir
from catalog.schema import load_validated_json

COMPLETENESS_TEXT = {"complete": "完整", "partial": "不完整", "imported": "已导入"}


@dataclass(frozen=True)
class GuideItem:
    id: str                      # stable: NN-SSS, never reused
    domain_no: int
    seq: int
    text: ItemText
    confidence: str = "medium"
    remark: str = ""
    withdrawn: bool = False      # removed by a newer guide version; kept so catalogs can show it

    @property
    def level1(self) -> str:
        return self.text.level1

    @property
    def level2(self) -> str:
        return self.text.level2

    @property
    def marks(self) -> Marks:
        return self.text.marks


@dataclass(frozen=True)
class Completeness:
    status: str                  # complete | partial | imported
    known_items: int
    source: str
    file: str | None = None      # imported: which file
    imported_at: str | None = None

    def describe(self) -> str:
        status = COMPLETENESS_TEXT.get(self.status, self.status)
        text = f"{status}（{self.known_items} 项；来源：{self.source}"
        if self.file:
            text += f"；文件 {self.file}"
        if self.imported_at:
            text += f"；导入于 {self.imported_at}"
        return text + "）"


@dataclass(frozen=True)
class Guide:
    no: int
    slug: str
    domain: str
    title: str
    issuer: str | None
    issued: str | None
    completeness: Completeness
    sources: tuple[dict, ...]
    notes: str
    items: tuple[GuideItem, ...]
    version: int = 0             # 0 = the shipped guide; imports count up

    @property
    def active_items(self) -> tuple[GuideItem, ...]:
        return tuple(i for i in self.items if not i.withdrawn)

    def item(self, item_id: str) -> GuideItem:
        for it in self.items:
            if it.id == item_id:
                return it
        raise KeyError(item_id)


@dataclass
class GuideSet:
    """All domains' guides, ordered by pilot number, with name lookups."""
    guides: list[Guide] = field(default_factory=list)

    def __iter__(self) -> Iterator[Guide]:
        return iter(self.guides)

    def __len__(self) -> int:
        return len(self.guides)

    @cached_property
    def _by_item(self) -> dict[str, GuideItem]:
        return {it.id: it for g in self.guides for it in g.items}

    def item(self, item_id: str) -> GuideItem | None:
        return self._by_item.get(item_id)

    def by_no(self, no: int) -> Guide:
        for g in self.guides:
            if g.no == no:
                return g
        raise KeyError(no)

    def find(self, name: str) -> Guide:
        """Resolve a domain by pilot name (涉农补贴), number (17), slug or words of the guide title."""
        key = name.strip()
        for g in self.guides:
            if key in (g.domain, g.slug, str(g.no), f"{g.no:02d}", g.title):
                return g
        matches = [g for g in self.guides if key and (key in g.title or key in g.domain)]
        if len(matches) == 1:
            return matches[0]
        known = "、".join(g.domain for g in self.guides)
        raise KnownError(f"未知的领域「{name}」。可用的领域：{known}")

    def resolve(self, names: Iterable[str]) -> list[Guide]:
        return [self.find(n) for n in names if n.strip()]

    def replace(self, guide: Guide) -> GuideSet:
        """A new set where the guide of the same domain is swapped (used for imported versions)."""
        return GuideSet([guide if g.no == guide.no else g for g in self.guides])


def load_schema() -> dict:
    return json.loads((standards_dir() / "guide.schema.json").read_text(encoding="utf-8"))


def load_guides(folder: Path | None = None) -> GuideSet:
    """Load and validate every guide file; raises GuideDataError naming file and field."""
    folder = folder or standards_dir() / "guides"
    schema = load_schema()
    guides = [load_guide_file(p, schema) for p in sorted(folder.glob("*.json"))]
    if not guides:
        raise GuideDataError(str(folder), "(目录)", "没有找到任何标准指引数据文件")
    _check_unique(guides)
    return GuideSet(sorted(guides, key=lambda g: g.no))


def load_guide_file(path: Path, schema: dict | None = None) -> Guide:
    data = load_validated_json(path, schema or load_schema())
    return guide_from_dict(data, path.name)


def guide_from_dict(data: dict, file: str = "") -> Guide:
    no = data["no"]
    items = []
    for i, raw in enumerate(data["items"]):
        if not raw["id"].startswith(f"{no:02d}-"):
            raise GuideDataError(file, f"items[{i}].id", f"编号 {raw['id']} 与领域序号 {no:02d} 不符")
        items.append(item_from_dict(no, raw))
    c = data["completeness"]
    return Guide(
        no=no, slug=data["slug"], domain=data["domain"], title=data["guide_title"],
        issuer=data.get("issuer"), issued=data.get("issued"),
        completeness=Completeness(c["status"], c["known_items"], c["source"], c.get("file"),
                                  c.get("imported_at")),
        sources=tuple(data["sources"]), notes=data["notes"], items=tuple(items),
        version=data.get("version", 0),
    )


def item_from_dict(no: int, raw: dict) -> GuideItem:
    channels = raw.get("channels")
    return GuideItem(
        id=raw["id"], domain_no=no, seq=raw["seq"],
        text=ItemText(
            level1=raw["level1"], level2=raw.get("level2") or "",
            content=tuple(raw.get("content") or ()), basis=tuple(raw.get("basis") or ()),
            time_limit=raw.get("time_limit"), subject=raw.get("subject"),
            channels=None if channels is None else tuple(channels),
            marks=Marks.from_pairs(raw),
        ),
        confidence=raw.get("confidence", "medium"), remark=raw.get("remark") or "",
        withdrawn=bool(raw.get("withdrawn", False)),
    )


def guide_to_dict(guide: Guide) -> dict:
    """The inverse of guide_from_dict (the standards/ file shape)."""
    c = guide.completeness
    comp = {"status": c.status, "known_items": c.known_items, "source": c.source}
    if c.file:
        comp["file"] = c.file
    if c.imported_at:
        comp["imported_at"] = c.imported_at
    return {
        "format": 1, "no": guide.no, "slug": guide.slug, "domain": guide.domain, "guide_title": guide.title,
        "issuer": guide.issuer, "issued": guide.issued, "completeness": comp, "version": guide.version,
        "sources": list(guide.sources), "notes": guide.notes,
        "items": [item_to_dict(it) for it in guide.items],
    }


def item_to_dict(it: GuideItem) -> dict:
    t = it.text
    out = {
        "id": it.id, "seq": it.seq, "level1": t.level1, "level2": t.level2, "content": list(t.content),
        "basis": list(t.basis), "time_limit": t.time_limit, "subject": t.subject,
        "channels": None if t.channels is None else list(t.channels),
        **t.marks.to_pairs(), "confidence": it.confidence, "remark": it.remark,
    }
    if it.withdrawn:
        out["withdrawn"] = True
    return out


def _check_unique(guides: list[Guide]) -> None:
    seen_no: dict[int, str] = {}
    seen_ids: set[str] = set()
    for g in guides:
        if g.no in seen_no:
            raise GuideDataError(g.slug, "no", f"领域序号 {g.no} 与 {seen_no[g.no]} 重复")
        seen_no[g.no] = g.slug
        for it in g.items:
            if it.id in seen_ids:
                raise GuideDataError(g.slug, "items.id", f"事项编号 {it.id} 重复")
            seen_ids.add(it.id)
