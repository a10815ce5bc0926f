"""公开时限 text → a structured TimeLimit: "信息形成或者变更之日起20个工作日内", "每季度", "实时", "1.…;2.…".

The statutory ceiling is 20 working days from the information's formation or change (《政府信息公开条例》
国务院令第711号 第二十六条), unless a law or regulation says otherwise. Due dates: see
catalog/timelimits/deadlines.py.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from catalog.timelimits.deadlines import Occurrence
    from catalog.timelimits.workdays import WorkCalendar

KINDS = ("workdays", "days", "periodic", "realtime", "long_term", "per_law", "multi", "unparsed")
WORKDAYS, DAYS, MONTHS = "workdays", "days", "months"
PERIODS = ("week", "month", "quarter", "half_year", "year", "interval")
STATUTORY_WORKDAYS = 20
_UNIT = {"工作日": WORKDAYS, "自然日": DAYS, "日历日": DAYS, "日": DAYS, "天": DAYS, "周": DAYS, "星期": DAYS,
         "个月": MONTHS, "月": MONTHS}


@dataclass(frozen=True)
class TimeLimit:
    """One parsed 公开时限. `days` is the count N in `unit`; periodic items use period/offset/fixed_due."""
    kind: str                                  # one of KINDS
    text: str                                  # the original text
    days: int | None = None                    # N (workdays/days kinds; the interval of 每N个工作日)
    unit: str | None = None                    # workdays | days | months
    period: str | None = None                  # periodic: one of PERIODS, None for an unspecified 定期
    offset: int | None = None                  # periodic: 年度终了后 N …
    offset_unit: str | None = None
    # periodic: (month, day) — 每年1月31日前; month 0 = every month; day 0 = the month's last day (3月底前)
    fixed_due: tuple[int, int] | None = None
    trigger: str = ""                          # what starts the clock: 信息形成或者变更, 收到申请 …
    scope: str = ""                            # a multi part's subject: 处罚决定, 结果信息 …
    before: bool = False                       # 提前一周: N before the trigger
    posting: tuple[int, str] | None = None     # minimum posting period (公示期不得少于7日) as (N, unit)
    has_exception_clause: bool = False         # 法律、法规另有规定的，从其规定
    parts: tuple[TimeLimit, ...] = ()        # multi: one per clause
    reason: str = ""                           # unparsed: why, in Chinese

    @property
    def understood(self) -> bool:
        """False only for kind unparsed (the checks report it with `reason`)."""
        return self.kind != "unparsed"

    def describe(self) -> str:
        """A short Chinese reading of the parse, for tooltips and check messages."""
        unit = {WORKDAYS: "个工作日", DAYS: "日", MONTHS: "个月"}
        head = f"{self.scope}：" if self.scope else ""
        if self.kind in (WORKDAYS, DAYS):
            if self.trigger:
                when = f"{self.trigger}{'前' if self.before else '后'} "
            else:
                when = "提前 " if self.before else ""
            body = f"{when}{self.days} {unit[self.unit or DAYS]}{'' if self.before else '内'}"
        elif self.kind == "periodic":
            body = _describe_period(self)
        elif self.kind == "multi":
            body = "；".join(p.describe() for p in self.parts)
        elif self.kind == "unparsed":
            body = f"无法识别：{self.reason}"
        else:
            body = {"realtime": "实时/及时公开", "long_term": "长期公开",
                    "per_law": "按法律法规规定"}[self.kind]
            if self.trigger and self.kind == "realtime":
                body += f"（时点：{self.trigger}）"
        if self.posting:
            body += f"，公示期 {self.posting[0]} {unit[self.posting[1]]}"
        if self.has_exception_clause and self.kind != "per_law":
            body += "（法律法规另有规定的从其规定）"
        return head + body


_PERIOD_NAMES = {"week": "每周", "month": "每月", "quarter": "每季度", "half_year": "每半年", "year": "每年"}
_PERIOD_END = {"week": "周末", "month": "月度结束", "quarter": "季度结束", "half_year": "半年结束",
               "year": "年度终了"}


def _describe_period(tl: TimeLimit) -> str:
    unit = {WORKDAYS: "个工作日", DAYS: "日", MONTHS: "个月"}
    if tl.period == "interval":
        return f"每 {tl.days} {unit[tl.unit or DAYS]}"
    if tl.period is None:
        return "定期公开（周期未写明）"
    text = _PERIOD_NAMES[tl.period]
    if tl.offset is not None:
        text += f"（{_PERIOD_END[tl.period]}后 {tl.offset} {unit[tl.offset_unit or DAYS]}内）"
    elif tl.fixed_due:
        m, d = tl.fixed_due
        text += f"（{f'{m}月' if m else ''}{'底' if d == 0 else f'{d}日'}前）"
    return text


# ---- parsing --------------------------------------------------------------------------------------
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUM = r"\d+|[一二两三四五六七八九十]+"
_DUR_RE = re.compile(rf"({_NUM})个?(工作日|自然日|日历日|个月|日|天|周|星期|月)")
_EXC_RE = re.compile(r"[,;。]?\(?(?:但)?(?:法律|法规|行政法规|规章|国家)[^;。]{0,30}?另有规定的?[,]?"
                     r"(?:的?从其规定|的?除外|执行)?\)?[。;]?")
_MONTHLY_RE = re.compile(r"每月(\d{1,2})日(?:前|之前|以前)")
_YEARLY_RE = re.compile(r"(?:每年)?(\d{1,2})月(?:底|末|(\d{1,2})日)(?:前|之前|以前)")
_PERIOD_WORD = re.compile(r"(?:每|按|逐)个?(周|月|季度?|半年|年度?)|^(月度|季度|半年度?|年度)(?:公开)?$")
_PERIOD_END_RE = re.compile(r"(年度|季度|半年|月度|年|季|月)(?:终了|结束|末|底)(?:后|之日起|起)?的?$")
_POSTING_RE = re.compile(r"(?:公示|公告)(?:期限?|时间)?(?:不得少于|不少于|为|是|)$")
_REALTIME_RE = re.compile(r"实时|即时|及时|同步|随时|第一时间|立即|尽快|随即")
_EVENT_RE = re.compile(r"^随(.+?)(?:一并|同时|同步)?公开|^在(.+?)时")
_LONG_RE = re.compile(r"长期|常态化|动态调整|动态更新|常年|持续公开")
_PER_LAW_RE = re.compile(r"^(?:按|依|根据|按照|依照)(?:照)?(?:有关|相关|法律|法规|规定|国家|上级)|^依法")
_NUMBERED_RE = re.compile(r"(?:^|(?<=[;。,:]))(?:\(?\d{1,2}[.、)](?!\d)|\(\d{1,2}\)|[①②③④⑤⑥⑦⑧⑨⑩])")
_PERIOD_KEY = {"周": "week", "月": "month", "月度": "month", "季": "quarter", "季度": "quarter",
               "半年": "half_year", "半年度": "half_year", "年": "year", "年度": "year"}


def cn_number(text: str) -> int:
    """'20' → 20, '七' → 7, '十五' → 15, '二十' → 20."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return _CN_DIGITS.get(text, 0)


