"""Read a roster file into raw sheets of cells: .xlsx/.xls via python-calamine, .csv in UTF-8 or GBK."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from catalog.errors import InputError
from catalog.textfile import decode_bytes

if TYPE_CHECKING:
    from python_calamine import CalamineSheet

MAX_CSV_BYTES = 200 * 1024 * 1024
CSV_SUFFIXES = (".csv", ".txt", ".tsv")


@dataclass
class RawSheet:
    """One sheet's cells as read; rows[0] is spreadsheet row 1 (row numbers stay true)."""
    name: str
    rows: list[list[Any]]
    hidden: bool = False
    merged: list[tuple[tuple[int, int], tuple[int, int]]] | None = None   # ((r0, c0), (r1, c1)), 0-based


@dataclass
class RawBook:
    file: str            # the file name shown in messages
    kind: str            # xlsx | xls | csv
    sheets: list[RawSheet]
    encoding: str = ""   # csv only


def read_book(path: str | Path) -> RawBook:
    """All sheets of a roster file; InputError (naming the file) when it cannot be read."""
    p = Path(path)
    if p.suffix.lower() in CSV_SUFFIXES:
        return _read_csv(p)
    from catalog.xlsx_safety import open_calamine_safely, sniff_kind
    kind = sniff_kind(p)
    wb = open_calamine_safely(p)
    sheets = []
    try:
        for meta in wb.sheets_metadata:
            if getattr(meta.typ, "name", "WorkSheet") != "WorkSheet":
                continue
            sheet = wb.get_sheet_by_name(meta.name)
            rows = _cells(sheet)
            hidden = getattr(meta.visible, "name", "Visible") != "Visible"
            sheets.append(RawSheet(meta.name, rows, hidden=hidden, merged=sheet.merged_cell_ranges))
    except InputError:
        raise
    except Exception as err:  # calamine raises its own error types for damaged parts
        raise InputError(f"Excel 文件内容有误，无法读取（{err}）。请用 Excel 打开后另存一份再试。",
                         file=p.name) from None
    finally:
        close = getattr(wb, "close", None)
        if close:
            close()
    if not sheets:
        raise InputError("工作簿里没有工作表。", file=p.name)
    return RawBook(p.name, kind, sheets)


def _cells(sheet: CalamineSheet) -> list[list[Any]]:
    """The cells as to_python(skip_empty_area=False) gives them (row and column numbers stay true), read row
    by row: to_python holds the interpreter lock for the whole sheet (0.3 s at 50,000 rows), which freezes
    the GUI thread while a roster is imported in the background; a Python-level loop lets it run between
    rows."""
    start = sheet.start
    pad = [""] * start[1] if start else []
    if pad:
        return [pad + row for row in sheet.iter_rows()]
    return [row for row in sheet.iter_rows()]


def _read_csv(p: Path) -> RawBook:
    try:
        size = p.stat().st_size
        if size > MAX_CSV_BYTES:
            raise InputError(f"文件太大（{size // 1024 // 1024} MB），不像是补贴名册，已拒绝读取。",
                             file=p.name)
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError("文件不存在。", file=p.name) from None
    except PermissionError:
        raise InputError("无法读取文件（没有权限，或正被其他程序占用）。请关闭 Excel 等程序后重试。",
                         file=p.name) from None
    except IsADirectoryError:
        raise InputError("这是一个文件夹，不是名册文件。", file=p.name) from None
    if not data.strip():
        raise InputError("文件是空的。", file=p.name)
    text, encoding = decode_bytes(data, file=p.name)
    if "\x00" in text:
        raise InputError("文件含有二进制内容，不是 CSV 文本。若是 Excel 文件，请把扩展名改回 .xlsx/.xls。",
                         file=p.name)
    try:
        rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))]
    except csv.Error as err:
        raise InputError(f"CSV 格式有误，无法读取（{err}）。", file=p.name) from None
    return RawBook(p.name, "csv", [RawSheet(p.stem, rows)], encoding)


def _delimiter(text: str) -> str:
    """Comma unless the header line uses tabs or semicolons (Excel's 'Unicode text' is tab-separated)."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","
