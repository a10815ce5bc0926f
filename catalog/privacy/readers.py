"""Text out of the files a clerk publishes (xlsx/xls, csv, pdf, docx, txt), with where each piece stood.

Readers yield Segment(location, text, bank_column): bank_column is True for a table column headed like
银行卡号/账号, where any long number is an account even if it fails the Luhn check. Nothing is written.
Zip-based files are checked against zip bombs before anything is decompressed.
"""
from __future__ import annotations

import csv
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from catalog.errors import InputError, column_letter
from catalog.progress import Progress, report
from catalog.textfile import decode_bytes

MAX_TEXT_FILE = 300 * 1024 * 1024        # csv/txt read whole into memory
MAX_UNZIPPED = 512 * 1024 * 1024         # all members of an xlsx/docx together
MAX_MEMBER = 256 * 1024 * 1024
MAX_RATIO = 200                          # uncompressed / compressed, for members above 10 MB
BANK_HEADER_RE = re.compile(r"卡号|账号|帐号|存折|银行账户|银行帐户|开户账|收款账")
_HEADER_ROWS = 10
_LONG_RUN = re.compile(r"\d{10}")


@dataclass(slots=True)
class Location:
    """Where a hit is: sheet/row/column for tables, page/line for PDF and text, part/paragraph for docx."""
    sheet: str | None = None
    row: int | None = None
    column: str | None = None          # letter (C) for sheets and csv, number for docx tables
    header: str | None = None          # the column's header text, when the table has one
    page: int | None = None
    line: int | None = None
    part: str | None = None            # docx: 正文, 页眉, 页脚, 脚注, 尾注, 批注
    paragraph: int | None = None
    table: int | None = None
    note: str | None = None            # e.g. 隐藏工作表

    def text(self) -> str:
        """'工作表「花名册」第 4 行 D 列（身份证号）', '第 2 页第 14 行', '正文表格 1 第 3 行第 2 列'."""
        out = ""
        if self.sheet is not None:
            out += f"工作表「{self.sheet}」" + (f"（{self.note}）" if self.note else "")
        if self.part:
            out += self.part
        if self.page is not None:
            out += f"第 {self.page} 页"
        if self.table is not None:
            out += f"表格 {self.table} "
        if self.row is not None:
            out += f"第 {self.row} 行"
        if self.line is not None:
            out += f"第 {self.line} 行"
        if self.paragraph is not None:
            out += f"第 {self.paragraph} 段"
        if self.column is not None:
            out += f"第 {self.column} 列" if self.column.isdigit() else f" {self.column} 列"
            if self.header:
                out += f"（{self.header}）"
        return out.strip()


@dataclass(slots=True)
class Segment:
    """A piece of text to scan (a cell, a line, a paragraph) and where it stands."""
    location: Location
    text: str
    bank_column: bool = False
    numeric: bool = False      # an 18-digit number in an Excel cell (an ID typed as a number)



