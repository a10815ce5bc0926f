"""The one GUI write route (after Anki's CollectionOp/OpChanges).

An op is a plain function `op(..., ws=, progress=None) -> Done(value, changes)` over a Workspace. `run_op`
runs it on the TaskRunner's worker with the runner's own connection, then, on the GUI thread, hands
`changes` to `session.apply` (which emits the one `session.changed(Changes)`) and `value` to on_done.
Results are values made on the worker for the GUI (never objects both threads use).

    run_op(ctx, partial(notice_exclude, roster_id, nos, reason), title="排除行", parent=self,
           on_done=self.show_roster)

The ops of every page live here, each a thin call of its domain service.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from catalog.changes import NOTHING, Changes, Done
from catalog.guides.shipped import GuideSet
from catalog.guides.store import guides_in_force
from catalog.progress import Progress
from catalog.storage.workspace import Workspace
from catalog.township.service import TownshipCatalog

if TYPE_CHECKING:       # the services load with their first op (start-up stays light)
    from catalog.county.overview import Overview
    from catalog.county.workspace import ImportReport
    from catalog.guides.package import PackageImport
    from catalog.ledger import DueReport, LedgerEntry
    from catalog.noticeboard.render_pdf import PrintResult
    from catalog.noticeboard.service import (
        BoardView,
        NoticeBoard,
        PrintChoice,
        Printed,
        PrintRecord,
        RosterState,
    )
    from catalog.township.compile import CompilePlan
    from catalog.township.profile import Township
    from gui.context import AppContext
    from gui.tasks import TaskHandle

Op = Callable[..., Done[Any]]

ROSTER = Changes(roster=True)
PRINTS = Changes(prints=True, ledger=True)      # a print record also makes a 公开台账 entry


def run_op(ctx: AppContext, op: Op, *, title: str, on_done: Callable[[Any], object] | None = None,
           **kw: Any) -> TaskHandle:
    """Run op on the worker (see the module docstring); kw as for TaskRunner.run (label, parent,
    on_error, on_cancelled, modal, with_progress)."""
    session = ctx.session
    assert session is not None and session.is_open, "ops need an open workspace"

    def done(result: Done[Any]) -> None:
        if result.changes:
            session.apply(result.changes)
        if on_done is not None:
            on_done(result.value)
    return ctx.runner.run_op(session.path, op, title=title, on_done=done, **kw)


def catalog_of(ws: Workspace, shipped: GuideSet) -> TownshipCatalog:
    """The township catalog service over the worker's connection (guides in force read fresh)."""
    return TownshipCatalog(ws, guides_in_force(ws, shipped))


# --- township: the wizard, publishing, guide import ----------------------------------------------
def setup_township(shipped: GuideSet, profile: Township, choices: Mapping[int, tuple[bool, str]],
                   ws: Workspace, progress: Progress | None = None) -> Done[CompilePlan]:
    """The wizard's 编制目录 (TownshipCatalog.setup)."""
    plan = catalog_of(ws, shipped).setup(profile, choices)
    return Done(plan, Changes(structural=True, domain_state=True, everything=True, profile=True))


def publish_version(shipped: GuideSet, note: str, ws: Workspace,
                    progress: Progress | None = None) -> Done[int]:
    """发布版本: the next numbered snapshot of the catalog."""
    return Done(catalog_of(ws, shipped).publish(note), Changes(versions=True))


@dataclass(frozen=True)
class ImportedGuide:
    no: int
    domain: str
    version: int
    items: int
    withdrawn: int

    def describe(self) -> str:
        text = f"「{self.domain}」第 {self.version} 版：{self.items} 项"
        return text + (f"（{self.withdrawn} 项在新表中已删除，保留为已撤销）" if self.withdrawn else "")


def import_guide(shipped: GuideSet, file: Path, *, domain: str = "", source: str = "",
                 ws: Workspace, progress: Progress | None = None) -> Done[tuple[ImportedGuide, ...]]:
    """导入正式表格: new guide versions. A refused table raises catalog.stdtable.model.TableRefused,
    which carries every cell problem (sheet, row, column) as data."""
    from catalog.guides.importer import import_guide_file
    from catalog.guides.package import import_guide_package, sniff_guide_package
    if sniff_guide_package(file):          # a county's .gkmlg: every domain it carries, verified
        guides = import_guide_package(catalog_of(ws, shipped), file)[1]
    else:
        guides = import_guide_file(catalog_of(ws, shipped), file, domain=domain or None, source=source,
                                   progress=progress).imported
    imported = tuple(ImportedGuide(g.no, g.domain, g.version, len(g.active_items),
                                   len(g.items) - len(g.active_items)) for g in guides)
    return Done(imported, Changes(guides=True, everything=True) if imported else NOTHING)


