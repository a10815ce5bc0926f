"""Privacy scan: planted IDs, card numbers and phones in xlsx, csv (GBK), pdf and docx; no false hits."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.errors import InputError
from catalog.privacy.mask import write_masked_copy
from catalog.privacy.pii import find_pii, id_check_char, is_card_number, is_valid_id, luhn_ok, mask_matches
from catalog.privacy.scan import detect, excerpt, scan_file
from cli import main as cli_main


def valid_id(first17: str) -> str:
    return first17 + id_check_char(first17)


def luhn_complete(prefix: str) -> str:
    return next(prefix + c for c in "0123456789" if luhn_ok(prefix + c))


ID1 = valid_id("11010519491231002")              # 11010519491231002X
ID2 = valid_id("42010219900307123")
CARD = luhn_complete("622202123456789012")       # 19 digits, UnionPay
CARD16 = luhn_complete("436742123456789")        # 16 digits, Visa
PHONE, PHONE2 = "13800138000", "15912345678"
ORDER = "12345678901234567890"                   # 20 digits: neither an ID nor a card
BAD_ID = ID1[:17] + ("1" if ID1[17] != "1" else "2")
BAD_CARD = CARD[:18] + str((int(CARD[18]) + 1) % 10)
SECRETS = (ID1, ID2, CARD, CARD16, PHONE, PHONE2)
NUMERIC_ID = 110105194912310020                  # an ID typed into Excel as a number: 15 digits survive
assert ORDER and not luhn_ok(ORDER) and not is_card_number(BAD_CARD)
assert not is_valid_id(str(int(float(NUMERIC_ID))))


def assert_no_secret(text: str) -> None:
    for s in SECRETS:
        assert s not in text, s


class TestDetect:
    def test_finds_each_kind(self):
        text = (f"张三 {ID1} 卡号{CARD}，电话 {PHONE}；"
                f"李四 {CARD16[:4]} {CARD16[4:8]} {CARD16[8:12]} {CARD16[12:]}")
        kinds = [m.kind for m in find_pii(text)]
        assert kinds == ["id_number", "bank_card", "mobile", "bank_card"]

    @pytest.mark.parametrize("text", [
        ORDER, f"订单号{ORDER}", "单号 98765432109876543210", BAD_ID, BAD_CARD, "6222021234567890",
        "2026-11-22", "金额 13800138000.50 元", "1380013800", "138001380001", "19491231", "11010519491231002",
        "邮编 100000",
    ])
    def test_no_false_hits(self, text):
        assert find_pii(text) == []

    def test_phone_forms(self):
        for t in ("+86 138-0013-8000", "8613800138000", "138 0013 8000", "电话:13800138000。"):
            (m,) = find_pii(t)
            assert m.kind == "mobile"
            assert mask_matches(t, [m])[0].endswith(("138****8000", "138****8000。"))

    def test_id_is_not_also_a_card_or_phone(self):
        assert [m.kind for m in find_pii(f"{ID2}")] == ["id_number"]

    @settings(max_examples=400, deadline=None)
    @given(st.one_of(st.text("0123456789", min_size=11, max_size=19),
                     st.sampled_from([ID2[:17], CARD[:18], CARD16[:15], "1380013800", "861380013800"])
                     .flatmap(lambda p: st.sampled_from([p + c for c in "0123456789"]))))
    def test_digit_fast_path_agrees_with_the_regexes(self, digits):
        # "：" + digits takes the general (regex) path; digits alone take the fast path.
        slow = [(m.kind, m.start - 1, m.end - 1) for m in find_pii("：" + digits)]
        assert [(m.kind, m.start, m.end) for m in find_pii(digits)] == slow

    def test_bank_column_takes_long_numbers_without_luhn(self):
        assert detect("6228480000000000001") == []
        assert [m.kind for m in detect("6228480000000000001", bank_column=True)] == ["bank_card"]
        assert detect("一组", bank_column=True) == []

    def test_excerpt_is_masked(self):
        text = f"备注：{ID1}，卡{CARD}，手机{PHONE}，其余内容很长很长很长"
        ms = find_pii(text)
        for i in range(len(ms)):
            ex = excerpt(text, ms, i)
            assert_no_secret(ex)
            assert ex
        assert excerpt(text, ms, 2).startswith("…") and "138****8000" in excerpt(text, ms, 2)


# ---- files ------------------------------------------------------------------------------------------
def make_xlsx(path: Path) -> Path:
    import openpyxl
    import openpyxl.styles
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws["B1"] = "某村2026年耕地地力保护补贴发放花名册"
    for col, head in zip("BCDEF", ("姓名", "身份证号", "银行卡号", "联系电话", "订单号"), strict=True):
        ws[f"{col}3"] = head
    ws.append([None, "张三", ID1, CARD, int(PHONE), ORDER])
    ws["C4"].font = openpyxl.styles.Font(bold=True, color="FF0000")
    ws.append([None, "李四", NUMERIC_ID, "6228480000000000001", f"备注 {PHONE2}", BAD_ID])
    ws.append([None, "王五", "（无）", BAD_CARD, "0710-1234567", "备注无"])
    hidden = wb.create_sheet("备份")
    hidden.sheet_state = "hidden"
    hidden["A1"] = f"{ID2}"
    wb.save(path)
    return path


def make_csv_gbk(path: Path) -> Path:
    lines = ["村,姓名,身份证号,手机,订单号", f"一村,张三,{ID1},{PHONE},{ORDER}",
             f"二村,李四,{BAD_ID},无,{CARD}",
             f'三村,王五,"住址 某某路 {ID2}",{BAD_CARD},x']
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    return path


def make_pdf(path: Path) -> Path:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from catalog.resources import font_path
    pdfmetrics.registerFont(TTFont("ScanTestFont", str(font_path()), subfontIndex=0))
    c = canvas.Canvas(str(path))
    c.setFont("ScanTestFont", 12)
    c.drawString(72, 800, "某村补贴公示名单")
    c.drawString(72, 780, f"张三 身份证号 {ID1} 电话 {PHONE}")
    c.drawString(72, 760, f"订单号 {ORDER}")
    c.showPage()
    c.showPage()                                  # page 2: no text (stands for a scanned image)
    c.setFont("ScanTestFont", 12)
    c.drawString(72, 800, f"收款卡号 {CARD}")
    c.save()
    return path


def make_raw_xlsx(path: Path) -> Path:
    """An xlsx written by hand: shared strings (one rich text), a formula with a cached phone, calcChain."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    strings = ["姓名", "身份证号", "电话", "张三", ID1, f"联系 {PHONE}", "合计"]
    sst = "".join(f"<si><t>{t}</t></si>" for t in strings[:5])
    sst += (f'<si><r><t>联系 </t></r><r><t>{PHONE}</t></r><rPh sb="0" eb="1"><t>x</t></rPh></si>'
            '<si><t>合计</t></si>')
    rows = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" '
            't="s"><v>2</v></c><c r="D1" t="s"><v>6</v></c></row><row r="2"><c r="A2" t="s"><v>3</v></c><c '
            'r="B2" t="s"><v>4</v></c><c r="C2" t="s"><v>5</v></c></row><row r="3"><c '
            f'r="B3"><v>{PHONE2}</v></c><c r="C3"/><c r="D3" t="str"><f>A1&amp;B1</f><v>{PHONE}</v></c><c '
            'r="E3"><f>1+1</f><v>2</v></c></row>')
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
            'PartName="/xl/'
            'workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" '
            'ContentType='
            '"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override '
            'PartName='
            '"/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
            'calcChain+xml"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http:'
            '//schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
            f'Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
            '<sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" '
            'Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
            f'<Relationship Id="rId3" Type="{rel}/calcChain" Target="calcChain.xml"/></Relationships>'),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}"><sheetData>{rows}</sheetData>'
            '</worksheet>'),
        "xl/sharedStrings.xml": f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{main}">{sst}</sst>',
        "xl/calcChain.xml": f'<?xml version="1.0" encoding="UTF-8"?><calcChain xmlns="{main}"><c r="D3" '
                            'i="1"/><c r="E3"/></calcChain>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            z.writestr(name, text)
    return path


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="xml" ContentType="application/xml"/></Types>')


