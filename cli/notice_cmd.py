"""`notice`: import subsidy rosters, print per-village 公示 (PDF/xlsx) and 分村汇总表, exclusions, records."""
from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from catalog.errors import KnownError
from catalog.noticeboard.cells import format_amount
from catalog.noticeboard.service import NoticeBoard, NoVillages, PrintChoice
from cli.context import db_path
from cli.output import print_json, print_table


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("notice", help="村务公开栏：导入补贴名册，按村打印公示（身份证号等已脱敏）",
                       description="导入补贴/救助名册并检查，按村打印公示表（PDF/Excel）和分村汇总表。")
    nsub = p.add_subparsers(dest="notice_command", metavar="ACTION")

    q = nsub.add_parser("import", help="导入名册（xlsx/xls/csv）并显示检查结果；有错误时退出码为 1")
    q.add_argument("roster", help="名册文件")
    q.add_argument("--template", default=None, help="公示模板（默认 huimin_butie；见 notice templates）")
    q.add_argument("--map", action="append", default=[], metavar="字段=表头",
                   help="手动指定列对应关系，如 --map 金额=实发数 或 --map 身份证号=证件号；可重复")
    q.add_argument("--sheet", help="只导入这个工作表")
    q.add_argument("--json", action="store_true", help="输出 JSON（UTF-8）")
    q.set_defaults(handler=run_import)

    q = nsub.add_parser("print", help="打印公示表（PDF），有错误的村跳过并列出（退出码 1）")
    q.add_argument("out", help="输出 PDF 文件")
    q.add_argument("--village", action="append", help="只打印这个村（可重复）")
    q.add_argument("--xlsx", metavar="OUT.xlsx", help="同时输出 Excel 版（含分村汇总表）")
    q.add_argument("--summary", metavar="OUT", help="同时输出分村汇总表（.pdf 或 .xlsx）")
    q.add_argument("--roster", type=int, help="名册编号（默认最近导入的）")
    q.add_argument("--start", type=_date, help="公示开始日期 YYYY-MM-DD（默认今天）")
    q.add_argument("--end", type=_date,
                   help="公示结束日期（默认按模板：惠民惠农 7 天，社会救助 7 个工作日，含首尾；可以更长）")
    q.add_argument("--allow-short-period", action="store_true", help="允许公示期短于模板规定（须有依据）")
    q.add_argument("--phone", help="监督举报电话（默认取乡镇信息）")
    q.add_argument("--year", type=int, help="标题中的年度（默认公示开始的年份）")
    q.add_argument("--landscape", action="store_true", help="A4 横向")
    q.add_argument("--large-print", action="store_true", help="大字版（张贴用）")
    q.add_argument("--mask-names", action="store_true", help="姓名也脱敏（张*三）")
    q.add_argument("--correction", action="store_true",
                   help="更正后重新公示：接着此前打印的版本编号（默认只有同一名册文件再次打印才算新版本）")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=run_print)

    q = nsub.add_parser("exclude", help="把名册中的行排除出公示（须写原因），例如重复或已核实不应发放的")
    q.add_argument("rows", nargs="+", type=int, help="表格中的行号（与检查结果中的“第 N 行”一致）")
    q.add_argument("--reason", required=True)
    q.add_argument("--roster", type=int)
    q.add_argument("--sheet", help="行号所在的工作表（名册有多个工作表时）")
    q.set_defaults(handler=run_exclude)

    q = nsub.add_parser("rosters", help="列出已导入的名册")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=run_rosters)

    q = nsub.add_parser("prints", help="打印记录（打印了什么、哪些村、第几版、公示期）")
    q.add_argument("--village")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=run_prints)

    q = nsub.add_parser("posted", help="登记某次打印的公示已张贴")
    q.add_argument("print_id", type=int)
    q.add_argument("--on", type=_date, help="张贴日期（默认今天）")
    q.add_argument("--note", default="")
    q.set_defaults(handler=run_posted)

    q = nsub.add_parser("templates", help="列出公示模板")
    q.set_defaults(handler=run_templates)
    p.set_defaults(handler=lambda a: (p.print_help(), 2)[1])


def _date(text: str) -> date:
    try:
        d = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期「{text}」格式不对，应为 YYYY-MM-DD") from None
    if not 1900 <= d.year <= 2200:
        raise argparse.ArgumentTypeError(f"日期「{text}」超出范围（应在 1900–2200 年之间）")
    return d


NO_VILLAGES = "工作区还没有乡镇信息或村（社区）名单，请先用 init 命令填写（--villages 名单文件）"


@contextmanager
def _board(args: argparse.Namespace) -> Iterator[NoticeBoard]:
    """The workspace's NoticeBoard (catalog/noticeboard/service.py), closed after the command."""
    from catalog.storage import Workspace
    with Workspace.open(db_path(args), create=False) as ws:
        board = NoticeBoard(ws)
        try:
            board.township()
        except NoVillages:
            raise KnownError(NO_VILLAGES) from None
        yield board


