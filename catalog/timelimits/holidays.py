"""The user's holiday table (节假日安排): which days are off (休) and which weekend days are worked (班).

A plain value object: rows of (日期, 类型, 名称) in and out, so the workspace can store it and the clerk can
import it from a CSV (`日期,类型[,名称]`, 类型 休/班) or JSON file. Every bad line is reported in Chinese
with its line number. Nothing here invents a schedule: years not in the table are simply not covered.
"""
from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from catalog.errors import InputError
from catalog.textfile import read_text

OFF, WORK = "休", "班"
_OFF_WORDS = {"休", "休息", "放假", "假", "假日", "节假日", "休息日", "off", "holiday"}
_WORK_WORDS = {"班", "上班", "补班", "调休上班", "工作日", "work", "workday"}
_WEEKDAYS = "一二三四五六日"
_DATE_RES = (
    re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})"),
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
)
_MAX_FILE = 1024 * 1024


@dataclass(frozen=True)
class HolidayDay:
    """One day of the table: off (休) or an adjusted workday (班)."""
    day: date
    kind: str          # OFF (休) or WORK (班)
    name: str = ""     # e.g. 春节 (optional)


@dataclass(frozen=True)
class HolidayTable:
    """Validated days, sorted by date; a year is covered when the table has any day in it."""
    days: tuple[HolidayDay, ...] = ()
    _off: dict[int, frozenset[date]] = field(default_factory=dict, init=False, compare=False, repr=False)
    _work: dict[int, frozenset[date]] = field(default_factory=dict, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        days = tuple(sorted(self.days, key=lambda d: d.day))
        object.__setattr__(self, "days", days)
        off: dict[int, set[date]] = {}
        work: dict[int, set[date]] = {}
        for d in days:
            (off if d.kind == OFF else work).setdefault(d.day.year, set()).add(d.day)
        years = set(off) | set(work)
        self._off.update({y: frozenset(off.get(y, ())) for y in years})
        self._work.update({y: frozenset(work.get(y, ())) for y in years})

    @property
    def years(self) -> frozenset[int]:
        """The years this table covers (any day listed in them)."""
        return frozenset(self._off)

    def off_days(self, year: int) -> frozenset[date]:
        """The days off (休) of one year."""
        return self._off.get(year, frozenset())

    def work_days(self, year: int) -> frozenset[date]:
        """The weekend days worked (班) of one year."""
        return self._work.get(year, frozenset())

    def to_rows(self) -> list[tuple[str, str, str]]:
        """[("2027-01-01", "休", "元旦"), ...] — the shape from_rows reads back."""
        return [(d.day.isoformat(), d.kind, d.name) for d in self.days]

    @classmethod
    def from_rows(cls, rows: Iterable[Sequence[object]], *, file: str | None = None,
                  first_line: int = 1) -> HolidayTable:
        """Validate rows of (日期, 类型[, 名称]); InputError naming the line of the first problem.

        A header row (日期,类型) and blank rows are skipped. first_line numbers the first row.
        """
        problems: list[tuple[int, str]] = []
        seen: dict[date, int] = {}
        days: list[HolidayDay] = []
        for line, row in enumerate(rows, start=first_line):
            cells = ["" if c is None else str(c).strip() for c in row]
            if not any(cells) or cells[0].startswith("#"):
                continue
            if line == first_line and "日期" in cells[0]:
                continue
            day, problem = _parse_row(cells)
            if problem is None and day is not None:
                if day.day in seen:
                    problem = f"日期 {day.day.isoformat()} 与第 {seen[day.day]} 行重复"
                else:
                    seen[day.day] = line
                    days.append(day)
            if problem:
                problems.append((line, problem))
        if problems:
            line, problem = problems[0]
            more = f"（另有 {len(problems) - 1} 处问题）" if len(problems) > 1 else ""
            raise InputError(problem + more, file=file, row=line)
        return cls(tuple(days))

    def to_dict(self) -> dict:
        """JSON-ready: {"format": 1, "days": [{"date", "type", "name"}]}."""
        return {"format": 1, "days": [{"date": d, "type": k, "name": n} for d, k, n in self.to_rows()]}

    def merged(self, newer: HolidayTable) -> HolidayTable:
        """This table with every year that newer covers replaced by newer's days (an import of 2027)."""
        keep = tuple(d for d in self.days if d.day.year not in newer.years)
        return HolidayTable(keep + newer.days)

    def summary(self) -> str:
        """'2027 年：休 13 天，班 5 天' per year, for a settings page."""
        return "；".join(f"{y} 年：休 {len(self.off_days(y))} 天，班 {len(self.work_days(y))} 天"
                        for y in sorted(self.years))


def _parse_row(cells: list[str]) -> tuple[HolidayDay | None, str | None]:
    if len(cells) < 2 or not cells[1]:
        return None, "每行应有两列：日期,类型（类型填“休”或“班”），例如 2027-01-01,休"
    day = parse_date(cells[0])
    if day is None:
        return None, f"日期「{cells[0]}」无法识别或不存在，应写成 2027-01-01 这样的格式"
    if not 2000 <= day.year <= 2100:
        return None, f"日期「{cells[0]}」的年份不合理"
    kind_text = cells[1].lower()
    if kind_text in _OFF_WORDS:
        kind = OFF
    elif kind_text in _WORK_WORDS:
        kind = WORK
    else:
        return None, f"类型「{cells[1]}」无法识别，应填“休”（放假）或“班”（调休上班）"
    if kind == WORK and day.weekday() < 5:
        return None, (f"{day.isoformat()} 是星期{_WEEKDAYS[day.weekday()]}，本来就是工作日，"
                      "“班”只用于调休上班的周六、周日；请核对日期")
    name = cells[2] if len(cells) > 2 else ""
    return HolidayDay(day, kind, name), None


def parse_date(text: str) -> date | None:
    """2027-01-01, 2027/1/1, 2027.1.1, 2027年1月1日 or 20270101 → date; None when not a real date."""
    t = text.strip()
    for rx in _DATE_RES:
        m = rx.fullmatch(t)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    return None


def load_holiday_file(path: Path | str) -> HolidayTable:
    """Read a holiday table from .csv/.txt (UTF-8 or GBK) or .json; InputError with file and line."""
    path = Path(path)
    text, _ = read_text(path, max_bytes=_MAX_FILE)
    if path.suffix.lower() == ".json":
        return _from_json(text, path.name)
    lines = text.splitlines()
    # Clerks type in Notepad with a Chinese IME: accept full-width commas, tabs and semicolons too.
    rows = csv.reader(re.sub(r"[，\t;；]", ",", ln) for ln in lines)
    table = HolidayTable.from_rows(rows, file=path.name)
    if not table.days:
        raise InputError("文件中没有任何日期。格式：每行一个日期，如 2027-01-01,休 或 2027-02-20,班",
                         file=path.name)
    return table


def _from_json(text: str, file: str) -> HolidayTable:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(f"JSON 格式错误：{err.msg}（第 {err.colno} 列）", file=file,
                         row=err.lineno) from None
    entries = data.get("days") if isinstance(data, dict) else data
    if not isinstance(entries, list) or not entries:
        raise InputError('JSON 应为 {"days": [{"date": "2027-01-01", "type": "休"}, ...]} 或这样的列表',
                         file=file)
    rows: list[list[object]] = []
    for i, e in enumerate(entries, start=1):
        if isinstance(e, dict):
            rows.append([e.get("date", e.get("日期", "")), e.get("type", e.get("类型", "")),
                         e.get("name", e.get("名称", ""))])
        elif isinstance(e, list):
            rows.append(list(e))
        else:
            raise InputError(f"第 {i} 条不是对象或列表：{e!r}", file=file)
    try:
        return HolidayTable.from_rows(rows, file=file)
    except InputError as err:
        # JSON has entries, not lines: say 第 N 条.
        raise InputError(f"第 {err.row} 条：{err.problem}", file=file) from None
