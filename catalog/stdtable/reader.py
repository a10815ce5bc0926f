"""The one reader for standard-layout catalog tables (.xlsx and .xls, via python-calamine).

Used by guide import and by catalog import alike. It finds the header under a title row (one or two
rows, merged or not, worded in any of the known ways), reads one domain per sheet or all domains on
one sheet, and reports every cell it could not understand instead of guessing.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from catalog.errors import InputError
from catalog.errors import column_letter as col_letter
from catalog.model import ItemText, Marks
from catalog.progress import Progress, report
from catalog.stdtable.cells import cell_text, parse_channels, parse_mark, split_items
from catalog.stdtable.headers import (
    FIELD_HEADERS,
    GENERIC_SHEET,
    Header,
    find_header,
    header_score,
    split_domain,
)
from catalog.stdtable.model import NOT_INVOLVED_SHEET, TOC_SHEET, CellProblem, ReadResult, SheetInfo, TableRow
from catalog.xlsx_safety import open_calamine_safely

MARK_FIELDS = ("public", "specific", "active", "on_request", "county", "township")
_DOMAIN_LINE = re.compile(r"^公开领域\s*[:：]\s*(?P<name>.+?)"
                          r"(?:\s*[（(]编码[:：]\s*(?P<code>[^）)]+)[）)])?$")
# Text-valued 公开对象/公开方式/公开层级 columns: which words set which √ field.
_TEXT_MARKS: dict[str, dict[str, tuple[str, ...]]] = {
    "audience_text": {"public": ("全社会", "社会公众", "公众"),
                      "specific": ("特定群体", "特定群众", "特定对象", "特定")},
    "mode_text": {"active": ("主动",), "on_request": ("依申请",)},
    "level_text": {"county": ("县级", "县"), "township": ("乡级", "镇级", "乡", "镇", "街道")},
}
_STRUCTURAL = {"seq", "level1", "level2", "content", "公开事项"}
_REASON_WORDS = ("原因", "理由", "说明")
_FOOTNOTE = ("注", "说明", "备注", "填表", "附注", "※")



class _Sheet:
    """A sheet's cells as text, with merged cells resolved to their top-left value."""

    def __init__(self, name: str, grid: list[list], merges: Iterable) -> None:
        self.name = name
        self.rows = [[cell_text(v) for v in row] for row in grid]
        while self.rows and not any(self.rows[-1]):
            self.rows.pop()
        self.height = len(self.rows)
        self.width = max((len(r) for r in self.rows), default=0)
        self.origin: dict[tuple[int, int], tuple[int, int]] = {}
        self.span: dict[tuple[int, int], int] = {}
        for (r0, c0), (r1, c1) in merges or ():
            # clipped to the data: a hostile A1:XFD1048576 merge must not allocate billions of cells
            r1, c1 = min(r1, self.height - 1), min(c1, self.width - 1)
            self.span[(r0, c0)] = c1 - c0 + 1
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    if (r, c) != (r0, c0):
                        self.origin[(r, c)] = (r0, c0)

    def own(self, r: int, c: int) -> str:
        """The text stored in the cell itself (blank for the hidden part of a merge)."""
        row = self.rows[r] if 0 <= r < self.height else ()
        return row[c] if c < len(row) else ""

    def value(self, r: int, c: int) -> str:
        """The text shown in the cell: a merged cell shows its range's top-left value."""
        o = self.origin.get((r, c))
        return self.own(*o) if o else self.own(r, c)

    def merged(self, r: int, c: int) -> bool:
        return (r, c) in self.origin


