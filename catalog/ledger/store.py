"""SQL of the 公开台账: disclosures, the holiday table, ledger settings; MIGRATIONS for every ledger table.

Tables: ledger_entries (one disclosure each), ledger_holidays (the user's 节假日安排: day, 休/班, name),
ledger_requests + ledger_consultations (依申请公开 register, see request_store.py), ledger_appeals
(行政复议/行政诉讼) and ledger_annual (the figures of each exported annual report, for next year's 上年结转).
"""
from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal

from catalog.errors import KnownError
from catalog.ledger.model import LedgerEntry
from catalog.storage.workspace import Workspace, insert_row
from catalog.timelimits.holidays import HolidayDay, HolidayTable

SINCE_KEY = "ledger.since"
TEMPLATE_KEY = "ledger.template_item."


# The tables are created by catalog/storage/schema_ledger.py (light to import at start-up).
from catalog.storage.schema_ledger import MIGRATIONS  # noqa: E402,F401


def now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def required_day(text: str) -> date:
    """A date column the app always fills (收到日期, 征求意见开始日期, 提起日期)."""
    return date.fromisoformat(text)


class LedgerStore:
    """Reads and writes ledger_entries, ledger_holidays and ledger settings; each write is one transaction."""

    def __init__(self, ws: Workspace):
        self.ws = ws
        self.db = ws.db

    # -- entries -------------------------------------------------------------------------------
    def add(self, e: LedgerEntry) -> int:
        with self.ws.atomic():
            row = _entry_row(e)
            row["created_at"] = row["updated_at"] = now()
            return insert_row(self.db, "ledger_entries", row)

    def update(self, e: LedgerEntry) -> None:
        if e.id is None:
            raise ValueError("entry without id")
        with self.ws.atomic():
            self.get(e.id)
            row = _entry_row(e)
            row["updated_at"] = now()
            self.db.table("ledger_entries").update(e.id, row)

    def remove(self, entry_id: int) -> LedgerEntry:
        with self.ws.atomic():
            e = self.get(entry_id)
            self.db.execute("delete from ledger_entries where id = ?", [entry_id])
        return e

    def get(self, entry_id: int) -> LedgerEntry:
        r = next(self.db.query("select * from ledger_entries where id = ?", [entry_id]), None)
        if r is None:
            raise KnownError(f"公开台账中没有编号为 {entry_id} 的记录（用 ledger list 查看编号）")
        return _entry(r)

    def entries(self, *, item_uid: str | None = None, start: date | None = None, end: date | None = None,
                unlinked: bool = False) -> list[LedgerEntry]:
        """Entries, oldest first; by item, unlinked only, or published (else formed) in [start, end]."""
        where, args = [], []
        if item_uid is not None:
            where.append("item_uid = ?")
            args.append(item_uid)
        if unlinked:
            where.append("item_uid is null")
        when = "coalesce(published, formed)"
        if start is not None:
            where.append(f"{when} >= ?")
            args.append(start.isoformat())
        if end is not None:
            where.append(f"{when} <= ?")
            args.append(end.isoformat())
        sql = "select * from ledger_entries" + (" where " + " and ".join(where) if where else "")
        return [_entry(dict(r)) for r in self.db.query(sql + f" order by {when}, id", args)]

    def by_source(self, source: str, source_id: int) -> LedgerEntry | None:
        r = next(self.db.query("select * from ledger_entries where source = ? and source_id = ?",
                               [source, source_id]), None)
        return _entry(r) if r else None

    def in_use(self) -> bool:
        """True once there is an entry or a tracking start date (one query: checks load it every run)."""
        return bool(self.db.execute(
            "select exists(select 1 from ledger_entries)"
            " or exists(select 1 from workspace_settings where key = ?)",
            [SINCE_KEY]).fetchone()[0])

    def count(self) -> int:
        return self.db.execute("select count(*) from ledger_entries").fetchone()[0]

    # -- holidays ------------------------------------------------------------------------------
    def holiday_table(self) -> HolidayTable | None:
        """The stored table, or None when the clerk never imported or typed one."""
        rows = self.db.execute("select day, kind, name from ledger_holidays order by day").fetchall()
        if not rows:
            return None
        return HolidayTable(tuple(HolidayDay(date.fromisoformat(d), k, n or "") for d, k, n in rows))

    def replace_years(self, table: HolidayTable, *, source: str) -> None:
        """Store table's days, replacing every year it covers (other years are kept)."""
        with self.ws.atomic():
            for y in sorted(table.years):
                self.db.execute("delete from ledger_holidays where day between ? and ?",
                                [f"{y}-01-01", f"{y}-12-31"])
            stamp = now()
            self.db.table("ledger_holidays").insert_all(
                [{"day": d.day.isoformat(), "kind": d.kind, "name": d.name, "source": source,
                  "updated_at": stamp}
                 for d in table.days], pk="day")

    def put_day(self, d: HolidayDay, *, source: str) -> None:
        with self.ws.atomic():
            self.db.table("ledger_holidays").upsert({"day": d.day.isoformat(), "kind": d.kind, "name": d.name,
                                                    "source": source, "updated_at": now()}, pk="day")

    def remove_day(self, d: date) -> bool:
        with self.ws.atomic():
            cur = self.db.execute("delete from ledger_holidays where day = ?", [d.isoformat()])
        return cur.rowcount > 0

    def holiday_sources(self) -> dict[int, str]:
        """year → where its days came from (the file name, 手工录入 …), latest update first."""
        out: dict[int, str] = {}
        rows = self.db.execute("select day, source from ledger_holidays order by updated_at desc, day")
        for d, src in rows:
            out.setdefault(int(d[:4]), src or "")
        return out

    # -- settings ------------------------------------------------------------------------------
    def since(self) -> date | None:
        """The date the clerk started keeping the ledger (obligations due earlier are not reported)."""
        return day(self.ws.setting(SINCE_KEY))

    def set_since(self, d: date | None) -> None:
        if d is None:
            with self.ws.atomic():
                self.db.execute("delete from workspace_settings where key = ?", [SINCE_KEY])
        else:
            self.ws.set_setting(SINCE_KEY, d.isoformat())

    def template_item(self, template: str) -> str | None:
        return self.ws.setting(TEMPLATE_KEY + template)

    def set_template_item(self, template: str, uid: str) -> None:
        self.ws.set_setting(TEMPLATE_KEY + template, uid)


