"""Small dialogs of the catalog editor: the 不适用 reason, a new local item."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from catalog.guides.shipped import GuideSet
from gui.style import TEXT_MUTED, set_text_color
from gui.widgets import named

# Reasons clerks often give; the box stays editable.
COMMON_NA_REASONS = (
    "本乡镇无此类事务",
    "该事项由县级部门公开，乡镇不涉及",
    "本乡镇无相关机构或设施",
    "该事项已合并到本目录其他事项中公开",
)
OK_CANCEL = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel


class NaReasonDialog(QDialog):
    """Asks why an item does not apply; 确定 stays disabled until a reason is written."""

    def __init__(self, title: str, reason: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("naReasonDialog")
        self.setWindowTitle("标记为不适用")
        self.reason = named(QComboBox(), "naReason")
        self.reason.setEditable(True)
        self.reason.addItems(COMMON_NA_REASONS)
        self.reason.setCurrentText(reason)
        line_edit = self.reason.lineEdit()
        assert line_edit is not None      # (an editable combo box has one)
        line_edit.setPlaceholderText("写明不适用的原因（县里审核时会看到）")
        widest = self.fontMetrics().horizontalAdvance("该事项由县级部门公开，乡镇不涉及")
        self.reason.setMinimumWidth(widest + 60)
        label = QLabel(f"事项：{title}")
        label.setWordWrap(True)
        note = QLabel("不适用的事项保留在目录中，但不再公开；原因必须填写。")
        set_text_color(note, TEXT_MUTED)
        self.buttons = QDialogButtonBox(OK_CANCEL)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.reason.editTextChanged.connect(self._changed)
        self._changed()

    def _changed(self, *_args) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.text()))

    def text(self) -> str:
        return self.reason.currentText().strip()


class LocalItemDialog(QDialog):
    """A new 本地自定事项: its domain and names (the rest is edited in the form afterwards)."""

    def __init__(self, guides: GuideSet, domain_no: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("localItemDialog")
        self.setWindowTitle("新增本地事项")
        self.domain = named(QComboBox(), "localDomain")
        for g in guides:
            self.domain.addItem(f"{g.no:02d}  {g.domain}", g.no)
        self.domain.setCurrentIndex(max(0, self.domain.findData(domain_no)))
        self.level1 = named(QLineEdit(placeholderText="必填"), "localLevel1")
        self.level2 = named(QLineEdit(placeholderText="可不填"), "localLevel2")
        self.buttons = QDialogButtonBox(OK_CANCEL)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        note = QLabel("本地事项是本乡镇在指引之外自行增加的公开事项，须写明公开依据。")
        note.setWordWrap(True)
        set_text_color(note, TEXT_MUTED)
        form = QFormLayout()
        form.addRow("领域", self.domain)
        form.addRow("一级事项", self.level1)
        form.addRow("二级事项", self.level2)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.level1.textChanged.connect(self._changed)
        self._changed()

    def _changed(self, *_args) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.level1.text().strip()))

    def domain_no(self) -> int:
        return int(self.domain.currentData())
