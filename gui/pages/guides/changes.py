"""指引变化: what the guide in force adds, withdraws or changes against the township catalog; each change
accepted on its own (or all at once) as an undoable AcceptGuideChange."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from catalog.guides.sync import (
    ADDED,
    CHANGED,
    KIND_TEXT,
    WITHDRAWN,
    AcceptGuideChange,
    GuideChange,
    pending_changes,
)
from catalog.township.items import FIELD_LABELS
from catalog.township.versions import show
from gui.context import AppContext
from gui.edits import push_edit
from gui.style import TEXT_MUTED, set_text_color
from gui.widgets import named

ChangeRole = Qt.ItemDataRole.UserRole + 41      # (domain_no, GuideChange) on a change row
KIND_COLORS = {ADDED: QColor("#2e7d32"), WITHDRAWN: QColor("#b3261e"), CHANGED: QColor("#1f5fa8")}


class GuideChangesView(QWidget):
    """set_domain(no) (0: every domain); refreshes itself after edits, undo and guide imports."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        assert ctx.session is not None
        self._ctx = ctx
        self.session = ctx.session
        self.domain_no = 0
        self.summary = named(QLabel(), "changesSummary")
        self.summary.setWordWrap(True)
        self.tree = named(QTreeWidget(), "guideChanges")
        self.tree.setHeaderLabels(["变化", "本镇目录现在", "新版指引"])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        metrics = self.tree.fontMetrics()
        self.tree.setColumnWidth(0, metrics.horizontalAdvance("修改：[17-001] 农业生产发展资金／农机购置补贴")
                                 + 30)
        self.tree.setColumnWidth(1, metrics.horizontalAdvance("信息形成或者变更之日起20个工作日内") + 10)
        self.accept_button = named(QPushButton("接受所选变化"), "acceptChange")
        self.accept_all_button = named(QPushButton("全部接受"), "acceptAll")
        note = QLabel("接受后，本镇目录的对应事项按新版指引更新（本镇填写的公开主体保留）；"
                      "每一项都可以撤销（Ctrl+Z）。不接受的变化保留在这里，检查时提示与指引不一致。")
        note.setWordWrap(True)
        set_text_color(note, TEXT_MUTED)
        buttons = QHBoxLayout()
        buttons.addWidget(note, 1)
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.accept_all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.accept_button.clicked.connect(self.accept_selected)
        self.accept_all_button.clicked.connect(self.accept_all)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.session.changed.connect(
            lambda c: self.refresh() if c.catalog or c.touches("guides", "profile") else None)
        self.changes: list[tuple[int, GuideChange]] = []
        self._guides: list = []
        self._has_township = False
        self._dirty = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty:
            self._rebuild()

    def set_domain(self, domain_no: int) -> None:
        self.domain_no = domain_no
        self.refresh()

    def count(self) -> int:
        return len(self.changes)

    def refresh(self, *_args) -> None:
        """Recompute the changes (pure, from the cached rows); the list is rebuilt only while shown."""
        self.changes = []
        session = self.session
        self._has_township = session.is_open and session.require().township() is not None
        guides = [g for g in session.guides if not self.domain_no or g.no == self.domain_no]
        if self._has_township:
            self.changes = [(g.no, c) for g in guides for c in pending_changes(g, session.items(g.no))]
        self._guides = guides
        if self.isVisible():
            self._rebuild()
        else:
            self._dirty = True

    def _rebuild(self) -> None:
        self._dirty = False
        self.tree.clear()
        if not self._has_township:
            self.summary.setText("工作区还没有乡镇目录：编制目录后，这里列出新版指引与目录的差别。")
            self._update_buttons()
            return
        for no, change in self.changes:
            row = self._row(no, change)
            self.tree.addTopLevelItem(row)
            row.setExpanded(len(change.fields) <= 3)      # only once it is in the tree
        counts = {k: sum(1 for _, c in self.changes if c.kind == k) for k in KIND_TEXT}
        guides = self._guides
        where = (f"「{guides[0].domain}」生效的指引（第 {guides[0].version} 版）" if self.domain_no
                 else "生效的指引")
        if self.changes:
            self.summary.setText(f"{where}与本镇目录相比：新增 {counts[ADDED]} 项，"
                                 f"删除 {counts[WITHDRAWN]} 项，修改 {counts[CHANGED]} 项。"
                                 "选中一项后点「接受所选变化」。")
        else:
            self.summary.setText(f"本镇目录与{where}一致，没有需要处理的变化。")
        self._update_buttons()

    def _row(self, no: int, change: GuideChange) -> QTreeWidgetItem:
        row = QTreeWidgetItem([f"{KIND_TEXT[change.kind]}：[{change.uid}] {change.title}"])
        row.setData(0, ChangeRole, (no, change))
        row.setForeground(0, QBrush(KIND_COLORS[change.kind]))
        row.setToolTip(0, "\n".join(change.describe()))
        for f, before, after in change.fields:
            child = QTreeWidgetItem([FIELD_LABELS.get(f, f), show(before, f), show(after, f)])
            for col in (1, 2):
                child.setToolTip(col, child.text(col))
            row.addChild(child)
        return row

    def _update_buttons(self) -> None:
        can = self._has_township
        self.accept_button.setEnabled(can and bool(self._selected()))
        self.accept_all_button.setEnabled(can and bool(self.changes))

    def _selected(self) -> list[tuple[int, GuideChange]]:
        out = []
        for item in self.tree.selectedItems():
            parent = item.parent()
            target = item if parent is None else parent
            data = target.data(0, ChangeRole)
            if data is not None and data not in out:
                out.append(data)
        return out

    def accept_selected(self) -> None:
        self._accept(self._selected())

    def accept_all(self) -> None:
        self._accept(list(self.changes))

    def _accept(self, chosen: list[tuple[int, GuideChange]]) -> None:
        """One undo step per change; several at once are grouped so one 撤销 takes them all back."""
        if not chosen:
            return
        catalog = self.session.require()
        township = catalog.require_township()
        stack = self.session.undo_stack
        if len(chosen) > 1:
            stack.beginMacro(f"接受 {len(chosen)} 项指引变化")
        try:
            for no, change in chosen:
                cmd = AcceptGuideChange(self.session.guides.by_no(no), change, township)
                if not push_edit(self.session, cmd, reporter=self._ctx.runner.reporter, parent=self):
                    break
        finally:
            if len(chosen) > 1:
                stack.endMacro()