def _entry_row(e: LedgerEntry) -> dict:
    return {"item_uid": e.item_uid, "title": e.title, "formed": iso(e.formed), "published": iso(e.published),
            "channels": json.dumps(list(e.channels), ensure_ascii=False), "location": e.where, "who": e.who,
            "period": e.period, "part": e.part, "review_by": e.review_by, "review_on": iso(e.review_on),
            "review_result": e.review_result, "stat_row": e.stat_row, "stat_action": e.stat_action,
            "stat_count": e.stat_count,
            "stat_amount": None if e.stat_amount is None else str(e.stat_amount), "note": e.note,
            "source": e.source, "source_id": e.source_id}


def _entry(r: dict) -> LedgerEntry:
    return LedgerEntry(
        item_uid=r["item_uid"], title=r["title"], formed=day(r["formed"]), published=day(r["published"]),
        channels=tuple(json.loads(r["channels"] or "[]")), where=r["location"] or "", who=r["who"] or "",
        period=r["period"], part=r["part"], review_by=r["review_by"] or "", review_on=day(r["review_on"]),
        review_result=r["review_result"] or "", stat_row=r["stat_row"], stat_action=r["stat_action"],
        stat_count=r["stat_count"] if r["stat_count"] is not None else 1,
        stat_amount=None if r["stat_amount"] is None else Decimal(r["stat_amount"]), note=r["note"] or "",
        source=r["source"], source_id=r["source_id"], id=r["id"], created_at=r["created_at"] or "")
