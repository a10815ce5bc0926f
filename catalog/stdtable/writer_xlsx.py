"""Standard-layout Excel export: title, two-row merged header, √ marks, ■/□ channels, A3 landscape print
setup.

One sheet per domain, a 总目录 sheet first and a closing 未涉及领域事项说明 sheet. Text that starts with
= + - @ is stored as text, never as a formula.
"""
from __future__ import annotations

import math
import os
import re
from copy import copy
from typing import Any

from catalog.errors import InputError
from catalog.progress import Progress, report
from catalog.stdtable.layout import Col, columns, domain_line, header_cells, row_texts
from catalog.stdtable.model import NOT_INVOLVED_SHEET, TOC_SHEET, ExportDoc, ExportDomain
from catalog.stdtable.output import atomic_output
from catalog.xlsx_write import as_text, save_workbook

HEADER_ROWS = (3, 4)          # 1-based rows of the two-row header; data starts at row 5
FIRST_DATA_ROW = 5
BODY_FONT = "宋体"
TITLE_FONT = "黑体"
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
EXCEL_CELL_LIMIT = 32767
_LINE_PT = 13.5               # one line of 10 pt text, in points


def write_xlsx(doc: ExportDoc, path: str | os.PathLike, *, progress: Progress | None = None) -> None:
    """Write the document as a standard-layout .xlsx (atomically: the old file stays if anything fails)."""
    from openpyxl import Workbook

    st = _Styles()
    cols = columns(doc.has_notes)
    wb = Workbook()
    st.attach(wb)
    wb.properties.creator = "公开目录助手"
    wb.properties.title = doc.title
    toc = wb.active
    toc.title = TOC_SHEET
    names = _sheet_names([d.name for d in doc.domains])
    total, done = max(doc.row_count, 1), 0
    for domain, sheet_name in zip(doc.domains, names, strict=True):
        ws = wb.create_sheet(sheet_name)
        _domain_sheet(ws, doc, domain, cols, st)
        for i, row in enumerate(domain.rows):
            _data_row(ws, FIRST_DATA_ROW + i, row_texts(row, cols), cols, st)
            done += 1
            if done % 100 == 0:
                report(progress, done, total)
    _toc_sheet(toc, doc, names, st)
    _not_involved_sheet(wb.create_sheet(_unique(NOT_INVOLVED_SHEET, set(names))), doc, st)
    report(progress, total, total)
    with atomic_output(path) as tmp:
        save_workbook(wb, tmp)


class _Styles:
    """The few style objects every cell shares (openpyxl stores each distinct style once)."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        thin = Side(style="thin", color="000000")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.title = Font(name=TITLE_FONT, size=16, bold=True)
        self.sub = Font(name=BODY_FONT, size=10)
        self.head = Font(name=TITLE_FONT, size=10, bold=True)
        self.body = Font(name=BODY_FONT, size=10)
        self.link = Font(name=BODY_FONT, size=10, color="0563C1", underline="single")
        self.fill = PatternFill("solid", fgColor="E7E6E6")
        self.center = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.left = Alignment(horizontal="left", vertical="center", wrap_text=True)
        self.top_left = Alignment(horizontal="left", vertical="top", wrap_text=True)
        self.right = Alignment(horizontal="right", vertical="center", wrap_text=False)
        self._arrays: dict[tuple[int, int, int, int], Any] = {}

    def attach(self, wb: Any) -> None:
        self.wb = wb
        wb._gkml_styles = self

    def array(self, font: Any, align: Any, border: Any = None, fill: Any = None) -> Any:
        """A fresh StyleArray for the combination; the workbook's style lists are searched once per
        combination instead of once per cell (that search dominated the export time)."""
        from openpyxl.styles.cell_style import StyleArray

        key = (id(font), id(align), id(border), id(fill))
        arr = self._arrays.get(key)
        if arr is None:
            arr = StyleArray()
            arr.fontId, arr.alignmentId = self.wb._fonts.add(font), self.wb._alignments.add(align)
            if border is not None:
                arr.borderId = self.wb._borders.add(border)
            if fill is not None:
                arr.fillId = self.wb._fills.add(fill)
            self._arrays[key] = arr
        return copy(arr)


def _put(ws: Any, row: int, col: int, value: Any, font: Any, align: Any, border: Any = None,
         fill: Any = None) -> Any:
    """Set a cell; strings are always stored as text (a leading = + - @ never becomes a formula)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value) or None
        if value and len(value) > EXCEL_CELL_LIMIT:
            from openpyxl.utils import get_column_letter
            raise InputError(f"内容有 {len(value)} 个字符，超过 Excel 单元格上限 {EXCEL_CELL_LIMIT}，"
                             "请精简后再导出。",
                             sheet=ws.title, row=row, column=get_column_letter(col))
    cell = ws.cell(row=row, column=col, value=value)
    cell._style = ws.parent._gkml_styles.array(font, align, border, fill)
    return as_text(cell)


