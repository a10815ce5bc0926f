"""The 工作台账 of one workspace for CLI and GUI: import a received list, change statuses, the due report.

`TaskLedger(ws).report(today=…)` is what `tasks list`, the page and check rules W001–W003 show; it joins
the tasks with the ledger's statuses (`Ledger.due_report`, the same as `due`) and the catalog's items.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from catalog.errors import InputError
from catalog.progress import Progress
from catalog.progress import report as report_progress
from catalog.storage.catalog_store import CatalogStore
from catalog.storage.workspace import Workspace
from catalog.tasks.commands import AddEvidence, RemoveEvidence, SetTaskStatus
from catalog.tasks.due import DEFAULT_WITHIN, TaskReport, task_report
from catalog.tasks.model import Evidence, Task
from catalog.tasks.reader import ParsedList, read_task_list
from catalog.tasks.store import TaskStore
from catalog.timelimits.workdays import WorkCalendar
from catalog.township.commands import Command, History


@dataclass(frozen=True)
class Imported:
    list_id: int
    parsed: ParsedList

    def summary(self) -> str:
        p = self.parsed
        known = sum(1 for t in p.tasks if t.deadline)
        sections = len({t.section for t in p.tasks if t.section})
        return (f"已导入任务清单「{p.title}」（{p.year} 年，清单 {self.list_id}）：{len(p.tasks)} 项任务，"
                f"{sections} 个部分，{known} 项读出了完成时限")


@dataclass(frozen=True)
class TaskSnapshot:
    """What check rules W001–W003 need besides the catalog and the ledger snapshot (a few quick reads:
    the rules call due.task_report themselves, as Y001 calls the ledger's statuses)."""
    tasks: tuple[Task, ...]
    evidence: tuple[Evidence, ...]
    calendar: WorkCalendar


class TaskLedger:
    """Tasks of one open workspace (the caller owns and closes ws)."""

    def __init__(self, ws: Workspace, *, history: History | None = None):
        self.ws = ws
        self.store = TaskStore(ws)
        self.history = history or History(CatalogStore(ws))

    # -- import --------------------------------------------------------------------------------
    def import_file(self, path: Path | str, *, today: date | None = None, replace: bool = False,
                    progress: Progress | None = None) -> Imported:
        """Read and store a received list; the same file twice is refused unless replace (statuses reset)."""
        p = Path(path)
        township = self._township_name()
        parsed = read_task_list(p, township=township, today=today)
        report_progress(progress, 1, 2)
        digest = hashlib.sha256(p.read_bytes()).hexdigest()
        old = self.store.list_by_digest(digest)
        if old is not None:
            if not replace:
                raise InputError(f"这份清单已于 {old['imported_at'][:10]} 导入过（清单 {old['id']}）。"
                                 "如要重新导入（状态将清空），请加 --replace。", file=p.name)
            self.store.remove_list(int(old["id"]))
        list_id = self.store.add_list(parsed, digest=digest)
        if progress is not None:
            progress(2, 2)
        return Imported(list_id, parsed)

    def _township_name(self) -> str:
        t = CatalogStore(self.ws).township()
        return t.name if t is not None else ""

    # -- tasks ---------------------------------------------------------------------------------
    def tasks(self, *, list_id: int | None = None) -> list[Task]:
        return self.store.tasks(list_id=list_id)

    def get(self, task_id: int) -> Task:
        return self.store.get(task_id)

    def evidence(self, task_id: int | None = None) -> list[Evidence]:
        return self.store.evidence(None if task_id is None else [task_id])

    def do(self, cmd: Command) -> Command:
        """Apply a task command through the history (undo/redo like any catalog edit)."""
        return self.history.do(cmd)

    def set_status(self, task_id: int, status: str, *, note: str | None = None, on: date | None = None,
                   today: date | None = None) -> Task:
        self.do(SetTaskStatus(task_id, status, note=note, on=on, today=today))
        return self.store.get(task_id)

    def add_evidence(self, task_id: int, kind: str, *, ref: str = "", note: str = "") -> Evidence:
        cmd = AddEvidence(Evidence(task_id, kind, ref, note))
        self.do(cmd)
        return cmd.evidence

    def remove_evidence(self, evidence_id: int) -> None:
        self.do(RemoveEvidence(evidence_id))

    # -- the due report ------------------------------------------------------------------------
    def report(self, *, today: date | None = None, within: int = DEFAULT_WITHIN,
               list_id: int | None = None) -> TaskReport:
        """Every task's state with the coverage warnings of the catalog and the ledger."""
        from catalog.ledger import Ledger
        from catalog.ledger.due import OVERDUE, in_scope
        from catalog.ledger.store import LedgerStore
        from catalog.township.items import ADOPTED
        if within < 0:
            raise InputError("--within 应为 0 或正整数（工作日）")
        today = today or date.today()
        ledger = Ledger(self.ws)
        catalog = CatalogStore(self.ws)
        choices = catalog.domain_choices()
        items = [i for i in catalog.items() if i.status == ADOPTED and in_scope(i, choices)]
        in_use = LedgerStore(self.ws).in_use()
        stale: dict[str, tuple[str, str]] = {}
        used: list[str] | None = None
        if in_use:
            due = ledger.due_report(today=today, items=items)
            for d in due.items:
                if d.status == OVERDUE:
                    labels = [o.label for o in d.obligations if o.status == OVERDUE]
                    more = f" 等 {len(labels)} 项" if len(labels) > 3 else ""
                    stale[d.uid] = (d.title, "、".join(labels[:3]) + more)
            used = [c for e in ledger.entries() for c in e.channels]
        channels = {i.uid: list(i.text.channels or ()) for i in items}
        return task_report(self.store.tasks(list_id=list_id), self.store.evidence(),
                           calendar=ledger.calendar(), today=today, within=within, stale=stale,
                           catalog_channels=channels, used_channels=used)

    def export(self, out: Path | str, *, list_id: int | None = None, today: date | None = None,
               progress: Progress | None = None) -> Path:
        """The received list with 完成情况 filled in, and the year-end sheet (export.write_task_export)."""
        from catalog.tasks.export import write_task_export
        lid = list_id if list_id is not None else self.store.latest_list()
        if lid is None:
            raise InputError("还没有导入任务清单，请先导入（tasks import 清单文件）")
        layout = self.store.layout(lid)
        report = self.report(today=today, list_id=lid)
        return write_task_export(layout, report.tasks, out, progress=progress)

    def describe_evidence(self, evs: list[Evidence]) -> list[str]:
        """One line per piece of evidence, with the linked record's dates (已张贴 for a print)."""
        prints = self.store.print_records(int(e.ref) for e in evs if e.kind == "print" and e.ref.isdigit())
        entries = self.store.entry_dates(int(e.ref) for e in evs if e.kind == "entry" and e.ref.isdigit())
        catalog = CatalogStore(self.ws)
        out = []
        for e in evs:
            note = f"：{e.note}" if e.note else ""
            if e.kind == "note":
                out.append(f"说明{note}")
            elif e.kind == "item":
                item = catalog.item(e.ref)
                out.append(f"目录事项 {e.ref}「{item.title if item else '（已不在目录中）'}」{note}")
            elif e.kind == "entry":
                r = entries.get(int(e.ref)) if e.ref.isdigit() else None
                when = f"，{r['published']} 公开" if r and r["published"] else "，尚未公开"
                title = r["title"] if r else "（已删除）"
                out.append(f"公开记录 {e.ref}「{title}」{when if r else ''}{note}")
            else:
                r = prints.get(int(e.ref)) if e.ref.isdigit() else None
                posted = (f"，{r['posted_at']} 已张贴" if r["posted_at"] else "，未登记张贴日期") if r else ""
                out.append(f"公示打印 {e.ref}（{r['template'] if r else '已删除'}）{posted}{note}")
        return out


def load_task_snapshot(ws: Workspace) -> TaskSnapshot | None:
    """The inputs of check rules W001–W003; None while no task list was imported."""
    from catalog.ledger.store import LedgerStore
    store = TaskStore(ws)
    if not store.in_use():
        return None
    return TaskSnapshot(tuple(store.tasks()), tuple(store.evidence()),
                        WorkCalendar(holiday_table=LedgerStore(ws).holiday_table()))
