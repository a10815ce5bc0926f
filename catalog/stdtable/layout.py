"""The standard table's columns and cell texts, shared by the Excel and PDF writers."""
from __future__ import annotations

from dataclasses import dataclass

from catalog.stdtable.cells import format_channels, format_mark, join_items
from catalog.stdtable.model import ExportDomain, ExportRow


@dataclass(frozen=True)
class Col:
    field: str
    group: str | None      # the merged top-row heading, or None when the heading spans both rows
    label: str
    width: float           # Excel width units; the PDF scales them to the page
    center: bool = False


BASE_COLUMNS: tuple[Col, ...] = (
    Col("seq", None, "序号", 5, True),
    Col("level1", "公开事项", "一级事项", 12),
    Col("level2", "公开事项", "二级事项", 14),
    Col("content", None, "公开内容（要素）", 32),
    Col("basis", None, "公开依据", 29),
    Col("time_limit", None, "公开时限", 20),
    Col("subject", None, "公开主体", 14),
    Col("channels", None, "公开渠道和载体", 30),
    Col("public", "公开对象", "全社会", 6.5, True),
    Col("specific", "公开对象", "特定群体", 6.5, True),
    Col("active", "公开方式", "主动", 6.5, True),
    Col("on_request", "公开方式", "依申请", 6.5, True),
    Col("county", "公开层级", "县级", 6.5, True),
    Col("township", "公开层级", "乡级", 6.5, True),
)
NOTE_COLUMN = Col("note", None, "备注", 14)


def columns(with_note: bool) -> tuple[Col, ...]:
    """The table's columns: the standard 14, plus 备注 when any row has a note."""
    return BASE_COLUMNS + ((NOTE_COLUMN,) if with_note else ())


def header_cells(cols: tuple[Col, ...]) -> list[tuple[int, int, int, int, str]]:
    """Cells of the two-row header as (row 0/1, first col, last row, last col, text), merges included."""
    out: list[tuple[int, int, int, int, str]] = []
    i = 0
    while i < len(cols):
        col = cols[i]
        if col.group is None:
            out.append((0, i, 1, i, col.label))
            i += 1
            continue
        j = i
        while j + 1 < len(cols) and cols[j + 1].group == col.group:
            j += 1
        out.append((0, i, 0, j, col.group))
        out.extend((1, k, 1, k, cols[k].label) for k in range(i, j + 1))
        i = j + 1
    return out


def row_texts(row: ExportRow, cols: tuple[Col, ...]) -> list[str]:
    """Each column's cell text for one row: √/blank/？ marks, ■/□ channels, elements one per line."""
    t = row.text
    marks = t.marks
    values = {
        "seq": str(row.seq), "level1": t.level1, "level2": t.level2, "content": join_items(t.content),
        "basis": join_items(t.basis), "time_limit": t.time_limit or "", "subject": t.subject or "",
        "channels": format_channels(t.channels), "note": row.note,
    }
    return [values[c.field] if c.field in values else format_mark(getattr(marks, c.field)) for c in cols]


def domain_line(domain: ExportDomain) -> str:
    """'公开领域：涉农补贴（编码：17）' — the line under the title that names a sheet's domain."""
    code = f"（编码：{domain.domain_code}）" if domain.domain_code else ""
    return f"公开领域：{domain.name}{code}"