def _domain_sheet(ws: Any, doc: ExportDoc, domain: ExportDomain, cols: tuple[Col, ...], st: _Styles) -> None:
    from openpyxl.utils import get_column_letter

    last = len(cols)
    _put(ws, 1, 1, doc.title, st.title, st.center)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    ws.row_dimensions[1].height = 30
    split = 7
    _put(ws, 2, 1, domain_line(domain), st.sub, st.left)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=split)
    _put(ws, 2, split + 1, doc.subtitle, st.sub, st.right)
    ws.merge_cells(start_row=2, start_column=split + 1, end_row=2, end_column=last)
    top = HEADER_ROWS[0]
    for r0, c0, r1, c1, text in header_cells(cols):
        _put(ws, top + r0, c0 + 1, text, st.head, st.center, st.border)
        if (r0, c0) != (r1, c1):
            ws.merge_cells(start_row=top + r0, start_column=c0 + 1, end_row=top + r1, end_column=c1 + 1)
    for r in HEADER_ROWS:  # borders and fill on every header cell, merged parts included
        for c in range(1, last + 1):
            ws.cell(row=r, column=c)._style = st.array(st.head, st.center, st.border, st.fill)
        ws.row_dimensions[r].height = 20
    for i, col in enumerate(cols, start=1):
        ws.column_dimensions[get_column_letter(i)].width = col.width
    _print_setup(ws, f"{HEADER_ROWS[0]}:{HEADER_ROWS[1]}", f"A{FIRST_DATA_ROW}")


def _data_row(ws: Any, r: int, texts: list[str], cols: tuple[Col, ...], st: _Styles) -> None:
    lines = 1
    for c, (col, text) in enumerate(zip(cols, texts, strict=True), start=1):
        _put(ws, r, c, int(text) if col.field == "seq" else text, st.body,
             st.center if col.center else st.top_left, st.border)
        lines = max(lines, _line_count(text, col.width))
    # Excel does not grow row heights of generated files by itself: estimate them, so print is readable.
    ws.row_dimensions[r].height = min(409, lines * _LINE_PT + 4)


def _line_count(text: str, width: float) -> int:
    per_line = max(2.0, width - 1.5)   # width units ≈ half-width characters of 10 pt text
    n = 0
    for line in text.split("\n"):
        units = sum(2 if ord(ch) > 0x2E7F else 1 for ch in line)
        n += max(1, math.ceil(units / per_line))
    return n


def _print_setup(ws: Any, title_rows: str | None, freeze: str | None) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A3
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    # LibreOffice gives the footer only bottom − footer inches: leave it room for a whole line (≥ 0.4").
    ws.page_margins.top, ws.page_margins.bottom = 0.5, 0.8
    ws.page_margins.header, ws.page_margins.footer = 0.25, 0.3
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    if title_rows:
        ws.print_title_rows = title_rows
    if freeze:
        ws.freeze_panes = freeze


