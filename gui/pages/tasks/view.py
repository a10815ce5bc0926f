"""工作台账: the received 工作要点 task list with each task's 状态, deadline and evidence, the catalog's
coverage warnings (stale items, 公开渠道 never used), and the year-end view — the same report as
`main.py tasks list`. Reads and file work run as ops on the worker; status and evidence changes are
commands on the session's one undo stack (撤销 works here as on 目录编制)."""
from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from catalog.changes import Changes
from catalog.tasks import STATE_LABELS, STATES, TaskDue
from catalog.tasks.due import OPEN_STATES
from catalog.township.commands import Command
from gui import filedialogs
from gui.context import AppContext
from gui.edits import push_edit
from gui.models.list_table import Column, ListTableModel, RecordRole, SortRole
from gui.ops import run_op
from gui.page_parts import heading, missing_workspace_text
from gui.pages.tasks import ops
from gui.pages.tasks.panel import TaskPanel
from gui.widgets import Banner, CountTile, named, record_table

TASK_FILTER = "任务清单（*.xlsx *.xls）;;所有文件（*）"
# state → (background, text colour)
STATE_COLORS = {"overdue": ("#fde0dc", "#9f1d1d"), "due_soon": ("#fff1d6", "#7a4b00"),
                "pending": ("#e6eef8", "#1f4f86"), "unknown": ("#eceff3", "#4b5563"),
                "ongoing": ("#f4f5f7", "#4b5563"), "late": ("#fbe7dc", "#8a3b12"),
                "on_time": ("#d8efdc", "#1d5a2c"), "done": ("#d8efdc", "#1d5a2c"),
                "not_relevant": ("#f4f5f7", "#6b7280")}
RANK = {s: i for i, s in enumerate(STATES)}
COVERAGE_OK = "目录覆盖情况良好：没有已过公开时限仍未公开的事项，目录写明的公开渠道都用过。"
COVERAGE_UNKNOWN = "公开台账还没有登记任何公开，无法判断目录覆盖情况（在「公开台账」登记后再看）。"


def _due_sort(t: TaskDue) -> str:
    return f"{RANK[t.state]}{t.task.deadline.isoformat() if t.task.deadline else '9999'}{t.task.seq:05d}"


def _deadline(t: TaskDue) -> str:
    """The date alone (the words are in the tooltip and the panel), or 期限不明 / 长期坚持."""
    return t.task.deadline.isoformat() if t.task.deadline else t.task.deadline_text or "期限不明"


TASK_COLUMNS: list[Column[TaskDue]] = [
    Column("序号", lambda t: t.task.code, sort=lambda t: f"{t.task.list_id or 0:04d}{t.task.seq:05d}"),
    Column("工作任务", lambda t: t.task.title, tooltip=lambda t: t.task.section),
    Column("具体要求", lambda t: " ".join(t.task.requirement.split()), tooltip=lambda t: t.task.requirement),
    Column("责任单位", lambda t: t.task.unit),
    Column("完成时限", lambda t: _deadline(t), tooltip=lambda t: t.task.deadline_info.label,
           sort=lambda t: t.task.deadline.isoformat() if t.task.deadline else "9999"),
    Column("状态", lambda t: t.task.status),
    Column("到期情况", lambda t: t.state_text, background=lambda t: STATE_COLORS[t.state][0],
           foreground=lambda t: STATE_COLORS[t.state][1], sort=_due_sort),
    Column("佐证", lambda t: t.evidence_count or "", sort=lambda t: t.evidence_count,
           tooltip=lambda t: t.completion()),
]
# Widths from sample texts (the 具体要求 column takes the rest).
REQUIREMENT_COLUMN = 2
TASK_WIDTHS = {0: "一.1.1-2", 1: "政务公开目录", 3: "各乡镇人民政", 4: "2026-12-31", 5: "未开始",
               6: "已逾期 18 个工作日", 7: "佐证"}
YEAR_END_COLUMNS: list[Column[dict]] = [
    Column("序号", lambda r: r["code"]), Column("工作任务", lambda r: r["title"]),
    Column("具体要求", lambda r: " ".join(r["requirement"].split())),
    Column("完成时限", lambda r: r["deadline"]),
    Column("状态", lambda r: r["state"]), Column("完成日期", lambda r: r["done_on"]),
    Column("是否按期", lambda r: r["on_time"]), Column("说明", lambda r: r["notes"]),
    Column("目录事项", lambda r: r["items"]), Column("公开记录", lambda r: r["entries"]),
    Column("公示打印", lambda r: r["prints"]), Column("完成情况", lambda r: r["completion"]),
]


YEAR_END_WIDTHS = {0: "一.1.1-2", 3: "2026-12-31（年底前）", 4: "按期完成", 5: "2026-12-31", 6: "是否按期",
                   7: "说明", 8: "目录事项", 9: "公开记录", 10: "公示打印"}


