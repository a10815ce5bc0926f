"""Catalog edits on the undo stack: a QUndoCommand around each domain command (catalog/township/commands.py).

One path only: redo → Session.perform(cmd), undo → Session.perform(cmd, undo=True), which call the
command's apply/revert on the store in one transaction. The catalog's own History is not used by
the GUI (the CLI's tool), so there is never a second record of what can be undone.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget

from catalog.changes import Changes
from catalog.errors import KnownError
from catalog.guides.sync import AcceptGuideChange
from catalog.tasks.commands import TASK_COMMANDS
from catalog.township.commands import (
    AddItems,
    AddLocalItem,
    Command,
    EditItem,
    MoveItem,
    RemoveLocalItem,
    SetDomain,
)
from catalog.township.decisions import DecideItems

if TYPE_CHECKING:
    from gui.errors import ErrorReporter
    from gui.session import Session




def after(touched: Changes, cmd: Command) -> Changes:
    """Add what is only known once the command ran (a new local item's uid)."""
    if isinstance(cmd, AddLocalItem) and cmd.uid:
        return touched | Changes(uids=frozenset({cmd.uid}))
    return touched


def touched_by(cmd: Command, session: Session) -> Changes:
    """The domains and items a command will change (looked up before it runs)."""
    def domain_of(uid: str) -> frozenset[int]:
        item = session.item(uid)
        return frozenset({item.domain_no}) if item else frozenset()

    if isinstance(cmd, EditItem):
        return Changes(domain_of(cmd.uid), frozenset({cmd.uid}))
    if isinstance(cmd, AddLocalItem):
        return Changes(frozenset({cmd.domain_no}), frozenset({cmd.uid} if cmd.uid else ()), structural=True)
    if isinstance(cmd, (RemoveLocalItem, MoveItem)):
        return Changes(domain_of(cmd.uid), frozenset({cmd.uid}), structural=True)
    if isinstance(cmd, SetDomain):
        return Changes(frozenset({cmd.domain_no}), domain_state=True)
    if isinstance(cmd, AddItems):
        return Changes(frozenset(i.domain_no for i in cmd.items), frozenset(i.uid for i in cmd.items),
                       structural=True)
    if isinstance(cmd, TASK_COMMANDS):           # 工作台账 status and evidence: no catalog row
        return Changes(tasks=True)
    if isinstance(cmd, AcceptGuideChange):
        return Changes(frozenset({cmd.guide.no}), frozenset({cmd.change.uid}),
                       structural=cmd.change.kind != "changed")
    if isinstance(cmd, DecideItems):             # 层级待确认 decided: values of these rows only
        return Changes(cmd.domains, cmd.uids)
    nos = frozenset(g.no for g in session.guides) | frozenset(i.domain_no for i in session.items())
    return Changes(nos, structural=True, domain_state=True, everything=True)



class CatalogCommand(QUndoCommand):
    """A domain command on the QUndoStack. Pushed after its first apply (push_edit), so the first
    redo() that QUndoStack.push makes does nothing."""

    def __init__(self, session: Session, cmd: Command, *, reporter: ErrorReporter | None = None,
                 applied: bool = True):
        super().__init__(cmd.label)
        self.cmd = cmd
        self._session = session
        self._reporter = reporter
        self._skip_redo = applied

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self._run(undo=False)

    def undo(self) -> None:
        self._run(undo=True)

    def _run(self, *, undo: bool) -> None:
        try:
            self._session.perform(self.cmd, undo=undo)
        except KnownError as err:
            # The workspace changed under us (e.g. an import removed the item): drop the step.
            self.setObsolete(True)
            if self._reporter is not None:
                self._reporter.known(None, ("撤销：" if undo else "重做：") + self.text(), err)


def push_edit(session: Session, cmd: Command, *, reporter: ErrorReporter,
              parent: QWidget | None = None) -> bool:
    """Apply cmd now and put it on the session's undo stack; a KnownError is shown and nothing is pushed."""
    try:
        session.perform(cmd)
    except KnownError as err:
        reporter.known(parent, cmd.label or "修改目录", err)
        return False
    session.undo_stack.push(CatalogCommand(session, cmd, reporter=reporter))
    return True


def make_command(build, *, reporter: ErrorReporter, parent: QWidget | None = None, title: str = "修改目录"):
    """build() → a domain command, or None after showing its InputError (a bad value)."""
    try:
        return build()
    except KnownError as err:
        reporter.known(parent, title, err)
        return None
