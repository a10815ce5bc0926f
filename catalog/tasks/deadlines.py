"""Deadlines written in a task list's text: 11月底前, 年底前, 第三季度, 上半年, 2026年11月30日前, 长期坚持.

`find_deadline(text, year)` reads every deadline phrase in a text and keeps the latest date (the task is
finished when its last step is); a text without one gives an unknown Deadline (due None, kind "unknown"),
which is shown as 期限不明 and never guessed. `year` is the list's year (from its title, else the import
date); a phrase with its own year (2027年3月底前) uses that.
"""
from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

DATE, MONTH, QUARTER, HALF, YEAR_END, ONGOING, UNKNOWN = (
    "date", "month", "quarter", "half", "year_end", "ongoing", "unknown")

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


@dataclass(frozen=True)
class Deadline:
    """A deadline read from text: the date (None when unknown or ongoing) and the words it came from."""
    due: date | None
    text: str = ""            # the phrase as written: 11月底前, 年底前 …; "" when none was found
    kind: str = UNKNOWN

    @property
    def known(self) -> bool:
        return self.due is not None

    @property
    def label(self) -> str:
        """2026-11-30（11月底前）, 长期坚持（无固定期限）, or 期限不明."""
        if self.due is not None:
            return f"{self.due.isoformat()}（{self.text}）" if self.text else self.due.isoformat()
        if self.kind == ONGOING:
            return f"{self.text}（无固定期限）"
        return "期限不明"


UNKNOWN_DEADLINE = Deadline(None)


def cn_number(text: str) -> int | None:
    """'11' / '十一' / '三' → int; None when it is neither."""
    t = text.strip()
    if t.isdigit():
        return int(t)
    if not t or any(c not in _CN_DIGITS for c in t):
        return None
    if t == "十":
        return 10
    if t.startswith("十"):
        return 10 + _CN_DIGITS[t[1]] if len(t) == 2 else None
    if len(t) == 1:
        return _CN_DIGITS[t]
    if len(t) == 2 and t[1] == "十":
        return _CN_DIGITS[t[0]] * 10
    if len(t) == 3 and t[1] == "十":
        return _CN_DIGITS[t[0]] * 10 + _CN_DIGITS[t[2]]
    return None


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


_N = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
_Y = r"(?:(\d{4})\s*年\s*)?"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("ymd", re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})")),
    ("cn_date", re.compile(_Y + _N + r"\s*月\s*(\d{1,2})\s*[日号](?:之?前)?")),
    ("month_part", re.compile(_Y + _N + r"\s*月\s*(底|末|份|中旬|上旬|下旬|中)(?:之)?前?")),
    ("month_before", re.compile(_Y + _N + r"\s*月(?:份)?\s*(?:之)?前")),
    ("quarter", re.compile(_Y + r"(?:第\s*)?" + _N + r"\s*季度(?:末|底)?")),
    ("half", re.compile(_Y + r"(上|下)半年")),
    ("year_end", re.compile(r"(?:(\d{4})\s*年?\s*)?(?:年底|年末|年终|年内|全年|本年度|年度内)(?:之?前)?")),
    ("ongoing", re.compile(r"长期(?:坚持|推进|执行)?|常态化|持续(?:推进|开展|做好)|长效")),
]
_NEXT_YEAR = re.compile(r"(?:次年|明年|翌年|下一年)(?:度)?")
_THIS_YEAR = re.compile(r"(?:当年|本年|今年)(?!度)")
_WEEKLY = re.compile(r"每(?:年|季度?|月|周|半年)")


def _year(m: re.Match[str], default: int) -> int:
    y = m.group(1)
    return int(y) if y else default


def _one(kind: str, m: re.Match[str], year: int) -> Deadline | None:
    phrase = m.group(0).strip()
    try:
        if kind == "ymd":
            return Deadline(date(int(m[1]), int(m[2]), int(m[3])), phrase, DATE)
        if kind == "cn_date":
            mon = cn_number(m[2])
            return Deadline(date(_year(m, year), mon, int(m[3])), phrase, DATE) if mon else None
        if kind == "month_part":
            mon = cn_number(m[2])
            if not mon or not 1 <= mon <= 12:
                return None
            y = _year(m, year)
            day = {"上旬": 10, "中旬": 20, "中": 15}.get(m[3])
            return Deadline(date(y, mon, day) if day else month_end(y, mon), phrase, MONTH)
        if kind == "month_before":
            mon = cn_number(m[2])
            if not mon or not 1 <= mon <= 12:
                return None
            y = _year(m, year)
            # "6月前" is before June begins: the end of May.
            return Deadline(month_end(y - 1, 12) if mon == 1 else month_end(y, mon - 1), phrase, MONTH)
        if kind == "quarter":
            q = cn_number(m[2])
            return Deadline(month_end(_year(m, year), q * 3), phrase, QUARTER) if q and 1 <= q <= 4 else None
        if kind == "half":
            y = _year(m, year)
            return Deadline(month_end(y, 6) if m[2] == "上" else date(y, 12, 31), phrase, HALF)
        if kind == "year_end":
            return Deadline(date(_year(m, year), 12, 31), phrase, YEAR_END)
    except ValueError:      # 2月30日, 13月: not a date, so not a deadline
        return None
    return Deadline(None, phrase, ONGOING)


def find_deadline(text: str | None, year: int) -> Deadline:
    """The latest deadline in text (unknown when none); a text that only says 长期坚持 is ongoing."""
    t = unicodedata.normalize("NFKC", text or "")
    t = _NEXT_YEAR.sub(f"{year + 1}年", _THIS_YEAR.sub(f"{year}年", t))
    if not t.strip():
        return UNKNOWN_DEADLINE
    found: list[tuple[int, Deadline]] = []
    taken: list[tuple[int, int]] = []
    for kind, rx in _PATTERNS:
        for m in rx.finditer(t):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue      # part of a phrase already read (the 11月 of 11月30日)
            if kind == "quarter" and _WEEKLY.search(t[max(0, m.start() - 2):m.start()]):
                continue      # 每季度: recurring, no single deadline
            d = _one(kind, m, year)
            if d is not None:
                taken.append((m.start(), m.end()))
                found.append((m.start(), d))
    dated = [d for _, d in found if d.due is not None]
    if dated:
        return max(dated, key=lambda d: d.due or date.min)
    ongoing = [d for _, d in found if d.kind == ONGOING]
    return ongoing[0] if ongoing else UNKNOWN_DEADLINE


_TITLE_YEAR = re.compile(r"(20\d{2})\s*年")


def year_in(text: str | None) -> int | None:
    """The first 20xx年 in a title or file name (the year a task list is for)."""
    m = _TITLE_YEAR.search(unicodedata.normalize("NFKC", text or ""))
    return int(m.group(1)) if m else None
