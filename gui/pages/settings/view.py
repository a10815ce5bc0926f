"""设置: the holiday table (years covered, fallback warning, import), print defaults, font size, reminders."""
from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from catalog.county.workspace import default_county_workspace
from catalog.noticeboard.sheets import MIN_PERIOD_DAYS
from gui import filedialogs, ops
from gui import settings as S
from gui.context import AppContext
from gui.models.list_table import Column, ListTableModel
from gui.ops import run_op
from gui.page_parts import connect_session, heading, missing_workspace_text
from gui.style import MAX_POINT_SIZE, MIN_POINT_SIZE, TEXT_MUTED, apply_font, set_text_color
from gui.widgets import Banner, named

SOURCE_TEXT = {"table": "已导入/录入", "chinesecalendar": "内置数据",
               "estimated": "估算，未导入国务院办公厅放假安排", "weekends": "未知：只按周末计算"}
SOURCE_BG = {"table": "#d8efdc", "chinesecalendar": "#e6eef8", "estimated": "#fdf0d0", "weekends": "#fde0dc"}
YEAR_COLUMNS: list[Column[dict[str, Any]]] = [
    Column("年份", lambda y: y["year"]),
    Column("来源", lambda y: SOURCE_TEXT.get(y["source"], y["source"]),
           background=lambda y: SOURCE_BG.get(y["source"])),
    Column("工作日放假（天）", lambda y: y["weekday_holidays"] if y["source"] != "weekends" else "—"),
    Column("调休上班（天）",
           lambda y: y["adjusted_workdays"] if y["source"] not in ("weekends", "estimated") else "未知"),
    Column("文件", lambda y: y["file"]),
]
FORMAT_HINT = ("节假日文件：CSV，每行“日期,类型[,名称]”，类型填“休”（放假）或“班”（调休上班的周六、周日），"
               "例如 2027-02-06,休,春节；也可以是 JSON。文件中出现的年份整年替换。")


