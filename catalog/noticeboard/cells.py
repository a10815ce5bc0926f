"""Cell values → clean text and exact decimals; recovering what Excel did to ID numbers."""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff\u00a0\u3000\t\r\n"), " ")
_NUMBER_NOISE = re.compile(r"[,，\s元¥￥]|RMB|CNY", re.I)
_LEADING_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)")


def cell_text(value: Any) -> str:
    """What the clerk sees in the cell, as text: 3.0 → '3', 1234.5 → '1234.5', a date → '2026-11-20'."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        if value.isprintable() and "  " not in value:
            return value.strip()
        return " ".join(value.translate(_INVISIBLE).split())
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        # Excel keeps 15 significant digits; more than that in a float is binary noise.
        return format(value, ".15g")
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value).strip()


def id_text(value: Any) -> tuple[str, bool]:
    """(ID text, stored_as_number). A number cell's digits are what Excel kept (15 significant)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return str(int(Decimal(format(value, ".15g")))), True
        except (InvalidOperation, ValueError, OverflowError):
            return cell_text(value), True
    return clean_id(cell_text(value)), False


def clean_id(text: str) -> str:
    """Undo the tricks used to keep IDs as text: ="…", a leading ', full-width digits, inner spaces."""
    t = unicodedata.normalize("NFKC", text).strip()
    if t.startswith('="') and t.endswith('"'):
        t = t[2:-1]
    t = t.lstrip("'`‘’").replace(" ", "")
    return t.upper()


def parse_decimal(text: str, *, lenient: bool = False) -> Decimal | None:
    """'1,234.50元' → Decimal('1234.50'); '(12.00)' → -12.00; None when not a number.

    lenient: take the leading number of a text like '105元/亩' (quantities, standards).
    """
    try:   # the common case: a plain number
        d = Decimal(text)
        if d.is_finite():
            return d
    except InvalidOperation:
        pass
    t = unicodedata.normalize("NFKC", text).strip()
    if not t:
        return None
    negative = t.startswith("(") and t.endswith(")")
    if negative:
        t = t[1:-1]
    t = _NUMBER_NOISE.sub("", t)
    if lenient:
        m = _LEADING_NUMBER.match(t)
        if not m:
            return None
        t = m.group(0)
    try:
        d = Decimal(t)
    except InvalidOperation:
        return None
    if not d.is_finite():
        return None
    return -d if negative else d


def format_amount(d: Decimal | None) -> str:
    """12345.6 → '12,345.60' (always two decimals)."""
    if d is None:
        return ""
    return f"{d.quantize(Decimal('0.01')):,.2f}"


def format_number(d: Decimal | None) -> str:
    """Quantities and standards as written, without float noise or needless zeros: 12.50 → '12.5'."""
    if d is None:
        return ""
    if d == d.to_integral_value():
        return str(d.quantize(Decimal(1)))
    return format(d.normalize(), "f")
