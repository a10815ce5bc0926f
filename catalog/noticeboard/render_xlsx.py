"""The same sheets as an Excel workbook (openpyxl write-only): one worksheet per village plus the
分村汇总表."""
from __future__ import annotations

import re
import weakref
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from catalog.noticeboard.cells import format_amount
from catalog.noticeboard.model import Roster, RosterRow
from catalog.noticeboard.render_pdf import (
    NoticeOptions,
    PrintResult,
    Versions,
    apply_versions,
    notice_options,
    write_atomically,
)
from catalog.noticeboard.rmb import rmb_upper
from catalog.noticeboard.sheets import VillageSheet, build_sheets, cn_date
from catalog.noticeboard.summary import SUMMARY_HEADERS, Summary, summarize, summary_title
from catalog.noticeboard.template import NoticeTemplate, resolve_template
from catalog.progress import Progress, report
from catalog.timelimits.workdays import WorkCalendar
from catalog.township.profile import Township
from catalog.xlsx_write import as_text, clean, save_workbook

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

_NUMERIC = ("amount", "quantity", "standard")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\\x00-\x1f]")


def render_xlsx(source: Roster | Iterable[RosterRow], out: str | Path, *, township: str | Township,
                period_start: date, period_end: date | None = None, phone: str | None = None,
                villages: Sequence[str] | None = None, template: NoticeTemplate | str | None = None,
                landscape: bool = False, mask_names: bool | None = None, allow_short_period: bool = False,
                year: int | None = None, issued_on: date | None = None, versions: Versions | None = None,
                include_summary: bool = True, progress: Progress | None = None,
                calendar: WorkCalendar | None = None) -> PrintResult:
    """Write the workbook (same masking, totals and skipping rules as render_pdf)."""
    tpl = resolve_template(template if template is not None else getattr(source, "template_id", None))
    opts = notice_options(township=township, period_start=period_start, period_end=period_end, phone=phone,
                          template=tpl, landscape=landscape, allow_short_period=allow_short_period, year=year,
                          issued_on=issued_on, calendar=calendar)
    sheet_set = build_sheets(source, template=tpl, villages=villages, mask_names=mask_names)
    opts.template = sheet_set.template or tpl      # optional columns the roster lacks are left out
    apply_versions(sheet_set.sheets, versions)
    result = PrintResult(None, 0, opts.period, sheet_set.sheets, sheet_set.skipped, sheet_set.unplaced)
    if not sheet_set.sheets:
        return result
    summary = summarize(sheet_set) if include_summary else None
    write_atomically(Path(out), lambda tmp: _write(tmp, sheet_set.sheets, summary, opts, landscape, progress))
    result.path = Path(out)
    return result


class _Styles:
    """Named styles: one assignment per cell instead of four style objects."""

    def __init__(self, wb: Workbook) -> None:
        from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
        thin = Side(style="thin")
        box = Border(left=thin, right=thin, top=thin, bottom=thin)
        font = "宋体"

        def add(name: str, size: float = 10.5, bold: bool = False, align: str = "left", border: bool = True,
                fill: str | None = None, wrap: bool = False, fmt: str | None = None) -> str:
            st = NamedStyle(name=name)
            st.font = Font(name=font, size=size, bold=bold)
            st.alignment = Alignment(horizontal=align, vertical="center", wrap_text=wrap)
            if border:
                st.border = box
            if fill:
                st.fill = PatternFill("solid", fgColor=fill)
            if fmt:
                st.number_format = fmt
            wb.add_named_style(st)
            return name

        self.title = add("nb_title", 16, True, "center", border=False, wrap=True)
        self.text = add("nb_text", 11, border=False, wrap=True)
        self.line = add("nb_line", 11, border=False)
        self.subtitle = add("nb_subtitle", 11, align="center", border=False)
        self.right = add("nb_right", 11, align="right", border=False)
        self.head = add("nb_head", 10.5, True, "center", fill="E6E6E6", wrap=True)
        self.cell = {"left": add("nb_left"), "center": add("nb_center", align="center"),
                     "right": add("nb_num", align="right", fmt="#,##0.00"),
                     "number": add("nb_qty", align="right", fmt="General")}
        self.label = add("nb_label", 10.5, True, "left", wrap=True)


# workbook → {style name: resolved style array}; weak, so a finished workbook takes its entry with it
_STYLE_ARRAYS: weakref.WeakKeyDictionary[object, dict[str, object]] = weakref.WeakKeyDictionary()


