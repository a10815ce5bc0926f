"""The one bridge for background work: a plain domain function on a worker thread, a progress
dialog with 取消, and the result or error delivered back on the GUI thread.

    handle = runner.run(partial(export_xlsx, catalog, path=out), title="导出目录",
                        label="正在写入 Excel…", parent=self, on_done=self.exported)

The function is called as fn(progress=callback) (catalog/progress.py protocol) unless
with_progress=False. It must not touch Qt objects or a sqlite connection opened on another thread.
Errors: catalog.errors.Cancelled → `cancelled` (quiet: a status-bar note); KnownError → Chinese
dialog (or on_error); anything else → 程序错误 dialog with details.

Writes to the open workspace go through `run_op` (see gui/ops.py): the op is called as
op(ws, progress=...) with the worker's own connection, which the runner owns — opened on the worker
thread on first use and kept there for later ops (sqlite connections belong to their thread).
Tests inject SyncPool (runs at once on the calling thread) and RecordingReporter (no modal boxes)
through the constructor.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from catalog.errors import Cancelled, KnownError
from catalog.storage.workspace import Workspace
from gui.errors import DialogReporter, ErrorReporter, RecordingReporter, details_of

__all__ = ["DialogReporter", "RecordingReporter", "SyncPool", "TaskHandle", "TaskRunner"]

log = logging.getLogger("gkml.gui.tasks")
PROGRESS_INTERVAL = 0.05   # seconds between progress signals: a busy worker must not flood the GUI


def _inode(path: Path) -> int:
    try:
        return os.stat(path).st_ino
    except OSError:
        return 0


class Pool(Protocol):
    def start(self, fn: Callable[[], None]) -> None: ...

    def waitForDone(self, msecs: int, /) -> bool: ...


class SyncPool:
    """Runs each task at once on the calling thread (tests; Picard's FakeThreadPool)."""

    def start(self, fn: Callable[[], None]) -> None:
        fn()

    def waitForDone(self, msecs: int = -1) -> bool:
        return True


class _Relay(QObject):
    """Carries the worker's news to the GUI thread (queued, since it lives there)."""
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object, str)


class TaskHandle(QObject):
    """One running task: watch its signals, or cancel it. Exactly one of finished / failed /
    cancelled is emitted, then `done`."""
    progressed = Signal(int, int)
    finished = Signal(object)        # the function's return value
    failed = Signal(object)          # the exception (after it was shown or passed to on_error)
    cancelled = Signal()
    done = Signal()

    def __init__(self, title: str, parent: QObject | None = None):
        super().__init__(parent)
        self.title = title
        self.dialog: QProgressDialog | None = None
        self.result: Any = None
        self.error: BaseException | None = None
        self.outcome: str = "running"    # running | finished | failed | cancelled
        self._stop = threading.Event()
        self._last_emit = 0.0
        self._relay: _Relay | None = None
        self._outcome_to: _Outcome | None = None

    @Slot()
    def cancel(self) -> None:
        """Ask the function to stop: its next progress call returns False and it raises Cancelled."""
        self._stop.set()
        if self.dialog is not None:
            self.dialog.setLabelText("正在取消，请稍候…")
            self.dialog.setCancelButton(None)

    @property
    def cancel_requested(self) -> bool:
        return self._stop.is_set()

    @property
    def running(self) -> bool:
        return self.outcome == "running"

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if self._outcome_to is not None and self.running:
            self._outcome_to.runner._show_progress(self, done, total)
            self.progressed.emit(done, total)

    @Slot(object)
    def _on_success(self, result: object) -> None:
        if self._outcome_to is not None:
            self._outcome_to.runner._succeeded(self, result, self._outcome_to)

    @Slot(object, str)
    def _on_failure(self, err: BaseException, details: str) -> None:
        if self._outcome_to is not None:
            self._outcome_to.runner._failed(self, err, details, self._outcome_to)

    def _progress_callback(self, relay: _Relay) -> Callable[[int, int], bool]:
        def progress(done: int, total: int) -> bool:   # runs on the worker thread
            now = time.monotonic()
            if (total > 0 and done >= total) or now - self._last_emit >= PROGRESS_INTERVAL:
                self._last_emit = now
                relay.progressed.emit(done, total)
            return not self._stop.is_set()
        return progress


@dataclass
class _Outcome:
    """Where a task's outcome goes (kept on the handle until it is done)."""
    runner: TaskRunner
    parent: QWidget | None
    on_done: Callable[[Any], object] | None      # (what it returns is ignored)
    on_error: Callable[[KnownError], None] | None
    on_cancelled: Callable[[], None] | None


