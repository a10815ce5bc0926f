"""gui.tasks: background work with progress, cancel and error routing (sync and real thread pool)."""
from __future__ import annotations

import threading
import time
from functools import partial

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from catalog.errors import InputError
from catalog.progress import report
from gui.errors import bug_box, known_error_box
from gui.tasks import RecordingReporter, TaskRunner

pytestmark = pytest.mark.gui


def count_to(n: int, *, progress=None) -> int:
    """A plain domain-style function: reports progress, honours cancel."""
    for i in range(n):
        report(progress, i + 1, n)
    return n


def bad_cell(*, progress=None):
    raise InputError("身份证号码校验位错误", file="名册.xlsx", sheet="Sheet1", row=7, column="身份证号")


def broken(*, progress=None):
    return {}["missing"]


@pytest.fixture
def parent(qtbot):
    w = QWidget()
    qtbot.addWidget(w)
    return w


def test_sync_success_calls_back_in_order(sync_runner, parent):
    seen = []
    handle = sync_runner.run(partial(count_to, 5), title="计数", parent=parent, on_done=seen.append)
    assert seen == [5]
    assert handle.outcome == "finished" and handle.result == 5 and not handle.running
    assert handle.dialog is None and sync_runner.active == []
    assert sync_runner.reporter.shown == []


def test_known_error_shows_chinese_message(sync_runner, parent):
    done = []
    handle = sync_runner.run(bad_cell, title="导入名册", parent=parent, on_done=done.append)
    assert done == [] and handle.outcome == "failed" and isinstance(handle.error, InputError)
    [(kind, title, message)] = sync_runner.reporter.shown
    assert (kind, title) == ("known", "导入名册")
    assert "名册.xlsx" in message and "第 7 行" in message and "身份证号" in message


def test_on_error_replaces_the_dialog(sync_runner, parent):
    errors = []
    handle = sync_runner.run(bad_cell, title="导入名册", parent=parent, on_error=errors.append)
    assert [type(e) for e in errors] == [InputError] and sync_runner.reporter.shown == []
    assert handle.outcome == "failed"


def test_bug_shows_program_error_not_a_traceback(sync_runner, parent):
    failed = []
    handle = sync_runner.run(broken, title="检查目录", parent=parent)
    handle.failed.connect(failed.append)   # already emitted: the sync runner is done
    [(kind, title, message)] = sync_runner.reporter.shown
    assert (kind, title) == ("bug", "检查目录") and message.startswith("KeyError")
    assert handle.outcome == "failed" and isinstance(handle.error, KeyError)


def test_without_progress_argument(sync_runner, parent):
    handle = sync_runner.run(lambda: "ok", title="读取", parent=parent, with_progress=False, modal=False)
    assert handle.result == "ok"


def test_real_pool_delivers_result_on_gui_thread(qtbot, parent):
    runner = TaskRunner(reporter=RecordingReporter(), show_after_ms=0)
    gui_thread = threading.current_thread()
    threads = []

    def work(*, progress=None):
        threads.append(threading.current_thread())
        return count_to(50, progress=progress)

    got, progress = [], []
    handle = runner.run(work, title="计数", parent=parent,
                        on_done=lambda r: got.append((r, threading.current_thread())))
    handle.progressed.connect(lambda d, t: progress.append((d, t)))   # queued: nothing is lost
    with qtbot.waitSignal(handle.done, timeout=5000):
        pass
    assert got == [(50, gui_thread)] and threads[0] is not gui_thread
    # Throttled, but the first and the final report always arrive.
    assert progress[0] == (1, 50) and progress[-1] == (50, 50) and len(progress) <= 50
    assert runner.active == [] and handle.outcome == "finished"


def test_cancel_button_stops_the_work(qtbot, parent):
    runner = TaskRunner(reporter=RecordingReporter(), show_after_ms=0)
    messages = []
    runner.message.connect(messages.append)
    started = threading.Event()
    calls = []

    def slow(*, progress=None):
        for i in range(10_000):
            started.set()
            calls.append(i)
            report(progress, i, 10_000)
            time.sleep(0.002)
        return "finished anyway"

    done, cancelled = [], []
    handle = runner.run(slow, title="导入名册", label="正在读取名册…", parent=parent,
                        on_done=done.append, on_cancelled=lambda: cancelled.append(True))
    with qtbot.waitSignal(handle.progressed, timeout=5000):
        pass
    dialog = handle.dialog
    assert dialog is not None and dialog.labelText() == "正在读取名册…"
    [button] = [b for b in dialog.findChildren(QPushButton) if b.text() == "取消"]
    with qtbot.waitSignal(handle.cancelled, timeout=5000):
        qtbot.mouseClick(button, qtbot_left())
    qtbot.waitUntil(lambda: not handle.running and runner.active == [], timeout=5000)
    assert handle.outcome == "cancelled" and done == [] and cancelled == [True]
    assert len(calls) < 10_000 and runner.reporter.shown == []
    assert messages == ["已取消：导入名册"]


def test_cancel_all_and_wait(qtbot):
    runner = TaskRunner(reporter=RecordingReporter(), show_after_ms=0)
    handle = runner.run(partial(count_to_slowly, 10_000), title="长任务", modal=False)
    with qtbot.waitSignal(handle.progressed, timeout=5000):
        pass
    runner.cancel_all()
    assert runner.wait_for_done(5000)
    qtbot.waitUntil(lambda: handle.outcome == "cancelled", timeout=5000)


def count_to_slowly(n: int, *, progress=None) -> int:
    for i in range(n):
        report(progress, i + 1, n)
        time.sleep(0.001)
    return n


def qtbot_left():
    from PySide6.QtCore import Qt
    return Qt.MouseButton.LeftButton


def test_error_boxes_are_chinese(qtbot):
    box = known_error_box(None, "导入名册", InputError("缺少列「姓名」", file="a.xlsx"))
    qtbot.addWidget(box)
    assert box.text() == "无法完成：导入名册" and "文件 a.xlsx" in box.informativeText()
    bug = bug_box(None, "检查目录", KeyError("x"), "Traceback …")
    qtbot.addWidget(bug)
    assert "程序错误" in bug.windowTitle() and bug.detailedText() == "Traceback …"
    assert "KeyError" in bug.informativeText()
    copy = next(b for b in bug.buttons() if b.text() == "复制详细信息")
    copy.click()
    from PySide6.QtGui import QGuiApplication
    assert QGuiApplication.clipboard().text() == "Traceback …"
    assert bug.standardButton(bug.buttons()[0]) in (QMessageBox.StandardButton.Close,
                                                     QMessageBox.StandardButton.NoButton)


def test_default_pool_runs_tasks_one_at_a_time_on_one_thread(qtbot):
    runner = TaskRunner(reporter=RecordingReporter(), show_after_ms=0)
    seen, running = [], []

    def work(*, progress=None):
        running.append(1)
        assert len(running) == 1          # never two at once
        seen.append(threading.get_ident())
        time.sleep(0.01)
        running.pop()

    handles = [runner.run(work, title=f"任务{i}", modal=False) for i in range(3)]
    qtbot.waitUntil(lambda: all(h.outcome == "finished" for h in handles), timeout=5000)
    assert len(set(seen)) == 1 and seen[0] != threading.get_ident()
