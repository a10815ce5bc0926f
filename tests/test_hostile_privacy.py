"""Issue 13 regressions: masked copies and scans see every text in the zip, not only the cells."""
from __future__ import annotations

import zipfile
from pathlib import Path

from catalog.privacy.mask import write_masked_copy
from catalog.privacy.scan import scan_file
from tests.test_scan import CARD, ID1, ID2, PHONE, SECRETS


def _roster(path: Path, rows: int = 30) -> Path:
    """A roster as Excel and WPS save it: shared strings, a comment, a title, a hidden sheet, a defined
    name."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.workbook.defined_name import DefinedName

    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append(["姓名", "身份证号", "银行卡号", "联系电话"])
    for i in range(rows):
        ws.append([f"村民{i}", ID1 if i % 2 else ID2, CARD, PHONE])
    ws["A2"].comment = Comment(f"核对身份证 {ID1}", "经办人")
    wb.properties.title = f"名单 {ID2}"
    wb.properties.subject = f"卡号 {CARD}"
    hidden = wb.create_sheet("备份")
    hidden.sheet_state = "hidden"
    hidden.append([f"备份 {ID1}"])
    wb.defined_names["持卡人"] = DefinedName("持卡人", attr_text=f'"{ID2}"')
    ws.oddHeader.center.text = f"经办人电话 {PHONE}"
    wb.save(path)
    return as_excel_saves(path)


def as_excel_saves(path: Path) -> Path:
    """Move every inline string into xl/sharedStrings.xml, as Excel and WPS save a workbook."""
    import html
    import re
    strings: list[str] = []

    def share(m: re.Match) -> str:
        strings.append(m.group(2))
        return f'<c{m.group(1)} t="s"><v>{len(strings) - 1}</v></c>'

    cell = re.compile(r'<c([^>]*?) t="inlineStr"><is><t[^>]*>(.*?)</t></is></c>', re.S)
    with zipfile.ZipFile(path) as zin:
        parts = {i.filename: zin.read(i) for i in zin.infolist()}
    for name in [n for n in parts if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)]:
        parts[name] = cell.sub(share, parts[name].decode()).encode()
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    sst = "".join(f'<si><t xml:space="preserve">{s}</t></si>' for s in strings)
    n = len(strings)
    parts["xl/sharedStrings.xml"] = f'<sst xmlns="{main}" count="{n}" uniqueCount="{n}">{sst}</sst>'.encode()
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", f'<Relationship Id="rIdSST" Type="{rel}" Target="sharedStrings.xml"/>'
                             "</Relationships>".encode())
    ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{ctype}"/></Types>'.encode())
    assert html.unescape(sst)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts.items():
            zout.writestr(name, data)
    return path


def _zip_text(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return "\n".join(zf.read(n).decode("utf-8", "replace") for n in zf.namelist())


def test_masked_copy_of_shared_strings_workbook_holds_no_original_anywhere(tmp_path):
    src = _roster(tmp_path / "花名册.xlsx")
    assert "xl/sharedStrings.xml" in zipfile.ZipFile(src).namelist()
    copy = write_masked_copy(src, tmp_path / "公示版.xlsx")
    assert copy.cells >= 90
    text = _zip_text(Path(copy.path))
    for secret in (*SECRETS[:3], PHONE):
        assert secret not in text, secret
    assert scan_file(copy.path).hits == []


def test_bank_column_account_failing_luhn_is_removed_from_shared_strings(tmp_path):
    from openpyxl import Workbook
    odd = "6230" + "12345678901" + "12"          # 17 digits in a 银行卡号 column, not Luhn-valid
    wb = Workbook()
    ws = wb.active
    ws.append(["户主", "银行卡号"])
    ws.append(["张三", odd])
    wb.save(tmp_path / "a.xlsx")
    as_excel_saves(tmp_path / "a.xlsx")
    copy = write_masked_copy(tmp_path / "a.xlsx", tmp_path / "b.xlsx")
    assert copy.cells == 1 and odd not in _zip_text(Path(copy.path))


def test_scan_reports_originals_left_in_shared_strings(tmp_path):
    """The old masked copy: cells rewritten as inline strings, the originals still in xl/sharedStrings.xml."""
    src = _roster(tmp_path / "花名册.xlsx", rows=2)
    out = tmp_path / "旧副本.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.startswith("xl/worksheets/"):
                text = data.decode()
                text = text.replace('t="s"', 't="str"')          # cells no longer point at the table
                data = text.encode()
            zout.writestr(info, data)
    hits = scan_file(out).hits
    where = {h.location.text() for h in hits}
    assert any("共享字符串表" in w and "没有单元格使用" in w for w in where)
    assert any("批注" in w for w in where) and any("文档属性" in w for w in where)
    assert all(s not in h.excerpt for h in hits for s in SECRETS)


def test_scan_reads_comments_properties_and_headers(tmp_path):
    src = _roster(tmp_path / "花名册.xlsx", rows=1)
    where = [h.location.text() for h in scan_file(src).hits]
    assert any(w.startswith("批注") for w in where)
    assert any(w.startswith("文档属性") for w in where)
    assert any("页眉页脚" in w for w in where)
    assert any("隐藏工作表" in w for w in where)


def test_text_outside_cells_stops_at_the_end_of_sheet_data_not_at_an_empty_cell():
    from catalog.privacy.xlsx_parts import default_mask, part_texts, scrub_xml
    sheet = (f'<worksheet><sheetData><row r="1"><c r="A1"/><c r="B1"><v>{PHONE}</v></c></row></sheetData>'
             f'<headerFooter><oddHeader>电话 {PHONE}</oddHeader></headerFooter></worksheet>')
    texts = [t for _, t in part_texts("xl/worksheets/sheet1.xml", sheet)]
    assert texts == [f"电话 {PHONE}"]
    out = scrub_xml("xl/worksheets/sheet1.xml", sheet, default_mask)
    assert f"<v>{PHONE}</v>" in out and f"电话 {PHONE}" not in out
