"""The standard-table reader: every header variant is built with openpyxl here and read back exactly."""
from __future__ import annotations

import openpyxl
import pytest

from catalog.errors import InputError
from catalog.model import ItemText, Marks
from catalog.stdtable import read_table
from catalog.stdtable.cells import parse_channels, parse_mark, split_items

DOMAINS = ["涉农补贴", "社会救助", "义务教育", "公共资源交易"]

H1 = ["序号", "公开事项", None, "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体",
      "公开对象", None, "公开方式", None, "公开层级", None]
H2 = [None, "一级事项", "二级事项", None, None, None, None, None, "全社会", "特定群体", "主动", "依申请",
      "县级", "乡级"]


def header_merges(r: int) -> list[str]:
    """The merges of the standard two-row header starting at worksheet row r."""
    vertical = [f"{c}{r}:{c}{r + 1}" for c in "ADEFGH"]
    return [*vertical, f"B{r}:C{r}", f"I{r}:J{r}", f"K{r}:L{r}", f"M{r}:N{r}"]


def build(path, sheets) -> str:
    """sheets: [(name, rows, merges)]; rows are lists of cell values, None for an empty cell."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows, merges in sheets:
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for m in merges:
            ws.merge_cells(m)
    wb.save(path)
    return str(path)


ROW_A = [1, "农业生产发展资金", "农机购置补贴", "政策依据\n申请指南\n补贴结果",
         "《农业机械化促进法》\n《农业生产发展资金管理办法》", "信息形成之日起20个工作日内",
         "县级农业农村部门", "■政府网站 □政府公报 □两微一端 ■社区/企事业单位/村公示栏(电子屏)",
         "√", None, "√", None, "√", "√"]
ROW_B = [2, None, "耕地地力保护补贴", "补贴标准\n补贴结果", "《财政部 农业农村部关于…的通知》", "及时公开",
         "乡镇人民政府", "政府网站、政府服务中心、村公示栏", "√", None, "√", None, None, "√"]
TEXT_A = ItemText("农业生产发展资金", "农机购置补贴", ("政策依据", "申请指南", "补贴结果"),
                  ("《农业机械化促进法》", "《农业生产发展资金管理办法》"), "信息形成之日起20个工作日内",
                  "县级农业农村部门", ("政府网站", "社区/企事业单位/村公示栏(电子屏)"),
                  Marks(True, False, True, False, True, True))
TEXT_B = ItemText("农业生产发展资金", "耕地地力保护补贴", ("补贴标准", "补贴结果"),
                  ("《财政部 农业农村部关于…的通知》",), "及时公开", "乡镇人民政府",
                  ("政府网站", "政务服务中心", "社区/企事业单位/村公示栏(电子屏)"),
                  Marks(True, False, True, False, False, True))


def test_title_row_and_merged_two_row_header(tmp_path):
    rows = [["涉农补贴领域基层政务公开标准目录"], H1, H2, ROW_A, ROW_B]
    path = build(tmp_path / "a.xlsx", [("Sheet1", rows, ["A1:N1", *header_merges(2), "B4:B5"])])
    res = read_table(path, domains=DOMAINS)
    assert res.problems == []
    assert [r.text for r in res.rows] == [TEXT_A, TEXT_B]
    assert [(r.domain, r.seq, r.sheet, r.row) for r in res.rows] == [
        ("涉农补贴", 1, "Sheet1", 4), ("涉农补贴", 2, "Sheet1", 5)]
    assert res.title == "涉农补贴领域基层政务公开标准目录"
    assert res.sheets[0].header_rows == (2, 3)


def test_level1_carried_down_without_merge_too(tmp_path):
    path = build(tmp_path / "a.xlsx", [("涉农补贴", [H1, H2, ROW_A, ROW_B], header_merges(1))])
    res = read_table(path)
    assert [r.text.level1 for r in res.rows] == ["农业生产发展资金"] * 2
    assert res.rows[0].domain == "涉农补贴"


def test_synonyms_town_level_village_column_and_wingdings(tmp_path):
    h1 = ["序号", "公开事项", None, "公开内容", "公开依据", "公开时限", "公开主体", "公开渠道",
          "公开对象", None, "公开方式", None, "公开层级", None, None]
    h2 = [None, "一级事项", "二级事项", None, None, None, None, None, "全社会", "特定群众", "主动",
          "依申请公开", "县级", "镇级", "村级"]
    row = [1, "救助对象", "低保对象", "姓名\n金额", "《社会救助暂行办法》", "10个工作日", "镇民政办",
           "R政府网站 £政府公报 R入户/现场", "£", "R", "✓", "£", "是", "■", "R"]
    merges = [m for m in header_merges(2) if m != "M2:N2"] + ["M2:O2"]
    path = build(tmp_path / "a.xlsx", [("社会救助", [["某镇目录"], h1, h2, row], merges)])
    res = read_table(path)
    assert res.problems == []
    (r,) = res.rows
    assert r.text.marks == Marks(False, True, True, False, True, True)
    assert r.village is True
    assert r.text.channels == ("政府网站", "入户/现场")


def test_no_level_columns_gives_unknown_level(tmp_path):
    h1 = ["序号", "公开事项", None, "公开内容（要素）", "公开依据", "公开时限", "公开主体",
          "公开渠道和载体", "公开对象", None, "公开方式", None]
    h2 = [None, "一级事项", "二级事项", None, None, None, None, None, "全社会", "特定群体", "主动", "依申请"]
    row = [1, "a", "b", "c", "d", "e", "f", "政府网站", "√", "", "√", ""]
    merges = [f"{c}1:{c}2" for c in "ADEFGH"] + ["B1:C1", "I1:J1", "K1:L1"]
    res = read_table(build(tmp_path / "a.xlsx", [("义务教育", [h1, h2, row], merges)]))
    assert res.rows[0].text.marks == Marks(True, False, True, False, None, None)


def test_flat_single_row_header_without_title(tmp_path):
    head = ["序号", "一级事项", "二级事项", "公开内容(要素)", "公开依据", "公开时限", "公开主体",
            "公开渠道和载体", "全社会", "特定群体", "主动", "依申请", "县级", "乡级"]
    res = read_table(build(tmp_path / "a.xlsx", [("涉农补贴", [head, ROW_A], [])]))
    assert res.rows[0].text == TEXT_A and res.problems == []


def test_two_row_header_without_merge_info(tmp_path):
    # what an HTML table pasted into Excel looks like: group words only over the first column
    res = read_table(build(tmp_path / "a.xlsx", [("涉农补贴", [H1, H2, ROW_A], [])]))
    assert res.rows[0].text == TEXT_A and res.problems == []


def test_all_domains_on_one_sheet_with_domain_code_column(tmp_path):
    h1 = ["公开领域（编码）", *H1]
    h2 = [None, *H2]
    rows = [["某县基层政务公开标准目录"], h1, h2, ["17涉农补贴", *ROW_A], [None, *ROW_B],
            ["14 社会救助", 1, "救助对象", "", "名单", "", "", "", "政府网站", "√", "", "√", "", "", "√"]]
    merges = ["A2:A3"] + [m.translate(str.maketrans("ABCDEFGHIJKLMN",
                                                    "BCDEFGHIJKLMNO")) for m in header_merges(2)]
    res = read_table(build(tmp_path / "a.xlsx", [("全部", rows, merges)]), domains=DOMAINS)
    assert res.problems == []
    assert [(r.domain, r.domain_code, r.seq) for r in res.rows] == [
        ("涉农补贴", "17", 1), ("涉农补贴", "17", 2), ("社会救助", "14", 1)]
    assert res.rows[1].text == TEXT_B


def test_code_only_domain_column_with_code_map(tmp_path):
    head = ["领域编码", "序号", "一级事项", "二级事项", "公开内容"]
    rows = [head, ["17", 1, "a", "b", "c"], ["14", 1, "x", "", "y"]]
    res = read_table(build(tmp_path / "a.xlsx", [("Sheet1", rows, [])]),
                     domains={"17": "涉农补贴", "14": "社会救助"})
    assert [r.domain for r in res.rows] == ["涉农补贴", "社会救助"]


def test_all_domains_on_one_sheet_with_section_rows(tmp_path):
    rows = [["某县政务公开标准目录"], H1, H2, ["一、涉农补贴领域"], ROW_A, ROW_B,
            ["（十四）社会救助领域基层政务公开标准目录"],
            [1, "救助对象", "低保", "名单", "", "", "", "", "√", "", "√", "", "",
                                            "√"],
            ["注：√ 表示是。"]]
    merges = ["A1:N1", "A4:N4", "A7:N7", "A9:N9", *header_merges(2)]
    res = read_table(build(tmp_path / "a.xlsx", [("Sheet1", rows, merges)]), domains=DOMAINS)
    assert res.problems == []
    assert [(r.domain, r.seq, r.row) for r in res.rows] == [
        ("涉农补贴", 1, 5), ("涉农补贴", 2, 6), ("社会救助", 1, 8)]
    assert res.rows[2].text.level2 == "低保"


def test_one_domain_per_sheet_and_vertical_merges_apply_to_every_row(tmp_path):
    sheets = []
    for name in ("涉农补贴", "义务教育"):
        rows = [[f"{name}领域目录"], H1, H2, ROW_A, ROW_B]
        sheets.append((name, rows, ["A1:N1", *header_merges(2), "G4:G5"]))   # 公开主体 merged down
    res = read_table(build(tmp_path / "a.xlsx", sheets))
    assert res.domains() == ["涉农补贴", "义务教育"]
    assert [r.text.subject for r in res.rows] == ["县级农业农村部门"] * 4


def test_repeated_header_and_blank_and_seq_only_rows_are_skipped(tmp_path):
    rows = [H1, H2, ROW_A, [None] * 14, H1, H2, [3] + [None] * 13, ROW_B]
    res = read_table(build(tmp_path / "a.xlsx", [("涉农补贴", rows, header_merges(1))]))
    assert [r.text.level2 for r in res.rows] == ["农机购置补贴", "耕地地力保护补贴"]


def test_every_cell_not_understood_is_reported_with_location(tmp_path):
    head = ["序号", "一级事项", "二级事项", "公开内容", "公开渠道和载体", "全社会", "特定群体", "神秘列"]
    rows = [head, [1, "a", "b", "c", "乱码 ■政府网站", "√", "大概", "x"], [2, None, "d", "e", "", "", "", ""]]
    res = read_table(build(tmp_path / "bad.xlsx", [("涉农补贴", rows, [])]))
    got = {(p.sheet, p.row, p.column) for p in res.problems}
    assert got == {("涉农补贴", 1, "H"), ("涉农补贴", 2, "E"), ("涉农补贴", 2, "G")}
    g = next(p for p in res.problems if p.column == "G")
    assert g.header == "特定群体"
    assert res.rows[0].text.marks.specific is None   # not guessed
    line = next(x for x in res.problem_lines() if "列「G" in x)
    assert line.startswith("文件 bad.xlsx，工作表「涉农补贴」，第 2 行，列「G 特定群体」：")


def test_data_under_a_column_without_header_is_reported_once(tmp_path):
    head = ["序号", "一级事项", "二级事项", "公开内容"]
    rows = [head, [1, "a", "b", "c", "多出来的"], [2, "x", "y", "z", "又一个"]]
    res = read_table(build(tmp_path / "a.xlsx", [("涉农补贴", rows, [])]))
    assert [(p.row, p.column) for p in res.problems] == [(2, "E")]


def test_first_row_without_level1_is_reported_not_invented(tmp_path):
    head = ["序号", "一级事项", "二级事项", "公开内容"]
    res = read_table(build(tmp_path / "a.xlsx",
                           [("涉农补贴", [head, [1, None, "b", "c"], [2, "x", "y", "z"]], [])]))
    assert [r.text.level1 for r in res.rows] == ["x"]
    assert [(p.row, p.column) for p in res.problems] == [(2, "B")]


def test_hidden_and_toc_sheets_are_skipped(tmp_path):
    path = build(tmp_path / "a.xlsx", [("总目录", [["序号", "公开领域", "事项数"], [1, "涉农补贴", 2]], []),
                                       ("涉农补贴", [H1, H2, ROW_A], header_merges(1)),
                                       ("草稿", [H1, H2, ROW_B], header_merges(1))])
    wb = openpyxl.load_workbook(path)
    wb["草稿"].sheet_state = "hidden"
    wb.save(path)
    res = read_table(path)
    assert len(res.rows) == 1
    skipped = {s.name: s.skipped for s in res.sheets}
    assert skipped == {"总目录": "总目录", "草稿": "隐藏的工作表", "涉农补贴": ""}


def test_file_without_any_table_is_refused(tmp_path):
    path = build(tmp_path / "notes.xlsx", [("说明", [["这是说明"], ["没有表格"]], [])])
    with pytest.raises(InputError, match="没有找到标准目录表格"):
        read_table(path)


def test_xls_with_merges_is_read(tmp_path):
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook(encoding="utf-8")
    sh = book.add_sheet("涉农补贴")
    sh.write_merge(0, 0, 0, 13, "涉农补贴领域基层政务公开标准目录")
    for c, v in enumerate(H1):
        if v and c not in (1, 8, 10, 12):
            sh.write_merge(1, 2, c, c, v)
    for c, v in ((1, "公开事项"), (8, "公开对象"), (10, "公开方式"), (12, "公开层级")):
        sh.write_merge(1, 1, c, c + 1, v)
    for c, v in enumerate(H2):
        if v:
            sh.write(2, c, v)
    for r, row in ((3, ROW_A), (4, ROW_B)):
        for c, v in enumerate(row):
            if v is not None:
                sh.write(r, c, v)
    path = tmp_path / "old.xls"
    book.save(str(path))
    res = read_table(path)
    assert res.problems == []
    assert [r.text for r in res.rows] == [TEXT_A, TEXT_B]


def test_progress_is_called_and_can_cancel(tmp_path):
    from catalog.errors import Cancelled
    rows = [H1, H2] + [[i, f"事项{i}", "", "内容"] + [None] * 10 for i in range(1, 600)]
    path = build(tmp_path / "big.xlsx", [("涉农补贴", rows, header_merges(1))])
    seen = []
    res = read_table(path, progress=lambda d, t: seen.append((d, t)) or True)
    assert len(res.rows) == 599 and seen and seen[-1][0] == seen[-1][1]
    with pytest.raises(Cancelled):
        read_table(path, progress=lambda d, t: False)


# ---- cell-level parsing --------------------------------------------------------------------------

@pytest.mark.parametrize("text,value", [("√", True), ("✓", True), ("是", True), ("■", True), ("R", True),
                                        ("", False), ("□", False), ("£", False), ("否", False), ("？", None)])
def test_marks(text, value):
    assert parse_mark(text) == (value, True)


def test_unknown_mark_is_not_understood():
    assert parse_mark("大概") == (None, False)


def test_channel_cells():
    assert parse_channels("■政府网站 □政府公报 ■其他:基层公共服务平台 ■投资项目在线审批监管平台") == (
        ("政府网站", "其他:基层公共服务平台", "投资项目在线审批监管平台"), [])
    assert parse_channels("政府网站；发布会听证会\n社区、企事业单位、村公示栏（电子屏）") == (
        ("政府网站", "发布会/听证会", "社区/企事业单位/村公示栏(电子屏)"), [])
    assert parse_channels("其他：平台（含A、B）") == (("其他:平台（含A、B）",), [])
    assert parse_channels("") == (None, [])
    assert parse_channels("？") == (None, [])
    assert parse_channels("□政府网站 □其他") == ((), [])
    assert parse_channels("前缀 ■政府网站")[1]


def test_split_items_by_lines_and_numbering():
    assert split_items("a\n b \n\nc") == ("a", "b", "c")
    assert split_items("1.政策依据；2.申请指南；3.补贴结果") == ("政策依据", "申请指南", "补贴结果")
    assert split_items("（1）名单\n（2）金额") == ("名单", "金额")
    assert split_items("1.5倍标准") == ("1.5倍标准",)
    assert split_items("依据第1、2条") == ("依据第1、2条",)


def test_text_valued_audience_mode_level_columns_and_city_column(tmp_path):
    head = ["序号", "一级事项", "二级事项", "公开内容", "公开对象", "公开方式", "公开层级", "市级"]
    rows = [head, [1, "a", "b", "c", "全社会", "主动、依申请", "县级、乡级", "√"],
            [2, "d", "e", "f", "特定群众", "主动", "乡级", ""],
            [3, "g", "h", "i", "不知道", "", "镇街", "？"]]
    res = read_table(build(tmp_path / "a.xlsx", [("涉农补贴", rows, [])]))
    assert [r.text.marks for r in res.rows] == [Marks(True, False, True, True, True, True),
                                               Marks(False, True, True, False, False, True),
                                               Marks(None, None, None, None, False, True)]
    assert [r.city for r in res.rows] == [True, False, None]
    assert [(p.row, p.column, p.header) for p in res.problems] == [(4, "E", "公开对象")]


def test_real_world_level_wordings():
    from catalog.stdtable.headers import match_field
    assert match_field("镇(街)级") == match_field("镇街（园区）级") == match_field("乡（镇）级") == "township"
    assert match_field("县（区）级") == match_field("县(市、区)级") == "county"
    assert match_field("市级") == "city"
    assert match_field("公开依据（文件名称及文号）") == "basis"
    assert match_field("公 开 内 容") == "content"
    assert match_field("公开对象-全社会") == "public"
    assert match_field("村（社区）级") == "village"
    assert match_field("神秘") is None


def test_first_data_row_with_header_like_words_is_not_taken_for_a_sub_header(tmp_path):
    head = ["序号", "一级事项", "二级事项", "公开内容", "公开对象", "公开方式", "公开层级"]
    rows = [head, [1, "d", "e", "f", "特定群众", "主动", "乡级"]]
    res = read_table(build(tmp_path / "a.xlsx", [("涉农补贴", rows, [])]))
    assert [r.text.level2 for r in res.rows] == ["e"]
    assert res.sheets[0].header_rows == (1,)
