"""`tasks` (工作台账): import a received 工作要点 list, track 状态, due dates and evidence, export."""
from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cli.context import db_path
from cli.ledger_cmd import day_arg
from cli.output import print_json, print_table


@contextmanager
def open_tasks(args: argparse.Namespace) -> Iterator:
    from catalog.storage import Workspace
    from catalog.tasks import TaskLedger
    ws = Workspace.open(db_path(args), create=False)
    try:
        yield TaskLedger(ws)
    finally:
        ws.close()


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("tasks", help="工作台账：导入上级下发的工作要点任务清单，跟踪完成情况和期限",
                       description="工作台账：导入县/市下发的工作要点分工（任务清单），登记每项任务的状态和佐证，"
                                   "按工作日计算到期、逾期，导出填好“完成情况”的清单。")
    tsub = p.add_subparsers(dest="tasks_command", metavar="ACTION")
    q = tsub.add_parser("import", help="导入任务清单（.xlsx/.xls）")
    q.add_argument("file")
    q.add_argument("--replace", action="store_true", help="同一文件再次导入时替换原清单（状态清空）")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=run_import)
    q = tsub.add_parser("list", help="列出任务：状态、完成时限、到期情况、佐证；以及目录覆盖提醒")
    q.add_argument("--list", dest="list_id", type=int, help="只看这份清单（默认全部）")
    q.add_argument("--open", action="store_true", help="只看未完成的任务（不含已完成、不涉及）")
    q.add_argument("--within", type=int, default=5, help="几个工作日内到期算“即将到期”（默认 5）")
    q.add_argument("--year-end", action="store_true", help="年终完成情况：完成日期、是否按期、佐证件数")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=run_list)
    q = tsub.add_parser("show", help="一项任务的详情和佐证")
    q.add_argument("task_id", type=int)
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=run_show)
    q = tsub.add_parser("set", help="设置任务状态：未开始、推进中、已完成、不涉及（不涉及须写原因）")
    q.add_argument("task_id", type=int)
    q.add_argument("--status", required=True, help="未开始、推进中、已完成、不涉及")
    q.add_argument("--note", help="进展说明；不涉及时为原因")
    q.add_argument("--on", type=day_arg, help="日期（已完成：完成日期），默认今天")
    q.set_defaults(handler=run_set)
    q = tsub.add_parser("link", help="为任务添加佐证：说明、目录事项、公开台账记录或公示打印记录")
    q.add_argument("task_id", type=int)
    g = q.add_mutually_exclusive_group(required=True)
    g.add_argument("--item", help="目录事项编号，如 17-001")
    g.add_argument("--entry", help="公开台账记录编号（ledger list）")
    g.add_argument("--print", dest="print_id", help="公示打印记录编号（notice prints）")
    g.add_argument("--text", help="只写一条说明（做了什么、材料在哪里）")
    g.add_argument("--remove", type=int, metavar="EVIDENCE_ID", help="删除一条佐证（tasks show 查看编号）")
    q.add_argument("--note", default="", help="附注")
    q.set_defaults(handler=run_link)
    q = tsub.add_parser("export", help="导出任务清单（与下发清单同样的格式，填好完成情况）和年终完成情况")
    q.add_argument("out", help="输出 .xlsx 文件")
    q.add_argument("--list", dest="list_id", type=int, help="导出哪份清单（默认最近导入的）")
    q.set_defaults(handler=run_export)


