"""The county summary workbook (openpyxl): townships, township × domain matrices (纳入, 不适用, 错误),
domain totals, reading problems and import history."""
from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterable
from copy import copy
from datetime import date
from pathlib import Path
from typing import Any

from catalog.county.overview import DomainCell, Overview
from catalog.county.store import STATUS_TEXT
from catalog.progress import Progress, report
from catalog.xlsx_write import as_text, save_workbook

SHEETS = ("乡镇汇总", "纳入事项", "不适用", "错误", "领域合计", "导入问题", "导入历史")
_KIND = {"package": "上报文件", "xlsx": "Excel"}


def _n(v: int | None) -> int | str:
    return "未检查" if v is None else v


def _when(iso: str | None) -> str:
    return (iso or "").replace("T", " ")


def _matrix_cell(cell: DomainCell | None, value: Callable[[DomainCell], int | str]) -> int | str:
    if cell is None or cell.state == "未编制":
        return "—"
    return "不涉及" if cell.state == "不涉及" else value(cell)


def write_summary(overview: Overview, history: list[dict], out: str | os.PathLike, *,
                  county: str = "", progress: Progress | None = None) -> Path:
    """Write the summary workbook atomically; returns its path."""
    from openpyxl import Workbook

    from catalog.stdtable.output import atomic_output

    out = Path(out)
    if out.is_dir() or not out.parent.is_dir():   # before any write-only sheet is started
        from catalog.errors import InputError
        raise InputError("输出位置是一个文件夹，请给出文件名。" if out.is_dir() else "输出文件夹不存在。",
                         file=str(out))
    county = county or next((r.county for r in overview.rows if r.county), "")
    wb = Workbook(write_only=True)
    w = _Writer(wb)
    stamp = date.today().isoformat()
    steps = len(SHEETS)

    ws = w.sheet(SHEETS[0], f"{county}乡镇政务公开事项标准目录汇总（{stamp}）",
                 ["序号", "乡镇（街道）", "区划代码", "目录版本", "导出时间", "来源文件", "涉及领域",
                  "不涉及领域",
                  "纳入事项", "其中层级待确认", "不适用", "本地事项", "错误", "警告", "读取问题"],
                 [5, 16, 15, 9, 19, 36, 9, 10, 9, 9, 8, 9, 8, 8, 9])
    for i, r in enumerate(overview.rows, start=1):
        t = r.totals
        w.row(ws, [i, r.name, r.code, r.version_text, _when(r.exported_at), r.file_name, t.get("involved", 0),
                   t.get("not_involved", 0), t.get("adopted", 0) + t.get("pending", 0), t.get("pending", 0),
                   t.get("na", 0), t.get("local", 0), _n(t.get("errors")), _n(t.get("warnings")),
                   len(r.problems)])
    report(progress, 1, steps)

    # township × domain, one matrix per figure: numbers a reviewer can sort and sum
    for step, (sheet, title, value) in enumerate((
            (SHEETS[1], "各乡镇分领域纳入事项数（含层级待确认）", lambda c: c.adopted + c.pending),
            (SHEETS[2], "各乡镇分领域不适用事项数", lambda c: c.na),
            (SHEETS[3], "各乡镇分领域检查错误数", lambda c: _n(c.errors))), start=2):
        ws = w.sheet(sheet, title + "（“不涉及”为该乡镇标明不涉及的领域，“—”为未编制）",
                     ["乡镇（街道）", "区划代码"] + [name for _, name in overview.domains],
                     [16, 15] + [9] * len(overview.domains), freeze="C3")
        for r in overview.rows:
            w.row(ws, [r.name, r.code] + [_matrix_cell(r.cell(no), value) for no, _ in overview.domains])
        report(progress, step, steps)

    ws = w.sheet(SHEETS[4], "各领域合计",
                 ["领域编号", "领域", "涉及的乡镇", "不涉及的乡镇", "纳入事项", "不适用", "错误"],
                 [8, 20, 10, 12, 10, 8, 8])
    for d in overview.domain_totals():
        w.row(ws, [d["no"], d["name"], d["involved"], d["not_involved"], d["adopted"], d["na"],
                   _n(d["errors"])])
    report(progress, 5, steps)

    ws = w.sheet(SHEETS[5], "读取时未能理解的内容（请核对原表）",
                 ["乡镇（街道）", "区划代码", "文件", "问题"], [16, 15, 36, 90])
    for r in overview.rows:
        for line in r.problems:
            w.row(ws, [r.name, r.code, r.file_name, line])
    report(progress, 6, steps)

    ws = w.sheet(SHEETS[6], "导入历史（新版本替换旧版本，旧版本保留在此）",
                 ["乡镇（街道）", "区划代码", "文件", "类型", "目录版本", "导出时间", "文件时间", "导入时间",
                  "状态"],
                 [16, 15, 36, 9, 9, 19, 19, 19, 16])
    for h in history:
        w.row(ws, [h["name"], h["code"], h["file_name"], _KIND.get(h["kind"], h["kind"]),
                   f"第{h['catalog_version']}版" if h["catalog_version"] else "工作稿",
                   _when(h["exported_at"]), _when(h["file_time"]), _when(h["imported_at"]),
                   STATUS_TEXT.get(h["status"], h["status"])])
    report(progress, 7, steps)
    w.finish()
    with atomic_output(out) as tmp:
        save_workbook(wb, tmp)
    return out


