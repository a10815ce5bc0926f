"""NoticeBoard: the one service behind the `notice` CLI commands and the 公示打印 page.

It opens nothing itself: give it a Workspace (the CLI's, or the GUI worker's own connection). Every
method works on a roster it loads itself (by id) and returns a fresh value, so a roster object is never
shared between the caller and the worker: a write that fails leaves the caller's roster as it was.

    board = NoticeBoard(ws)
    state = board.import_roster(path, template="huimin_butie")     # RosterState
    state = board.exclude(state.roster_id, [3], "重复登记")
    printed = board.save(state.roster_id, out, choice, kind="pdf")   # Printed: result + print records
"""
from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from catalog.errors import KnownError
from catalog.noticeboard.model import Issue, Roster
from catalog.noticeboard.render_pdf import PrintResult
from catalog.noticeboard.sheets import VillageSheet
from catalog.progress import Progress, report
from catalog.storage.catalog_store import CatalogStore
from catalog.storage.workspace import Workspace
from catalog.timelimits.holidays import HolidayTable
from catalog.timelimits.workdays import WorkCalendar
from catalog.township.profile import Township

NO_VILLAGES = "工作区还没有村（社区）名单，无法按村公示。请先在乡镇信息中填写村（社区）名单。"
SAVE_KINDS = ("pdf", "xlsx", "summary")


class NoVillages(KnownError):
    """The workspace has no township profile or no villages: nothing can be put on village boards."""

    def __init__(self) -> None:
        super().__init__(NO_VILLAGES)


@dataclass(frozen=True)
class PrintChoice:
    """What to print: villages (empty = every village that can be printed), 公示期, phone and layout."""
    period_start: date
    period_end: date | None = None       # None: 7 days including the first
    villages: tuple[str, ...] = ()
    phone: str | None = None             # None: the township's
    year: int | None = None              # the title's year; None: the year of period_start
    allow_short_period: bool = False
    landscape: bool = False
    large_print: bool = False
    mask_names: bool = False
    correction: bool = False             # 更正后重新公示: continue the versions of another roster's prints

    @property
    def title_year(self) -> int:
        return self.year or self.period_start.year

    def options(self) -> dict[str, bool]:
        """The options stored with a print record."""
        return {"landscape": self.landscape, "large_print": self.large_print, "mask_names": self.mask_names,
                "correction": self.correction}


@dataclass(frozen=True)
class RosterCounts:
    rows: int          # person rows, excluded ones included
    errors: int
    warnings: int
    excluded: int


@dataclass(frozen=True)
class VillageState:
    village: str
    rows: int                        # rows to print
    errors: tuple[Issue, ...]        # the errors that block its sheet


@dataclass(frozen=True)
class RosterState:
    """A roster as just loaded or changed, with what a page shows about it (computed on the worker).

    `roster` was built for the receiver alone; the service keeps no reference to it."""
    roster: Roster
    villages: tuple[VillageState, ...]
    counts: RosterCounts

    @property
    def roster_id(self) -> int:
        assert self.roster.id is not None
        return self.roster.id


@dataclass(frozen=True)
class PrintRecord:
    kind: str            # pdf | xlsx | summary
    file: str
    print_id: int


@dataclass(frozen=True)
class Printed:
    """What a print or save produced: the (main) render's result and the print records made."""
    result: PrintResult
    records: tuple[PrintRecord, ...] = ()


@dataclass(frozen=True)
class RosterListing:
    """One imported roster as the page's roster chooser names it."""
    id: int
    file: str
    rows: int
    imported_at: str


@dataclass(frozen=True)
class BoardView:
    """What the 公示打印 page shows after a load or an import, read in one go on the worker: the roster
    (None before the first import), every imported roster, and the 节假日安排 a 工作日 公示期 ends by."""
    state: RosterState | None
    rosters: tuple[RosterListing, ...]
    holidays: HolidayTable | None     # None: never imported (chinesecalendar, then the estimate)


