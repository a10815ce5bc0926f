"""The imported roster as a table: one row per roster line, errors and warnings coloured, excluded rows grey.

Cells are computed when the view asks (a 50,000-row roster costs only the index of its issues);
filtering keeps a list of visible row numbers instead of a proxy model calling Python per row.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from catalog.noticeboard.fields import LABELS
from catalog.noticeboard.model import ERROR, TOTAL, Issue, Roster, RosterRow

Index = QModelIndex | QPersistentModelIndex
RowNoRole = Qt.ItemDataRole.UserRole + 1      # the roster row number (RosterRow.no) of a table row
ERROR_BG, WARNING_BG, EXCLUDED_FG, TOTAL_BG = "#fde2e1", "#fff4d6", "#8a8f98", "#eef2f7"
_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole,
                    Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ToolTipRole,
                    RowNoRole})
FILTERS = {"all": "全部行", "errors": "有错误的行", "warnings": "有提醒的行", "excluded": "已排除的行"}


class RosterTableModel(QAbstractTableModel):
    """Columns: 行 (spreadsheet row), the mapped fields in their usual order, 检查结果."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.roster: Roster | None = None
        self.fields: list[str] = []
        self._issues: dict[int, list[Issue]] = {}
        self._visible: list[int] = []          # indexes into roster.rows
        self._filter, self._text = "all", ""
        self._multi_sheet = False
        self._bold = QFont()
        self._bold.setBold(True)
        self._brush = {c: QBrush(QColor(c)) for c in (ERROR_BG, WARNING_BG, EXCLUDED_FG, TOTAL_BG)}

    # --- content --------------------------------------------------------------------------------
    def set_roster(self, roster: Roster | None) -> None:
        """Show a roster (or nothing); call again after its issues or exclusions changed."""
        self.beginResetModel()
        self.roster = roster
        self.fields = [f for f in LABELS if roster is not None and f in roster.mapping]
        self._multi_sheet = roster is not None and len(set(roster.sheets)) > 1
        self._issues = {}
        for issue in roster.issues if roster is not None else ():
            self._issues.setdefault(issue.no, []).append(issue)
        self._visible = self._filtered()
        self.endResetModel()

    def set_filter(self, mode: str, text: str = "") -> None:
        self.beginResetModel()
        self._filter, self._text = mode, text.strip()
        self._visible = self._filtered()
        self.endResetModel()

    def _filtered(self) -> list[int]:
        roster = self.roster
        if roster is None:
            return []
        mode, text = self._filter, self._text
        rows = roster.rows
        if mode == "all" and not text:
            return list(range(len(rows)))
        out = []
        for i, r in enumerate(rows):
            issues = self._issues.get(r.no, ())
            if mode == "errors" and not any(x.level == ERROR for x in issues):
                continue
            if mode == "warnings" and not any(x.level != ERROR for x in issues):
                continue
            if mode == "excluded" and r.no not in roster.excluded:
                continue
            if text and not any(text in v for v in r.values.values()):
                continue
            out.append(i)
        return out

    def row_at(self, row: int) -> RosterRow:
        assert self.roster is not None, "there are rows only while a roster is shown"
        return self.roster.rows[self._visible[row]]

    def issues_of(self, no: int) -> list[Issue]:
        return self._issues.get(no, [])

    def table_row_of(self, no: int) -> int:
        """The table row showing roster row `no`, or -1 when it is filtered out."""
        try:
            return self._visible.index(no - 1)
        except ValueError:
            return -1

    # --- Qt model -------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.roster is None else len(self.fields) + 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return "行"
        if section <= len(self.fields):
            return LABELS[self.fields[section - 1]]
        return "检查结果"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        roster = self.roster
        if role not in _ROLES or roster is None or not index.isValid():
            return None     # the view asks ~9 roles per cell: answer the unused ones at once
        row = roster.rows[self._visible[index.row()]]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text_of(row, col, roster.excluded)
        if role == RowNoRole:
            return row.no
        excluded = row.no in roster.excluded
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(row, col, excluded)
        if role == Qt.ItemDataRole.ForegroundRole and excluded:
            return self._brush[EXCLUDED_FG]
        if role == Qt.ItemDataRole.FontRole and row.kind == TOTAL:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [("错误：" if x.level == ERROR else "提醒：") + x.message
                     for x in self._issues.get(row.no, ())]
            if excluded:
                lines.insert(0, f"已排除：{roster.excluded[row.no]}")
            return "\n".join(lines) or None
        return None

    def _background(self, row: RosterRow, col: int, excluded: bool) -> QBrush | None:
        if row.kind == TOTAL:
            return self._brush[TOTAL_BG]
        if excluded:
            return None
        issues = self._issues.get(row.no)
        if issues:
            bad = [x for x in issues if col == 0 or col > len(self.fields)
                   or x.field == self.fields[col - 1] or not x.field]
            if bad:
                return self._brush[ERROR_BG if any(x.level == ERROR for x in bad) else WARNING_BG]
        return None

    def _text_of(self, row: RosterRow, col: int, excluded: dict[int, str]) -> str:
        if col == 0:
            return f"{row.sheet} {row.line}" if self._multi_sheet else str(row.line)
        if col <= len(self.fields):
            f = self.fields[col - 1]
            return row.get("label") if row.kind == TOTAL and f == self.fields[0] else row.get(f)
        if row.no in excluded:
            return f"已排除：{excluded[row.no]}"
        if row.kind == TOTAL:
            return "合计行（不打印，只用于核对）"
        issues = self._issues.get(row.no)
        if not issues:
            return ""
        first = issues[0]
        more = f"（另有 {len(issues) - 1} 处）" if len(issues) > 1 else ""
        return ("错误：" if first.level == ERROR else "提醒：") + _short(first.message) + more


def _short(message: str) -> str:
    """The problem without its location prefix (errors.where: 文件 …，第 3 行，列「…」：)."""
    if message.startswith(("文件 ", "工作表", "第 ", "列「")) and "：" in message:
        return message.split("：", 1)[1]
    return message
