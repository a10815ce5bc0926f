"""Per-village 公示 sheets as PDF, drawn row by row on the canvas (fixed row heights, known page counts)."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from catalog import APP_NAME
from catalog.errors import KnownError
from catalog.noticeboard.cells import format_amount, format_number
from catalog.noticeboard.model import Issue, Roster, RosterRow
from catalog.noticeboard.pdftable import Geometry, Row, TableDrawer, column_widths, geometry
from catalog.noticeboard.pdftext import TextWriter
from catalog.noticeboard.rmb import rmb_upper
from catalog.noticeboard.sheets import Period, SheetSet, VillageSheet, build_sheets, cn_date, make_period
from catalog.noticeboard.template import NoticeTemplate, resolve_template
from catalog.progress import Progress, report
from catalog.timelimits.workdays import WorkCalendar
from catalog.township.profile import Township

_T = TypeVar("_T")

SEAL_ROOM = 62.0   # blank height above the 公示单位 line for the official seal
# village → version, or a function computing it from the sheets (so the store can compare digests).
Versions = Mapping[str, int] | Callable[[list[VillageSheet]], Mapping[str, int]]


@dataclass
class PrintResult:
    """What a print produced: pages, the sheets printed (village, version, digest) and what was skipped."""
    path: Path | None
    pages: int
    period: Period
    sheets: list[VillageSheet] = field(default_factory=list)
    skipped: dict[str, list[Issue]] = field(default_factory=dict)
    unplaced: list[Issue] = field(default_factory=list)
    missing_glyphs: dict[str, str] = field(default_factory=dict)   # village → characters the font lacks

    @property
    def villages(self) -> list[str]:
        return [s.village for s in self.sheets]


@dataclass
class NoticeOptions:
    """Everything printed around the table. township: name or profile; phone: 监督举报电话."""
    township: str
    government: str
    phone: str
    period: Period
    year: int
    issued_on: date
    template: NoticeTemplate
    geo: Geometry


def notice_options(*, township: str | Township, period_start: date, period_end: date | None = None,
                   phone: str | None = None, template: NoticeTemplate | str | None = None,
                   landscape: bool = False, large_print: bool = False, allow_short_period: bool = False,
                   year: int | None = None, issued_on: date | None = None,
                   calendar: WorkCalendar | None = None) -> NoticeOptions:
    """Check and gather the sheet's surroundings (公示期 ≥ the template's rule unless allowed, phone
    required).

    calendar: the workspace's working days (its imported 节假日安排) for templates counting 工作日."""
    t = township if isinstance(township, Township) else Township(str(township), "", "")
    phone = (phone if phone is not None else t.supervise_phone or t.phone).strip()
    if not phone:
        raise KnownError("没有监督举报电话：公示必须写明监督举报电话。请在乡镇信息中填写，或用 --phone 指定")
    tpl = resolve_template(template)
    period = make_period(period_start, period_end, allow_short=allow_short_period, rule=tpl.period,
                         calendar=calendar)
    return NoticeOptions(t.name, t.government, phone, period, year or period_start.year,
                         issued_on or period_start, tpl,
                         geometry(landscape=landscape, large_print=large_print))


def render_pdf(source: Roster | Iterable[RosterRow], out: str | Path, *, township: str | Township,
               period_start: date, period_end: date | None = None, phone: str | None = None,
               villages: Sequence[str] | None = None, template: NoticeTemplate | str | None = None,
               landscape: bool = False, large_print: bool = False, mask_names: bool | None = None,
               allow_short_period: bool = False, year: int | None = None, issued_on: date | None = None,
               versions: Versions | None = None, progress: Progress | None = None,
               calendar: WorkCalendar | None = None) -> PrintResult:
    """Write the PDF: each village from a new page, header row on every page, 第 x 页 共 y 页 per village.

    Villages with unresolved errors are skipped (see result.skipped). Nothing is written when no
    village can be printed; the file appears only when complete (written beside it, then renamed).
    """
    tpl = resolve_template(template if template is not None else getattr(source, "template_id", None))
    opts = notice_options(township=township, period_start=period_start, period_end=period_end, phone=phone,
                          template=tpl, landscape=landscape, large_print=large_print,
                          allow_short_period=allow_short_period, year=year, issued_on=issued_on,
                          calendar=calendar)
    sheet_set = build_sheets(source, template=tpl, villages=villages, mask_names=mask_names)
    opts.template = sheet_set.template or tpl      # optional columns the roster lacks are left out
    apply_versions(sheet_set.sheets, versions)
    result = PrintResult(None, 0, opts.period, sheet_set.sheets, sheet_set.skipped, sheet_set.unplaced)
    if not sheet_set.sheets:
        return result
    result.pages, result.missing_glyphs = write_atomically(
        Path(out), lambda tmp: _draw(tmp, sheet_set, opts, progress))
    result.path = Path(out)
    return result


