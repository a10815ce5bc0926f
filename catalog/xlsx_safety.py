"""Safe opening of spreadsheets: zip bombs, XML entity tricks and cell-range bombs are refused first.

Every .xlsx/.xls the app opens goes through here: `open_workbook_safely` (openpyxl) or
`open_calamine_safely` (python-calamine), or `check_spreadsheet`/`check_xlsx` before any other
reader. Checked: declared sizes and ratios (nothing inflated for that), then each XML part streamed
once capped at its declared size (CRC proves the sizes), for DOCTYPE/ENTITY and for a far-away cell
reference that would make calamine allocate a giant grid. openpyxl must parse with defusedxml.
"""
from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path
from typing import Any

from catalog.errors import InputError, KnownError
from catalog.textfile import read_head

# Limits for a spreadsheet a township or county produces. A 50,000-row roster is ~15 MB of XML.
MAX_TOTAL_UNCOMPRESSED = 400 * 1024 * 1024     # all parts together, as declared in the zip
MAX_MEMBERS = 5000
MAX_RATIO = 100                                 # uncompressed / compressed, per part …
RATIO_GRACE = 4 * 1024 * 1024                   # … only judged for parts larger than this
MAX_XLS_BYTES = 200 * 1024 * 1024
MAX_SHEET_CELLS = 10_000_000                    # rows × columns a reader would allocate for one sheet
_CHUNK = 256 * 1024

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


def sniff_kind(path: str | os.PathLike) -> str:
    """'xlsx' or 'xls' judged from the file's first bytes (not its name); InputError otherwise."""
    p = Path(path)
    name = p.name
    head = read_head(p, 512, what=" Excel 文件")
    if head.startswith(ZIP_MAGIC):
        return "xlsx"
    if head.startswith(OLE2_MAGIC):
        if p.suffix.lower() in (".xlsx", ".xlsm"):
            raise InputError("文件受密码保护（已加密）。请在 Excel 中取消密码，另存为 .xlsx 后再导入。",
                             file=name)
        return "xls"
    if not head:
        raise InputError("文件是空的（0 字节）。", file=name)
    low = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if low.startswith((b"<html", b"<!doctype html", b"<table", b"<?xml", b"<meta")):
        raise InputError("文件实际上是网页（HTML/XML）格式，不是真正的 Excel 文件。请用 Excel 打开后"
                         "“另存为”Excel 工作簿（.xlsx）再导入。", file=name)
    raise InputError("不是 Excel 文件（.xlsx 或 .xls），无法读取。", file=name)


def check_spreadsheet(path: str | os.PathLike, *, deep: bool = True) -> str:
    """Check any spreadsheet before it is parsed; returns its kind ('xlsx' or 'xls')."""
    kind = sniff_kind(path)
    if kind == "xlsx":
        check_xlsx(path, deep=deep)
        return kind
    if os.path.getsize(path) > MAX_XLS_BYTES:
        raise InputError(f"文件过大（超过 {MAX_XLS_BYTES // 1024 // 1024} MB），不像是公开目录或名册表格，"
                         "已拒绝打开。",
                         file=Path(path).name)
    if deep:
        _check_xls_extent(path)
    return kind


def _check_xls_extent(path: str | os.PathLike) -> None:
    """An .xls with one far cell (IV65536) makes calamine build a 16-million-cell grid (≈1 GB); xlrd with
    ragged rows reads the same file sparsely, so it measures each sheet first."""
    import xlrd

    name = Path(path).name
    with open(os.devnull, "w") as quiet:
        try:
            book = xlrd.open_workbook(str(path), on_demand=True, ragged_rows=True, logfile=quiet, verbosity=0)
        except Exception as err:   # xlrd raises XLRDError, CompDocError, struct errors… on broken files
            raise InputError(f"旧版 Excel（.xls）文件已损坏、加密或格式不受支持，无法读取（{err}）。",
                             file=name) from None
        try:
            for i in range(book.nsheets):
                sheet = book.sheet_by_index(i)
                cols = max((sheet.row_len(r) for r in range(sheet.nrows)), default=0)
                if sheet.nrows * cols > MAX_SHEET_CELLS:
                    raise InputError(f"工作表「{sheet.name}」的单元格范围异常大（约 {sheet.nrows} 行 × "
                                     f"{cols} 列），读取会耗尽内存，已拒绝打开。请在 Excel "
                                     "中删除多余的行和列后另存再试。", file=name)
                book.unload_sheet(i)
        except InputError:
            raise
        except Exception as err:
            raise InputError(f"旧版 Excel（.xls）文件已损坏，无法读取（{err}）。", file=name) from None
        finally:
            book.release_resources()


