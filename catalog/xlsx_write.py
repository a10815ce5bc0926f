"""The ONE way the app writes a workbook: text stays text, never a formula, and the saved file is checked.

openpyxl stores any string starting with "=" as a formula; a roster, request or township name typed as
"=HYPERLINK(...)" would then run when the clerk or the county opens the file. Every writer marks its
text cells with `as_text` (write-only sheets) and saves through `save_workbook`, which fixes any cell
that slipped through and refuses to keep a file with a <f> element.
"""
from __future__ import annotations

import os
import re
import zipfile
from copy import copy
from typing import Any

from catalog.errors import KnownError

FORMULA_START = ("=", "+", "-", "@")
_LEADING_BLANKS = " \t\r\n\u3000"
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet program could take the text as a formula (also after tabs, CR or spaces)."""
    return text.lstrip(_LEADING_BLANKS)[:1] in FORMULA_START if text else False


def clean(value: Any) -> Any:
    """A value openpyxl accepts: control characters (which it refuses with an exception) dropped from text."""
    # isprintable() is a C-speed pre-check: almost every cell skips the regex (50,000-row sheets).
    if isinstance(value, str) and not value.isprintable():
        return _illegal_characters().sub("", value)
    return value


def _illegal_characters() -> re.Pattern[str]:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    return ILLEGAL_CHARACTERS_RE


def as_text(cell: Any) -> Any:
    """Mark a cell holding a string as text (and quote-prefixed when it looks like a formula); returns it."""
    value = cell.value
    if isinstance(value, str):
        cell.data_type = "s"
        if looks_like_formula(value):
            cell._style = copy(cell._style)   # style arrays may be shared between cells
            cell.quotePrefix = True           # Excel keeps it as text even when the clerk edits the cell
    return cell


def save_workbook(wb: Any, path: str | os.PathLike) -> None:
    """wb.save(path) with every string cell stored as text; KnownError if the file still holds a formula."""
    if not getattr(wb, "write_only", False):
        for ws in wb.worksheets:
            for cell in getattr(ws, "_cells", {}).values():
                if isinstance(cell.value, str):
                    as_text(cell)
    wb.save(path)
    assert_no_formulas(path)


def assert_no_formulas(path: str | os.PathLike) -> None:
    """KnownError when a sheet of the saved workbook has a formula (<f> element); the app writes none."""
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                with zf.open(name) as fh:
                    tail = b""
                    while chunk := fh.read(1 << 20):
                        if _FORMULA_TAG.search(tail + chunk):
                            raise KnownError(f"生成的表格 {os.path.basename(path)} 中出现了公式（{name}），"
                                             "为安全起见未保存。这是程序缺陷，请报告。")
                        tail = chunk[-8:]
