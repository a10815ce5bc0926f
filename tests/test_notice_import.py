"""Roster import: formats (xlsx, xls, GBK/UTF-8 csv), header synonyms, mapping, refused files."""
from decimal import Decimal

import pytest
from notice_helpers import HEADERS, VILLAGES, good_rows, make_id, write_csv, write_xls, write_xlsx

from catalog.errors import InputError
from catalog.noticeboard.importer import MappingError, import_roster, inspect_roster


def test_xlsx_with_title_row_and_synonyms(tmp_path):
    roster = import_roster(write_xlsx(tmp_path / "r.xlsx", good_rows()), villages=VILLAGES)
    assert roster.errors == []
    assert roster.mapping["name"] == "户主姓名" and roster.mapping["amount"] == "补贴金额（元）"
    assert roster.mapping["quantity"] == "面积（亩）" and roster.mapping["bank_account"] == "一卡通账号"
    first = roster.rows[0]
    assert first.line == 3                                    # title row + header row above it
    assert first.amount == Decimal("1107.75") and first.quantity == Decimal("10.5")
    assert first.id_number == make_id(1)
    assert roster.villages() == VILLAGES


def test_xls_import(tmp_path):
    roster = import_roster(write_xls(tmp_path / "r.xls", good_rows()), villages=VILLAGES)
    assert roster.kind == "xls" and roster.errors == [] and len(roster.person_rows()) == 6
    assert roster.rows[1].line == 3


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8", "utf-8-sig"])
def test_csv_encodings(tmp_path, encoding):
    rows = good_rows()
    rows[0][1] = "欧阳䶮"     # a rare character: GB18030 only, not GBK
    if encoding == "gbk":
        rows[0][1] = "欧阳娜"
    roster = import_roster(write_csv(tmp_path / "r.csv", rows, encoding=encoding), villages=VILLAGES)
    assert roster.errors == []
    assert roster.rows[0].name == rows[0][1]
    assert roster.rows[0].amount == Decimal(rows[0][8])


def test_csv_ids_kept_as_text_tricks(tmp_path):
    rows = good_rows(3)
    rows[0][2] = f'="{make_id(1)}"'
    rows[1][2] = "'" + make_id(2)
    rows[2][2] = make_id(3).lower()[:-1] + make_id(3)[-1].lower()
    roster = import_roster(write_csv(tmp_path / "r.csv", rows), villages=VILLAGES)
    assert [r.id_number for r in roster.rows] == [make_id(1), make_id(2), make_id(3).upper()]
    assert roster.errors == []


def test_amount_text_with_separators_and_unit(tmp_path):
    rows = good_rows(2)
    rows[0][8] = "1,107.75元"
    rows[1][8] = "￥1228.25"
    roster = import_roster(write_csv(tmp_path / "r.csv", rows, encoding="utf-8"), villages=VILLAGES)
    assert [r.amount for r in roster.rows] == [Decimal("1107.75"), Decimal("1228.25")]


def test_unmapped_required_column_refuses_whole_file(tmp_path):
    headers = [h if h != "补贴金额（元）" else "实发数" for h in HEADERS]
    path = write_xlsx(tmp_path / "r.xlsx", good_rows(), headers=headers)
    with pytest.raises(MappingError) as err:
        import_roster(path, villages=VILLAGES)
    assert "金额" in str(err.value) and "实发数" in str(err.value) and "r.xlsx" in str(err.value)
    assert err.value.missing == ["amount"] and "实发数" in err.value.headers
    # the clerk says which column it is: the import goes through
    roster = import_roster(path, villages=VILLAGES, mapping={"金额": "实发数"})
    assert roster.mapping["amount"] == "实发数" and roster.errors == []


