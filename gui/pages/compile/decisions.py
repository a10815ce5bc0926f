"""批量决定层级: every 层级待确认 item with why it is undecided and the guide row's suggestion; accept the
suggestions of a domain (or all), or decide a selection (纳入 / 不适用 with one reason) — each action is
ONE DecideItems command on the session's undo stack."""
from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from catalog.errors import KnownError
from catalog.township.commands import Command
from catalog.township.decisions import (
    COUNTY_REASON,
    DecideItems,
    PendingRow,
    default_actor,
    not_involved,
    pending_rows,
    plan_decisions,
    suggest,
    why_pending,
)
from catalog.township.items import ADOPTED, PENDING_LEVEL, CatalogItem
from gui.style import TEXT_MUTED, set_text_color
from gui.widgets import named

COLUMNS = ("编号", "领域", "事项", "待确认原因", "建议", "建议依据")
SUGGESTION_COLORS = {ADOPTED: "#2e7d32", "na": "#b45309"}
UidRole = Qt.ItemDataRole.UserRole + 1


def decision_info_html(session, item: CatalogItem) -> str:
    """For the item editor: why an undecided item is undecided and the suggestion; every decision made."""
    catalog = session.require()
    parts = []
    if item.status == PENDING_LEVEL:
        gi = catalog.guides.item(item.guide_item_id) if item.guide_item_id and not item.local else None
        s = suggest(gi)
        parts.append(f"待确认原因：{escape(why_pending(item, gi))}<br>"
                     f"建议：<b>{escape(s.text)}</b> — {escape(s.evidence)}")
    history = catalog.decision_history(item.uid)
    if history:
        parts.append("决定记录：<br>" + "<br>".join(escape(h) for h in history))
    return f"<span style='color:{TEXT_MUTED}'>" + "<br>".join(parts) + "</span>" if parts else ""


