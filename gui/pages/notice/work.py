"""Background work of 公示打印: import, load, exclude and print rosters (worker thread, own connection).

Every function opens the workspace at db_path itself (sqlite connections belong to their thread) and
closes it; the Roster object travels back to the GUI thread as plain Python data.
"""
from __future__ import annotations

import gc
from collections.abc import Iterable, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from catalog.errors import KnownError
from catalog.noticeboard.model import Roster
from catalog.noticeboard.render_pdf import PrintResult
from catalog.progress import Progress, report
from catalog.storage import Workspace
from catalog.storage.catalog_store import CatalogStore
from catalog.township.profile import Township

NO_VILLAGES = "工作区还没有村（社区）名单，无法按村公示。请先在乡镇信息中填写村（社区）名单。"


@dataclass(frozen=True)
class PrintChoice:
    """What the clerk chose in the print panel."""
    villages: tuple[str, ...]
    period_start: date
    period_end: date
    phone: str
    allow_short_period: bool = False
    landscape: bool = False
    large_print: bool = False
    mask_names: bool = False
    correction: bool = False      # 更正重新公示: continue the versions of earlier prints (another roster too)

    def options(self) -> dict:
        """The options stored with a print record."""
        return {"landscape": self.landscape, "large_print": self.large_print, "mask_names": self.mask_names,
                "correction": self.correction}


@dataclass
class Checked:
    """A roster with what the page shows about it, computed here so the GUI thread only displays it."""
    roster: Roster
    villages: list[tuple[str, int, Sequence]]    # (village, rows to print, blocking errors)
    counts: dict[str, int]                        # rows, errors, warnings, excluded


def checked(roster: Roster) -> Checked:
    """Village states and counts of a roster (a pass over every row: worker thread)."""
    groups = roster.by_village()
    blocked = roster.blocked()
    names = [v for v in roster.township_villages if v in groups or v in blocked]
    villages = [(v, len(groups.get(v, [])), blocked.get(v, [])) for v in names]
    counts = {"rows": len(roster.person_rows(include_excluded=True)), "errors": len(roster.errors),
              "warnings": len(roster.warnings), "excluded": len(roster.excluded)}
    return Checked(roster, villages, counts)


@contextmanager
def gc_paused():
    """No cyclic garbage collection while a roster's million small objects are made, and none over them
    afterwards: each pass holds the interpreter lock for 60–200 ms and freezes the window. The objects are
    moved out of the collector's reach (gc.freeze); rows hold no reference cycles, so reference counting
    still frees them."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was:
            gc.enable()


@dataclass
class Saved:
    """What a save produced: the files written (kind, path, print id) and the PDF's result."""
    result: PrintResult
    files: list[tuple[str, Path, int | None]] = field(default_factory=list)


def _open(db_path: Path) -> tuple[Workspace, Township]:
    ws = Workspace.open(db_path, create=False)
    township = CatalogStore(ws).township()
    if township is None or not township.villages:
        ws.close()
        raise KnownError(NO_VILLAGES)
    return ws, township


def township_of(db_path: Path) -> Township:
    ws, township = _open(db_path)
    ws.close()
    return township


def import_roster_file(db_path: Path, path: Path, *, template: str, mapping: Mapping[str, Any] | None = None,
                       progress: Progress | None = None) -> Checked:
    """Read, validate and store a roster; MappingError when a required column is not found.

    Nothing is stored until the whole file was read and checked: 取消 before then leaves no trace."""
    from catalog.noticeboard.importer import import_roster
    from catalog.noticeboard.store import NoticeStore
    ws, township = _open(db_path)
    try:
        with gc_paused():
            roster = import_roster(path, villages=township.village_names(), template=template, mapping=mapping,
                                   progress=progress)
            report(progress, 1, 1)          # the last moment 取消 still counts
            NoticeStore(ws).save_roster(roster)
            return checked(roster)
    finally:
        ws.close()


def load_roster(db_path: Path, roster_id: int | None = None, *, progress: Progress | None = None) -> Checked | None:
    """A stored roster re-validated against today's village list; None when none was imported yet."""
    from catalog.noticeboard.store import NoticeStore
    ws, township = _open(db_path)
    try:
        store = NoticeStore(ws)
        if store.latest_id() is None:
            return None
        with gc_paused():
            return checked(store.load(roster_id, villages=township.village_names()))
    finally:
        ws.close()


def exclude_rows(db_path: Path, roster: Roster, nos: Iterable[int], reason: str,
                 progress: Progress | None = None) -> Checked:
    """Keep rows off the sheets (with the reason) and re-validate the same roster."""
    from catalog.noticeboard.store import NoticeStore
    ws, _ = _open(db_path)
    try:
        NoticeStore(ws).exclude(roster, list(nos), reason)
        return checked(roster)
    finally:
        ws.close()