def make_docx(path: Path, document: str | None = None, extra: dict[str, bytes] | None = None) -> Path:
    def p(*runs: str) -> str:
        return "<w:p>" + "".join(f"<w:r><w:t>{r}</w:t></w:r>" for r in runs) + "</w:p>"
    body = (p("关于某村补贴发放情况的公示")
            + p("张三，身份证号", ID1[:10], ID1[10:], "。")       # Word splits numbers across runs
            + p(f"订单号 {ORDER}")
            + "<w:tbl><w:tr><w:tc>" + p("姓名") + "</w:tc><w:tc>" + p("电话") + "</w:tc></w:tr>"
            + "<w:tr><w:tc>" + p("李四") + "</w:tc><w:tc>" + p(PHONE) + "</w:tc></w:tr></w:tbl>"
            + p("以上。"))
    document = document or (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}">'
                            f"<w:body>{body}</w:body></w:document>")
    header = f'<?xml version="1.0" encoding="UTF-8"?><w:hdr xmlns:w="{W_NS}">{p("联系卡号 " + CARD)}</w:hdr>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("word/document.xml", document)
        z.writestr("word/header1.xml", header)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return path


def summary_and_locations(result) -> tuple[dict, list[tuple[str, str]]]:
    return result.summary(), [(h.kind, h.location.text()) for h in result.hits]


