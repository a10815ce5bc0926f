"""村务公开栏 noticeboard sheets: import subsidy rosters, validate, mask and print per-village 公示.

Plain inputs first: import_roster() → Roster (rows, issues, blocked villages); render_pdf.render_pdf()
and render_xlsx.render_xlsx() write the sheets; summarize() + render_summary_pdf() the 分村汇总表;
store.NoticeStore keeps rosters, exclusions and print records. openpyxl and reportlab load only when used.
The functions named like their modules (render_pdf, render_xlsx, validate) are imported from the modules,
so `catalog.noticeboard.render_pdf` stays the module (patching and `import … as` work as expected).
"""
from .importer import MappingError, SheetLayout, import_roster, inspect_roster
from .model import Issue, Roster, RosterRow
from .rmb import rmb_upper
from .sheets import Period, SheetSet, VillageSheet, build_sheets, make_period
from .summary import Summary, render_summary_pdf, summarize
from .template import NoticeTemplate, list_templates, load_template

__all__ = [
    "Issue", "MappingError", "NoticeTemplate", "Period", "Roster", "RosterRow", "SheetLayout", "SheetSet",
    "Summary", "VillageSheet", "build_sheets", "import_roster", "inspect_roster", "list_templates",
    "load_template", "make_period", "render_summary_pdf", "rmb_upper", "summarize",
]
