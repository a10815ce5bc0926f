"""Masked copies of xlsx/csv files: exactly what the privacy scan reports is masked, the rest is kept.

xlsx: the sheet XML is edited in place (catalog/privacy/mask_xlsx.py); openpyxl is the fallback for workbooks
that path does not understand (it rewrites the whole file: formulas become values, pictures may go).

The copy is written next to its target under a temporary name and moved into place only when complete,
so a failure never leaves a half-written file; the original is never touched.
"""
from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from catalog.errors import InputError, os_reason
from catalog.privacy.pii import mask_matches
from catalog.privacy.readers import BANK_HEADER_RE, cell_text, find_headers, read_text_file, sniff_dialect
from catalog.privacy.scan import TABLE_SUFFIXES, check_path, detect
from catalog.privacy.xlsx_parts import digit_runs
from catalog.progress import Progress, report

_HEADER_ROWS = 10


@dataclass
class MaskedCopy:
    """The copy written: its path, how many cells were masked, and notes."""
    path: str
    cells: int = 0                                  # cells changed
    notes: list[str] = field(default_factory=list)


def write_masked_copy(src: Path | str, out: Path | str, *, progress: Progress | None = None) -> MaskedCopy:
    """Write a copy of src (xlsx/xlsm or csv) with every detected personal number masked.

    InputError when src is not a table file, out is src itself, out's type differs, or out cannot be written.
    """
    src = check_path(src, TABLE_SUFFIXES)
    out = Path(out)
    kind = src.suffix.lower()
    if kind == ".xls":
        raise InputError("旧版 .xls 文件不能直接生成打码副本，请先在 Excel 中另存为 .xlsx", file=src.name)
    if out.exists() and out.resolve() == src.resolve():
        raise InputError("打码副本不能覆盖原文件，请另选文件名", file=str(out))
    want = (".csv",) if kind == ".csv" else (".xlsx", ".xlsm")
    if out.suffix.lower() not in want:
        raise InputError(f"打码副本应保存为 {want[0]} 文件（与原文件同类型）", file=str(out))
    if not out.parent.is_dir():
        raise InputError("保存打码副本的文件夹不存在", file=str(out))
    tmp = out.with_name(f".{out.name}.part")
    try:
        result = _xlsx(src, tmp, progress) if kind != ".csv" else _csv(src, tmp)
        os.replace(tmp, out)
    except PermissionError:
        raise InputError("无法写入打码副本（文件可能正在 Excel 中打开，请关闭后重试）",
                         file=str(out)) from None
    except OSError as err:
        raise InputError(f"无法写入打码副本：{os_reason(err)}", file=str(out)) from None
    finally:
        if tmp.exists():
            tmp.unlink()
    result.path = str(out)
    return result


def _mask_cell(text: str, *, bank_column: bool, numeric: bool) -> str | None:
    matches = detect(text, bank_column=bank_column, numeric=numeric)
    return mask_matches(text, matches)[0] if matches else None


def _bank_columns(rows: list[list[str]]) -> set[int]:
    """Columns headed like 银行卡号/账号 (the same rule as the scan, so copy and report agree)."""
    return {c for c, h in find_headers(rows)[1].items() if BANK_HEADER_RE.search(h)}


class _Recorder:
    """_mask_cell that remembers the digit runs it masked, so they can be hunted down elsewhere in the zip."""

    def __init__(self) -> None:
        self.originals: set[str] = set()

    def __call__(self, text: str, *, bank_column: bool, numeric: bool) -> str | None:
        masked = _mask_cell(text, bank_column=bank_column, numeric=numeric)
        if masked is not None:
            self.originals |= digit_runs(text) - digit_runs(masked)
        return masked


def _xlsx(src: Path, tmp: Path, progress: Progress | None) -> MaskedCopy:
    """Edit the sheet XML directly (fast, keeps everything); openpyxl only for workbooks that needs.

    Then every other text in the zip (shared strings no cell uses any more, comments, document
    properties, defined names, headers) is masked too, and the copy is refused if anything remains.
    """
    from catalog.privacy.mask_xlsx import mask_xlsx
    record = _Recorder()
    cells = mask_xlsx(src, tmp, record, progress)
    result = MaskedCopy("", cells) if cells is not None else _xlsx_openpyxl(src, tmp, progress, record)
    _scrub_zip(tmp, record.originals, src.name)
    return result


