"""Issue 13 #2: no workbook the app writes ever holds a formula, whatever text a clerk or a file supplies."""
from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.xlsx_write import looks_like_formula

PREFIXES = ["=", "+", "-", "@", "\t=", "\r=", " =", "\n+", "\u3000="]
FORMULAS = ['HYPERLINK("http://x","点此")', "1+1", "cmd|' /C calc'!A0", "SUM(A1:A9)", "A1"]
hostile = st.builds(lambda p, f, tail: p + f + tail, st.sampled_from(PREFIXES), st.sampled_from(FORMULAS),
                    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12))
any_text = st.one_of(hostile, st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40))


def formula_cells(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        return [n for n in zf.namelist() if n.startswith("xl/worksheets/")
                and re.search(rb"<(?:\w+:)?f[\s>/]", zf.read(n))]


def _export_doc(tmp: Path, text: str) -> Path:
    from catalog.model import ItemText
    from catalog.stdtable.model import ExportDoc, ExportDomain, ExportRow
    from catalog.stdtable.writer_xlsx import write_xlsx
    row = ExportRow(1, ItemText(level1=text, level2=text, content=(text,), basis=(text,), time_limit=text,
                                subject=text), note=text)
    doc = ExportDoc(title=text, subtitle=text, domains=[ExportDomain(name=text or "领域", rows=[row])],
                    not_involved=[(text, text)])
    write_xlsx(doc, tmp / "catalog.xlsx")
    return tmp / "catalog.xlsx"


def _check_report(tmp: Path, text: str) -> Path:
    from catalog.checks import CheckReport
    from catalog.checks.engine import Finding
    from catalog.checks.report import write_report
    f = Finding("P003", "错误", text, text, domain=text, item_id=text, item_title=text)
    scores = {"overall": {"score": 90}, "domains": [{"no": 1, "domain": text, "applies": True, "score": 90,
                                                     "错误": 1, "警告": 0, "提示": 0}]}
    return write_report(CheckReport([f], scores), tmp / "report.xlsx", township=text, checked_on=text)


def _annual(tmp: Path, text: str) -> Path:
    from catalog.ledger.annual import build_tables
    from catalog.ledger.annual_xlsx import write_annual_xlsx
    from catalog.ledger.requests import InfoRequest
    r = InfoRequest(received=date(2026, 3, 1), channel="网络", category="自然人", applicant=text or "张三",
                    content=text, no=text)
    t = build_tables(2026, entries=[], requests=[r], appeals=[])
    return write_annual_xlsx(t, tmp / "annual.xlsx", title=text, requests=[r], statuses={})


def _county(tmp: Path, text: str) -> Path:
    from catalog.county.overview import DomainCell, Overview, TownshipRow
    from catalog.county.summary import write_summary
    cell = DomainCell(1, text, "涉及")
    row = TownshipRow(text, text, text, text, text, "package", None, text, "2026-01-01", (text,), (cell,), {})
    history = [{"name": text, "code": text, "file_name": text, "kind": text, "catalog_version": None,
                "exported_at": None, "file_time": None, "imported_at": None, "status": text}]
    return write_summary(Overview(domains=[(1, text)], rows=[row]), history, tmp / "county.xlsx", county=text)


def _notice(tmp: Path, text: str) -> Path:
    from notice_helpers import VILLAGES, good_rows, write_csv

    from catalog.noticeboard.importer import import_roster
    from catalog.noticeboard.render_xlsx import render_summary_xlsx, render_xlsx
    from catalog.noticeboard.sheets import build_sheets
    from catalog.noticeboard.summary import summarize
    from catalog.noticeboard.template import load_template
    rows = good_rows(3)
    for r in rows:
        r[5] = text                     # 补贴项目
        r[4] = text                     # 村民小组
    roster = import_roster(write_csv(tmp / "r.csv", rows, encoding="utf-8"), villages=VILLAGES)
    render_xlsx(roster, tmp / "notice.xlsx", township=text or "某镇",
                period_start=date(2026, 11, 23), phone=text)
    summary = summarize(build_sheets(roster, template=load_template()))
    render_summary_xlsx(summary, tmp / "summary.xlsx", template=load_template(), township=text,
                        government=text, year=2026, issued_on=date(2026, 11, 23))
    return tmp / "summary.xlsx"


WRITERS = {"export": _export_doc, "check-report": _check_report, "annual-report": _annual, "county": _county,
           "notice": _notice}


@pytest.mark.parametrize("name", sorted(WRITERS))
@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\",\"点此\")", "\t=1+1", "\r=cmd|' /C calc'!A0",
                                  "@SUM(1)",
                                  "+86", "-1"])
def test_every_export_path_writes_hostile_text_as_text(tmp_path, name, text):
    from catalog.errors import KnownError
    try:
        WRITERS[name](tmp_path, text)
    except KnownError:
        pass                            # refusing the text is fine; writing a formula is not
    for out in tmp_path.glob("*.xlsx"):
        assert formula_cells(out) == [], out.name


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=any_text, name=st.sampled_from(sorted(WRITERS)))
def test_property_no_export_path_emits_a_formula(tmp_path_factory, text, name):
    from catalog.errors import KnownError
    tmp = tmp_path_factory.mktemp("w")
    try:
        WRITERS[name](tmp, text)
    except KnownError:
        pass
    for out in tmp.glob("*.xlsx"):
        assert formula_cells(out) == [], (name, text)


def test_quote_prefix_keeps_formula_like_text_text_when_edited(tmp_path):
    from openpyxl import load_workbook
    out = _annual(tmp_path, "\t=1+1")
    ws = load_workbook(out)["办理明细"]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == "\t=1+1")
    assert cell.data_type == "s" and cell.quotePrefix


@given(st.text(max_size=5))
def test_looks_like_formula(text):
    assert looks_like_formula(text) == (text.lstrip(" \t\r\n\u3000")[:1] in ("=", "+", "-",
                                                                             "@") if text else False)
