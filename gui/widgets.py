"""Small widgets shared by pages: a heading that follows the app font size, a notice banner, roomy rows."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QApplication, QFrame, QHBoxLayout, QLabel, QStyledItemDelegate,
                               QStyleOptionViewItem, QWidget)


class TitleLabel(QLabel):
    """A heading `scale` times the application font; follows 视图 › 放大/缩小字号."""

    def __init__(self, text: str = "", *, scale: float = 1.4, bold: bool = True, parent: QWidget | None = None,
                 **qt_properties):
        super().__init__(text, parent, **qt_properties)
        self._scale, self._bold = scale, bold
        self._apply()

    def _apply(self) -> None:
        font = QFont(QApplication.font())
        font.setPointSizeF(QApplication.font().pointSizeF() * self._scale)
        font.setBold(self._bold)
        self.setFont(font)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.ApplicationFontChange:
            self._apply()
        super().changeEvent(event)


class Banner(QFrame):
    """A soft notice strip (e.g. 数据不完整), rich text, word-wrapped, links open externally."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("banner")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setOpenExternalLinks(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.label)

    def set_html(self, html: str) -> None:
        self.label.setText(html)
        self.setVisible(bool(html))

    def text(self) -> str:
        return self.label.text()


class RoomyRowsDelegate(QStyledItemDelegate):
    """Adds vertical padding to every row, so lists are easy to hit with a mouse on a small screen."""

    def __init__(self, padding: int = 8, parent: QWidget | None = None):
        super().__init__(parent)
        self._padding = padding

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + self._padding)