def _scrub_zip(tmp: Path, originals: set[str], name: str) -> None:
    """Mask personal numbers in every text part of the written copy outside its cells; verify none is left."""
    import zipfile

    from catalog.privacy.readers import MAX_MEMBER
    from catalog.privacy.xlsx_parts import TEXT_PARTS, leaked_parts, originals_mask, scrub_xml
    mask = originals_mask(originals)
    scrubbed = tmp.with_name(tmp.name + ".scrub")
    try:
        with zipfile.ZipFile(tmp) as zf, zipfile.ZipFile(scrubbed, "w", zipfile.ZIP_DEFLATED) as out:
            for info in zf.infolist():
                data = zf.read(info)
                if info.filename.lower().endswith(TEXT_PARTS) and len(data) <= MAX_MEMBER:
                    try:
                        xml = data.decode("utf-8")
                    except UnicodeDecodeError:
                        xml = None
                    if xml is not None:
                        new = scrub_xml(info.filename, xml, mask)
                        if new != xml:
                            data = new.encode("utf-8")
                out.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
        os.replace(scrubbed, tmp)
    finally:
        scrubbed.unlink(missing_ok=True)
    left = leaked_parts(tmp, originals, MAX_MEMBER)
    if left:
        parts = "、".join(left[:5])
        raise InputError(f"打码后的副本中仍有无法打码的个人信息（部件 {parts}），为安全起见未保存副本。"
                         "请在 Excel 中删除这些内容（批注、文档属性等）后再试。", file=name)


def _xlsx_openpyxl(src: Path, tmp: Path, progress: Progress | None, mask_cell: _Recorder) -> MaskedCopy:
    import zipfile

    from catalog.xlsx_safety import open_workbook_safely
    try:
        # data_only: formulas become their values, so a formula cannot rebuild a masked number.
        wb = open_workbook_safely(src, data_only=True, keep_vba=src.suffix.lower() == ".xlsm")
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as err:
        raise InputError(f"无法读取该表格文件（{err}）", file=src.name) from None
    result = MaskedCopy("", notes=["打码副本中的公式已换成计算结果；图片、图表等对象可能未保留，请核对。"])
    total = sum(ws.max_row for ws in wb.worksheets)
    done = 0
    for ws in wb.worksheets:
        first = [[cell_text(c.value) for c in row]
                 for row in ws.iter_rows(min_row=1, max_row=_HEADER_ROWS, min_col=1)]
        bank = _bank_columns(first)
        for row in ws.iter_rows(min_row=1, min_col=1):
            done += 1
            if done % 2000 == 0:
                report(progress, done, total)
            for c, cell in enumerate(row):
                v = cell.value
                if v is None or isinstance(v, bool):
                    continue
                text = cell_text(v)
                if len(text) < 10:
                    continue
                numeric = isinstance(v, (int, float)) and 1e17 <= abs(v) < 1e18
                masked = mask_cell(text, bank_column=c in bank, numeric=numeric)
                if masked is not None:
                    cell.value = masked
                    result.cells += 1
    from catalog.xlsx_write import save_workbook
    save_workbook(wb, tmp)     # a masked text starting with = stays text
    return result


def _csv(src: Path, tmp: Path) -> MaskedCopy:
    text, encoding = read_text_file(src)
    dialect = sniff_dialect(text)
    rows = list(csv.reader(text.splitlines(), dialect))
    bank = _bank_columns(rows[:_HEADER_ROWS])
    result = MaskedCopy("")
    for row in rows:
        for c, value in enumerate(row):
            if len(value) >= 10:
                masked = _mask_cell(value, bank_column=c in bank, numeric=False)
                if masked is not None:
                    row[c] = masked
                    result.cells += 1
    buf = io.StringIO()
    newline = "\r\n" if "\r\n" in text[:10000] else "\n"
    writer = csv.writer(buf, delimiter=getattr(dialect, "delimiter", ","), lineterminator=newline)
    writer.writerows(rows)
    enc = {"utf-8-sig": "utf-8-sig", "gb18030": "gb18030", "utf-16": "utf-16"}.get(encoding, "utf-8")
    tmp.write_bytes(buf.getvalue().encode(enc))
    return result
