"""What the main window and every page are given: the shared objects, passed through constructors."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from catalog.guides.shipped import GuideSet
from gui.session import Session
from gui.settings import Settings
from gui.tasks import TaskRunner


@dataclass
class AppContext:
    """Built once in gui.app (or by a test fixture) and handed to MainWindow and each page factory.

    No module reaches these through globals: a page that needs something new gets a field here.
    """
    guides: GuideSet
    settings: Settings
    runner: TaskRunner
    db_path: Path | None = None      # --db PATH, or None for the default workspace
    session: Session | None = None  # the open workspace (gui/session.py); built in gui.app
