"""公开台账: what was actually disclosed and when, deadlines and statuses, the 依申请公开 register, annual tables.

Entry points: Ledger(ws) (holidays, calendar, entries, due_report), Register(ws) (requests, appeals,
annual export), due.disclosure_statuses (the one status computation shared by CLI, GUI and checks).
"""
from __future__ import annotations

from .due import STATUS_LABELS, STATUSES, DueReport, ItemDue, Obligation, disclosure_statuses, status_text
from .model import REVIEW_RESULTS, STAT_ROWS, LedgerEntry
from .register import CrossFootingError, Register
from .requests import CATEGORIES, CHANNELS, InfoRequest
from .service import Ledger, LedgerSnapshot, load_snapshot

__all__ = ["CATEGORIES", "CHANNELS", "CrossFootingError", "DueReport", "InfoRequest", "ItemDue", "Ledger",
           "LedgerEntry", "LedgerSnapshot", "Obligation", "REVIEW_RESULTS", "Register", "STATUSES",
           "STATUS_LABELS",
           "STAT_ROWS", "disclosure_statuses", "load_snapshot", "status_text"]
