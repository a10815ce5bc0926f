"""Persistence: rosters with rows/issues/exclusions survive reopening; print records and versions."""
from datetime import date

import pytest
from notice_helpers import VILLAGES, good_rows, write_csv

from catalog.errors import KnownError
from catalog.noticeboard.importer import import_roster
from catalog.noticeboard.render_pdf import render_pdf
from catalog.noticeboard.store import NoticeStore, print_history, record_posting
from catalog.storage import Workspace

START = date(2026, 11, 23)


@pytest.fixture
def ws(tmp_path):
    w = Workspace.open(tmp_path / "ws.db")
    yield w
    w.close()


def _imported(tmp_path, ws, rows=None):
    path = write_csv(tmp_path / "r.csv", rows or good_rows(), encoding="utf-8")
    roster = import_roster(path, villages=VILLAGES)
    NoticeStore(ws).save_roster(roster)
    return roster


def test_roundtrip_keeps_rows_issues_and_exclusions(tmp_path, ws):
    rows = good_rows()
    rows[1][8] = "-3"
    roster = _imported(tmp_path, ws, rows)
    store = NoticeStore(ws)
    loaded = store.load()
    assert loaded.id == roster.id and len(loaded.rows) == 6
    assert [r.values for r in loaded.rows] == [r.values for r in roster.rows]
    assert [i.message for i in loaded.issues] == [i.message for i in roster.issues]
    assert [i.code for i in store.stored_issues(roster.id)] == ["amount_negative"]
    store.exclude(loaded, [2], "重复申报，已核实")
    again = NoticeStore(ws).load(roster.id)
    assert again.excluded == {2: "重复申报，已核实"} and again.blocked() == {}
    assert store.rosters()[0]["errors"] == 0
    store.include(again, [2])
    assert NoticeStore(ws).load().blocked().keys() == {"李家村"}
    with pytest.raises(KnownError, match="原因"):
        store.exclude(again, [2], " ")


def test_fix_row_revalidates(tmp_path, ws):
    rows = good_rows()
    rows[1][8] = "abc"
    _imported(tmp_path, ws, rows)
    store = NoticeStore(ws)
    roster = store.load()
    left = store.fix_row(roster, 2, {"amount": "1213.25"})
    assert left == [] and roster.blocked() == {}
    assert NoticeStore(ws).load().rows[1].get("amount") == "1213.25"


def test_versions_and_print_records(tmp_path, ws):
    _imported(tmp_path, ws)
    store = NoticeStore(ws)
    roster = store.load()

    def versions(sheets):
        return store.versions_for(template=roster.template_id, year=2026, sheets=sheets)

    res = render_pdf(roster, tmp_path / "1.pdf", township="某镇", period_start=START, phone="1",
                     versions=versions)
    pid = store.record_print(roster_id=roster.id, kind="pdf", template=roster.template_id, year=2026,
                             file="1.pdf", result=res)
    assert [s.version for s in res.sheets] == [1, 1, 1]
    # an objection: one amount corrected → that village's sheet is re-posted as version 2, others unchanged
    store.fix_row(roster, 2, {"amount": "1000.00"})
    res2 = render_pdf(roster, tmp_path / "2.pdf", township="某镇", period_start=date(2026, 12, 1), phone="1",
                      versions=versions)
    store.record_print(roster_id=roster.id, kind="pdf", template=roster.template_id, year=2026, file="2.pdf",
                       result=res2)
    assert {s.village: s.version for s in res2.sheets} == {"张家村": 1, "李家村": 2, "王家湾社区": 1}
    record_posting(ws, pid, posted_on=START, note="三个村公开栏")
    history = print_history(ws, village="李家村")
    assert [h["file"] for h in history] == ["2.pdf", "1.pdf"]
    first = history[-1]
    assert first["posted_at"] == "2026-11-23" and first["period_start"] == "2026-11-23"
    assert first["period_end"] == "2026-11-29" and first["villages"] == VILLAGES
    assert [s["version"] for s in history[0]["sheets"] if s["village"] == "李家村"] == [2]
    with pytest.raises(KnownError):
        record_posting(ws, 999, posted_on=START)


def test_load_without_rosters_says_what_to_do(ws):
    with pytest.raises(KnownError, match="导入"):
        NoticeStore(ws).load()