def import_guide_pack(shipped: GuideSet, file: Path, ws: Workspace,
                      progress: Progress | None = None) -> Done[PackageImport]:
    """The wizard's 从县里下发的指引包开始: the package's domains become the guides in force."""
    from catalog.guides.package import PackageImport, import_guide_package
    pkg, imported, unchanged = import_guide_package(catalog_of(ws, shipped), file)
    value = PackageImport(pkg.county, pkg.issued, pkg.file, tuple(g.domain for g in imported),
                          tuple(g.domain for g in unchanged))
    return Done(value, Changes(guides=True, everything=True) if imported else NOTHING)


# --- 公示打印 (catalog/noticeboard/service.py) ------------------------------------------------------
def _board(ws: Workspace) -> NoticeBoard:
    from catalog.noticeboard.service import NoticeBoard
    return NoticeBoard(ws)


def notice_import(path: Path, *, template: str | None, mapping: Mapping[str, Any] | None,
                  ws: Workspace, progress: Progress | None = None) -> Done[BoardView]:
    board = _board(ws)
    state = board.import_roster(path, template=template, mapping=mapping, progress=progress)
    return Done(board.view(state), ROSTER)


def notice_load(roster_id: int | None, ws: Workspace,
                progress: Progress | None = None) -> Done[BoardView]:
    board = _board(ws)
    return Done(board.view(board.latest(roster_id)))


def notice_exclude(roster_id: int, nos: Iterable[int], reason: str, ws: Workspace,
                   progress: Progress | None = None) -> Done[RosterState]:
    return Done(_board(ws).exclude(roster_id, list(nos), reason), ROSTER)


def notice_include(roster_id: int, nos: Iterable[int], ws: Workspace,
                   progress: Progress | None = None) -> Done[RosterState]:
    return Done(_board(ws).include(roster_id, list(nos)), ROSTER)


def notice_preview(roster_id: int, out: Path, choice: PrintChoice, ws: Workspace,
                   progress: Progress | None = None) -> Done[PrintResult]:
    return Done(_board(ws).preview(roster_id, out, choice, progress=progress))


def notice_save(roster_id: int, out: Path, choice: PrintChoice, *, kind: str, ws: Workspace,
                progress: Progress | None = None) -> Done[Printed]:
    printed = _board(ws).save(roster_id, out, choice, kind=kind, progress=progress)
    return Done(printed, PRINTS if printed.records else NOTHING)


def notice_record_printed(roster_id: int, choice: PrintChoice, result: PrintResult, printer: str,
                          ws: Workspace, progress: Progress | None = None) -> Done[PrintRecord]:
    return Done(_board(ws).record_printed(roster_id, choice, result, printer), PRINTS)


# --- 导出上报, 公开台账, 设置 ------------------------------------------------------------------------------
def export_catalog_file(shipped: GuideSet, *, kind: str, version: str | int, include_na: bool, out: Path,
                        paper: str | None = None, ws: Workspace,
                        progress: Progress | None = None) -> Done[Path]:
    """Write one export (xlsx, pdf or package) of the workspace; the file written."""
    from catalog.exchange.export import export_catalog
    extra: dict[str, Any] = {} if paper is None else {"paper": paper}
    written = export_catalog(catalog_of(ws, shipped), out, kind=kind, version=version, include_na=include_na,
                             progress=progress, **extra)
    return Done(written)


@dataclass(frozen=True)
class LedgerView:
    """Everything the 公开台账 page shows, read in one go."""
    report: DueReport
    entries: tuple[LedgerEntry, ...]
    requests: tuple[dict[str, Any], ...]          # Register.listing rows (applicants masked)


def ledger_view(*, today: date, within: int, ws: Workspace,
                progress: Progress | None = None) -> Done[LedgerView]:
    """Statuses via Ledger.due_report (as `main.py due`), all entries, the 依申请公开 register."""
    from catalog.ledger import Ledger, Register
    ledger = Ledger(ws)
    report = ledger.due_report(today=today, within=within)
    requests = Register(ws).listing(today=today, within=within)
    return Done(LedgerView(report, tuple(ledger.entries()), tuple(requests)))


