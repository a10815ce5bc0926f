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
from pathlib import Path
from typing import Any

from catalog.changes import NOTHING, Changes, Done
from catalog.guides.shipped import GuideSet
from catalog.guides.store import guides_in_force
from catalog.noticeboard.render_pdf import PrintResult
from catalog.noticeboard.service import NoticeBoard, PrintChoice, Printed, PrintRecord, RosterState
from catalog.progress import Progress
from catalog.storage.workspace import Workspace
from catalog.township.compile import CompilePlan
from catalog.township.profile import Township
from catalog.township.service import TownshipCatalog
from gui.context import AppContext
from gui.tasks import TaskHandle

Op = Callable[..., Done[Any]]

ROSTER = Changes(roster=True)
PRINTS = Changes(prints=True, ledger=True)      # a print record also makes a 公开台账 entry


def run_op(ctx: AppContext, op: Op, *, title: str, on_done: Callable[[Any], None] | None = None,
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
    result = import_guide_file(catalog_of(ws, shipped), file, domain=domain or None, source=source,
                               progress=progress)
    imported = tuple(ImportedGuide(g.no, g.domain, g.version, len(g.active_items),
                                   len(g.items) - len(g.active_items)) for g in result.imported)
    return Done(imported, Changes(guides=True, everything=True) if imported else NOTHING)


# --- 公示打印 (catalog/noticeboard/service.py) ------------------------------------------------------
def notice_import(path: Path, *, template: str | None, mapping: Mapping[str, Any] | None,
                  ws: Workspace, progress: Progress | None = None) -> Done[RosterState]:
    state = NoticeBoard(ws).import_roster(path, template=template, mapping=mapping, progress=progress)
    return Done(state, ROSTER)


def notice_load(roster_id: int | None, ws: Workspace,
                progress: Progress | None = None) -> Done[RosterState | None]:
    return Done(NoticeBoard(ws).latest(roster_id))


def notice_exclude(roster_id: int, nos: Iterable[int], reason: str, ws: Workspace,
                   progress: Progress | None = None) -> Done[RosterState]:
    return Done(NoticeBoard(ws).exclude(roster_id, list(nos), reason), ROSTER)


def notice_include(roster_id: int, nos: Iterable[int], ws: Workspace,
                   progress: Progress | None = None) -> Done[RosterState]:
    return Done(NoticeBoard(ws).include(roster_id, list(nos)), ROSTER)


def notice_preview(roster_id: int, out: Path, choice: PrintChoice, ws: Workspace,
                   progress: Progress | None = None) -> Done[PrintResult]:
    return Done(NoticeBoard(ws).preview(roster_id, out, choice, progress=progress))


def notice_save(roster_id: int, out: Path, choice: PrintChoice, *, kind: str, ws: Workspace,
                progress: Progress | None = None) -> Done[Printed]:
    printed = NoticeBoard(ws).save(roster_id, out, choice, kind=kind, progress=progress)
    return Done(printed, PRINTS if printed.records else NOTHING)


def notice_record_printed(roster_id: int, choice: PrintChoice, result: PrintResult, printer: str,
                          ws: Workspace, progress: Progress | None = None) -> Done[PrintRecord]:
    return Done(NoticeBoard(ws).record_printed(roster_id, choice, result, printer), PRINTS)


# --- 导出上报, 公开台账, 设置 ------------------------------------------------------------------------------
def export_catalog_file(shipped: GuideSet, *, kind: str, version: str | int, include_na: bool, out: Path,
                        ws: Workspace, progress: Progress | None = None) -> Done[Path]:
    """Write one export (xlsx, pdf or package) of the workspace; the file written."""
    from catalog.exchange.export import export_catalog
    written = export_catalog(catalog_of(ws, shipped), out, kind=kind, version=version, include_na=include_na,
                             progress=progress)
    return Done(written)
