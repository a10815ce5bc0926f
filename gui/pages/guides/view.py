"""标准指引: browse the 26 guides — domain list, filtered item table, detail pane with provenance."""
from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QItemSelection, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from catalog.changes import Changes
from catalog.errors import KnownError
from catalog.guides.filter import LEVELS
from catalog.guides.shipped import Guide, GuideSet
from catalog.stdtable.model import TableRefused
from gui import settings as S
from gui.context import AppContext
from gui.ops import import_guide, run_op
from gui.pages.guides.detail import banner_html, issuer_text, item_html
from gui.pages.guides.table import (
    ITEM_COLUMNS,
    MARK_NAMES,
    DomainListModel,
    DomainNoRole,
    GuideFilterProxy,
    GuideRole,
    GuideTableModel,
)
from gui.style import TEXT_MUTED, set_text_color
from gui.widgets import Banner, RoomyRowsDelegate, TitleLabel, named, size_columns_from_font

EMPTY_DETAIL = "<p style='color:#5f6b7a'>在上方表格中选择一项事项，这里显示它的全部栏目、来源与说明。</p>"


class GuidesPage(QWidget):
    """The guide browser over the guides in force (the workspace's imported versions, else the shipped
    ones), through Qt models; with a workspace also 导入正式表格 and 指引变化 (undoable)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self.session = ctx.session
        if self.session is not None:
            self.undo_stack = self.session.undo_stack      # accepted guide changes are undoable here
        self.dialog: QDialog | None = None                 # the open import dialog (tests reach it here)
        self._last_import: tuple[Path, str] | None = None  # (file, source) of the last import, to retry
        self.table_model = GuideTableModel(self.guides, self)
        self.proxy = GuideFilterProxy(self)
        self.proxy.setSourceModel(self.table_model)
        self.domain_model = DomainListModel(self.guides, self)
        self._build()
        self._connect()
        self._restore()

    @property
    def guides(self) -> GuideSet:
        return self.session.guides if self.session is not None else self._ctx.guides

    # --- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        self.domains = named(QTreeView(), "domains")
        self.domains.setModel(self.domain_model)
        self.domains.setRootIsDecorated(False)
        self.domains.setItemDelegate(RoomyRowsDelegate(8, self.domains))
        self.domains.setUniformRowHeights(True)
        self.domains.setAlternatingRowColors(True)
        self.domains.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        size_columns_from_font(self.domains, ((1, "事项"), (2, "不完整")), padding=18, fixed=True)
        self.domains.header().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)

        self.title = TitleLabel(objectName="pageTitle")
        self.subtitle = QLabel()
        set_text_color(self.subtitle, TEXT_MUTED)
        self.subtitle.setWordWrap(True)
        self.banner = Banner()

        self.search = named(QLineEdit(), "search")
        self.search.setPlaceholderText("搜索事项名称、公开内容、公开依据（多个词用空格隔开）")
        self.search.setClearButtonEnabled(True)
        self.level = named(QComboBox(), "level")
        for key, text in LEVELS.items():
            self.level.addItem(text, key)
        self.level.setToolTip("按公开层级筛选；「层级未知」是来源未显示县级或乡级 √ 的事项")
        self.count = QLabel()
        set_text_color(self.count, TEXT_MUTED)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(QLabel("公开层级"))
        filters.addWidget(self.level)
        filters.addWidget(self.count)
        self.import_button = named(QPushButton("导入正式表格…"), "importGuide")
        self.import_button.setToolTip("导入省、市或县下发的完整标准目录表格，作为指引的新版本")
        self.import_button.setVisible(self.session is not None)
        filters.addWidget(self.import_button)

        self.table = named(QTableView(), "items")
        self.table.setModel(self.proxy)
        # The source is already in ID order: no sort until the user clicks a header (saves start-up time).
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 14)
        self._size_columns()

        self.detail = named(QTextBrowser(), "detail")
        self.detail.setOpenExternalLinks(True)
        self.detail.setHtml(EMPTY_DETAIL)

        self.vsplit = QSplitter(Qt.Orientation.Vertical)
        self.vsplit.addWidget(self.table)
        self.vsplit.addWidget(self.detail)
        self.vsplit.setSizes([260, 380])
        self.vsplit.setChildrenCollapsible(False)

        self.changes = None
        body: QWidget = self.vsplit
        if self.session is not None:
            from gui.pages.guides.changes import GuideChangesView
            self.changes = GuideChangesView(self._ctx)
            self.tabs = named(QTabWidget(), "guideTabs")
            self.tabs.addTab(self.vsplit, "指引事项")
            self.tabs.addTab(self.changes, "指引变化")
            self.tabs.setDocumentMode(True)
            body = self.tabs

        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(12, 10, 12, 8)
        column.setSpacing(8)
        column.addWidget(self.title)
        column.addWidget(self.subtitle)
        column.addWidget(self.banner)
        column.addLayout(filters)
        column.addWidget(body, 1)

        self.hsplit = QSplitter(Qt.Orientation.Horizontal)
        self.hsplit.addWidget(self.domains)
        self.hsplit.addWidget(right)
        self.hsplit.setStretchFactor(1, 1)
        self.hsplit.setSizes([self._domain_panel_width(), 880])
        self.hsplit.setChildrenCollapsible(False)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.hsplit)

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        header.setMinimumSectionSize(metrics.horizontalAdvance("县级") + 16)
        for col, (key, label, _) in enumerate(ITEM_COLUMNS):
            if key in MARK_NAMES:
                # Header text plus padding; a sort arrow may overlap it only while sorted by that √.
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
                self.table.setColumnWidth(col, metrics.horizontalAdvance(label) + 18)
            elif key == "id":
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
                self.table.setColumnWidth(col, metrics.horizontalAdvance("00-000") + 30)
            elif key == "domain":
                # Six characters; longer names elide (full name in the tooltip and in the 编号 prefix).
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
                self.table.setColumnWidth(col, metrics.horizontalAdvance("食品药品监管") + 16)
            else:
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)

    def _domain_panel_width(self) -> int:
        """Wide enough for the longest domain name with its count and marker (no clipped rows)."""
        metrics = self.domains.fontMetrics()
        longest = max((f"{g.no:02d}  {g.domain}" for g in self.guides), key=metrics.horizontalAdvance,
                      default="全部领域")
        header = self.domains.header()
        return metrics.horizontalAdvance(longest) + header.sectionSize(1) + header.sectionSize(2) + 44

    def _connect(self) -> None:
        self.domains.selectionModel().currentRowChanged.connect(self._domain_changed)
        self.search.textChanged.connect(self._filter_changed)
        self.level.currentIndexChanged.connect(self._level_changed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self.import_button.clicked.connect(self.ask_import)
        if self.session is not None:
            self.session.changed.connect(self._session_changed)

    def _restore(self) -> None:
        s = self._ctx.settings
        self.hsplit.restoreState(s.get(S.GUIDES_SPLITTER))
        self.vsplit.restoreState(s.get(S.GUIDES_DETAIL_SPLITTER))
        level_row = self.level.findData(s.get(S.GUIDES_LEVEL))
        self.level.setCurrentIndex(max(level_row, 0))
        self.select_domain(s.get(S.GUIDES_DOMAIN))

    # --- page hooks (gui.pages.Page) ------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def save_state(self) -> None:
        s = self._ctx.settings
        s.set(S.GUIDES_SPLITTER, bytes(self.hsplit.saveState().data()))
        s.set(S.GUIDES_DETAIL_SPLITTER, bytes(self.vsplit.saveState().data()))
        s.set(S.GUIDES_DOMAIN, self.current_domain())
        s.set(S.GUIDES_LEVEL, self.proxy.level)

    # --- behaviour ------------------------------------------------------------------------------
    def select_domain(self, domain_no: int) -> None:
        """Show one domain (0 = all domains)."""
        row = self.domain_model.row_of_domain(domain_no)
        self.domains.setCurrentIndex(self.domain_model.index(row, 0))

    def current_domain(self) -> int:
        index = self.domains.currentIndex()
        return int(index.data(DomainNoRole) or 0) if index.isValid() else 0

    def select_item(self, item_id: str) -> bool:
        """Select an item by ID among the rows shown; False when it is filtered out."""
        source_row = self.table_model.row_of(item_id)
        index = self.proxy.mapFromSource(self.table_model.index(source_row, 0))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def _domain_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        guide: Guide | None = current.data(GuideRole) if current.isValid() else None
        self.proxy.set_domain(guide.no if guide else 0)
        self.table.setColumnHidden(1, guide is not None)    # 领域 column only when all domains show
        if guide is None:
            self.title.setText("全部领域")
            self.subtitle.setText(f"{len(self.guides)} 个试点领域的基层政务公开标准指引")
        else:
            self.title.setText(f"{guide.no:02d} {guide.domain}")
            issuer = f"　发布：{issuer_text(guide.issuer)}" if guide.issuer else ""
            self.subtitle.setText(guide.title + issuer)
        self.banner.set_html(banner_html(self.guides, guide))
        if self.changes is not None:
            self.changes.set_domain(guide.no if guide else 0)
            self._update_changes_tab()
        self._after_filter()

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._after_filter()

    def _level_changed(self, _row: int) -> None:
        self.proxy.set_level(self.level.currentData() or "all")
        self._after_filter()

    def _after_filter(self) -> None:
        self._update_count()
        if not self.table.selectionModel().hasSelection():
            self._show_detail(None)

    def _update_count(self, *_args) -> None:
        shown = self.proxy.rowCount()
        domain = self.current_domain()
        total = sum(1 for row in range(self.table_model.rowCount())
                    if not domain or self.table_model.item_at(row).domain_no == domain)
        self.count.setText(f"显示 {shown} / {total} 项")

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        self._show_detail(self.proxy.item_at(rows[0].row()) if rows else None)

    def _show_detail(self, item) -> None:
        if item is None:
            self.detail.setHtml(EMPTY_DETAIL)
            return
        self.detail.setHtml(item_html(item, self.guides.by_no(item.domain_no)))

    # --- guides as living data: import, completeness, changes -----------------------------------
    def ask_import(self) -> None:
        """The import dialog; 导入 runs the import as a task with progress and cancel."""
        from gui.pages.guides.importer import GuideImportDialog
        dialog = GuideImportDialog(self.guides, self.current_domain(), self)

        def done(result: int) -> None:
            self.dialog = None
            dialog.deleteLater()
            if result:
                self.import_file(dialog.file(), domain=dialog.domain.currentData() or "",
                                 source=dialog.source.text().strip())
        dialog.finished.connect(done)
        self.dialog = dialog
        dialog.open()

    def import_file(self, path, *, domain: str = "", source: str = ""):
        """Import a standard table into the workspace (on the worker); returns the task handle."""
        assert self.session is not None
        self._last_import = (path, source)
        return run_op(
            self._ctx, partial(import_guide, self.session.shipped, path, domain=domain, source=source),
            title="导入指引表格", label=f"正在读取 {path.name}…", parent=self,
            on_done=self._imported, on_error=self._import_failed)

    def _imported(self, imported) -> None:
        lines = "；".join(g.describe() for g in imported)
        self.import_note = f"已导入{lines}。"
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(self.import_note, 15000)
        if imported:
            self.select_domain(imported[0].no)
            if self.changes is not None and self.changes.changes:
                self.tabs.setCurrentWidget(self.changes)

    def _import_failed(self, err: KnownError) -> None:
        from catalog.guides.importer import DomainMismatch
        from gui.pages.guides.importer import GuideProblemsDialog, ask_found_domain
        if isinstance(err, DomainMismatch) and self._last_import is not None:
            path, source = self._last_import
            ask_found_domain(self, err, lambda domain: self.import_file(path, domain=domain, source=source))
            return
        if isinstance(err, TableRefused):
            problems = GuideProblemsDialog(err, self)
            problems.finished.connect(lambda _r: setattr(self, "dialog", None))
            self.dialog = problems
            problems.open()
        else:
            self._ctx.runner.reporter.known(self, "导入指引表格", err)

    def _session_changed(self, changes: Changes) -> None:
        if changes.touches("guides", "workspace"):
            self._guides_changed()
        if changes.catalog:
            self._update_changes_tab()

    def _guides_changed(self) -> None:
        domain = self.current_domain()
        self.table_model.set_guides(self.guides)
        self.domain_model.set_guides(self.guides)
        self.select_domain(domain)
        self._domain_changed(self.domains.currentIndex(), QModelIndex())

    def _update_changes_tab(self, *_args) -> None:
        if self.changes is None:
            return
        n = self.changes.count()
        self.tabs.setTabText(1, f"指引变化（{n}）" if n else "指引变化")