def ledger_add_entry(entry: LedgerEntry, ws: Workspace,
                     progress: Progress | None = None) -> Done[LedgerEntry]:
    """Validate and store one disclosure (InputError names the field)."""
    from catalog.ledger import Ledger
    return Done(Ledger(ws).add_entry(entry), Changes(ledger=True))


def ledger_link_entry(entry_id: int, item_uid: str, ws: Workspace,
                      progress: Progress | None = None) -> Done[LedgerEntry]:
    """Tie a 公开台账 entry (e.g. a printed notice recorded as 未对应) to a catalog item; later prints of
    the same notice template follow it."""
    from catalog.ledger import Ledger
    return Done(Ledger(ws).link(entry_id, item_uid), Changes(ledger=True))


@dataclass(frozen=True)
class HolidayYears:
    years: tuple[dict[str, Any], ...]   # Ledger.holiday_years rows: year, source, weekday_holidays, …
    warning: str | None                 # the estimate/weekends fallback warning for the years shown
    imported: str = ""                  # summary of a file just imported


def holiday_years(*, today: date, imported: str = "", ws: Workspace,
                  progress: Progress | None = None) -> Done[HolidayYears]:
    """Last year to two years ahead, plus every year the stored table covers."""
    from catalog.ledger import Ledger
    from catalog.timelimits.workdays import FALLBACK_SOURCES, fallback_warning
    ledger = Ledger(ws)
    table = ledger.holiday_table()
    years = sorted(set(range(today.year - 1, today.year + 3)) | set(table.years if table else ()))
    info = ledger.holiday_years(years)
    fallback = [i["year"] for i in info if i["source"] in FALLBACK_SOURCES and i["year"] >= today.year]
    return Done(HolidayYears(tuple(info), fallback_warning(fallback), imported))


def import_holidays(path: Path, *, today: date, ws: Workspace,
                    progress: Progress | None = None) -> Done[HolidayYears]:
    """Store a holiday file (CSV 日期,类型[,名称] or JSON); each year it covers replaces that year."""
    from catalog.ledger import Ledger
    table = Ledger(ws).import_holidays(path)
    shown = holiday_years(today=today, imported=f"已导入 {path.name}：{table.summary()}", ws=ws).value
    return Done(shown, Changes(holidays=True))


# --- 县级汇总: its own county file, not the session's workspace — plain tasks (TaskRunner.run) -----------
@dataclass(frozen=True)
class CountyImported:
    report: ImportReport
    overview: Overview


def county_overview(path: Path, guides: GuideSet) -> Overview:
    """The current catalog of every township (one row each, one cell per domain)."""
    from catalog.county.workspace import CountyWorkspace
    with CountyWorkspace.open(path, guides) as cw:
        return cw.overview()


def county_import(path: Path, guides: GuideSet, sources: list[Path], *, recursive: bool = False,
                  progress: Progress | None = None) -> CountyImported:
    """Import a folder (one path that is a folder) or these files; all or nothing when cancelled."""
    from catalog.county.workspace import CountyWorkspace
    with CountyWorkspace.open(path, guides) as cw:
        if len(sources) == 1 and sources[0].is_dir():
            report = cw.import_folder(sources[0], recursive=recursive, progress=progress)
        else:
            files: list[Path] = []
            for p in sources:
                files.extend(sorted(x for x in p.iterdir() if x.is_file()) if p.is_dir() else [p])
            report = cw.import_files(files, folder=str(sources[0].parent), progress=progress)
        return CountyImported(report, cw.overview())


def county_history(path: Path, guides: GuideSet, key: str) -> list[dict[str, Any]]:
    """Every file imported for one township, newest first."""
    from catalog.county.workspace import CountyWorkspace
    with CountyWorkspace.open(path, guides) as cw:
        return cw.history(key)


def county_summary(path: Path, guides: GuideSet, out: Path, progress: Progress | None = None) -> Path:
    """The county summary workbook."""
    from catalog.county.workspace import CountyWorkspace
    with CountyWorkspace.open(path, guides) as cw:
        return cw.write_summary(out, progress=progress)
