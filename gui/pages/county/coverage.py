"""The county coverage matrix: township × domain, each cell coloured by its state (a model + a delegate)."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPolygonF
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from catalog.county.overview import DomainCell, Overview, TownshipRow

Index = QModelIndex | QPersistentModelIndex
CellRole = Qt.ItemDataRole.UserRole + 1      # the DomainCell of a domain column (None elsewhere)
TownshipRole = Qt.ItemDataRole.UserRole + 2  # the TownshipRow of any cell
FIXED = ("乡镇（街道）", "版本", "涉及领域")

# state → (background, text colour); a 涉及 cell with errors is shown in ERROR_BG.
COLORS = {"涉及": ("#d8efdc", "#1d5a2c"), "不涉及": ("#e9ecf0", "#6b7380"), "未编制": ("#ffffff", "#9aa1ab")}
ERROR_BG, UNCHECKED_BG, PENDING_BG, MARK = "#fde0dc", "#e6eef8", "#fff1d6", "#c62828"
PENDING_TEXT = "#7a4b00"
# 层级待确认 is its own state: a domain whose items are not yet decided is never "检查无错误" green.
LEGEND = (("无错误", COLORS["涉及"][0]), ("有错误", ERROR_BG), ("有层级待确认", PENDING_BG),
          ("未检查", UNCHECKED_BG), ("不涉及", COLORS["不涉及"][0]), ("未编制", COLORS["未编制"][0]))


def cell_background(cell: DomainCell | None) -> str:
    if cell is None:
        return COLORS["未编制"][0]
    if cell.state == "涉及":
        if cell.errors:
            return ERROR_BG
        if cell.pending:
            return PENDING_BG
        return UNCHECKED_BG if cell.errors is None else COLORS["涉及"][0]
    return COLORS.get(cell.state, COLORS["未编制"])[0]


def cell_text(cell: DomainCell | None) -> str:
    """纳入 items only; a domain with nothing decided yet says 待定."""
    if cell is None or cell.state == "未编制":
        return "—"
    if cell.state == "不涉及":
        return "不涉及"
    if cell.pending and not cell.adopted:
        return "待定"
    return str(cell.adopted)


def cell_tooltip(row: TownshipRow, cell: DomainCell | None, domain: str) -> str:
    if cell is None:
        return f"{row.name} · {domain}：未编制"
    lines = [f"{row.name} · {cell.name or domain}：{cell.state}"]
    if cell.state == "不涉及":
        lines.append(f"原因：{cell.reason}" if cell.reason else "未说明原因")
    elif cell.state == "涉及":
        lines.append(f"纳入 {cell.adopted} 项，层级待确认 {cell.pending} 项，"
                     f"不适用 {cell.na} 项，本地事项 {cell.local} 项")
        if cell.pending:
            lines.append(f"还有 {cell.pending} 项层级待确认（未计入纳入）")
        lines.append("未检查" if cell.errors is None
                     else f"检查：错误 {cell.errors} 处，提醒 {cell.warnings or 0} 处")
    return "\n".join(lines)


class CoverageModel(QAbstractTableModel):
    """Rows: townships (current catalog); columns: name, version, involved count, then the 26 domains."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.overview = Overview()
        self._cells: list[dict[int, DomainCell]] = []

    def set_overview(self, overview: Overview) -> None:
        self.beginResetModel()
        self.overview = overview
        self._cells = [{c.no: c for c in r.cells} for r in overview.rows]
        self.endResetModel()

    def township(self, row: int) -> TownshipRow:
        return self.overview.rows[row]

    def domain_at(self, column: int) -> tuple[int, str] | None:
        i = column - len(FIXED)
        return self.overview.domains[i] if 0 <= i < len(self.overview.domains) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.overview.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(FIXED) + len(self.overview.domains)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        domain = self.domain_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return FIXED[section] if domain is None else f"{domain[0]:02d}\n{domain[1][:2]}"
        if role == Qt.ItemDataRole.ToolTipRole and domain is not None:
            return f"{domain[0]:02d} {domain[1]}"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.overview.rows[index.row()]
        col = index.column()
        if role == TownshipRole:
            return row
        domain = self.domain_at(col)
        if domain is None:
            if role == Qt.ItemDataRole.DisplayRole:
                return (row.name, row.version_text, str(row.totals.get("involved", 0)))[col]
            if role == Qt.ItemDataRole.ToolTipRole and col == 0:
                problems = f"\n读取问题 {len(row.problems)} 处" if row.problems else ""
                return f"{row.name}（{row.code or '无区划代码'}）\n文件：{row.file_name}{problems}"
            return None
        cell = self._cells[index.row()].get(domain[0])
        if role == CellRole:
            return cell
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(cell)
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell_tooltip(row, cell, domain[1])
        return None


class CoverageDelegate(QStyledItemDelegate):
    """Paints a domain cell: its colour, the item count, and a red corner when the checks found errors."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        if index.data(TownshipRole) is None or index.column() < len(FIXED):
            super().paint(painter, option, index)
            return
        cell: DomainCell | None = index.data(CellRole)
        rect: QRect = option.rect
        painter.save()
        painter.fillRect(rect, QColor(cell_background(cell)))
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, QColor(31, 95, 168, 50))
        state = cell.state if cell is not None else "未编制"
        pending = cell is not None and state == "涉及" and cell.pending and not cell.errors
        painter.setPen(QColor(PENDING_TEXT if pending else COLORS.get(state, COLORS["未编制"])[1]))
        font = painter.font()
        if state == "不涉及":
            font.setPointSizeF(font.pointSizeF() * 0.8)
        painter.setFont(font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, cell_text(cell))
        if cell is not None and cell.errors:
            size = min(rect.height(), rect.width()) * 0.35
            corner = QPolygonF([QPointF(rect.right() - size, rect.top()),
                                QPointF(rect.right() + 1, rect.top()),
                                QPointF(rect.right() + 1, rect.top() + size)])
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(MARK))
            painter.drawPolygon(corner)
        painter.restore()