def check_xlsx(path: str | os.PathLike, *, deep: bool = True) -> None:
    """Refuse a hostile or broken .xlsx with a Chinese InputError; return quietly when it is safe.

    Judges the zip's declared sizes and ratios first (nothing is inflated for that); with deep=True it
    then streams every XML part once, capped at its declared size, which proves the declared sizes true
    (CRC) and finds DOCTYPE/ENTITY declarations that no genuine workbook has.
    """
    p = Path(path)
    name = p.name
    if sniff_kind(p) != "xlsx":
        raise InputError("不是 .xlsx 格式的 Excel 文件。", file=name)
    try:
        with zipfile.ZipFile(p) as zf:
            infos = zf.infolist()
            _check_declared(infos, os.path.getsize(p), name)
            names = {i.filename for i in infos}
            if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
                raise InputError("不是 Excel 工作簿：压缩包里没有工作簿内容（可能是 Word "
                                 "文档或其他压缩文件）。", file=name)
            if deep:
                for info in infos:
                    if info.filename.endswith((".xml", ".rels", ".vml")):
                        _scan_member(zf, info, name)
    except zipfile.BadZipFile as err:
        raise InputError(f"文件已损坏或不完整，无法作为 Excel 打开（{_zip_reason(err)}）。",
                         file=name) from None
    except (OSError, EOFError, RuntimeError, NotImplementedError, ValueError) as err:
        raise InputError(f"文件已损坏或使用了不支持的压缩方式，无法读取（{err}）。", file=name) from None


def _check_declared(infos: list[zipfile.ZipInfo], archive_size: int, name: str) -> None:
    if len(infos) > MAX_MEMBERS:
        raise InputError(f"压缩包内的部件过多（{len(infos)} 个），疑似恶意构造的文件，已拒绝打开。",
                         file=name)
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise InputError(f"文件解压后过大（约 {total // 1024 // 1024} MB），疑似“压缩炸弹”，"
                         "为安全起见已拒绝打开。",
                         file=name)
    if sum(i.compress_size for i in infos) > archive_size:
        raise InputError("压缩包内的部件互相重叠，疑似“压缩炸弹”，为安全起见已拒绝打开。", file=name)
    for i in infos:
        if i.file_size > RATIO_GRACE and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            ratio = i.file_size // max(i.compress_size, 1)
            raise InputError(f"部件 {i.filename} 的压缩比异常（{ratio}:1，解压后约 "
                             f"{i.file_size // 1024 // 1024} MB），疑似“压缩炸弹”，"
                             "为安全起见已拒绝打开。", file=name)
        if i.flag_bits & 0x1:
            raise InputError("文件受密码保护（已加密），无法读取。请取消密码后另存再导入。", file=name)


def _scan_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    tail = b""
    extent = _Extent()
    unaddressed = 0
    # ZipExtFile stops at the declared size and checks the CRC at the end: a part that inflates to
    # more than it declares fails here instead of filling memory.
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(_CHUNK)
            if not chunk:
                break
            window = tail + chunk
            shape = window.translate(_SHAPE)
            if _DTD_SHAPE in shape:
                raise InputError(f"部件 {info.filename} 含有 XML 实体/文档类型定义（DOCTYPE/ENTITY）。正常的 "
                                 "Excel 文件不会有这种内容，可能是恶意构造的文件（如“十亿笑声”攻击），"
                                 "已拒绝打开。", file=name)
            extent.feed(window, shape)
            unaddressed += _unaddressed(window) - _unaddressed(tail)
            tail = chunk[-32:]
    if unaddressed > 0:
        # cells or rows without r= are placed by position: a row of 16,384 bare <c/> is as wide as XFD
        rows, cols = _positional_extent(zf, info)
        if rows * cols > MAX_SHEET_CELLS:
            raise InputError(f"部件 {info.filename} 的单元格范围异常大（约 {rows} 行 × {cols} 列，"
                             "有不带位置的单元格），读取会耗尽内存，已拒绝打开。如确属正常文件，"
                             "请在 Excel 中删除多余的行和列后另存再试。", file=name)
    # without a far reference the patterns bound the area: rows < 100000, columns ≤ Z
    rows, cols = extent.rows or 99_999, max(extent.cols, 26)
    if rows * cols > MAX_SHEET_CELLS and not extent.rows:
        rows = _exact_rows(zf, info)
    if rows * cols > MAX_SHEET_CELLS:
        raise InputError(f"部件 {info.filename} 的单元格范围异常大（约 {rows} 行 × {cols} 列，"
                         "可能有远处的零星单元格），读取会耗尽内存，已拒绝打开。如确属正常文件，请在 Excel "
                         "中删除多余的行和列后另存再试。", file=name)