def cell_text(value: object) -> str:
    """A cell as text: 13800138000.0 → '13800138000' (numbers typed into Excel come back as floats)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    return str(value)


def find_headers(rows: list[list[str]]) -> tuple[int, dict[int, str]]:
    """(header row index or -1, {column: header}) from a table's first rows.

    The header is the first row with at least two filled cells, all short and none a number: a title
    row merged across the table has one cell and is skipped. A row with a 10+ digit run is data, and no
    header is looked for after it (a header is printed in every hit's location: it must carry no number).
    """
    for r, row in enumerate(rows[:_HEADER_ROWS]):
        cells = {c: v.strip() for c, v in enumerate(row) if v.strip()}
        if any(_LONG_RUN.search(v) for v in cells.values()):
            break
        if len(cells) >= 2 and all(len(v) <= 20 and not re.fullmatch(r"[\d.\s-]+", v)
                                   for v in cells.values()):
            return r, cells
    return -1, {}


def table_segments(rows: Iterable[list[Any]], *, sheet: str | None = None, note: str | None = None,
                   col_offset: int = 0, progress: Progress | None = None, total: int = 0,
                   done: list[int] | None = None) -> Iterator[Segment]:
    """Segments of a table (rows of cell values), with headers and bank-account columns recognised.

    Only cells that can hold a personal number become segments: text of 10+ characters, numbers of
    10+ digits. The header is looked for in the first rows, which are held back until it is known.
    """
    done = done if done is not None else [0]
    head: list[list[object]] = []
    cols = _Columns(sheet, note, col_offset)
    for r, raw in enumerate(rows):
        done[0] += 1
        if done[0] % 2000 == 0:
            report(progress, done[0], max(total, done[0]))
        if len(head) < _HEADER_ROWS:
            head.append(raw)
            if len(head) == _HEADER_ROWS:
                cols.set_headers(head)
                for hr, hraw in enumerate(head):
                    yield from _row_segments(hr, hraw, cols)
            continue
        yield from _row_segments(r, raw, cols)
    if len(head) < _HEADER_ROWS:
        cols.set_headers(head)
        for hr, hraw in enumerate(head):
            yield from _row_segments(hr, hraw, cols)


class _Columns:
    """Per-column facts of one table: letter, header, whether it holds bank accounts."""

    def __init__(self, sheet: str | None, note: str | None, col_offset: int):
        self.sheet, self.note, self.offset = sheet, note, col_offset
        self.headers: dict[int, str] = {}
        self.letters: dict[int, str] = {}
        self.bank: set[int] = set()

    def set_headers(self, head: list[list[object]]) -> None:
        self.headers = find_headers([[cell_text(v) for v in row] for row in head])[1]
        self.bank = {c for c, h in self.headers.items() if BANK_HEADER_RE.search(h)}

    def location(self, r: int, c: int) -> Location:
        letter = self.letters.get(c)
        if letter is None:
            letter = self.letters[c] = column_letter(c + self.offset)
        return Location(sheet=self.sheet, row=r + 1, column=letter, header=self.headers.get(c),
                        note=self.note)



def _row_segments(r: int, raw: list[Any], cols: _Columns) -> Iterator[Segment]:
    # cells of any type (calamine: str, int, float, bool, date …), dispatched on their exact class
    for c, v in enumerate(raw):
        kind = v.__class__
        if kind is str:
            if len(v) < 10:
                continue
            text, numeric = v, False
        elif kind is float or kind is int:
            a = abs(v)
            if a < 1e9:
                continue
            text, numeric = cell_text(v), 1e17 <= a < 1e18
        else:
            continue
        yield Segment(cols.location(r, c), text, c in cols.bank, numeric)


def read_xlsx(path: Path, progress: Progress | None = None) -> Iterator[Segment]:
    """Every sheet, hidden ones too (they are published with the file), via python-calamine."""
    from python_calamine import CalamineError, SheetVisibleEnum

    from catalog.xlsx_safety import open_calamine_safely
    # The one safety gate: zip bombs, entity attacks and far-cell grids that abort calamine.
    wb = open_calamine_safely(path)
    try:
        sheets = []
        for meta in wb.sheets_metadata:
            sheet = wb.get_sheet_by_name(meta.name)
            hidden = meta.visible != SheetVisibleEnum.Visible
            sheets.append((meta.name, sheet, "隐藏工作表" if hidden else None))
        total = sum((s.end[0] + 1) if s.end else 0 for _, s, _ in sheets)
        done = [0]
        seen: set[str] = set()
        for name, sheet, note in sheets:
            if sheet.start is None:
                continue
            # iter_rows starts at row 0 but at the first used column.
            for seg in table_segments(sheet.iter_rows(), sheet=name, note=note, col_offset=sheet.start[1],
                                      progress=progress, total=total, done=done):
                seen.add("".join(seg.text.split()))
                yield seg
    except (CalamineError, ValueError, OSError) as err:
        raise InputError(f"无法读取该表格文件（{type(err).__name__}: {err}），文件可能已损坏或已加密",
                         file=path.name) from None
    if zipfile.is_zipfile(path):
        yield from xlsx_hidden_text(path, seen)


_PART_LABELS = (("xl/sharedStrings.xml", "共享字符串表"), ("xl/comments", "批注"),
                ("xl/threadedComments", "批注"), ("docProps/", "文档属性"),
                ("xl/workbook.xml", "工作簿定义名称"), ("xl/worksheets/", "页眉页脚等"))


def xlsx_hidden_text(path: Path, seen: set[str]) -> Iterator[Segment]:
    """Text kept in the zip outside the cells a reader follows: shared strings no cell uses (an old masked
    copy leaves them), comments, document properties, defined names, headers and footers, charts."""
    from catalog.privacy.xlsx_parts import part_texts, read_parts
    with check_zip(path) as zf:
        for name, xml in read_parts(zf, MAX_MEMBER):
            label = next((lab for prefix, lab in _PART_LABELS if name.startswith(prefix)), None)
            for what, text in part_texts(name, xml):
                if len(text) < 10 or "".join(text.split()) in seen:
                    continue
                where = f"{label}（{name}）" if label else f"部件 {name}"
                if name == "xl/sharedStrings.xml":
                    where += f"{what}（没有单元格使用，但仍保存在文件中）"
                yield Segment(Location(part=where), text)


def read_csv(path: Path, progress: Progress | None = None) -> Iterator[Segment]:
    """Every cell of a CSV (UTF-8 or GBK; comma, tab or semicolon), by row and column letter."""
    text, _ = read_text_file(path)
    yield from table_segments(csv.reader(text.splitlines(), sniff_dialect(text)), progress=progress)


def read_txt(path: Path, progress: Progress | None = None) -> Iterator[Segment]:
    """Every line of a text file."""
    text, _ = read_text_file(path)
    for n, line in enumerate(text.splitlines(), start=1):
        yield Segment(Location(line=n), line)


def read_text_file(path: Path) -> tuple[str, str]:
    """(text, encoding) of a csv/txt file, refused above MAX_TEXT_FILE."""
    size = path.stat().st_size
    if size > MAX_TEXT_FILE:
        raise InputError(f"文件太大（{size // 1024 // 1024} MB），无法检查", file=path.name)
    return decode_bytes(path.read_bytes(), file=path.name)


def sniff_dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    """The delimiter that splits the first lines most consistently (comma, tab, semicolon)."""
    sample = "\n".join(text.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        return csv.excel


def read_pdf(path: Path, progress: Progress | None = None, *, image_pages: list[int] | None = None
             ) -> Iterator[Segment]:
    """Text lines per page via pypdf; pages with no text (scans) are listed in image_pages."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError("PDF 文件设置了打开密码，无法检查；请用未加密的文件", file=path.name)
        total = len(reader.pages)
        for i, page in enumerate(reader.pages):
            report(progress, i, total)
            text = page.extract_text() or ""
            if not text.strip() and image_pages is not None:
                image_pages.append(i + 1)
            for n, line in enumerate(text.splitlines(), start=1):
                yield Segment(Location(page=i + 1, line=n), line)
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as err:
        raise InputError(f"无法读取该 PDF 文件（{err}），文件可能已损坏", file=path.name) from None


def check_zip(path: Path) -> zipfile.ZipFile:
    """Open an xlsx/docx as a zip after checking its declared sizes (zip bombs are refused, not opened)."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as err:
        raise InputError(f"文件不是有效的 Office 文档（{err}），可能已损坏或扩展名不对",
                         file=path.name) from None
    total = 0
    for info in zf.infolist():
        total += info.file_size
        big = info.file_size > 10 * 1024 * 1024
        if (info.file_size > MAX_MEMBER or total > MAX_UNZIPPED
                or (big and info.file_size > MAX_RATIO * max(info.compress_size, 1))):
            zf.close()
            raise InputError("文件解压后异常巨大（可能是“压缩炸弹”），为安全起见不予打开", file=path.name)
    return zf