def _cell(ws: WriteOnlyWorksheet, value: object, style: str) -> WriteOnlyCell:
    """A styled write-only cell. Assigning a named style looks the name up in a list on every call
    (half the time of a 50,000-row sheet); cells of one style share its resolved style array instead."""
    from openpyxl.cell import WriteOnlyCell
    c = WriteOnlyCell(ws, value=clean(value))
    arrays = _STYLE_ARRAYS.setdefault(ws.parent, {})
    array = arrays.get(style)
    if array is None:
        c.style = style
        arrays[style] = c._style
    else:
        c._style = array   # never mutated: write-only cells are serialised as soon as their row is appended
    return as_text(c)


def _write(path: str, sheets: list[VillageSheet], summary: Summary | None, opts: NoticeOptions,
           landscape: bool, progress: Progress | None) -> None:
    from openpyxl import Workbook
    wb = Workbook(write_only=True)
    st = _Styles(wb)
    names: set[str] = set()
    if summary is not None:
        _summary_sheet(wb, summary, opts, st, landscape, names)
    for i, s in enumerate(sheets):
        report(progress, i, len(sheets))
        _village_sheet(wb, s, opts, st, landscape, names)
    report(progress, len(sheets), len(sheets))
    save_workbook(wb, path)


def _new_sheet(wb: Workbook, title: str, names: set[str], landscape: bool, widths: Sequence[float],
               header_row: int) -> WriteOnlyWorksheet:
    from openpyxl.utils import get_column_letter
    name = _BAD_SHEET_CHARS.sub("_", title)[:31] or "Sheet"
    base, n = name, 2
    while name in names:
        name = f"{base[:28]}_{n}"
        n += 1
    names.add(name)
    ws = wb.create_sheet(name)
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.page_setup.paperSize = "9"   # A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    return ws


