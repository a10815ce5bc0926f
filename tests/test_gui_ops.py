"""The one GUI write route (gui/ops.py): an op runs on the runner's own worker connection, returns
Done(value, Changes), and the session emits changed(Changes) exactly once; edits, publish and the
wizard's setup end in the same signal; 取消 is quiet and no KnownError."""
from __future__ import annotations

from functools import partial

import pytest
from gui_page_helpers import open_session
from helpers import TOWNSHIP

from catalog.changes import EVERYTHING, NOTHING, Changes, Done
from catalog.errors import Cancelled, KnownError
from catalog.progress import report
from catalog.township.commands import EditItem
from gui import ops
from gui.edits import push_edit

pytestmark = pytest.mark.gui


@pytest.fixture
def session(app_context, tmp_path):
    s = open_session(app_context, tmp_path)
    yield s
    s.close()


@pytest.fixture
def emitted(session):
    seen: list[Changes] = []
    session.changed.connect(seen.append)
    return seen


def test_an_op_gets_the_runners_own_connection_and_its_changes_reach_the_session_once(
        app_context, session, emitted):
    got = []

    def op(ws, progress=None):
        got.append(ws)
        return Done(ws.path, Changes(roster=True))
    ops.run_op(app_context, op, title="测试", on_done=got.append)
    ws = got[0]
    assert ws is not session.require().ws and ws.path == session.path      # not the GUI thread's
    assert got[1] == session.path
    assert emitted == [Changes(roster=True)]
    ops.run_op(app_context, lambda ws, progress=None: Done(1), title="测试")
    assert len(emitted) == 1                                                 # NOTHING: no signal
    ops.run_op(app_context, lambda ws, progress=None: Done(got.append(ws)), title="测试")
    assert got[2] is ws                                                      # kept open between ops


def test_a_known_error_is_reported_and_changes_nothing(app_context, session, emitted):
    def op(ws, progress=None):
        raise KnownError("文件被占用")
    ops.run_op(app_context, op, title="测试")
    assert app_context.runner.reporter.shown == [("known", "测试", "文件被占用")]
    assert emitted == []


def test_cancel_is_quiet_and_no_known_error(app_context, session, emitted):
    assert not issubclass(Cancelled, KnownError)
    messages = []
    app_context.runner.message.connect(messages.append)

    def op(ws, progress=None):
        report(lambda done, total: False, 1, 2)
        return Done(None, EVERYTHING)
    handle = ops.run_op(app_context, op, title="导入名册")
    assert handle.outcome == "cancelled" and messages == ["已取消：导入名册"]
    assert app_context.runner.reporter.shown == [] and emitted == []


def test_cancel_in_the_cli_still_exits_2_with_a_chinese_message(monkeypatch, capsys):
    import cli

    def cancelled(_args):
        raise Cancelled()
    monkeypatch.setattr(cli, "build_parser", _parser_running(cancelled))
    assert cli.main(["x"]) == 2
    assert "错误：操作已取消" in capsys.readouterr().err


def _parser_running(handler):
    import argparse

    def build() -> argparse.ArgumentParser:
        p = argparse.ArgumentParser()
        p.add_argument("x")
        p.set_defaults(handler=handler)
        return p
    return build


def test_a_catalog_edit_and_its_undo_each_emit_what_they_touched(app_context, session, emitted):
    item = session.items()[0]
    assert push_edit(session, EditItem(item.uid, {"time_limit": "信息形成后20个工作日内"}),
                     reporter=app_context.runner.reporter)
    session.undo_stack.undo()
    assert [c.uids for c in emitted] == [frozenset({item.uid})] * 2
    assert all(c.domains == {item.domain_no} and c.catalog for c in emitted)
    assert session.item(item.uid).text.time_limit == item.text.time_limit


def test_publish_is_an_op_that_changes_the_versions(app_context, session, emitted):
    done = []
    ops.run_op(app_context, partial(ops.publish_version, session.shipped, "第一次"), title="发布版本",
               with_progress=False, on_done=done.append)
    assert done == [1] and session.require().versions()[0]["no"] == 1
    assert emitted == [Changes(versions=True)]


def test_wizard_setup_is_one_service_call_and_refreshes_everything(app_context, session, emitted):
    choices = {g.no: (g.no == 17, "" if g.no == 17 else "本镇无此职能") for g in session.guides}
    plans = []
    ops.run_op(app_context, partial(ops.setup_township, session.shipped, TOWNSHIP, choices), title="编制目录",
               with_progress=False, on_done=plans.append)
    assert emitted[0].everything and emitted[0].profile
    assert {i.domain_no for i in session.items()} >= {17}
    assert session.require().domain_choices()[1] == (False, "本镇无此职能")


def test_closing_the_session_says_so(session, emitted):
    session.close()
    assert len(emitted) == 1 and emitted[0].workspace and not session.is_open
    assert NOTHING.touches("roster") is False and EVERYTHING.touches("roster")


def test_one_refresh_signal_and_no_page_work_modules():
    from pathlib import Path

    from PySide6.QtCore import Signal

    from gui.session import Session
    assert [n for n, v in vars(Session).items() if isinstance(v, Signal)] == ["changed"]
    pages = Path(__file__).resolve().parent.parent / "gui" / "pages"
    assert not list(pages.glob("*/work.py"))             # their background work is ops (gui/ops.py)


def test_a_failed_exclusion_leaves_the_shown_roster_right(qtbot, app_context, session, tmp_path, monkeypatch):
    """The worker loads its own copy of the roster; the table's roster is replaced only after a commit."""
    from notice_helpers import good_rows, make_id, write_xlsx

    from catalog.noticeboard.store import NoticeStore
    from gui.pages.notice.view import NoticePage
    page = NoticePage(app_context)
    qtbot.addWidget(page)
    rows = good_rows(6)
    rows[1][2] = make_id(2)[:-1] + ("0" if make_id(2)[-1] != "0" else "1")     # 李家村: check digit wrong
    page.import_file(write_xlsx(tmp_path / "名册.xlsx", rows))
    shown, text = page.roster, page.counts.text()

    def disk_full(self, roster):
        raise KnownError("磁盘已满")
    monkeypatch.setattr(NoticeStore, "_save_state", disk_full)
    page._run_exclusion(partial(ops.notice_exclude, shown.id, [2], "重复登记"), "排除行")
    assert app_context.runner.reporter.shown[-1][2] == "磁盘已满"
    assert page.roster is shown and shown.excluded == {} and page.counts.text() == text
    assert list(page.options.villages.blocked()) == ["李家村"]
    monkeypatch.undo()
    page._run_exclusion(partial(ops.notice_exclude, shown.id, [2], "重复登记"), "排除行")
    assert page.roster is not shown and page.roster.excluded == {2: "重复登记"} and shown.excluded == {}
    assert page.options.villages.blocked() == {}


def test_the_worker_connection_follows_a_replaced_file(app_context, session, tmp_path):
    """A restored backup replaces the file: the next op reads the new file, not the old connection's."""
    import shutil
    seen = []
    ops.run_op(app_context, lambda ws, progress=None: Done(seen.append(ws)), title="测试")
    copy = tmp_path / "copy.db"
    shutil.copy(session.path, copy)
    copy.replace(session.path)
    ops.run_op(app_context, lambda ws, progress=None: Done(seen.append(ws)), title="测试")
    assert seen[0] is not seen[1] and seen[1].path == session.path
