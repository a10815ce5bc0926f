"""Due dates from a parsed 公开时限: the deadline of one disclosure, and the recurring ones of a year.

Working days come from a WorkCalendar. Calendar-day limits (N 日内) follow 《民法典》第二百零一条、
第二百零三条: the start day is not counted, and a last day that falls on a rest day moves to the next
working day.
"""
from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass
from datetime import date, timedelta

from catalog.timelimits.parse import DAYS, MONTHS, WORKDAYS, TimeLimit
from catalog.timelimits.workdays import WorkCalendar


@dataclass(frozen=True)
class Occurrence:
    """One expected disclosure of a recurring item: the period it covers and its last allowed day."""
    label: str            # 2026年第3季度
    period_start: date
    period_end: date
    due: date


def add_months(d: date, n: int) -> date:
    """d plus n months; a month-end stays a month-end (06-30 + 1 → 07-31),
    day 31 clamps (01-31 + 1 → 02-28)."""
    y, m = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m + 1
    last = _calendar.monthrange(year, month)[1]
    if d.day == _calendar.monthrange(d.year, d.month)[1]:
        return date(year, month, last)
    return date(year, month, min(d.day, last))


def shift(start: date, n: int, unit: str, cal: WorkCalendar, *, before: bool = False) -> date:
    """start moved by n units (working days, calendar days or months); calendar ends skip rest days."""
    sign = -1 if before else 1
    if unit == WORKDAYS:
        return cal.add_workdays(start, sign * n)
    end = add_months(start, sign * n) if unit == MONTHS else start + timedelta(days=sign * n)
    return end if before else cal.next_workday(end)


def next_due(tl: TimeLimit, formed: date, cal: WorkCalendar | None = None) -> date | None:
    """The last allowed day for information formed (or the trigger event) on `formed`.

    workdays/days: counted from formed (day 0); 提前 N: N before formed. periodic: the first expected
    disclosure due on or after formed. multi: the earliest of its parts. realtime, long_term, per_law and
    unparsed have no computable day: None.
    """
    cal = cal or WorkCalendar()
    if tl.kind in (WORKDAYS, DAYS) and tl.days is not None:
        return shift(formed, tl.days, tl.unit or DAYS, cal, before=tl.before)
    if tl.kind == "periodic":
        if tl.period == "interval" and tl.days:
            return shift(formed, tl.days, tl.unit or DAYS, cal)
        dues = [o.due for y in (formed.year - 1, formed.year, formed.year + 1)
                for o in expected_occurrences(tl, y, cal=cal) if o.due >= formed]
        return min(dues, default=None)
    if tl.kind == "multi":
        dues = [d for p in tl.parts if (d := next_due(p, formed, cal)) is not None]
        return min(dues, default=None)
    return None


def _periods(period: str, year: int) -> list[tuple[str, date, date]]:
    if period == "year":
        return [(f"{year}年度", date(year, 1, 1), date(year, 12, 31))]
    if period == "half_year":
        return [(f"{year}年上半年", date(year, 1, 1), date(year, 6, 30)),
                (f"{year}年下半年", date(year, 7, 1), date(year, 12, 31))]
    if period == "quarter":
        return [(f"{year}年第{q}季度", date(year, 3 * q - 2, 1), add_months(date(year, 3 * q - 2, 1), 2)
                 .replace(day=_calendar.monthrange(year, 3 * q)[1])) for q in range(1, 5)]
    if period == "month":
        return [(f"{year}年{m}月", date(year, m, 1), date(year, m, _calendar.monthrange(year, m)[1]))
                for m in range(1, 13)]
    if period == "week":
        # Weeks starting on Monday, counted by the Monday's year.
        d = date(year, 1, 1) + timedelta(days=(7 - date(year, 1, 1).weekday()) % 7)
        out: list[tuple[str, date, date]] = []
        while d.year == year:
            out.append((f"{year}年第{len(out) + 1}周", d, d + timedelta(days=6)))
            d += timedelta(days=7)
        return out
    return []


def expected_occurrences(tl: TimeLimit, year: int, *, cal: WorkCalendar | None = None) -> list[Occurrence]:
    """The disclosures a recurring item owes for the periods of `year` (Q1–Q4 2026, …), with due dates.

    Without an offset the due day is the period's last day; 年度终了后3个月内 → the end plus the offset;
    每年1月31日前 → that date of `year`, moved past rest days (the period is then the calendar year);
    每20个工作日 → every 20th working day from 1 January.
    Non-recurring items (and 定期 with no period) give [].
    """
    cal = cal or WorkCalendar()
    if tl.kind == "multi":
        occ = [o for p in tl.parts for o in expected_occurrences(p, year, cal=cal)]
        return sorted(occ, key=lambda o: o.due)
    if tl.kind != "periodic" or tl.period is None:
        return []
    if tl.period == "interval":
        out: list[Occurrence] = []
        start = date(year, 1, 1)
        while tl.days:
            due = shift(start, tl.days, tl.unit or DAYS, cal)
            if due.year != year:
                break
            out.append(Occurrence(f"{year}年第{len(out) + 1}次", start, due, due))
            start = due
        return out
    out = []
    for label, start, end in _periods(tl.period, year):
        if tl.offset is not None:
            due = shift(end, tl.offset, tl.offset_unit or DAYS, cal)
        elif tl.fixed_due:
            month, day = tl.fixed_due
            month = month or start.month
            if tl.period == "year" and month:
                start, end = date(year, 1, 1), date(year, 12, 31)
            last = _calendar.monthrange(year, month)[1]
            due = cal.next_workday(date(year, month, min(day, last) if day else last))
        else:
            due = end
        out.append(Occurrence(label, start, end, due))
    return out
