"""Read a received task list (工作要点分工 / 重点工作任务清单, .xlsx/.xls) into tasks.

The workbook is opened through catalog.xlsx_safety (via noticeboard.reader.read_book). The reader finds
the header row (工作任务 | 具体要求 | 责任单位 | 完成时限 | 完成情况 | 备注, with common variants),
section rows (一、年底前专项工作任务 — one text across the row), fills merged cells down (a 工作任务
merged over several requirement rows), and splits numbered requirements ("1.… 2.…", "（1）…", "①…")
into sub-tasks. Each task's deadline comes from its own text, else the 完成时限 column, else the task,
else its section (年底前…).
The sheet itself is kept (cells and merges) so the export can write the same layout back.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from catalog.errors import InputError
from catalog.tasks.deadlines import UNKNOWN_DEADLINE, Deadline, find_deadline, year_in
from catalog.tasks.model import Task

MAX_ROWS = 5000
HEADER_SCAN = 15
TASK, REQUIREMENT, UNIT, DEADLINE, STATUS, REMARK, NO = (
    "task", "requirement", "unit", "deadline", "status", "remark", "no")
ROLE_LABELS = {TASK: "工作任务", REQUIREMENT: "具体要求", UNIT: "责任单位", DEADLINE: "完成时限",
               STATUS: "完成情况", REMARK: "备注", NO: "序号"}
_ALIASES = {
    TASK: ("工作任务", "重点任务", "任务", "工作内容", "重点工作", "主要任务", "任务名称", "工作事项",
           "任务事项", "重点工作任务", "工作要点"),
    REQUIREMENT: ("具体要求", "工作要求", "任务要求", "具体内容", "工作措施", "具体措施", "目标要求",
                  "主要内容", "任务内容", "具体任务", "工作目标"),
    UNIT: ("责任单位", "牵头单位", "责任部门", "责任主体", "牵头部门", "承办单位", "责任单位(部门)",
           "牵头责任单位"),
    DEADLINE: ("完成时限", "时限", "完成时间", "时间节点", "完成期限", "时限要求", "时间要求"),
    STATUS: ("完成情况", "进展情况", "落实情况", "推进情况", "工作进展", "完成进度"),
    REMARK: ("备注",),
    NO: ("序号", "编号"),
}
_CN = "[一二三四五六七八九十]{1,3}"
_SECTION = re.compile(rf"^\s*(?:({_CN})\s*[、.．]|[（(]({_CN})[)）]|第({_CN})部分)")
_MARKER = re.compile(r"(?:(?:^|(?<=[\n。；;]))[ \t]*(?:(\d{1,2})[.．、]|[（(](\d{1,2})[)）])|([①-⑳]))")
_TOWNSHIP = re.compile(r"乡镇|乡[（(]镇[)）]|各乡|各镇|街道|各单位"
                       r"|[\u4e00-\u9fff]{1,8}[镇乡](?:人民政府|政府)?(?:[、，,\s]|$)")
_OTHER_BODY = re.compile(r"县|市|区|局|办|委|中心|部")


@dataclass
class Layout:
    """The received sheet as read: cells (text, row 0 = spreadsheet row 1), merges, header and columns."""
    sheet: str
    cells: list[list[str]]
    merged: list[tuple[tuple[int, int], tuple[int, int]]]
    header_row: int                                   # 0-based
    columns: dict[str, int]                           # role → 0-based column
    title: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "cells": self.cells, "merged": [list(map(list, m)) for m in self.merged],
                "header_row": self.header_row, "columns": self.columns, "title": self.title}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Layout:
        return cls(d["sheet"], d["cells"], [((a, b), (c, e)) for (a, b), (c, e) in d["merged"]],
                   d["header_row"], d["columns"], d.get("title", ""))


@dataclass
class ParsedList:
    file: str
    year: int
    layout: Layout
    tasks: list[Task]
    notes: list[str] = field(default_factory=list)     # what the clerk should know (rows skipped …)

    @property
    def title(self) -> str:
        return self.layout.title or Path(self.file).stem


def cell(value: Any) -> str:
    """Cell text with its line breaks kept (multi-line requirements), other whitespace tidied."""
    if value is None or value == "":
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        return value.isoformat()[:10]
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ")
    lines = [" ".join(ln.split()) for ln in text.split("\n")]
    return "\n".join(ln for ln in lines if ln)


def _key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).replace("（", "(").replace("）", ")")


def _role(header: str) -> str | None:
    k = _key(header)
    for role, names in _ALIASES.items():
        if k in (_key(n) for n in names):
            return role
    return None


def _find_header(cells: list[list[str]]) -> tuple[int, dict[str, int]] | None:
    for r, row in enumerate(cells[:HEADER_SCAN]):
        cols: dict[str, int] = {}
        for c, text in enumerate(row):
            role = _role(text) if text else None
            if role and role not in cols:
                cols[role] = c
        if (TASK in cols or REQUIREMENT in cols) and len(cols) >= 2:
            if TASK not in cols:          # only 具体要求: it is the task text
                cols[TASK] = cols.pop(REQUIREMENT)
            return r, cols
    return None


def _grid(rows: Sequence[Sequence[Any]]) -> list[list[str]]:
    width = max((len(r) for r in rows), default=0)
    return [[cell(v) for v in r] + [""] * (width - len(r)) for r in rows]


Cell = tuple[int, int]


def _owners(merged: Sequence[tuple[Cell, Cell]]) -> dict[Cell, Cell]:
    """Every cell covered by a merge → its top-left cell (only small merges: a task list, not a bomb)."""
    out: dict[Cell, Cell] = {}
    for (r0, c0), (r1, c1) in merged:
        if (r1 - r0 + 1) * (c1 - c0 + 1) > 20_000:
            continue
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                out[(r, c)] = (r0, c0)
    return out


def split_requirements(text: str) -> list[str]:
    """"1.甲；2.乙" → ["甲", "乙"]; a text without a 1, 2, … sequence of markers → [text]."""
    marks = list(_MARKER.finditer(text))
    if len(marks) < 2:
        return [text]
    numbers = [int(m[1] or m[2]) if (m[1] or m[2]) else ord(m[3]) - ord("①") + 1 for m in marks]
    if numbers != list(range(1, len(numbers) + 1)):
        return [text]
    head = text[:marks[0].start()].strip()
    parts = [text[m.end():(marks[i + 1].start() if i + 1 < len(marks) else len(text))].strip(" \n；;")
             for i, m in enumerate(marks)]
    parts = [p for p in parts if p]
    if head:          # a lead-in sentence before "1." belongs to every part
        parts = [f"{head}\n{p}" for p in parts]
    return parts or [text]


def relevance(unit: str, township: str = "") -> bool | None:
    """Does the 责任单位 name the townships? True / False (only county bodies) / None (empty, unclear)."""
    u = unit.strip()
    if not u:
        return None
    if (township and township in u) or _TOWNSHIP.search(u):
        return True
    return False if _OTHER_BODY.search(u) else None


class _Reader:
    def __init__(self, file: str, sheet: str, cells: list[list[str]],
                 merged: Sequence[tuple[tuple[int, int], tuple[int, int]]], *, year: int, township: str):
        self.file, self.sheet, self.cells, self.year, self.township = file, sheet, cells, year, township
        self.owner = _owners(merged)
        self.notes: list[str] = []

    def value(self, r: int, c: int | None, *, fill: bool = True) -> str:
        """The cell's text; a cell under a merge shows the merge's text when fill (else only its top row)."""
        if c is None:
            return ""
        o = self.owner.get((r, c))
        if o is not None and o != (r, c):
            if not fill and o[0] != r:
                return ""
            r, c = o
        return self.cells[r][c] if r < len(self.cells) and c < len(self.cells[r]) else ""

    def section_of(self, r: int) -> str | None:
        """A section row's text (one text across the row, like 一、年底前专项工作任务), else None."""
        texts = {self.value(r, c) for c in range(len(self.cells[r]))} - {""}
        if len(texts) != 1:
            return None
        text = texts.pop()
        spans = sum(1 for c in range(len(self.cells[r])) if self.value(r, c))
        return text if _SECTION.match(text) or spans >= 3 else None

    def read(self, header: int, cols: dict[str, int]) -> list[Task]:
        tasks: list[Task] = []
        section, section_no, section_dl, counter = "", "", UNKNOWN_DEADLINE, 0
        seen: dict[tuple[str, str], int] = {}
        for r in range(header + 1, len(self.cells)):
            sec = self.section_of(r)
            if sec is not None:
                if re.match(r"^\s*(注|说明|备注)[:：]", sec):
                    continue
                m = _SECTION.match(sec)
                section = sec
                section_no = (m[1] or m[2] or m[3]) if m else str(len({t.section for t in tasks}) + 1)
                section_dl, counter = find_deadline(sec, self.year), 0
                continue
            title = self.value(r, cols.get(TASK))
            req = self.value(r, cols.get(REQUIREMENT), fill=False)
            if not title and not req:
                continue
            if not req and self.owner.get((r, cols[TASK]), (r, 0))[0] != r:
                continue      # a blank row under a merged 工作任务: nothing new
            counter += 1
            no = self.value(r, cols.get(NO)) or str(counter)
            k = seen[(section, no)] = seen.get((section, no), 0) + 1
            number = f"{section_no}.{no}" + (f"-{k}" if k > 1 else "")
            tasks += self._row_tasks(r, cols, title, req, section, number, section_dl, len(tasks))
        return tasks

    def _row_tasks(self, r: int, cols: dict[str, int], title: str, req: str, section: str, number: str,
                   section_dl: Deadline, seq: int) -> list[Task]:
        unit = self.value(r, cols.get(UNIT))
        column_dl = find_deadline(self.value(r, cols.get(DEADLINE)), self.year)
        parts = split_requirements(req) if req else []
        title_parts = [] if req else split_requirements(title)
        subs = parts if len(parts) > 1 else title_parts if len(title_parts) > 1 else [req]
        out = []
        for i, text in enumerate(subs, start=1):
            n = i if len(subs) > 1 else 0
            dl = self._deadline(text, column_dl, title, section_dl)
            code = (number + (f".{n}" if n else "")).lstrip(".")
            out.append(Task(
                title=title if (req or n == 0) else title.split("\n", 1)[0],
                requirement=text if n or req else "",
                section=section, unit=unit, remark=self.value(r, cols.get(REMARK), fill=False), code=code,
                deadline=dl.due, deadline_text=dl.text, deadline_kind=dl.kind,
                relevant=relevance(unit, self.township), sheet=self.sheet, row=r + 1, sub=n, seq=seq + i))
        return out

    def _deadline(self, text: str, column_dl: Deadline, title: str, section_dl: Deadline) -> Deadline:
        for dl in (find_deadline(text, self.year), column_dl, find_deadline(title, self.year), section_dl):
            if dl.known:
                return dl
        return next((d for d in (find_deadline(text, self.year), column_dl, section_dl) if d.text),
                    UNKNOWN_DEADLINE)


