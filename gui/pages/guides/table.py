"""Qt models over the loaded guides: the domain list, the item table and its filter proxy."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from catalog.guides.completeness import completeness_of
from catalog.guides.filter import item_matches
from catalog.guides.shipped import COMPLETENESS_TEXT, Guide, GuideItem, GuideSet
from catalog.model import MARK_COLUMNS, mark_text

DISPLAY, TOOLTIP, ALIGN, FOREGROUND, FONT = (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole)
CENTER = Qt.AlignmentFlag.AlignCenter
ItemRole = Qt.ItemDataRole.UserRole + 1      # the GuideItem of a row
SortRole = Qt.ItemDataRole.UserRole + 2      # a sortable key per cell
DomainNoRole = Qt.ItemDataRole.UserRole + 3  # the domain number (0 = all domains in the domain list)
GuideRole = Qt.ItemDataRole.UserRole + 4     # the Guide of a domain-list row (None for 全部领域)

UNKNOWN_TIP = "来源未显示"
UNKNOWN_COLOR = QColor("#8a8f98")
COMPLETENESS_COLORS = {"partial": QColor("#b45309"), "complete": QColor("#2e7d32"),
                       "imported": QColor("#1d4ed8")}
ALL_DOMAINS = "全部领域"

_Index = QModelIndex | QPersistentModelIndex

# (key, header, header tooltip) of the item table; the √ columns come from catalog.model.
TEXT_COLUMNS = (("id", "编号", "事项编号（领域序号-事项序号），不随指引修订改变"),
                ("domain", "领域", "试点领域"),
                ("level1", "一级事项", "公开事项：一级事项"),
                ("level2", "二级事项", "公开事项：二级事项"),
                ("subject", "公开主体", "公开主体"))
ITEM_COLUMNS = TEXT_COLUMNS + tuple((name, label, f"{group}：{label}") for name, group, label in MARK_COLUMNS)
MARK_NAMES = frozenset(name for name, _, _ in MARK_COLUMNS)


class GuideTableModel(QAbstractTableModel):
    """All active items of all guides, one row each; the proxy narrows by domain, text and level."""

    def __init__(self, guides: GuideSet, parent=None):
        super().__init__(parent)
        self._guides = guides
        self._items: list[GuideItem] = []
        self._domain_names: dict[int, str] = {}
        self._load(guides)

    def _load(self, guides: GuideSet) -> None:
        self._guides = guides
        self._items = [it for g in guides for it in g.active_items]
        self._domain_names = {g.no: g.domain for g in guides}

    def set_guides(self, guides: GuideSet) -> None:
        """Swap in another guide set (e.g. after an import of a complete official table)."""
        self.beginResetModel()
        self._load(guides)
        self.endResetModel()

    def item_at(self, row: int) -> GuideItem:
        return self._items[row]

    def row_of(self, item_id: str) -> int:
        for row, it in enumerate(self._items):
            if it.id == item_id:
                return row
        return -1

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(ITEM_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(ITEM_COLUMNS):
            return None
        key, label, tip = ITEM_COLUMNS[section]
        if role == DISPLAY:
            return label
        if role == TOOLTIP:
            return tip
        if role == ALIGN and key in MARK_NAMES:
            return CENTER
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self._items[index.row()]
        key = ITEM_COLUMNS[index.column()][0]
        if role == ItemRole:
            return item
        if role == DomainNoRole:
            return item.domain_no
        value = self._value(item, key)
        if role == DISPLAY:
            if key in MARK_NAMES:
                return mark_text(value)
            return "?" if value is None else value
        if role == SortRole:
            return (2 if value is None else int(bool(value))) if key in MARK_NAMES else (value or "")
        if role == TOOLTIP:
            return self._tooltip(item, key, value)
        if role == FOREGROUND and value is None:
            return QBrush(UNKNOWN_COLOR)
        if role == ALIGN and (key in MARK_NAMES or key == "id"):
            return CENTER
        return None

    def _value(self, item: GuideItem, key: str):
        if key in MARK_NAMES:
            return getattr(item.marks, key)
        if key == "domain":
            return self._domain_names.get(item.domain_no, "")
        if key == "id":
            return item.id
        return getattr(item.text, key)

    def _tooltip(self, item: GuideItem, key: str, value) -> str:
        if value is None:
            return UNKNOWN_TIP
        if key in MARK_NAMES:
            header = next(tip for k, _, tip in ITEM_COLUMNS if k == key)
            return f"{header}：{'是' if value else '否'}"
        return f"{item.id} {item.text.title}" if key in ("id", "level1", "level2") else str(value)


class GuideFilterProxy(QSortFilterProxyModel):
    """Rows of one domain (or all) that match the search text and level (catalog.guides.filter)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._domain = 0
        self._text = ""
        self._level = "all"
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(True)

    @property
    def level(self) -> str:
        return self._level

    def set_domain(self, domain_no: int) -> None:
        self._change(domain_no=domain_no)

    def set_text(self, text: str) -> None:
        self._change(text=text)

    def set_level(self, level: str) -> None:
        self._change(level=level)

    def _change(self, *, domain_no: int | None = None, text: str | None = None,
                level: str | None = None) -> None:
        self.beginFilterChange()
        if domain_no is not None:
            self._domain = domain_no
        if text is not None:
            self._text = text
        if level is not None:
            self._level = level
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, GuideTableModel):
            return True
        item = model.item_at(source_row)
        if self._domain and item.domain_no != self._domain:
            return False
        return item_matches(item, self._text, self._level)

    def item_at(self, row: int) -> GuideItem:
        return self.data(self.index(row, 0), ItemRole)


class DomainListModel(QAbstractTableModel):
    """全部领域 then the 26 domains: name, item count and the completeness marker."""
    HEADERS = ("领域", "事项", "数据")

    def __init__(self, guides: GuideSet, parent=None):
        super().__init__(parent)
        self._rows: list[Guide | None] = [None, *guides]

    def set_guides(self, guides: GuideSet) -> None:
        self.beginResetModel()
        self._rows = [None, *guides]
        self.endResetModel()

    def row_of_domain(self, domain_no: int) -> int:
        for row, g in enumerate(self._rows):
            if (g.no if g else 0) == domain_no:
                return row
        return 0

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return self.HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        guide = self._rows[index.row()]
        col = index.column()
        if role == GuideRole:
            return guide
        if role == DomainNoRole:
            return guide.no if guide else 0
        if role == DISPLAY:
            return self._display(guide, col)
        if role == TOOLTIP:
            return self._tooltip(guide)
        if role == FONT and guide is None:
            return _bold_font()
        if role == FOREGROUND and col == 2 and guide is not None:
            return QBrush(COMPLETENESS_COLORS.get(guide.completeness.status, UNKNOWN_COLOR))
        if role == ALIGN and col > 0:
            return CENTER
        return None

    def _display(self, guide: Guide | None, col: int) -> str:
        if guide is None:
            guides = [g for g in self._rows if g is not None]
            return (ALL_DOMAINS, str(sum(len(g.active_items) for g in guides)), "")[col]
        return (f"{guide.no:02d}  {guide.domain}", str(len(guide.active_items)),
                COMPLETENESS_TEXT.get(guide.completeness.status, guide.completeness.status))[col]

    def _tooltip(self, guide: Guide | None) -> str:
        if guide is None:
            return "所有领域的事项（搜索时跨领域查找）"
        return f"{guide.title}\n数据：{guide.completeness.describe()}\n{completeness_of(guide).describe()}"


def _bold_font() -> QFont:
    font = QFont()
    font.setBold(True)
    return font