def _toc_sheet(ws: Any, doc: ExportDoc, names: list[str], st: _Styles) -> None:
    heads = (("序号", 6), ("公开领域", 24), ("领域编码", 10), ("事项数", 10), ("工作表", 24))
    _put(ws, 1, 1, doc.title, st.title, st.center)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(heads))
    ws.row_dimensions[1].height = 30
    _put(ws, 2, 1, doc.subtitle, st.sub, st.left)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(heads))
    for c, (text, width) in enumerate(heads, start=1):
        cell = _put(ws, 3, c, text, st.head, st.center, st.border, st.fill)
        ws.column_dimensions[cell.column_letter].width = width
    r = 4
    for i, (domain, name) in enumerate(zip(doc.domains, names, strict=True), start=1):
        values = (i, domain.name, domain.domain_code or "", len(domain.rows), name)
        for c, value in enumerate(values, start=1):
            _put(ws, r, c, value, st.body, st.center if c != 2 else st.left, st.border)
        link = ws.cell(row=r, column=5)
        link.hyperlink, link.font = f"#'{name}'!A1", st.link
        r += 1
    total_row = ("", "合计", "", doc.row_count, "")      # a total is not numbered as one more domain
    for c, value in enumerate(total_row, start=1):
        _put(ws, r, c, value, st.head, st.center, st.border)
    if doc.not_involved:
        _put(ws, r + 2, 1, f"未涉及领域 {len(doc.not_involved)} 个，见工作表“{NOT_INVOLVED_SHEET}”。",
             st.sub, st.left)
        ws.merge_cells(start_row=r + 2, start_column=1, end_row=r + 2, end_column=len(heads))
    _print_setup(ws, "3:3", "A4")
    ws.page_setup.orientation = ws.ORIENTATION_PORTRAIT


def _not_involved_sheet(ws: Any, doc: ExportDoc, st: _Styles) -> None:
    heads = (("序号", 6), ("公开领域", 24), ("是否涉及", 10), ("不涉及原因", 70))
    _put(ws, 1, 1, NOT_INVOLVED_SHEET, st.title, st.center)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(heads))
    ws.row_dimensions[1].height = 30
    note = (f"以下 {len(doc.not_involved)} 个领域本地不涉及，未编入目录。" if doc.not_involved
            else "无未涉及的领域。")
    _put(ws, 2, 1, note, st.sub, st.left)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(heads))
    for c, (text, width) in enumerate(heads, start=1):
        cell = _put(ws, 3, c, text, st.head, st.center, st.border, st.fill)
        ws.column_dimensions[cell.column_letter].width = width
    for i, (domain, reason) in enumerate(doc.not_involved, start=1):
        for c, value in enumerate((i, domain, "不涉及", reason), start=1):
            _put(ws, 3 + i, c, value, st.body, st.left if c == 4 else st.center, st.border)
        ws.row_dimensions[3 + i].height = max(1, _line_count(reason, 70)) * _LINE_PT + 4
    _print_setup(ws, "3:3", "A4")
    ws.page_setup.orientation = ws.ORIENTATION_PORTRAIT


def _sheet_names(domains: list[str]) -> list[str]:
    """Valid, unique Excel sheet names (≤ 31 characters, no []:*?/\\), never the reserved ones."""
    taken = {TOC_SHEET, NOT_INVOLVED_SHEET}
    out = []
    for name in domains:
        clean = _BAD_SHEET_CHARS.sub("_", name).strip().strip("'")[:31] or "未命名领域"
        clean = _unique(clean, taken)
        taken.add(clean)
        out.append(clean)
    return out


def _unique(name: str, taken: set[str]) -> str:
    if name not in taken:
        return name
    n = 2
    while f"{name[:27]}({n})" in taken:
        n += 1
    return f"{name[:27]}({n})"