class TestXlsx:
    def test_hits_with_locations(self, tmp_path):
        result = scan_file(make_xlsx(tmp_path / "roster.xlsx"))
        summary, locs = summary_and_locations(result)
        assert summary == {"id_number": 3, "bank_card": 3, "mobile": 2}
        assert locs == [
            ("id_number", "工作表「花名册」第 4 行 C 列（身份证号）"),
            ("bank_card", "工作表「花名册」第 4 行 D 列（银行卡号）"),
            ("mobile", "工作表「花名册」第 4 行 E 列（联系电话）"),
            ("id_number", "工作表「花名册」第 5 行 C 列（身份证号）"),          # typed as a number
            ("bank_card", "工作表「花名册」第 5 行 D 列（银行卡号）"),          # account column, no Luhn
            ("mobile", "工作表「花名册」第 5 行 E 列（联系电话）"),
            ("bank_card", "工作表「花名册」第 6 行 D 列（银行卡号）"),          # mistyped, still an account
            ("id_number", "工作表「备份」（隐藏工作表）第 1 行 A 列"),
        ]
        assert "末几位已丢失" in result.hits[3].excerpt
        assert_no_secret(json.dumps(result.to_json(), ensure_ascii=False))

    @pytest.mark.parametrize("direct", [True, False])
    def test_masked_copy(self, tmp_path, monkeypatch, direct):
        if not direct:                                # the openpyxl fallback gives the same copy
            monkeypatch.setattr("catalog.privacy.mask_xlsx.mask_xlsx", lambda *a, **k: None)
        src = make_xlsx(tmp_path / "roster.xlsx")
        before = src.read_bytes()
        copy = write_masked_copy(src, tmp_path / "公示版.xlsx")
        assert copy.cells == 8 and src.read_bytes() == before
        assert scan_file(copy.path).hits == []
        import openpyxl
        ws = openpyxl.load_workbook(copy.path)["花名册"]
        assert ws["C4"].value == "11*************02X" and ws["D4"].value == "（不予公示）"
        assert ws["C4"].font.bold                     # formatting kept
        assert ws["E4"].value == "138****8000" and ws["F4"].value == ORDER and ws["F5"].value == BAD_ID
        assert ws["B1"].value.startswith("某村") and ws["B4"].value == "张三"
        assert not list(tmp_path.glob(".*.part"))

    def test_masked_copy_keeps_images(self, tmp_path):
        from openpyxl import load_workbook
        from openpyxl.drawing.image import Image
        from PIL import Image as PILImage
        src = make_xlsx(tmp_path / "roster.xlsx")
        PILImage.new("RGB", (20, 10), "red").save(tmp_path / "seal.png")
        wb = load_workbook(src)
        wb["花名册"].add_image(Image(str(tmp_path / "seal.png")), "H2")
        wb.save(src)
        copy = write_masked_copy(src, tmp_path / "out.xlsx")
        assert copy.cells == 8
        names = zipfile.ZipFile(copy.path).namelist()
        assert any(n.startswith("xl/media/") for n in names)
        assert "1 个图片" in scan_file(src).notes[0]
        assert load_workbook(copy.path)["花名册"]["C4"].value == "11*************02X"

    def test_shared_strings_formulas_and_calc_chain(self, tmp_path):
        src = make_raw_xlsx(tmp_path / "raw.xlsx")
        result = scan_file(src)
        assert [(h.kind, h.location.text()) for h in result.hits] == [
            ("id_number", "工作表「名单」第 2 行 B 列（身份证号）"),
            ("mobile", "工作表「名单」第 2 行 C 列（电话）"),
            ("mobile", "工作表「名单」第 3 行 B 列（身份证号）"),
            ("mobile", "工作表「名单」第 3 行 D 列（合计）")]
        copy = write_masked_copy(src, tmp_path / "out.xlsx")
        assert copy.cells == 4
        z = zipfile.ZipFile(copy.path)
        assert "xl/calcChain.xml" not in z.namelist()
        assert "calcChain" not in z.read("[Content_Types].xml").decode()
        assert "calcChain" not in z.read("xl/_rels/workbook.xml.rels").decode()
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        assert '<c r="A2" t="s"><v>3</v></c>' in sheet            # untouched cells stay as they were
        assert '<c r="E3"><f>1+1</f><v>2</v></c>' in sheet
        assert_no_secret(sheet)
        assert scan_file(copy.path).hits == []
        from openpyxl import load_workbook
        ws = load_workbook(copy.path)["名单"]
        assert ws["B2"].value == "11*************02X" and ws["D3"].value == "138****8000"
        assert ws["A2"].value == "张三"

    def test_masked_copy_refusals(self, tmp_path):
        src = make_xlsx(tmp_path / "roster.xlsx")
        with pytest.raises(InputError, match="不能覆盖原文件"):
            write_masked_copy(src, src)
        with pytest.raises(InputError, match=r"应保存为 \.xlsx"):
            write_masked_copy(src, tmp_path / "out.csv")
        with pytest.raises(InputError, match="文件夹不存在"):
            write_masked_copy(src, tmp_path / "nope" / "out.xlsx")
        pdf = make_pdf(tmp_path / "a.pdf")
        with pytest.raises(InputError, match="不支持的文件类型"):
            write_masked_copy(pdf, tmp_path / "out.pdf")

    def test_broken_and_bomb(self, tmp_path):
        bad = tmp_path / "bad.xlsx"
        bad.write_bytes(b"not a zip at all")
        with pytest.raises(InputError, match=r"bad\.xlsx"):
            scan_file(bad)
        bomb = tmp_path / "bomb.xlsx"
        with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("xl/worksheets/sheet1.xml", b"0" * (24 * 1024 * 1024))
        assert bomb.stat().st_size < 200 * 1024
        with pytest.raises(InputError, match="压缩炸弹"):
            scan_file(bomb)


