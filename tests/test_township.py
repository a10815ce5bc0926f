"""Township profile validation and village lists (text in UTF-8/GBK, xlsx)."""
from __future__ import annotations

import pytest

from catalog.errors import InputError
from catalog.township.profile import (
    Township,
    Village,
    code_problem,
    parse_village_text,
    read_villages_file,
    validate_township,
)


@pytest.mark.parametrize("code", ["420102001000", "110105003000", "650102100000"])
def test_valid_township_codes(code):
    assert code_problem(code) is None


@pytest.mark.parametrize("code, words", [
    ("42010200100", "12 位"), ("4201020010001", "12 位"), ("42010200100A", "12 位"),
    ("990102001000", "省级"), ("420102000000", "7–9"), ("420102001201", "最后 3 位"),
])
def test_invalid_township_codes(code, words):
    assert words in code_problem(code)


def test_validate_names_and_duplicates():
    with pytest.raises(InputError, match="名称不能为空"):
        validate_township(Township(" ", "某县", "420102001000"))
    with pytest.raises(InputError, match="县"):
        validate_township(Township("某镇", "", "420102001000"))
    with pytest.raises(InputError, match="重复") as err:
        validate_township(Township("某镇", "某县", "420102001000",
                                   villages=(Village("张家村"), Village("张家村"))))
    assert err.value.row == 2
    with pytest.raises(InputError, match="不属于本乡镇"):
        validate_township(Township("某镇", "某县", "420102001000",
                                   villages=(Village("张家村", "420102002201"),)))


def test_parse_villages_with_codes_header_and_fullwidth_comma():
    vs = parse_village_text("村名,代码\n张家村,420102001201\n\n李家村，420102001202\n王家湾社区\n")
    assert vs == (Village("张家村", "420102001201"), Village("李家村", "420102001202"),
                  Village("王家湾社区", ""))


def test_read_villages_gbk_and_utf8_bom(tmp_path):
    gbk = tmp_path / "v_gbk.txt"
    gbk.write_bytes("张家村\n李家村,420102001202\n".encode("gbk"))
    assert [v.name for v in read_villages_file(gbk)] == ["张家村", "李家村"]
    bom = tmp_path / "v_bom.csv"
    bom.write_bytes("\ufeff张家村,420102001201\n".encode("utf-8"))
    assert read_villages_file(bom)[0] == Village("张家村", "420102001201")


def test_read_villages_xlsx(tmp_path):
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.append(["村名", "代码"])
    ws.append(["张家村", 420102001201])
    ws.append(["李家村", "420102001202"])
    path = tmp_path / "v.xlsx"
    wb.save(path)
    assert read_villages_file(path) == (Village("张家村", "420102001201"), Village("李家村", "420102001202"))


def test_missing_file():
    with pytest.raises(InputError, match="不存在"):
        read_villages_file("/nonexistent/villages.txt")
