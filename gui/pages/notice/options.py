"""The 公示打印 options panel: villages (blocked ones greyed with the reason), 公示期, phone, layout."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QAbstractListModel, QDate, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from catalog.noticeboard.model import Issue
from catalog.noticeboard.service import PrintChoice
from catalog.noticeboard.sheets import MIN_PERIOD_DAYS, default_period_end
from catalog.noticeboard.template import PeriodRule
from catalog.timelimits.workdays import WorkCalendar
from gui import settings as S
from gui.settings import Settings
from gui.style import TEXT_MUTED, set_text_color
from gui.widgets import named

Index = QModelIndex | QPersistentModelIndex
BlockedRole = Qt.ItemDataRole.UserRole + 1


class VillageListModel(QAbstractListModel):
    """Villages of the roster with a check box; a village with unresolved errors cannot be checked."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.entries: list[tuple[str, int, Sequence[Issue]]] = []
        self.unchecked: set[str] = set()        # printable villages the clerk left out
        self._grey = QBrush(QColor("#8a8f98"))

    def set_villages(self, entries: list[tuple[str, int, Sequence[Issue]]]) -> None:
        """entries: (village, rows, blocking errors). A village is checked once printable, unless the
        clerk unchecked it."""
        self.beginResetModel()
        self.entries = entries
        self.endResetModel()
        self.changed.emit()

    def set_all(self, on: bool) -> None:
        self.unchecked = set() if on else {v for v, _, _ in self.entries}
        self.dataChanged.emit(self.index(0), self.index(max(len(self.entries) - 1, 0)))
        self.changed.emit()

    def chosen(self) -> list[str]:
        return [v for v, _, errs in self.entries if v not in self.unchecked and not errs]

    def blocked(self) -> dict[str, Sequence[Issue]]:
        return {v: errs for v, _, errs in self.entries if errs}

    def row_of(self, village: str) -> int:
        return next((i for i, (v, _, _) in enumerate(self.entries) if v == village), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.entries[index.row()][2]:
            return Qt.ItemFlag.ItemIsSelectable     # greyed: not enabled, cannot be checked
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        village, rows, errs = self.entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{village}　{len(errs)} 处错误，暂不能打印" if errs else f"{village}（{rows} 行）"
        if role == Qt.ItemDataRole.CheckStateRole:
            on = village not in self.unchecked and not errs
            return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and errs:
            shown = "\n".join(e.message for e in errs[:5])
            more = f"\n……共 {len(errs)} 处" if len(errs) > 5 else ""
            return f"改正或排除这些行后才能打印：\n{shown}{more}"
        if role == Qt.ItemDataRole.ForegroundRole and errs:
            return self._grey
        if role == BlockedRole:
            return bool(errs)
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or self.entries[index.row()][2]:
            return False
        village = self.entries[index.row()][0]
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.unchecked.discard(village)
        else:
            self.unchecked.add(village)
        self.dataChanged.emit(index, index)
        self.changed.emit()
        return True


class PrintOptions(QGroupBox):
    """Everything chosen before a print; `changed` fires on any edit (the preview is then out of date)."""

    changed = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__("打印设置", parent)
        self._settings = settings
        self._rule = PeriodRule(MIN_PERIOD_DAYS)
        self._calendar: WorkCalendar | None = None
        self.villages = VillageListModel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("村（社区）"))
        self.village_view = named(QListView(), "villages")
        self.village_view.setModel(self.villages)
        self.village_view.setMinimumHeight(120)
        layout.addWidget(self.village_view, 1)
        row = QHBoxLayout()
        self.all_button = QPushButton("全选")
        self.none_button = QPushButton("全不选")
        row.addWidget(self.all_button)
        row.addWidget(self.none_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.blocked_note = QLabel()
        self.blocked_note.setWordWrap(True)
        set_text_color(self.blocked_note, TEXT_MUTED)
        layout.addWidget(self.blocked_note)

        form = QFormLayout()
        self.template = named(QLabel(), "templateName")
        self.template.setWordWrap(True)
        form.addRow("模板", self.template)
        self.start = named(QDateEdit(), "periodStart")
        self.end = named(QDateEdit(), "periodEnd")
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        today = date.today()
        self.start.setDate(QDate(today.year, today.month, today.day))
        self._set_end_from_start()
        period = QHBoxLayout()
        period.addWidget(self.start)
        period.addWidget(QLabel("至"))
        period.addWidget(self.end)
        form.addRow("公示期", period)
        self.allow_short = named(QCheckBox(f"允许少于 {MIN_PERIOD_DAYS} 天（须有依据）"), "allowShort")
        form.addRow("", self.allow_short)
        self.phone = named(QLineEdit(), "phone")
        self.phone.setPlaceholderText("监督举报电话（必填）")
        form.addRow("监督电话", self.phone)
        self.orientation = named(QComboBox(), "orientation")
        self.orientation.addItem("A4 纵向", False)
        self.orientation.addItem("A4 横向", True)
        self.orientation.setCurrentIndex(1 if settings.get(S.NOTICE_LANDSCAPE) else 0)
        form.addRow("纸张", self.orientation)
        self.large_print = named(QCheckBox("大字版（张贴用，字更大）"), "largePrint")
        self.large_print.setChecked(settings.get(S.NOTICE_LARGE_PRINT))
        form.addRow("", self.large_print)
        self.mask_names = named(QCheckBox("姓名也脱敏（张*三）"), "maskNames")
        self.mask_names.setChecked(settings.get(S.NOTICE_MASK_NAMES))
        form.addRow("", self.mask_names)
        self.correction = named(QCheckBox("更正后重新公示（版本号接续）"), "correction")
        self.correction.setToolTip("作废此前张贴的版本。同一名册文件改正后再次打印会自动算作新版本；"
                                   "用另一个名册改正旧名单时才勾选此项。"
                                   "另一批补贴不要勾选：新的一批从第 1 版开始。")
        form.addRow("", self.correction)
        layout.addLayout(form)

        self.all_button.clicked.connect(lambda: self.villages.set_all(True))
        self.none_button.clicked.connect(lambda: self.villages.set_all(False))
        self.villages.changed.connect(self._villages_changed)
        self.start.dateChanged.connect(self._start_changed)
        for signal in (self.end.dateChanged, self.allow_short.toggled, self.phone.textChanged,
                       self.orientation.currentIndexChanged, self.large_print.toggled,
                       self.mask_names.toggled, self.correction.toggled):
            signal.connect(self._changed)

    def set_period_rule(self, rule: PeriodRule, calendar: WorkCalendar | None = None) -> None:
        """The roster's template sets the shortest 公示期 (7 天 or 7 个工作日): the end follows it."""
        self._rule, self._calendar = rule, calendar
        self.allow_short.setText(f"允许少于 {rule.text()}（须有依据）")
        self._set_end_from_start()

    def _set_end_from_start(self) -> None:
        days = max(self._settings.get(S.NOTICE_PERIOD_DAYS), 1)
        start = _day(self.start.date())
        # The longer of the clerk's default length and the template's rule (working days counted).
        end = max(start + timedelta(days=days - 1), default_period_end(start, self._rule, self._calendar))
        self.end.setDate(QDate(end.year, end.month, end.day))

    def _start_changed(self, _d) -> None:
        self._set_end_from_start()
        self._changed()

    def _villages_changed(self) -> None:
        blocked = self.villages.blocked()
        self.blocked_note.setText(f"灰色的村有错误未处理（{'、'.join(blocked)}），改正或排除相应行后才能打印。"
                                  if blocked else "")
        self._changed()

    def _changed(self, *_args) -> None:
        s = self._settings
        s.set(S.NOTICE_LANDSCAPE, bool(self.orientation.currentData()))
        s.set(S.NOTICE_LARGE_PRINT, self.large_print.isChecked())
        s.set(S.NOTICE_MASK_NAMES, self.mask_names.isChecked())
        self.changed.emit()

    def choice(self) -> PrintChoice:
        return PrintChoice(villages=tuple(self.villages.chosen()), period_start=_day(self.start.date()),
                           period_end=_day(self.end.date()), phone=self.phone.text().strip(),
                           allow_short_period=self.allow_short.isChecked(),
                           landscape=bool(self.orientation.currentData()),
                           large_print=self.large_print.isChecked(), mask_names=self.mask_names.isChecked(),
                           correction=self.correction.isChecked())


def _day(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())

