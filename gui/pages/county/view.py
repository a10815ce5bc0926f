"""县级汇总: import a folder of township catalog files (task), the coverage matrix, drill-down,
summary workbook."""
from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from catalog.county.overview import DomainCell, Overview, TownshipRow
from catalog.county.workspace import FAILED, FileResult, ImportReport, default_county_workspace
from gui import filedialogs, ops
from gui import settings as S
from gui.context import AppContext
from gui.models.list_table import Column, ListTableModel
from gui.page_parts import heading
from gui.pages.county import accepts_county
from gui.pages.county.coverage import FIXED, LEGEND, CoverageDelegate, CoverageModel, cell_background
from gui.style import TEXT_MUTED, set_text_color
from gui.widgets import Banner, named, record_table

DOMAIN_COLUMNS: list[Column[DomainCell]] = [
    Column("领域", lambda c: f"{c.no:02d} {c.name}", background=cell_background),
    Column("状态", lambda c: c.state),
    Column("纳入", lambda c: c.adopted if c.state == "涉及" else ""),
    Column("层级待确认", lambda c: c.pending if c.state == "涉及" else ""),
    Column("不适用", lambda c: c.na if c.state == "涉及" else ""),
    Column("本地事项", lambda c: c.local if c.state == "涉及" else ""),
    Column("错误", lambda c: ("未检查" if c.errors is None else c.errors) if c.state == "涉及" else ""),
    Column("说明", lambda c: c.reason),
]
HISTORY_COLUMNS: list[Column[dict[str, Any]]] = [
    Column("导入时间", lambda h: (h["imported_at"] or "")[:16].replace("T", " ")),
    Column("文件", lambda h: h["file_name"]),
    Column("类型", lambda h: "上报文件" if h["kind"] == "package" else "Excel"),
    Column("版本", lambda h: f"第{h['catalog_version']}版" if h["catalog_version"] else "工作稿"),
    Column("状态", lambda h: {"current": "当前", "superseded": "已被替换", "older": "较旧（只存档）"}.get(
        h["status"], h["status"])),
]
RESULT_COLUMNS: list[Column[FileResult]] = [
    Column("文件", lambda f: f.file),
    Column("结果", lambda f: f.status_text, background=lambda f: "#fde0dc" if f.status == FAILED else None),
    Column("乡镇", lambda f: f.township),
    Column("说明", lambda f: "；".join([f.message, *f.problems]).strip("；")),
]


