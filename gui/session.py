"""The open workspace as the GUI sees it: one TownshipCatalog on the GUI thread, and ONE change signal.

Quick reads and single catalog edits (milliseconds on a township catalog) run on the GUI thread through
`session.catalog` (`perform`, used by gui/edits.py). Every other write is an op run by the TaskRunner
on its own worker connection to `session.path` (gui/ops.py; sqlite connections belong to the thread
that opened them, WAL lets both work at once). Either way the session then emits `changed(Changes)`
(catalog/changes.py) once, and every view refreshes from that value.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from catalog.changes import EVERYTHING, Changes
from catalog.errors import KnownError
from catalog.guides.shipped import GuideSet
from catalog.guides.store import guides_in_force
from catalog.paths import default_workspace
from catalog.township.commands import Command
from catalog.township.items import CatalogItem
from catalog.township.service import TownshipCatalog
from gui.edits import after, touched_by
from gui.live_checks import LiveChecks

OPENED = EVERYTHING | Changes(workspace=True, guides=True, profile=True, versions=True, roster=True,
                             prints=True, ledger=True, holidays=True)    # a workspace opened or closed


class Session(QObject):
    # The one refresh signal: a Changes value saying what an edit, undo, op, open or close changed.
    # Changes.workspace: a workspace was opened or closed (is_open tells which).
    changed = Signal(object)

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
        self.changed.emit(OPENED)
        return self.catalog

    def require(self) -> TownshipCatalog:
        if self.catalog is None:
            raise KnownError("还没有打开工作区。")
        return self.catalog

    def apply(self, changes: Changes) -> None:
        """An op wrote to the workspace (on the worker, or here): drop what is cached about the parts
        it changed, then tell every view once. The connection (and the undo history) is kept."""
        if self.catalog is not None:
            if changes.touches("guides"):     # rows are read fresh; only the guides in force are cached
                self.catalog.guides = guides_in_force(self.catalog.ws, self.shipped)
            if changes.catalog or changes.touches("guides"):
                self._items = None
        self.changed.emit(changes)

    def reload(self) -> None:
        """Re-read everything after something outside the ops wrote to the file."""
        self.apply(EVERYTHING | Changes(guides=True))

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

    def perform(self, cmd: Command, *, undo: bool = False) -> Changes:
        """Apply (or revert) one domain command in one transaction, refresh the cached rows it
        touched and tell the views. The only place where the GUI changes catalog rows."""
        catalog = self.require()
        touched = touched_by(cmd, self)
        with catalog.ws.atomic():
            (cmd.revert if undo else cmd.apply)(catalog.store)
        touched = after(touched, cmd)
        if self._items is not None:
            for no in touched.domains:
                self._items[no] = catalog.items(no)
        self.changed.emit(touched)
        return touched

    def close(self) -> None:
        if self.catalog is not None:
            self.undo_stack.clear()
            self.catalog.close()
            self.catalog = None
            self._items = None
            self.changed.emit(OPENED)
