"""The township catalog as a Qt tree (domain → items) over Session's cached rows, kept current by
Session.edited; drag and drop reorders items within a domain (as a MoveItem request)."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from catalog.changes import Changes
from catalog.checks import ERROR, SEVERITY_RANK, WARNING, Finding
from catalog.model import MARK_COLUMNS, mark_text
from catalog.township.items import NOT_APPLICABLE, PENDING_LEVEL, STATUS_TEXT, CatalogItem
from gui.session import Session

DISPLAY, TOOLTIP, ALIGN, FOREGROUND, FONT = (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole)
UidRole = Qt.ItemDataRole.UserRole + 11        # an item row's uid (None on domain rows)
DomainNoRole = Qt.ItemDataRole.UserRole + 12   # the domain number of any row
ItemRole = Qt.ItemDataRole.UserRole + 13       # the CatalogItem of an item row
MIME = "application/x-gkml-catalog-item"
_DOMAIN = 0          # internalId of a domain row; an item row's is its domain row + 1

MARK_KEYS = tuple(name for name, _, _ in MARK_COLUMNS)
# Two-character headers keep the six √ columns narrow enough for the item names; the tooltip has the full one.
SHORT_MARK = {"public": "社会", "specific": "特定", "active": "主动", "on_request": "申请", "county": "县级",
              "township": "乡级"}
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("title", "事项", "领域 / 一级事项／二级事项"),
    ("uid", "编号", "事项编号：来自指引的保持指引编号，本地事项为 L-编号"),
    ("status", "状态", "已纳入 / 层级待确认 / 不适用"),
    *((name, SHORT_MARK[name], f"{group}：{label}（√ 是，空白 否，? 来源未显示）")
      for name, group, label in MARK_COLUMNS),
    ("problems", "问题", "检查发现的问题数（错误/警告）"),
)
COLUMN = {key: i for i, (key, _, _) in enumerate(COLUMNS)}
STATUS_COLORS = {PENDING_LEVEL: QColor("#9a5b00"), NOT_APPLICABLE: QColor("#8a8f98")}
UNKNOWN_COLOR = QColor("#8a8f98")
SEVERITY_COLORS = {ERROR: QColor("#b3261e"), WARNING: QColor("#9a5b00")}

_Index = QModelIndex | QPersistentModelIndex


class _Domain:
    __slots__ = ("applies", "items", "name", "no", "reason")

    def __init__(self, no: int, name: str):
        self.no, self.name = no, name
        self.applies, self.reason = True, ""
        self.items: list[CatalogItem] = []


class CatalogTreeModel(QAbstractItemModel):
    """Every domain of the guides in force, each with its catalog items in catalog order."""
    move_requested = Signal(str, int)      # uid, new index within its domain (after a drop)

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self._session = session
        self._domains: list[_Domain] = []
        self._findings: dict[str, list[Finding]] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._load()
        session.changed.connect(self._edited)

    # --- loading --------------------------------------------------------------------------------
    def _load(self) -> None:
        session = self._session
        self._domains = []
        if not session.is_open:
            return
        choices = session.require().domain_choices()
        by_no = {}
        for g in session.guides:
            by_no[g.no] = _Domain(g.no, g.domain)
        for item in session.items():
            if item.domain_no not in by_no:
                by_no[item.domain_no] = _Domain(item.domain_no, f"领域{item.domain_no}")
            by_no[item.domain_no].items.append(item)
        for no, (applies, reason) in choices.items():
            if no in by_no:
                by_no[no].applies, by_no[no].reason = applies, reason
        self._domains = [by_no[no] for no in sorted(by_no)]

    def reload(self) -> None:
        self.beginResetModel()
        self._load()
        self.endResetModel()

    def _edited(self, touched: Changes) -> None:
        if touched.everything:
            self.reload()
            return
        choices = self._session.require().domain_choices() if touched.domain_state else {}
        for row, d in enumerate(self._domains):
            if d.no not in touched.domains:
                continue
            parent = self.index(row, 0)
            new = self._session.items(d.no)
            if touched.structural:
                self._restructure(d, parent, new)
            else:
                old = {i.uid: n for n, i in enumerate(d.items)}
                d.items = new
                for uid in touched.uids:
                    if uid in old:
                        self.dataChanged.emit(self.index(old[uid], 0, parent),
                                              self.index(old[uid], len(COLUMNS) - 1, parent))
            if touched.domain_state:
                d.applies, d.reason = choices.get(d.no, (True, ""))
            self.dataChanged.emit(parent, self.index(row, len(COLUMNS) - 1))

    def _restructure(self, d: _Domain, parent: QModelIndex, new: list[CatalogItem]) -> None:
        """Take a domain's rows to `new` by row removals, one layout change and row insertions, so a
        filter proxy and the view keep their rows, expansion and selection (a reset of the domain's
        rows loses them while a search is active)."""
        new_uids = {i.uid for i in new}
        for row in reversed(range(len(d.items))):
            if d.items[row].uid not in new_uids:
                self.beginRemoveRows(parent, row, row)
                del d.items[row]
                self.endRemoveRows()
        kept = {i.uid for i in d.items}
        order = [i for i in new if i.uid in kept]
        if [i.uid for i in order] != [i.uid for i in d.items]:
            self.layoutAboutToBeChanged.emit()
            row_of = {i.uid: n for n, i in enumerate(order)}
            old = self.persistentIndexList()
            moved = [(p, d.items[p.row()].uid) for p in old
                     if p.isValid() and p.internalId() == parent.row() + 1]
            d.items = order
            for p, uid in moved:
                self.changePersistentIndex(p, self.createIndex(row_of[uid], p.column(), p.internalId()))
            self.layoutChanged.emit()
        else:
            d.items = order
        for row, item in enumerate(new):
            if item.uid not in kept:
                self.beginInsertRows(parent, row, row)
                d.items.insert(row, item)
                self.endInsertRows()
        d.items = new          # the fresh rows (values may have changed too)
        if new:
            last = self.index(len(new) - 1, len(COLUMNS) - 1, parent)
            self.dataChanged.emit(self.index(0, 0, parent), last)

    def set_findings(self, by_item: dict[str, list[Finding]]) -> None:
        """Show the live check's findings per item in the 问题 column."""
        self._findings = by_item
        col = COLUMN["problems"]
        for row, d in enumerate(self._domains):
            parent = self.index(row, 0)
            if d.items:
                self.dataChanged.emit(self.index(0, col, parent), self.index(len(d.items) - 1, col, parent))

    # --- lookups --------------------------------------------------------------------------------
    def index_of(self, uid: str) -> QModelIndex:
        for row, d in enumerate(self._domains):
            for n, item in enumerate(d.items):
                if item.uid == uid:
                    return self.index(n, 0, self.index(row, 0))
        return QModelIndex()

    def domain_index(self, domain_no: int) -> QModelIndex:
        for row, d in enumerate(self._domains):
            if d.no == domain_no:
                return self.index(row, 0)
        return QModelIndex()

    def domain_state(self, domain_no: int) -> tuple[bool, str]:
        for d in self._domains:
            if d.no == domain_no:
                return d.applies, d.reason
        return True, ""

    def item_count(self) -> int:
        return sum(len(d.items) for d in self._domains)

    # --- the tree -------------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _DOMAIN)
        return self.createIndex(row, column, parent.row() + 1)

    # (the stubs overload parent() as QObject.parent() and parent(index); this model answers the latter)
    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _DOMAIN:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _DOMAIN)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._domains)
        if parent.internalId() == _DOMAIN and parent.column() == 0:
            return len(self._domains[parent.row()].items)
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == DISPLAY:
            return COLUMNS[section][1]
        if role == TOOLTIP:
            return COLUMNS[section][2]
        if role == ALIGN and section > 0:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def _row(self, index: _Index) -> tuple[_Domain, CatalogItem | None]:
        if index.internalId() == _DOMAIN:
            return self._domains[index.row()], None
        d = self._domains[index.internalId() - 1]
        return d, d.items[index.row()]

    def data(self, index: _Index, role: int = DISPLAY):
        if not index.isValid():
            return None
        domain, item = self._row(index)
        if role == DomainNoRole:
            return domain.no
        if role == UidRole:
            return item.uid if item else None
        if role == ItemRole:
            return item
        key = COLUMNS[index.column()][0]
        if item is None:
            return self._domain_data(domain, key, role)
        return self._item_data(item, key, role)

    def _domain_data(self, d: _Domain, key: str, role: int):
        if role == DISPLAY:
            if key == "title":
                return f"{d.no:02d}  {d.name}"
            if key == "uid":
                return f"{len(d.items)} 项"
            if key == "status":
                return "涉及" if d.applies else "不涉及"
            if key == "problems":
                n = sum(len(self._counted(i.uid)) for i in d.items)
                return str(n) if n else ""
            return ""
        if role == FONT and key == "title":
            return self._bold
        if role == FOREGROUND and not d.applies:
            return QBrush(UNKNOWN_COLOR)
        if role == TOOLTIP and not d.applies:
            return f"本乡镇不涉及此领域：{d.reason or '（未写原因）'}"
        if role == ALIGN and key != "title":
            return Qt.AlignmentFlag.AlignCenter
        return None

    def _counted(self, uid: str) -> list[Finding]:
        return [f for f in self._findings.get(uid, ()) if f.severity in (ERROR, WARNING)]

    def _item_data(self, item: CatalogItem, key: str, role: int) -> Any:
        if role == DISPLAY:
            return self._item_text(item, key)
        if role == FOREGROUND:
            return self._item_foreground(item, key)
        if role == TOOLTIP:
            return self._item_tooltip(item, key)
        if role == ALIGN and key != "title":
            return Qt.AlignmentFlag.AlignCenter
        return None

    def _item_text(self, item: CatalogItem, key: str) -> str | None:
        if key == "title":
            return item.title
        if key == "uid":
            return item.uid
        if key == "status":
            return STATUS_TEXT.get(item.status, item.status)
        if key in MARK_KEYS:
            return mark_text(item.field(key))
        if key == "problems":
            n = len(self._counted(item.uid))
            return str(n) if n else ""
        return None

    def _item_foreground(self, item: CatalogItem, key: str) -> QBrush | None:
        if key == "problems":
            found = self._counted(item.uid)
            worst = min((f.severity for f in found), key=SEVERITY_RANK.__getitem__, default=None)
            return QBrush(SEVERITY_COLORS[worst]) if worst else None
        if item.status in STATUS_COLORS and key in ("title", "status"):
            return QBrush(STATUS_COLORS[item.status])
        if key in MARK_KEYS and item.field(key) is None:
            return QBrush(UNKNOWN_COLOR)
        return None

    def _item_tooltip(self, item: CatalogItem, key: str) -> str | None:
        if key == "status" and item.status == NOT_APPLICABLE:
            return f"不适用：{item.na_reason or '（未写原因）'}"
        if key == "status" and item.status == PENDING_LEVEL:
            return "指引没有写明是否由乡镇公开：确认后纳入，或标记不适用并写明原因"
        if key in MARK_KEYS and item.field(key) is None:
            return "来源未显示（?）"
        if key == "problems":
            found = self._findings.get(item.uid, ())
            return "\n".join(f"{f.severity}：{f.message}" for f in found) or None
        if key == "title":
            return f"{item.uid} {item.title}" + ("（本地事项）" if item.local else "")
        return None

    # --- drag and drop: reorder within a domain -------------------------------------------------
    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base
        if index.internalId() == _DOMAIN:
            return base | Qt.ItemFlag.ItemIsDropEnabled
        return base | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes) -> QMimeData:
        data = QMimeData()
        uids = [self.data(i, UidRole) for i in indexes if i.isValid() and self.data(i, UidRole)]
        if uids:
            data.setData(MIME, QByteArray(uids[0].encode("utf-8")))
        return data

    def _drop_target(self, data: QMimeData, row: int, parent: _Index) -> tuple[str, int] | None:
        """(uid, new index) for a drop of an item of the same domain; None otherwise."""
        if not data.hasFormat(MIME) or not parent.isValid():
            return None
        uid = bytes(data.data(MIME).data()).decode("utf-8")
        if parent.internalId() != _DOMAIN:        # dropped onto an item: before it
            row, parent = parent.row(), parent.parent()
        d = self._domains[parent.row()]
        order = [i.uid for i in d.items]
        if uid not in order:
            return None                           # another domain: items never change domain
        current = order.index(uid)
        row = len(order) if row < 0 else row
        target = row - 1 if row > current else row
        return (uid, target) if target != current else None

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: _Index) -> bool:
        return self._drop_target(data, row, parent) is not None

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: _Index) -> bool:
        target = self._drop_target(data, row, parent)
        if target is None:
            return False
        # After the view has finished its drop handling: the move rebuilds the domain's rows.
        QTimer.singleShot(0, lambda: self.move_requested.emit(*target))
        return True
