"""The check report as an Excel workbook a clerk works through: one row per finding, filterable, printable."""
from __future__ import annotations

import os
import tempfile
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from catalog.checks import CheckReport
from catalog.errors import KnownError
from catalog.xlsx_write import clean, save_workbook

if TYPE_CHECKING:
    from openpyxl import Workbook

COLUMNS = (  # header, width cap (in display columns), wrap
    ("序号", 6, False), ("严重程度", 9, False), ("规则", 6, False), ("领域", 14, False),
    ("事项编号", 10, False), ("事项名称", 24, True), ("字段", 10, False), ("问题", 46, True),
    ("修改建议", 38, True), ("处理情况", 10, True),
)
FILL = {"错误": "FFC7CE", "警告": "FFEB9C", "提示": "DDEBF7"}


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _safe(value: object) -> object:
    """Text that Excel must never take as a formula (item texts are user input)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def finding_rows(report: CheckReport) -> list[list]:
    return [[n, f.severity, f.code, f.domain or "（全目录）", f.item_id or "", f.item_title or "",
             f.field_label, f.message, f.fix, ""] for n, f in enumerate(report.findings, start=1)]


def write_report(report: CheckReport, path: Path | str, *, township: str = "", checked_on: str = "") -> Path:
    """Write the findings sheet and a 汇总 sheet (counts, domain scores). Written to a temporary file first
    and moved into place, so a failure never leaves a half-written report; KnownError when the file is
    locked."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise KnownError(f"检查报告须保存为 .xlsx 文件，实际是「{path.name}」")
    wb = Workbook()
    ws = wb.active
    ws.title = "检查结果"
    headers = [c[0] for c in COLUMNS]
    ws.append(headers)
    rows = finding_rows(report)
    for row in rows:
        ws.append([clean(_safe(v)) for v in row])
    bold = Font(bold=True)
    for cell in ws[1]:
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="D9D9D9")
        cell.alignment = Alignment(vertical="center", horizontal="center")
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for r, row in enumerate(rows, start=2):
        for c, (_h, _w, wraps) in enumerate(COLUMNS, start=1):
            ws.cell(r, c).alignment = wrap if wraps else top
        ws.cell(r, 2).fill = PatternFill("solid", fgColor=FILL[row[1]])
    for c, (header, cap, _wrap) in enumerate(COLUMNS, start=1):
        longest = max([_width(header)] + [_width(str(row[c - 1])) for row in rows])
        ws.column_dimensions[get_column_letter(c)].width = min(cap, longest) + 2
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(1, len(rows) + 1)}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    _summary_sheet(wb, report, township=township, checked_on=checked_on)
    return _save(wb, path)


def _summary_sheet(wb: Workbook, report: CheckReport, *, township: str, checked_on: str) -> None:
    from openpyxl.styles import Font
    ws = wb.create_sheet("汇总")
    bold = Font(bold=True)
    ws.append([clean(f"{township}政务公开标准目录检查报告".strip())])
    ws["A1"].font = Font(bold=True, size=14)
    if checked_on:
        ws.append(["检查日期", clean(checked_on)])
    overall = report.scores["overall"]
    summary = report.summary
    ws.append(["错误", summary["错误"], "警告", summary["警告"], "提示", summary["提示"]])
    ws.append(["总得分", overall["score"] if overall["score"] is not None else "—"])
    ws.append([])
    ws.append(["序号", "领域", "是否涉及", "得分", "错误", "警告", "提示"])
    for cell in ws[ws.max_row]:
        cell.font = bold
    for d in report.scores["domains"]:
        ws.append([d["no"], clean(d["domain"]), "涉及" if d["applies"] else "不涉及",
                   d["score"] if d["score"] is not None else "—", d["错误"], d["警告"], d["提示"]])
    for col, width in zip("ABCDEFG", (10, 28, 10, 8, 8, 8, 8), strict=True):
        ws.column_dimensions[col].width = width


def _save(wb: Workbook, path: Path) -> Path:
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise KnownError(f"文件夹不存在：{folder}")
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".check-", suffix=".xlsx", dir=folder)
        os.close(fd)
        save_workbook(wb, tmp)
        os.replace(tmp, path)
    except PermissionError:
        raise KnownError(f"无法写入 {path.name}：文件可能正在 Excel 中打开，或没有写入权限。"
                         "请关闭后重试。") from None
    finally:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)
    return path