class SettingsPage(QWidget):
    """Every value is saved at once (gui/settings.py); the holiday table lives in the workspace."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self.holidays: ops.HolidayYears | None = None
        self._build()
        connect_session(ctx, self, self._session_changed)

    def _build(self) -> None:
        s = self._ctx.settings
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        body.setMaximumWidth(900)
        col = QVBoxLayout(body)
        col.setContentsMargins(16, 12, 16, 12)
        heading(col, "设置", "修改后立即保存。节假日安排保存在当前工作区中。")

        box = QGroupBox("节假日安排（计算公开期限的工作日）")
        hb = QVBoxLayout(box)
        self.holiday_banner = Banner()
        hb.addWidget(self.holiday_banner)
        self.year_model = ListTableModel(YEAR_COLUMNS, self)
        self.years = named(QTableView(), "holidayYears")
        self.years.setModel(self.year_model)
        self.years.verticalHeader().hide()
        self.years.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.years.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.years.horizontalHeader().setStretchLastSection(True)
        self.years.setMinimumHeight(170)
        hb.addWidget(self.years)
        row = QHBoxLayout()
        self.import_holidays_button = named(QPushButton("导入节假日文件…"), "importHolidays")
        row.addWidget(self.import_holidays_button)
        self.imported = named(QLabel(), "holidayImported")
        self.imported.setWordWrap(True)
        row.addWidget(self.imported, 1)
        hb.addLayout(row)
        hint = QLabel(FORMAT_HINT)
        hint.setWordWrap(True)
        set_text_color(hint, TEXT_MUTED)
        hb.addWidget(hint)
        col.addWidget(box)

        box = QGroupBox("公示打印默认设置")
        form = QFormLayout(box)
        self.large_print = named(QCheckBox("大字版（张贴用）"), "defaultLargePrint")
        self.large_print.setChecked(s.get(S.NOTICE_LARGE_PRINT))
        self.orientation = named(QComboBox(), "defaultOrientation")
        self.orientation.addItem("A4 纵向", False)
        self.orientation.addItem("A4 横向", True)
        self.orientation.setCurrentIndex(1 if s.get(S.NOTICE_LANDSCAPE) else 0)
        self.mask_names = named(QCheckBox("姓名也脱敏（张*三）"), "defaultMaskNames")
        self.mask_names.setChecked(s.get(S.NOTICE_MASK_NAMES))
        self.period_days = named(QSpinBox(), "periodDays")
        self.period_days.setRange(MIN_PERIOD_DAYS, 60)
        self.period_days.setSuffix(" 天")
        self.period_days.setValue(max(s.get(S.NOTICE_PERIOD_DAYS), MIN_PERIOD_DAYS))
        self.period_days.setToolTip("默认公示天数（自然日）；模板规定更长时按模板，"
                                    "如社会救助不少于 7 个工作日")
        form.addRow("纸张", self.orientation)
        form.addRow("", self.large_print)
        form.addRow("", self.mask_names)
        form.addRow("公示期", self.period_days)
        col.addWidget(box)

        box = QGroupBox("显示与提醒")
        form = QFormLayout(box)
        self.font_size = named(QDoubleSpinBox(), "fontSize")
        self.font_size.setRange(MIN_POINT_SIZE, MAX_POINT_SIZE)
        self.font_size.setSingleStep(0.5)
        self.font_size.setDecimals(1)
        self.font_size.setSuffix(" 磅")
        self.font_size.setValue(s.get(S.FONT_POINT_SIZE))
        self.within = named(QSpinBox(), "dueWithin")
        self.within.setRange(0, 60)
        self.within.setSuffix(" 天内到期算“即将到期”")
        self.within.setValue(s.get(S.DUE_WITHIN))
        form.addRow("字号", self.font_size)
        form.addRow("到期提醒", self.within)
        col.addWidget(box)

        box = QGroupBox("县级汇总")
        form = QFormLayout(box)
        path_row = QHBoxLayout()
        self.county_path = named(QLineEdit(s.get(S.COUNTY_WORKSPACE)), "countyPath")
        self.county_path.setPlaceholderText(str(default_county_workspace()))
        self.county_browse = QPushButton("浏览…")
        path_row.addWidget(self.county_path, 1)
        path_row.addWidget(self.county_browse)
        form.addRow("县级工作区文件", path_row)
        col.addWidget(box)
        col.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll)

        self.import_holidays_button.clicked.connect(self.choose_holiday_file)
        self.large_print.toggled.connect(lambda on: s.set(S.NOTICE_LARGE_PRINT, on))
        self.mask_names.toggled.connect(lambda on: s.set(S.NOTICE_MASK_NAMES, on))
        self.orientation.currentIndexChanged.connect(
            lambda _i: s.set(S.NOTICE_LANDSCAPE, bool(self.orientation.currentData())))
        self.period_days.valueChanged.connect(lambda v: s.set(S.NOTICE_PERIOD_DAYS, int(v)))
        self.within.valueChanged.connect(lambda v: s.set(S.DUE_WITHIN, int(v)))
        self.font_size.valueChanged.connect(self._font_changed)
        self.county_path.editingFinished.connect(
            lambda: s.set(S.COUNTY_WORKSPACE, self.county_path.text().strip()))
        self.county_browse.clicked.connect(self._choose_county)

    # --- page hooks -----------------------------------------------------------------------------
    def page_shown(self) -> None:
        self.font_size.blockSignals(True)
        self.font_size.setValue(self._ctx.settings.get(S.FONT_POINT_SIZE))   # 视图 › 放大字号 changes it too
        self.font_size.blockSignals(False)
        self.load_holidays()

    def _session_changed(self) -> None:
        if self.isVisible():
            self.load_holidays()

    # --- holidays -------------------------------------------------------------------------------
    def load_holidays(self) -> None:
        problem = missing_workspace_text(self._ctx)
        self.import_holidays_button.setEnabled(problem is None)
        session = self._ctx.session
        if problem or session is None:     # (no problem means a workspace is open)
            self.holiday_banner.set_html(problem or "")
            self.year_model.set_records([])
            return
        run_op(self._ctx, partial(ops.holiday_years, today=date.today()), title="读取节假日安排", parent=self,
               with_progress=False, modal=False, on_done=self.show_holidays)

    def show_holidays(self, h: ops.HolidayYears) -> None:
        self.holidays = h
        self.year_model.set_records(h.years)
        self.holiday_banner.set_html(f"注意：{h.warning}" if h.warning else "")
        if h.imported:
            self.imported.setText(h.imported)

    def choose_holiday_file(self) -> None:
        session = self._ctx.session
        if session is None:         # (the button is enabled only with a workspace open)
            return
        path = filedialogs.ask_open_file(self, "导入节假日安排", filedialogs.documents_folder(),
                                         filedialogs.HOLIDAY_FILTER)
        if path is None:
            return
        run_op(self._ctx, partial(ops.import_holidays, Path(path), today=date.today()),
               title="导入节假日安排", parent=self, on_done=self.show_holidays)

    # --- other settings -------------------------------------------------------------------------
    def _font_changed(self, size: float) -> None:
        self._ctx.settings.set(S.FONT_POINT_SIZE, float(size))
        app = QApplication.instance()
        if isinstance(app, QApplication):     # (always in the GUI; instance() is typed as the base class)
            apply_font(app, family=app.font().family(), point_size=size)

    def _choose_county(self) -> None:
        current = Path(self.county_path.text().strip() or default_county_workspace())
        chosen = filedialogs.ask_save_file(self, "县级工作区文件", current, "工作区（*.gkml.db *.db）")
        if chosen is not None:
            self.county_path.setText(str(chosen))
            self._ctx.settings.set(S.COUNTY_WORKSPACE, str(chosen))
