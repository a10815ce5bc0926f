"""PDF and xlsx sheets: what is printed (titles, totals, 大写, 公示期, pages), what is skipped, and
privacy."""
import re
from datetime import date
from decimal import Decimal

import pytest
from notice_helpers import HEADERS, VILLAGES, good_rows, make_id, write_csv

from catalog.errors import KnownError
from catalog.noticeboard.importer import import_roster
from catalog.noticeboard.render_pdf import render_pdf
from catalog.noticeboard.render_xlsx import render_summary_xlsx, render_xlsx
from catalog.noticeboard.sheets import build_sheets
from catalog.noticeboard.summary import render_summary_pdf, summarize
from catalog.noticeboard.template import load_template
from catalog.privacy.pii import find_pii

START = date(2026, 11, 23)


def _roster(tmp_path, rows=None, **kw):
    return import_roster(write_csv(tmp_path / "r.csv", rows or good_rows(), encoding="utf-8"),
                         villages=VILLAGES, **kw)


def pdf_text(path) -> list[str]:
    from pypdf import PdfReader
    return [p.extract_text() for p in PdfReader(str(path)).pages]


def xlsx_text(path) -> str:
    from openpyxl import load_workbook
    wb = load_workbook(path)
    out = []
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            out.extend("" if v is None else str(v) for v in row)
        out.append(str(ws.oddFooter.center.text))
    return "\n".join(out)


def assert_private(text: str, rows) -> None:
    flat = re.sub(r"\s", "", text)
    for r in rows:
        assert str(r[2]) not in flat, "a full ID number was printed"
        assert str(r[9]) not in flat, "a bank number was printed"
    assert not [m for m in find_pii(text) if m.kind in ("id_number", "bank_card")]


def test_pdf_sheets_per_village(tmp_path):
    roster = _roster(tmp_path)
    out = tmp_path / "公示.pdf"
    res = render_pdf(roster, out, township="某镇", period_start=START, phone="0710-1234567")
    assert res.villages == VILLAGES and res.pages == 3 and not res.skipped
    pages = pdf_text(out)
    assert "关于张家村2026年度惠民惠农财政补贴资金发放结果的公示" in pages[0]
    assert "第 1 页 共 1 页" in pages[0] and "张家村" in pages[0]
    assert "公示期：2026年11月23日至2026年11月29日（共 7 天）" in pages[0]
    assert "监督举报电话：0710-1234567" in pages[0] and "某镇人民政府" in pages[0]
    # 张家村: rows 1 and 4 (耕地, 稻谷): subtotals per 项目 and the total, in figures and 大写
    z = [r for r in good_rows() if r[3] == "张家村"]
    total = sum(Decimal(r[8]) for r in z)
    assert "稻谷补贴小计" in pages[0] and "耕地地力保护补贴小计" in pages[0]
    from catalog.noticeboard.cells import format_amount
    from catalog.noticeboard.rmb import rmb_upper
    assert format_amount(total) in pages[0] and "人民币" + rmb_upper(total) in pages[0]
    assert "李家村" in pages[1] and "稻谷补贴小计" not in pages[1]     # one 项目: only 合计
    assert_private("\n".join(pages), good_rows())


def test_privacy_across_templates_and_layouts(tmp_path):
    rows = good_rows(30)
    for i, r in enumerate(rows):
        # 发放日期 column misused for notes: still scrubbed if printed
        r[10] = f"手机13{i:09d} 卡{r[9]}"
    roster = _roster(tmp_path, rows)
    for k, opts in enumerate([{}, {"landscape": True}, {"large_print": True},
                              {"template": "shehui_jiuzhu", "mask_names": True}]):
        out = tmp_path / f"p{k}.pdf"
        render_pdf(roster, out, township="某镇", period_start=START, phone="1", **opts)
        assert_private("\n".join(pdf_text(out)), rows)
    xout = tmp_path / "p.xlsx"
    render_xlsx(roster, xout, township="某镇", period_start=START, phone="1")
    assert_private(xlsx_text(xout), rows)


