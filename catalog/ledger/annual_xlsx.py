"""The annual report tables as an xlsx laid out like the 2021 format (merged headers, borders), to paste.

A fourth sheet lists the year's requests (依申请公开办理明细) with applicant names masked. Written to a
temporary file and moved into place, so a failed or refused export never leaves a half-written workbook.
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from catalog.errors import KnownError
from catalog.ledger.annual import (
    ACTIVE_SECTIONS,
    APPEAL_COLUMNS,
    CATEGORIES,
    CROSS_FOOTING_NOTE,
    RESULTS_HEADING,
    TOTAL,
    AnnualTables,
)
from catalog.ledger.appeals import KINDS
from catalog.ledger.outcomes import OUTCOMES
from catalog.ledger.requests import InfoRequest
from catalog.xlsx_write import clean, save_workbook

if TYPE_CHECKING:
    from openpyxl.styles import Alignment, Border, Font
    from openpyxl.worksheet.worksheet import Worksheet

FONT = "宋体"


def write_annual_xlsx(t: AnnualTables, path: Path | str, *, title: str, requests: Sequence[InfoRequest] = (),
                      statuses: dict[int, str] | None = None) -> Path:
    """Write the tables (already checked by cross_footing) to path; KnownError when the file is locked."""
    from openpyxl import Workbook
    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = "主动公开"
    _active(ws, t, title)
    _requests(wb.create_sheet("依申请公开"), t, title)
    _appeals(wb.create_sheet("复议诉讼"), t, title)
    _register(wb.create_sheet("办理明细"), t, requests, statuses or {})
    tmp = path.with_name(path.name + ".tmp")
    try:
        save_workbook(wb, tmp)
        os.replace(tmp, path)
    except PermissionError:
        tmp.unlink(missing_ok=True)
        raise KnownError(f"无法写入 {path}：文件可能正在 Excel 中打开，请关闭后重试") from None
    return path


def _styles() -> tuple[Font, Font, Border, Alignment, Alignment]:
    from openpyxl.styles import Alignment, Border, Font, Side
    thin = Side(style="thin")
    return (Font(name=FONT, size=11), Font(name=FONT, size=14, bold=True), Border(thin, thin, thin, thin),
            Alignment(horizontal="center", vertical="center", wrap_text=True),
            Alignment(horizontal="left", vertical="center", wrap_text=True))


def _put(ws: Worksheet, row: int, col: int, value: object, *, span: tuple[int, int] = (1, 1),
         left: bool = False) -> None:
    font, _big, border, center, leftal = _styles()
    rows, cols = span
    for r in range(row, row + rows):
        for c in range(col, col + cols):
            cell = ws.cell(r, c)
            cell.border, cell.font = border, font
            cell.alignment = leftal if left else center
    ws.cell(row, col).value = clean(value)
    if rows > 1 or cols > 1:
        ws.merge_cells(start_row=row, start_column=col, end_row=row + rows - 1, end_column=col + cols - 1)


def _fit(ws: Worksheet, *, landscape: bool) -> None:
    """Print on one page width (the tables are also printed for the file copy)."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0


def _heading(ws: Worksheet, text: str, width: int, title: str) -> None:
    _font, big, *_ = _styles()
    ws.cell(1, 1).value = clean(f"{title}{text}")
    ws.cell(1, 1).alignment = _styles()[4]
    ws.cell(1, 1).font = big
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.row_dimensions[1].height = 28


def _active(ws: Worksheet, t: AnnualTables, title: str) -> None:
    _heading(ws, "二、主动公开政府信息情况", 4, title)
    r = 2
    for section, heads, rows in ACTIVE_SECTIONS:
        _put(ws, r, 1, section, span=(1, 4))
        _put(ws, r + 1, 1, "信息内容")
        width = 3 // len(heads)
        for i, h in enumerate(heads):
            _put(ws, r + 1, 2 + i * width, h, span=(1, width))
        for j, row in enumerate(rows):
            _put(ws, r + 2 + j, 1, row)
            for i, h in enumerate(heads):
                v = t.active[row][h]
                _put(ws, r + 2 + j, 2 + i * width, float(v) if not isinstance(v, int) else v, span=(1, width))
        r += 2 + len(rows)
    for col, w in zip("ABCD", (22, 18, 18, 18), strict=True):
        ws.column_dimensions[col].width = w
    _fit(ws, landscape=False)


