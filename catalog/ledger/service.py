"""The ledger of one workspace for CLI and GUI: holiday table, working-day calendar, entries, due statuses.

`Ledger(ws).due_report(today=…)` is what both `due` and the dashboard show (it calls
due.disclosure_statuses); `load_snapshot(ws)` gives check rule Y001 the same inputs.
"""
from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from catalog.errors import InputError, KnownError
from catalog.ledger.due import DEFAULT_WITHIN, HISTORY_DAYS, DueReport, Obligation, disclosure_statuses
from catalog.ledger.model import LedgerEntry, guess_stat_row, validate_entry
from catalog.ledger.store import LedgerStore
from catalog.storage.catalog_store import CatalogStore
from catalog.storage.workspace import Workspace
from catalog.timelimits.holidays import HolidayDay, HolidayTable, load_holiday_file
from catalog.timelimits.statutory import statutory_days
from catalog.timelimits.workdays import SOURCE_ESTIMATED, SOURCE_OFFICIAL, SOURCE_TABLE, WorkCalendar
from catalog.township.items import CatalogItem

MANUAL_SOURCE = "手工录入"


@dataclass(frozen=True)
class LedgerSnapshot:
    """What a status computation needs besides the catalog: entries, the calendar and the tracking start."""
    entries: tuple[LedgerEntry, ...]
    calendar: WorkCalendar
    since: date | None = None