def _widths(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[float]:
    def w(text: str) -> float:
        return sum(2.1 if ord(ch) > 0x2E80 else 1.1 for ch in text) + 2
    out = [w(h) for h in headers]
    for i in range(len(headers)):
        distinct = {r[i] for r in rows}
        if distinct:
            out[i] = min(max(out[i], max(w(t) for t in distinct)), 40)
    return out


def _village_sheet(wb: Workbook, s: VillageSheet, opts: NoticeOptions, st: _Styles, landscape: bool,
                   names: set[str]) -> None:
    from openpyxl.utils import get_column_letter
    tpl = opts.template
    fields = tpl.column_fields()
    n = len(fields)
    last = get_column_letter(n)
    values = {"village": s.village, "year": str(opts.year), "township": opts.township,
              "government": opts.government}
    lines = [(tpl.format_title(**values), st.title, 30)]
    if s.version > 1:
        lines.append((f"（更正后重新公示·第 {s.version} 版）", st.subtitle, 18))
    intro = tpl.format_intro(**values)
    lines.append(("　　" + intro, st.text, 16 * (len(intro) // 55 + 1)))
    header_row = len(lines) + 1
    widths = _widths([c.header for c in tpl.columns], s.rows)
    ws = _new_sheet(wb, s.village, names, landscape, widths, header_row)
    for r, (text, style, height) in enumerate(lines, 1):
        ws.merged_cells.add(f"A{r}:{last}{r}")
        ws.row_dimensions[r].height = height
        ws.append([_cell(ws, text, style)])
    ws.append([_cell(ws, c.header, st.head) for c in tpl.columns])
    styles = [st.cell["right"] if f == "amount" else st.cell["number"] if f in _NUMERIC
              else st.cell.get(c.align, st.cell["left"]) for f, c in zip(fields, tpl.columns, strict=True)]
    numeric = [f in _NUMERIC for f in fields]
    for cells in s.rows:
        ws.append([_cell(ws, _number(v) if num else v, style)
                   for v, num, style in zip(cells, numeric, styles, strict=True)])
    row_no = header_row + len(s.rows)
    first_num = min(i for i, f in enumerate(fields) if f in _NUMERIC)
    sums = []
    if len(s.items) > 1:
        sums = [(f"{it.item or tpl.item_label}小计（{it.households} {tpl.count_unit}）　大写："
                 f"{rmb_upper(it.amount)}",
                 it.quantity, it.amount) for it in s.items]
    only_qty = s.items[0].quantity if len(s.items) == 1 else None
    sums.append((f"合计（共 {s.households} {tpl.count_unit}）　大写：人民币{rmb_upper(s.amount)}",
                 only_qty, s.amount))
    for label, qty, amount in sums:
        row_no += 1
        cells = [_cell(ws, label, st.label)] + [_cell(ws, None, st.label) for _ in range(first_num - 1)]
        for f in fields[first_num:]:
            v = (float(amount) if f == "amount" else
                 float(qty) if f == "quantity" and qty is not None else None)
            cells.append(_cell(ws, v, st.cell["right"] if f == "amount" else st.cell["number"]))
        if first_num > 1:
            ws.merged_cells.add(f"A{row_no}:{get_column_letter(first_num)}{row_no}")
        ws.row_dimensions[row_no].height = 30
        ws.append(cells)
    ws.append([])
    row_no += 1
    footer = [f"公示期：{opts.period.text()}", f"监督举报电话：{opts.phone}"]
    if s.version > 1:
        footer.append(f"更正说明：本表为更正后重新公示的第 {s.version} 版，此前张贴的版本作废，"
                      "公示期重新计算。")
    for text in footer:
        row_no += 1
        ws.merged_cells.add(f"A{row_no}:{last}{row_no}")   # one line across, not wrapped in column A
        ws.append([_cell(ws, text, st.line)])
    ws.append([])
    ws.append([])
    row_no += 2
    first_sign = get_column_letter(max(1, n - 3))
    for text in (f"公示单位：{opts.government}（盖章）", cn_date(opts.issued_on)):
        row_no += 1
        ws.merged_cells.add(f"{first_sign}{row_no}:{last}{row_no}")
        ws.append([None] * (max(1, n - 3) - 1) + [_cell(ws, text, st.right)])


def _summary_sheet(wb: Workbook, summary: Summary, opts: NoticeOptions, st: _Styles, landscape: bool,
                   names: set[str]) -> None:
    from catalog.noticeboard.summary import summary_cells
    headers = [h.format(item=opts.template.item_label) for h in SUMMARY_HEADERS]
    cells = [summary_cells(line) for line in summary.lines]
    ws = _new_sheet(wb, "分村汇总表", names, landscape, _widths(headers, cells), 2)
    ws.merged_cells.add("A1:E1")
    ws.row_dimensions[1].height = 30
    ws.append([_cell(ws, summary_title(opts.template, township=opts.township, year=opts.year), st.title)])
    ws.append([_cell(ws, h, st.head) for h in headers])
    for line in summary.lines:
        style = st.label if line.kind in ("village", "item_total", "total") else st.cell["left"]
        ws.append([_cell(ws, line.village, style), _cell(ws, line.item, style),
                   _cell(ws, line.households, st.cell["number"]),
                   _cell(ws, float(line.quantity) if line.quantity is not None else None, st.cell["number"]),
                   _cell(ws, float(line.amount), st.cell["right"])])
    ws.append([])
    total = f"总金额（大写）：人民币{rmb_upper(summary.amount)}（{format_amount(summary.amount)} 元）"
    ws.append([_cell(ws, total, st.text)])
    if summary.left_out:
        ws.append([_cell(ws, "以下村的名册有未处理的错误，未计入本表：" + "、".join(summary.left_out),
                         st.text)])
    ws.append([_cell(ws, f"填报单位：{opts.government}（盖章）　　填报日期：{cn_date(opts.issued_on)}",
                     st.text)])
    ws.append([_cell(ws, "经办人：　　　　　　审核人：　　　　　　负责人：", st.text)])


def _number(text: str) -> float | str | None:
    """Amounts and quantities as numbers Excel can sum (values are exact to the cent; text stays text)."""
    if not text:
        return None
    try:
        return float(Decimal(text.replace(",", "")))
    except Exception:
        return text


def render_summary_xlsx(summary: Summary, out: str | Path, *, template: NoticeTemplate, township: str,
                        government: str, year: int, issued_on: date, landscape: bool = False) -> None:
    """The 分村汇总表 alone, as a workbook for the county."""
    from catalog.noticeboard.sheets import Period
    opts = NoticeOptions(township, government, "", Period(issued_on, issued_on), year, issued_on, template,
                         None)  # type: ignore[arg-type]  # geometry is not used for xlsx

    def write(tmp: str) -> None:
        from openpyxl import Workbook
        wb = Workbook(write_only=True)
        _summary_sheet(wb, summary, opts, _Styles(wb), landscape, set())
        save_workbook(wb, tmp)
    write_atomically(Path(out), write)
