"""公开台账 / 到期提醒: status of every catalog item (the same computation as `main.py due`), a dashboard of
counts, the disclosures recorded, and the 依申请公开 register."""
from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from catalog.ledger import STATUS_LABELS, STATUSES, ItemDue, LedgerEntry
from gui import ops
from gui import settings as S
from gui.context import AppContext
from gui.models.list_table import Column, ListTableModel, RecordRole, SortRole
from gui.ops import run_op
from gui.page_parts import connect_session, heading, missing_workspace_text, open_catalog
from gui.pages.ledger.dialogs import EntryDialog, LinkDialog
from gui.widgets import Banner, CountTile, named, record_table

# status → (tile/background colour, text colour)
STATUS_COLORS = {"overdue": ("#fde0dc", "#9f1d1d"), "due_soon": ("#fff1d6", "#7a4b00"),
                 "late": ("#fbe7dc", "#8a3b12"), "pending": ("#e6eef8", "#1f4f86"),
                 "on_time": ("#d8efdc", "#1d5a2c"), "done": ("#d8efdc", "#1d5a2c"),
                 "no_record": ("#eceff3", "#4b5563"), "no_deadline": ("#f4f5f7", "#6b7280")}
RANK = {s: i for i, s in enumerate(STATUSES)}


def _d(d: date | None) -> str:
    return d.isoformat() if d else ""


def deadline(i: ItemDue) -> date | None:
    """The date that makes the item's status (as the CLI's 期限 column)."""
    urgent = [o.due for o in i.obligations if o.status == i.status and o.due]
    return min(urgent, default=i.next_due)


def explain(i: ItemDue) -> str:
    urgent = [o for o in i.obligations if o.status == i.status]
    if not urgent:
        return i.limit_text
    more = f" 等 {len(urgent)} 项" if len(urgent) > 3 else ""
    return "、".join(o.label for o in urgent[:3]) + more


DUE_COLUMNS: list[Column[ItemDue]] = [
    Column("状态", lambda i: i.status_text, background=lambda i: STATUS_COLORS[i.status][0],
           foreground=lambda i: STATUS_COLORS[i.status][1],
           sort=lambda i: f"{RANK[i.status]}{_d(deadline(i)) or '9999'}{i.domain_no:02d}{i.uid}"),
    Column("事项", lambda i: i.uid, sort=lambda i: f"{i.domain_no:02d}{i.uid}"),
    Column("名称", lambda i: i.title),
    Column("公开时限", lambda i: i.limit_text, tooltip=lambda i: i.time_limit),
    Column("期限", lambda i: _d(deadline(i)), sort=lambda i: _d(deadline(i)) or "9999"),
    Column("最近公开", lambda i: _d(i.last_published)),
    Column("说明", lambda i: explain(i)),
]
ENTRY_COLUMNS: list[Column[LedgerEntry]] = [
    Column("编号", lambda e: e.id, sort=lambda e: e.id or 0),
    Column("事项", lambda e: e.item_uid or "（未对应）",
           tooltip=lambda e: None if e.item_uid else "双击选择这条记录对应的目录事项"),
    Column("标题", lambda e: e.title),
    Column("形成", lambda e: _d(e.formed)),
    Column("公开", lambda e: _d(e.published) or "未公开"),
    Column("渠道/位置", lambda e: "、".join(e.channels) + (f" {e.where}" if e.where else "")),
    Column("保密审查", lambda e: f"{e.review_result}（{e.review_by}）" if e.review_result else ""),
    Column("提醒", lambda e: "；".join(e.problems()),
           background=lambda e: "#fff1d6" if e.problems() else None),
]
REQUEST_STATUS_BG = {"overdue": "#fde0dc", "due_soon": "#fff1d6", "replied_late": "#fbe7dc",
                     "replied": "#d8efdc", "open": "#e6eef8", "paused": "#eceff3"}