class _Writer:
    """Write-only sheets with a title row, a frozen bold header, filters and A4 landscape print setup."""

    def __init__(self, wb: Any):
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
        self.wb = wb
        self.shape: dict[str, list[int]] = {}
        self._styles: dict[tuple, Any] = {}
        thin = Side(style="thin", color="999999")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.title_font = Font(name="黑体", size=14, bold=True)
        self.head_font = Font(name="黑体", size=10, bold=True)
        self.body_font = Font(name="宋体", size=10)
        self.fill = PatternFill("solid", fgColor="E7E6E6")
        self.wrap = Alignment(vertical="top", wrap_text=True)
        self.center = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def sheet(self, name: str, title: str, headers: list[str], widths: Iterable[float], *,
              freeze: str = "A3") -> Any:
        from openpyxl.utils import get_column_letter
        ws = self.wb.create_sheet(name)
        widths = list(widths)
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        # generated files get no automatic row height: give the wrapped header the lines it needs
        lines = max(math.ceil(len(h) * 2 / max(w - 1, 2)) for h, w in zip(headers, widths, strict=True))
        ws.row_dimensions[2].height = 14 * max(1, lines) + 4
        ws.freeze_panes = freeze
        ws.print_title_rows = "2:2"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = 9   # A4
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.append([self._cell(ws, title, self.title_font)])
        ws.append([self._cell(ws, h, self.head_font, self.center, fill=True) for h in headers])
        self.shape[name] = [len(headers), 2]
        return ws

    def row(self, ws: Any, values: list[Any]) -> None:
        ws.append([self._cell(ws, v, self.body_font, self.wrap if isinstance(v, str) else self.center)
                   for v in values])
        self.shape[ws.title][1] += 1

    def finish(self) -> None:
        """Filters over each sheet's header and data (write-only sheets take them before saving)."""
        from openpyxl.utils import get_column_letter
        for ws in self.wb.worksheets:
            cols, last = self.shape[ws.title]
            ws.auto_filter.ref = f"A2:{get_column_letter(cols)}{last}"

    def _cell(self, ws: Any, value: Any, font: Any, align: Any = None, *, fill: bool = False) -> Any:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell = WriteOnlyCell(ws, value=value)
        cell._style = copy(self._style(font, align, fill))
        return as_text(cell)      # user text (file and township names) never becomes a formula

    def _style(self, font: Any, align: Any, fill: bool) -> Any:
        """One StyleArray per combination: assigning font/border per cell searches the workbook's style
        lists every time, which made a 300-township summary take half a minute."""
        from openpyxl.styles.cell_style import StyleArray
        key = (id(font), id(align), fill)
        arr = self._styles.get(key)
        if arr is None:
            wb = self.wb
            arr = StyleArray()
            arr.fontId = wb._fonts.add(font)
            arr.borderId = wb._borders.add(self.border)
            if align is not None:
                arr.alignmentId = wb._alignments.add(align)
            if fill:
                arr.fillId = wb._fills.add(self.fill)
            self._styles[key] = arr
        return arr
