"""Issue 13 #3: workbooks whose cells carry no r= are measured by position before calamine sees them."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from catalog.errors import InputError, KnownError
from catalog.xlsx_safety import check_xlsx

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def raw_xlsx(path: Path, sheet_data: str, *, sheet_name: str = "名册") -> Path:
    """A minimal workbook around the given <sheetData> content."""
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ct}.worksheet+xml"/></Types>'),
        "_rels/.rels": (f'<?xml version="1.0"?><Relationships xmlns="{PKG}"><Relationship Id="rId1" '
                        f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (f'<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
                            f'<sheet name="{sheet_name}" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0"?><Relationships xmlns="{PKG}">'
            f'<Relationship Id="rId1" Type="{REL}/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>'),
        "xl/worksheets/sheet1.xml": (f'<?xml version="1.0"?><worksheet xmlns="{MAIN}"><sheetData>{sheet_data}'
                                     "</sheetData></worksheet>"),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return path


HOSTILE = {
    # the reproduction: 1.5 KB, one row at r=60000 with 16,384 <c/> without r=
    "far_row_bare_cells": '<row r="60000">' + "<c/>" * 16384 + "</row>",
    "row_99999_702_columns": '<row r="99999">' + "<c><v>1</v></c>" * 702 + "</row>",
    "rows_by_position": "<row/>" * 60000 + "<row>" + "<c/>" * 16384 + "</row>",
    "prefixed_cells": '<row r="60000">' + ('<x:c xmlns:x="' + MAIN + '"/>') * 16384 + "</row>",
    "spaced_tags": '<row\nr="60000">' + "<c\n/>" * 16384 + "</row>",
    "after_addressed_cell": '<row r="60000"><c r="ZZ60000"/>' + "<c/>" * 16000 + "</row>",
}


@pytest.fixture
def far_file(tmp_path):
    return raw_xlsx(tmp_path / "far.xlsx", HOSTILE["far_row_bare_cells"])


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_gate_bounds_rows_times_columns_counting_cells_by_position(tmp_path, name):
    path = raw_xlsx(tmp_path / f"{name}.xlsx", HOSTILE[name])
    assert path.stat().st_size < 20_000
    with pytest.raises(InputError, match="单元格范围异常大"):
        check_xlsx(path)


def test_ordinary_bare_cells_still_open(tmp_path):
    rows = "".join("<row>" + "<c t=\"inlineStr\"><is><t>x</t></is></c>" * 12 + "</row>" for _ in range(200))
    path = raw_xlsx(tmp_path / "ok.xlsx", rows)
    check_xlsx(path)
    from catalog.xlsx_safety import open_calamine_safely
    assert open_calamine_safely(path).get_sheet_by_name("名册").height == 200


def test_every_import_path_refuses_the_far_file(far_file, tmp_path):
    with pytest.raises(InputError):
        check_xlsx(far_file)              # guard: if the gate let it through, the calls below would abort
    from catalog.noticeboard.importer import import_roster
    from catalog.privacy.mask import write_masked_copy
    from catalog.privacy.scan import scan_file
    from catalog.stdtable.reader import read_table
    from catalog.township.profile import read_villages_file
    calls = [lambda: scan_file(far_file), lambda: write_masked_copy(far_file, tmp_path / "m.xlsx"),
             lambda: import_roster(far_file, villages=["张家村"]), lambda: read_table(far_file),
             lambda: read_villages_file(far_file)]
    for call in calls:
        try:
            call()
        except KnownError as err:
            assert "far.xlsx" in str(err)


def test_county_folder_skips_the_bad_file_and_imports_the_rest(tmp_path):
    from helpers import shipped
    from test_county import hand_made_xlsx

    from catalog.county.workspace import FAILED, IMPORTED, CountyWorkspace
    src = tmp_path / "in"
    src.mkdir()
    for i in range(3):
        hand_made_xlsx(src / f"good{i}.xlsx", title=f"丙{i}镇政务公开事项标准目录（2026年版）")
    raw_xlsx(src / "far.xlsx", HOSTILE["far_row_bare_cells"])
    (src / "broken.gkml").write_bytes(b"PK\x03\x04 not really")
    with CountyWorkspace.open(tmp_path / "county.db", shipped()) as cw:
        rep = cw.import_folder(src)
    status = {f.file: f.status for f in rep.files}
    assert status["far.xlsx"] == FAILED and status["broken.gkml"] == FAILED
    assert [status[f"good{i}.xlsx"] for i in range(3)] == [IMPORTED] * 3
