"""Small widgets shared by pages: a heading that follows the app font size, a notice banner, roomy rows,
the navigation list's look."""
from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QTreeView,
    QWidget,
)

from gui.style import (
    ACCENT,
    BANNER_BACKGROUND,
    BANNER_BORDER,
    BANNER_TEXT,
    NAV_BACKGROUND,
    NAV_HOVER,
    NAV_SELECTED,
    set_text_color,
)

_Q = TypeVar("_Q", bound=QObject)


def named(obj: _Q, name: str) -> _Q:
    """`obj` with its objectName set (tests and the pages find widgets by it), e.g.
    `named(QLineEdit(placeholderText="…"), "path")`. PySide6 accepts `objectName=` in every constructor,
    but its type stubs list only each class's own properties, so the keyword reads as an error to mypy."""
    obj.setObjectName(name)
    return obj


class TitleLabel(QLabel):
    """A heading `scale` times the application font; follows 视图 › 放大/缩小字号."""

    def __init__(self, text: str = "", *, scale: float = 1.4, bold: bool = True,
                 parent: QWidget | None = None, **qt_properties):
        super().__init__(text, parent, **qt_properties)
        self._scale, self._bold = scale, bold
        self._apply()

    def _apply(self) -> None:
        font = QFont(QApplication.font())
        font.setPointSizeF(QApplication.font().pointSizeF() * self._scale)
        font.setBold(self._bold)
        self.setFont(font)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ApplicationFontChange:
            self._apply()
        super().changeEvent(event)


class Banner(QFrame):
    """A soft notice strip (e.g. 数据不完整), rich text, word-wrapped, links open externally."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel(self)
        set_text_color(self.label, BANNER_TEXT)
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

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(BANNER_BORDER), 1))
        painter.setBrush(QColor(BANNER_BACKGROUND))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)


class RoomyRowsDelegate(QStyledItemDelegate):
    """Adds vertical padding to every row, so lists are easy to hit with a mouse on a small screen."""

    def __init__(self, padding: int = 8, parent: QWidget | None = None):
        super().__init__(parent)
        self._padding = padding

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + self._padding)


class NavList(QListWidget):
    """The left navigation: a calm panel, roomy entries, the current one marked with an accent bar."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMouseTracking(True)      # hover colour
        self.setItemDelegate(_NavDelegate(self))
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Base, QColor(NAV_BACKGROUND))
        palette.setColor(QPalette.ColorRole.Window, QColor(NAV_BACKGROUND))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self.setViewportMargins(0, 8, 0, 0)


class _NavDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        metrics = option.fontMetrics
        return QSize(metrics.horizontalAdvance(str(index.data())) + 40, metrics.height() + 20)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        rect = option.rect
        painter.save()
        if selected or hovered:
            painter.fillRect(rect, QColor(NAV_SELECTED if selected else NAV_HOVER))
        if selected:
            painter.fillRect(rect.x(), rect.y(), 3, rect.height(), QColor(ACCENT))
        font = QFont(option.font)
        font.setBold(selected)
        painter.setFont(font)
        painter.setPen(QColor(ACCENT if selected else "#243040"))
        painter.drawText(rect.adjusted(20, 0, -8, 0),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, str(index.data()))
        painter.restore()


class ElidedLabel(QLabel):
    """A one-line label that shows "…" in the middle when narrower than its text; text() stays whole."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.fontMetrics().horizontalAdvance("工作区：…") + 20), hint.height())

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideMiddle, rect.width())
        painter.drawText(rect, int(self.alignment()), text)


class CountTile(QToolButton):
    """A dashboard count ("3 / 已逾期") in its state's colours; checking it filters a table to that state."""

    def __init__(self, key: str, label: str, colors: tuple[str, str], *, min_text: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"tile_{key}")
        self.key, self.label, self.count = key, label, 0
        self.setCheckable(True)
        self.setMinimumWidth(max(72, self.fontMetrics().horizontalAdvance(min_text or label) + 16))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Button, QColor(colors[0]))
        palette.setColor(QPalette.ColorRole.ButtonText, QColor(colors[1]))
        self.setPalette(palette)
        self.setAutoRaise(False)
        self.set_count(0)

    def set_count(self, n: int) -> None:
        self.count = n
        self.setText(f"{n}\n{self.label}")


def record_table(model: QAbstractItemModel, name: str, *, stretch: int | None = None,
                 single: bool = False, row_padding: int = 10) -> QTableView:
    """A read-only list of records: whole-row selection, no wrapping, rows as tall as the font needs;
    column `stretch` (else the last one) takes the spare width."""
    view = named(QTableView(), name)
    view.setModel(model)
    view.verticalHeader().hide()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + row_padding)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def size_columns_from_font(view: QTreeView, samples: Sequence[tuple[int, str]], *, padding: int = 16,
                           fixed: bool = False) -> None:
    """Column 0 takes the spare width; each (column, sample text) gets the sample's width in the view's
    font (fixed, or user-resizable). Measured once: ResizeToContents would ask the model for every cell."""
    header = view.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    metrics = view.fontMetrics()
    mode = QHeaderView.ResizeMode.Fixed if fixed else QHeaderView.ResizeMode.Interactive
    for col, sample in samples:
        header.setSectionResizeMode(col, mode)
        header.resizeSection(col, metrics.horizontalAdvance(sample) + padding)