def roster_state(roster: Roster) -> RosterState:
    """Village states and counts of a roster (a pass over every row: worker thread)."""
    groups = roster.by_village()
    blocked = roster.blocked()
    names = [v for v in roster.township_villages if v in groups or v in blocked]
    villages = tuple(VillageState(v, len(groups.get(v, [])), tuple(blocked.get(v, []))) for v in names)
    counts = RosterCounts(rows=len(roster.person_rows(include_excluded=True)), errors=len(roster.errors),
                          warnings=len(roster.warnings), excluded=len(roster.excluded))
    return RosterState(roster, villages, counts)


@contextmanager
def gc_paused() -> Iterator[None]:
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


class NoticeBoard:
    """Rosters, exclusions and prints of one workspace (see the module docstring)."""

    def __init__(self, ws: Workspace):
        from catalog.noticeboard.store import NoticeStore
        self.ws = ws
        self.store = NoticeStore(ws)

    def township(self) -> Township:
        """The township profile; NoVillages when there is none or it lists no villages."""
        township = CatalogStore(self.ws).township()
        if township is None or not township.villages:
            raise NoVillages()
        return township

    def calendar(self) -> WorkCalendar:
        """The workspace's working days (its 节假日安排): a 公示期 in 工作日 ends by it."""
        from catalog.ledger.store import LedgerStore
        return WorkCalendar(holiday_table=LedgerStore(self.ws).holiday_table())

    # -- rosters -------------------------------------------------------------------------------
    def import_roster(self, path: Path | str, *, template: str | None = None,
                      mapping: Mapping[str, Any] | None = None, sheet: str | None = None,
                      progress: Progress | None = None) -> RosterState:
        """Read, validate and store a roster; MappingError when a required column is not found.

        Nothing is stored until the whole file was read and checked: 取消 before then leaves no trace."""
        from catalog.noticeboard.importer import import_roster
        township = self.township()
        with gc_paused():
            roster = import_roster(Path(path), villages=township.village_names(), template=template,
                                   mapping=mapping, sheet=sheet, progress=progress)
            report(progress, 1, 1)          # the last moment 取消 still counts
            self.store.save_roster(roster)
            return roster_state(roster)

    def has_rosters(self) -> bool:
        return self.store.latest_id() is not None

    def load(self, roster_id: int | None = None) -> RosterState:
        """A stored roster (the latest when roster_id is None) re-validated against today's villages."""
        township = self.township()
        with gc_paused():
            return roster_state(self.store.load(roster_id, villages=township.village_names()))

    def latest(self, roster_id: int | None = None) -> RosterState | None:
        """Like load, but None when no roster was imported yet."""
        if roster_id is None and not self.has_rosters():
            self.township()        # still say why nothing can be done when there are no villages
            return None
        return self.load(roster_id)

    def rosters(self) -> list[dict[str, Any]]:
        return self.store.rosters()

    def view(self, state: RosterState | None) -> BoardView:
        """`state` with the roster list and the holiday table the page needs beside it."""
        from catalog.ledger.store import LedgerStore
        listings = tuple(RosterListing(r["id"], r["file"] or "", r["rows"] or 0, r["imported_at"] or "")
                         for r in self.store.rosters())
        return BoardView(state, listings, LedgerStore(self.ws).holiday_table())

    # -- corrections ---------------------------------------------------------------------------
    def exclude(self, roster_id: int | None, nos: Iterable[int], reason: str) -> RosterState:
        """Keep rows (by roster position) off the sheets, with the reason; re-validates."""
        roster = self._roster(roster_id)
        self.store.exclude(roster, list(nos), reason)
        return roster_state(roster)

    def exclude_lines(self, roster_id: int | None, lines: Iterable[int], reason: str, *,
                      sheet: str | None = None) -> RosterState:
        """Like exclude, with the spreadsheet's row numbers (as the checks name them)."""
        roster = self._roster(roster_id)
        self.store.exclude(roster, self._nos_at(roster, lines, sheet), reason)
        return roster_state(roster)

    def include(self, roster_id: int | None, nos: Iterable[int]) -> RosterState:
        """Put excluded rows back; re-validates."""
        roster = self._roster(roster_id)
        self.store.include(roster, list(nos))
        return roster_state(roster)

    def _roster(self, roster_id: int | None) -> Roster:
        """The worker's own copy of a stored roster, validated against today's villages."""
        return self.store.load(roster_id, villages=self.township().village_names())

    @staticmethod
    def _nos_at(roster: Roster, lines: Iterable[int], sheet: str | None) -> list[int]:
        nos: list[int] = []
        for line in lines:
            hits = [r.no for r in roster.rows if r.line == line and (sheet is None or r.sheet == sheet)]
            if not hits:
                raise KnownError(f"名册 {roster.file} 中没有第 {line} 行的数据")
            if len(hits) > 1:
                raise KnownError(f"第 {line} 行在多个工作表中都有，请用 --sheet 指定工作表")
            nos.extend(hits)
        return nos

    # -- prints --------------------------------------------------------------------------------
    def preview(self, roster_id: int | None, out: Path | str, choice: PrintChoice,
                progress: Progress | None = None) -> PrintResult:
        """The PDF as it would be printed now (versions included), not recorded anywhere."""
        roster = self._roster(roster_id)
        return self._render("pdf", roster, self.township(), out, choice, progress)

    def save(self, roster_id: int | None, out: Path | str, choice: PrintChoice, *, kind: str,
             progress: Progress | None = None) -> Printed:
        """Write the sheets (kind pdf or xlsx) or the 分村汇总表 (kind summary, .pdf or .xlsx) and record
        the print, so the 公开台账 gets its entry and a changed sheet its next version."""
        if kind not in SAVE_KINDS:
            raise ValueError(kind)
        roster = self._roster(roster_id)
        township = self.township()
        if kind == "summary":
            result = self._summary(roster, township, out, choice, self._sheets(roster, choice))
        else:
            result = self._render(kind, roster, township, out, choice, progress)
        records = (self._record(roster, kind, out, result, choice),) if result.sheets else ()
        return Printed(result, records)

    def print_sheets(self, roster_id: int | None, out: Path | str, choice: PrintChoice, *,
                     xlsx: Path | str | None = None, summary: Path | str | None = None,
                     progress: Progress | None = None) -> Printed:
        """The PDF and, from the same sheets and versions, an Excel version and the 分村汇总表; each file
        written gets its print record (the CLI's `notice print`)."""
        roster = self._roster(roster_id)
        township = self.township()
        result = self._render("pdf", roster, township, out, choice, progress)
        if not result.sheets:
            return Printed(result)
        records = [self._record(roster, "pdf", out, result, choice)]
        if xlsx:
            versions = {s.village: s.version for s in result.sheets}
            xres = self._render("xlsx", roster, township, xlsx, choice, None, versions=versions)
            records.append(self._record(roster, "xlsx", xlsx, xres, choice))
        if summary:
            sres = self._summary(roster, township, summary, choice, (result.sheets, result.skipped))
            records.append(self._record(roster, "summary", summary, sres, choice))
        return Printed(result, tuple(records))

    def record_printed(self, roster_id: int | None, choice: PrintChoice, result: PrintResult,
                       printer: str) -> PrintRecord:
        """Record sheets sent to a printer (kind pdf, so a re-print of unchanged sheets keeps its version)."""
        roster = self._roster(roster_id)
        return self._record(roster, "pdf", f"打印机：{printer}", result, choice)

    def record_posting(self, print_id: int, *, posted_on: date, note: str = "") -> None:
        self.store.record_posting(print_id, posted_on=posted_on, note=note)

    def prints(self, *, roster_id: int | None = None, village: str | None = None) -> list[dict[str, Any]]:
        return self.store.prints(roster_id=roster_id, village=village)

    # -- the pieces ------------------------------------------------------------------------------
    def _versions(self, roster: Roster,
                  choice: PrintChoice) -> Callable[[list[VillageSheet]], dict[str, int]]:
        def versions(sheets: list[VillageSheet]) -> dict[str, int]:
            return self.store.versions_for(template=roster.template_id, year=choice.title_year, sheets=sheets,
                                           roster_id=roster.id, correction=choice.correction)
        return versions

    def _render(self, kind: str, roster: Roster, township: Township, out: Path | str, choice: PrintChoice,
                progress: Progress | None, *, versions: Mapping[str, int] | None = None) -> PrintResult:
        common: dict[str, Any] = dict(
            township=township, period_start=choice.period_start, period_end=choice.period_end,
            phone=choice.phone, villages=list(choice.villages) or None, landscape=choice.landscape,
            allow_short_period=choice.allow_short_period, year=choice.title_year,
            mask_names=True if choice.mask_names else None, progress=progress, calendar=self.calendar(),
            versions=versions if versions is not None else self._versions(roster, choice))
        if kind == "xlsx":
            from catalog.noticeboard.render_xlsx import render_xlsx
            return render_xlsx(roster, Path(out), **common)
        from catalog.noticeboard.render_pdf import render_pdf
        return render_pdf(roster, Path(out), large_print=choice.large_print, **common)

    def _sheets(self, roster: Roster,
                choice: PrintChoice) -> tuple[list[VillageSheet], dict[str, list[Issue]]]:
        """The sheets a print would hold now (with their versions), without writing anything."""
        from catalog.noticeboard.render_pdf import apply_versions
        from catalog.noticeboard.sheets import build_sheets
        from catalog.noticeboard.template import resolve_template
        sheet_set = build_sheets(roster, template=resolve_template(roster.template_id),
                                 villages=list(choice.villages) or None,
                                 mask_names=True if choice.mask_names else None)
        apply_versions(sheet_set.sheets, self._versions(roster, choice))
        return sheet_set.sheets, sheet_set.skipped

    def _summary(self, roster: Roster, township: Township, out: Path | str, choice: PrintChoice,
                 sheets: tuple[list[VillageSheet], dict[str, list[Issue]]]) -> PrintResult:
        """Write the 分村汇总表 (.xlsx or .pdf) of these sheets; a PrintResult for its print record."""
        from catalog.noticeboard.render_pdf import notice_options
        from catalog.noticeboard.sheets import SheetSet
        from catalog.noticeboard.summary import render_summary_pdf, summarize
        from catalog.noticeboard.template import resolve_template
        tpl = resolve_template(roster.template_id)
        opts = notice_options(township=township, period_start=choice.period_start,
                              period_end=choice.period_end, phone=choice.phone, template=tpl,
                              allow_short_period=choice.allow_short_period, year=choice.title_year,
                              calendar=self.calendar())
        printed, skipped = sheets
        result = PrintResult(None, 0, opts.period, list(printed), dict(skipped))
        if not printed:
            return result
        out = Path(out)
        kw: dict[str, Any] = dict(template=tpl, township=township.name, government=township.government,
                                  year=choice.title_year, issued_on=opts.period.start)
        summary = summarize(SheetSet(list(printed), dict(skipped)))
        if out.suffix.lower() == ".xlsx":
            from catalog.noticeboard.render_xlsx import render_summary_xlsx
            render_summary_xlsx(summary, out, **kw)
        else:
            result.pages = render_summary_pdf(summary, out, landscape=choice.landscape, **kw)
        result.path = out
        return result

    def _record(self, roster: Roster, kind: str, file: Path | str, result: PrintResult,
                choice: PrintChoice) -> PrintRecord:
        pid = self.store.record_print(roster_id=roster.id, kind=kind, template=roster.template_id,
                                      year=choice.title_year, file=str(file), result=result,
                                      options=choice.options())
        return PrintRecord(kind, str(file), pid)


def villages_of(states: Sequence[VillageState]) -> list[tuple[str, int, Sequence[Issue]]]:
    """(village, rows, blocking errors) triples, as the village chooser takes them."""
    return [(v.village, v.rows, v.errors) for v in states]