def read_task_list(path: str | Path, *, township: str = "", today: date | None = None) -> ParsedList:
    """The tasks of a received list; InputError naming the file (and sheet, row) when it is not one."""
    from catalog.noticeboard.reader import read_book
    p = Path(path)
    book = read_book(p)
    found = None
    for sheet in book.sheets:
        if sheet.hidden or len(sheet.rows) > MAX_ROWS:
            continue
        cells = _grid(sheet.rows)
        head = _find_header(cells)
        if head is not None:
            found = (sheet, cells, head)
            break
    if found is None:
        too_big = [s.name for s in book.sheets if len(s.rows) > MAX_ROWS]
        if too_big:
            raise InputError(f"工作表行数超过 {MAX_ROWS} 行，不像是工作任务清单。", file=p.name,
                             sheet=too_big[0])
        raise InputError("找不到任务清单的表头：前 15 行中应有“工作任务”（或“重点任务”“工作内容”）"
                         "以及“具体要求”“责任单位”“完成情况”等列。请确认选择的是收到的工作要点分工表。",
                         file=p.name)
    sheet, cells, (header, cols) = found
    title = next((t for row in cells[:header] for t in row if t), "")
    year = year_in(title) or year_in(sheet.name) or year_in(p.stem) or (today or date.today()).year
    reader = _Reader(p.name, sheet.name, cells, sheet.merged or [], year=year, township=township)
    tasks = reader.read(header, cols)
    if not tasks:
        raise InputError("表头下面没有任何任务行。", file=p.name, sheet=sheet.name, row=header + 2)
    notes = list(reader.notes)
    unknown = [t for t in tasks if t.deadline is None and t.deadline_kind != "ongoing"]
    if unknown:
        rows = "、".join(str(r) for r in sorted({t.row for t in unknown})[:10])
        more = "等" if len(unknown) > 10 else ""
        notes.append(f"{len(unknown)} 项任务的文字中没有写明完成时限（第 {rows} 行{more}），"
                     "显示为“期限不明”，可在备注中补记。")
    layout = Layout(sheet.name, cells, list(sheet.merged or []), header, cols, title)
    return ParsedList(p.name, year, layout, tasks, notes)
