"""Background work of 设置: the workspace's holiday table (节假日安排) — years covered, import."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from catalog.ledger import Ledger
from catalog.progress import Progress
from catalog.storage import Workspace
from catalog.timelimits.workdays import FALLBACK_SOURCES, fallback_warning


@dataclass
class HolidayYears:
    years: list[dict]          # Ledger.holiday_years rows: year, source, weekday_holidays, adjusted_workdays, file
    warning: str | None        # the estimate/weekends fallback warning for the years shown
    imported: str = ""         # summary of a file just imported


def holiday_years(db_path: Path, *, today: date, imported: str = "") -> HolidayYears:
    """Last year to two years ahead, plus every year the stored table covers."""
    ws = Workspace.open(db_path, create=False)
    try:
        ledger = Ledger(ws)
        table = ledger.holiday_table()
        years = sorted(set(range(today.year - 1, today.year + 3)) | set(table.years if table else ()))
        info = ledger.holiday_years(years)
        fallback = [i["year"] for i in info if i["source"] in FALLBACK_SOURCES and i["year"] >= today.year]
        return HolidayYears(info, fallback_warning(fallback), imported)
    finally:
        ws.close()


def import_holidays(db_path: Path, path: Path, *, today: date, progress: Progress | None = None) -> HolidayYears:
    """Store a holiday file (CSV 日期,类型[,名称] or JSON); each year it covers replaces that year."""
    ws = Workspace.open(db_path, create=False)
    try:
        table = Ledger(ws).import_holidays(path)
    finally:
        ws.close()
    return holiday_years(db_path, today=today, imported=f"已导入 {path.name}：{table.summary()}")
