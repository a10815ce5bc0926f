"""Live checks: rerun the catalog checks ~300 ms after the last edit, on the rows Session already holds."""
from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from catalog.changes import Changes
from catalog.errors import KnownError

if TYPE_CHECKING:
    from catalog.checks import CheckReport
    from gui.session import Session

log = logging.getLogger("gkml.gui")
DELAY_MS = 300


class LiveChecks(QObject):
    """One per session. A full check takes well under 50 ms (bench_checks), so it runs on the GUI
    thread; the debounce keeps typing and quick undo/redo from rerunning it for every step."""
    report_ready = Signal(object)      # a CheckReport
    failed = Signal(str)               # a KnownError's text (e.g. a broken legal table)

    def __init__(self, session: Session, *, delay_ms: int = DELAY_MS):
        super().__init__(session)
        self._session = session
        self.report: CheckReport | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.run_now)
        session.changed.connect(self._session_changed)

    def _session_changed(self, changes: Changes) -> None:
        if not self._session.is_open:
            self._closed()
        elif changes.catalog or changes.touches("guides", "profile", "versions", "ledger", "tasks"):
            self.schedule()

    @property
    def pending(self) -> bool:
        """True while a rerun is waiting for the debounce delay."""
        return self._timer.isActive()

    def schedule(self, *_args) -> None:
        """Check again once edits pause (restarts the delay)."""
        self._timer.start()

    def ensure(self) -> CheckReport | None:
        """The current report, computed now if none exists yet or a rerun is waiting."""
        if self.report is None or self.pending:
            self.run_now()
        return self.report

    def run_now(self) -> CheckReport | None:
        from catalog.checks import CheckContext, run_checks
        from catalog.checks.legal_table import load_repealed
        from catalog.ledger import load_snapshot
        from catalog.tasks.service import load_task_snapshot
        self._timer.stop()
        session = self._session
        if not session.is_open:
            return None
        catalog = session.require()
        try:
            ctx = CheckContext(items=session.items(), guides=session.guides, township=catalog.township(),
                               domain_choices=catalog.domain_choices(), versions=catalog.versions(),
                               today=date.today(), legal=load_repealed(), ledger=load_snapshot(catalog.ws),
                               tasks=load_task_snapshot(catalog.ws))
            self.report = run_checks(ctx)
        except KnownError as err:
            log.warning("live check failed: %s", err)
            self.failed.emit(str(err))
            return None
        self.report_ready.emit(self.report)
        return self.report

    def _closed(self) -> None:
        self._timer.stop()
        self.report = None