class Ledger:
    """Entries, holidays and due statuses of one open workspace (the caller owns and closes ws)."""

    def __init__(self, ws: Workspace):
        self.ws = ws
        self.store = LedgerStore(ws)

    # -- calendar ------------------------------------------------------------------------------
    def calendar(self) -> WorkCalendar:
        """Working days: the stored holiday table first, then chinesecalendar, then weekends only."""
        return WorkCalendar(holiday_table=self.store.holiday_table())

    def holiday_table(self) -> HolidayTable | None:
        return self.store.holiday_table()

    def import_holidays(self, path: Path | str) -> HolidayTable:
        """Store a CSV/JSON holiday file; each year it covers replaces that year's stored days."""
        table = load_holiday_file(path)
        self.store.replace_years(table, source=Path(path).name)
        return table

    def set_holiday(self, day: date, kind: str, name: str = "") -> list[str]:
        """Record one day by hand (休 or 班); returns notes for the clerk (e.g. a year now only partly
        entered).

        A year chinesecalendar knows is first copied into the table, so one typed day does not hide the rest;
        a later year starts from the 放假办法 estimate (its statutory holidays), so typing the first 调休
        day does not turn 春节 into working days.
        """
        row = HolidayTable.from_rows([(day.isoformat(), kind, name)]).days[0]
        notes = []
        table = self.store.holiday_table()
        if table is None or day.year not in table.years:
            seeded = official_days(day.year)
            if seeded:
                self.store.replace_years(HolidayTable(seeded), source="chinesecalendar")
                notes.append(f"{day.year} 年原有的 {len(seeded)} 个节假日/调休日期已一并保存，可继续修改")
            elif estimate := tuple(d for d in statutory_days(day.year) if d.day != day):
                self.store.replace_years(HolidayTable(estimate), source="放假办法估算")
                notes.append(f"{day.year} 年已按《全国年节及纪念日放假办法》预填 {len(estimate)} 个"
                             "法定节假日，请对照国务院办公厅的通知补全放假和调休上班日期")
        self.store.put_day(row, source=MANUAL_SOURCE)
        table = self.store.holiday_table()
        if table is not None and day.year in table.years and len(table.off_days(day.year)) < 10:
            notes.append(f"{day.year} 年目前只录入了 {len(table.off_days(day.year))} 个放假日，"
                         "请对照国务院办公厅的通知录入全部放假和调休上班日期")
        return notes

    def remove_holiday(self, day: date) -> bool:
        return self.store.remove_day(day)

    def holiday_years(self, years: Sequence[int]) -> list[dict]:
        """Per year: source (table/chinesecalendar/estimated/weekends), weekday holidays, 调休 days, file."""
        cal = self.calendar()
        table = cal.holiday_table
        sources = self.store.holiday_sources()
        out = []
        for y in years:
            src = cal.source(y)
            off: Set[date]
            work: Set[date]
            if src == SOURCE_TABLE and table is not None:
                off, work = table.off_days(y), table.work_days(y)
            elif src == SOURCE_OFFICIAL:
                days = official_days(y)
                off = {d.day for d in days if d.kind == "休"}
                work = {d.day for d in days if d.kind == "班"}
            elif src == SOURCE_ESTIMATED:
                off, work = {d.day for d in statutory_days(y)}, set()
            else:
                off, work = set(), set()
            out.append({"year": y, "source": src, "weekday_holidays": sum(1 for d in off if d.weekday() < 5),
                        "adjusted_workdays": len(work),
                        "file": sources.get(y, "") if src == SOURCE_TABLE else ""})
        return out

    # -- entries -------------------------------------------------------------------------------
    def add_entry(self, entry: LedgerEntry, *, guess_stat: bool = True) -> LedgerEntry:
        """Validate and store; the item must exist; the 第二十条 row is guessed from its title when not
        given."""
        item = self._item(entry.item_uid) if entry.item_uid else None
        if item is not None and entry.stat_row is None and guess_stat:
            entry = entry.with_(stat_row=guess_stat_row(item.title))
        entry = validate_entry(entry)
        return self.store.get(self.store.add(entry))

    def update_entry(self, entry_id: int, **changes: Any) -> LedgerEntry:
        entry = self.store.get(entry_id).with_(**changes)
        if "item_uid" in changes and entry.item_uid:
            self._item(entry.item_uid)
        self.store.update(validate_entry(entry))
        return self.store.get(entry_id)

    def review(self, entry_id: int, *, by: str, on: date, result: str) -> LedgerEntry:
        """Record the 保密审查 of an entry."""
        return self.update_entry(entry_id, review_by=by, review_on=on, review_result=result)

    def link(self, entry_id: int, item_uid: str) -> LedgerEntry:
        """Tie an entry to a catalog item; for a noticeboard print, later prints of its template follow."""
        from catalog.ledger.hooks import template_of
        entry = self.update_entry(entry_id, item_uid=item_uid)
        template = template_of(entry)
        if template:
            self.store.set_template_item(template, item_uid)
        return entry

    def remove_entry(self, entry_id: int) -> LedgerEntry:
        return self.store.remove(entry_id)

    def entries(self, **filters: Any) -> list[LedgerEntry]:
        return self.store.entries(**filters)

    def obligation_of(self, entry: LedgerEntry, *, today: date | None = None) -> Obligation | None:
        """The deadline and status of one entry, as `due` computes it (None for an unlinked entry)."""
        if not entry.item_uid:
            return None
        report = self.due_report(today=today, items=[self._item(entry.item_uid)])
        return next((o for i in report.items for o in i.obligations if o.entry_id == entry.id), None)

    def _item(self, uid: str) -> CatalogItem:
        item = CatalogStore(self.ws).item(uid)
        if item is None:
            raise InputError(f"目录中没有编号为「{uid}」的事项（编号如 17-001 或 L-001，可用 list 命令查看）")
        return item

    # -- due -----------------------------------------------------------------------------------
    def snapshot(self) -> LedgerSnapshot:
        return LedgerSnapshot(tuple(self.store.entries()), self.calendar(), self.store.since())

    def due_report(self, *, today: date | None = None, within: int = DEFAULT_WITHIN,
                   since: date | None = None,
                   items: Sequence[CatalogItem] | None = None) -> DueReport:
        """Status of every tracked catalog item (what `due` prints and the dashboard shows)."""
        if within < 0:
            raise KnownError("--within 应为 0 或正整数（天）")
        today = today or date.today()
        catalog = CatalogStore(self.ws)
        snap = self.snapshot()
        tracked = snap.since
        start = since or (max(tracked, _year_ago(today)) if tracked else None)
        return disclosure_statuses(items if items is not None else catalog.items(), snap.entries,
                                   calendar=snap.calendar, today=today, within=within, since=start,
                                   domain_choices=catalog.domain_choices())


def load_snapshot(ws: Workspace) -> LedgerSnapshot | None:
    """The ledger inputs for check rule Y001; None while the ledger is unused (no entry, no start date)."""
    if not LedgerStore(ws).in_use():
        return None
    return Ledger(ws).snapshot()


def _year_ago(today: date) -> date:
    return today - timedelta(days=HISTORY_DAYS)


def official_days(year: int) -> tuple[HolidayDay, ...]:
    """chinesecalendar's days of a year as table rows (Chinese names), () when it does not know the year."""
    import chinese_calendar as cc
    try:
        cc.is_workday(date(year, 6, 1))
    except NotImplementedError:
        return ()
    names = {h.value: h.chinese for h in cc.Holiday}
    off = [HolidayDay(d, "休", names.get(n, n)) for d, n in cc.holidays.items() if d.year == year]
    work = [HolidayDay(d, "班", names.get(n, n)) for d, n in cc.workdays.items() if d.year == year]
    return tuple(off + work)
