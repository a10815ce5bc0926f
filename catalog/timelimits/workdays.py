"""Chinese working days: the user's holiday table, else chinesecalendar, else an estimate (with a warning).

The State Council publishes each year's 节假日安排 in the autumn; chinesecalendar 1.11.0 knows 2004–2026
only. A year the clerk has imported (HolidayTable) always wins; a later year nobody has published is
estimated from the 《全国年节及纪念日放假办法》 (statutory.py: its holidays plus weekends, 调休 unknown), and
a year outside that is counted with weekends only. `fallback_years` / `fallback_warning` say so, so the
GUI and CLI can show it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from catalog.timelimits.holidays import HolidayTable, load_holiday_file  # noqa: F401  (re-exported: one import for callers)
from catalog.timelimits.statutory import statutory_days

SOURCE_TABLE, SOURCE_OFFICIAL, SOURCE_WEEKENDS = "table", "chinesecalendar", "weekends"
SOURCE_ESTIMATED = "estimated"   # 放假办法 holidays + weekends, no 调休: not the published schedule
# Years counted without the 国务院办公厅 schedule: always shown with fallback_warning.
FALLBACK_SOURCES = frozenset({SOURCE_ESTIMATED, SOURCE_WEEKENDS})
_MAX_STEPS = 366 * 20   # add_workdays never walks further than this (a typo like 20000 个工作日)


@dataclass(frozen=True)
class _Year:
    source: str
    off: frozenset[date]      # weekdays (or any days) that are holidays
    work: frozenset[date]     # weekend days that are adjusted workdays (调休上班)


def _official_year(year: int) -> _Year | None:
    """The chinesecalendar data for one year, or None when the package does not cover it."""
    import chinese_calendar as cc
    try:
        cc.is_workday(date(year, 6, 1))
    except NotImplementedError:
        return None
    # Read its tables directly: is_workday() validates on every call, ten times slower in loops.
    off = frozenset(d for d in cc.holidays if d.year == year)
    work = frozenset(d for d in cc.workdays if d.year == year)
    return _Year(SOURCE_OFFICIAL, off, work)


@dataclass
class WorkCalendar:
    """Working days for any date; the table's years first, then chinesecalendar, then weekends only."""
    holiday_table: HolidayTable | None = None
    _years: dict[int, _Year] = field(default_factory=dict, init=False, repr=False)

    def _year(self, year: int) -> _Year:
        got = self._years.get(year)
        if got is None:
            table = self.holiday_table
            if table is not None and year in table.years:
                got = _Year(SOURCE_TABLE, table.off_days(year), table.work_days(year))
            else:
                got = _official_year(year) or _estimated_year(year)
            self._years[year] = got
        return got

    def source(self, year: int) -> str:
        """Where a year's days come from: "table", "chinesecalendar", "estimated" or "weekends"."""
        return self._year(year).source

    def is_workday(self, d: date) -> bool:
        """True on a working day (a weekday that is no holiday, or an adjusted workday 调休上班)."""
        y = self._year(d.year)
        if d in y.work:
            return True
        return d.weekday() < 5 and d not in y.off

    def add_workdays(self, start: date, n: int) -> date:
        """The n-th working day after start (start itself is day 0, whatever it is).

        "信息形成之日起20个工作日内" → add_workdays(formed, 20) is the last day allowed.
        n = 0 returns start; a negative n counts backwards (the n-th working day before start).
        """
        if abs(n) > _MAX_STEPS:
            raise ValueError(f"working-day count too large: {n}")
        step = timedelta(days=1 if n >= 0 else -1)
        d, left = start, abs(n)
        while left:
            d += step
            if self.is_workday(d):
                left -= 1
        return d

    def workdays_between(self, a: date, b: date) -> int:
        """Working days after a up to and including b (negative when b is before a).

        The inverse of add_workdays: workdays_between(a, add_workdays(a, n)) == n for n ≥ 0.
        """
        if b < a:
            return -self.workdays_between(b, a)
        count, d, one = 0, a, timedelta(days=1)
        while d < b:
            d += one
            if self.is_workday(d):
                count += 1
        return count

    def next_workday(self, d: date) -> date:
        """d itself when it is a working day, else the first working day after it."""
        while not self.is_workday(d):
            d += timedelta(days=1)
        return d

    def fallback_years(self, start: date | int, end: date | int) -> list[int]:
        """Years from start to end (inclusive) without a published schedule (estimated or weekends)."""
        y0 = start if isinstance(start, int) else start.year
        y1 = end if isinstance(end, int) else end.year
        lo, hi = min(y0, y1), max(y0, y1)
        return [y for y in range(lo, hi + 1) if self.source(y) in FALLBACK_SOURCES]

    def warning(self, start: date | int, end: date | int) -> str | None:
        """The Chinese warning for the fallback years in [start, end], or None when all are known."""
        return fallback_warning(self.fallback_years(start, end))

    def covered_years(self) -> dict[int, str]:
        """Every year this calendar has looked at so far, with its source (for a settings page)."""
        return {y: v.source for y, v in sorted(self._years.items())}


def _estimated_year(year: int) -> _Year:
    """放假办法 holidays of a year nobody published (weekends only when even that is out of range)."""
    days = statutory_days(year)
    if not days:
        return _Year(SOURCE_WEEKENDS, frozenset(), frozenset())
    return _Year(SOURCE_ESTIMATED, frozenset(d.day for d in days), frozenset())


def fallback_warning(years: list[int]) -> str | None:
    """'2027 年节假日安排尚未导入（估算，…）…' for the given years; None for an empty list."""
    if not years:
        return None
    names = "、".join(str(y) for y in sorted(set(years)))
    return (f"{names} 年节假日安排尚未导入（估算，未导入国务院办公厅放假安排）："
            "按《全国年节及纪念日放假办法》的法定节假日和周六、周日计算，调休上班日和补假未计入，"
            "期限可能不准。国务院办公厅发布该年节假日安排后，请在「节假日安排」中导入或录入。")