def apply_versions(sheets: list[VillageSheet], versions: Versions | None) -> None:
    """Set each sheet's version from a village → version mapping, or a function of the sheets."""
    found = versions(sheets) if callable(versions) else (versions or {})
    for s in sheets:
        s.version = found.get(s.village, 1)


def write_atomically(out: Path, write: Callable[[str], _T]) -> _T:
    """Run write(temp_path) and move the file into place only when it succeeded and the privacy scan
    finds no full 身份证号 or bank number in it (a file with one is refused, never kept)."""
    if out.is_dir():
        raise KnownError(f"「{out}」是一个文件夹，请给出要保存的文件名")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_parts(out)
        fd, tmp = tempfile.mkstemp(prefix=out.stem + ".", suffix=".part" + out.suffix, dir=out.parent)
        os.close(fd)
    except OSError as err:
        raise KnownError(f"无法在 {out.parent} 中写入文件（{err.strerror or err}），请换一个文件夹") from None
    try:
        try:
            value = write(tmp)
        except OSError as err:
            raise KnownError(f"写入 {out.name} 失败（{err.strerror or err}），磁盘可能已满") from None
        refuse_personal_numbers(Path(tmp), out.name)
        try:
            os.replace(tmp, out)
        except PermissionError:
            raise KnownError(f"无法写入 {out}：文件可能正在被其他程序打开，请关闭后重试") from None
        return value
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


_SCAN_PDF_BYTES = 256 * 1024      # larger PDFs (~50+ pages): only their drawn text is checked (text
                                  # extraction costs ~50 ms a page; the drawn text is the same text)


def refuse_drawn_numbers(texts: set[str]) -> None:
    """KnownError when any text drawn into a PDF holds a full 身份证号 or bank card number."""
    from catalog.privacy.readers import Location, Segment
    from catalog.privacy.scan import segment_hits
    hits = [h for t in texts for h in segment_hits(Segment(Location(), t))
            if h.kind in ("id_number", "bank_card")]
    if hits:
        raise KnownError(f"生成的文件中仍有完整的{hits[0].label}（{hits[0].excerpt}），"
                         "为保护个人隐私没有保存。请检查名册中是否把号码写进了补贴项目、备注等栏目，改正后重新生成。")


def refuse_personal_numbers(path: Path, name: str) -> None:
    """KnownError when the privacy scan finds a full 身份证号 or bank card number in a produced file.
    (Mobile numbers are not refused: the 监督举报电话 printed on every sheet may be one.) A large PDF
    was already checked through the text drawn into it (refuse_drawn_numbers)."""
    from catalog.privacy.scan import scan_file
    if path.suffix.lower() == ".pdf" and path.stat().st_size > _SCAN_PDF_BYTES:
        return
    hits = [h for h in scan_file(path).hits if h.kind in ("id_number", "bank_card")]
    if hits:
        where = "；".join(f"{h.location.text()}：{h.excerpt}" for h in hits[:3])
        raise KnownError(f"生成的 {name} 中仍有完整的{hits[0].label}（{where}），为保护个人隐私没有保存。"
                         "请检查名册中是否把号码写进了补贴项目、备注等栏目，改正后重新生成。")


def _remove_stale_parts(out: Path, age_s: float = 600) -> None:
    """Temporary files of an earlier run that was killed (*.part), older than age_s seconds."""
    import time
    now = time.time()
    for p in out.parent.glob(f"{out.stem}.*.part*"):
        try:
            if now - p.stat().st_mtime > age_s:
                p.unlink()
        except OSError:
            pass