def test_blocked_villages_are_skipped_and_nothing_written_when_none_left(tmp_path):
    rows = good_rows()
    rows[1][8] = "-1"                                  # 李家村
    roster = _roster(tmp_path, rows)
    res = render_pdf(roster, tmp_path / "a.pdf", township="某镇", period_start=START, phone="1")
    assert res.villages == ["张家村", "王家湾社区"] and list(res.skipped) == ["李家村"]
    res = render_pdf(roster, tmp_path / "b.pdf", township="某镇", period_start=START, phone="1",
                     villages=["李家村"])
    assert res.path is None and res.pages == 0 and not (tmp_path / "b.pdf").exists()
    with pytest.raises(KnownError, match="没有这些村"):
        render_pdf(roster, tmp_path / "c.pdf", township="某镇", period_start=START, phone="1",
                   villages=["红星村"])


def test_period_and_phone_rules(tmp_path):
    roster = _roster(tmp_path)
    with pytest.raises(KnownError, match="少于"):
        render_pdf(roster, tmp_path / "a.pdf", township="某镇", period_start=START,
                   period_end=date(2026, 11, 27), phone="1")
    res = render_pdf(roster, tmp_path / "a.pdf", township="某镇", period_start=START,
                     period_end=date(2026, 11, 27), phone="1", allow_short_period=True)
    assert res.period.days == 5
    with pytest.raises(KnownError, match="早于"):
        render_pdf(roster, tmp_path / "a.pdf", township="某镇", period_start=START,
                   period_end=date(2026, 11, 1), phone="1", allow_short_period=True)
    with pytest.raises(KnownError, match="监督举报电话"):
        render_pdf(roster, tmp_path / "a.pdf", township="某镇", period_start=START, phone=" ")


def test_long_village_sheet_repeats_header_and_numbers_pages(tmp_path):
    rows = []
    for i in range(120):
        r = good_rows(1)[0]
        r[2] = make_id(i, birth="19700101")
        rows.append(r)
    roster = _roster(tmp_path, rows)
    res = render_pdf(roster, tmp_path / "long.pdf", township="某镇", period_start=START, phone="1")
    pages = pdf_text(tmp_path / "long.pdf")
    assert res.pages == len(pages) >= 3
    for n, text in enumerate(pages, 1):
        assert "身份证号" in text and f"第 {n} 页 共 {len(pages)} 页" in text
    assert "（续）" in pages[1]
    assert "公示单位" in pages[-1] and "公示单位" not in pages[0]


def test_versioned_resheet_says_so(tmp_path):
    roster = _roster(tmp_path)
    render_pdf(roster, tmp_path / "v.pdf", township="某镇", period_start=START, phone="1",
               versions={"张家村": 2})
    text = pdf_text(tmp_path / "v.pdf")[0]
    assert "第 2 版" in text and "更正" in text


