"""Field widgets of the item editor: multi-line lists, the channel checkboxes, tri-state √ toggles."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from catalog.channels import STANDARD_CHANNELS, normalize_channels, standard_base
from gui.style import TEXT_MUTED, set_text_color
from gui.widgets import named

MARK_STATE_TEXT = {True: "√", False: "否", None: "?"}


class LinesEdit(QPlainTextEdit):
    """One entry per line (公开内容, 公开依据); `committed` when focus leaves after a change."""
    committed = Signal()

    def __init__(self, parent: QWidget | None = None, **qt_properties):
        super().__init__(parent, **qt_properties)
        self.setTabChangesFocus(True)
        self._loaded: tuple[str, ...] = ()
        line = self.fontMetrics().lineSpacing()
        self.setMinimumHeight(line * 3 + 12)
        self.setMaximumHeight(line * 6 + 12)

    def set_lines(self, lines: tuple[str, ...]) -> None:
        self._loaded = tuple(lines)
        self.setPlainText("\n".join(lines))

    def lines(self) -> tuple[str, ...]:
        return tuple(s.strip() for s in self.toPlainText().splitlines() if s.strip())

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self.lines() != self._loaded:
            self.committed.emit()


class TriCheck(QCheckBox):
    """A √ column: √ (checked), 否 (unchecked) or ? (unknown, partially checked). A click goes
    ? → √ → 否 → ?, so each state is one or two clicks away and unknown is never forced to 否."""
    value_changed = Signal(object)       # True | False | None, only on a user click

    def __init__(self, label: str, parent: QWidget | None = None, **qt_properties):
        super().__init__(parent, **qt_properties)
        self._label = label
        self.setTristate(True)
        self.set_value(None)
        self.clicked.connect(lambda _=False: self.value_changed.emit(self.value()))

    def set_value(self, value: bool | None) -> None:
        state = {True: Qt.CheckState.Checked, False: Qt.CheckState.Unchecked,
                 None: Qt.CheckState.PartiallyChecked}[value]
        self.setCheckState(state)
        self._relabel()

    def value(self) -> bool | None:
        state = self.checkState()
        return None if state == Qt.CheckState.PartiallyChecked else state == Qt.CheckState.Checked

    def nextCheckState(self) -> None:
        following = {None: True, True: False, False: None}[self.value()]
        self.set_value(following)

    def _relabel(self) -> None:
        value = self.value()
        self.setText(f"{self._label}：{MARK_STATE_TEXT[value]}")
        self.setToolTip("来源未显示（?），点击设为 √" if value is None else "点击切换：√ → 否 → ?（未定）")


class ChannelBox(QWidget):
    """The 13 standard channels as checkboxes in the standard order, plus others as text (、 separated).
    Unknown (None) shows a note until the first tick."""
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(14)
        self.boxes: list[QCheckBox] = []
        for n, name in enumerate(STANDARD_CHANNELS):
            text = name.replace("社区/企事业单位/村公示栏(电子屏)", "村(社区)公示栏/电子屏")
            box = named(QCheckBox(text), f"channel{n}")
            box.setToolTip(name)
            box.clicked.connect(self.changed)
            grid.addWidget(box, n // 2, n % 2)
            self.boxes.append(box)
        self.extra = named(QLineEdit(placeholderText="其他渠道，多个用、分隔（如：其他:村民大会）"),
                           "channelsExtra")
        self.extra.editingFinished.connect(self._extra_done)
        self.note = QLabel("来源未显示公开渠道（?），请勾选")
        set_text_color(self.note, TEXT_MUTED)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.extra)
        layout.addWidget(self.note)
        self._loaded: tuple[str, ...] | None = None

    def set_channels(self, channels: tuple[str, ...] | None) -> None:
        self._loaded = channels
        present = set(channels or ())
        for name, box in zip(STANDARD_CHANNELS, self.boxes, strict=True):
            box.setChecked(name in present)
        self.extra.setText("、".join(c for c in (channels or ()) if standard_base(c) != c))
        self.note.setVisible(channels is None)

    def channels(self) -> tuple[str, ...] | None:
        ticked = [name for name, box in zip(STANDARD_CHANNELS, self.boxes, strict=True) if box.isChecked()]
        extra_text = self.extra.text().replace("，", "、").replace(",", "、")
        extra = [p.strip() for p in extra_text.split("、") if p.strip()]
        if self._loaded is None and not ticked and not extra:
            return None
        return normalize_channels(ticked + extra)

    def _extra_done(self) -> None:
        if self.channels() != self._loaded:
            self.changed.emit()