def run_import(args: argparse.Namespace) -> int:
    with open_tasks(args) as tl:
        imported = tl.import_file(args.file, replace=args.replace)
    p = imported.parsed
    if args.json:
        print_json({"list_id": imported.list_id, "file": p.file, "title": p.title, "year": p.year,
                    "tasks": len(p.tasks), "notes": p.notes})
        return 0
    print(imported.summary())
    for note in p.notes:
        print(f"提示：{note}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from catalog.tasks.due import OPEN_STATES, OVERDUE
    from catalog.tasks.export import year_end_rows
    with open_tasks(args) as tl:
        report = tl.report(within=args.within, list_id=args.list_id)
    tasks = [t for t in report.tasks if not args.open or t.state in OPEN_STATES]
    overdue = report.counts()[OVERDUE]
    if args.year_end:
        rows = year_end_rows(tasks)
        if args.json:
            print_json({"today": report.today.isoformat(), "tasks": rows})
        else:
            headers = ["编号", "任务", "完成时限", "状态", "完成日期", "按期", "说明", "事项", "公开", "打印"]
            keys = ("deadline", "state", "done_on", "on_time", "notes", "items", "entries", "prints")
            print_table(headers, [[r["id"], _short(r["requirement"] or r["title"]), *(r[k] for k in keys)]
                                  for r in rows])
        return 0
    if args.json:
        data = report.to_json()
        data["tasks"] = [t.to_dict() for t in tasks]
        print_json(data)
        return 1 if overdue else 0
    if report.warning:
        print(f"注意：{report.warning}\n")
    if not report.tasks:
        print("还没有导入任务清单（tasks import 清单文件）。")
    else:
        print_table(["编号", "序号", "任务", "责任单位", "完成时限", "状态", "到期", "佐证"],
                    [[t.task.id, t.task.code, _short(t.task.text), _short(t.task.unit, 12),
                      t.task.deadline_info.label, t.task.status, t.state_text, t.evidence_count or ""]
                     for t in tasks])
        counts = report.counts()
        print(f"\n共 {len(report.tasks)} 项：已逾期 {counts[OVERDUE]}，即将到期 {counts['due_soon']}，"
              f"期限不明 {counts['unknown']}，已完成 {counts['on_time'] + counts['late'] + counts['done']}，"
              f"不涉及 {counts['not_relevant']}")
    lines = report.coverage_lines()
    if lines:
        print("\n目录覆盖提醒：")
        for line in lines:
            print(f"  - {line}")
    return 1 if overdue else 0


def _short(text: str, n: int = 30) -> str:
    t = " ".join(text.split())
    return t if len(t) <= n else t[:n - 1] + "…"


def run_show(args: argparse.Namespace) -> int:
    with open_tasks(args) as tl:
        report = tl.report()
        td = report.by_id().get(args.task_id)
        task = tl.get(args.task_id)
        evs = tl.evidence(args.task_id)
        lines = tl.describe_evidence(evs)
    if args.json:
        data = td.to_dict() if td else task.to_dict()
        data["evidence_list"] = [dict(e.to_dict(), text=line) for e, line in zip(evs, lines, strict=True)]
        print_json(data)
        return 0
    print(f"任务 {task.id}（{task.code}，第 {task.row} 行）{task.section}")
    print(f"工作任务：{task.title}")
    if task.requirement:
        print(f"具体要求：{task.requirement}")
    print(f"责任单位：{task.unit or '（未写）'}")
    print(f"完成时限：{task.deadline_info.label}")
    state = f"（{td.state_text}）" if td else ""
    print(f"状态：{task.status}{state}" + (f"；{task.note}" if task.note else ""))
    for alert in td.alerts if td else ():
        print(f"提醒：{alert}")
    for e, line in zip(evs, lines, strict=True):
        print(f"  佐证 {e.id}：{line}")
    return 0


def run_set(args: argparse.Namespace) -> int:
    with open_tasks(args) as tl:
        task = tl.set_status(args.task_id, args.status, note=args.note, on=args.on)
    when = f"（{task.done_on.isoformat()}）" if task.done_on else ""
    print(f"任务 {task.id} 已标为{task.status}{when}" + (f"：{task.note}" if task.note else ""))
    return 0


def run_link(args: argparse.Namespace) -> int:
    with open_tasks(args) as tl:
        if args.remove is not None:
            tl.remove_evidence(args.remove)
            print(f"已删除佐证 {args.remove}")
            return 0
        if args.text is not None:
            ev = tl.add_evidence(args.task_id, "note", note=args.text)
        elif args.item:
            ev = tl.add_evidence(args.task_id, "item", ref=args.item, note=args.note)
        elif args.entry:
            ev = tl.add_evidence(args.task_id, "entry", ref=args.entry, note=args.note)
        else:
            ev = tl.add_evidence(args.task_id, "print", ref=args.print_id, note=args.note)
        line = tl.describe_evidence([ev])[0]
    print(f"已为任务 {args.task_id} 添加佐证 {ev.id}：{line}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    with open_tasks(args) as tl:
        out = tl.export(Path(args.out), list_id=args.list_id)
    print(f"已导出：{out}（第一页为下发清单格式并填好完成情况，第二页为年终完成情况）")
    return 0