# A reader like calamine allocates a dense grid up to the farthest cell reference: one cell at
# XFD1048576 in a 5 KB file aborts the whole process. Only "far" references matter (column ≥ AA,
# row ≥ 100000). Each chunk is reduced to its shape first (letters → A except r, digits → 0, any
# whitespace → space, ' → "), so one literal search covers every quoting, spacing and case; the
# shape has the same offsets as the text, so matches are read back from the text itself.
_SHAPE = bytes.maketrans(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqstuvwxyz0123456789\t\n\r'",
    b"A" * 51 + b"0" * 10 + b'   "')
_DTD_SHAPE = b"<!AAAAAA"                       # <!DOCTYPE, <!ENTITY
_WIDE_SHAPE = re.compile(rb' r="[Ar]{2,4}')
_FAR_ROW_SHAPE = re.compile(rb' r="[Ar]{0,4}(0{6,9})"')
_ODD_SHAPES = (b"r =", b"r= ")                 # spaces around = : rare, handled by the thorough pattern
_FAR_REF_ANY = re.compile(rb'\sr\s*=\s*["\'](?:([A-Za-z]{3,4})|([A-Za-z]{0,2})(\d{6,9})|([A-Za-z]{2})\d)')
_ANY_ROW = re.compile(rb'\sr\s*=\s*["\'][A-Za-z]{0,4}(\d{1,9})')


class _Extent:
    """The farthest row (≥ 100000) and column (≥ 27) referenced in a part; 0 = none seen."""

    def __init__(self) -> None:
        self.rows = self.cols = 0

    def feed(self, window: bytes, shape: bytes) -> None:
        if any(o in shape for o in _ODD_SHAPES):
            for m in _FAR_REF_ANY.finditer(window):
                wide, lead, digits, two = m.groups()
                if digits:
                    self.rows = max(self.rows, int(digits))
                self.cols = max(self.cols, _col_index(wide or two or lead or b""))
            return
        if _WIDE_SHAPE.search(shape):
            letters = {window[m.start() + 4:m.end()] for m in _WIDE_SHAPE.finditer(shape)}
            self.cols = max([self.cols] + [_col_index(x) for x in letters])
        if b'000000"' in shape:
            self.rows = max([self.rows]
                            + [int(window[m.start(1):m.end(1)]) for m in _FAR_ROW_SHAPE.finditer(shape)])


def _unaddressed(data: bytes) -> int:
    """Roughly how many <c>/<row> tags in data lack a leading r= (positive: measure positions exactly).

    Plain byte counts keep this fast; anything unusual (prefixes, whitespace, attribute order, other tags
    starting with <c) only makes the count positive, which costs the exact pass, never a missed cell.
    """
    cells = data.count(b"<c") - data.count(b"<col") - data.count(b'<c r="') - data.count(b"<c r='")
    rows = data.count(b"<row") - data.count(b'<row r="') - data.count(b"<row r='")
    return cells + rows + data.count(b":c ") + data.count(b":c>") + data.count(b":c/") + data.count(b":row")


_TAG = re.compile(rb"<(?:[\w.-]+:)?(row|c)(?=[\s>/])([^>]*)>")
_R_ATTR = re.compile(rb"""\sr\s*=\s*["']\s*([A-Za-z]{0,3})(\d{0,9})""")


