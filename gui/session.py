"""The open workspace as the GUI sees it: one TownshipCatalog on the GUI thread, plus change signals.

Quick reads and single edits (milliseconds on a township catalog) run on the GUI thread through
`session.catalog`. Long file work runs in TaskRunner tasks that open their own connection to
`session.path` on the worker thread (sqlite connections belong to the thread that opened them;
WAL lets both work at once) and call `session.reload()` when they finish.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from catalog.errors import KnownError
from catalog.guides.shipped import GuideSet
from catalog.guides.store import guides_in_force
from catalog.paths import default_workspace
from catalog.township.commands import Command
from catalog.township.items import CatalogItem
from catalog.township.service import TownshipCatalog
from gui.edits import EVERYTHING, Touched, touched_by
from gui.live_checks import LiveChecks


class Session(QObject):
    opened = Signal()          # a workspace was opened (or re-opened after a restore)
    closed = Signal()
    changed = Signal()         # catalog content or profile changed (edit, undo, import, compile)
    guides_changed = Signal()  # the guides in force changed (guide import)
    edited = Signal(object)    # a Touched: what one applied or reverted catalog command changed

    # Catalog edits of every page go on ONE undo stack (gui/edits.py wraps the domain commands),
    # so undo order always matches the order the edits reached the workspace.

    def __init__(self, guides: GuideSet, path: Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.shipped = guides
        self.path: Path = Path(path) if path else default_workspace()
        self.catalog: TownshipCatalog | None = None
        self.undo_stack = QUndoStack(self)
        self._items: dict[int, list[CatalogItem]] | None = None   # domain_no → items, catalog order
        self.checks = LiveChecks(self)     # findings of the open catalog, rerun after edits

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
        self._items = None
        self.undo_stack.clear()
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
        self._items = None
        if [(g.no, g.version) for g in self.catalog.guides] != old:
            self.guides_changed.emit()
        self.edited.emit(EVERYTHING)
        self.changed.emit()

    def notify_changed(self) -> None:
        """Something outside the undo stack changed the catalog (wizard, publish): drop cached rows."""
        self._items = None
        self.edited.emit(EVERYTHING)
        self.changed.emit()

    # --- the items, loaded once and kept current by perform() -----------------------------------
    def items(self, domain_no: int | None = None) -> list[CatalogItem]:
        """The catalog's items in catalog order (one query on first use, then from memory)."""
        if self.catalog is None:
            return []
        if self._items is None:
            self._items = {}
            for item in self.catalog.items():
                self._items.setdefault(item.domain_no, []).append(item)
        if domain_no is not None:
            return list(self._items.get(domain_no, ()))
        return [i for no in sorted(self._items) for i in self._items[no]]

    def item(self, uid: str) -> CatalogItem | None:
        for item in self.items():
            if item.uid == uid:
                return item
        return None

    def perform(self, cmd: Command, *, undo: bool = False) -> Touched:
        """Apply (or revert) one domain command in one transaction, refresh the cached rows it
        touched and tell the views. The only place where the GUI changes catalog rows."""
        catalog = self.require()
        touched = touched_by(cmd, self)
        with catalog.ws.atomic():
            (cmd.revert if undo else cmd.apply)(catalog.store)
        touched = touched.after(cmd)
        if self._items is not None:
            for no in touched.domains:
                self._items[no] = catalog.items(no)
        self.edited.emit(touched)
        self.changed.emit()
        return touched

    def close(self) -> None:
        if self.catalog is not None:
            self.undo_stack.clear()
            self.catalog.close()
            self.catalog = None
            self._items = None
            self.closed.emit()
