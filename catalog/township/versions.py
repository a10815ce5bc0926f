"""Published versions: immutable snapshots of the catalog, and readable diffs between them."""
from __future__ import annotations

from dataclasses import dataclass, field

from catalog.township.items import FIELD_LABELS, STATUS_TEXT, CatalogItem, comparable


def snapshot(*, township: dict, domains: dict[int, tuple[bool, str]], items: list[CatalogItem],
             guide_names: dict[int, str]) -> dict:
    """Everything a version must show later, independent of the guides of that day."""
    return {
        "township": township,
        "domains": {str(no): {"name": guide_names.get(no, str(no)), "applies": a, "reason": r}
                    for no, (a, r) in sorted(domains.items())},
        "items": [{"uid": i.uid, "domain_no": i.domain_no, "domain": guide_names.get(i.domain_no, ""),
                   "guide_item_id": i.guide_item_id, "local": i.local, "position": i.position,
                   **comparable(i)} for i in items],
    }


@dataclass
class FieldChange:
    field: str
    before: object
    after: object

    @property
    def label(self) -> str:
        return FIELD_LABELS.get(self.field, self.field)


@dataclass
class VersionDiff:
    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    changed: list[tuple[dict, list[FieldChange]]] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.domains)

    def to_json(self) -> dict:
        return {
            "added": [_ref(i) for i in self.added],
            "removed": [_ref(i) for i in self.removed],
            "changed": [{**_ref(i), "fields": [{"field": c.field, "label": c.label, "before": c.before,
                                                 "after": c.after} for c in cs]} for i, cs in self.changed],
            "domains": self.domains,
        }

    def lines(self) -> list[str]:
        """The diff in plain Chinese, one line per change."""
        out = [f"领域：{d}" for d in self.domains]
        out += [f"新增：[{i['uid']}] {i.get('domain', '')}／{_title(i)}" for i in self.added]
        out += [f"删除：[{i['uid']}] {i.get('domain', '')}／{_title(i)}" for i in self.removed]
        for item, changes in self.changed:
            out.append(f"修改：[{item['uid']}] {item.get('domain', '')}／{_title(item)}")
            out += [f"    {c.label}：{show(c.before, c.field)} → {show(c.after, c.field)}" for c in changes]
        return out or ["两个版本内容相同。"]


def diff(old: dict, new: dict) -> VersionDiff:
    result = VersionDiff()
    old_items = {i["uid"]: i for i in old["items"]}
    new_items = {i["uid"]: i for i in new["items"]}
    result.added = [new_items[u] for u in new_items if u not in old_items]
    result.removed = [old_items[u] for u in old_items if u not in new_items]
    for uid, after in new_items.items():
        before = old_items.get(uid)
        if before is None:
            continue
        changes = [FieldChange(f, before.get(f), after.get(f))
                   for f in FIELD_LABELS if before.get(f) != after.get(f)]
        if changes:
            result.changed.append((after, changes))
    for no in sorted(set(old["domains"]) | set(new["domains"]), key=int):
        a, b = old["domains"].get(no), new["domains"].get(no)
        if a != b:
            name = (b or a)["name"]
            result.domains.append(f"{name}：{_domain_state(a)} → {_domain_state(b)}")
    return result


def _domain_state(d: dict | None) -> str:
    if d is None:
        return "未选择"
    return "涉及" if d["applies"] else f"不涉及（{d['reason']}）"


def _ref(i: dict) -> dict:
    return {"uid": i["uid"], "domain": i.get("domain", ""), "title": _title(i)}


def _title(i: dict) -> str:
    return f"{i['level1']}／{i['level2']}" if i.get("level2") else i["level1"]


def show(value: object, field: str = "") -> str:
    if field == "status" and isinstance(value, str):
        return STATUS_TEXT.get(value, value)
    if value is None:
        return "（空）"
    if value is True:
        return "√"
    if value is False:
        return "（不勾选）"
    if isinstance(value, (list, tuple)):
        return "；".join(map(str, value)) or "（空）"
    return str(value) or "（空）"
