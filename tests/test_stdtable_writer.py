"""Standard-layout writers: export → import round-trips exactly; layout and print setup read back."""
from __future__ import annotations

import zipfile

import pytest

from catalog.errors import Cancelled, InputError
from catalog.guides.layout import guide_to_export_doc
from catalog.model import ItemText, Marks
from catalog.stdtable import ExportDoc, ExportDomain, ExportRow, read_table, write_pdf, write_xlsx
from catalog.xlsx_safety import open_workbook_safely


def sample_doc() -> ExportDoc:
    t1 = ItemText("农业生产发展资金", "农机购置补贴", ("政策依据", "申请指南:包括补贴对象、补贴标准"),
                  ("《农业机械化促进法》", "《农业生产发展资金管理办法》"), "信息形成之日起20个工作日内",
                  "县级农业农村部门",
                  ("政府网站", "社区/企事业单位/村公示栏(电子屏)", "其他:基层公共服务平台",
                   "投资项目在线审批监管平台"), Marks(True, False, True, False, None, True))
    t2 = ItemText("=SUM(A1:A9)", "+86 电话", ("-减免", "@提及"), (), None, None, None, Marks())
    t3 = ItemText("救助对象", "", ("姓名", "金额"), ("《社会救助暂行办法》",), "及时", "镇民政办", (),
                  Marks(False, True, True, True, False, True))
    return ExportDoc(
        "某某镇政务公开事项标准目录（2026年版）", "编制单位：某某镇人民政府　2026-11-22",
        [ExportDomain("涉农补贴", [ExportRow(1, t1), ExportRow(2, t2, "本地自定事项")], "17"),
         ExportDomain("社会救助", [ExportRow(1, t3, "不适用：本镇无此业务")], "14"),
         ExportDomain("本地/自定:领域*很长的名字超过三十一个字符的领域名称真的很长很长", [ExportRow(1, t3)])],
        [("税收管理", "本镇无税务机构"), ("房屋征收", "本镇不承担房屋征收职能")],
    )


def test_xlsx_round_trip_is_exact(tmp_path):
    doc = sample_doc()
    path = tmp_path / "cat.xlsx"
    write_xlsx(doc, path)
    res = read_table(path)
    assert res.problems == []
    assert res.to_export_doc() == doc


def test_round_trip_of_the_shipped_guides(tmp_path, guides):
    from dataclasses import replace

    from catalog.channels import normalize_channels
    domains = []
    for g in guides:
        rows = [ExportRow(i, replace(it.text, time_limit=it.text.time_limit or None,
                                     subject=it.text.subject or None,
                                     channels=None if it.text.channels is None
                                     else normalize_channels(it.text.channels)))
                for i, it in enumerate(g.active_items, start=1)]
        domains.append(ExportDomain(g.domain, rows, f"{g.no:02d}"))
    doc = ExportDoc("全部指引", "", domains)
    write_xlsx(doc, tmp_path / "g.xlsx")
    assert read_table(tmp_path / "g.xlsx").to_export_doc() == doc


def test_layout_read_back(tmp_path):
    path = tmp_path / "cat.xlsx"
    write_xlsx(sample_doc(), path)
    wb = open_workbook_safely(path)
    assert wb.sheetnames[0] == "总目录" and wb.sheetnames[-1] == "未涉及领域事项说明"
    assert wb.sheetnames[1:3] == ["涉农补贴", "社会救助"]
    assert len(wb.sheetnames[3]) <= 31 and "/" not in wb.sheetnames[3] and ":" not in wb.sheetnames[3]
    ws = wb["涉农补贴"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:O1", "A3:A4", "B3:C3", "D3:D4", "E3:E4", "F3:F4", "G3:G4", "H3:H4", "I3:J3", "K3:L3", "M3:N3",
            "O3:O4"} <= merged
    top = [ws.cell(3, c).value for c in range(1, 16)]
    sub = [ws.cell(4, c).value for c in range(1, 16)]
    assert top == ["序号", "公开事项", None, "公开内容（要素）", "公开依据", "公开时限", "公开主体",
                   "公开渠道和载体", "公开对象", None, "公开方式", None, "公开层级", None, "备注"]
    assert sub == [None, "一级事项", "二级事项", None, None, None, None, None, "全社会", "特定群体",
                   "主动", "依申请", "县级", "乡级", None]
    assert ws["A1"].value == "某某镇政务公开事项标准目录（2026年版）"
    assert int(ws.page_setup.paperSize) == 8   # A3
    assert ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == "$3:$4"
    assert ws.freeze_panes == "A5"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert "第 &P 页 共 &N 页" in ws.oddFooter.center.text
    # √ marks, ？ for unknown, ■/□ with the real characters in standard order
    assert [ws.cell(5, c).value for c in range(9, 15)] == ["√", None, "√", None, "？", "√"]
    channels = ws["H5"].value
    assert channels.startswith("\u25a0政府网站 \u25a1政府公报 ")
    assert channels.index("\u25a0其他:基层公共服务平台") < channels.index("\u25a0投资项目在线审批监管平台")
    assert ws["D5"].alignment.wrap_text and ws["D5"].border.left.style == "thin"
    assert ws.column_dimensions["D"].width > ws.column_dimensions["A"].width
    toc = wb["总目录"]
    assert [toc.cell(r, 2).value for r in (4, 5)] == ["涉农补贴", "社会救助"]
    ni = wb["未涉及领域事项说明"]
    assert [ni.cell(4, c).value for c in (2, 3, 4)] == ["税收管理", "不涉及", "本镇无税务机构"]