def test_mapping_to_missing_header_is_explained(tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", good_rows())
    with pytest.raises(InputError, match="不存在"):
        import_roster(path, villages=VILLAGES, mapping={"amount": "没有这一列"})
    with pytest.raises(InputError, match="未知"):
        import_roster(path, villages=VILLAGES, mapping={"工资": "补贴金额（元）"})


def test_inspect_shows_headers_and_guess(tmp_path):
    layouts = inspect_roster(write_xlsx(tmp_path / "r.xlsx", good_rows()))
    assert layouts[0].header_line == 2
    assert layouts[0].mapped_headers()["id_number"] == "身份证号码"
    assert len(layouts[0].sample) == 5


def test_unreadable_files_are_refused(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook at all")
    with pytest.raises(InputError, match=r"bad\.xlsx"):
        import_roster(bad, villages=VILLAGES)
    empty = tmp_path / "e.csv"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="空"):
        import_roster(empty, villages=VILLAGES)
    with pytest.raises(InputError):
        import_roster(tmp_path / "missing.csv", villages=VILLAGES)
    no_header = write_csv(tmp_path / "n.csv", [["a", "b"], ["c", "d"]], headers=["x", "y"])
    with pytest.raises(InputError, match="没有找到名册数据"):
        import_roster(no_header, villages=VILLAGES)


def test_merged_village_cells_are_filled_down(tmp_path):
    from openpyxl import load_workbook
    path = write_xlsx(tmp_path / "r.xlsx", good_rows(3), title=None)
    wb = load_workbook(path)
    ws = wb.active
    for r in (2, 3, 4):
        ws.cell(r, 4).value = None
    ws.cell(2, 4).value = "张家村"
    ws.merge_cells("D2:D4")
    wb.save(path)
    roster = import_roster(path, villages=VILLAGES)
    assert [r.village for r in roster.rows] == ["张家村"] * 3


def test_sheet_per_village_without_village_column(tmp_path):
    from openpyxl import Workbook
    headers = [h for h in HEADERS if h != "村(社区)"]
    wb = Workbook()
    wb.remove(wb.active)
    for i, v in enumerate(["张家村", "李家村"]):
        ws = wb.create_sheet(v)
        ws.append(headers)
        row = good_rows(1)[0]
        del row[3]
        row[2] = make_id(i + 1)
        ws.append([float(x) if k in (6, 7) else x for k, x in enumerate(row)])
    wb.create_sheet("说明").append(["本表由财政所提供"])
    wb.save(tmp_path / "r.xlsx")
    roster = import_roster(tmp_path / "r.xlsx", villages=VILLAGES)
    assert [r.village for r in roster.rows] == ["张家村", "李家村"]
    assert any("按工作表名" in n for n in roster.notes)
    assert roster.errors == []


def test_total_and_note_lines_are_not_people(tmp_path):
    rows = good_rows(3)
    total = sum(Decimal(r[8]) for r in rows)
    rows.append(["合计", "", "", "", "", "", "", "", str(total), "", ""])
    rows.append(["制表人：王明    审核：李强", "", "", "", "", "", "", "", "", "", ""])
    roster = import_roster(write_csv(tmp_path / "r.csv", rows, encoding="utf-8"), villages=VILLAGES)
    assert len(roster.person_rows()) == 3
    assert roster.rows[-1].kind == "total"
    assert roster.errors == []
    assert any("制表人" in n for n in roster.notes)


def test_village_names_match_loosely(tmp_path):
    rows = good_rows(3)
    rows[0][3] = "张家村委会"
    rows[1][3] = "李家"
    rows[2][3] = "王家湾社区居委会"
    roster = import_roster(write_csv(tmp_path / "r.csv", rows, encoding="utf-8"), villages=VILLAGES)
    assert [r.village for r in roster.rows] == VILLAGES


def test_progress_moves_forward_and_cancel_writes_nothing(tmp_path):
    from catalog.errors import Cancelled
    path = write_xlsx(tmp_path / "r.xlsx", good_rows(6))
    seen = []
    import_roster(path, villages=VILLAGES, progress=lambda d, t: seen.append((d, t)) or True)
    fractions = [d / t for d, t in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    with pytest.raises(Cancelled):
        import_roster(path, villages=VILLAGES, progress=lambda d, t: False)
