"""Roster import: find the header row, map columns by synonyms (or the clerk's mapping), read, validate."""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalog.errors import InputError, where
from catalog.noticeboard.cells import cell_text, id_text
from catalog.noticeboard.fields import (
    LABELS,
    field_for_label,
    guess_mapping,
    normalize_header,
    split_village_group,
)
from catalog.noticeboard.model import PERSON, TOTAL, Roster, RosterRow
from catalog.noticeboard.reader import RawBook, RawSheet, read_book
from catalog.noticeboard.template import NoticeTemplate, resolve_template
from catalog.noticeboard.validate import VillageMatcher, validate
from catalog.progress import Progress, report

HEADER_SCAN_ROWS = 20
_TOTAL_RE = re.compile(r"^(.{0,12}?)(合计|总计|小计|累计)[:：]?$")
_NOTE_RE = re.compile(r"^(制表|填表|审核|复核|负责人|经办|注|说明|备注|单位|日期|打印)")
_CJK_SPACES = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
# Merged cells are filled down only for fields that describe a group of rows, never for money.
_FILL_MERGED = ("village", "group", "item", "standard", "pay_date")


class MappingError(InputError):
    """Required columns could not be mapped: the file is refused. Carries what a mapping dialog needs."""

    def __init__(self, *, file: str, sheet: str | None, headers: list[str], mapping: dict[str, int],
                 missing: list[str], header_line: int | None):
        self.headers, self.mapping, self.missing, self.header_line = headers, mapping, missing, header_line
        shown = "、".join(h for h in headers if h) or "（没有找到表头）"
        names = "、".join(LABELS[m] for m in missing)
        super().__init__(
            f"找不到必需的列：{names}。表头为：{shown}。请指定这些列对应表头中的哪一列"
            f"（命令行示例：--map {LABELS[missing[0]]}=实发数），文件未导入", file=file, sheet=sheet,
            row=header_line)


@dataclass
class SheetLayout:
    """Where a sheet's header is and how its columns map (what a column-mapping dialog shows)."""
    sheet: str
    header_line: int                  # 1-based spreadsheet row of the header
    headers: list[str]
    mapping: dict[str, int]           # field → 0-based column index
    sample: list[list[str]] = field(default_factory=list)

    def mapped_headers(self) -> dict[str, str]:
        return {f: self.headers[i] for f, i in self.mapping.items()}


def inspect_roster(path: str | Path, *, mapping: Mapping[str, Any] | None = None,
                   sample_rows: int = 5) -> list[SheetLayout]:
    """The header row, headers and guessed mapping of each roster sheet, without importing anything."""
    book = read_book(path)
    out = []
    for sheet in book.sheets:
        layout = _layout(book, sheet, _normalize_overrides(mapping, book.file))
        if layout:
            start = layout.header_line
            layout.sample = [[cell_text(c) for c in r] for r in sheet.rows[start:start + sample_rows]]
            out.append(layout)
    return out