def _positional_extent(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[int, int]:
    """(rows, columns) a reader allocates for a part, counting rows and cells without r= by position."""
    row = col = top_row = top_col = 0
    carry = b""
    with zf.open(info) as fh:
        while chunk := fh.read(_CHUNK):
            data = carry + chunk
            cut = data.rfind(b"<")
            if cut < 0 or data.find(b">", cut) >= 0:
                cut = len(data)
            for m in _TAG.finditer(data, 0, cut):
                ref = _R_ATTR.search(m.group(2))
                if m.group(1) == b"row":
                    row = int(ref.group(2)) if ref and ref.group(2) else row + 1
                    col = 0
                else:
                    if ref and ref.group(1):
                        col = _col_index(ref.group(1))
                        if ref.group(2):
                            row = max(row, int(ref.group(2)))
                    else:
                        col += 1
                    top_col = max(top_col, col)
                top_row = max(top_row, row)
            carry = data[cut:] if len(data) - cut < _CHUNK else b""   # a tag that never closes is not a cell
    return top_row, top_col


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


def _exact_rows(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> int:
    """The largest row number referenced in a part (a second, slower pass, only for very wide sheets)."""
    top, tail = 0, b""
    with zf.open(info) as fh:
        while chunk := fh.read(_CHUNK):
            for m in _ANY_ROW.finditer(tail + chunk):
                top = max(top, int(m.group(1)))
            tail = chunk[-32:]
    return top


def _zip_reason(err: Exception) -> str:
    text = str(err)
    if "CRC" in text or "Bad CRC" in text:
        return "压缩数据校验失败"
    if "not a zip" in text.lower():
        return "不是有效的压缩包"
    return "压缩结构异常"


def ensure_defused_openpyxl() -> None:
    """Raise KnownError unless openpyxl parses XML through defusedxml (entity expansion forbidden)."""
    import openpyxl.xml
    import openpyxl.xml.functions as fx
    ok = openpyxl.xml.DEFUSEDXML and getattr(fx.iterparse, "__module__", "").startswith("defusedxml") \
        and getattr(fx.fromstring, "__module__", "").startswith("defusedxml")
    if not ok:
        raise KnownError("安全组件 defusedxml 未启用（可能设置了环境变量 OPENPYXL_DEFUSEDXML=False），"
                         "为安全起见不打开 Excel 文件。请重新安装本软件。")


def open_workbook_safely(path: str | os.PathLike, *, read_only: bool = False, data_only: bool = True,
                         keep_vba: bool = False, deep: bool = True) -> Any:
    """openpyxl.load_workbook after check_xlsx, with defusedxml verified; Chinese InputError on failure."""
    check_xlsx(path, deep=deep)
    ensure_defused_openpyxl()
    import openpyxl
    try:
        return openpyxl.load_workbook(path, read_only=read_only, data_only=data_only, keep_vba=keep_vba,
                                      keep_links=False)
    except KnownError:
        raise
    except Exception as err:  # openpyxl raises many kinds on malformed parts; none is the user's bug
        if _from_defusedxml(err):
            raise InputError("文件含有 XML 实体/文档类型定义（DOCTYPE/ENTITY），可能是恶意构造的文件，"
                             "已拒绝打开。",
                             file=Path(path).name) from None
        raise InputError(f"Excel 文件内容有误，无法读取（{type(err).__name__}: {err}）。请用 Excel "
                         "打开后另存一份再试。",
                         file=Path(path).name) from None


def _from_defusedxml(err: BaseException | None) -> bool:
    """Whether defusedxml stopped the parse (openpyxl wraps its exception in a ValueError)."""
    from defusedxml import DefusedXmlException
    seen = 0
    while err is not None and seen < 10:
        if isinstance(err, DefusedXmlException):
            return True
        err, seen = err.__cause__ or err.__context__, seen + 1
    return False


def open_calamine_safely(path: str | os.PathLike, *, deep: bool = True) -> Any:
    """A python-calamine workbook (.xlsx or .xls) after check_spreadsheet; Chinese InputError on failure."""
    check_spreadsheet(path, deep=deep)
    import python_calamine as pc
    try:
        return pc.CalamineWorkbook.from_path(str(path))
    except pc.PasswordError:
        raise InputError("文件受密码保护（已加密），无法读取。请取消密码后另存再导入。",
                         file=Path(path).name) from None
    except Exception as err:
        raise InputError(f"Excel 文件内容有误，无法读取（{err}）。请用 Excel 打开后另存一份再试。",
                         file=Path(path).name) from None
