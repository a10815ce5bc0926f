"""The editor form for one catalog item: every field, committed as EditItem commands (never written
directly)."""
from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from catalog.errors import KnownError
from catalog.model import MARK_COLUMNS
from catalog.township.commands import EditItem, check_value
from catalog.township.items import ADOPTED, NOT_APPLICABLE, PENDING_LEVEL, STATUS_TEXT, CatalogItem
from gui.pages.compile.editor_widgets import ChannelBox, LinesEdit, TriCheck
from gui.style import ACCENT, TEXT_MUTED, set_text_color
from gui.widgets import TitleLabel, named

LINE_FIELDS = ("level1", "level2", "time_limit", "subject")
STATUS_COLORS = {ADOPTED: "#2e7d32", PENDING_LEVEL: "#9a5b00", NOT_APPLICABLE: "#5f6b7a"}


class ItemEditor(QWidget):
    """Shows one item; each change becomes an EditItem request (the page pushes it on the undo stack).

    edit_requested(EditItem) · na_requested() (the page asks for the reason) · problem(str) (bad value)."""
    edit_requested = Signal(object)
    na_requested = Signal()
    decide_requested = Signal(str, str)     # status, reason: a recorded decision (the page builds it)
    problem = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.item: CatalogItem | None = None
        # item → HTML of its suggestion and decision history (set by the page; reads the workspace)
        self.decision_info: Callable[[CatalogItem], str] | None = None
        self._loading = False
        self._build()

    # --- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        self.heading = TitleLabel(scale=1.2, objectName="itemHeading")
        self.heading.setWordWrap(True)
        self.origin = named(QLabel(), "itemOrigin")
        set_text_color(self.origin, TEXT_MUTED)
        self.origin.setWordWrap(True)

        self.status = named(QLabel(), "itemStatus")
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.confirm_button = named(QPushButton("确认乡级，纳入目录"), "confirmLevel")
        self.confirm_button.setToolTip("指引未写明层级：确认本乡镇公开此事项（乡级 √），状态改为已纳入")
        self.na_button = named(QPushButton("标记不适用…"), "markNa")
        self.restore_button = named(QPushButton("恢复纳入"), "restoreItem")
        self.na_reason = named(QLineEdit(placeholderText="不适用的原因"), "naReasonField")
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.confirm_button)
        status_row.addWidget(self.na_button)
        status_row.addWidget(self.restore_button)
        self.decision_note = named(QLabel(), "decisionNote")
        self.decision_note.setWordWrap(True)
        self.decision_note.setTextFormat(Qt.TextFormat.RichText)

        self.lines: dict[str, QLineEdit] = {name: named(QLineEdit(), name) for name in LINE_FIELDS}
        self.content = LinesEdit(objectName="content")
        self.content.setPlaceholderText("每行一条公开内容")
        self.basis = LinesEdit(objectName="basis")
        self.basis.setPlaceholderText("每行一条公开依据（法律、法规、规章、文件名称）")
        self.channels = ChannelBox()
        self.marks: dict[str, TriCheck] = {name: TriCheck(label, objectName=name)
                                           for name, _, label in MARK_COLUMNS}

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("一级事项", self.lines["level1"])
        form.addRow("二级事项", self.lines["level2"])
        form.addRow("公开内容", self.content)
        form.addRow("公开依据", self.basis)
        form.addRow("公开时限", self.lines["time_limit"])
        form.addRow("公开主体", self.lines["subject"])
        form.addRow("公开渠道", self.channels)
        for group in ("公开对象", "公开方式", "公开层级"):
            row = QHBoxLayout()
            for name, g, _ in MARK_COLUMNS:
                if g == group:
                    row.addWidget(self.marks[name])
            row.addStretch(1)
            form.addRow(group, row)
        # Last: the 不适用原因 row comes and goes with the status; above it no field moves (a click aimed
        # at one box would otherwise land on the next).
        form.addRow("不适用原因", self.na_reason)
        self._na_row_label = form.labelForField(self.na_reason)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.origin)
        layout.addLayout(status_row)
        layout.addLayout(form)
        # Under the fields: a note that comes and goes with a decision must not move the boxes (a click
        # aimed at one would land on the next).
        layout.addWidget(self.decision_note)
        layout.addStretch(1)

        for name, edit in self.lines.items():
            edit.editingFinished.connect(lambda name=name: self._commit(name, self.lines[name].text()))
        self.content.committed.connect(lambda: self._commit("content", self.content.lines()))
        self.basis.committed.connect(lambda: self._commit("basis", self.basis.lines()))
        self.channels.changed.connect(lambda: self._commit("channels", self.channels.channels()))
        for name, box in self.marks.items():
            box.value_changed.connect(lambda value, name=name: self._commit(name, value))
        self.na_reason.editingFinished.connect(self._reason_done)
        self.confirm_button.clicked.connect(self._confirm)
        self.na_button.clicked.connect(self.na_requested)
        self.restore_button.clicked.connect(self._restore)
        self.show_item(None)

    # --- showing --------------------------------------------------------------------------------
    def show_item(self, item: CatalogItem | None) -> None:
        """Fill the form from item (None: an empty, disabled form)."""
        self._loading = True
        try:
            self.item = item
            self.setEnabled(item is not None)
            if item is None:
                self.heading.setText("请在左侧选择一个事项")
                self.origin.setText("选择事项后，在这里修改它的各栏内容；每次修改都可以撤销（Ctrl+Z）。")
                self.status.setText("")
                for w in (self.confirm_button, self.na_button, self.restore_button, self.na_reason,
                          self.decision_note):
                    w.setVisible(False)
                self._na_row_label.setVisible(False)
                return
            t = item.text
            self.heading.setText(f"{item.uid}　{item.title}")
            if item.local:
                origin = "本地自定事项"
            else:
                origin = f"来自标准指引 {item.guide_item_id}" + (
                    f"；指引原写的公开主体：{item.origin_subject}" if item.origin_subject else "")
            self.origin.setText(origin)
            color = STATUS_COLORS.get(item.status, ACCENT)
            status_text = escape(STATUS_TEXT.get(item.status, item.status))
            self.status.setText(f"状态：<b style='color:{color}'>{status_text}</b>")
            self.confirm_button.setVisible(item.status == PENDING_LEVEL)
            self.na_button.setVisible(item.status != NOT_APPLICABLE)
            self.restore_button.setVisible(item.status == NOT_APPLICABLE)
            self.na_reason.setVisible(item.status == NOT_APPLICABLE)
            self._na_row_label.setVisible(item.status == NOT_APPLICABLE)
            self.na_reason.setText(item.na_reason)
            info = self.decision_info(item) if self.decision_info is not None else ""
            self.decision_note.setText(info)
            self.decision_note.setVisible(bool(info))
            for name in LINE_FIELDS:
                self.lines[name].setText(getattr(t, name) or "")
                self.lines[name].setCursorPosition(0)     # long texts show their beginning
            self.lines["time_limit"].setPlaceholderText("?（来源未显示）" if t.time_limit is None else "")
            self.lines["subject"].setPlaceholderText("?（来源未显示）" if t.subject is None else "")
            self.content.set_lines(t.content)
            self.basis.set_lines(t.basis)
            self.channels.set_channels(t.channels)
            for name, box in self.marks.items():
                box.set_value(item.field(name))
        finally:
            self._loading = False

    def focus_field(self, name: str | None) -> None:
        """Put the cursor on a field (a finding's field; audience/mode mean the √ pairs)."""
        status = self.na_reason if self.na_reason.isVisible() else self.na_button
        target: QWidget | None = {
            "audience": self.marks["public"], "mode": self.marks["active"],
            "channels": self.channels.boxes[0], "content": self.content, "basis": self.basis,
            "status": status, "na_reason": self.na_reason,
        }.get(name or "") or self.lines.get(name or "") or self.marks.get(name or "")
        if target is None or not target.isVisible():
            target = self.lines["level1"]
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(target, QLineEdit):
            target.selectAll()
        scroll = self.parentWidget()
        while scroll is not None and not isinstance(scroll, QScrollArea):
            scroll = scroll.parentWidget()
        if scroll is not None:                  # the form scrolls: bring the field into view
            scroll.ensureWidgetVisible(target, 0, 40)

    def commit_pending(self) -> None:
        """Commit what is typed but not yet committed (before another item is shown)."""
        if self.item is None:
            return
        for name, edit in self.lines.items():
            if edit.isModified():
                self._commit(name, edit.text())
        if self.content.lines() != self.item.text.content:
            self._commit("content", self.content.lines())
        if self.basis.lines() != self.item.text.basis:
            self._commit("basis", self.basis.lines())

    # --- commits --------------------------------------------------------------------------------
    def _commit(self, name: str, raw: Any) -> None:
        if self._loading or self.item is None:
            return
        sender = self.sender()
        if isinstance(sender, QLineEdit):
            sender.setModified(False)
        try:
            value = check_value(name, raw)
        except KnownError as err:
            self.problem.emit(str(err))
            self.show_item(self.item)             # back to the stored value
            return
        if value == self.item.field(name):
            return
        self.edit_requested.emit(EditItem(self.item.uid, {name: value}))

    def _confirm(self) -> None:
        if self.item is not None:
            self.decide_requested.emit(ADOPTED, "")

    def _restore(self) -> None:
        if self.item is not None:
            status = ADOPTED if self.item.text.marks.township else PENDING_LEVEL
            self.edit_requested.emit(EditItem(self.item.uid, {"status": status, "na_reason": ""},
                                              label=f"恢复 {self.item.uid} 为{STATUS_TEXT[status]}"))

    def _reason_done(self) -> None:
        if self._loading or self.item is None or self.item.status != NOT_APPLICABLE:
            return
        text = self.na_reason.text().strip()
        if not text:
            self.problem.emit("不适用的事项必须写明原因；原因没有改动。")
            self.na_reason.setText(self.item.na_reason)
            return
        if text != self.item.na_reason:
            self.edit_requested.emit(EditItem(self.item.uid, {"na_reason": text}))