def read_table(path: str | os.PathLike, *, domains: Iterable[str] | Mapping[str, str] | None = None,
               progress: Progress | None = None) -> ReadResult:
    """Read every standard table in an .xlsx/.xls file.

    domains: known domain names (e.g. the 26 guides' names) so that section rows, titles and sheet
    names like "（十七）涉农补贴领域" resolve to "涉农补贴"; a mapping code → name also resolves a
    公开领域(编码) column that holds only codes. Raises InputError when the file is unsafe, unreadable,
    or holds no standard table at all; cell-level trouble goes to ReadResult.problems.
    """
    p = Path(path)
    code_map = dict(domains) if isinstance(domains, Mapping) else {}
    known = list(code_map.values()) if code_map else list(domains or ())
    wb = open_calamine_safely(p)
    result = ReadResult(file=p.name)
    sheets = []
    try:
        import python_calamine as pc
        for meta in wb.sheets_metadata:
            if meta.typ != pc.SheetTypeEnum.WorkSheet:
                result.sheets.append(SheetInfo(meta.name, skipped="不是普通工作表（图表等）"))
            elif meta.visible == pc.SheetVisibleEnum.Visible:
                sh = wb.get_sheet_by_name(meta.name)
                sheets.append(_Sheet(meta.name, sh.to_python(skip_empty_area=False), sh.merged_cell_ranges))
            else:
                result.sheets.append(SheetInfo(meta.name, skipped="隐藏的工作表"))
    except Exception as err:
        raise InputError(f"读取工作表内容失败（{err}）。请用 Excel 打开后另存一份再试。",
                         file=p.name) from None
    finally:
        wb.close()
    total = sum(s.height for s in sheets) or 1
    done = [0]
    for sheet in sheets:
        _read_sheet(sheet, result, known, code_map, progress, done, total)
    report(progress, total, total)
    if not result.rows and not result.not_involved:
        raise InputError("文件中没有找到标准目录表格：需要有“序号、一级事项、二级事项、"
                         "公开内容……”这样的表头。"
                         + _skipped_text(result), file=p.name)
    return result


def _skipped_text(result: ReadResult) -> str:
    parts = [f"「{s.name}」{s.skipped}" for s in result.sheets if s.skipped]
    return ("已跳过的工作表：" + "；".join(parts) + "。") if parts else ""


def _read_sheet(sheet: _Sheet, result: ReadResult, known: list[str], code_map: dict[str, str],
                progress: Progress | None, done: list[int], total: int) -> None:
    name = sheet.name
    if name.strip() in (TOC_SHEET, "目录"):
        result.sheets.append(SheetInfo(name, skipped="总目录"))
        done[0] += sheet.height
        return
    if "未涉及" in name:
        _read_not_involved(sheet, result, known)
        done[0] += sheet.height
        return
    header = find_header(sheet.value, sheet.height, sheet.width)
    if header is None or "level1" not in header.columns:
        why = "没有找到标准目录的表头" if header is None else "表头中没有“一级事项”列"
        result.sheets.append(SheetInfo(name, skipped=why))
        done[0] += sheet.height
        return
    _header_problems(sheet, header, result)
    domain, code = _sheet_domain(sheet, header, result, known)
    rows_before = len(result.rows)
    _read_rows(sheet, header, result, known, code_map, domain, code, progress, done, total)
    result.sheets.append(SheetInfo(name, domain=domain, header_rows=tuple(r + 1 for r in header.rows),
                                   data_rows=len(result.rows) - rows_before))


def _header_problems(sheet: _Sheet, header: Header, result: ReadResult) -> None:
    for r, c, text in header.unknown:
        result.problems.append(CellProblem(sheet.name, r + 1, col_letter(c),
                                           f"未识别的表头「{text}」，该列未读取", text))
    for r, c, text in header.duplicate:
        result.problems.append(CellProblem(sheet.name, r + 1, col_letter(c),
                                           f"表头「{text}」与前面的列重复，该列未读取",
                                           text))


