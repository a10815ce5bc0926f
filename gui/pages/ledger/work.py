"""Background work of 公开台账: statuses (the one computation `due` also uses), entries, the register."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from catalog.ledger import DueReport, Ledger, LedgerEntry, Register
from catalog.storage import Workspace


@dataclass
class LedgerView:
    """Everything the page shows, read in one go."""
    report: DueReport
    entries: list[LedgerEntry]
    requests: list[dict]          # Register.listing rows (applicants masked)


def load_ledger(db_path: Path, *, today: date, within: int) -> LedgerView:
    """Statuses via Ledger.due_report (as `main.py due`), all entries, the 依申请公开 register."""
    ws = Workspace.open(db_path, create=False)
    try:
        ledger = Ledger(ws)
        report = ledger.due_report(today=today, within=within)
        return LedgerView(report, ledger.entries(), Register(ws).listing(today=today, within=within))
    finally:
        ws.close()


def add_entry(db_path: Path, entry: LedgerEntry) -> LedgerEntry:
    """Validate and store one disclosure (InputError names the field)."""
    ws = Workspace.open(db_path, create=False)
    try:
        return Ledger(ws).add_entry(entry)
    finally:
        ws.close()