# -- layout ------------------------------------------------------------------------------------
def _summary_rows(sheet: VillageSheet, tpl: NoticeTemplate, geo: Geometry) -> list[Row]:
    """小计 per 项目 (when there are several) and 合计, each with its 人民币大写 on a second line."""
    fields = tpl.column_fields()
    first_num = min(i for i, f in enumerate(fields) if f in ("quantity", "standard", "amount"))
    tail = fields[first_num:]
    h = geo.row_h * 1.8
    rows = []

    def row(label: str, qty: Decimal | None, amount: Decimal) -> Row:
        cells = [label] + [format_amount(amount) if f == "amount" else
                           format_number(qty) if f == "quantity" and qty is not None else "" for f in tail]
        return Row(cells, [first_num] + [1] * len(tail), h)

    if len(sheet.items) > 1:
        for it in sheet.items:
            rows.append(row(f"{it.item or tpl.item_label}小计（{it.households} {tpl.count_unit}）\n"
                            f"大写：{rmb_upper(it.amount)}", it.quantity, it.amount))
    only = sheet.items[0].quantity if len(sheet.items) == 1 else None
    rows.append(row(f"合计（共 {sheet.households} {tpl.count_unit}）\n大写：人民币{rmb_upper(sheet.amount)}",
                    only, sheet.amount))
    return rows


@dataclass
class _Page:
    rows: list[Row]
    first: bool


def _paginate(body: list[Row], title_h: float, footer_h: float, geo: Geometry) -> list[_Page]:
    usable = geo.height - geo.margin_top - geo.margin_bottom
    cont_h = geo.text_size * 2
    pages: list[_Page] = []
    cur = _Page([], True)
    room = usable - title_h - geo.head_h
    for r in body:
        if r.height > room and cur.rows:
            pages.append(cur)
            cur = _Page([], False)
            room = usable - cont_h - geo.head_h
        cur.rows.append(r)
        room -= r.height
    # The signature block stays with the table: carry the last rows over when it does not fit.
    if room < footer_h and len(cur.rows) > 1:
        # carry the sums plus a couple of people, so the last page is not sums alone
        sums = sum(1 for r in cur.rows if r.spans)
        carry = min(sums + 2, len(cur.rows) - 1)
        pages.append(_Page(cur.rows[:-carry], cur.first))
        cur = _Page(cur.rows[-carry:], False)
    elif room < footer_h:
        pages.append(cur)
        cur = _Page([], False)
    pages.append(cur)
    return pages


def _draw(path: str, sheet_set: SheetSet, opts: NoticeOptions,
          progress: Progress | None) -> tuple[int, dict[str, str]]:
    from reportlab.pdfgen import canvas as rl_canvas
    geo, tpl = opts.geo, opts.template
    c = rl_canvas.Canvas(path, pagesize=(geo.width, geo.height), pageCompression=1)
    c.setTitle(f"{opts.township}{opts.year}年度{tpl.name}")
    c.setAuthor(opts.government)
    c.setCreator(APP_NAME)
    tw = TextWriter(c)
    headers = [col.header for col in tpl.columns]
    aligns = [col.align for col in tpl.columns]
    flexible = [c.field in ("remark", "address") for c in tpl.columns]
    widths = column_widths(tw, headers, [r for s in sheet_set.sheets for r in s.rows], size=geo.size,
                           total=geo.inner_width, flexible=flexible)
    table = TableDrawer(c, tw, x0=geo.margin_x, widths=widths, aligns=aligns, size=geo.size)
    plans = []
    for s in sheet_set.sheets:
        title, intro = _titles(s, opts)
        title_lines = tw.wrap(title, geo.inner_width, geo.title_size)
        intro_lines = tw.wrap(intro, geo.inner_width - geo.text_size * 2, geo.text_size)
        title_h = len(title_lines) * geo.title_size * 1.35 + (geo.text_size * 1.6 if s.version > 1 else 0) \
            + 8 + len(intro_lines) * geo.lead + 8
        body = [Row(cells, None, geo.row_h) for cells in s.rows] + _summary_rows(s, tpl, geo)
        pages = _paginate(body, title_h, _footer_height(s, geo), geo)
        plans.append((s, title, title_lines, intro_lines, pages))
    total_pages = sum(len(p[4]) for p in plans)
    done = 0
    missing: dict[str, str] = {}
    for s, title, title_lines, intro_lines, pages in plans:
        chars = tw.missing_chars({cell for r in s.rows for cell in r})
        if chars:
            missing[s.village] = chars
        for no, page in enumerate(pages, 1):
            report(progress, done, total_pages)
            tw.begin_page()
            y = geo.height - geo.margin_top
            if page.first:
                y = _draw_heading(tw, s, title_lines, intro_lines, y, geo)
            else:
                tw.gray(0.35)
                tw.text(geo.margin_x, y - geo.text_size, f"{title}（续）", geo.text_size * 0.9)
                tw.gray(0)
                y -= geo.text_size * 2
            if page.rows:
                head = Row(headers, None, geo.head_h, shade=True)
                y = table.draw([head, *page.rows], y)
            if no == len(pages):
                _draw_footer(tw, s, opts, y)
            _page_footer(tw, s, opts, no, len(pages))
            tw.end_page()
            c.showPage()
            done += 1
    report(progress, total_pages, total_pages)
    refuse_drawn_numbers(tw.texts())
    c.save()
    return total_pages, missing


