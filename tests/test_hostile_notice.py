"""Issue 13 #8: every text a noticeboard sheet prints is masked through one function, a number split over
two cells is not printed whole, and every produced file is privacy-scanned before it is kept."""
from __future__ import annotations

import sys
from datetime import date

import pytest
from notice_helpers import VILLAGES, good_rows, make_id, write_csv
from test_notice_render import pdf_text, xlsx_text

from catalog.errors import KnownError
from catalog.noticeboard.importer import import_roster
from catalog.noticeboard.render_pdf import render_pdf
from catalog.noticeboard.render_xlsx import render_summary_xlsx, render_xlsx
from catalog.noticeboard.sheets import build_sheets, guard_split
from catalog.noticeboard.summary import render_summary_pdf, summarize
from catalog.noticeboard.template import load_template
from catalog.privacy.pii import find_pii
from catalog.privacy.scan import scan_file

START = date(2026, 11, 23)
SECRET = make_id(777, "19800101")


def _roster(tmp_path, rows):
    return import_roster(write_csv(tmp_path / "r.csv", rows, encoding="utf-8"), villages=VILLAGES)


def _no_full_id(text: str) -> None:
    flat = "".join(text.split())
    assert SECRET not in flat and SECRET[:17] not in flat
    assert not [m for m in find_pii(text) if m.kind == "id_number"]


def _outputs(tmp_path, roster) -> list:
    tpl = load_template()
    render_pdf(roster, tmp_path / "n.pdf", township="某镇", period_start=START, phone="0710-1")
    render_xlsx(roster, tmp_path / "n.xlsx", township="某镇", period_start=START, phone="0710-1")
    summary = summarize(build_sheets(roster, template=tpl))
    kw = {"template": tpl, "township": "某镇", "government": "某镇人民政府", "year": 2026, "issued_on": START}
    render_summary_pdf(summary, tmp_path / "s.pdf", **kw)
    render_summary_xlsx(summary, tmp_path / "s.xlsx", **kw)
    return [tmp_path / n for n in ("n.pdf", "n.xlsx", "s.pdf", "s.xlsx")]


def test_id_inside_item_is_masked_in_rows_subtotals_and_summary(tmp_path):
    rows = good_rows()
    rows[0][5] = f"耕地地力保护补贴{SECRET}"            # 张家村 has two 项目: a 小计 line per 项目
    roster = _roster(tmp_path, rows)
    sheets = build_sheets(roster, template=load_template())
    zhang = sheets.sheets[0]
    assert all(SECRET not in it.item for it in zhang.items)
    for out in _outputs(tmp_path, roster):
        text = "\n".join(pdf_text(out)) if out.suffix == ".pdf" else xlsx_text(out)
        _no_full_id(text)
        assert scan_file(out).summary()["id_number"] == 0, out.name
        assert "小计" in text or out.name.startswith("s")


def test_id_split_over_two_cells_is_not_printed_whole(tmp_path):
    rows = good_rows()
    rows[0][4] = "第" + SECRET[:9]                        # 组 … 补贴项目: neighbours on the printed line
    rows[0][5] = SECRET[9:] + "号地块补贴"
    roster = _roster(tmp_path, rows)
    for out in _outputs(tmp_path, roster)[:2]:
        text = "\n".join(pdf_text(out)) if out.suffix == ".pdf" else xlsx_text(out)
        _no_full_id(text)


def test_guard_split_only_touches_numbers_that_span_cells():
    cells = ["1", "张三", "42**********0023", "3组", "耕地补贴", "10.50", "105.50", "1,107.75", "2026-11-10"]
    assert guard_split(cells) == cells
    split = ["1", "第" + SECRET[:9], SECRET[9:] + "号", "10.50"]
    out = guard_split(split)
    assert out[0] == "1" and out[3] == "10.50"
    assert SECRET not in "".join(out) and not find_pii("".join(out))


def test_a_produced_file_with_a_full_id_is_refused_and_not_kept(tmp_path, monkeypatch):
    sheets_mod = sys.modules["catalog.noticeboard.sheets"]
    monkeypatch.setattr(sheets_mod, "printable", lambda text, head=2, tail=3: text)     # a masking bug
    monkeypatch.setattr(sheets_mod, "_safe", lambda text, head=2, tail=3: text)
    rows = good_rows()
    rows[0][5] = f"耕地地力保护补贴{SECRET}"
    roster = _roster(tmp_path, rows)
    with pytest.raises(KnownError, match="为保护个人隐私没有保存"):
        render_xlsx(roster, tmp_path / "leak.xlsx", township="某镇", period_start=START, phone="0710-1")
    with pytest.raises(KnownError, match="为保护个人隐私没有保存"):
        render_pdf(roster, tmp_path / "leak.pdf", township="某镇", period_start=START, phone="0710-1")
    assert not list(tmp_path.glob("leak*"))


def test_stale_part_files_of_a_killed_print_are_removed(tmp_path):
    import os
    stale = tmp_path / "n.abc123.part"
    stale.write_bytes(b"%PDF-1.4 half")
    os.utime(stale, (1, 1))
    render_pdf(_roster(tmp_path, good_rows()), tmp_path / "n.pdf", township="某镇", period_start=START,
               phone="0710-1")
    assert not list(tmp_path.glob("*.part*"))
