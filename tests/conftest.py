"""Shared pytest fixtures; Qt runs offscreen so tests never need a display."""
from __future__ import annotations

import os
import sys
from pathlib import Path

# Must happen before anything imports Qt: without a display a Qt process aborts.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402


def pytest_configure(config):
    # The offscreen platform warns when a top-level window is shown; it means nothing here.
    config.addinivalue_line("qt_log_ignore", r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture(scope="session")
def guides():
    """The shipped 26 guides, loaded once (GuideSet is treated as read-only)."""
    from catalog.guides.shipped import load_guides
    return load_guides()


@pytest.fixture
def gui_settings(tmp_path):
    """GUI settings in a throw-away ini file, never the user's real settings."""
    from gui.settings import Settings
    return Settings.at(tmp_path / "settings.ini")


@pytest.fixture
def sync_runner(qtbot):
    """A TaskRunner that runs tasks at once on the calling thread and records error dialogs."""
    from gui.tasks import RecordingReporter, SyncPool, TaskRunner
    return TaskRunner(pool=SyncPool(), reporter=RecordingReporter(), show_after_ms=0)


@pytest.fixture
def app_context(guides, gui_settings, sync_runner, tmp_path):
    """Everything a page or the main window needs, passed through constructors."""
    from gui.context import AppContext
    return AppContext(guides=guides, settings=gui_settings, runner=sync_runner,
                      db_path=tmp_path / "ws.gkml.db")


@pytest.fixture
def type_text(qtbot):
    """type_text(widget, text): type as a clerk does. ASCII goes through real key clicks; Chinese
    arrives as an input-method commit, which is how a 拼音 IME delivers it (QTest cannot key CJK)."""
    import re

    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    def type_(widget, text: str) -> None:
        widget.setFocus()
        for chunk in re.findall(r"[\x00-\x7f]+|[^\x00-\x7f]+", text):
            if chunk.isascii():
                qtbot.keyClicks(widget, chunk)
            else:
                event = QInputMethodEvent()
                event.setCommitString(chunk)
                QApplication.sendEvent(widget, event)
    return type_