class TaskProxy(QSortFilterProxyModel):
    """The states chosen on the tiles, open tasks only, and the search text."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.states: set[str] = set()
        self.open_only = False
        self.text = ""
        self.setSortRole(SortRole)

    def refilter(self, *, states: set[str] | None = None, open_only: bool | None = None,
                 text: str | None = None) -> None:
        self.beginFilterChange()
        self.states = self.states if states is None else states
        self.open_only = self.open_only if open_only is None else open_only
        self.text = self.text if text is None else text.strip()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        t: TaskDue = self.sourceModel().index(row, 0, parent).data(RecordRole)
        if self.states and t.state not in self.states:
            return False
        if self.open_only and t.state not in OPEN_STATES:
            return False
        k = t.task
        return not self.text or any(self.text in s for s in (k.code, k.title, k.requirement, k.unit))


class TasksPage(QWidget):
    """Read in an op on every show and after every change that concerns tasks, ledger or catalog."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self.session = ctx.session
        self.view: ops.TasksView | None = None
        if self.session is not None:
            self.undo_stack = self.session.undo_stack       # 撤销/重做 of status changes from here too
        self._build()
        if self.session is not None:
            self.session.changed.connect(self._session_changed)

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 8)
        heading(outer, "工作台账", "上级下发的工作要点任务清单：每项任务的责任单位、完成时限、状态和佐证；"
                                   "按工作日计算到期和逾期，并提示目录覆盖问题。")
        self.banner = Banner()
        outer.addWidget(self.banner)
        top = QHBoxLayout()
        self.tiles = {s: CountTile(s, STATE_LABELS[s], STATE_COLORS[s]) for s in STATES}
        for tile in self.tiles.values():
            tile.toggled.connect(self._tiles_changed)
            top.addWidget(tile)
        top.addStretch(1)
        outer.addLayout(top)
        line = QHBoxLayout()
        self.summary = named(QLabel(), "tasksSummary")
        self.summary.setWordWrap(True)
        line.addWidget(self.summary, 1)
        self.import_button = named(QPushButton("导入任务清单…"), "importTasks")
        self.export_button = named(QPushButton("导出完成情况…"), "exportTasks")
        self.refresh_button = named(QPushButton("刷新"), "refresh")
        for b in (self.import_button, self.export_button, self.refresh_button):
            line.addWidget(b)
        outer.addLayout(line)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.tabs = named(QTabWidget(), "tasksTabs")
        tasks_tab = QWidget()
        col = QVBoxLayout(tasks_tab)
        col.setContentsMargins(0, 6, 0, 0)
        filters = QHBoxLayout()
        self.search = named(QLineEdit(), "search")
        self.search.setPlaceholderText("按序号、任务、要求或责任单位查找")
        self.search.setClearButtonEnabled(True)
        self.open_only = named(QCheckBox("只看未完成"), "openOnly")
        filters.addWidget(self.search, 1)
        filters.addWidget(self.open_only)
        col.addLayout(filters)
        self.model: ListTableModel[TaskDue] = ListTableModel(TASK_COLUMNS, self)
        self.proxy = TaskProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = record_table(self.proxy, "taskTable", stretch=2, single=True)
        metrics = self.table.fontMetrics()
        for c, sample in TASK_WIDTHS.items():
            self.table.setColumnWidth(c, metrics.horizontalAdvance(sample) + 20)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.installEventFilter(self)
        col.addWidget(self.table, 1)
        self.tabs.addTab(tasks_tab, "任务")
        self.coverage = named(QListWidget(), "coverageList")
        self.coverage.setWordWrap(True)
        self.tabs.addTab(self.coverage, "覆盖提醒")
        self.year_model: ListTableModel[dict] = ListTableModel(YEAR_END_COLUMNS, self)
        year_table = record_table(self.year_model, "yearEndTable", stretch=11, single=True)
        for c, sample in YEAR_END_WIDTHS.items():
            year_table.setColumnWidth(c, metrics.horizontalAdvance(sample) + 20)
        self.tabs.addTab(year_table, "年终完成情况")
        split.addWidget(self.tabs)
        self.panel = named(TaskPanel(self._push), "taskPanel")
        split.addWidget(self.panel)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        outer.addWidget(split, 1)

        self.search.textChanged.connect(lambda text: self.proxy.refilter(text=text))
        self.open_only.toggled.connect(lambda on: self.proxy.refilter(open_only=on))
        self.import_button.clicked.connect(self.import_list)
        self.export_button.clicked.connect(self.export_list)
        self.refresh_button.clicked.connect(self.reload)
        self.table.selectionModel().currentRowChanged.connect(self._selected)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self._fit_columns)       # once the viewport has its new size
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        """A narrow table (a 1024 px screen) hides 具体要求, which the 任务详情 panel shows in full, so the
        other columns keep their width instead of squeezing it to a sliver."""
        others = sum(self.table.columnWidth(c) for c in TASK_WIDTHS)
        needed = self.table.fontMetrics().horizontalAdvance("具体要求" * 3) + 20   # a dozen characters
        self.table.setColumnHidden(REQUIREMENT_COLUMN, self.table.viewport().width() - others < needed)

    # --- page hooks -----------------------------------------------------------------------------
    def page_shown(self) -> None:
        self.reload()

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _session_changed(self, changes: Changes) -> None:
        if self.isVisible() and (changes.catalog or changes.touches("tasks", "ledger", "prints", "holidays",
                                                                    "workspace")):
            self.reload()

    # --- data -----------------------------------------------------------------------------------
    def reload(self) -> None:
        problem = missing_workspace_text(self._ctx)
        for w in (self.import_button, self.export_button, self.refresh_button):
            w.setEnabled(problem is None)
        if problem:
            self.banner.set_html(problem)
            return
        run_op(self._ctx, partial(ops.tasks_load, today=date.today(), within=5), title="读取工作台账",
               parent=self, with_progress=False, modal=False, on_done=self.show_view)

    def show_view(self, view: ops.TasksView) -> None:
        self.view = view
        report = view.report
        self.banner.set_html(f"注意：{report.warning}" if report.warning else "")
        counts = report.counts()
        for state, tile in self.tiles.items():
            tile.set_count(counts[state])
        current = self.current_task()
        self.model.set_records(report.tasks)
        self.year_model.set_records(view.year_end)
        self.coverage.clear()
        lines = report.coverage_lines()
        self.coverage.addItems(lines or [COVERAGE_OK if report.ledger_in_use else COVERAGE_UNKNOWN])
        self.tabs.setTabText(1, f"覆盖提醒（{len(lines)}）" if lines else "覆盖提醒")
        session = self.session
        items = [(i.uid, f"{i.uid}　{i.title}") for i in (session.items() if session is not None else [])]
        self.panel.set_choices(items=items, entries=view.entries, prints=view.prints)
        if not report.tasks:
            self.summary.setText("还没有导入任务清单。点“导入任务清单…”选择上级下发的工作要点分工表（.xlsx/.xls）。")
        else:
            names = "、".join(f"{lst['title']}（{lst['tasks']} 项）" for lst in view.lists)
            self.summary.setText(f"{names}；按 {report.today.isoformat()} 计算，"
                                 f"{report.within} 个工作日内到期算“即将到期”")
        self.select_task(current.task.id if current else None)

    def current_task(self) -> TaskDue | None:
        index = self.table.currentIndex()
        return index.data(RecordRole) if index.isValid() else None

    def select_task(self, task_id: int | None) -> None:
        """Select a task's row (the first row when task_id is None or gone) and show it in the panel."""
        for row in range(self.proxy.rowCount()):
            t: TaskDue = self.proxy.index(row, 0).data(RecordRole)
            if task_id is None or t.task.id == task_id:
                self.table.selectRow(row)
                self.table.setCurrentIndex(self.proxy.index(row, 0))
                self._show_panel(t)
                return
        self._show_panel(None)

    def _selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_panel(current.data(RecordRole) if current.isValid() else None)

    def _show_panel(self, t: TaskDue | None) -> None:
        evidence = self.view.evidence.get(t.task.id or -1, []) if (self.view and t) else []
        self.panel.show_task(t, evidence)

    def _tiles_changed(self, _on: bool) -> None:
        self.proxy.refilter(states={s for s, t in self.tiles.items() if t.isChecked()})
        self.tabs.setCurrentIndex(0)

    # --- writes: the one place this page changes the workspace ---------------------------------------
    def _push(self, cmd: Command) -> bool:
        """A status or evidence change: applied now, on the session's undo stack (its Changes reload us)."""
        if self.session is None or not self.session.is_open:
            return False
        return push_edit(self.session, cmd, reporter=self._ctx.runner.reporter, parent=self)

    def import_list(self) -> None:
        path = filedialogs.ask_open_file(self, "导入任务清单", filedialogs.documents_folder(), TASK_FILTER)
        if path is not None:
            self.import_path(path)

    def import_path(self, path: Path) -> None:
        run_op(self._ctx, partial(ops.tasks_import, path), title="导入任务清单", parent=self,
               label="正在读取任务清单…", on_done=self._imported)

    def _imported(self, summary: str) -> None:
        self._ctx.runner.message.emit(summary.split("\n", 1)[0])
        self.last_import = summary
        self.reload()

    def export_list(self) -> None:
        default = filedialogs.documents_folder() / f"工作台账完成情况_{date.today().isoformat()}.xlsx"
        out = filedialogs.ask_save_file(self, "导出完成情况", default, "Excel 工作簿（*.xlsx）")
        if out is not None:
            self.export_to(out)

    def export_to(self, out: Path) -> None:
        run_op(self._ctx, partial(ops.tasks_export, out), title="导出完成情况", parent=self,
               label="正在写入 Excel…", on_done=self._exported)

    def _exported(self, path: Path) -> None:
        self.last_export = path
        self._ctx.runner.message.emit(f"已导出：{path}")
