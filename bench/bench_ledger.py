"""Due statuses of a full 26-domain catalog with a year of ledger entries
(goal: `due` well under a second)."""
from __future__ import annotations

import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from run import result

TODAY = date(2026, 11, 22)
RECURRING = ("每季度结束后10个工作日内", "年度终了后3个月内", "每月10日前")


def _workspace(folder: Path):
    """Compile every domain, adopt every item, make every 10th item recurring, then a year of disclosures:
    one a month per event item (a few late, the last one not yet published), the periods of recurring ones."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from helpers import new_catalog

    from catalog.ledger.model import LedgerEntry
    from catalog.ledger.store import LedgerStore
    from catalog.township.commands import EditItem
    cat = new_catalog(folder)
    items = cat.items()
    for n, it in enumerate(items):
        changes = {"status": "adopted", "township": True}
        if n % 10 == 0:
            changes["time_limit"] = RECURRING[(n // 10) % len(RECURRING)]
        cat.do(EditItem(it.uid, changes))
    store = LedgerStore(cat.ws)
    entries = 0
    with cat.ws.atomic():
        for n, it in enumerate(items):
            if n % 10 == 0:
                for month in range(1, 12, 3):
                    store.add(LedgerEntry(it.uid, f"{it.title} 定期公开", published=date(2026, month, 12)))
                    entries += 1
                continue
            for month in range(1, 12):
                formed = date(2025, 12, 1) + timedelta(days=30 * month)
                published = None
                if not (month == 11 and n % 3 == 0):
                    published = formed + timedelta(days=10 + (n + month) % 25)
                store.add(LedgerEntry(it.uid, f"{it.title} 第{month}次", formed=formed, published=published,
                                      review_by="审查人", review_on=formed, review_result="同意公开"))
                entries += 1
    return cat, len(items), entries


def run() -> list[dict]:
    from catalog.ledger import Ledger, disclosure_statuses
    from catalog.storage.catalog_store import CatalogStore
    with tempfile.TemporaryDirectory() as tmp:
        cat, n_items, n_entries = _workspace(Path(tmp))
        try:
            ledger = Ledger(cat.ws)
            t = time.perf_counter()
            report = ledger.due_report(today=TODAY)
            cold = time.perf_counter() - t
            snap = ledger.snapshot()
            items = CatalogStore(cat.ws).items()

            def pure():
                return disclosure_statuses(items, snap.entries, calendar=snap.calendar, today=TODAY)
            pure()
            best_pure = min(_timed(pure) for _ in range(5))
            best_full = min(_timed(lambda: ledger.due_report(today=TODAY)) for _ in range(3))
            counts = report.counts()
        finally:
            cat.close()
    note = (f"{n_items} items, {n_entries} entries; overdue {counts['overdue']}, late {counts['late']}, "
            f"on time {counts['on_time']}")
    return [result("ledger: due statuses, pure (warm calendar)", best_pure * 1000, "ms", 150, note=note),
            result("ledger: due_report from the workspace", best_full * 1000, "ms", 400),
            result("ledger: due_report, first call (cold calendar)", cold * 1000, "ms", 800)]


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t