class DecisionsDialog(QDialog):
    """Non-modal: the clerk keeps deciding while the catalog tree updates; Ctrl+Z undoes a whole step.

    `push(cmd) -> bool` puts a command on the session's undo stack (gui.edits.push_edit)."""

    def __init__(self, session, push: Callable[[Command], bool], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("decisionsDialog")
        self.setWindowTitle("批量决定层级（层级待确认的事项）")
        self.session = session
        self._push = push
        self._rows: list[PendingRow] = []
        # How many decision steps this dialog pushed (tests and the status line). Not `actions`:
        # that is QWidget.actions().
        self.steps = 0
        self._build()
        self.refresh()
        session.changed.connect(self._changed)

    # --- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        self.domain = named(QComboBox(), "decideDomain")
        self.summary = named(QLabel(), "decideSummary")
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("领域"))
        top.addWidget(self.domain, 1)
        top.addWidget(self.summary, 2)

        self.table = named(QTableWidget(0, len(COLUMNS)), "pendingTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)          # the evidence is the point: shown whole, never elided
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        for col, sample in ((0, "00-000"), (1, "食品药品监管"), (3, "指引未写乡级 √（县级未知）"),
                            (4, "不适用")):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(col, metrics.horizontalAdvance(sample) + 20)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)

        self.accept_button = named(QPushButton(), "acceptSuggestions")
        self.accept_button.setToolTip("把建议写进目录：建议纳入的勾选乡级并纳入，建议不适用的标记不适用并写明原因")
        self.select_unsuggested = named(QPushButton("选中没有建议的"), "selectUnsuggested")
        self.select_all = named(QPushButton("全选"), "selectAll")
        self.adopt_button = named(QPushButton("选中项纳入"), "adoptSelected")
        self.adopt_button.setToolTip("选中的事项由本乡镇公开：勾选乡级，状态改为已纳入")
        self.reason = named(QComboBox(), "decideReason")
        self.reason.setEditable(True)
        self.reason.addItems((COUNTY_REASON, "本乡镇无此类事务", "本乡镇无相关机构或设施"))
        self.reason.setCurrentText("")
        line_edit = self.reason.lineEdit()
        assert line_edit is not None      # (an editable combo box has one)
        line_edit.setPlaceholderText("不适用的原因（对所有选中项）")
        self.na_button = named(QPushButton("选中项不适用"), "naSelected")
        self.undo_button = named(QPushButton("撤销上一步"), "undoDecision")
        self.undo_button.setToolTip("撤销刚才的一次批量决定（Ctrl+Z）")
        close = named(QPushButton("关闭"), "closeDecisions")
        row1 = QHBoxLayout()
        row1.addWidget(self.accept_button)
        row1.addStretch(1)
        row1.addWidget(self.select_unsuggested)
        row1.addWidget(self.select_all)
        row2 = QHBoxLayout()
        row2.addWidget(self.adopt_button)
        row2.addSpacing(12)
        row2.addWidget(self.reason, 1)
        row2.addWidget(self.na_button)
        row2.addSpacing(12)
        row2.addWidget(self.undo_button)
        row2.addWidget(close)
        self.status = named(QLabel(), "decideStatus")
        self.status.setWordWrap(True)
        set_text_color(self.status, TEXT_MUTED)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(row1)
        layout.addLayout(row2)
        layout.addWidget(self.status)
        self.resize(1080, 640)

        self.domain.currentIndexChanged.connect(self._fill)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.reason.editTextChanged.connect(self._update_buttons)
        self.accept_button.clicked.connect(self.accept_suggestions)
        self.select_unsuggested.clicked.connect(self._select_unsuggested)
        self.select_all.clicked.connect(self.table.selectAll)
        self.adopt_button.clicked.connect(lambda: self.decide_selected("adopt"))
        self.na_button.clicked.connect(lambda: self.decide_selected("na"))
        self.undo_button.clicked.connect(self.session.undo_stack.undo)
        close.clicked.connect(self.close)
        QShortcut(QKeySequence.StandardKey.Undo, self, self.session.undo_stack.undo)
        QShortcut(QKeySequence.StandardKey.Redo, self, self.session.undo_stack.redo)

    # --- data -----------------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        self.refresh()
        super().showEvent(event)

    def _changed(self, *_args) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Re-read the undecided items and the domain list (keeps the chosen domain)."""
        if not self.session.is_open:
            return
        catalog = self.session.require()
        self._rows = pending_rows(self.session.items(), catalog.guides,
                                  skip_domains=not_involved(catalog.domain_choices()))
        current = self.domain.currentData() or 0
        counts: dict[int, int] = {}
        for r in self._rows:
            counts[r.item.domain_no] = counts.get(r.item.domain_no, 0) + 1
        self.domain.blockSignals(True)
        self.domain.clear()
        self.domain.addItem(f"全部领域（{len(self._rows)} 项待确认）", 0)
        for no in sorted(counts):
            self.domain.addItem(f"{no:02d}  {catalog.guide_name(no)}（{counts[no]} 项）", no)
        self.domain.setCurrentIndex(max(0, self.domain.findData(current)))
        self.domain.blockSignals(False)
        self._fill()

    def shown_rows(self) -> list[PendingRow]:
        no = self.domain.currentData() or 0
        return [r for r in self._rows if not no or r.item.domain_no == no]

    def _fill(self, *_args) -> None:
        rows = self.shown_rows()
        catalog = self.session.require()
        self.table.setColumnHidden(1, bool(self.domain.currentData()))    # 领域 only when all are shown
        self.table.setRowCount(len(rows))
        muted = QBrush(QColor(TEXT_MUTED))
        for r, row in enumerate(rows):
            s = row.suggestion
            evidence = s.evidence + (f"；原因写“{s.reason}”" if s.reason else "")
            values = (row.item.uid, catalog.guide_name(row.item.domain_no), row.item.title, row.why, s.text,
                      evidence)
            for c, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setToolTip(value)
                if c == 0:
                    cell.setData(UidRole, row.item.uid)
                if c == 4:
                    cell.setForeground(QBrush(QColor(SUGGESTION_COLORS[s.status])) if s.status else muted)
                    if s.status:
                        font = cell.font()
                        font.setBold(True)
                        cell.setFont(font)
                self.table.setItem(r, c, cell)
        self.table.resizeRowsToContents()
        with_s = sum(1 for r in rows if r.suggestion.status is not None)
        self.summary.setText(f"待确认 {len(rows)} 项，其中 {with_s} 项有建议。" if rows
                             else "这里的事项都已决定。")
        self.accept_button.setText(f"采纳建议（{with_s} 项）")
        self.accept_button.setEnabled(with_s > 0)
        self._update_buttons()

    def selected_uids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        cells = (self.table.item(r, 0) for r in rows)
        return [cell.data(UidRole) for cell in cells if cell is not None]

    def _select_unsuggested(self) -> None:
        self.table.clearSelection()
        mode = QAbstractItemView.SelectionMode.MultiSelection
        self.table.setSelectionMode(mode)
        for r, row in enumerate(self.shown_rows()):
            if row.suggestion.status is None:
                self.table.selectRow(r)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)

    def _update_buttons(self, *_args) -> None:
        n = len(self.table.selectionModel().selectedRows())
        self.adopt_button.setText(f"选中项纳入（{n}）" if n else "选中项纳入")
        self.na_button.setText(f"选中项不适用（{n}）" if n else "选中项不适用")
        self.adopt_button.setEnabled(n > 0)
        self.na_button.setEnabled(n > 0 and bool(self.reason.currentText().strip()))
        self.undo_button.setEnabled(self.session.undo_stack.canUndo())

    # --- actions --------------------------------------------------------------------------------
    def accept_suggestions(self) -> bool:
        """Accept the suggestions of the shown domain (or all domains) in one step."""
        no = self.domain.currentData() or 0
        return self._decide("suggestions", domains=[no] if no else None)

    def decide_selected(self, mode: str) -> bool:
        """纳入 ("adopt") or 不适用 ("na", with the reason box) for the selected rows, in one step."""
        uids = self.selected_uids()
        if not uids:
            return False
        return self._decide(mode, uids=uids, reason=self.reason.currentText().strip())

    def _decide(self, mode: str, *, domains: list[int] | None = None, uids: list[str] | None = None,
                reason: str = "") -> bool:
        catalog = self.session.require()
        try:
            decisions = plan_decisions(self.session.items(), catalog.guides, mode=mode, reason=reason,
                                       domains=domains, uids=uids,
                                       skip_domains=not_involved(catalog.domain_choices()))
            cmd = DecideItems(decisions, default_actor(catalog.township()))
        except KnownError as err:
            self.status.setText(str(err))
            return False
        if not self._push(cmd):
            return False
        self.steps += 1
        self.refresh()
        self.status.setText(f"已{cmd.label.removeprefix('决定层级：')}（决定人：{cmd.who}）。"
                            "每一步都记录在事项的决定记录中，可用「撤销上一步」或 Ctrl+Z 撤销。")
        return True