def test_formula_like_text_is_stored_as_text(tmp_path):
    path = tmp_path / "cat.xlsx"
    write_xlsx(sample_doc(), path)
    with zipfile.ZipFile(path) as zf:
        xml = b"".join(zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/"))
    assert b"<f>" not in xml and b"<f " not in xml
    ws = open_workbook_safely(path, data_only=False)["涉农补贴"]
    assert ws["B6"].value == "=SUM(A1:A9)" and ws["B6"].data_type == "s"
    assert ws["B6"].quotePrefix and ws["C6"].quotePrefix
    assert ws["H6"].value == "？"   # unknown channels stay visible


def test_cancel_leaves_the_old_file(tmp_path):
    path = tmp_path / "cat.xlsx"
    path.write_bytes(b"old")
    big = ExportDoc("t", "",
                    [ExportDomain("涉农补贴", [ExportRow(i, ItemText(f"事项{i}")) for i in range(1, 300)])])
    with pytest.raises(Cancelled):
        write_xlsx(big, path, progress=lambda d, t: False)
    assert path.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [path]


def test_output_folder_missing_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="输出文件夹不存在"):
        write_xlsx(sample_doc(), tmp_path / "nope" / "x.xlsx")


def test_pdf_export(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    path = tmp_path / "cat.pdf"
    seen = []
    write_pdf(sample_doc(), path, progress=lambda d, t: seen.append((d, t)) or True)
    data = path.read_bytes()
    assert data.startswith(b"%PDF") and b"/FontFile2" in data        # the CJK font is embedded
    reader = pypdf.PdfReader(str(path))
    n = len(reader.pages)
    assert n >= 5   # 总目录, three domains, 未涉及领域事项说明
    box = reader.pages[0].mediabox
    assert round(float(box.width)) == 1191 and round(float(box.height)) == 842   # A3 landscape
    first = reader.pages[1].extract_text()
    assert f"第 2 页 共 {n} 页" in first
    assert "公开渠道和载体" in first and "全社会" in first and "\u25a0政府网站" in first
    last = reader.pages[-1].extract_text()
    assert "未涉及领域事项说明" in last and "本镇无税务机构" in last
    assert seen and seen[-1][0] == seen[-1][1]


def test_pdf_repeats_the_header_on_every_page(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    rows = [ExportRow(i, ItemText(f"事项{i}", "", ("内容一", "内容二", "内容三"))) for i in range(1, 80)]
    path = tmp_path / "long.pdf"
    write_pdf(ExportDoc("长目录", "", [ExportDomain("涉农补贴", rows)]), path)
    reader = pypdf.PdfReader(str(path))
    domain_pages = [p.extract_text() for p in reader.pages[1:-1]]
    assert len(domain_pages) >= 2
    assert all("一级事项" in t and "公开渠道和载体" in t for t in domain_pages)


def test_guide_export_round_trips(tmp_path, guides):
    guide = guides.find("涉农补贴")
    doc = guide_to_export_doc(guide)
    write_xlsx(doc, tmp_path / "g.xlsx")
    back = read_table(tmp_path / "g.xlsx")
    assert [r.text.title for r in back.rows] == [it.text.title for it in guide.active_items]
    assert back.rows[0].domain == "涉农补贴" and back.rows[0].domain_code == "17"


def test_single_domain_pdf_has_no_toc_pages(tmp_path, guides):
    pypdf = pytest.importorskip("pypdf")
    path = tmp_path / "guide.pdf"
    write_pdf(guide_to_export_doc(guides.find("涉农补贴")), path)
    reader = pypdf.PdfReader(str(path))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "公开领域：涉农补贴" in text and "第 1 页 共 1 页" in text


def test_empty_document_and_empty_domain_are_written(tmp_path):
    empty = ExportDoc("空目录", "", [], [("涉农补贴", "不涉及")])
    write_xlsx(empty, tmp_path / "e.xlsx")
    write_pdf(empty, tmp_path / "e.pdf")
    assert read_table(tmp_path / "e.xlsx").not_involved == [("涉农补贴", "不涉及")]
    one = ExportDoc("t", "", [ExportDomain("涉农补贴", [])])
    write_xlsx(one, tmp_path / "o.xlsx")
    write_pdf(one, tmp_path / "o.pdf")
    assert (tmp_path / "o.pdf").read_bytes().startswith(b"%PDF")


def test_pdf_row_taller_than_a_page_is_continued(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    content = tuple(f"第{i}项内容" for i in range(300))
    path = tmp_path / "tall.pdf"
    write_pdf(ExportDoc("t", "",
                        [ExportDomain("涉农补贴", [ExportRow(1, ItemText("超长", "", content))])]), path)
    texts = [p.extract_text() for p in pypdf.PdfReader(str(path)).pages]
    assert len(texts) >= 5 and "第299项内容" in texts[-1]
    assert all("续" in t for t in texts[1:])


def test_text_over_the_excel_cell_limit_is_a_clear_error(tmp_path):
    doc = ExportDoc("t", "", [ExportDomain("涉农补贴", [ExportRow(1, ItemText("a", "", ("字" * 40000,)))])])
    with pytest.raises(InputError, match="32767") as err:
        write_xlsx(doc, tmp_path / "x.xlsx")
    assert "工作表「涉农补贴」，第 5 行，列「D」" in str(err.value)
    assert not (tmp_path / "x.xlsx").exists()