def parse_time_limit(text: str | None) -> TimeLimit:
    """Parse one 公开时限; never raises — what cannot be understood is kind "unparsed" with a reason."""
    original = text or ""
    t = re.sub(r"\s+", "", unicodedata.normalize("NFKC", original))
    if not t:
        return TimeLimit("unparsed", original, reason="未填写公开时限")
    has_exc = bool(_EXC_RE.search(t))
    t = _EXC_RE.sub("", t).strip(";。,")
    if not t:
        return TimeLimit("per_law", original, has_exception_clause=True)
    pieces = [p for p in _split(t) if p]
    parsed = [_clause(p) for p in pieces]
    bad = [(i, p) for i, p in enumerate(parsed) if p.kind == "unparsed"]
    if bad:
        i, p = bad[0]
        where = f"第 {i + 1} 部分「{pieces[i]}」" if len(pieces) > 1 else f"「{pieces[i]}」"
        return TimeLimit("unparsed", original, has_exception_clause=has_exc, reason=f"{where}{p.reason}")
    if len(parsed) == 1:
        return replace(parsed[0], text=original, has_exception_clause=has_exc)
    return TimeLimit("multi", original, has_exception_clause=has_exc,
                     parts=tuple(replace(p, text=s) for p, s in zip(parsed, pieces, strict=True)))


