"""The open workspace as the GUI sees it: one TownshipCatalog on the GUI thread, plus change signals.

Quick reads and single edits (milliseconds on a township catalog) run on the GUI thread through
`session.catalog`. Long file work runs in TaskRunner tasks that open their own connection to
`session.path` on the worker thread (sqlite connections belong to the thread that opened them;
WAL lets both work at once) and call `session.reload()` when they finish.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from catalog.errors import KnownError
from catalog.guide_store import guides_in_force
from catalog.guides import GuideSet
from catalog.paths import default_workspace
from catalog.township_catalog import TownshipCatalog


class Session(QObject):
    opened = Signal()          # a workspace was opened (or re-opened after a restore)
    closed = Signal()
    changed = Signal()         # catalog content or profile changed (edit, undo, import, compile)
    guides_changed = Signal()  # the guides in force changed (guide import)

    def __init__(self, guides: GuideSet, path: Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.shipped = guides
        self.path: Path = Path(path) if path else default_workspace()
        self.catalog: TownshipCatalog | None = None

    @property
    def is_open(self) -> bool:
        return self.catalog is not None

    @property
    def guides(self) -> GuideSet:
        return self.catalog.guides if self.catalog else self.shipped

    def open(self, path: Path | None = None, *, create: bool = True) -> TownshipCatalog:
        """Open (or create) the workspace; raises KnownError (WorkspaceCorrupt offers backups)."""
        self.close()
        if path is not None:
            self.path = Path(path)
        self.catalog = TownshipCatalog.open(self.path, self.shipped, create=create)
        self.opened.emit()
        return self.catalog

    def require(self) -> TownshipCatalog:
        if self.catalog is None:
            raise KnownError("还没有打开工作区。")
        return self.catalog

    def reload(self) -> None:
        """Re-read after a background task wrote to the file (new guides in force, new rows)."""
        if self.catalog is None:
            return
        # Rows are read fresh on every query; only the guides in force are cached. The connection
        # (and so the undo history of this session) is kept.
        old = [(g.no, g.version) for g in self.catalog.guides]
        self.catalog.guides = guides_in_force(self.catalog.ws, self.shipped)
        if [(g.no, g.version) for g in self.catalog.guides] != old:
            self.guides_changed.emit()
        self.changed.emit()

    def notify_changed(self) -> None:
        self.changed.emit()

    def close(self) -> None:
        if self.catalog is not None:
            self.catalog.close()
            self.catalog = None
            self.closed.emit()
