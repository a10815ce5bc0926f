"""公示打印: import a roster → map unknown columns → check and exclude rows → choose villages and 公示期 →
preview the PDF pages in the app → save (PDF, Excel, 分村汇总表) or print. All file work runs in tasks."""
from __future__ import annotations

import tempfile
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from catalog.noticeboard.importer import MappingError
from catalog.noticeboard.model import Roster
from catalog.noticeboard.service import (
    NO_VILLAGES,
    BoardView,
    PrintChoice,
    Printed,
    RosterCounts,
    RosterListing,
    RosterState,
    villages_of,
)
from catalog.noticeboard.template import list_templates, load_template
from catalog.progress import Progress
from catalog.storage.workspace import Workspace
from gui import filedialogs, ops
from gui import settings as S
from gui.context import AppContext
from gui.ops import run_op
from gui.page_parts import connect_session, heading, missing_workspace_text, open_catalog
from gui.pages.notice import accepts_roster
from gui.pages.notice.dialogs import ExcludeDialog, MappingDialog
from gui.pages.notice.options import PrintOptions
from gui.pages.notice.roster_table import FILTERS, RosterTableModel
from gui.pdf_preview import PdfPreview
from gui.printing import print_pdf
from gui.scan_dialog import start_privacy_scan
from gui.style import TEXT_MUTED, set_text_color
from gui.widgets import Banner, named

SAVE_KINDS = {"pdf": ("保存公示表 PDF…", "PDF 文件（*.pdf）", ".pdf"),
              "xlsx": ("保存 Excel 版（含分村汇总）…", "Excel 工作簿（*.xlsx）", ".xlsx"),
              "summary": ("保存分村汇总表…", "PDF 文件（*.pdf）;;Excel 工作簿（*.xlsx）", ".pdf")}
EMPTY_TEXT = ("导入补贴或救助名册（xlsx、xls、csv）：程序检查每一行，按村生成脱敏后的公示表。"
              "也可以把名册文件直接拖到窗口上。")


def print_job(roster_id: int, choice: PrintChoice, out: Path, printer, printer_name: str, *, ws: Workspace,
              progress: Progress | None = None) -> ops.Done[int]:
    """Render, print and record the sheets (an op on the worker); the pages printed."""
    result = ops.notice_preview(roster_id, out, choice, ws=ws).value
    if not result.sheets:
        return ops.Done(0)
    pages = print_pdf(out, printer, progress=progress)
    return ops.Done(pages, ops.notice_record_printed(roster_id, choice, result, printer_name, ws=ws).changes)