class Legend(QWidget):
    """Colour swatches explaining the matrix."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for text, color in LEGEND:
            row.addWidget(_Swatch(color))
            label = QLabel(text)
            set_text_color(label, TEXT_MUTED)
            row.addWidget(label)
            row.addSpacing(10)
        note = QLabel("数字：纳入数；红角：有错误")
        set_text_color(note, TEXT_MUTED)
        row.addWidget(note)
        row.addStretch(1)
        self.setToolTip("右上角红色：检查发现错误；数字：纳入的事项数（层级待确认的不计入）；"
                        "待定：还没有确认任何事项")


class _Swatch(QWidget):
    def __init__(self, color: str):
        super().__init__()
        self._color = QColor(color)
        self.setFixedSize(16, 16)

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect().adjusted(0, 0, -1, -1), self._color)
        p.setPen(QColor("#b8bec7"))
        p.drawRect(self.rect().adjusted(0, 0, -1, -1))


class CountyPage(QWidget):
    """Works on the county workspace (its own file, never a township workspace)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self.overview = Overview()
        self.report: ImportReport | None = None
        self.summary_path: Path | None = None
        self._loaded = False
        self._build()

    @property
    def workspace_path(self) -> Path:
        chosen = self._ctx.settings.get(S.COUNTY_WORKSPACE)
        return Path(chosen) if chosen else default_county_workspace()

    @property
    def guides(self):
        return self._ctx.session.shipped if self._ctx.session is not None else self._ctx.guides

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 8)
        _, self.subtitle = heading(outer, "县级汇总", "")
        bar = QHBoxLayout()
        self.import_folder_button = named(QPushButton("导入文件夹…"), "importFolder")
        self.import_folder_button.setToolTip("导入文件夹中各乡镇报送的目录文件（.gkml，或标准格式 Excel）")
        self.import_files_button = named(QPushButton("导入文件…"), "importFiles")
        self.summary_button = named(QPushButton("导出汇总表…"), "summaryButton")
        self.open_summary = named(QPushButton("打开所在文件夹"), "openSummary")
        self.open_summary.setEnabled(False)
        for button in (self.import_folder_button, self.import_files_button, self.summary_button,
                       self.open_summary):
            bar.addWidget(button)
        bar.addStretch(1)
        self.counts = named(QLabel(), "countyCounts")
        bar.addWidget(self.counts)
        outer.addLayout(bar)
        self.banner = Banner()
        outer.addWidget(self.banner)
        outer.addWidget(Legend())

        self.model = CoverageModel(self)
        self.matrix = named(QTableView(), "matrix")
        self.matrix.setModel(self.model)
        self.matrix.setItemDelegate(CoverageDelegate(self.matrix))
        self.matrix.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.matrix.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.matrix.verticalHeader().hide()
        self.matrix.verticalHeader().setDefaultSectionSize(self.matrix.fontMetrics().height() + 10)
        self.matrix.setShowGrid(True)
        self.model.modelReset.connect(self._size_columns)

        self.details = named(QTabWidget(), "details")
        drill = QWidget()
        col = QVBoxLayout(drill)
        col.setContentsMargins(6, 6, 6, 6)
        self.township_label = named(QLabel("在上方选择一个乡镇，这里显示它各领域的情况和导入历史。"),
                                    "townshipLabel")
        self.township_label.setWordWrap(True)
        col.addWidget(self.township_label)
        inner = QSplitter(Qt.Orientation.Horizontal)
        self.domain_model = ListTableModel(DOMAIN_COLUMNS, self)
        self.domain_table = record_table(self.domain_model, "domainTable", row_padding=8)
        self.history_model = ListTableModel(HISTORY_COLUMNS, self)
        self.history_table = record_table(self.history_model, "historyTable", row_padding=8)
        metrics = self.domain_table.fontMetrics()
        samples = ("26 国有土地上房屋征收", "不涉及", "纳入", "层级待确认", "不适用", "本地事项", "未检查")
        for c, sample in enumerate(samples):
            self.domain_table.setColumnWidth(c, metrics.horizontalAdvance(sample) + 18)
        for c, sample in enumerate(("2026-11-22 08:48", "420102001000.gkml", "上报文件", "第10版")):
            self.history_table.setColumnWidth(c, metrics.horizontalAdvance(sample) + 18)
        inner.addWidget(self.domain_table)
        inner.addWidget(self.history_table)
        inner.setSizes([640, 460])
        col.addWidget(inner, 1)
        self.details.addTab(drill, "乡镇详情")
        self.result_model = ListTableModel(RESULT_COLUMNS, self)
        self.result_table = record_table(self.result_model, "resultTable", row_padding=8)
        self.details.addTab(self.result_table, "导入结果")

        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(self.matrix)
        self.split.addWidget(self.details)
        self.split.setSizes([430, 260])
        self.split.restoreState(self._ctx.settings.get(S.COUNTY_SPLITTER))
        outer.addWidget(self.split, 1)

        self.import_folder_button.clicked.connect(self.choose_folder)
        self.import_files_button.clicked.connect(self.choose_files)
        self.summary_button.clicked.connect(self.export_summary)
        self.open_summary.clicked.connect(
            lambda: self.summary_path and filedialogs.show_in_folder(self.summary_path))
        self.matrix.selectionModel().currentRowChanged.connect(self._township_changed)
        self.matrix.doubleClicked.connect(self._cell_activated)
        self._update_counts()

    def _size_columns(self) -> None:
        metrics = self.matrix.fontMetrics()
        header = self.matrix.horizontalHeader()
        header.setMinimumSectionSize(10)
        self.matrix.setColumnWidth(0, metrics.horizontalAdvance("某某某某镇街道") + 16)
        self.matrix.setColumnWidth(1, metrics.horizontalAdvance("第10版") + 16)
        self.matrix.setColumnWidth(2, metrics.horizontalAdvance("涉及领域") + 12)
        for c in range(len(FIXED), self.model.columnCount()):
            self.matrix.setColumnWidth(c, metrics.horizontalAdvance("涉农") + 14)

    # --- page hooks -----------------------------------------------------------------------------
    def page_shown(self) -> None:
        self.subtitle.setText(f"汇总各乡镇报送的目录。县级工作区：{self.workspace_path}")
        if not self._loaded:
            self.reload()

    def save_state(self) -> None:
        self._ctx.settings.set(S.COUNTY_SPLITTER, bytes(self.split.saveState().data()))

    def open_paths(self, paths: list[Path]) -> None:
        if paths and accepts_county(paths):
            self.import_paths(paths)

    # --- actions --------------------------------------------------------------------------------
    def reload(self) -> None:
        self._loaded = True
        self._ctx.runner.run(partial(ops.county_overview, self.workspace_path, self.guides),
                             title="读取县级汇总", parent=self, with_progress=False,
                             on_done=self.show_overview)

    def choose_folder(self) -> None:
        folder = filedialogs.ask_folder(self, "选择存放各乡镇目录文件的文件夹",
                                        filedialogs.start_folder(self._ctx.settings.get(S.COUNTY_FOLDER)))
        if folder is not None:
            self.import_paths([folder])

    def choose_files(self) -> None:
        files = filedialogs.ask_open_files(self, "选择乡镇目录文件",
                                           filedialogs.start_folder(self._ctx.settings.get(S.COUNTY_FOLDER)),
                                           filedialogs.CATALOG_FILTER)
        if files:
            self.import_paths(files)

    def import_paths(self, paths: list[Path]) -> None:
        """Import a folder or files in a task (progress, 取消 leaves the workspace unchanged)."""
        first = paths[0]
        self._ctx.settings.set(S.COUNTY_FOLDER, str(first if first.is_dir() else first.parent))
        fn = partial(ops.county_import, self.workspace_path, self.guides, list(paths))
        self._loaded = True
        self._ctx.runner.run(fn, title="导入乡镇目录", label="正在读取并检查各乡镇的目录文件…", parent=self,
                             on_done=self._imported)

    def _imported(self, imported: ops.CountyImported) -> None:
        self.report = imported.report
        self.result_model.set_records(imported.report.files)
        self.details.setCurrentIndex(1)
        r = imported.report
        failed = r.count(FAILED)
        self.banner.set_html(f"有 {failed} 个文件未能导入，见下方「导入结果」。" if failed else "")
        self._ctx.runner.message.emit(f"已导入 {r.count('imported', 'replaced')} / {len(r.files)} 个文件")
        self.show_overview(imported.overview)

    def show_overview(self, overview: Overview) -> None:
        self.overview = overview
        self.model.set_overview(overview)
        self._update_counts()
        if overview.rows:
            self.matrix.selectRow(0)

    def _update_counts(self) -> None:
        rows = self.overview.rows
        errors = sum(1 for r in rows if (r.totals.get("errors") or 0) > 0)
        self.counts.setText(f"{len(rows)} 个乡镇（街道），其中 {errors} 个检查有错误" if rows
                            else "还没有导入任何乡镇的目录")
        self.summary_button.setEnabled(bool(rows))

    def _township_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        row: TownshipRow = self.model.township(current.row())
        self.show_township(row)

    def show_township(self, row: TownshipRow) -> None:
        t = row.totals
        problems = f"；读取问题 {len(row.problems)} 处：{'；'.join(row.problems[:3])}" if row.problems else ""
        self.township_label.setText(
            f"<b>{row.name}</b>（{row.code or '无区划代码'}）　{row.version_text}　文件 {row.file_name}　"
            f"导出于 {(row.exported_at or '未知')[:10]}　涉及 {t.get('involved', 0)} 个领域，"
            f"纳入 {t.get('adopted', 0)} 项，层级待确认 {t.get('pending', 0)} 项，"
            f"不适用 {t.get('na', 0)} 项{problems}")
        self.domain_model.set_records(list(row.cells))
        self.details.setCurrentIndex(0)
        self._ctx.runner.run(partial(ops.county_history, self.workspace_path, self.guides, row.key),
                             title="读取导入历史", parent=self, with_progress=False, modal=False,
                             on_done=self.history_model.set_records)

    def _cell_activated(self, index: QModelIndex) -> None:
        domain = self.model.domain_at(index.column())
        if domain is None:
            return
        row = next((i for i, c in enumerate(self.domain_model.records) if c.no == domain[0]), -1)
        if row >= 0:
            self.details.setCurrentIndex(0)
            self.domain_table.selectRow(row)
            self.domain_table.scrollTo(self.domain_model.index(row, 0))

    def export_summary(self) -> None:
        default = filedialogs.start_folder(self._ctx.settings.get(S.COUNTY_FOLDER)) / \
            f"县级政务公开目录汇总_{date.today():%Y%m%d}.xlsx"
        out = filedialogs.ask_save_file(self, "导出汇总表", default, "Excel 工作簿（*.xlsx）")
        if out is None:
            return
        self._ctx.runner.run(partial(ops.county_summary, self.workspace_path, self.guides, out),
                             title="导出汇总表", parent=self, on_done=self._summary_written)

    def _summary_written(self, path: Path) -> None:
        self.summary_path = Path(path)
        self.open_summary.setEnabled(True)
        self._ctx.runner.message.emit(f"汇总表已写入 {path}")
