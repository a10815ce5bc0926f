"""目录检查: the live findings (severity → domain → finding) and the per-domain score dashboard."""
from __future__ import annotations

from datetime import date
from functools import partial
from html import escape

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from catalog.checks import ERROR, SEVERITIES, CheckReport, Finding
from gui import settings as S
from gui.context import AppContext
from gui.filedialogs import ask_save_file, documents_folder, show_in_folder
from gui.pages.check.findings import COLORS, FindingRole, FindingsModel, GroupRole
from gui.pages.check.score_chart import ScoreChart, score_color
from gui.pages.compile.header import CatalogHeader
from gui.style import TEXT_MUTED, set_text_color
from gui.widgets import RoomyRowsDelegate, TitleLabel, named, size_columns_from_font


class CheckPage(QWidget):
    """Shows session.checks' latest report; double-click a finding to edit that item's field."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        assert ctx.session is not None, "目录检查 needs an open workspace (gui.app builds the session)"
        self._ctx = ctx
        self.session = ctx.session
        self.undo_stack = self.session.undo_stack       # undo from here too; the findings follow
        self.model = FindingsModel(self)
        self.report: CheckReport | None = None
        self._domain = 0
        self._restoring = False
        self._collapsed: set[str] = set()      # group keys the clerk collapsed (kept across rechecks)
        self._shown_key: tuple | None = None    # the problem whose detail is shown (kept across rechecks)
        self._opened: set[str] = set()         # domain groups the clerk opened
        self._build()
        self._user_split = self.split.restoreState(self._ctx.settings.get(S.CHECK_SPLITTER))
        self.split.splitterMoved.connect(lambda *_: setattr(self, "_user_split", True))
        self.session.checks.report_ready.connect(self.show_report)
        self.session.checks.failed.connect(lambda text: self.overall_note.setText(f"检查未能完成：{text}"))

    # --- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        self.header = CatalogHeader(self._ctx, "目录检查", self)
        self.overall = TitleLabel(scale=2.0, objectName="overallScore")
        self.overall_note = named(QLabel(), "overallNote")
        self.overall_note.setWordWrap(True)
        set_text_color(self.overall_note, TEXT_MUTED)
        self.counts = named(QLabel(), "counts")
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        self.chart = ScoreChart()
        chart_scroll = QScrollArea()
        chart_scroll.setWidgetResizable(True)
        chart_scroll.setWidget(self.chart)
        chart_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        chart_title = QLabel("各领域得分（点击只看该领域）")
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        score_row = QHBoxLayout()
        score_row.addWidget(self.overall)
        score_row.addWidget(self.overall_note, 1)
        ll.addLayout(score_row)
        ll.addWidget(chart_title)
        ll.addWidget(chart_scroll, 1)

        self.severity_boxes: dict[str, QCheckBox] = {}
        filters = QHBoxLayout()
        filters.addWidget(self.counts, 1)
        for severity in SEVERITIES:
            box = named(QCheckBox(severity), f"show_{severity}")
            box.setChecked(True)
            box.toggled.connect(self._refill)
            self.severity_boxes[severity] = box
            filters.addWidget(box)
        self.all_domains = named(QPushButton("全部领域"), "allDomains")
        self.all_domains.clicked.connect(lambda: self._pick_domain(0))
        self.recheck = named(QPushButton("重新检查"), "recheck")
        self.recheck.clicked.connect(self.session.checks.run_now)
        self.export_button = named(QPushButton("导出检查报告…"), "exportReport")
        self.export_button.clicked.connect(self.export_report)
        for b in (self.all_domains, self.recheck, self.export_button):
            filters.addWidget(b)

        self.tree = named(QTreeView(), "findings")
        self.tree.setModel(self.model)
        self.tree.setItemDelegate(RoomyRowsDelegate(6, self.tree))
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setExpandsOnDoubleClick(True)
        self.tree.setWordWrap(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        size_columns_from_font(self.tree, ((1, "17-001 农业生产发展资金"), (2, "公开渠道和载体")))
        self.tree.doubleClicked.connect(self._activated)
        self.tree.activated.connect(self._activated)
        self.tree.expanded.connect(self._group_expanded)
        self.tree.collapsed.connect(self._group_collapsed)
        self.detail = named(QLabel(), "findingDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 8)   # no jumping tree on selection
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.tree.selectionModel().currentChanged.connect(self._show_detail)
        self._show_detail(QModelIndex())
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addLayout(filters)
        rl.addWidget(self.tree, 1)
        rl.addWidget(self.detail)

        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(left)
        self.split.addWidget(right)
        self.split.setSizes([self.chart.sizeHint().width() + 30, 760])
        self.split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.setSpacing(8)
        layout.addWidget(self.header)
        layout.addWidget(self.split, 1)
        self.chart.domain_clicked.connect(self._pick_domain)

    # --- page hooks -----------------------------------------------------------------------------
    def save_state(self) -> None:
        self._ctx.settings.set(S.CHECK_SPLITTER, bytes(self.split.saveState().data()))

    def page_shown(self) -> None:
        self.header.refresh()
        report = self.session.checks.ensure()
        if report is not None and report is not self.report:
            self.show_report(report)

    # --- showing --------------------------------------------------------------------------------
    def show_report(self, report: CheckReport) -> None:
        self.report = report
        overall = report.scores["overall"]
        score = overall["score"]
        self.overall.setText("—" if score is None else f"{score:.1f}")
        set_text_color(self.overall, score_color(score).name())
        self.overall_note.setText("总分（满分 100）。错误扣分最多，警告次之，提示不扣分；"
                                  "层级待确认的事项按未检查计。")
        summary = report.summary
        self.counts.setText("　".join(f"<b style='color:{COLORS[s].name()}'>{s} {summary[s]}</b>"
                                     for s in SEVERITIES))
        self.chart.set_scores(report.scores["domains"])
        if not self._user_split:       # fit the chart until the clerk moves the splitter
            chart_width = self.chart.sizeHint().width() + 30
            self.split.setSizes([chart_width, max(600, self.width() - chart_width)])
        self._refill()

    def _refill(self, *_args) -> None:
        key = self._shown_key
        shown = {s for s, box in self.severity_boxes.items() if box.isChecked()}
        self.model.set_report(self.report, severities=shown, domain_no=self._domain)
        self._restore_expansion()
        self._reselect(key)

    def _reselect(self, key: tuple | None) -> None:
        """After a recheck the detail shows the same problem again, or says it is gone (never a fixed one)."""
        if key is None:
            return
        for index in _leaves(self.model):
            if _key(index.data(FindingRole)) == key:
                self.tree.setCurrentIndex(index)
                self._show_detail(index)
                return
        self._shown_key = None
        self.detail.setText(f"<span style='color:{TEXT_MUTED}'>上次选中的问题已经不存在了（已改正，或已不在"
                            "显示范围内）。选中另一条问题查看说明。</span>")

    def _restore_expansion(self) -> None:
        """Severity groups open; domain groups open under 错误, for one domain, or when few findings show;
        whatever the clerk opened or closed stays so across rechecks."""
        self._restoring = True
        try:
            for row in range(self.model.rowCount()):
                head = self.model.index(row, 0)
                severity = str(head.data(GroupRole))
                if severity not in self._collapsed:
                    self.tree.expand(head)
                for sub in range(self.model.rowCount(head)):
                    group = self.model.index(sub, 0, head)
                    key = str(group.data(GroupRole))
                    few = bool(self._domain) or self.model.shown <= 40
                    wanted = severity == ERROR or few or key in self._opened
                    if wanted and key not in self._collapsed:
                        self.tree.expand(group)
        finally:
            self._restoring = False

    def _group_expanded(self, index: QModelIndex) -> None:
        if not self._restoring:
            key = str(index.data(GroupRole))
            self._collapsed.discard(key)
            self._opened.add(key)

    def _group_collapsed(self, index: QModelIndex) -> None:
        if not self._restoring:
            key = str(index.data(GroupRole))
            self._collapsed.add(key)
            self._opened.discard(key)

    def _show_detail(self, index: QModelIndex, _previous: QModelIndex | None = None) -> None:
        finding: Finding | None = index.sibling(index.row(), 0).data(FindingRole) if index.isValid() else None
        self._shown_key = _key(finding) if finding is not None else None
        if finding is None:
            self.detail.setText(f"<span style='color:{TEXT_MUTED}'>选中一条问题，这里显示它的说明和修改建议；"
                                "双击转到「目录编制」中对应的事项和栏目。修改后会自动重新检查。</span>")
            return
        item = f"{finding.item_id} {finding.item_title or ''}" if finding.item_id else ""
        where = "　".join(x for x in (finding.domain or "", item, finding.field_label) if x)
        color = COLORS[finding.severity].name()
        self.detail.setText(f"<b style='color:{color}'>{finding.severity} {finding.code}</b>"
                            f"　{escape(where)}<br>{escape(finding.message)}"
                            f"<br><b>修改建议：</b>{escape(finding.fix)}")

    def _pick_domain(self, no: int) -> None:
        self._domain = no
        self.chart.set_selected(no)
        self._refill()

    # --- navigation -----------------------------------------------------------------------------
    def _activated(self, index: QModelIndex) -> None:
        finding: Finding | None = index.sibling(index.row(), 0).data(FindingRole)
        if finding is not None:
            self.go_to(finding)

    def go_to(self, finding: Finding) -> None:
        """Open 目录编制 at the finding's item and field (or its domain); a catalog-wide finding shows
        its fix."""
        window = self.window()
        show_page = getattr(window, "show_page", None)
        if show_page is None:
            return
        if finding.item_id and self.session.item(finding.item_id) is not None:
            show_page("compile").show_item(finding.item_id, finding.field)
        elif finding.domain_no is not None:
            show_page("compile").show_domain(finding.domain_no)
        elif isinstance(window, QMainWindow):
            window.statusBar().showMessage(finding.fix, 10000)

    # --- the report as a workbook ---------------------------------------------------------------
    def export_report(self) -> None:
        """Write the findings as an Excel workbook (in a task) and offer to open its folder."""
        report = self.session.checks.ensure()
        township = self.session.require().township()
        if report is None:
            return
        name = f"{township.name if township else ''}目录检查报告_{date.today():%Y%m%d}.xlsx"
        path = ask_save_file(self, "导出检查报告", documents_folder() / name, "Excel 工作簿 (*.xlsx)")
        if path is None:
            return
        from catalog.checks.report import write_report
        self._ctx.runner.run(partial(write_report, report, path, township=township.name if township else "",
                                     checked_on=date.today().isoformat()),
                             title="导出检查报告", parent=self, with_progress=False,
                             on_done=lambda out: show_in_folder(out))


def _leaves(model) -> list[QModelIndex]:
    """Every finding row of the grouped model (severity › domain › finding)."""
    out, stack = [], [QModelIndex()]
    while stack:
        parent = stack.pop()
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if index.data(FindingRole) is not None:
                out.append(index)
            stack.append(index)
    return out


def _key(f: Finding) -> tuple:
    """What identifies one problem across rechecks."""
    return f.code, f.item_id, f.field, f.domain_no
