"""分村汇总表: per village × 项目 households, quantity and amount, with totals — the table for the county."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from catalog import APP_NAME
from catalog.noticeboard.cells import format_amount, format_number
from catalog.noticeboard.model import Issue
from catalog.noticeboard.pdftable import Row, TableDrawer, column_widths, geometry
from catalog.noticeboard.pdftext import TextWriter
from catalog.noticeboard.rmb import rmb_upper
from catalog.noticeboard.sheets import ItemTotal, SheetSet, cn_date, total_or_none
from catalog.noticeboard.template import NoticeTemplate
from catalog.progress import Progress, report

SUMMARY_HEADERS = ("村（社区）", "{item}", "户数", "面积/数量", "金额（元）")


@dataclass(frozen=True)
class SummaryLine:
    village: str
    item: str
    households: int
    quantity: Decimal | None
    amount: Decimal
    kind: str = "item"           # item | village (a village's 小计) | item_total | total


@dataclass
class Summary:
    lines: list[SummaryLine]
    households: int
    amount: Decimal
    left_out: dict[str, list[Issue]] = field(default_factory=dict)   # not counted: unresolved errors


def summarize(sheet_set: SheetSet) -> Summary:
    """The 汇总表 of the printable villages; villages with unresolved errors are listed, not counted."""
    lines: list[SummaryLine] = []
    by_item: dict[str, list[ItemTotal]] = {}
    for s in sheet_set.sheets:
        for it in s.items:
            lines.append(SummaryLine(s.village, it.item, it.households, it.quantity, it.amount))
            by_item.setdefault(it.item, []).append(it)
        if len(s.items) > 1:
            lines.append(SummaryLine(s.village, "小计", s.households, None, s.amount, "village"))
    for item, its in by_item.items():
        qty = total_or_none(i.quantity for i in its)
        lines.append(SummaryLine("合计", item, sum(i.households for i in its), qty,
                                 sum((i.amount for i in its), Decimal(0)), "item_total"))
    households = sum(s.households for s in sheet_set.sheets)
    amount = sum((s.amount for s in sheet_set.sheets), Decimal(0))
    lines.append(SummaryLine("总计", "", households, None, amount, "total"))
    return Summary(lines, households, amount, dict(sheet_set.skipped))


def summary_cells(line: SummaryLine) -> list[str]:
    return [line.village, line.item, str(line.households), format_number(line.quantity),
            format_amount(line.amount)]


def summary_title(tpl: NoticeTemplate, *, township: str, year: int) -> str:
    return tpl.summary_title.format(township=township, year=year, village="", government="")


def render_summary_pdf(summary: Summary, out: str | Path, *, template: NoticeTemplate, township: str,
                       government: str, year: int, issued_on: date, landscape: bool = False,
                       progress: Progress | None = None) -> int:
    """Write the 汇总表 as a PDF (header row repeated on every page); returns the page count."""
    from catalog.noticeboard.render_pdf import write_atomically
    return write_atomically(Path(out), lambda tmp: _draw(tmp, summary, template, township, government, year,
                                                          issued_on, landscape, progress))


def _draw(path: str, summary: Summary, tpl: NoticeTemplate, township: str, government: str, year: int,
          issued_on: date, landscape: bool, progress: Progress | None) -> int:
    from reportlab.pdfgen import canvas as rl_canvas
    geo = geometry(landscape=landscape)
    c = rl_canvas.Canvas(path, pagesize=(geo.width, geo.height), pageCompression=1)
    title = summary_title(tpl, township=township, year=year)
    c.setTitle(title)
    c.setCreator(APP_NAME)
    tw = TextWriter(c)
    headers = [h.format(item=tpl.item_label) for h in SUMMARY_HEADERS]
    cells = [summary_cells(line) for line in summary.lines]
    widths = column_widths(tw, headers, cells, size=geo.size, total=geo.inner_width)
    table = TableDrawer(c, tw, x0=geo.margin_x, widths=widths, size=geo.size,
                        aligns=["center", "left", "right", "right", "right"])
    rows = [Row(cell, None, geo.row_h, shade=line.kind == "total")
            for cell, line in zip(cells, summary.lines, strict=True)]
    notes = [f"总金额（大写）：人民币{rmb_upper(summary.amount)}"]
    if summary.left_out:
        notes.append("以下村的名册有未处理的错误，未计入本表：" + "、".join(summary.left_out))
    usable = geo.height - geo.margin_top - geo.margin_bottom - geo.head_h
    per_first = int((usable - geo.title_size * 2.5) // geo.row_h)
    per_next = int(usable // geo.row_h)
    chunks, rest = [rows[:per_first]], rows[per_first:]
    while rest:
        chunks.append(rest[:per_next])
        rest = rest[per_next:]
    footer_h = (len(notes) + 3) * geo.lead + 10
    left = usable - len(chunks[-1]) * geo.row_h - (geo.title_size * 2.5 if len(chunks) == 1 else 0)
    pages = len(chunks) + (1 if left < footer_h else 0)
    head = Row(headers, None, geo.head_h, shade=True)
    for no in range(1, pages + 1):
        report(progress, no - 1, pages)
        tw.begin_page()
        y = geo.height - geo.margin_top
        if no == 1:
            y -= geo.title_size * 1.6
            tw.text_center(geo.width / 2, y, title, geo.title_size)
            y -= geo.title_size * 0.9
        if no <= len(chunks):
            y = table.draw([head] + chunks[no - 1], y)
        if no == pages:
            y -= 10
            for line in [*notes, f"填报单位：{government}（盖章）　　填报日期：{cn_date(issued_on)}",
                         "经办人：　　　　　　审核人：　　　　　　负责人："]:
                for part in tw.wrap(line, geo.inner_width, geo.text_size):
                    y -= geo.lead
                    tw.text(geo.margin_x, y + geo.lead * 0.3, part, geo.text_size)
        tw.text_center(geo.width / 2, geo.margin_bottom - 22, f"第 {no} 页 共 {pages} 页",
                       geo.text_size * 0.9)
        tw.end_page()
        c.showPage()
    from catalog.noticeboard.render_pdf import refuse_drawn_numbers
    refuse_drawn_numbers(tw.texts())
    c.save()
    return pages
