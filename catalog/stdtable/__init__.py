"""Standard-layout catalog tables (标准目录表格): the one reader and the Excel/PDF writers.

    from catalog.stdtable import read_table, write_xlsx, write_pdf, ExportDoc, ExportDomain, ExportRow

openpyxl and reportlab are imported only when a writer runs.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from catalog.stdtable.model import (
    NOT_INVOLVED_SHEET,
    TOC_SHEET,
    CellProblem,
    ExportDoc,
    ExportDomain,
    ExportRow,
    ReadResult,
    SheetInfo,
    TableRow,
)

if TYPE_CHECKING:
    from catalog.progress import Progress

__all__ = [
    "NOT_INVOLVED_SHEET",
    "TOC_SHEET",
    "CellProblem",
    "ExportDoc",
    "ExportDomain",
    "ExportRow",
    "ReadResult",
    "SheetInfo",
    "TableRow",
    "read_table",
    "write_pdf",
    "write_xlsx",
]


def read_table(path: str | os.PathLike, *, domains: Iterable[str] | Mapping[str, str] | None = None,
               progress: Progress | None = None) -> ReadResult:
    """See catalog.stdtable.reader.read_table."""
    from catalog.stdtable.reader import read_table as _read
    return _read(path, domains=domains, progress=progress)


def write_xlsx(doc: ExportDoc, path: str | os.PathLike, *, progress: Progress | None = None) -> None:
    """See catalog.stdtable.writer_xlsx.write_xlsx."""
    from catalog.stdtable.writer_xlsx import write_xlsx as _write
    _write(doc, path, progress=progress)


def write_pdf(doc: ExportDoc, path: str | os.PathLike, *, paper: str = "A3",
              progress: Progress | None = None) -> None:
    """See catalog.stdtable.writer_pdf.write_pdf."""
    from catalog.stdtable.writer_pdf import write_pdf as _write
    _write(doc, path, paper=paper, progress=progress)
