"""Statutory holidays of the 2024 《全国年节及纪念日放假办法》, for years without an official schedule.

国务院令第795号 (in force 2025-01-01) fixes the days every citizen has off: 元旦 1 day,
春节 除夕–初三 (4 days), 清明 1, 劳动节 5-01–02, 端午 1, 中秋 1, 国庆 10-01–03. Lunar dates come from
the lunardate library, 清明 from chinesecalendar's solar terms — no hand tables. Which weekend days
become 调休上班 and where a holiday on a weekend is made up (补假) is decided each year by the
国务院办公厅 notice: those stay unknown, so an estimated year counts fewer days off than the real
schedule (deadlines come out earlier, never later).
"""
from __future__ import annotations

import warnings
from datetime import date, timedelta

from catalog.timelimits.holidays import OFF, HolidayDay

FIRST_YEAR, LAST_YEAR = 2025, 2099   # the 2024 放假办法 applies from 2025; lunardate knows up to 2099
BASIS = "《全国年节及纪念日放假办法》（2024 年修订，国务院令第795号）"


def _lunar(year: int, month: int, day: int) -> date:
    from lunardate import LunarDate
    with warnings.catch_warnings():          # older spellings are deprecated in some releases
        warnings.simplefilter("ignore", DeprecationWarning)
        return LunarDate(year, month, day).to_solar_date()


def _qingming(year: int) -> date:
    import chinese_calendar as cc
    [(day, _)] = [t for t in cc.get_solar_terms(date(year, 4, 1), date(year, 4, 30)) if t[1] == "清明"]
    return day


def statutory_days(year: int) -> tuple[HolidayDay, ...]:
    """The days off of one year by the 放假办法 (no 调休, no 补假), sorted; () outside 2025–2099."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return ()
    spring = _lunar(year, 1, 1)
    days = [(date(year, 1, 1), "元旦")]
    days += [(spring + timedelta(days=i), "春节") for i in range(-1, 3)]   # 除夕 to 初三
    days += [(_qingming(year), "清明节"), (date(year, 5, 1), "劳动节"), (date(year, 5, 2), "劳动节"),
             (_lunar(year, 5, 5), "端午节"), (_lunar(year, 8, 15), "中秋节")]
    days += [(date(year, 10, d), "国庆节") for d in (1, 2, 3)]
    # 中秋 can fall on 10-01..03 (as in 2020): one day off, named once.
    by_day: dict[date, str] = {}
    for d, n in days:
        by_day.setdefault(d, n)
    return tuple(HolidayDay(d, OFF, n) for d, n in sorted(by_day.items()))