def _titles(s: VillageSheet, opts: NoticeOptions) -> tuple[str, str]:
    values = {"village": s.village, "year": str(opts.year), "township": opts.township,
              "government": opts.government}
    return opts.template.format_title(**values), opts.template.format_intro(**values)


def _draw_heading(tw: TextWriter, s: VillageSheet, title_lines: list[str], intro_lines: list[str], y: float,
                  geo: Geometry) -> float:
    mid = geo.width / 2
    for line in title_lines:
        y -= geo.title_size * 1.35
        tw.text_center(mid, y + geo.title_size * 0.3, line, geo.title_size)
    if s.version > 1:
        y -= geo.text_size * 1.6
        tw.text_center(mid, y + geo.text_size * 0.4, f"（更正后重新公示·第 {s.version} 版）", geo.text_size)
    y -= 8
    for i, line in enumerate(intro_lines):
        y -= geo.lead
        indent = geo.text_size * 2 if i == 0 else 0
        tw.text(geo.margin_x + indent, y + geo.lead * 0.3, line, geo.text_size)
    return y - 8


def _footer_lines(s: VillageSheet, opts: NoticeOptions) -> list[str]:
    lines = [f"公示期：{opts.period.text()}", f"监督举报电话：{opts.phone}"]
    if s.version > 1:
        lines.append(f"更正说明：本表为更正后重新公示的第 {s.version} 版，此前张贴的版本作废，"
                     "公示期重新计算。")
    return lines


def _footer_height(s: VillageSheet, geo: Geometry) -> float:
    return 10 + (3 if s.version > 1 else 2) * geo.lead + SEAL_ROOM + 2 * geo.lead


def _draw_footer(tw: TextWriter, s: VillageSheet, opts: NoticeOptions, y: float) -> None:
    geo = opts.geo
    y -= 10
    for line in _footer_lines(s, opts):
        y -= geo.lead
        tw.text(geo.margin_x, y + geo.lead * 0.3, line, geo.text_size)
    y -= SEAL_ROOM
    right = geo.width - geo.margin_x - geo.text_size * 2
    tw.text_right(right, y + geo.lead * 0.3, f"公示单位：{opts.government}（盖章）", geo.text_size)
    y -= geo.lead
    tw.text_right(right, y + geo.lead * 0.3, cn_date(opts.issued_on), geo.text_size)


def _page_footer(tw: TextWriter, s: VillageSheet, opts: NoticeOptions, no: int, total: int) -> None:
    geo = opts.geo
    y = geo.margin_bottom - 22
    tw.text_center(geo.width / 2, y, f"{s.village}　第 {no} 页 共 {total} 页", geo.text_size * 0.9)
    tw.gray(0.45)
    tw.text(geo.margin_x, y - 12, f"{opts.township} · {opts.template.name} · 第 {s.version} 版 · "
                                  f"{s.village} {len(s.rows)} 行 · {APP_NAME}", 7)
    tw.gray(0)
