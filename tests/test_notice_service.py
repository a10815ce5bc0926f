"""NoticeBoard (catalog/noticeboard/service.py): the one service behind `notice` and 公示打印 — fresh
immutable results, a failed write leaving the caller's roster as it was, print records and versions."""
from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from helpers import TOWNSHIP, new_catalog
from notice_helpers import good_rows, make_id, write_xlsx

from catalog.errors import KnownError
from catalog.noticeboard.service import NoticeBoard, NoVillages, PrintChoice, RosterState
from catalog.noticeboard.store import NoticeStore

START = date(2026, 11, 23)


@pytest.fixture
def board(tmp_path):
    cat = new_catalog(tmp_path, township=TOWNSHIP, compile=False)
    yield NoticeBoard(cat.ws)
    cat.close()


def bad_roster(tmp_path):
    rows = good_rows(6)
    rows[1][2] = make_id(2)[:-1] + ("0" if make_id(2)[-1] != "0" else "1")     # 李家村: check digit wrong
    return write_xlsx(tmp_path / "名册.xlsx", rows)


def test_import_gives_an_immutable_state_with_village_states_and_counts(board, tmp_path):
    state = board.import_roster(bad_roster(tmp_path))
    assert isinstance(state, RosterState) and state.roster_id == state.roster.id
    assert (state.counts.rows, state.counts.errors, state.counts.excluded) == (6, 1, 0)
    assert [(v.village, v.rows, len(v.errors)) for v in state.villages] == [
        ("张家村", 2, 0), ("李家村", 2, 1), ("王家湾社区", 2, 0)]
    with pytest.raises(dataclasses.FrozenInstanceError):
        state.counts = None     # type: ignore[misc]
    assert board.latest().counts == state.counts


def test_exclude_returns_a_fresh_roster_and_never_touches_the_callers(board, tmp_path):
    shown = board.import_roster(bad_roster(tmp_path))
    after = board.exclude(shown.roster_id, [2], "经核实不符合发放条件")
    assert after.roster is not shown.roster
    assert after.roster.excluded == {2: "经核实不符合发放条件"} and after.counts.errors == 0
    assert shown.roster.excluded == {} and shown.counts.errors == 1      # what the GUI still paints
    back = board.include(shown.roster_id, [2])
    assert back.roster.excluded == {} and back.counts.errors == 1


def test_a_failed_exclusion_leaves_the_shown_roster_and_the_file_as_they_were(board, tmp_path, monkeypatch):
    shown = board.import_roster(bad_roster(tmp_path))
    with pytest.raises(KnownError):
        board.exclude(shown.roster_id, [2], "   ")                       # no reason
    def broken(self, roster):
        raise KnownError("磁盘已满")
    monkeypatch.setattr(NoticeStore, "_save_state", broken)
    with pytest.raises(KnownError, match="磁盘已满"):
        board.exclude(shown.roster_id, [2], "重复登记")
    monkeypatch.undo()
    assert shown.roster.excluded == {} and shown.roster.errors
    assert board.load(shown.roster_id).roster.excluded == {}               # the transaction rolled back


def test_exclude_lines_uses_the_spreadsheet_row_numbers(board, tmp_path):
    state = board.import_roster(bad_roster(tmp_path))
    line = state.roster.row(2).line
    assert board.exclude_lines(None, [line], "重复").roster.excluded == {2: "重复"}
    with pytest.raises(KnownError, match="第 999 行"):
        board.exclude_lines(None, [999], "重复")


def test_save_records_each_print_and_keeps_the_version_of_unchanged_sheets(board, tmp_path):
    state = board.import_roster(write_xlsx(tmp_path / "名册.xlsx", good_rows(6)))
    choice = PrintChoice(period_start=START)
    first = board.save(state.roster_id, tmp_path / "a.pdf", choice, kind="pdf")
    again = board.save(state.roster_id, tmp_path / "b.pdf", choice, kind="pdf")
    assert [s.version for s in again.result.sheets] == [1, 1, 1]
    summary = board.save(state.roster_id, tmp_path / "汇总.xlsx", choice, kind="summary")
    assert (tmp_path / "汇总.xlsx").exists() and summary.records[0].kind == "summary"
    kinds = [(p["kind"], p["id"]) for p in board.prints()]
    assert kinds == [("summary", summary.records[0].print_id), ("pdf", again.records[0].print_id),
                     ("pdf", first.records[0].print_id)]


def test_print_sheets_writes_xlsx_and_summary_from_the_same_sheets(board, tmp_path):
    state = board.import_roster(bad_roster(tmp_path))
    printed = board.print_sheets(state.roster_id, tmp_path / "a.pdf", PrintChoice(period_start=START),
                                 xlsx=tmp_path / "a.xlsx", summary=tmp_path / "汇总.pdf")
    assert [r.kind for r in printed.records] == ["pdf", "xlsx", "summary"]
    assert list(printed.result.skipped) == ["李家村"]
    stored = {p["kind"]: [(s["village"], s["version"]) for s in p["sheets"]] for p in board.prints()}
    assert stored["pdf"] == stored["xlsx"] == stored["summary"] == [("张家村", 1), ("王家湾社区", 1)]


def test_no_villages_is_a_known_error(tmp_path):
    cat = new_catalog(tmp_path, township=dataclasses.replace(TOWNSHIP, villages=()), compile=False)
    try:
        with pytest.raises(NoVillages):
            NoticeBoard(cat.ws).latest()
    finally:
        cat.close()


def test_view_carries_the_roster_list_and_holidays_so_the_page_reads_nothing_itself(board, tmp_path):
    """公示打印 showed the roster list and the holiday table by querying on the GUI thread; the worker
    now reads them beside the roster (BoardView), newest roster first."""
    from catalog.ledger.store import LedgerStore
    from catalog.timelimits.holidays import HolidayDay, HolidayTable
    assert board.view(None).rosters == () and board.view(None).holidays is None
    first = board.import_roster(bad_roster(tmp_path))
    second = board.import_roster(write_xlsx(tmp_path / "第二批.xlsx", good_rows(4)))
    LedgerStore(board.ws).replace_years(HolidayTable((HolidayDay(date(2027, 2, 5), "休", "春节"),)),
                                        source="test")
    view = board.view(second)
    assert [(r.id, r.file, r.rows) for r in view.rosters] == [
        (second.roster_id, "第二批.xlsx", 4), (first.roster_id, "名册.xlsx", 6)]
    assert view.state is second and view.holidays is not None
    assert [d.day for d in view.holidays.days] == [date(2027, 2, 5)]
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.rosters = ()     # type: ignore[misc]


def test_the_noticeboard_page_reads_no_store_on_the_gui_thread():
    from pathlib import Path
    view = Path(__file__).resolve().parent.parent / "gui" / "pages" / "notice" / "view.py"
    source = view.read_text("utf-8")
    assert "Store(" not in source and ".ws" not in source
