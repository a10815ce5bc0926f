"""Hostile and broken spreadsheets are refused with a clear Chinese message before any parser runs."""
from __future__ import annotations

import struct
import zipfile

import openpyxl
import pytest

from catalog import xlsx_safety
from catalog.errors import InputError, KnownError
from catalog.stdtable import read_table
from catalog.xlsx_safety import (
    check_spreadsheet,
    check_xlsx,
    ensure_defused_openpyxl,
    open_calamine_safely,
    open_workbook_safely,
)

LAUGHS = ('<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "' + ("&lol;" if i == 1 else f"&lol{i - 1};") * 10 + '">'
                    for i in range(1, 10))
          + "]>")


def plain_xlsx(path) -> str:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "涉农补贴"
    ws.append(["序号", "一级事项", "二级事项", "公开内容"])
    ws.append([1, "农业", "补贴", "名单"])
    wb.save(path)
    return str(path)


def rewrite(src, dst, change) -> str:
    """Copy a zip, passing each part's bytes through change(name, data)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, change(info.filename, zin.read(info.filename)))
    return str(dst)


def billion_laughs(tmp_path) -> str:
    src = plain_xlsx(tmp_path / "ok.xlsx")

    def inject(name, data):
        if name == "xl/worksheets/sheet1.xml":
            text = data.decode().replace("<?xml version='1.0' encoding='UTF-8'?>", "")
            return (LAUGHS + text.replace(">农业<", ">&lol9;<")).encode()
        return data
    return rewrite(src, tmp_path / "laughs.xlsx", inject)


def zip_bomb(tmp_path, mb: int = 64) -> str:
    """A workbook-shaped zip whose sheet part inflates to `mb` MB of spaces (ratio ≈ 1000:1)."""
    src = plain_xlsx(tmp_path / "ok.xlsx")
    dst = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                zout.writestr(info.filename, zin.read(info.filename))
        with zout.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            chunk = b" " * (1 << 20)
            for _ in range(mb):
                fh.write(chunk)
    return str(dst)


def test_entity_attack_is_refused_before_parsing(tmp_path):
    path = billion_laughs(tmp_path)
    with pytest.raises(InputError, match="实体") as err:
        check_xlsx(path)
    assert "laughs.xlsx" in str(err.value) and "已拒绝打开" in str(err.value)
    with pytest.raises(InputError, match="实体"):
        read_table(path)
    with pytest.raises(InputError, match="实体"):
        open_workbook_safely(path)


def test_openpyxl_itself_refuses_entities_via_defusedxml(tmp_path):
    ensure_defused_openpyxl()
    path = billion_laughs(tmp_path)
    with pytest.raises(InputError, match="实体"):
        open_workbook_safely(path, deep=False)   # skip our scan: defusedxml still stops it


def test_defusedxml_must_be_active(monkeypatch):
    import openpyxl.xml
    monkeypatch.setattr(openpyxl.xml, "DEFUSEDXML", False)
    with pytest.raises(KnownError, match="defusedxml"):
        ensure_defused_openpyxl()


def test_zip_bomb_is_refused_from_declared_sizes(tmp_path, monkeypatch):
    path = zip_bomb(tmp_path)
    # the declared sizes alone decide: reading any part would be a failure of the test
    monkeypatch.setattr(xlsx_safety, "_scan_member", lambda *a: pytest.fail("inflated a bomb"))
    with pytest.raises(InputError, match="压缩炸弹") as err:
        check_xlsx(path)
    assert "压缩比" in str(err.value)
    with pytest.raises(InputError, match="压缩炸弹"):
        read_table(path)
    with pytest.raises(InputError, match="压缩炸弹"):
        open_calamine_safely(path)


def test_total_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_safety, "MAX_TOTAL_UNCOMPRESSED", 1000)
    with pytest.raises(InputError, match="解压后过大"):
        check_xlsx(plain_xlsx(tmp_path / "a.xlsx"))


def test_part_that_lies_about_its_size_is_refused(tmp_path):
    src = plain_xlsx(tmp_path / "ok.xlsx")
    path = rewrite(src, tmp_path / "liar.xlsx",
                   lambda n, d: d + b" " * 200_000 if n == "xl/worksheets/sheet1.xml" else d)
    data = bytearray(open(path, "rb").read())
    name = b"xl/worksheets/sheet1.xml"
    at = data.find(b"PK\x01\x02")
    while at != -1:   # patch the central directory entry's uncompressed size down to 100 bytes
        if data[at + 46:at + 46 + len(name)] == name:
            data[at + 24:at + 28] = struct.pack("<I", 100)
        at = data.find(b"PK\x01\x02", at + 4)
    open(path, "wb").write(bytes(data))
    with pytest.raises(InputError, match="损坏"):
        check_xlsx(path)


def test_not_a_spreadsheet_cases(tmp_path):
    html = tmp_path / "web.xls"
    html.write_text("<html><body><table><tr><td>1</td></tr></table></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="网页"):
        check_spreadsheet(html)
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="空的"):
        check_spreadsheet(empty)
    enc = tmp_path / "locked.xlsx"
    enc.write_bytes(xlsx_safety.OLE2_MAGIC + b"\0" * 600)
    with pytest.raises(InputError, match="密码"):
        check_spreadsheet(enc)
    docx = tmp_path / "doc.xlsx"
    with zipfile.ZipFile(docx, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(InputError, match="不是 Excel 工作簿"):
        check_spreadsheet(docx)
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(open(plain_xlsx(tmp_path / "ok.xlsx"), "rb").read()[:900])
    with pytest.raises(InputError, match="损坏"):
        check_spreadsheet(cut)
    with pytest.raises(InputError, match="不存在"):
        check_spreadsheet(tmp_path / "missing.xlsx")
    with pytest.raises(InputError, match="文件夹"):
        check_spreadsheet(tmp_path)


def test_genuine_files_pass(tmp_path):
    path = plain_xlsx(tmp_path / "ok.xlsx")
    assert check_spreadsheet(path) == "xlsx"
    assert open_workbook_safely(path)["涉农补贴"]["B2"].value == "农业"
    assert open_calamine_safely(path).sheet_names == ["涉农补贴"]


def test_far_away_cell_is_refused_before_calamine_allocates_the_grid(tmp_path):
    # calamine builds a dense grid up to the farthest cell: this 5 KB file would abort the process
    wb = openpyxl.Workbook()
    wb.active["A1"], wb.active["XFD1048576"] = "x", "y"
    wb.save(tmp_path / "far.xlsx")
    with pytest.raises(InputError, match="单元格范围异常大"):
        read_table(tmp_path / "far.xlsx")
    # the same with the reference written in single quotes and after another attribute
    src = str(tmp_path / "far.xlsx")
    odd = rewrite(src, tmp_path / "odd.xlsx",
                  lambda n, d: d.replace(b'<c r="XFD1048576"',
                                         b"<c s='0'\n r = 'XFD1048576'") if "sheet" in n else d)
    assert b"r = 'XFD1048576'" in zipfile.ZipFile(odd).read("xl/worksheets/sheet1.xml")
    with pytest.raises(InputError, match="单元格范围异常大"):
        check_xlsx(odd)


def test_a_stray_wide_cell_in_a_short_sheet_is_fine(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"], wb.active["XFD3"] = "x", "y"
    wb.save(tmp_path / "wide.xlsx")
    check_xlsx(tmp_path / "wide.xlsx")


def test_xls_with_a_far_cell_is_refused(tmp_path):
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    sheet = book.add_sheet("a")
    sheet.write(0, 0, "x")
    sheet.write(65535, 255, "y")   # calamine would build a 16.7-million-cell grid (≈1 GB)
    book.save(str(tmp_path / "far.xls"))
    with pytest.raises(InputError, match="单元格范围异常大"):
        read_table(tmp_path / "far.xls")


def test_broken_xls_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.xls"
    bad.write_bytes(xlsx_safety.OLE2_MAGIC + b"\0" * 2000)
    with pytest.raises(InputError, match=r"\.xls"):
        check_spreadsheet(bad)
