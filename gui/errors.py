"""The one place where exceptions become dialogs: KnownError as a clear Chinese message, bugs as 程序错误."""
from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass, field
from typing import Protocol

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from catalog import APP_NAME
from catalog.errors import KnownError, chinese_os_text

log = logging.getLogger("gkml.gui")


def details_of(err: BaseException) -> str:
    """The traceback text of an exception (for the 程序错误 details box and the log)."""
    return "".join(traceback.format_exception(type(err), err, err.__traceback__))


def known_error_box(parent: QWidget | None, title: str, err: KnownError) -> QMessageBox:
    """A warning box whose text is the domain's Chinese message (it already says what to fix)."""
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, f"无法完成：{title}", QMessageBox.StandardButton.Ok,
                      parent)
    box.setInformativeText(chinese_os_text(str(err)))      # an OS reason a domain message carried in English
    return box


def bug_box(parent: QWidget | None, title: str, err: BaseException, details: str) -> QMessageBox:
    """A 程序错误 box: a plain explanation, the error in one line, the traceback under 显示详细信息."""
    box = QMessageBox(QMessageBox.Icon.Critical, f"{APP_NAME} · 程序错误",
                      f"「{title}」时发生了程序错误。", QMessageBox.StandardButton.Close, parent)
    box.setInformativeText("这不是您的操作造成的，已保存的数据不受影响。\n"
                           "请点击「复制详细信息」，把内容发给技术支持人员。\n\n"
                           f"{type(err).__name__}: {err}")
    box.setDetailedText(details)
    copy = box.addButton("复制详细信息", QMessageBox.ButtonRole.ActionRole)
    copy.clicked.disconnect()   # keep the box open after copying
    copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
    return box


class ErrorReporter(Protocol):
    """How a TaskRunner shows errors; tests inject RecordingReporter instead of modal boxes."""

    def known(self, parent: QWidget | None, title: str, err: KnownError) -> None: ...

    def bug(self, parent: QWidget | None, title: str, err: BaseException, details: str) -> None: ...


class DialogReporter:
    """The real reporter: modal message boxes."""

    def known(self, parent: QWidget | None, title: str, err: KnownError) -> None:
        known_error_box(parent, title, err).exec()

    def bug(self, parent: QWidget | None, title: str, err: BaseException, details: str) -> None:
        log.error("bug while %s:\n%s", title, details)
        bug_box(parent, title, err, details).exec()


@dataclass
class RecordingReporter:
    """Keeps what would have been shown: [(kind, title, message)], kind 'known' or 'bug'."""
    shown: list[tuple[str, str, str]] = field(default_factory=list)

    def known(self, parent: QWidget | None, title: str, err: KnownError) -> None:
        self.shown.append(("known", title, str(err)))

    def bug(self, parent: QWidget | None, title: str, err: BaseException, details: str) -> None:
        self.shown.append(("bug", title, f"{type(err).__name__}: {err}"))