def _requests(ws: Worksheet, t: AnnualTables, title: str) -> None:
    _heading(ws, "三、收到和处理政府信息公开申请情况", 10, title)
    _put(ws, 2, 1, CROSS_FOOTING_NOTE, span=(3, 3))
    _put(ws, 2, 4, "申请人情况", span=(1, 7))
    _put(ws, 3, 4, CATEGORIES[0], span=(2, 1))
    _put(ws, 3, 5, "法人或其他组织", span=(1, 5))
    for i, c in enumerate(CATEGORIES[1:]):
        _put(ws, 4, 5 + i, c)
    _put(ws, 3, 10, TOTAL, span=(2, 1))
    r = 5
    rows = t.request_rows()
    outcome_rows = len(OUTCOMES) + 1
    for key, group, label in rows:
        if key in ("new", "carried_in", "carried_out"):
            _put(ws, r, 1, label, span=(1, 3), left=True)
        elif key == "total":
            _put(ws, r, 2, label, span=(1, 2), left=True)
        elif key == OUTCOMES[0].code:
            _put(ws, r, 1, RESULTS_HEADING, span=(outcome_rows, 1))
        if key in {o.code for o in OUTCOMES}:
            members = [o for o in OUTCOMES if o.group == group]
            if len(members) == 1:
                _put(ws, r, 2, group, span=(1, 2), left=True)
            else:
                if members[0].code == key:
                    _put(ws, r, 2, group, span=(len(members), 1), left=True)
                _put(ws, r, 3, label, left=True)
                if len(label) > 24:
                    ws.row_dimensions[r].height = 30
        for i, c in enumerate((*CATEGORIES, TOTAL)):
            _put(ws, r, 4 + i, t.requests[key][c])
        r += 1
    for col, w in zip("ABCDEFGHIJ", (14, 16, 50, 9, 9, 9, 11, 11, 9, 9), strict=True):
        ws.column_dimensions[col].width = w
    ws.row_dimensions[2].height = 24
    _fit(ws, landscape=True)


def _appeals(ws: Worksheet, t: AnnualTables, title: str) -> None:
    """As the official form: 行政复议 over its five result columns, whose headings span rows 3–4 right
    under it; 行政诉讼 over 未经复议直接起诉 and 复议后起诉 (five columns each, headings in row 4);
    the figures in row 5."""
    _heading(ws, "四、政府信息公开行政复议、行政诉讼情况", 15, title)
    n = len(APPEAL_COLUMNS)
    _put(ws, 2, 1, KINDS[0], span=(1, n))
    _put(ws, 2, 1 + n, "行政诉讼", span=(1, 2 * n))
    _put(ws, 3, 1 + n, KINDS[1], span=(1, n))
    _put(ws, 3, 1 + 2 * n, KINDS[2], span=(1, n))
    for k_i, kind in enumerate(KINDS):
        for c_i, col in enumerate(APPEAL_COLUMNS):
            if k_i == 0:
                _put(ws, 3, 1 + c_i, col, span=(2, 1))
            else:
                _put(ws, 4, 1 + k_i * n + c_i, col)
            _put(ws, 5, 1 + k_i * n + c_i, t.appeals[kind][col])
    for i in range(3 * n):
        ws.column_dimensions[chr(ord("A") + i)].width = 9
    _fit(ws, landscape=True)


def _register(ws: Worksheet, t: AnnualTables, requests: Sequence[InfoRequest],
              statuses: dict[int, str]) -> None:
    headers = ("登记编号", "收到日期", "渠道", "申请人类别", "申请人", "申请内容", "答复日期", "答复类型",
               "状态")
    _heading(ws, f"{t.year}年依申请公开办理明细（申请人已脱敏）", len(headers), "")
    for i, h in enumerate(headers):
        _put(ws, 2, 1 + i, h)
    for j, req in enumerate(requests):
        d = req.export_dict()
        values = (d["no"], d["received"], d["channel"], d["category"], d["applicant"], d["content"],
                  d["reply_on"] or "", d["reply_label"] or "", statuses.get(req.id or -1, d["stage"]))
        for i, v in enumerate(values):
            _put(ws, 3 + j, 1 + i, v, left=i == 5)
    for col, w in zip("ABCDEFGHI", (11, 12, 7, 13, 9, 40, 12, 30, 16), strict=True):
        ws.column_dimensions[col].width = w
    _fit(ws, landscape=True)
