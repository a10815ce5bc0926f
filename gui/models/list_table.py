"""A read-only table model over a list of records with declared columns (text, tooltip, colour per cell)."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

T = TypeVar("T")
RecordRole = Qt.ItemDataRole.UserRole + 1     # the record behind a row
SortRole = Qt.ItemDataRole.UserRole + 2       # a value that sorts better than the text (dates, numbers)
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[T]):
    header: str
    text: Callable[[T], Any]
    tooltip: Callable[[T], str | None] | None = None
    background: Callable[[T], str | None] | None = None   # "#rrggbb" or None
    foreground: Callable[[T], str | None] | None = None
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    sort: Callable[[T], Any] | None = None


class ListTableModel(QAbstractTableModel, Generic[T]):
    """Rows are records (dataclasses, dicts …); each column says how to show one. Cells are computed
    when the view asks, so a long list costs nothing until it is scrolled to."""

    def __init__(self, columns: Sequence[Column[T]], parent=None):
        super().__init__(parent)
        self.columns = list(columns)
        self.records: list[T] = []
        self._brushes: dict[str, QBrush] = {}

    def set_records(self, records: Sequence[T]) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def record(self, row: int) -> T:
        return self.records[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        rec = self.records[index.row()]
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = col.text(rec)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return col.tooltip(rec) if col.tooltip else None
        if role == Qt.ItemDataRole.BackgroundRole and col.background:
            return self._brush(col.background(rec))
        if role == Qt.ItemDataRole.ForegroundRole and col.foreground:
            return self._brush(col.foreground(rec))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(col.align)
        if role == RecordRole:
            return rec
        if role == SortRole:
            return col.sort(rec) if col.sort else col.text(rec)
        return None

    def _brush(self, color: str | None) -> QBrush | None:
        if not color:
            return None
        if color not in self._brushes:
            self._brushes[color] = QBrush(QColor(color))
        return self._brushes[color]
