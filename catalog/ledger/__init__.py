"""公开台账: what was actually disclosed and when, deadlines and statuses, the 依申请公开 register, annual
tables.

Entry points: Ledger(ws) (holidays, calendar, entries, due_report), Register(ws) (requests, appeals,
annual export), due.disclosure_statuses (the one status computation shared by CLI, GUI and checks).
"""
from __future__ import annotations

from catalog.ledger.due import (
           STATUS_LABELS,
           STATUSES,
           DueReport,
           ItemDue,
           Obligation,
           disclosure_statuses,
           status_text,
)
from catalog.ledger.model import REVIEW_RESULTS, STAT_ROWS, LedgerEntry
from catalog.ledger.register import CrossFootingError, Register
from catalog.ledger.requests import CATEGORIES, CHANNELS, InfoRequest
from catalog.ledger.service import Ledger, LedgerSnapshot, load_snapshot

__all__ = [
           "CATEGORIES",
           "CHANNELS",
           "REVIEW_RESULTS",
           "STATUSES",
           "STATUS_LABELS",
           "STAT_ROWS",
           "CrossFootingError",
           "DueReport",
           "InfoRequest",
           "ItemDue",
           "Ledger",
           "LedgerEntry",
           "LedgerSnapshot",
           "Obligation",
           "Register",
           "disclosure_statuses",
           "load_snapshot",
           "status_text",
]
