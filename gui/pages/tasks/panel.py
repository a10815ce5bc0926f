"""The selected task of 工作台账: its text and deadline, 状态 with note and date, evidence to add or remove.

The panel only builds commands (catalog.tasks.commands) and hands them to `submit`; the page decides how
they reach the workspace (one undo stack), so this widget never writes anything itself.
"""
from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from catalog.tasks import STATUSES, Evidence, TaskDue
from catalog.tasks.commands import AddEvidence, RemoveEvidence, SetTaskStatus
from catalog.tasks.model import EV_ENTRY, EV_ITEM, EV_NOTE, EV_PRINT, EVIDENCE_LABELS, NOT_RELEVANT
from catalog.township.commands import Command
from gui.widgets import named

KIND_ORDER = (EV_NOTE, EV_ITEM, EV_ENTRY, EV_PRINT)


def _html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


class TaskPanel(QGroupBox):
    """Shows one TaskDue; 保存状态 and 添加/删除佐证 call submit(command)."""

    def __init__(self, submit: Callable[[Command], bool], parent: QWidget | None = None):
        super().__init__("任务详情", parent)
        self._submit = submit
        self.task: TaskDue | None = None
        self.choices: dict[str, list[tuple[str, str]]] = {EV_ITEM: [], EV_ENTRY: [], EV_PRINT: []}
        col = QVBoxLayout(self)
        self.caption = named(QLabel("在左侧选择一项任务"), "taskTitle")
        self.caption.setWordWrap(True)
        self.facts = named(QLabel(), "taskFacts")
        self.facts.setWordWrap(True)
        col.addWidget(self.caption)
        col.addWidget(self.facts)
        form = QFormLayout()
        self.status = named(QComboBox(), "taskStatus")
        self.status.addItems(list(STATUSES))
        self.note = named(QLineEdit(), "taskNote")
        self.note.setPlaceholderText("进展说明；“不涉及”时写明原因")
        self.on = named(QDateEdit(), "taskDate")
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy-MM-dd")
        self.save = named(QPushButton("保存状态"), "saveStatus")
        form.addRow("状态", self.status)
        form.addRow("说明", self.note)
        form.addRow("日期", self.on)
        col.addLayout(form)
        col.addWidget(self.save)
        col.addWidget(QLabel("佐证材料"))
        self.evidence = named(QListWidget(), "evidenceList")
        self.evidence.setWordWrap(True)
        col.addWidget(self.evidence, 1)
        row = QHBoxLayout()
        self.kind = named(QComboBox(), "evidenceKind")
        for k in KIND_ORDER:
            self.kind.addItem(EVIDENCE_LABELS[k], k)
        self.ref = named(QComboBox(), "evidenceRef")
        self.ref.setMinimumContentsLength(16)
        row.addWidget(self.kind)
        row.addWidget(self.ref, 1)
        col.addLayout(row)
        self.ev_note = named(QLineEdit(), "evidenceNote")
        self.ev_note.setPlaceholderText("说明：做了什么、材料在哪里")
        col.addWidget(self.ev_note)
        buttons = QHBoxLayout()
        self.add = named(QPushButton("添加佐证"), "addEvidence")
        self.remove = named(QPushButton("删除所选佐证"), "removeEvidence")
        buttons.addWidget(self.add)
        buttons.addWidget(self.remove)
        col.addLayout(buttons)
        self.save.clicked.connect(self.save_status)
        self.add.clicked.connect(self.add_evidence)
        self.remove.clicked.connect(self.remove_evidence)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.show_task(None, [])

    # --- showing -------------------------------------------------------------------------------
    def set_choices(self, *, items: list[tuple[str, str]], entries: list[tuple[str, str]],
                    prints: list[tuple[str, str]]) -> None:
        """What the evidence picker offers: catalog items, 公开台账 records, 公示打印 records."""
        self.choices = {EV_ITEM: items, EV_ENTRY: entries, EV_PRINT: prints}
        self._kind_changed()

    def show_task(self, td: TaskDue | None, evidence: list[tuple[Evidence, str]]) -> None:
        self.task = td
        for w in (self.status, self.note, self.on, self.save, self.kind, self.ref, self.ev_note, self.add,
                  self.remove):
            w.setEnabled(td is not None)
        self.evidence.clear()
        if td is None:
            self.caption.setText("在左侧选择一项任务")
            self.facts.setText("")
            return
        t = td.task
        self.caption.setText(f"<b>{_html(t.code)}　{_html(t.title)}</b>"
                             + (f"<br>{_html(t.requirement)}" if t.requirement else ""))
        unit = t.unit or "（未写）"
        relevant = {True: "", False: "（责任单位未写乡镇，核对是否涉及）", None: ""}[t.relevant]
        self.facts.setText(f"{_html(t.section)}<br>责任单位：{_html(unit)}{relevant}"
                           f"<br>完成时限：{_html(t.deadline_info.label)}<br>到期情况：{td.state_text}"
                           + "".join(f"<br>⚠ {_html(a)}" for a in td.alerts))
        self.status.setCurrentText(t.status)
        self.note.setText(t.note)
        day = t.done_on or date.today()
        self.on.setDate(QDate(day.year, day.month, day.day))
        for ev, text in evidence:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, ev.id)
            self.evidence.addItem(item)

    def _kind_changed(self, *_: object) -> None:
        kind = self.kind.currentData()
        self.ref.clear()
        self.ref.setVisible(kind != EV_NOTE)
        for value, label in self.choices.get(kind, []):
            self.ref.addItem(label, value)

    # --- commands ------------------------------------------------------------------------------
    def save_status(self) -> bool:
        if self.task is None or self.task.task.id is None:
            return False
        d = self.on.date()
        note = self.note.text().strip()
        status = self.status.currentText()
        cmd = SetTaskStatus(self.task.task.id, status, note=note, on=date(d.year(), d.month(), d.day()),
                            label=f"将任务 {self.task.task.code} 标为{status}")
        if status == NOT_RELEVANT and not note:
            self.note.setFocus()
        return self._submit(cmd)

    def add_evidence(self) -> bool:
        if self.task is None or self.task.task.id is None:
            return False
        kind = self.kind.currentData()
        ref = "" if kind == EV_NOTE else str(self.ref.currentData() or "")
        ev = Evidence(self.task.task.id, kind, ref, self.ev_note.text().strip())
        ok = self._submit(AddEvidence(ev, label=f"为任务 {self.task.task.code} 添加佐证"))
        if ok:
            self.ev_note.clear()
        return ok

    def remove_evidence(self) -> bool:
        item = self.evidence.currentItem()
        if item is None:
            return False
        return self._submit(RemoveEvidence(int(item.data(Qt.ItemDataRole.UserRole)), label="删除佐证"))