def _split(t: str) -> list[str]:
    """Numbered clauses ("1.…;2.…"), else sentences split on ; and 。."""
    if len(_NUMBERED_RE.findall(t)) >= 2:
        pieces = _NUMBERED_RE.split(t)
    else:
        pieces = re.split(r"[;。]", t)
    return [p.strip(";。,") for p in pieces]


@dataclass
class _Durations:
    """What the "N 日 / N 个工作日 / N 个月" phrases of one clause say, and what starts the clock."""
    scope: str = ""
    trigger: str = ""
    deadline: tuple[int, str] | None = None          # the first plain duration: 20个工作日内
    before: bool = False                             # … read as 提前 N
    interval: tuple[int, str] | None = None          # 每20个工作日
    posting: tuple[int, str] | None = None           # 公示期不得少于7日
    offset: tuple[int, str, str] | None = None       # 季度结束后10个工作日内: (N, unit, period)


def _clause(c: str) -> TimeLimit:
    scope = ""
    m = re.match(r"^([^:]{1,30}):(.+)$", c)
    if m:
        scope, c = m[1], m[2]
    fixed, c = _fixed_due(c)
    d = _durations(c, scope)
    pw = _PERIOD_WORD.search(c)
    period = _PERIOD_KEY[pw[1] or pw[2]] if pw else None
    return _scheduled(c, d, period, fixed) or _unscheduled(c, d)


def _fixed_due(c: str) -> tuple[tuple[int, int] | None, str]:
    """Calendar dates (每年1月31日前, 3月底前) first, so that "3月" is not read as three months:
    ((month, day) or None, the clause without the date)."""
    fixed = None
    fm = _MONTHLY_RE.search(c)
    if fm:
        fixed = (0, int(fm[1]))
    else:
        fm = _YEARLY_RE.search(c)
        if fm:
            fixed = (int(fm[1]), int(fm[2]) if fm[2] else 0)
    if fm:
        c = c[:fm.start()] + c[fm.end():]
    return fixed, c


def _durations(c: str, scope: str) -> _Durations:
    d = _Durations(scope=scope)
    for dm in _DUR_RE.finditer(c):
        n, unit = cn_number(dm[1]), _UNIT[dm[2]]
        if dm[2] in ("周", "星期"):
            n *= 7
        prefix = c[:dm.start()]
        period_end = _PERIOD_END_RE.search(prefix)
        if _POSTING_RE.search(prefix):
            d.posting = d.posting or (n, unit)
            before_posting = _POSTING_RE.sub("", prefix).strip(",")
            if not d.trigger and not _REALTIME_RE.search(before_posting):
                d.trigger = _trigger(before_posting)[1]
        elif prefix.endswith("每"):
            d.interval = d.interval or (n, unit)
        elif period_end:
            d.offset = d.offset or (n, unit, _PERIOD_KEY[period_end[1]])
        elif d.deadline is None:
            d.before = prefix.endswith("提前")
            d.deadline = (n, unit)
            more_scope, d.trigger = _trigger(prefix.removesuffix("提前"))
            d.scope = d.scope or more_scope
    return d