def test_xlsx_sheets_and_summary(tmp_path):
    roster = _roster(tmp_path)
    out = tmp_path / "公示.xlsx"
    render_xlsx(roster, out, township="某镇", period_start=START, phone="0710-1")
    from openpyxl import load_workbook
    wb = load_workbook(out)
    assert wb.sheetnames == ["分村汇总表", *VILLAGES]
    ws = wb["张家村"]
    assert ws.print_title_rows == "$3:$3" and "第 &P 页 共 &N 页" in ws.oddFooter.center.text
    values = [v for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    assert "序号" in values and any("人民币" in str(v) for v in values)
    summary = wb["分村汇总表"]
    total_row = next(r for r in summary.iter_rows(values_only=True) if r[0] == "总计")
    assert Decimal(str(total_row[4])) == sum(Decimal(r[8]) for r in good_rows())
    assert total_row[2] == 6


def test_summary_counts_households_and_leaves_out_blocked(tmp_path):
    rows = good_rows()
    extra = list(rows[0])
    extra[5] = "稻谷补贴"                             # same person, second 项目
    rows.append(extra)
    rows[1][8] = "abc"                                # 李家村 blocked
    roster = _roster(tmp_path, rows)
    summary = summarize(build_sheets(roster, template=load_template()))
    zhang = [ln for ln in summary.lines if ln.village == "张家村"]
    assert [ln.kind for ln in zhang] == ["item", "item", "village"]
    assert zhang[-1].households == 2                   # 3 rows, 2 people
    assert list(summary.left_out) == ["李家村"]
    assert summary.amount == sum(Decimal(r[8]) for r in rows if r[3] != "李家村")
    pages = render_summary_pdf(summary, tmp_path / "s.pdf", template=load_template(), township="某镇",
                               government="某镇人民政府", year=2026, issued_on=START)
    text = "\n".join(pdf_text(tmp_path / "s.pdf"))
    assert pages == 1 and "分村汇总表" in text and "李家村" in text and "未计入" in text
    render_summary_xlsx(summary, tmp_path / "s.xlsx", template=load_template(), township="某镇",
                        government="某镇人民政府", year=2026, issued_on=START)
    assert "总计" in xlsx_text(tmp_path / "s.xlsx")


def test_rare_characters_are_reported(tmp_path):
    rows = good_rows(3)
    rows[0][1] = "王𠮷"                                # CJK Ext-B: not in the shipped font
    res = render_pdf(_roster(tmp_path, rows), tmp_path / "g.pdf", township="某镇", period_start=START,
                     phone="1")
    assert res.missing_glyphs == {"张家村": "𠮷"}


def test_headers_in_shehui_template(tmp_path):
    headers = ["序号", "户主姓名", "身份证号", "村", "组", "救助类别", "保障人数", "月保障金", "备注"]
    rows = [[1, "李四", make_id(5), "张家村", "2组", "低保", "3", "1260", "电话13812345678"],
            [2, "王五", make_id(6), "张家村", "3组", "特困", "1", "980", ""]]
    path = write_csv(tmp_path / "dibao.csv", rows, headers=headers)
    roster = import_roster(path, villages=VILLAGES, template="shehui_jiuzhu")
    assert roster.errors == []
    render_pdf(roster, tmp_path / "d.pdf", township="某镇", period_start=START, phone="1")
    text = pdf_text(tmp_path / "d.pdf")[0]
    assert "张家村2026年度城乡低保、特困人员救助供养对象名单公示" in text
    assert "保障人数" in text and "低保小计" in text and "138****5678" in text
    assert make_id(5)[:2] + "*" * 14 + make_id(5)[-2:] in text


def test_plain_rows_render_without_roster(tmp_path):
    roster = _roster(tmp_path)
    res = render_pdf(roster.person_rows(), tmp_path / "plain.pdf", township="某镇", period_start=START,
                     phone="1", template="huimin_butie")
    assert res.villages == VILLAGES
    assert HEADERS  # the helper's header list is the county layout used above


def test_cancel_leaves_no_file(tmp_path):
    from catalog.errors import Cancelled
    roster = _roster(tmp_path)
    with pytest.raises(Cancelled):
        render_pdf(roster, tmp_path / "c.pdf", township="某镇", period_start=START, phone="1",
                   progress=lambda d, t: d < 1)
    assert not (tmp_path / "c.pdf").exists() and not list(tmp_path.glob("*.part"))


def test_long_remark_does_not_break_ids(tmp_path):
    headers = ["序号", "户主姓名", "身份证号", "村", "组", "救助类别", "保障人数", "月保障金", "备注"]
    remark = "该户因病致贫，家中有两名在校学生，经村民代表大会评议、乡镇审核、县民政局审批同意纳入"
    rows = [[i + 1, f"李{i}", make_id(i + 5), "张家村", "10组", "城乡低保", "3", "1260",
             remark if i == 0 else ""] for i in range(3)]
    roster = import_roster(write_csv(tmp_path / "d.csv", rows, headers=headers), villages=VILLAGES,
                           template="shehui_jiuzhu")
    render_pdf(roster, tmp_path / "d.pdf", township="某镇", period_start=START, phone="1", large_print=True)
    text = pdf_text(tmp_path / "d.pdf")[0]
    for i in range(3):
        idn = make_id(i + 5)
        assert idn[:2] + "*" * 14 + idn[-2:] in text      # each masked ID on one line
    assert "该户因病致贫" in text


def test_unwritable_folder_is_a_known_error(tmp_path):
    roster = _roster(tmp_path)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(KnownError, match="无法在"):
        render_pdf(roster, blocker / "sub" / "a.pdf", township="某镇", period_start=START, phone="1")