def _sheet_domain(sheet: _Sheet, header: Header, result: ReadResult,
                  known: list[str]) -> tuple[str, str | None]:
    """The domain of a sheet from the 公开领域： line, the title, or the sheet name (in that order)."""
    texts = [sheet.own(r, c) for r in range(header.rows[0]) for c in range(sheet.width) if sheet.own(r, c)]
    domain, code, title, others = "", None, "", []
    for t in texts:
        m = _DOMAIN_LINE.match(t)
        if m and not domain:
            domain, code = m.group("name").strip(), m.group("code")
        elif not title:
            title = t
        else:
            others.append(t)
    if title and not result.title:
        result.title = title
        result.subtitle = "\n".join(others)
    if domain:
        return domain, code
    for source in (title, sheet.name):
        hits = [k for k in known if k and k in source]
        if hits:
            return max(hits, key=len), None
    if not GENERIC_SHEET.match(sheet.name.strip()):
        name, code = split_domain(sheet.name, known)
        if name:
            return name, code
    m = re.search(r"([^\s，,。：:（(]{2,12}?)领域", title)
    return (m.group(1), None) if m else ("", None)


def _read_rows(sheet: _Sheet, header: Header, result: ReadResult, known: list[str], code_map: dict[str, str],
               domain: str, code: str | None, progress: Progress | None, done: list[int], total: int) -> None:
    cols = header.columns
    data_cols = set(cols.values())
    seq_col = cols.get("seq")
    counters: dict[str, int] = {}
    last_level1: dict[str, str] = {}
    col_domain: tuple[str, str | None] | None = None
    # columns with an unknown header were reported with the header; these have none at all
    reported = {c for _, c, _ in header.unknown + header.duplicate}
    for r in range(header.last_row + 1, sheet.height):
        done[0] += 1
        if done[0] % 256 == 0:
            report(progress, done[0], total)
        filled = [(c, sheet.own(r, c)) for c in range(sheet.width) if sheet.own(r, c)]
        if not filled or (len(filled) == 1 and filled[0][0] == seq_col and filled[0][1].isdigit()):
            continue  # blank row, or a template row with only a 序号
        if len(filled) == 1:
            c, text = filled[0]
            if sheet.span.get((r, c), 1) >= 3 or c not in data_cols or (c == seq_col and not text.isdigit()):
                if not text.startswith(_FOOTNOTE):
                    name, sec_code = split_domain(text, known)
                    if name:
                        domain, code, col_domain = name, sec_code, None
                continue
        n, found = header_score(t for _, t in filled) if _may_be_header(filled) else (0, set())
        if n >= 3 and found & _STRUCTURAL:
            continue  # the header repeated inside the sheet (marks like 主动 alone can be data)
        _report_headerless(sheet, r, filled, data_cols, header, reported, result)
        row_domain, row_code = domain, code
        if "domain" in cols:
            text = sheet.value(r, cols["domain"])
            if text:
                col_domain = _column_domain(text, known, code_map, domain)
            if col_domain:
                row_domain, row_code = col_domain
        _read_row(sheet, r, cols, result, row_domain, row_code, counters, last_level1)


def _report_headerless(sheet: _Sheet, r: int, filled: list[tuple[int, str]], data_cols: set[int],
                       header: Header, reported: set[int], result: ReadResult) -> None:
    """A cell in a column with no header at all: reported once per column, not read."""
    for c, text in filled:
        if c not in data_cols and c not in header.labels and c not in reported:
            reported.add(c)
            result.problems.append(CellProblem(sheet.name, r + 1, col_letter(c),
                                               f"该列没有表头，内容「{text[:20]}」等未读取"))


def _column_domain(text: str, known: list[str], code_map: dict[str, str],
                   domain: str) -> tuple[str, str | None]:
    """(name, code) from a 公开领域 column cell: by name, else by code (with or without leading 0)."""
    name, dcode = split_domain(text, known)
    return (name or code_map.get(dcode or "", "") or code_map.get((dcode or "").lstrip("0"), "")
            or domain, dcode)


