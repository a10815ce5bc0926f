"""What goes on each village's sheet: masked display cells, per-项目 subtotals and totals, the 公示期."""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from catalog.errors import InputError
from catalog.noticeboard.cells import format_amount, format_number
from catalog.noticeboard.model import Issue, Roster, RosterRow
from catalog.noticeboard.template import NoticeTemplate, PeriodRule
from catalog.privacy.pii import find_pii, mask_address, mask_id, mask_name, mask_phone, scrub_text
from catalog.timelimits.workdays import WorkCalendar

MIN_PERIOD_DAYS = 7
# Long enough to be an ID, card or mobile number: only such text needs scrubbing (a fast pre-check).
_SPLIT_DIGITS = re.compile(r"\d(?:[ -]?\d){10,}")
_LONG_DIGITS = re.compile(r"\d(?:[ \t\n\u3000._\u2010\u2011\u2013\u2014\uff0d-]?\d){10,}")


@dataclass(frozen=True)
class Period:
    """公示期, both days included; workdays: its working days when the template counts them."""
    start: date
    end: date
    workdays: int | None = None

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def text(self) -> str:
        if self.workdays is not None:
            days = f"共 {self.days} 天，含 {self.workdays} 个工作日"
            return f"{cn_date(self.start)}至{cn_date(self.end)}（{days}）"
        return f"{cn_date(self.start)}至{cn_date(self.end)}（共 {self.days} 天）"


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def default_period_end(start: date, rule: PeriodRule | None = None,
                       calendar: WorkCalendar | None = None) -> date:
    """The last day of the shortest 公示期 the rule allows: start + 7 天, or the 7th 工作日 counting start."""
    rule = rule or PeriodRule()
    if rule.workdays:
        return (calendar or WorkCalendar()).add_workdays(start - timedelta(days=1), rule.days)
    return start + timedelta(days=rule.days - 1)


def make_period(start: date, end: date | None = None, *, allow_short: bool = False,
                rule: PeriodRule | None = None, calendar: WorkCalendar | None = None) -> Period:
    """The 公示期: by default the template's minimum (7 天, or 7 个工作日 on the workspace's calendar);
    a longer end is the clerk's choice; shorter only with allow_short (an explicit override)."""
    rule = rule or PeriodRule(MIN_PERIOD_DAYS)
    cal = calendar or WorkCalendar()
    end = end or default_period_end(start, rule, cal)
    if end < start:
        raise InputError(f"公示期结束日期 {end} 早于开始日期 {start}", column="公示期")
    if rule.workdays:
        period = Period(start, end, cal.workdays_between(start - timedelta(days=1), end))
        got = f"{period.workdays} 个工作日"
        short = (period.workdays or 0) < rule.days
    else:
        period = Period(start, end)
        got, short = f"{period.days} 天", period.days < rule.days
    if short and not allow_short:
        raise InputError(f"公示期只有 {got}，少于本模板规定的 {rule.text()}（{cn_date(start)}起至少到"
                         f"{cn_date(default_period_end(start, rule, cal))}）。确需缩短时请明确选择"
                         f"“允许少于 {rule.text()}”（命令行 --allow-short-period）", column="公示期")
    return period


@dataclass(frozen=True)
class ItemTotal:
    item: str
    households: int
    quantity: Decimal | None    # None when some row of the item has no usable quantity
    amount: Decimal


@dataclass
class VillageSheet:
    """One village's sheet set: display rows (already masked) and the sums printed under them."""
    village: str
    rows: list[list[str]]
    items: list[ItemTotal]
    households: int
    amount: Decimal
    source_rows: list[int] = field(default_factory=list)   # roster row numbers, in order
    version: int = 1

    def digest(self) -> str:
        """Fingerprint of what is printed: a re-print with the same digest is the same version."""
        h = hashlib.sha256()
        for r in self.rows:
            h.update("\x1f".join(r).encode("utf-8"))
            h.update(b"\x1e")
        h.update(str(self.amount).encode())
        return h.hexdigest()[:16]


@dataclass
class SheetSet:
    sheets: list[VillageSheet]
    skipped: dict[str, list[Issue]] = field(default_factory=dict)   # village → blocking errors
    unplaced: list[Issue] = field(default_factory=list)              # errors of rows in no known village
    template: NoticeTemplate | None = None   # the columns printed: optional ones the roster lacks dropped

    @property
    def rows(self) -> int:
        return sum(len(s.rows) for s in self.sheets)

    @property
    def amount(self) -> Decimal:
        return sum((s.amount for s in self.sheets), Decimal(0))


def display_cells(row: RosterRow, seq: int, tpl: NoticeTemplate, *, mask_names: bool) -> list[str]:
    """The printed cells of one row, every personal field masked (IDs never beyond 6+4, no bank numbers)."""
    return guard_split([fn(row, seq) for fn in cell_makers(tpl, mask_names=mask_names)])