class TaskRunner(QObject):
    """Starts tasks on a worker pool and routes their outcome to callbacks and dialogs.

    The default pool has one thread that never expires, so background work runs one task at a
    time on the same thread (as Anki does): domain functions never race each other for the
    workspace file, and a sqlite connection a task opens there stays usable by later tasks.
    """
    message = Signal(str)            # short status-bar text (e.g. 已取消)

    def __init__(self, *, pool: Pool | None = None, reporter: ErrorReporter | None = None,
                 show_after_ms: int = 400, parent: QObject | None = None):
        super().__init__(parent)
        if pool is None:
            pool = QThreadPool(self)
            pool.setMaxThreadCount(1)
            pool.setExpiryTimeout(-1)
        self._pool = pool
        self.reporter: ErrorReporter = reporter or DialogReporter()
        self.show_after_ms = show_after_ms
        self._active: set[TaskHandle] = set()
        self._worker_ws: Workspace | None = None     # touched on the worker thread only
        self._worker_ino = 0

    @property
    def active(self) -> list[TaskHandle]:
        return list(self._active)

    def run(self, fn: Callable[..., Any], *, title: str, label: str = "", parent: QWidget | None = None,
            on_done: Callable[[Any], object] | None = None,
            on_error: Callable[[KnownError], None] | None = None,
            on_cancelled: Callable[[], None] | None = None,
            with_progress: bool = True, modal: bool = True) -> TaskHandle:
        """Run fn on the pool; returns at once (with SyncPool: after fn and its callbacks ran).

        title: what is being done, for dialogs (导出目录). label: the progress dialog's text.
        parent: the widget the progress and error dialogs belong to. on_done(result),
        on_error(KnownError) replaces the default dialog for KnownError, on_cancelled().
        modal=False shows no progress dialog (watch handle.progressed instead).
        """
        handle = TaskHandle(title, self)
        if modal:
            handle.dialog = self._make_dialog(title, label or f"正在{title}…", parent, handle)
        handle._outcome_to = _Outcome(runner=self, parent=parent, on_done=on_done, on_error=on_error,
                                      on_cancelled=on_cancelled)
        relay = _Relay()   # created here, so it lives on the GUI thread
        # Slots of a GUI-thread QObject: signals emitted by the worker arrive queued on the GUI thread.
        relay.progressed.connect(handle._on_progress)
        relay.succeeded.connect(handle._on_success)
        relay.failed.connect(handle._on_failure)
        handle._relay = relay   # keep it alive until the worker is done
        self._active.add(handle)
        progress = handle._progress_callback(relay)

        def work() -> None:   # runs on the worker thread: no Qt objects but the relay's signals
            try:
                value = fn(progress=progress) if with_progress else fn()
            except BaseException as err:
                relay.failed.emit(err, details_of(err))
            else:
                relay.succeeded.emit(value)

        self._pool.start(work)
        return handle

    def run_op(self, path: Path, op: Callable[..., Any], *, title: str, **kw: Any) -> TaskHandle:
        """Like run(), but op gets the worker's own connection to the workspace at path:
        op(ws=ws, progress=...) (or op(ws=ws) with with_progress=False). Use gui.ops.run_op, which also
        tells the session what changed."""
        with_progress = kw.pop("with_progress", True)

        def fn(progress: Callable[[int, int], bool] | None = None) -> Any:   # worker thread
            ws = self._workspace(path)
            return op(ws=ws, progress=progress) if with_progress else op(ws=ws)
        return self.run(fn, title=title, with_progress=True, **kw)

    def _workspace(self, path: Path) -> Workspace:
        """The worker's connection to path (worker thread). Reopened when the path changed, or the file
        was replaced under it (a backup restored: another inode), so an op never reads a stale file."""
        ws = self._worker_ws
        if ws is not None and (ws.path != Path(path) or self._worker_ino != _inode(path)):
            self._worker_ws = None
            ws.close()
            ws = None
        if ws is None:
            ws = self._worker_ws = Workspace.open(path, create=False, backup=False)
            self._worker_ino = _inode(path)
        return ws

    def release_workspace(self) -> None:
        """Close the worker's connection on the worker thread, after the tasks already queued (the
        session closed its workspace, or opened another one)."""
        def close() -> None:
            ws, self._worker_ws = self._worker_ws, None
            if ws is not None:
                ws.close()
        self._pool.start(close)

    def cancel_all(self) -> None:
        for handle in list(self._active):
            handle.cancel()

    def wait_for_done(self, msecs: int = 5000) -> bool:
        """Block until running tasks end (used when the window closes after cancel_all)."""
        return bool(self._pool.waitForDone(msecs))

    # --- GUI thread from here on ------------------------------------------------------------
    def _make_dialog(self, title: str, label: str, parent: QWidget | None,
                     handle: TaskHandle) -> QProgressDialog:
        dialog = QProgressDialog(label, "取消", 0, 0, parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(self.show_after_ms)
        dialog.setMinimumWidth(360)
        dialog.canceled.connect(handle.cancel)
        return dialog

    def _show_progress(self, handle: TaskHandle, done: int, total: int) -> None:
        dialog = handle.dialog
        if dialog is not None and not handle.cancel_requested and total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

    def _succeeded(self, handle: TaskHandle, result: Any, to: _Outcome) -> None:
        handle.result = result
        self._close(handle, "finished")
        try:
            if to.on_done is not None:
                to.on_done(result)
        finally:
            handle.finished.emit(result)
            self._end(handle)

    def _failed(self, handle: TaskHandle, err: BaseException, details: str, to: _Outcome) -> None:
        from catalog.storage.faults import explain
        err = explain(err) or err    # locked / read-only / disk full: a message, not a 程序错误
        handle.error = err
        try:
            if isinstance(err, Cancelled):
                self._close(handle, "cancelled")
                self.message.emit(f"已取消：{handle.title}")
                if to.on_cancelled is not None:
                    to.on_cancelled()
                handle.cancelled.emit()
                return
            self._close(handle, "failed")
            if isinstance(err, KnownError) and to.on_error is not None:
                to.on_error(err)
            elif isinstance(err, KnownError):
                self.reporter.known(to.parent, handle.title, err)
            else:
                log.error("task %r failed:\n%s", handle.title, details)
                self.reporter.bug(to.parent, handle.title, err, details)
            handle.failed.emit(err)
        finally:
            self._end(handle)

    def _close(self, handle: TaskHandle, outcome: str) -> None:
        handle.outcome = outcome
        if handle.dialog is not None:
            handle.dialog.canceled.disconnect(handle.cancel)
            handle.dialog.reset()        # also stops the timer that would show it later
            handle.dialog.hide()
            handle.dialog.deleteLater()
            handle.dialog = None

    def _end(self, handle: TaskHandle) -> None:
        self._active.discard(handle)
        handle._relay = handle._outcome_to = None
        handle.done.emit()
