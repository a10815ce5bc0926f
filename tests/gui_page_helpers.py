"""Helpers for the page tests (导出上报, 公示打印, 县级汇总, 公开台账, 设置): a workspace opened in a
Session."""
from __future__ import annotations

from pathlib import Path

from helpers import TOWNSHIP, new_catalog

from catalog.township.profile import Township
from gui.session import Session


def open_session(app_context, tmp_path: Path, *, township: Township | None = TOWNSHIP, compile: bool = True,
                 domains: list[str] | None = None) -> Session:
    """A workspace in tmp_path (township saved, catalog compiled) opened in a Session put into app_context."""
    path = tmp_path / "ws.gkml.db"
    if township is not None:
        cat = new_catalog(tmp_path / "prep", township=township, compile=compile, domains=domains)
        cat.close()
        (tmp_path / "prep" / "ws.db").rename(path)
    session = Session(app_context.guides, path)
    session.open()
    app_context.session = session
    app_context.db_path = path
    return session


def click_option(qtbot, button) -> None:
    """Click a radio button or check box on its indicator (its centre may lie past the text)."""
    from PySide6.QtCore import QPoint, Qt
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


class Recorder:
    """Stands in for a file dialog or the desktop: returns queued answers, remembers the calls."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.calls: list[tuple] = []

    def __call__(self, *args, **kwargs):
        self.calls.append(args)
        return self.answers.pop(0) if self.answers else None


def drag_enter(widget, paths: list[Path]):
    """Send a drag of these files into widget; returns the event (isAccepted: the drop would be taken)."""
    from PySide6.QtCore import QMimeData, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent
    from PySide6.QtWidgets import QApplication
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    pos = widget.rect().center()
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    try:
        event = QDragEnterEvent(pos.toPointF(), *args)     # Qt ≥ 6.12
    except TypeError:
        event = QDragEnterEvent(pos, *args)
    event.setAccepted(False)
    QApplication.sendEvent(widget, event)
    event.mime = mime      # keep it alive for the drop
    return event


def drop(widget, enter) -> None:
    """Drop what drag_enter dragged in."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QDropEvent
    from PySide6.QtWidgets import QApplication
    event = QDropEvent(widget.rect().center().toPointF(), Qt.DropAction.CopyAction, enter.mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)