class NoticePage(QWidget):
    """The roster and its checks on the left (tab 名册检查 / 打印预览), the print options on the right."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self.roster: Roster | None = None
        self._counts: RosterCounts | None = None
        self._problem: str | None = None
        self.mapping_dialog: MappingDialog | None = None
        self.exclude_dialog: ExcludeDialog | None = None
        self.scan_dialog = None
        self.saved: list[Path] = []
        self._tmp = tempfile.TemporaryDirectory(prefix="gkml-preview-")
        self._preview_no = 0
        self._loaded_for: Path | None = None
        self._build()
        connect_session(ctx, self, self._session_changed)
        self._session_changed()

    # --- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        s = self._ctx.settings
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 8)
        heading(outer, "公示打印", "村务公开栏公示表：身份证号只显示前 2 位和后 3 位，银行账号不打印，"
                                   "有错误的村在改正或排除相应行之前不能打印。")
        bar = QHBoxLayout()
        self.import_button = named(QPushButton("导入名册…"), "importButton")
        self.template = named(QComboBox(), "template")
        for tpl in list_templates():
            self.template.addItem(tpl.name, tpl.id)
        self.template.setCurrentIndex(max(self.template.findData(s.get(S.NOTICE_TEMPLATE)), 0))
        self.template.setToolTip("导入时按这个模板检查必需的列；打印的标题和列也由它决定")
        self.rosters = named(QComboBox(), "rosters")
        self.rosters.setToolTip("以前导入的名册")
        self.rosters.setMinimumContentsLength(14)           # (the whole name in the list; fits 1024 px)
        self.rosters.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        bar.addWidget(self.import_button)
        bar.addWidget(QLabel("模板"))
        bar.addWidget(self.template, 1)
        bar.addWidget(QLabel("名册"))
        bar.addWidget(self.rosters, 1)
        outer.addLayout(bar)
        self.banner = Banner()
        outer.addWidget(self.banner)

        self.tabs = named(QTabWidget(), "tabs")
        self.tabs.addTab(self._build_check_tab(), "名册检查")
        self.preview = PdfPreview(self._ctx.runner)
        self.tabs.addTab(self.preview, "打印预览")

        right = QWidget()
        col = QVBoxLayout(right)
        col.setContentsMargins(8, 0, 0, 0)
        self.options = PrintOptions(s)
        options_scroll = QScrollArea()       # the options scroll on a 768 px high screen
        options_scroll.setWidgetResizable(True)
        options_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        options_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)   # never cut off
        options_scroll.setWidget(self.options)
        col.addWidget(options_scroll, 1)
        self.preview_button = named(QPushButton("预览"), "previewButton")
        self.save_button = named(QToolButton(), "saveButton")
        self.save_button.setText("保存…")
        self.save_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.save_button)
        self.save_actions = {}
        for kind, (text, _, _) in SAVE_KINDS.items():
            action = menu.addAction(text)
            action.triggered.connect(partial(self.save, kind))
            self.save_actions[kind] = action
        self.save_button.setMenu(menu)
        self.print_button = named(QPushButton("打印…"), "printButton")
        self.scan_button = named(QPushButton("发布前隐私检查…"), "scanButton")
        row = QHBoxLayout()
        for b in (self.preview_button, self.save_button, self.print_button):
            row.addWidget(b)
        col.addLayout(row)
        col.addWidget(self.scan_button)
        self.saved_label = named(QLabel(), "savedLabel")
        self.saved_label.setWordWrap(True)
        set_text_color(self.saved_label, TEXT_MUTED)
        col.addWidget(self.saved_label)

        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self.tabs)
        self.split.addWidget(right)
        self.split.setStretchFactor(0, 1)
        self.split.setSizes([780, 400])
        # The options (公示期 from … to …) are never cut: the splitter keeps them their width.
        right.setMinimumWidth(self.options.minimumSizeHint().width() + 28)
        self.split.restoreState(s.get(S.NOTICE_SPLITTER))
        outer.addWidget(self.split, 1)

        self.import_button.clicked.connect(self.choose_roster)
        self.rosters.activated.connect(self._roster_chosen)
        self.template.currentIndexChanged.connect(
            lambda _i: s.set(S.NOTICE_TEMPLATE, self.template.currentData() or ""))
        self.preview_button.clicked.connect(self.show_preview)
        self.print_button.clicked.connect(self.print_sheets)
        self.scan_button.clicked.connect(self.scan)
        self.options.changed.connect(self._options_changed)

    def _build_check_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 6, 0, 0)
        bar = QHBoxLayout()
        self.filter = named(QComboBox(), "filter")
        for key, text in FILTERS.items():
            self.filter.addItem(text, key)
        self.search = named(QLineEdit(), "search")
        self.search.setPlaceholderText("查找姓名、村、组…")
        self.search.setClearButtonEnabled(True)
        self.counts = named(QLabel(), "counts")
        self.counts.setWordWrap(True)          # a long count line wraps instead of widening the page
        bar.addWidget(self.filter)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.counts)
        layout.addLayout(bar)
        self.model = RosterTableModel(self)
        self.table = named(QTableView(), "rosterTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        layout.addWidget(self.table, 1)
        self.detail = named(QLabel(), "issueDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.detail)
        buttons = QHBoxLayout()
        self.exclude_button = named(QPushButton("排除所选行…"), "excludeButton")
        self.exclude_button.setToolTip("把选中的行排除出公示（须写明原因），例如重复登记或经核实不应发放的")
        self.include_button = named(QPushButton("恢复所选行"), "includeButton")
        buttons.addWidget(self.exclude_button)
        buttons.addWidget(self.include_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.filter.currentIndexChanged.connect(self._filter_changed)
        self.search.textChanged.connect(self._filter_changed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.exclude_button.clicked.connect(self.exclude_selected)
        self.include_button.clicked.connect(self.include_selected)
        return tab

    # --- page hooks -----------------------------------------------------------------------------
    def page_shown(self) -> None:
        session = self._ctx.session
        if session is not None and session.is_open and self._loaded_for != session.path:
            self._load_stored()

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def save_state(self) -> None:
        self._ctx.settings.set(S.NOTICE_SPLITTER, bytes(self.split.saveState().data()))

    def open_paths(self, paths: list[Path]) -> None:
        """A roster dropped on the window."""
        if paths and accepts_roster(paths):
            self.import_file(paths[0])

    # --- workspace ------------------------------------------------------------------------------
    @property
    def db_path(self) -> Path:
        session = self._ctx.session
        assert session is not None, "asked only while a workspace is open"
        return session.path

    def _session_changed(self) -> None:
        problem = missing_workspace_text(self._ctx)
        cat = open_catalog(self._ctx)
        township = cat.township() if cat is not None else None
        if problem is None and township is not None and not township.villages:
            problem = NO_VILLAGES
        self._problem = problem
        self._show_banner()
        self.import_button.setEnabled(problem is None)
        session = self._ctx.session
        if session is not None and self._loaded_for is not None and session.path != self._loaded_for:
            self._show_roster(None)
            self._loaded_for = None
        self._update_buttons()

    def _show_banner(self) -> None:
        """Why the page cannot work, else the import's notes (sheets skipped …), else how to start."""
        if self._problem:
            self.banner.set_html(self._problem)
        elif self.roster is not None:
            self.banner.set_html("<br>".join(self.roster.notes[:6]))
        else:
            self.banner.set_html(EMPTY_TEXT)

    def _load_stored(self) -> None:
        if self._problem:
            return
        self._loaded_for = self.db_path
        self._loading("正在读取名册…")
        run_op(self._ctx, partial(ops.notice_load, None), title="读取名册", parent=self,
               on_done=self._show_roster)

    def _refresh_roster_list(self, listings: tuple[RosterListing, ...]) -> None:
        self.rosters.blockSignals(True)
        self.rosters.clear()
        for r in listings:
            when = r.imported_at[:16].replace("T", " ")
            self.rosters.addItem(f"{r.file}（{r.rows} 行，{when} 导入）", r.id)
        if self.roster is not None:
            self.rosters.setCurrentIndex(max(self.rosters.findData(self.roster.id), 0))
        self.rosters.blockSignals(False)

    def _roster_chosen(self, index: int) -> None:
        rid = self.rosters.itemData(index)
        if rid is not None and (self.roster is None or rid != self.roster.id):
            self._loading("正在读取名册…")
            run_op(self._ctx, partial(ops.notice_load, rid), title="读取名册", parent=self,
                   on_done=self._show_roster)

    # --- import ---------------------------------------------------------------------------------
    def choose_roster(self) -> None:
        path = filedialogs.ask_open_file(self, "导入名册", filedialogs.start_folder(
            self._ctx.settings.get(S.NOTICE_FOLDER)), filedialogs.ROSTER_FILTER)
        if path is not None:
            self.import_file(path)

    def import_file(self, path: Path, mapping: dict | None = None) -> None:
        """Import a roster in a task; a file with unknown headers opens the mapping step."""
        if self._problem:
            self._ctx.runner.message.emit(self._problem)
            return
        path = Path(path)
        self._ctx.settings.set(S.NOTICE_FOLDER, str(path.parent))
        template = self.template.currentData()
        fn = partial(ops.notice_import, path, template=template, mapping=mapping)
        self._loaded_for = self.db_path
        self._loading(f"正在读取并检查 {path.name}…（大的名册要几秒钟）")
        run_op(self._ctx, fn, title="导入名册", label=f"正在读取并检查 {path.name}…", parent=self,
                             on_done=self._show_roster,
                             on_error=lambda err: self._import_failed(err, path, template))

    def _import_failed(self, err, path: Path, template: str) -> None:
        self._show_banner()                  # the loading sign goes; the shown roster stays as it was
        if not isinstance(err, MappingError):
            self._ctx.runner.reporter.known(self, "导入名册", err)
            return
        dialog = MappingDialog(err, load_template(template), path.name, self)
        dialog.accepted.connect(lambda: self.import_file(path, dialog.mapping()))
        self.mapping_dialog = dialog
        dialog.open()

    def _loading(self, text: str) -> None:
        """While a roster is read (a 72,000-row file takes a second or two): say so, in place of the
        previous file's notes and its selected row's message."""
        self.banner.set_html(f"<b>{text}</b>")
        self.detail.clear()

    def _show_roster(self, shown: BoardView | None) -> None:
        """A roster loaded or imported on the worker, with the roster list and holidays read beside it."""
        self.detail.clear()                  # the previous file's row message is not about this one
        loaded = shown.state if shown is not None else None
        roster = loaded.roster if loaded is not None else None
        self.roster = roster
        self._counts = loaded.counts if loaded is not None else None
        self.model.set_roster(roster)
        self._size_columns()
        self.options.villages.set_villages(villages_of(loaded.villages) if loaded is not None else [])
        if roster is not None:
            tpl = load_template(roster.template_id)
            self.options.template.setText(tpl.name)
            if shown is not None:    # the workspace's 节假日安排: a 工作日 公示期 ends as printing will check
                from catalog.timelimits.workdays import WorkCalendar
                self.options.set_period_rule(tpl.period, WorkCalendar(holiday_table=shown.holidays))
            else:
                self.options.set_period_rule(tpl.period)
            cat = open_catalog(self._ctx)
            t = cat.township() if cat is not None else None
            if t is not None and not self.options.phone.text().strip():
                self.options.phone.setText(t.supervise_phone or t.phone)
        else:
            self.options.template.setText("")
        self._show_banner()
        self.preview.clear("名册已更新，点击「预览」查看公示表。" if roster else "")
        self._refresh_roster_list(shown.rosters if shown is not None and not self._problem else ())
        self._update_counts()
        self._update_buttons()
        self.tabs.setCurrentIndex(0)

    def _size_columns(self) -> None:
        """Widths from the font for the usual contents (ResizeToContents would read every row)."""
        metrics = self.table.fontMetrics()
        samples = {"name": "欧阳某某某", "id_number": "42010219650312001X", "village": "王家湾社区居委会",
                   "group": "12组", "item": "耕地地力保护补贴", "quantity": "1234.5", "standard": "105.50",
                   "amount": "12,345.67", "pay_date": "2026-11-10", "bank_account": "6228480402564890018",
                   "phone": "13812345678", "address": "某镇某村某组12号", "remark": "备注说明"}
        self.table.setColumnWidth(0, metrics.horizontalAdvance("名册 1234") + 16)
        for col, f in enumerate(self.model.fields, start=1):
            self.table.setColumnWidth(col, metrics.horizontalAdvance(samples.get(f, "某某某某")) + 18)

    # --- checks and exclusions ------------------------------------------------------------------
    def _filter_changed(self, *_args) -> None:
        self.model.set_filter(self.filter.currentData(), self.search.text())
        self._update_counts()

    def _update_counts(self) -> None:
        c = self._counts
        total = len(self.roster.rows) if self.roster else 0
        shown = f"显示 {self.model.rowCount()} 行　" if self.model.rowCount() != total else ""
        self.counts.setText(f"{shown}共 {c.rows} 人次：错误 {c.errors} 处，提醒 {c.warnings} 处，"
                            f"已排除 {c.excluded} 行" if self.roster and c else "")

    def selected_nos(self) -> list[int]:
        return sorted({self.model.row_at(i.row()).no for i in self.table.selectionModel().selectedRows()})

    def _selection_changed(self, *_args) -> None:
        nos = self.selected_nos()
        if len(nos) == 1 and self.roster is not None:
            issues = self.model.issues_of(nos[0])
            reason = self.roster.excluded.get(nos[0])
            lines = ([f"已排除：{reason}"] if reason else []) + [
                ("错误：" if i.is_error else "提醒：") + i.message for i in issues]
            self.detail.setText("\n".join(lines))
        else:
            self.detail.setText("")
        self._update_buttons()

    def exclude_selected(self) -> None:
        nos = self.selected_nos()
        if not nos or self.roster is None:
            return
        dialog = ExcludeDialog(len(nos), self)
        rid = self._roster_id()
        dialog.accepted.connect(
            lambda: self._run_exclusion(partial(ops.notice_exclude, rid, nos, dialog.text()), "排除行"))
        self.exclude_dialog = dialog
        dialog.open()

    def include_selected(self) -> None:
        nos = [n for n in self.selected_nos() if self.roster is not None and n in self.roster.excluded]
        if nos and self.roster is not None:
            self._run_exclusion(partial(ops.notice_include, self._roster_id(), nos), "恢复行")

    def _roster_id(self) -> int:
        """The shown roster's id: a roster on this page always comes from the workspace, so it has one."""
        assert self.roster is not None and self.roster.id is not None
        return self.roster.id

    def _run_exclusion(self, fn, title: str) -> None:
        run_op(self._ctx, fn, title=title, parent=self, on_done=self._roster_changed)

    def _roster_changed(self, loaded: RosterState) -> None:
        """After the write committed: the fresh roster the worker made replaces the one shown."""
        selected = self.selected_nos()
        self.roster = loaded.roster
        self._counts = loaded.counts
        self.model.set_roster(loaded.roster)
        self.options.villages.set_villages(villages_of(loaded.villages))
        self._update_counts()
        for no in selected:
            row = self.model.table_row_of(no)
            if row >= 0:
                self.table.selectRow(row)
        self.preview.mark_stale("名册已更改，请重新预览。")

    # --- print ----------------------------------------------------------------------------------
    def _options_changed(self) -> None:
        self.preview.mark_stale("打印设置已更改，请重新预览。")
        self._update_buttons()

    def _update_buttons(self) -> None:
        roster = None if self._problem else self.roster
        chosen = bool(self.options.villages.chosen())
        for b in (self.preview_button, self.save_button, self.print_button):
            b.setEnabled(roster is not None and chosen)
        nos = self.selected_nos() if roster is not None else []
        self.exclude_button.setEnabled(bool(nos))
        self.include_button.setEnabled(roster is not None and any(n in roster.excluded for n in nos))

    def show_preview(self) -> None:
        if self.roster is None:
            return
        self._preview_no += 1
        out = Path(self._tmp.name) / f"预览{self._preview_no}.pdf"
        fn = partial(ops.notice_preview, self._roster_id(), out, self.options.choice())
        run_op(self._ctx, fn, title="生成公示表", label="正在生成公示表…", parent=self,
               on_done=self._previewed)

    def _previewed(self, result) -> None:
        self.tabs.setCurrentIndex(1)
        if not result.sheets:
            self.preview.clear("选中的村都不能打印（有错误未处理）。")
            return
        skipped = f"，跳过 {len(result.skipped)} 个有错误的村" if result.skipped else ""
        glyphs = "；有字体缺少的字，打印为 □，请手写补上" if result.missing_glyphs else ""
        self.preview.show_pdf(result.path, note=f"{len(result.sheets)} 个村，公示期 {result.period.text()}"
                                                f"{skipped}{glyphs}")

    def default_name(self, kind: str) -> Path:
        cat = open_catalog(self._ctx)
        township = cat.township() if cat is not None else None
        town = township.name if township else ""
        tpl = load_template(self.roster.template_id).name if self.roster else "公示"
        start = self.options.choice().period_start.strftime("%Y%m%d")
        label = "分村汇总表" if kind == "summary" else "公示表"
        folder = filedialogs.start_folder(self._ctx.settings.get(S.NOTICE_FOLDER))
        return folder / f"{town}{tpl}_{label}_{start}{SAVE_KINDS[kind][2]}"

    def save(self, kind: str, _checked: bool = False) -> None:
        if self.roster is None:
            return
        text, filters, _ = SAVE_KINDS[kind]
        out = filedialogs.ask_save_file(self, text.rstrip("…"), self.default_name(kind), filters)
        if out is None:
            return
        self._ctx.settings.set(S.NOTICE_FOLDER, str(out.parent))
        fn = partial(ops.notice_save, self._roster_id(), out, self.options.choice(), kind=kind)
        run_op(self._ctx, fn, title="保存公示表", label=f"正在生成 {out.name}…", parent=self,
               on_done=self._saved)

    def _saved(self, saved: Printed) -> None:
        if not saved.records:
            self.saved_label.setText("选中的村都不能打印（有错误未处理），未生成文件。")
            return
        for record in saved.records:
            self.saved.append(Path(record.file))
        skipped = f"跳过有错误的村：{'、'.join(saved.result.skipped)}。" if saved.result.skipped else ""
        self.saved_label.setText(f"已保存 {self.saved[-1]}，并登记到公开台账。{skipped}")
        self._ctx.runner.message.emit(f"已保存 {self.saved[-1].name}")

    def print_sheets(self) -> None:
        if self.roster is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("打印公示表")
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        self._preview_no += 1
        out = Path(self._tmp.name) / f"打印{self._preview_no}.pdf"
        fn = partial(print_job, self._roster_id(), self.options.choice(), out, printer,
                     printer.printerName() or "默认打印机")
        run_op(self._ctx, fn, title="打印公示表", label="正在打印…", parent=self,
               on_done=lambda pages: self.saved_label.setText(
                   f"已送打印机 {pages} 页，并登记到公开台账。" if pages else "没有可以打印的村。"))

    def scan(self) -> None:
        path = self.saved[-1] if self.saved else filedialogs.ask_open_file(
            self, "选择要检查的文件", filedialogs.start_folder(self._ctx.settings.get(S.NOTICE_FOLDER)),
            filedialogs.PUBLISH_FILTER)
        if path is not None:
            start_privacy_scan(self._ctx.runner, self, path,
                               on_shown=lambda d: setattr(self, "scan_dialog", d))
