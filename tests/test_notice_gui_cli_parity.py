"""The 公示打印 page (real widgets, its ops) and the `notice` CLI (in-process) are thin callers of the one
NoticeBoard: the same roster, exclusion and print give the same stored roster state and print records."""
from __future__ import annotations

from datetime import date

import pytest
from gui_page_helpers import Recorder, open_session
from helpers import TOWNSHIP, new_catalog
from notice_helpers import good_rows, make_id, write_xlsx
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox

import cli
from catalog.noticeboard.service import NoticeBoard
from catalog.storage import Workspace
from gui import filedialogs
from gui.pages.notice.view import NoticePage

pytestmark = pytest.mark.gui
START = date(2026, 11, 23)
REASON = "经核实不符合发放条件"


def roster_file(tmp_path):
    rows = good_rows(9)
    rows[1][2] = make_id(2)[:-1] + ("0" if make_id(2)[-1] != "0" else "1")     # 李家村: check digit wrong
    rows[4][8] = -20.0                                                           # 李家村 again: amount
    return write_xlsx(tmp_path / "名册.xlsx", rows)


def stored(path):
    """What the workspace holds about the noticeboard, without ids, times and file paths."""
    with Workspace.open(path, create=False) as ws:
        board = NoticeBoard(ws)
        state = board.load()
        report = state.roster.report()
        report.pop("roster_id")
        rosters = [{k: v for k, v in r.items() if k not in ("id", "imported_at", "updated_at")}
                   for r in board.rosters()]
        prints = [{k: v for k, v in p.items() if k not in ("id", "roster_id", "file", "printed_at")}
                  for p in board.prints()]
    return {"report": report, "excluded": state.roster.excluded, "counts": state.counts,
            "villages": [(v.village, v.rows, len(v.errors)) for v in state.villages],
            "rosters": rosters, "prints": prints}


def gui_run(qtbot, app_context, tmp_path, monkeypatch, roster, type_text):
    (tmp_path / "gui").mkdir()
    session = open_session(app_context, tmp_path / "gui", compile=False)
    page = NoticePage(app_context)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    page.import_file(roster)
    line = page.roster.row(2).line
    page.filter.setCurrentIndex(page.filter.findData("errors"))
    for r in range(page.model.rowCount()):
        if page.model.row_at(r).no == 2:
            page.table.selectRow(r)
    assert page.selected_nos() == [2]
    qtbot.mouseClick(page.exclude_button, Qt.MouseButton.LeftButton)
    type_text(page.exclude_dialog.reason.lineEdit(), REASON)
    qtbot.mouseClick(page.exclude_dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    page.options.start.setDate(QDate(START.year, START.month, START.day))
    choice = page.options.choice()
    out = tmp_path / "gui" / "公示.pdf"
    monkeypatch.setattr(filedialogs, "ask_save_file", Recorder(out))
    page.save("pdf")
    assert out.exists() and page.saved == [out]
    page.close()
    session.close()
    return session.path, line, choice


def test_gui_and_cli_give_the_same_roster_state_and_print_records(qtbot, app_context, tmp_path, monkeypatch,
                                                                  type_text, capsys):
    roster = roster_file(tmp_path)
    gui_db, line, choice = gui_run(qtbot, app_context, tmp_path, monkeypatch, roster, type_text)

    (tmp_path / "cli").mkdir()
    new_catalog(tmp_path / "cli", township=TOWNSHIP, compile=False).close()
    cli_db = str(tmp_path / "cli" / "ws.db")
    assert cli.main(["--db", cli_db, "notice", "import", str(roster)]) == 1           # errors found
    assert cli.main(["--db", cli_db, "notice", "exclude", str(line), "--reason", REASON]) == 0
    assert cli.main(["--db", cli_db, "notice", "print", str(tmp_path / "cli" / "公示.pdf"),
                     "--start", START.isoformat(), "--end", choice.period_end.isoformat(), "--json"]) == 1
    capsys.readouterr()

    gui, cli_state = stored(gui_db), stored(cli_db)
    assert gui["excluded"] == {2: REASON} and gui["counts"].errors == 1
    assert [p["kind"] for p in gui["prints"]] == ["pdf"]
    assert gui == cli_state
