"""The panel shown for a selected domain in 目录编制: 涉及/不涉及 (with its reason) and the item counts."""
from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from catalog.errors import KnownError
from catalog.township.commands import SetDomain
from catalog.township.items import STATUS_TEXT, CatalogItem
from gui.style import TEXT_MUTED, set_text_color
from gui.widgets import TitleLabel, named


class DomainPanel(QWidget):
    """set_domain(...) fills it; a change of 涉及 or of the reason becomes a SetDomain request."""
    edit_requested = Signal(object)
    problem = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.domain_no = 0
        self._state: tuple[bool, str] = (True, "")
        self.title = TitleLabel(scale=1.2, objectName="domainTitle")
        self.counts = named(QLabel(), "domainCounts")
        self.counts.setWordWrap(True)
        self.applies = named(QCheckBox("本乡镇涉及此领域"), "domainApplies")
        self.reason = named(QLineEdit(placeholderText="不涉及的原因（必填）"), "domainReason")
        note = QLabel("不涉及的领域不进入目录，导出时列在「不涉及领域」表中并写明原因。"
                      "选中左侧的事项可以逐项修改；拖动事项或用「上移」「下移」调整顺序。")
        note.setWordWrap(True)
        set_text_color(note, TEXT_MUTED)
        form = QFormLayout()
        form.addRow("", self.applies)
        form.addRow("不涉及原因", self.reason)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.counts)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addStretch(1)
        self.applies.clicked.connect(self._applies_clicked)
        self.reason.editingFinished.connect(self._reason_done)

    def set_domain(self, no: int, name: str, state: tuple[bool, str], items: list[CatalogItem]) -> None:
        self.domain_no, self._state = no, state
        self.title.setText(f"{no:02d} {name}")
        counts = Counter(i.status for i in items)
        parts = [f"{STATUS_TEXT[s]} {counts[s]} 项" for s in STATUS_TEXT if counts[s]]
        local = sum(1 for i in items if i.local)
        self.counts.setText(f"共 {len(items)} 项" + (f"：{'，'.join(parts)}" if parts else "")
                            + (f"；其中本地事项 {local} 项" if local else ""))
        self.applies.setChecked(state[0])
        self.reason.setText(state[1])
        self.reason.setEnabled(not state[0])

    def _applies_clicked(self, on: bool) -> None:
        self.reason.setEnabled(not on)
        if on:
            self._request(True, "")
        elif self.reason.text().strip():
            self._request(False, self.reason.text())
        else:
            self.reason.setFocus()       # the reason comes first; committed when typing ends

    def _reason_done(self) -> None:
        if self.applies.isChecked():
            return
        if not self.reason.text().strip():
            self.problem.emit("标记领域不涉及时必须填写原因。")
            return
        self._request(False, self.reason.text())

    def _request(self, applies: bool, reason: str) -> None:
        if (applies, reason.strip()) == self._state or (applies and self._state[0]):
            return
        try:
            self.edit_requested.emit(SetDomain(self.domain_no, applies, reason))
        except KnownError as err:
            self.problem.emit(str(err))
