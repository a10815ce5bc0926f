"""Every catalog edit is a Command with apply/revert; History does/undoes/redoes them.

The GUI's QUndoStack wraps these same commands, so the CLI, tests and GUI share one edit path.
Each apply/revert runs in one transaction: an edit is either fully stored or not at all.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from catalog.errors import InputError
from catalog.model import ItemText
from catalog.storage.catalog_store import CatalogStore
from catalog.township.items import FIELD_LABELS, MARK_FIELDS, NOT_APPLICABLE, STATUS_TEXT, CatalogItem


class Command(Protocol):
    label: str

    def apply(self, store: CatalogStore) -> None: ...

    def revert(self, store: CatalogStore) -> None: ...


def _require(store: CatalogStore, uid: str) -> CatalogItem:
    item = store.item(uid)
    if item is None:
        raise InputError(f"目录中没有编号为 {uid} 的事项")
    return item


def check_value(name: str, value: Any) -> Any:
    """Validate one field value; returns the normalized value or raises InputError."""
    if name not in FIELD_LABELS:
        raise InputError(f"未知字段「{name}」")
    label = FIELD_LABELS[name]
    if name in MARK_FIELDS:
        if value not in (True, False, None):
            raise InputError(f"「{label}」只能是 是/否/未定")
        return value
    if name in ("content", "basis"):
        items = [str(v).strip() for v in (value or [])]
        return tuple(v for v in items if v)
    if name == "channels":
        return None if value is None else tuple(str(v).strip() for v in value if str(v).strip())
    if name == "status":
        if value not in STATUS_TEXT:
            raise InputError(f"状态只能是：{'、'.join(STATUS_TEXT.values())}")
        return value
    value = "" if value is None else str(value).strip()
    if name == "level1" and not value:
        raise InputError("一级事项不能为空")
    return value if value or name in ("level2", "na_reason") else None


@dataclass
class EditItem:
    """Change some fields of one item (text, marks, status with reason)."""
    uid: str
    changes: dict[str, Any]
    label: str = ""
    _before: dict[str, Any] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.changes = {k: check_value(k, v) for k, v in self.changes.items()}
        if self.changes.get("status") == NOT_APPLICABLE and not self.changes.get("na_reason"):
            raise InputError("标记为“不适用”时必须填写原因")
        if not self.label:
            names = "、".join(FIELD_LABELS[k] for k in self.changes)
            self.label = f"修改 {self.uid} 的{names}"

    def apply(self, store: CatalogStore) -> None:
        item = _require(store, self.uid)
        self._before = {k: item.field(k) for k in self.changes}
        store.put(item.with_fields(**self.changes))

    def revert(self, store: CatalogStore) -> None:
        store.put(_require(store, self.uid).with_fields(**self._before))


def mark_not_applicable(uid: str, reason: str) -> EditItem:
    return EditItem(uid, {"status": NOT_APPLICABLE, "na_reason": reason}, label=f"将 {uid} 标记为不适用")


@dataclass
class AddLocalItem:
    """Add a 本地自定事项 to a domain (at the end)."""
    domain_no: int
    text: ItemText
    label: str = "新增本地事项"
    uid: str = ""

    def __post_init__(self) -> None:
        if not self.text.level1.strip():
            raise InputError("本地事项的一级事项名称不能为空")

    def apply(self, store: CatalogStore) -> None:
        self.uid = self.uid or store.next_local_uid()
        store.put(CatalogItem(uid=self.uid, domain_no=self.domain_no, text=self.text, local=True,
                              position=store.next_position(self.domain_no)))

    def revert(self, store: CatalogStore) -> None:
        store.delete(self.uid)


@dataclass
class RemoveLocalItem:
    """Delete a local item (guide items are marked 不适用 instead, so coverage stays visible)."""
    uid: str
    label: str = "删除本地事项"
    _saved: CatalogItem | None = None

    def apply(self, store: CatalogStore) -> None:
        item = _require(store, self.uid)
        if not item.local:
            raise InputError("来自标准指引的事项不能删除，请标记为“不适用”并填写原因")
        self._saved = item
        store.delete(self.uid)

    def revert(self, store: CatalogStore) -> None:
        assert self._saved is not None
        store.put(self._saved)


@dataclass
class MoveItem:
    """Move an item to another place within its domain."""
    uid: str
    to_index: int
    label: str = "调整事项顺序"
    _before: list[str] = field(default_factory=list)

    def apply(self, store: CatalogStore) -> None:
        item = _require(store, self.uid)
        order = [i.uid for i in store.items(item.domain_no)]
        self._before = list(order)
        order.remove(self.uid)
        order.insert(max(0, min(self.to_index, len(order))), self.uid)
        store.set_positions(item.domain_no, order)

    def revert(self, store: CatalogStore) -> None:
        item = _require(store, self.uid)
        store.set_positions(item.domain_no, self._before)


@dataclass
class SetDomain:
    """Mark a domain 涉及 or 不涉及 (the latter needs a reason)."""
    domain_no: int
    applies: bool
    reason: str = ""
    label: str = ""
    _before: tuple[bool, str] | None = None

    def __post_init__(self) -> None:
        self.reason = self.reason.strip()
        if not self.applies and not self.reason:
            raise InputError("标记领域“不涉及”时必须填写原因")
        self.label = self.label or ("标记领域涉及" if self.applies else "标记领域不涉及")

    def apply(self, store: CatalogStore) -> None:
        self._before = store.domain_choices().get(self.domain_no)
        store.set_domain(self.domain_no, self.applies, self.reason)

    def revert(self, store: CatalogStore) -> None:
        if self._before is None:
            store.delete_domain_choice(self.domain_no)
        else:
            store.set_domain(self.domain_no, *self._before)


@dataclass
class AddItems:
    """Add many items at once (a compile, or accepted guide changes); undo removes them."""
    items: list[CatalogItem]
    label: str = "从标准指引编制目录"

    def apply(self, store: CatalogStore) -> None:
        store.put_many(self.items)

    def revert(self, store: CatalogStore) -> None:
        for item in self.items:
            store.delete(item.uid)


class History:
    """do / undo / redo over commands, each step in one transaction."""

    def __init__(self, store: CatalogStore):
        self.store = store
        self._done: list[Command] = []
        self._undone: list[Command] = []

    def do(self, cmd: Command) -> Command:
        with self.store.ws.atomic():
            cmd.apply(self.store)
        self._done.append(cmd)
        self._undone.clear()
        return cmd

    def undo(self) -> Command | None:
        if not self._done:
            return None
        cmd = self._done.pop()
        with self.store.ws.atomic():
            cmd.revert(self.store)
        self._undone.append(cmd)
        return cmd

    def redo(self) -> Command | None:
        if not self._undone:
            return None
        cmd = self._undone.pop()
        with self.store.ws.atomic():
            cmd.apply(self.store)
        self._done.append(cmd)
        return cmd

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)