def test_old_xls_and_txt(tmp_path):
    import xlwt
    wb = xlwt.Workbook()
    ws = wb.add_sheet("名单")
    for c, v in enumerate(("姓名", "身份证号", "手机")):
        ws.write(0, c, v)
    for c, v in enumerate(("张三", ID1, PHONE)):
        ws.write(1, c, v)
    wb.save(str(tmp_path / "old.xls"))
    hits = scan_file(tmp_path / "old.xls").hits
    assert [(h.kind, h.location.text()) for h in hits] == [
        ("id_number", "工作表「名单」第 2 行 B 列（身份证号）"),
        ("mobile", "工作表「名单」第 2 行 C 列（手机）")]
    with pytest.raises(InputError, match=r"另存为 \.xlsx"):
        write_masked_copy(tmp_path / "old.xls", tmp_path / "new.xlsx")
    (tmp_path / "a.txt").write_text(f"第一行\n联系人手机 {PHONE}\n", encoding="gbk")
    assert [h.location.text() for h in scan_file(tmp_path / "a.txt").hits] == ["第 2 行"]


class TestCsv:
    def test_gbk_hits(self, tmp_path):
        result = scan_file(make_csv_gbk(tmp_path / "名单.csv"))
        _, locs = summary_and_locations(result)
        assert locs == [("id_number", "第 2 行 C 列（身份证号）"), ("mobile", "第 2 行 D 列（手机）"),
                        ("bank_card", "第 3 行 E 列（订单号）"), ("id_number", "第 4 行 C 列（身份证号）")]
        assert result.hits[3].excerpt == "住址 某某路 42*************" + ID2[-3:]

    def test_masked_copy_keeps_gbk(self, tmp_path):
        src = make_csv_gbk(tmp_path / "名单.csv")
        copy = write_masked_copy(src, tmp_path / "公示.csv")
        assert copy.cells == 4
        text = Path(copy.path).read_bytes().decode("gbk")
        assert text.startswith("村,姓名,身份证号,手机,订单号\r\n")
        assert_no_secret(text)
        assert ORDER in text and BAD_ID in text and "（不予公示）" in text
        assert scan_file(copy.path).hits == []

    def test_utf8_semicolons_and_clean(self, tmp_path):
        p = tmp_path / "a.csv"
        p.write_text(f"\ufeff姓名;电话\n张三;{PHONE}\n", encoding="utf-8")
        assert [h.location.text() for h in scan_file(p).hits] == ["第 2 行 B 列（电话）"]
        p.write_text(f"姓名,订单号\n张三,{ORDER}\n", encoding="utf-8")
        assert scan_file(p).hits == []

    def test_first_row_is_scanned_too(self, tmp_path):
        # A short first row looks like a header; it must still be scanned.
        p = tmp_path / "b.csv"
        p.write_text(f"张三,电话{PHONE}\n李四,无\n", encoding="utf-8")
        assert [(h.kind, h.location.text()) for h in scan_file(p).hits] == [("mobile", "第 1 行 B 列")]