def _scheduled(c: str, d: _Durations, period: str | None, fixed: tuple[int, int] | None) -> TimeLimit | None:
    """A clause with a clock: a deadline after an event, an interval, or a periodic schedule."""
    if d.offset is not None:
        return TimeLimit("periodic", c, period=period or d.offset[2], offset=d.offset[0],
                         offset_unit=d.offset[1], trigger=d.trigger, scope=d.scope, posting=d.posting)
    if d.deadline is not None and not (period and fixed):
        kind = WORKDAYS if d.deadline[1] == WORKDAYS else DAYS
        return TimeLimit(kind, c, days=d.deadline[0], unit=d.deadline[1], trigger=d.trigger, before=d.before,
                         scope=d.scope, posting=d.posting)
    if d.interval is not None:
        return TimeLimit("periodic", c, period="interval", days=d.interval[0], unit=d.interval[1],
                         scope=d.scope, posting=d.posting)
    if period or fixed or "定期" in c:
        if fixed and not period:
            period = "month" if fixed[0] == 0 else "year"
        return TimeLimit("periodic", c, period=period, fixed_due=fixed, scope=d.scope, posting=d.posting)
    return None


def _unscheduled(c: str, d: _Durations) -> TimeLimit:
    """A clause without a clock of its own: 长期公开, 实时/及时, 按法律法规规定, or not understood."""
    if _LONG_RE.search(c):
        return TimeLimit("long_term", c, scope=d.scope, posting=d.posting)
    rt = _REALTIME_RE.search(c)
    ev = _EVENT_RE.search(c)
    if ev:
        return TimeLimit("realtime", c, trigger=ev[1] or ev[2] or d.trigger, scope=d.scope, posting=d.posting)
    if rt:
        trig = _trigger(c[:rt.start()])[1]
        return TimeLimit("realtime", c, trigger=trig or d.trigger, scope=d.scope, posting=d.posting)
    if _PER_LAW_RE.search(c):
        return TimeLimit("per_law", c, scope=d.scope, posting=d.posting)
    if d.posting and d.trigger:
        # "调查登记结束后公示期不得少于7日": posted as soon as the event ends, for at least N days.
        return TimeLimit("realtime", c, trigger=d.trigger, scope=d.scope, posting=d.posting)
    return TimeLimit("unparsed", c, scope=d.scope,
                     reason="没有找到期限（应写明如“信息形成之日起20个工作日内”“每季度”“实时”“长期公开”）")


def _trigger(prefix: str) -> tuple[str, str]:
    """(scope, trigger) from the text before a duration: '结果信息自信息形成或者变更之日起' → (结果信息,
    信息形成或者变更)."""
    p = prefix
    scope = ""
    cut = [m.start() for m in re.finditer(r"自(?!治|然|主|愿|行|查)", p)]
    if cut:
        scope, p = p[:cut[-1]], p[cut[-1] + 1:]
        scope = re.sub(r"^其中|(?:应当|应|须|必须)$", "", scope)
    p = re.sub(r"^(?:在|于)", "", p)
    p = re.sub(r"(?:之日起|之日|起|以后|之后|后|的)+$", "", p)
    return scope, p


def exceeds_statutory(tl: TimeLimit) -> bool:
    """True when the time limit can be longer than the 20 working days of 条例 第二十六条, with no legal
    exception.

    N 日 exceeds only above 28 (20 working days never end sooner than 28 calendar days later); any
    N 个月 exceeds. Periodic schedules, real-time and long-term items, and advance notices do not count:
    their clock is not the information's formation.
    """
    if tl.has_exception_clause:
        return False
    if tl.kind == "multi":
        return any(exceeds_statutory(p) for p in tl.parts)
    if tl.before or tl.days is None or tl.kind not in (WORKDAYS, DAYS):
        return False
    if tl.unit == WORKDAYS:
        return tl.days > STATUTORY_WORKDAYS
    if tl.unit == MONTHS:
        return tl.days >= 1
    return tl.days > 28


def next_due(tl: TimeLimit, formed: date, cal: WorkCalendar | None = None) -> date | None:
    """The last allowed day for information formed on `formed` (see catalog.timelimits.deadlines.next_due)."""
    from catalog.timelimits.deadlines import next_due as _next_due
    return _next_due(tl, formed, cal)


def expected_occurrences(tl: TimeLimit, year: int, *, cal: WorkCalendar | None = None) -> list[Occurrence]:
    """The disclosures a recurring item owes for the periods of `year` (see catalog.timelimits.deadlines)."""
    from catalog.timelimits.deadlines import expected_occurrences as _expected
    return _expected(tl, year, cal=cal)
