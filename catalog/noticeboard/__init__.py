"""村务公开栏 noticeboard sheets: import subsidy rosters, validate, mask and print per-village 公示.

Plain inputs first: import_roster() → Roster (rows, issues, blocked villages); render_pdf() and
render_xlsx() write the sheets; summarize() + render_summary_pdf() the 分村汇总表; store.NoticeStore
keeps rosters, exclusions and print records. openpyxl and reportlab load only when used.
Note: the package attributes render_pdf, render_xlsx and validate are the functions (they shadow the
modules of the same name); import module contents with `from catalog.noticeboard.render_pdf import …`.
"""
from catalog.noticeboard.importer import MappingError, SheetLayout, import_roster, inspect_roster
from catalog.noticeboard.model import Issue, Roster, RosterRow
from catalog.noticeboard.render_pdf import PrintResult, render_pdf
from catalog.noticeboard.render_xlsx import render_summary_xlsx, render_xlsx
from catalog.noticeboard.rmb import rmb_upper
from catalog.noticeboard.sheets import Period, SheetSet, VillageSheet, build_sheets, make_period
from catalog.noticeboard.summary import Summary, render_summary_pdf, summarize
from catalog.noticeboard.template import NoticeTemplate, list_templates, load_template
from catalog.noticeboard.validate import validate

__all__ = [
    "Issue", "MappingError", "NoticeTemplate", "Period", "PrintResult", "Roster", "RosterRow",
    "SheetLayout", "SheetSet", "Summary", "VillageSheet", "build_sheets", "import_roster", "inspect_roster",
    "list_templates", "load_template", "make_period", "render_pdf", "render_summary_pdf",
    "render_summary_xlsx", "render_xlsx", "rmb_upper", "summarize", "validate",
]