def cell_makers(tpl: NoticeTemplate, *, mask_names: bool) -> list[Callable[[RosterRow, int], str]]:
    """One function per template column turning (row, 序号) into printed text (masking included)."""
    head, tail = tpl.masking.id_head, tpl.masking.id_tail
    amounts: dict = {}
    numbers: dict = {}

    def amount(r: RosterRow, _: int) -> str:
        a = r.amount
        text = amounts.get(a)
        if text is None:
            text = amounts[a] = format_amount(a)
        return text

    def number(f: str) -> Callable[[RosterRow, int], str]:
        def make(r: RosterRow, _: int) -> str:
            d = getattr(r, f)
            if d is None:
                return _safe(r.get(f), head, tail)
            text = numbers.get(d)
            if text is None:
                text = numbers[d] = format_number(d)
            return text
        return make

    def text(f: str) -> Callable[[RosterRow, int], str]:
        return lambda r, _: _safe(r.values.get(f, ""), head, tail)

    makers = {
        "seq": lambda r, seq: str(seq),
        "amount": amount,
        "quantity": number("quantity"),
        "standard": number("standard"),
        "id_number": lambda r, _: mask_id(r.id_number, head, tail) if r.id_number else "",
        "name": (lambda r, _: _safe(mask_name(r.name), head, tail)) if mask_names else text("name"),
        "phone": lambda r, _: mask_phone(r.get("phone")) if r.get("phone") else "",
        "address": lambda r, _: mask_address(r.get("address")),
        "village": lambda r, _: r.village or r.get("village"),
    }
    return [makers.get(col.field) or text(col.field) for col in tpl.columns]


def printable(text: str, head: int = 2, tail: int = 3) -> str:
    """The ONE function every text a sheet prints passes through: IDs, card numbers and mobiles masked."""
    return scrub_text(text, id_head=head, id_tail=tail) if text and _LONG_DIGITS.search(text) else text


_safe = printable


def guard_split(cells: list[str]) -> list[str]:
    """A number split over neighbouring cells (an ID half in 补贴项目, half in 备注) reads whole on the
    printed line: digits of a personal number that spans cells are starred out in every cell it touches."""
    joined = "".join(cells)
    if not _SPLIT_DIGITS.search(joined):
        return cells
    bounds, pos = [], 0
    for c in cells:
        bounds.append((pos, pos + len(c)))
        pos += len(c)
    out = list(cells)
    for m in find_pii(joined):
        touched = [i for i, (a, b) in enumerate(bounds) if a < m.end and m.start < b]
        if len(touched) < 2:
            continue
        for i in touched:
            a, b = bounds[i]
            lo, hi = max(m.start, a) - a, min(m.end, b) - a
            text = out[i]
            out[i] = text[:lo] + "".join("*" if ch.isdigit() else ch for ch in text[lo:hi]) + text[hi:]
    return out


def build_sheets(source: Roster | Iterable[RosterRow], *, template: NoticeTemplate,
                 villages: Sequence[str] | None = None, mask_names: bool | None = None) -> SheetSet:
    """Sheets for the chosen villages (all by default), in the township's order.

    From a Roster, villages with unresolved errors are skipped (listed in .skipped); plain rows are
    taken as they are (the caller has validated them).
    """
    mask = template.masking.mask_names if mask_names is None else mask_names
    if isinstance(source, Roster):
        template = template.for_fields(source.mapping)
        groups = source.by_village()
        order = [v for v in source.township_villages if v in groups]
        blocked = source.blocked()
        unplaced = source.unplaced_errors()
    else:
        groups = {}
        for r in source:
            groups.setdefault(r.village or r.get("village"), []).append(r)
        order, blocked, unplaced = list(groups), {}, []
        template = template.for_fields({f for rs in groups.values() for r in rs for f, v in r.values.items()
                                        if v})
    if villages:
        unknown = [v for v in villages if v not in groups and v not in blocked]
        if unknown:
            raise InputError(f"名册中没有这些村的数据：{'、'.join(unknown)}（有数据的村："
                             f"{'、'.join(order) or '无'}）",
                             column="村")
        order = [v for v in order if v in villages] + [v for v in villages if v not in order and v in blocked]
    result = SheetSet([], unplaced=unplaced if not villages else [], template=template)
    for v in order:
        if v in blocked:
            result.skipped[v] = blocked[v]
            continue
        result.sheets.append(_village_sheet(v, groups[v], template, mask))
    return result


def total_or_none(values: Iterable[Decimal | None]) -> Decimal | None:
    """The sum, or None when any value is unknown (a quantity column with blanks has no total)."""
    total = Decimal(0)
    for v in values:
        if v is None:
            return None
        total += v
    return total


def _village_sheet(village: str, rows: list[RosterRow], tpl: NoticeTemplate, mask: bool) -> VillageSheet:
    makers = cell_makers(tpl, mask_names=mask)
    head, tail = tpl.masking.id_head, tpl.masking.id_tail
    cells = [guard_split([fn(r, i) for fn in makers]) for i, r in enumerate(rows, 1)]
    items: dict[str, list[RosterRow]] = {}
    for r in rows:
        items.setdefault(r.item, []).append(r)
    totals = []
    for item, rs in items.items():
        qty = total_or_none(r.quantity for r in rs)
        totals.append(ItemTotal(printable(item, head, tail), len({r.person_key() for r in rs}), qty,
                                sum((r.amount or Decimal(0) for r in rs), Decimal(0))))
    return VillageSheet(village, cells, totals, len({r.person_key() for r in rows}),
                        sum((t.amount for t in totals), Decimal(0)), [r.no for r in rows])
