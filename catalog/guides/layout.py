"""A guide in the neutral standard-table layout, so it can be written (and handed on) as a workbook."""
from __future__ import annotations

from typing import TYPE_CHECKING

from catalog.stdtable.model import ExportDoc, ExportDomain, ExportRow

if TYPE_CHECKING:
    from catalog.guides.shipped import Guide


def guide_domain(guide: Guide, *, include_withdrawn: bool = False) -> ExportDomain:
    """One guide as an ExportDomain (code = the two-digit pilot number), items renumbered 1..n."""
    items = guide.items if include_withdrawn else guide.active_items
    rows = tuple(ExportRow(i, it.text, "已撤销" if it.withdrawn else "")
                 for i, it in enumerate(items, start=1))
    return ExportDomain(guide.domain, rows, f"{guide.no:02d}")


def guide_to_export_doc(guide: Guide, *, title: str | None = None, subtitle: str | None = None) -> ExportDoc:
    """A guide in the standard layout, so a county can hand its localized guide to townships as one file."""
    c = guide.completeness
    default_sub = f"来源：{c.source}" + (f"（{c.file}）" if c.file else "")
    return ExportDoc(title or guide.title, default_sub if subtitle is None else subtitle,
                     (guide_domain(guide),))