def _may_be_header(filled: list[tuple[int, str]]) -> bool:
    """Cheap pre-test (header_score normalises every cell): a repeated header names 序号/事项/内容."""
    return any(len(t) <= 16 and ("序" in t or "事项" in t or "内容" in t or "一级" in t) for _, t in filled)


def _read_row(sheet: _Sheet, r: int, cols: dict[str, int], result: ReadResult, domain: str, code: str | None,
              counters: dict[str, int], last_level1: dict[str, str]) -> None:
    def get(f: str) -> str:
        return sheet.value(r, cols[f]) if f in cols else ""

    def problem(f: str, message: str) -> None:
        result.problems.append(CellProblem(sheet.name, r + 1, col_letter(cols[f]), message, FIELD_HEADERS[f]))

    level1 = get("level1") or last_level1.get(domain, "")
    if not level1:
        problem("level1", "一级事项为空，上方也没有可沿用的一级事项，该行未读取")
        return
    last_level1[domain] = level1
    marks = _row_marks(cols, get, problem)
    extra: dict[str, bool | None] = {}
    for f in ("village", "city"):
        if f in cols:
            extra[f], ok = parse_mark(get(f))
            if not ok:
                problem(f, f"无法识别的标记「{get(f)}」，按未知处理")
    channels = None
    if "channels" in cols:
        channels, issues = parse_channels(get("channels"))
        for message in issues:
            problem("channels", message)
    text = ItemText(
        level1=level1, level2=get("level2"), content=split_items(get("content")),
        basis=split_items(get("basis")), time_limit=get("time_limit") or None, subject=get("subject") or None,
        channels=channels, marks=Marks(**marks),
    )
    counters[domain] = counters.get(domain, 0) + 1
    result.rows.append(TableRow(domain, counters[domain], text, sheet.name, r + 1, get("note"), code,
                                extra.get("village"), extra.get("city")))


def _row_marks(cols: dict[str, int], get: Callable[[str], str],
               problem: Callable[[str, str], None]) -> dict[str, bool | None]:
    """The √ fields of one row: √ columns first, then text columns (公开对象 “全社会” …) fill the rest."""
    marks: dict[str, bool | None] = {}
    for f in MARK_FIELDS:
        if f in cols:
            value, ok = parse_mark(get(f))
            if not ok:
                problem(f, f"无法识别的标记「{get(f)}」（√ 表示是，空白表示否，？表示未知），按未知处理")
            marks[f] = value
    for f, words in _TEXT_MARKS.items():
        if f in cols and get(f):
            found = {name: any(w in get(f) for w in ws) for name, ws in words.items()}
            if any(found.values()):
                marks.update({k: v for k, v in found.items() if k not in marks})
            else:
                problem(f, f"无法理解「{get(f)}」（应写明{'、'.join(ws[0] for ws in words.values())}），"
                           "按未知处理")
    return marks


def _read_not_involved(sheet: _Sheet, result: ReadResult, known: list[str]) -> None:
    """The closing 未涉及领域事项说明 sheet: a 公开领域 column and a 原因/说明 column."""
    for r in range(min(sheet.height, 20)):
        cells = [(c, sheet.own(r, c)) for c in range(sheet.width) if 0 < len(sheet.own(r, c)) <= 12]
        dcol = next((c for c, t in cells if "领域" in t and not any(w in t for w in _REASON_WORDS)), None)
        rcol = next((c for c, t in cells if c != dcol and any(w in t for w in _REASON_WORDS)), None)
        if dcol is not None and rcol is not None:
            for rr in range(r + 1, sheet.height):
                name = split_domain(sheet.own(rr, dcol), known)[0] if sheet.own(rr, dcol) else ""
                if name:
                    result.not_involved.append((name, sheet.value(rr, rcol)))
            result.sheets.append(SheetInfo(sheet.name, skipped=NOT_INVOLVED_SHEET))
            return
    result.sheets.append(SheetInfo(sheet.name, skipped="没有找到“公开领域”和“原因”表头"))
