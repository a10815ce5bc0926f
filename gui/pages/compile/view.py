"""目录编制: the township catalog as a tree with an editor form; every edit goes on the session's undo
stack."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from catalog.changes import Changes
from catalog.checks import ERROR, WARNING, Finding
from catalog.model import ItemText
from catalog.township.commands import AddLocalItem, Command, MoveItem, RemoveLocalItem
from catalog.township.decisions import DecideItems, Decision, default_actor
from catalog.township.items import ADOPTED, NOT_APPLICABLE
from gui import settings as S
from gui.context import AppContext
from gui.edits import make_command, push_edit
from gui.pages.compile.decisions import DecisionsDialog, decision_info_html
from gui.pages.compile.domain_panel import DomainPanel
from gui.pages.compile.header import CatalogHeader
from gui.pages.compile.item_dialogs import LocalItemDialog, NaReasonDialog
from gui.pages.compile.item_editor import ItemEditor
from gui.pages.compile.tree import COLUMN, COLUMNS, MARK_KEYS, CatalogTreeModel, DomainNoRole, UidRole
from gui.pages.compile.tree_filter import STATUS_FILTERS, CatalogFilterProxy
from gui.widgets import RoomyRowsDelegate, named

FindingRole = Qt.ItemDataRole.UserRole + 21


class CompilePage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        assert ctx.session is not None, "目录编制 needs an open workspace (gui.app builds the session)"
        self._ctx = ctx
        self.session = ctx.session
        self.undo_stack = self.session.undo_stack
        # Before the model rebuilds rows (the selection would move to the domain row): remember the item.
        self.session.changed.connect(self._before_edit)
        self.model = CatalogTreeModel(self.session, self)
        self.proxy = CatalogFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.dialog: NaReasonDialog | LocalItemDialog | None = None   # the open dialog (tests reach it here)
        self._current_uid: str | None = None
        self._keep_uid: str | None = None     # the selection to restore while the model rebuilds rows
        self._build()
        self._connect()
        self._restore()
        self._after_reset()

    # --- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        self.header = CatalogHeader(self._ctx, "目录编制", self)
        self.search = named(QLineEdit(placeholderText="搜索编号、事项名称、内容、依据（Ctrl+F）"), "search")
        self.search.setClearButtonEnabled(True)
        self.status_filter = named(QComboBox(), "statusFilter")
        for key, text in STATUS_FILTERS.items():
            self.status_filter.addItem(text, key)
        self.add_button = named(QPushButton("新增本地事项…"), "addLocal")
        self.up_button = named(QPushButton("上移"), "moveUp")
        self.up_button.setShortcut(QKeySequence("Alt+Up"))
        self.up_button.setToolTip("在本领域内上移（Alt+↑），也可以直接拖动")
        self.down_button = named(QPushButton("下移"), "moveDown")
        self.down_button.setShortcut(QKeySequence("Alt+Down"))
        self.down_button.setToolTip("在本领域内下移（Alt+↓）")
        self.remove_button = named(QPushButton("删除本地事项"), "removeLocal")
        self.remove_button.setToolTip("只能删除本地事项；来自指引的事项请标记不适用")
        tools = QHBoxLayout()
        tools.addWidget(self.search, 1)
        tools.addWidget(self.status_filter)
        for b in (self.add_button, self.up_button, self.down_button, self.remove_button):
            tools.addWidget(b)
        self.decide_button = named(QPushButton("批量决定层级…"), "bulkDecide")
        self.decide_button.setToolTip("层级待确认的事项：看原因和建议，按领域或全部采纳建议，或选中多项一次纳入/不适用")
        tools.addWidget(self.decide_button)
        self.decisions: DecisionsDialog | None = None     # the bulk decision window, once opened

        self.tree = named(QTreeView(), "catalogTree")
        self.tree.setModel(self.proxy)
        self.tree.setItemDelegate(RoomyRowsDelegate(6, self.tree))
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setDragEnabled(True)
        self.tree.setAcceptDrops(True)
        self.tree.setDropIndicatorShown(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._size_columns()

        self.editor = ItemEditor()
        self.editor.decision_info = lambda item: decision_info_html(self.session, item)
        self.domain_panel = DomainPanel()
        editor_scroll = QScrollArea()
        editor_scroll.setWidgetResizable(True)
        editor_scroll.setWidget(self.editor)
        editor_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        editor_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)   # never cut off
        self.right = QStackedWidget()
        self.right.addWidget(editor_scroll)
        self.right.addWidget(self.domain_panel)
        self.item_findings = named(QListWidget(), "itemFindings")
        self.item_findings.setWordWrap(True)
        self.item_findings.setToolTip("本项的检查结果；双击定位到对应栏目")
        self.findings_label = QLabel("本项检查结果")
        findings_box = QWidget()
        fl = QVBoxLayout(findings_box)
        fl.setContentsMargins(4, 0, 4, 0)
        fl.addWidget(self.findings_label)
        fl.addWidget(self.item_findings)
        self.vsplit = QSplitter(Qt.Orientation.Vertical)
        self.vsplit.addWidget(self.right)
        self.vsplit.addWidget(findings_box)
        self.vsplit.setSizes([560, 120])
        self.vsplit.setChildrenCollapsible(False)

        self.hsplit = QSplitter(Qt.Orientation.Horizontal)
        self.hsplit.addWidget(self.tree)
        self.hsplit.addWidget(self.vsplit)
        self.hsplit.setSizes([600, 520])     # on a 1024 px screen the form's channel boxes still fit
        self.hsplit.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.setSpacing(8)
        layout.addWidget(self.header)
        layout.addLayout(tools)
        layout.addWidget(self.hsplit, 1)

    def _size_columns(self) -> None:
        header = self.tree.header()
        metrics = self.tree.fontMetrics()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        widths = {"uid": "00-000", "status": "层级待确认"}
        for col, (key, _label, _) in enumerate(COLUMNS[1:], start=1):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            self.tree.setColumnWidth(col, metrics.horizontalAdvance(widths.get(key, "乡级")) + 14)
        header.setMinimumSectionSize(metrics.horizontalAdvance("乡级") + 10)
        self.tree.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tree and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self._fit_columns)       # once the viewport has its new size
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        """A narrow tree (a 1024 px screen) hides the six √ columns, which the form shows anyway, so the
        item names keep room to be read."""
        room = self.tree.viewport().width() - self.tree.indentation() * 2
        marks = [COLUMN[key] for key in MARK_KEYS]
        others = sum(self.tree.columnWidth(c) for c in range(1, len(COLUMNS)) if c not in marks)
        mark_width = len(marks) * (self.tree.fontMetrics().horizontalAdvance("乡级") + 14)   # (hidden: 0)
        needed = self.tree.fontMetrics().horizontalAdvance("00  农村危房改造") + 30
        narrow = room - others - mark_width < needed
        for c in marks:
            self.tree.setColumnHidden(c, narrow)

    def _connect(self) -> None:
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.search.textChanged.connect(self._filter_changed)
        self.status_filter.currentIndexChanged.connect(self._filter_changed)
        self.model.move_requested.connect(lambda uid, to: self._push(MoveItem(uid, to)))
        self.model.modelAboutToBeReset.connect(self._rows_going)
        self.model.modelReset.connect(self._after_reset)
        self.editor.edit_requested.connect(self._push)
        self.editor.na_requested.connect(self.ask_not_applicable)
        self.editor.problem.connect(self._problem)
        self.domain_panel.edit_requested.connect(self._push)
        self.domain_panel.problem.connect(self._problem)
        self.add_button.clicked.connect(self.ask_local_item)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(+1))
        self.remove_button.clicked.connect(self._remove_local)
        self.decide_button.clicked.connect(self.open_decisions)
        self.editor.decide_requested.connect(self._decide_current)
        self.item_findings.itemActivated.connect(self._finding_activated)
        self.session.changed.connect(self._edited)
        self.session.checks.report_ready.connect(self._report)

    def _restore(self) -> None:
        s = self._ctx.settings
        self.hsplit.restoreState(s.get(S.COMPILE_SPLITTER))
        self.vsplit.restoreState(s.get(S.COMPILE_DETAIL_SPLITTER))
        self.status_filter.setCurrentIndex(max(0, self.status_filter.findData(s.get(S.COMPILE_STATUS))))

    # --- page hooks -----------------------------------------------------------------------------
    def save_state(self) -> None:
        s = self._ctx.settings
        s.set(S.COMPILE_SPLITTER, bytes(self.hsplit.saveState().data()))
        s.set(S.COMPILE_DETAIL_SPLITTER, bytes(self.vsplit.saveState().data()))
        s.set(S.COMPILE_STATUS, self.status_filter.currentData() or "all")

    def page_shown(self) -> None:
        self.header.refresh()
        report = self.session.checks.report
        if report is not None:
            self._report(report)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def can_close(self) -> bool:
        self.editor.commit_pending()
        return True

    # --- navigation (the check page jumps here) -------------------------------------------------
    def show_item(self, uid: str, field: str | None = None) -> bool:
        """Select an item (clearing filters that hide it) and put the cursor on field; False if unknown."""
        source = self.model.index_of(uid)
        if not source.isValid():
            return False
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            self.search.clear()
            self.status_filter.setCurrentIndex(0)
            index = self.proxy.mapFromSource(source)
        self.tree.expand(index.parent())
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.tree.scrollTo(index)
        if field:
            self.editor.focus_field(field)
        return True

    def show_domain(self, domain_no: int) -> None:
        index = self.proxy.mapFromSource(self.model.domain_index(domain_no))
        if index.isValid():
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.tree.selectionModel().setCurrentIndex(index, flags)
            self.tree.scrollTo(index)

    def current_uid(self) -> str | None:
        return self._current_uid

    def current_domain(self) -> int:
        index = self.tree.currentIndex()
        return int(index.data(DomainNoRole) or 0) if index.isValid() else 0

    # --- edits ----------------------------------------------------------------------------------
    def _push(self, cmd: Command) -> bool:
        return push_edit(self.session, cmd, reporter=self._ctx.runner.reporter, parent=self)

    def ask_not_applicable(self) -> None:
        """Ask for the reason, then mark the current item 不适用."""
        item = self.editor.item
        if item is None:
            return
        self.editor.commit_pending()
        dialog = NaReasonDialog(f"{item.uid} {item.title}", item.na_reason, self)
        uid = item.uid

        def done(result: int) -> None:
            self.dialog = None
            if result:
                self.decide_item(uid, NOT_APPLICABLE, dialog.text())
            dialog.deleteLater()
        dialog.finished.connect(done)
        self.dialog = dialog
        dialog.open()

    def open_decisions(self) -> DecisionsDialog:
        """The 批量决定层级 window (non-modal, one per page)."""
        self.editor.commit_pending()
        if self.decisions is None:
            self.decisions = DecisionsDialog(self.session, self._push, self)
        self.decisions.show()
        self.decisions.activateWindow()
        return self.decisions

    def _decide_current(self, status: str, reason: str = "") -> None:
        if self.editor.item is not None:
            self.decide_item(self.editor.item.uid, status, reason)

    def decide_item(self, uid: str, status: str, reason: str = "") -> None:
        """One item's 纳入 / 不适用 as a recorded decision (who, when, why) on the undo stack."""
        item = self.session.item(uid)
        if item is None:
            return
        catalog = self.session.require()
        cmd = make_command(lambda: DecideItems([Decision(item.uid, item.domain_no, status, reason)],
                                               default_actor(catalog.township()),
                                               label=(f"确认 {item.uid} 为乡级事项" if status == ADOPTED
                                                      else f"将 {item.uid} 标记为不适用")),
                           reporter=self._ctx.runner.reporter, parent=self, title="决定层级")
        if cmd is not None:
            self._push(cmd)

    def ask_local_item(self) -> None:
        """Ask for a new local item's domain and names; the new item is selected for editing."""
        self.editor.commit_pending()
        domain = self.current_domain() or next(iter(self.session.guides)).no
        dialog = LocalItemDialog(self.session.guides, domain, self)

        def done(result: int) -> None:
            self.dialog = None
            if result:
                self._add_local(dialog.domain_no(), dialog.level1.text(), dialog.level2.text())
            dialog.deleteLater()
        dialog.finished.connect(done)
        self.dialog = dialog
        dialog.open()

    def _add_local(self, domain_no: int, level1: str, level2: str) -> None:
        township = self.session.require().township()
        subject = township.government if township else None
        text = ItemText(level1=level1.strip(), level2=level2.strip(), subject=subject)
        cmd = make_command(lambda: AddLocalItem(domain_no, text, label=f"新增本地事项“{level1.strip()}”"),
                           reporter=self._ctx.runner.reporter, parent=self, title="新增本地事项")
        if cmd is not None and self._push(cmd):
            self.show_item(cmd.uid, "content")

    def _move(self, step: int) -> None:
        uid = self._current_uid
        item = self.session.item(uid) if uid else None
        if uid is None or item is None:
            return
        order = [i.uid for i in self.session.items(item.domain_no)]
        target = order.index(uid) + step
        if 0 <= target < len(order):
            self._push(MoveItem(uid, target))

    def _remove_local(self) -> None:
        uid = self._current_uid
        item = self.session.item(uid) if uid else None
        if uid is not None and item is not None and item.local:
            self._push(RemoveLocalItem(uid, label=f"删除本地事项 {uid}"))

    def _problem(self, text: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 8000)

    # --- reactions ------------------------------------------------------------------------------
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._keep_uid is not None:
            return        # rows are being rebuilt; _restore_selection puts the selection back
        self.editor.commit_pending()
        uid = current.data(UidRole) if current.isValid() else None
        self._current_uid = uid
        if uid:
            self.editor.show_item(self.session.item(uid))
            self.right.setCurrentIndex(0)
        elif current.isValid():
            no = int(current.data(DomainNoRole))
            self._show_domain_panel(no)
            self.right.setCurrentIndex(1)
        else:
            self.editor.show_item(None)
            self.right.setCurrentIndex(0)
        self._update_buttons()
        self._show_item_findings()

    def _show_domain_panel(self, no: int) -> None:
        self.domain_panel.set_domain(no, self.session.require().guide_name(no), self.model.domain_state(no),
                                     self.session.items(no))

    def _update_buttons(self) -> None:
        item = self.session.item(self._current_uid) if self._current_uid else None
        self.up_button.setEnabled(item is not None)
        self.down_button.setEnabled(item is not None)
        self.remove_button.setEnabled(bool(item and item.local))

    def _edited(self, touched: Changes) -> None:
        if not touched.catalog:
            return
        if self._keep_uid is not None:
            self._restore_selection()
        elif self._current_uid and self._current_uid in touched.uids:
            self.editor.show_item(self.session.item(self._current_uid))
            self._update_buttons()
        elif not self._current_uid and self.right.currentIndex() == 1 \
                and self.domain_panel.domain_no in touched.domains:
            self._show_domain_panel(self.domain_panel.domain_no)

    def _before_edit(self, touched: Changes) -> None:
        if (touched.catalog and touched.structural) or touched.everything:
            self._rows_going()

    def _rows_going(self, *_args) -> None:
        if self._keep_uid is None:
            self._keep_uid = self._current_uid or ""

    def _restore_selection(self) -> None:
        """After rows were rebuilt: the same item again (gone: nothing), and the form refreshed."""
        uid, self._keep_uid = self._keep_uid, None
        if not uid or not self.show_item(uid):
            self.tree.selectionModel().clearSelection()
            self._current_changed(QModelIndex(), QModelIndex())
            return
        self._current_changed(self.tree.currentIndex(), QModelIndex())

    def _after_reset(self) -> None:
        self.header.refresh()
        if self._keep_uid is not None:
            self._restore_selection()

    def _filter_changed(self, *_args) -> None:
        self.proxy.set_text(self.search.text())
        self.proxy.set_status(self.status_filter.currentData() or "all")
        if self.proxy.active:
            self.tree.expandAll()

    def _report(self, report) -> None:
        by_item = report.by_item()
        self.model.set_findings(by_item)
        self.proxy.set_problem_uids({uid for uid, fs in by_item.items()
                                     if any(f.severity in (ERROR, WARNING) for f in fs)})
        self._show_item_findings()

    def _show_item_findings(self) -> None:
        self.item_findings.clear()
        report = self.session.checks.report
        uid = self._current_uid
        if not uid:
            self.findings_label.setText("本项检查结果")
            return
        found: list[Finding] = report.by_item().get(uid, []) if report else []
        self.findings_label.setText(f"本项检查结果：{len(found)} 条" if found
                                    else "本项检查结果：没有发现问题")
        for f in found:
            where = f"【{f.field_label}】" if f.field_label else ""
            entry = QListWidgetItem(f"{f.severity} {where}{f.message}")
            entry.setToolTip(f"修改建议：{f.fix}")
            entry.setData(FindingRole, f.field)
            self.item_findings.addItem(entry)

    def _finding_activated(self, entry: QListWidgetItem) -> None:
        self.editor.focus_field(entry.data(FindingRole))

