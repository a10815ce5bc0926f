"""The received list written back with 完成情况 filled in, plus the year-end view a county asks for.

Sheet 1 has the received sheet's cells, merges, section rows and columns as they came (a .xls list
comes back as .xlsx); only the 完成情况 column is filled (added after the last column when the list had
none). Sheet 2 (年终完成情况) lists every task: 完成时限, 状态, 完成日期, 按期与否, evidence counts, 说明.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from catalog.errors import KnownError
from catalog.progress import Progress
from catalog.progress import report as report_progress
from catalog.tasks.due import LATE, ON_TIME, SKIPPED, STATE_LABELS, TaskDue
from catalog.tasks.model import EV_ENTRY, EV_ITEM, EV_NOTE, EV_PRINT
from catalog.tasks.reader import STATUS, Layout
from catalog.xlsx_write import clean, save_workbook

YEAR_END_SHEET = "年终完成情况"
YEAR_END_HEADER = ("编号", "部分", "工作任务", "具体要求", "责任单位", "完成时限", "状态", "完成日期",
                   "是否按期", "说明材料", "关联目录事项", "公开记录", "公示打印", "完成情况")


YEAR_END_KEYS = ("code", "section", "title", "requirement", "unit", "deadline", "state", "done_on", "on_time",
                 "notes", "items", "entries", "prints", "completion")


def row_completion(tasks: Sequence[TaskDue]) -> str:
    """完成情况 of one received row: its task's, or one line per numbered requirement."""
    if len(tasks) == 1 and tasks[0].task.sub == 0:
        return tasks[0].completion()
    return "\n".join(f"{t.task.sub or i}. {t.completion()}" for i, t in enumerate(tasks, start=1))


def on_time_text(t: TaskDue) -> str:
    if t.state == ON_TIME:
        return "是"
    if t.state == LATE:
        return "否"
    return "—" if t.state == SKIPPED else ""


def year_end_rows(tasks: Sequence[TaskDue]) -> list[dict[str, Any]]:
    """The year-end view: per task 完成情况 with dates and evidence counts (also `tasks list --year-end`)."""
    out = []
    for t in tasks:
        k = t.task
        out.append({
            "id": k.id, "code": k.code, "section": k.section, "title": k.title, "requirement": k.requirement,
            "unit": k.unit, "deadline": k.deadline_info.label, "status": k.status,
            "state": STATE_LABELS[t.state], "done_on": k.done_on.isoformat() if k.done_on else "",
            "on_time": on_time_text(t), "notes": t.evidence.get(EV_NOTE, 0),
            "items": t.evidence.get(EV_ITEM, 0), "entries": t.evidence.get(EV_ENTRY, 0),
            "prints": t.evidence.get(EV_PRINT, 0),
            "completion": t.completion()})
    return out


def completion_cells(layout: Layout, tasks: Sequence[TaskDue], status_col: int) -> dict[tuple[int, int], str]:
    """(row, column) 0-based → the 完成情况 text; rows under one merged 完成情况 cell share its text."""
    by_row: dict[int, list[TaskDue]] = {}
    for t in tasks:
        by_row.setdefault(t.task.row, []).append(t)
    owner = {(r, c): (r0, c0) for (r0, c0), (r1, c1) in layout.merged
             for r in range(r0, r1 + 1) for c in range(c0, c1 + 1) if (r1 - r0 + 1) * (c1 - c0 + 1) <= 20_000}
    filled: dict[tuple[int, int], list[str]] = {}
    for row in sorted(by_row):
        target = owner.get((row - 1, status_col), (row - 1, status_col))
        filled.setdefault(target, []).append(row_completion(sorted(by_row[row], key=lambda t: t.task.sub)))
    return {k: "\n".join(v) for k, v in filled.items()}


def write_task_export(layout: Layout, tasks: Sequence[TaskDue], out: Path | str, *,
                      progress: Progress | None = None) -> Path:
    """Write the received layout with 完成情况 filled, and the year-end sheet; returns the path written."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    out = Path(out)
    wb = Workbook()
    ws = wb.active
    ws.title = layout.sheet[:31] or "任务清单"
    width = max((len(r) for r in layout.cells), default=0)
    status_col = layout.columns.get(STATUS)
    if status_col is None:
        status_col = width
        width += 1
    filled = completion_cells(layout, tasks, status_col)
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="center")
    total = len(layout.cells)
    for r, row in enumerate(layout.cells):
        for c in range(width):
            text = row[c] if c < len(row) else ""
            if r == layout.header_row and c == status_col and not text:
                text = "完成情况"
            text = filled.get((r, c), text)
            value: str | int | None = int(text) if text.isdigit() and len(text) < 10 else clean(text) or None
            cell = ws.cell(row=r + 1, column=c + 1, value=value)
            if r >= layout.header_row:
                cell.border = border
                cell.alignment = wrap
            if r == layout.header_row:
                cell.font = Font(bold=True)
                cell.fill = PatternFill("solid", fgColor="E8EEF7")
        if r % 200 == 0:
            report_progress(progress, r, total)
    for (r0, c0), (r1, c1) in layout.merged:
        ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
    if layout.title and layout.header_row > 0:
        ws.cell(row=1, column=1).font = Font(bold=True, size=14)
        ws.cell(row=1, column=1).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    _widths(ws, layout, width, status_col)
    _year_end_sheet(wb.create_sheet(YEAR_END_SHEET), tasks, border, wrap)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    try:
        save_workbook(wb, tmp)        # text stays text: a cell "=HYPERLINK(…)" never becomes a formula
        tmp.replace(out)
    except PermissionError:
        tmp.unlink(missing_ok=True)
        raise KnownError(f"无法写入 {out.name}：文件可能正在 Excel 中打开，请关闭后重试。") from None
    report_progress(progress, total, total)
    return out


def _widths(ws: Any, layout: Layout, width: int, status_col: int) -> None:
    for c in range(width):
        longest = max((max((len(line) for line in (row[c] if c < len(row) else "").split("\n")), default=0)
                       for row in layout.cells[layout.header_row:]), default=4)
        ws.column_dimensions[_letter(c)].width = min(60, max(8, longest * 1.6 + 2))
    ws.column_dimensions[_letter(status_col)].width = 40


def _year_end_sheet(ws: Any, tasks: Sequence[TaskDue], border: Any, wrap: Any) -> None:
    from openpyxl.styles import Font
    ws.append(list(YEAR_END_HEADER))
    for c in range(1, len(YEAR_END_HEADER) + 1):
        ws.cell(row=1, column=c).font = Font(bold=True)
    for r in year_end_rows(tasks):
        ws.append([clean(r[k]) for k in YEAR_END_KEYS])
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row):
        for cell in row:
            cell.border = border
            cell.alignment = wrap
    for c, w in enumerate((8, 16, 20, 40, 16, 24, 12, 12, 8, 8, 10, 8, 8, 40)):
        ws.column_dimensions[_letter(c)].width = w


def _letter(index: int) -> str:
    from catalog.errors import column_letter
    return column_letter(index)
