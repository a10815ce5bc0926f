"""The roster reader keeps spreadsheet positions when reading a sheet row by row (see reader._cells)."""
from __future__ import annotations

from catalog.noticeboard.reader import read_book


def test_cells_keep_their_row_and_column_when_data_starts_late(tmp_path):
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws["C4"] = "姓名"
    ws["D6"] = 2
    wb.create_sheet("空表")
    wb.save(tmp_path / "off.xlsx")
    first, empty = read_book(tmp_path / "off.xlsx").sheets
    assert first.rows[3][2] == "姓名" and first.rows[5][3] == 2.0
    assert len(first.rows) == 6 and all(len(r) == 4 for r in first.rows)
    assert empty.rows == []
