"""Guide changes reaching a catalog: what a newer guide adds, withdraws or changes, accepted item by item.

Each adopted catalog item keeps `guide_base`, the guide text it was adopted from. A change is a
difference between that base and the guide in force; accepting copies the guide's new values into
the item (the localized 公开主体 stays: only the reference subject is updated) and moves the base on.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from catalog.guides.shipped import Guide, GuideItem
from catalog.storage.catalog_store import CatalogStore
from catalog.township.compile import adoption_status, plan_compile
from catalog.township.items import FIELD_LABELS, CatalogItem, text_fields
from catalog.township.profile import Township

ADDED, WITHDRAWN, CHANGED = "added", "withdrawn", "changed"
KIND_TEXT = {ADDED: "新增", WITHDRAWN: "已删除", CHANGED: "修改"}


@dataclass
class GuideChange:
    kind: str
    uid: str
    title: str
    fields: list[tuple[str, object, object]] = field(default_factory=list)   # (field, before, after)

    def describe(self) -> list[str]:
        from catalog.township.versions import show
        head = f"{KIND_TEXT[self.kind]}：[{self.uid}] {self.title}"
        return [head] + [f"    {FIELD_LABELS[f]}：{show(a)} → {show(b)}" for f, a, b in self.fields]

    def to_json(self) -> dict:
        return {"kind": self.kind, "uid": self.uid, "title": self.title,
                "fields": [{"field": f, "label": FIELD_LABELS[f], "before": a, "after": b}
                           for f, a, b in self.fields]}


def pending_changes(guide: Guide, items: list[CatalogItem]) -> list[GuideChange]:
    """Changes of the guide in force against this domain's catalog items."""
    by_uid = {i.guide_item_id: i for i in items if i.guide_item_id and i.domain_no == guide.no}
    changes: list[GuideChange] = []
    for gi in guide.items:
        item = by_uid.get(gi.id)
        if gi.withdrawn:
            if item is not None:
                changes.append(GuideChange(WITHDRAWN, gi.id, gi.text.title))
            continue
        if item is None:
            if adoption_status(gi) is not None:
                changes.append(GuideChange(ADDED, gi.id, gi.text.title))
            continue
        if item.guide_base is None:
            continue
        now = text_fields(gi.text)
        diffs = [(f, item.guide_base.get(f), now[f]) for f in now if item.guide_base.get(f) != now[f]]
        if diffs:
            changes.append(GuideChange(CHANGED, gi.id, gi.text.title, diffs))
    return changes


@dataclass
class AcceptGuideChange:
    """Apply one guide change to the catalog (a Command: undoable)."""
    guide: Guide
    change: GuideChange
    township: Township
    label: str = ""
    _before: CatalogItem | None = None

    def __post_init__(self) -> None:
        self.label = self.label or f"接受指引变化：{KIND_TEXT[self.change.kind]} {self.change.uid}"

    def apply(self, store: CatalogStore) -> None:
        gi: GuideItem = self.guide.item(self.change.uid)
        self._before = store.item(self.change.uid)
        if self.change.kind == ADDED:
            plan = plan_compile([_only(self.guide, gi)], self.township, existing_uids=store.uids(),
                                next_positions={self.guide.no: store.next_position(self.guide.no)})
            store.put_many(plan.added)
        elif self.change.kind == WITHDRAWN:
            store.delete(self.change.uid)
        else:
            assert self._before is not None
            updates = {f: b for f, _, b in self.change.fields if f != "subject"}
            item = self._before.with_fields(**updates)
            from dataclasses import replace
            store.put(replace(item, origin_subject=gi.text.subject, guide_base=text_fields(gi.text)))

    def revert(self, store: CatalogStore) -> None:
        if self._before is None:
            store.delete(self.change.uid)
        else:
            store.put(self._before)


def _only(guide: Guide, gi: GuideItem) -> Guide:
    from dataclasses import replace
    return replace(guide, items=(gi,))