class TestProgress:
    def test_reports_and_cancels(self, tmp_path):
        from catalog.errors import Cancelled
        p = tmp_path / "big.csv"
        p.write_text("姓名,电话\n" + "".join(f"张三,{PHONE}\n" for _ in range(5000)), encoding="utf-8")
        seen = []
        assert len(scan_file(p, progress=lambda d, t: seen.append((d, t)) or True).hits) == 5000
        assert seen and seen[0][0] == 2000
        with pytest.raises(Cancelled):
            scan_file(p, progress=lambda d, t: False)


class TestPdf:
    def test_hits_per_page_and_line(self, tmp_path):
        result = scan_file(make_pdf(tmp_path / "公示.pdf"))
        _, locs = summary_and_locations(result)
        assert locs == [("id_number", "第 1 页第 2 行"), ("mobile", "第 1 页第 2 行"),
                        ("bank_card", "第 3 页第 1 行")]
        assert result.notes and "第 2 页没有可提取的文字" in result.notes[0]
        assert_no_secret(json.dumps(result.to_json(), ensure_ascii=False))

    def test_broken_pdf(self, tmp_path):
        p = tmp_path / "x.pdf"
        p.write_bytes(b"%PDF-1.4\n garbage")
        with pytest.raises(InputError, match=r"x\.pdf"):
            scan_file(p)


class TestDocx:
    def test_hits_in_body_table_and_header(self, tmp_path):
        result = scan_file(make_docx(tmp_path / "公示.docx"))
        _, locs = summary_and_locations(result)
        assert locs == [("id_number", "正文第 2 段"), ("mobile", "正文表格 1 第 2 行第 2 列"),
                        ("bank_card", "页眉第 1 段")]
        assert result.hits[0].excerpt == "张三，身份证号11*************02X。"

    def test_zip_bomb_refused(self, tmp_path):
        p = make_docx(tmp_path / "bomb.docx", extra={"word/media/big.bin": b"\0" * (24 * 1024 * 1024)})
        with pytest.raises(InputError, match="压缩炸弹"):
            scan_file(p)

    def test_entity_expansion_refused(self, tmp_path):
        doc = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><w:'
               f'document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:'
               'document>')
        with pytest.raises(InputError, match="Word 文档内容损坏"):
            scan_file(make_docx(tmp_path / "dtd.docx", document=doc))

    def test_not_a_docx(self, tmp_path):
        p = tmp_path / "x.docx"
        with zipfile.ZipFile(p, "w") as z:
            z.writestr("hello.txt", "hi")
        with pytest.raises(InputError, match=r"缺少 word/document\.xml"):
            scan_file(p)


class TestCli:
    def test_json_and_exit_codes(self, tmp_path, capsys):
        src = make_xlsx(tmp_path / "roster.xlsx")
        out = tmp_path / "masked.xlsx"
        assert cli_main(["scan", str(src), "--json", "--masked-copy", str(out)]) == 1
        data = json.loads(capsys.readouterr().out)
        assert list(data) == ["file", "hits", "summary", "notes", "masked_copy"]
        assert list(data["hits"][0]) == ["kind", "location", "excerpt"]
        assert data["summary"] == {"id_number": 3, "bank_card": 3, "mobile": 2}
        assert data["masked_copy"]["cells"] == 8
        assert_no_secret(json.dumps(data, ensure_ascii=False))
        assert cli_main(["scan", str(out), "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["hits"] == []

    def test_text_output(self, tmp_path, capsys):
        assert cli_main(["scan", str(make_pdf(tmp_path / "a.pdf"))]) == 1
        captured = capsys.readouterr()
        assert "发现 3 处个人信息（身份证号 1 处，银行卡号 1 处，手机号 1 处）" in captured.out
        assert "第 3 页第 1 行" in captured.out and "第 2 页没有可提取的文字" in captured.err
        assert_no_secret(captured.out + captured.err)

    def test_failures_exit_2(self, tmp_path, capsys):
        assert cli_main(["scan", str(tmp_path / "missing.xlsx")]) == 2
        assert "找不到文件" in capsys.readouterr().err
        p = tmp_path / "a.png"
        p.write_bytes(b"x")
        assert cli_main(["scan", str(p)]) == 2
        assert "不支持的文件类型" in capsys.readouterr().err