def import_roster(path: str | Path, *, villages: Iterable[str], template: NoticeTemplate | str | None = None,
                  mapping: Mapping[str, Any] | None = None, sheet: str | None = None,
                  progress: Progress | None = None) -> Roster:
    """Read and validate a roster (.xlsx, .xls, .csv). Nothing is stored here.

    villages: the township's villages (names). mapping: field (or its Chinese label) → header text,
    0-based column index, or None to drop a guessed column. Raises InputError when the file cannot be
    read and MappingError when a required column cannot be mapped (the whole file is refused).
    """
    tpl = resolve_template(template)
    book = read_book(path)
    overrides = _normalize_overrides(mapping, book.file)
    village_list = tuple(villages)
    matcher = VillageMatcher(village_list)
    sheets = [s for s in book.sheets if sheet is None or s.name == sheet]
    if sheet is not None and not sheets:
        raise InputError(f"工作簿里没有名为「{sheet}」的工作表（"
                         f"有：{'、'.join(s.name for s in book.sheets)}）",
                         file=book.file)
    notes: list[str] = []
    plans: list[tuple[RawSheet, SheetLayout, str]] = []
    for s in sheets:
        if s.hidden and sheet is None:
            notes.append(f"工作表「{s.name}」是隐藏的，已跳过")
            continue
        layout = _layout(book, s, overrides)
        if layout is None or not ({"name", "id_number"} & layout.mapping.keys()):
            if any(any(c != "" for c in r) for r in s.rows):
                notes.append(f"工作表「{s.name}」没有姓名或身份证号列，不是名册，已跳过")
            continue
        sheet_village = ""
        missing = _missing(tpl, layout)
        if "village" in missing and matcher.resolve(s.name):
            sheet_village = matcher.resolve(s.name)
            missing.remove("village")
            notes.append(f"工作表「{s.name}」没有村名列，按工作表名记为「{sheet_village}」")
        if missing:
            raise MappingError(file=book.file, sheet=s.name if book.kind != "csv" else None,
                               headers=layout.headers, mapping=layout.mapping, missing=missing,
                               header_line=layout.header_line)
        plans.append((s, layout, sheet_village))
    if not plans:
        raise InputError("没有找到名册数据：没有一个工作表有“姓名”“身份证号”“金额”这样的表头", file=book.file)

    rows: list[RosterRow] = []
    used: dict[str, str] = {}
    total = sum(len(s.rows) for s, _, _ in plans)
    done = 0
    for s, layout, sheet_village in plans:
        _note_headers(layout, used)
        _read_rows(s, layout, sheet_village, rows, notes, progress, done, total)
        done += len(s.rows)
        s.rows = []            # the raw cells are no longer needed: keep the peak memory down
    if not any(r.kind == PERSON for r in rows):
        raise InputError("名册里没有数据行（表头下面是空的）", file=book.file)
    roster = Roster(file=book.file, kind=book.kind, template_id=tpl.id, township_villages=village_list,
                    mapping=used, rows=rows, notes=notes, sheets=[s.name for s, _, _ in plans],
                    encoding=book.encoding)
    # reading was the first half of the progress bar, validation is the second
    second = None if progress is None else (lambda d, t: progress(total + d * total // max(t, 1), 2 * total))
    validate(roster, template=tpl, progress=second)
    return roster


def _normalize_overrides(mapping: Mapping[str, Any] | None, file: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in (mapping or {}).items():
        f = field_for_label(key)
        if f is None:
            raise InputError(f"列对应关系中的字段「{key}」未知（可用：{'、'.join(LABELS.values())}）",
                             file=file)
        out[f] = value
    return out


def _layout(book: RawBook, sheet: RawSheet, overrides: dict[str, Any]) -> SheetLayout | None:
    best, best_line, best_headers = 0, None, []
    for idx, raw in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        headers = [cell_text(c) for c in raw]
        norm = [normalize_header(h) for h in headers]
        score = len(guess_mapping(headers)) + sum(
            1 for v in overrides.values() if isinstance(v, str) and normalize_header(v) in norm)
        if score > best:
            best, best_line, best_headers = score, idx + 1, headers
    if best < 2 or best_line is None:
        return None
    mapping = guess_mapping(best_headers)
    norm = [normalize_header(h) for h in best_headers]
    for f, value in overrides.items():
        mapping.pop(f, None)
        if value is None or value == "":
            continue
        if isinstance(value, int):
            col = value
        else:
            text = normalize_header(value)
            col = norm.index(text) if text in norm else -1
        if not 0 <= col < len(best_headers):
            shown = "、".join(h for h in best_headers if h)
            raise InputError(f"指定给「{LABELS[f]}」的列「{value}」在表头中不存在（表头：{shown}）",
                             file=book.file, sheet=sheet.name if book.kind != "csv" else None, row=best_line)
        for other, c in list(mapping.items()):
            if c == col:
                mapping.pop(other)
        mapping[f] = col
    return SheetLayout(sheet.name, best_line, best_headers, mapping)


def _merged_fill(sheet: RawSheet, layout: SheetLayout) -> dict[tuple[int, int], Any]:
    cols = {layout.mapping[f] for f in _FILL_MERGED if f in layout.mapping}
    fill: dict[tuple[int, int], Any] = {}
    for (r0, c0), (r1, c1) in sheet.merged or ():
        if r0 < layout.header_line or r1 == r0:
            continue
        top = sheet.rows[r0][c0] if r0 < len(sheet.rows) and c0 < len(sheet.rows[r0]) else ""
        for c in range(c0, c1 + 1):
            if c in cols:
                for r in range(r0, r1 + 1):
                    fill[(r, c)] = top
    return fill


def _read_rows(sheet: RawSheet, layout: SheetLayout, sheet_village: str, out: list[RosterRow],
               notes: list[str], progress: Progress | None, done: int, total: int) -> None:
    fill = _merged_fill(sheet, layout)
    mapping = layout.mapping
    header_norm = {f: normalize_header(layout.headers[i]) for f, i in mapping.items()}
    first_field = next(iter(mapping))
    first_header = layout.headers[mapping[first_field]]
    id_col = mapping.get("id_number")
    for idx in range(layout.header_line, len(sheet.rows)):
        if idx % 2000 == 0:
            report(progress, done + idx, total * 2)
        raw = sheet.rows[idx]
        if fill:
            raw = [fill.get((idx, c), v) if v == "" else v for c, v in enumerate(raw)]
        if not any(raw):
            continue
        values: dict[str, str] = {}
        id_from_number = False
        for f, col in mapping.items():
            cell = raw[col] if col < len(raw) else ""
            if col == id_col:
                text, id_from_number = id_text(cell) if cell != "" else ("", False)
            else:
                text = cell_text(cell)
            if text:
                values[f] = text
        _place(values, sheet_village)
        line = idx + 1
        label = _total_label(raw)
        if label:
            values["label"] = label
            values["scope"] = "sub" if "小计" in label else "all"
            out.append(RosterRow(len(out) + 1, sheet.name, line, values, kind=TOTAL))
            continue
        if values.get(first_field) == first_header and all(
                normalize_header(values.get(f, "")) == h for f, h in header_norm.items()):
            continue   # the header repeated (a roster laid out for printing)
        if _is_note(values):
            text = " ".join(cell_text(c) for c in raw if c != "")
            notes.append(where(sheet=sheet.name, row=line) + f"不是名册数据，已忽略：{text[:40]}")
            continue
        if "name" in values:
            values["name"] = _CJK_SPACES.sub("", values["name"])
        out.append(RosterRow(len(out) + 1, sheet.name, line, values, id_from_number=id_from_number))


def _missing(tpl: NoticeTemplate, layout: SheetLayout) -> list[str]:
    """The template's required fields the sheet does not map (one 村组 column counts as 村 and 组)."""
    combined = {"village", "group"} if "village_group" in layout.mapping else set()
    return [f for f in tpl.required if f not in layout.mapping and f not in combined]


def _note_headers(layout: SheetLayout, used: dict[str, str]) -> None:
    """field → header text as found (the first sheet's wins); one 村组 column gives both 村 and 组."""
    for f, i in layout.mapping.items():
        for target in (("village", "group") if f == "village_group" else (f,)):
            used.setdefault(target, layout.headers[i])


def _place(values: dict[str, str], sheet_village: str) -> None:
    """A 所在村组 cell '东湾村3组' → 村 '东湾村' and 组 '3组' (a separate 村 or 组 column wins); else the
    village the sheet's name gave."""
    if "village_group" in values:
        village, group = split_village_group(values.pop("village_group"))
        if village and "village" not in values:
            values["village"] = village
        if group and "group" not in values:
            values["group"] = group
    if sheet_village and "village" not in values:
        values["village"] = sheet_village


def _total_label(raw: list[Any]) -> str:
    for v in raw:
        if isinstance(v, str) and "计" in v and len(v) <= 16:
            t = re.sub(r"\s", "", v)
            if _TOTAL_RE.match(t):
                return t.rstrip(":：")
    return ""


def _is_note(values: dict[str, str]) -> bool:
    """A line under or between the data (制表人：…, 注：…) rather than a person."""
    if any(values.get(f) for f in ("id_number", "amount")):
        return False
    text = values.get("name", "") or next(iter(values.values()), "")
    return not values or (len(values) == 1 and bool(_NOTE_RE.match(text) or "：" in text or ":" in text))
