"""Filter for the catalog tree: search words and a status (or 有问题) filter; domains show while they
have matching items (or always, with no filter)."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from catalog.guides.filter import normalize
from catalog.township.items import ADOPTED, NOT_APPLICABLE, PENDING_LEVEL, CatalogItem
from gui.pages.compile.tree import ItemRole

# Status filter values → Chinese text (the combo box shows these in this order).
STATUS_FILTERS = {"all": "全部状态", ADOPTED: "已纳入", PENDING_LEVEL: "层级待确认", NOT_APPLICABLE: "不适用",
                  "problems": "有问题", "local": "本地事项"}

_Index = QModelIndex | QPersistentModelIndex


def item_haystack(item: CatalogItem) -> str:
    t = item.text
    return normalize("\n".join((item.uid, t.level1, t.level2, *t.content, *t.basis, t.subject or "",
                                t.time_limit or "", item.na_reason)))


class CatalogFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._words: list[str] = []
        self._status = "all"
        self._problem_uids: set[str] = set()
        self.setRecursiveFilteringEnabled(True)
        self.setDynamicSortFilter(False)     # catalog order is the order; no sorting

    @property
    def active(self) -> bool:
        return bool(self._words) or self._status != "all"

    def set_text(self, text: str) -> None:
        self._change(words=normalize(text).split())

    def set_status(self, status: str) -> None:
        self._change(status=status)

    def set_problem_uids(self, uids: set[str]) -> None:
        """Items with errors or warnings (for the 有问题 filter)."""
        if uids != self._problem_uids:
            self._problem_uids = set(uids)
            if self._status == "problems":
                self._change()

    def _change(self, *, words: list[str] | None = None, status: str | None = None) -> None:
        self.beginFilterChange()
        if words is not None:
            self._words = words
        if status is not None:
            self._status = status
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        if not source_parent.isValid():
            return not self.active        # a domain row: shown by itself only when nothing is filtered
        item: CatalogItem | None = model.index(source_row, 0, source_parent).data(ItemRole)
        if item is None:
            return False
        if self._status == "problems":
            if item.uid not in self._problem_uids:
                return False
        elif self._status == "local":
            if not item.local:
                return False
        elif self._status != "all" and item.status != self._status:
            return False
        return all(w in item_haystack(item) for w in self._words)