REQUEST_COLUMNS: list[Column[dict[str, Any]]] = [
    Column("编号", lambda r: r["no"]), Column("收到", lambda r: r["received"]),
    Column("渠道", lambda r: r["channel"]), Column("申请人类别", lambda r: r["category"]),
    Column("申请人", lambda r: r["applicant"]), Column("内容", lambda r: r["content"]),
    Column("阶段", lambda r: r["stage"]),
    Column("状态", lambda r: r["text"], background=lambda r: REQUEST_STATUS_BG.get(r["status"])),
    Column("答复期限", lambda r: (r["deadline"] or {}).get("due") or ""),
]


class StatusProxy(QSortFilterProxyModel):
    """Shows the statuses chosen on the dashboard and rows containing the search text."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.statuses: set[str] = set()
        self.text = ""
        self.setSortRole(SortRole)

    def set_statuses(self, statuses: set[str]) -> None:
        self.beginFilterChange()
        self.statuses = statuses
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self.text = text.strip()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        item: ItemDue = self.sourceModel().index(row, 0, parent).data(RecordRole)
        if self.statuses and item.status not in self.statuses:
            return False
        return not self.text or self.text in item.uid or self.text in item.title


class LedgerPage(QWidget):
    """Read in a task on every show (statuses depend on today's date and on the holiday table)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self.view: ops.LedgerView | None = None
        self.entry_dialog: EntryDialog | LinkDialog | None = None
        self._build()
        connect_session(ctx, self, self._session_changed)

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 8)
        heading(outer, "公开台账",
                "每个目录事项实际公开的记录与公开期限：哪些已逾期未公开、即将到期、逾期公开或按时公开。")
        self.banner = Banner()
        outer.addWidget(self.banner)
        tiles = QHBoxLayout()
        self.tiles = {s: CountTile(s, STATUS_LABELS[s], STATUS_COLORS[s], min_text="已逾期未公开")
                      for s in STATUSES}
        for tile in self.tiles.values():
            tile.toggled.connect(self._tiles_changed)
            tiles.addWidget(tile)
        tiles.addStretch(1)
        outer.addLayout(tiles)
        # The buttons share the summary's line: beside eight tiles they pushed the page past 1000 px.
        self.add_button = named(QPushButton("登记公开…"), "addEntry")
        self.refresh_button = named(QPushButton("刷新"), "refresh")
        self.summary = named(QLabel(), "ledgerSummary")
        self.summary.setWordWrap(True)
        line = QHBoxLayout()
        line.addWidget(self.summary, 1)
        line.addWidget(self.add_button)
        line.addWidget(self.refresh_button)
        outer.addLayout(line)

        self.tabs = named(QTabWidget(), "ledgerTabs")
        due = QWidget()
        col = QVBoxLayout(due)
        col.setContentsMargins(0, 6, 0, 0)
        self.search = named(QLineEdit(), "search")
        self.search.setPlaceholderText("按事项编号或名称查找")
        self.search.setClearButtonEnabled(True)
        col.addWidget(self.search)
        self.due_model = ListTableModel(DUE_COLUMNS, self)
        self.proxy = StatusProxy(self)
        self.proxy.setSourceModel(self.due_model)
        self.due_table = record_table(self.proxy, "dueTable", stretch=2)
        metrics = self.due_table.fontMetrics()
        # Narrow enough that 名称 (the stretching column) keeps room on a 1024 px screen; tooltips are whole.
        for c, sample in ((0, "已逾期未公开"), (1, "L-001-00"), (3, "信息形成后 20 个工作日内"),
                            (4, "2026-11-22"), (5, "2026-11-22"), (6, "2026年第3季度")):
            self.due_table.setColumnWidth(c, metrics.horizontalAdvance(sample) + 20)
        self.due_table.setSortingEnabled(True)
        self.due_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        col.addWidget(self.due_table, 1)
        self.tabs.addTab(due, "到期提醒")
        self.entry_model = ListTableModel(ENTRY_COLUMNS, self)
        self.entry_table = record_table(self.entry_model, "entryTable", stretch=2)
        self.entry_table.setToolTip("双击“（未对应）”的记录，把它对应到目录事项")
        self.tabs.addTab(self.entry_table, "台账记录")
        self.request_model = ListTableModel(REQUEST_COLUMNS, self)
        self.tabs.addTab(record_table(self.request_model, "requestTable", stretch=5), "依申请公开")
        outer.addWidget(self.tabs, 1)

        self.search.textChanged.connect(self.proxy.set_text)
        self.add_button.clicked.connect(self.add_entry)
        self.refresh_button.clicked.connect(self.reload)
        self.due_table.doubleClicked.connect(self._due_activated)
        self.entry_table.doubleClicked.connect(self._entry_activated)

    # --- page hooks -----------------------------------------------------------------------------
    def page_shown(self) -> None:
        self.reload()

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _session_changed(self) -> None:
        if self.isVisible():
            self.reload()

    # --- data -----------------------------------------------------------------------------------
    def reload(self) -> None:
        problem = missing_workspace_text(self._ctx)
        for w in (self.add_button, self.refresh_button):
            w.setEnabled(problem is None)
        if problem:
            self.banner.set_html(problem)
            return
        fn = partial(ops.ledger_view, today=date.today(), within=self._ctx.settings.get(S.DUE_WITHIN))
        run_op(self._ctx, fn, title="计算公开期限", parent=self, with_progress=False, modal=False,
               on_done=self.show_view)

    def show_view(self, view: ops.LedgerView) -> None:
        self.view = view
        report = view.report
        self.banner.set_html(f"注意：{report.warning}" if report.warning else "")
        counts = report.counts()
        for status, tile in self.tiles.items():
            tile.set_count(counts[status])
        self.due_model.set_records(report.items)
        self.entry_model.set_records(view.entries)
        self.request_model.set_records(view.requests)
        unlinked = f"；另有 {report.unlinked} 条台账记录尚未对应目录事项" if report.unlinked else ""
        waiting = ("open", "due_soon", "overdue", "paused")
        open_requests = sum(1 for r in view.requests if r["status"] in waiting)
        self.summary.setText(f"共 {len(report.items)} 个事项（按 {report.today.isoformat()} 计算，"
                             f"{report.within} 天内到期算“即将到期”）{unlinked}；"
                             f"依申请公开待答复 {open_requests} 件")

    def _tiles_changed(self, _on: bool) -> None:
        self.proxy.set_statuses({s for s, t in self.tiles.items() if t.isChecked()})
        self.tabs.setCurrentIndex(0)

    def add_entry(self, _checked: bool = False, *, item_uid: str | None = None) -> None:
        cat = open_catalog(self._ctx)
        if cat is None:
            return
        dialog = EntryDialog(cat.items(), self, item_uid=item_uid)
        dialog.accepted.connect(lambda: run_op(
            self._ctx, partial(ops.ledger_add_entry, dialog.entry()), title="登记公开", parent=self,
            with_progress=False, on_done=self._entry_added))
        self.entry_dialog = dialog
        dialog.open()

    def _entry_added(self, entry) -> None:
        # The page reloads from session.changed (Changes(ledger=True)), like every page.
        self._ctx.runner.message.emit(f"已登记：{entry.item_uid} {entry.title}")

    def _entry_activated(self, index: QModelIndex) -> None:
        """An entry without its catalog item (a printed notice recorded as 未对应): choose the item."""
        entry = index.data(RecordRole)
        cat = open_catalog(self._ctx)
        if entry is None or cat is None or entry.item_uid:
            return
        dialog = LinkDialog(entry, cat.items(), self)

        def link() -> None:
            uid = dialog.item_uid()
            if entry.id is None or uid is None:
                return
            run_op(self._ctx, partial(ops.ledger_link_entry, entry.id, uid), title="对应目录事项",
                   parent=self, with_progress=False,
                   on_done=lambda e: self._ctx.runner.message.emit(f"已对应：{e.title} → {e.item_uid}"))
        dialog.accepted.connect(link)
        self.entry_dialog = dialog
        dialog.open()

    def _due_activated(self, index: QModelIndex) -> None:
        item: ItemDue = index.data(RecordRole)
        if item is not None:
            self.add_entry(item_uid=item.uid)