def _parse_map(items: list[str]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for item in items:
        if "=" not in item:
            raise KnownError(f"--map 的写法应为 字段=表头，如 金额=实发数（收到「{item}」）")
        k, v = item.split("=", 1)
        out[k.strip()] = v.strip() or None
    return out


def run_import(args: argparse.Namespace) -> int:
    with _board(args) as board:
        roster = board.import_roster(Path(args.roster), template=args.template, mapping=_parse_map(args.map),
                                     sheet=args.sheet).roster
    report = roster.report()
    if args.json:
        print_json(report)
        return 1 if roster.errors else 0
    print(f"已导入名册 {roster.file}（编号 {roster.id}）：{report['rows']} 行，"
          f"错误 {report['errors']} 处，提醒 {report['warnings']} 处。")
    from catalog.noticeboard.fields import LABELS
    print("列对应：" + "，".join(f"{LABELS.get(k, k)}←「{v}」" for k, v in roster.mapping.items()))
    for note in roster.notes:
        print("说明：" + note)
    if report["villages"]:
        print()
        rows = [[v["village"], v["rows"],
                 f"有 {v['errors']} 处错误，暂不能打印" if v["blocked"] else "可以打印"]
                for v in report["villages"]]
        print_table(["村（社区）", "行数", "状态"], rows)
    if roster.issues:
        print()
        limit = 200
        for issue in roster.issues[:limit]:
            print(("错误：" if issue.is_error else "提醒：") + issue.message)
        if len(roster.issues) > limit:
            print(f"……另有 {len(roster.issues) - limit} 条（用 --json 查看全部）")
    if roster.errors:
        print("\n有错误的村在改正或排除相应行之前不能打印（notice exclude 行号 --reason 原因）。")
    return 1 if roster.errors else 0


def run_print(args: argparse.Namespace) -> int:
    choice = PrintChoice(period_start=args.start or date.today(), period_end=args.end,
                         villages=tuple(args.village or ()), phone=args.phone, year=args.year,
                         allow_short_period=args.allow_short_period, landscape=args.landscape,
                         large_print=args.large_print, mask_names=args.mask_names,
                         correction=args.correction)
    with _board(args) as board:
        printed = board.print_sheets(args.roster, args.out, choice, xlsx=args.xlsx, summary=args.summary)
    result, records = printed.result, printed.records
    if args.json:
        print_json(_print_json(args, result, records))
    else:
        _print_text(args, result, records)
    return 1 if result.skipped or result.unplaced else 0


def _print_json(args, result, records) -> dict:
    return {"file": str(args.out) if result.path else None, "pages": result.pages,
            "period": {"start": result.period.start.isoformat(), "end": result.period.end.isoformat()},
            "printed": [{"village": s.village, "version": s.version, "rows": len(s.rows),
                         "amount": str(s.amount)} for s in result.sheets],
            "skipped": [{"village": v, "errors": [i.message for i in errs]}
                        for v, errs in result.skipped.items()],
            "unplaced": [i.message for i in result.unplaced],
            "missing_glyphs": result.missing_glyphs,
            "records": [{"kind": r.kind, "file": r.file, "print_id": r.print_id} for r in records]}


def _print_text(args, result, records) -> None:
    if result.sheets:
        print(f"已生成 {args.out}：{len(result.sheets)} 个村，共 {result.pages} 页，公示期 "
              f"{result.period.text()}。")
        for s in result.sheets:
            again = f"（第 {s.version} 版）" if s.version > 1 else ""
            print(f"  {s.village}：{len(s.rows)} 行，合计 {format_amount(s.amount)} 元{again}")
        for r in records[1:]:
            print(f"已生成 {r.file}（{'Excel 公示表' if r.kind == 'xlsx' else '分村汇总表'}）")
    else:
        print("没有可以打印的村，未生成文件。")
    for v, errs in result.skipped.items():
        print(f"跳过 {v}：有 {len(errs)} 处错误未处理，例如：{errs[0].message}")
    if result.unplaced:
        print(f"另有 {len(result.unplaced)} 行的村名无法识别，未打印到任何村，例如："
              f"{result.unplaced[0].message}")
    for v, chars in result.missing_glyphs.items():
        print(f"提醒：{v} 的名单中有字体缺少的字「{chars}」，打印为 □，请在张贴前手写补上。")


def run_exclude(args: argparse.Namespace) -> int:
    with _board(args) as board:
        roster = board.exclude_lines(args.roster, args.rows, args.reason, sheet=args.sheet).roster
    print(f"已排除 {len(args.rows)} 行（原因：{args.reason}）。剩余错误 {len(roster.errors)} 处。")
    blocked = roster.blocked()
    if blocked:
        print("仍不能打印的村：" + "、".join(f"{v}（{len(e)} 处）" for v, e in blocked.items()))
    return 0


def run_rosters(args: argparse.Namespace) -> int:
    with _board(args) as board:
        rows = board.rosters()
    if args.json:
        print_json(rows)
    else:
        print_table(["编号", "文件", "模板", "行数", "金额", "错误", "提醒", "导入时间"],
                    [[r["id"], r["file"], r["template"], r["rows"], r["amount"], r["errors"], r["warnings"],
                      r["imported_at"]] for r in rows])
    return 0


def run_prints(args: argparse.Namespace) -> int:
    with _board(args) as board:
        rows = board.prints(village=args.village)
    if args.json:
        print_json(rows)
        return 0
    print_table(["编号", "类型", "名册", "村（版本）", "公示期", "页数", "打印时间", "张贴"],
                [[r["id"], r["kind"], r["roster_id"],
                  "、".join(f"{s['village']}(v{s['version']})" for s in r["sheets"]),
                  f"{r['period_start']}～{r['period_end']}", r["pages"], r["printed_at"],
                  r["posted_at"] or ""]
                 for r in rows])
    return 0


def run_posted(args: argparse.Namespace) -> int:
    with _board(args) as board:
        board.record_posting(args.print_id, posted_on=args.on or date.today(), note=args.note)
    print(f"已登记打印记录 {args.print_id} 的公示已张贴。")
    return 0


def run_templates(args: argparse.Namespace) -> int:
    from catalog.noticeboard.template import list_templates
    print_table(["编号", "名称", "脱敏（身份证号前/后位）", "姓名脱敏"],
                [[t.id, t.name, f"{t.masking.id_head}/{t.masking.id_tail}",
                  "是" if t.masking.mask_names else "否"] for t in list_templates()])
    return 0