def include_rows(db_path: Path, roster: Roster, nos: Iterable[int], progress: Progress | None = None) -> Checked:
    """Put excluded rows back and re-validate the same roster."""
    from catalog.noticeboard.store import NoticeStore
    ws, _ = _open(db_path)
    try:
        NoticeStore(ws).include(roster, list(nos))
        return checked(roster)
    finally:
        ws.close()


def _common(township: Township, choice: PrintChoice) -> dict:
    return dict(township=township, period_start=choice.period_start, period_end=choice.period_end,
                phone=choice.phone, villages=list(choice.villages), landscape=choice.landscape,
                allow_short_period=choice.allow_short_period, mask_names=True if choice.mask_names else None)


def render_preview(db_path: Path, roster: Roster, out: Path, choice: PrintChoice,
                   progress: Progress | None = None) -> PrintResult:
    """The PDF as it would be printed now (versions included), not recorded anywhere."""
    from catalog.noticeboard.render_pdf import render_pdf
    from catalog.noticeboard.store import NoticeStore
    ws, township = _open(db_path)
    try:
        store = NoticeStore(ws)
        year = choice.period_start.year

        def versions(sheets):
            return store.versions_for(template=roster.template_id, year=year, sheets=sheets,
                                      roster_id=roster.id, correction=choice.correction)
        return render_pdf(roster, out, large_print=choice.large_print, versions=versions, progress=progress,
                          **_common(township, choice))
    finally:
        ws.close()


def save_sheets(db_path: Path, roster: Roster, out: Path, choice: PrintChoice, *, kind: str,
                progress: Progress | None = None) -> Saved:
    """Write the sheets (kind pdf or xlsx) or the 分村汇总表 (kind summary, .pdf or .xlsx) and record the
    print, so the 公开台账 gets its entry and a changed sheet its next version."""
    from catalog.noticeboard.render_pdf import render_pdf
    from catalog.noticeboard.store import NoticeStore
    ws, township = _open(db_path)
    try:
        store = NoticeStore(ws)
        year = choice.period_start.year

        def versions(sheets):
            return store.versions_for(template=roster.template_id, year=year, sheets=sheets,
                                      roster_id=roster.id, correction=choice.correction)

        def record(k: str, file: Path, res: PrintResult) -> int:
            return store.record_print(roster_id=roster.id, kind=k, template=roster.template_id, year=year,
                                      file=str(file), result=res, options=choice.options())
        common = _common(township, choice)
        if kind == "pdf":
            result = render_pdf(roster, out, large_print=choice.large_print, versions=versions, progress=progress,
                                **common)
        elif kind == "xlsx":
            from catalog.noticeboard.render_xlsx import render_xlsx
            result = render_xlsx(roster, out, versions=versions, progress=progress, **common)
        else:
            result = _summary(roster, township, choice, out, versions)
        saved = Saved(result)
        if result.sheets:
            saved.files.append((kind, out, record(kind, out, result)))
        return saved
    finally:
        ws.close()


def _summary(roster: Roster, township: Township, choice: PrintChoice, out: Path, versions) -> PrintResult:
    from catalog.noticeboard.render_pdf import apply_versions, notice_options
    from catalog.noticeboard.sheets import build_sheets
    from catalog.noticeboard.summary import render_summary_pdf, summarize
    from catalog.noticeboard.template import resolve_template
    tpl = resolve_template(roster.template_id)
    opts = notice_options(township=township, period_start=choice.period_start, period_end=choice.period_end,
                          phone=choice.phone, template=tpl, allow_short_period=choice.allow_short_period)
    sheet_set = build_sheets(roster, template=tpl, villages=list(choice.villages),
                             mask_names=True if choice.mask_names else None)
    apply_versions(sheet_set.sheets, versions)
    result = PrintResult(None, 0, opts.period, sheet_set.sheets, sheet_set.skipped, sheet_set.unplaced)
    if not sheet_set.sheets:
        return result
    kw = dict(template=tpl, township=township.name, government=township.government, year=opts.year,
              issued_on=choice.period_start)
    if out.suffix.lower() == ".xlsx":
        from catalog.noticeboard.render_xlsx import render_summary_xlsx
        render_summary_xlsx(summarize(sheet_set), out, **kw)
    else:
        result.pages = render_summary_pdf(summarize(sheet_set), out, landscape=choice.landscape, **kw)
    result.path = out
    return result


def record_printed(db_path: Path, roster: Roster, choice: PrintChoice, result: PrintResult, printer: str) -> int:
    """Record sheets sent to a printer (kind pdf, so a re-print of unchanged sheets keeps its version)."""
    from catalog.noticeboard.store import NoticeStore
    ws, _ = _open(db_path)
    try:
        return NoticeStore(ws).record_print(roster_id=roster.id, kind="pdf", template=roster.template_id,
                                            year=choice.period_start.year, file=f"打印机：{printer}",
                                            result=result, options=choice.options())
    finally:
        ws.close()

