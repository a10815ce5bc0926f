"""`ledger` (公开台账: add, list, review, link, edit, remove, since) and `due` (what is late or due soon)."""
from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from catalog.errors import KnownError
from cli.context import db_path
from cli.output import print_json, print_table


def day_arg(text: str) -> date:
    """argparse type for YYYY-MM-DD (also 2026/1/5, 2026年1月5日)."""
    from catalog.timelimits.holidays import parse_date
    d = parse_date(text)
    if d is None:
        raise argparse.ArgumentTypeError(f"日期「{text}」格式不对，应为 YYYY-MM-DD（如 2026-11-22）")
    if not 1900 <= d.year <= 2200:   # 0001 or 9999 is a typo; deadlines counted from it overflow
        raise argparse.ArgumentTypeError(f"日期「{text}」超出范围（应在 1900–2200 年之间）")
    return d


@contextmanager
def open_ledger(args) -> Iterator:
    from catalog.ledger import Ledger
    from catalog.storage import Workspace
    ws = Workspace.open(db_path(args), create=False)
    try:
        yield Ledger(ws)
    finally:
        ws.close()


def _entry_flags(q: argparse.ArgumentParser, *, edit: bool = False) -> None:
    q.add_argument("--title", required=not edit, help="公开了什么，如“2026年第3季度低保审批名单”")
    q.add_argument("--formed", type=day_arg, help="信息形成或者变更之日（据此计算公开期限）")
    q.add_argument("--published", type=day_arg, help="公开之日（不填表示尚未公开：只登记形成日期作提醒）")
    q.add_argument("--channel", action="append", help="公开渠道，如 政府网站、村务公开栏（可重复）")
    q.add_argument("--where", help="公开位置：网址、某村公开栏，或张贴文件的路径")
    q.add_argument("--who", help="经办人")
    q.add_argument("--period",
                   help="定期公开事项：本次公开所属期间，如 2026年第3季度、2026年度（不填则按日期推断）")
    q.add_argument("--part", type=int, help="公开时限分几项时，本次适用第几项（默认取最严的一项）")
    q.add_argument("--note")
    if not edit:
        q.add_argument("--review-by", help="保密审查人")
        q.add_argument("--review-on", type=day_arg, help="保密审查日期（须不晚于公开日期；补登旧记录时必填）")
        q.add_argument("--review-result", help="保密审查结论：同意公开、删减后公开、不予公开")
        q.add_argument("--stat",
                       help="计入年报“主动公开”表的哪一行：规章、行政规范性文件、行政许可、行政处罚、"
                                      "行政强制、行政事业性收费（默认按事项名称推断，none 表示不计入）")
        q.add_argument("--stat-action", choices=("制发", "废止"), help="规章/行政规范性文件：制发或废止")
        q.add_argument("--count", type=int, default=1, help="本次公开的处理决定或文件件数（默认 1）")
        q.add_argument("--amount", help="行政事业性收费金额（万元）")
    q.add_argument("--json", action="store_true")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ledger", help="公开台账：登记每次实际公开（日期、渠道、位置、经办人、保密审查）",
                       description="公开台账：每个目录事项实际公开的记录。村务公开栏打印会自动登记。")
    lsub = p.add_subparsers(dest="ledger_command", metavar="ACTION")
    q = lsub.add_parser("add", help="登记一次公开（或只登记信息形成日期作为到期提醒）")
    q.add_argument("item", help="目录事项编号，如 17-001 或 L-001")
    _entry_flags(q)
    q.set_defaults(handler=run_add)
    q = lsub.add_parser("list", help="列出台账记录")
    q.add_argument("--item", help="只看这个事项")
    q.add_argument("--from", dest="start", type=day_arg, help="公开（未公开的按形成）日期不早于")
    q.add_argument("--to", dest="end", type=day_arg, help="公开（未公开的按形成）日期不晚于")
    q.add_argument("--unlinked", action="store_true", help="只看尚未对应目录事项的记录（如公开栏打印）")
    q.add_argument("--problems", action="store_true", help="只看有问题的记录（如未登记保密审查）")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=run_list)
    q = lsub.add_parser("review", help="登记保密审查（审查人、日期、结论）")
    q.add_argument("entry_id", type=int)
    q.add_argument("--by", required=True, help="审查人")
    q.add_argument("--on", type=day_arg, help="审查日期（默认今天）")
    q.add_argument("--result", required=True, help="同意公开、删减后公开、不予公开")
    q.set_defaults(handler=run_review)
    q = lsub.add_parser("link", help="把记录对应到目录事项（公开栏打印：以后同一模板自动对应）")
    q.add_argument("entry_id", type=int)
    q.add_argument("item")
    q.set_defaults(handler=run_link)
    q = lsub.add_parser("edit", help="修改记录，如补登公开日期")
    q.add_argument("entry_id", type=int)
    _entry_flags(q, edit=True)
    q.set_defaults(handler=run_edit)
    q = lsub.add_parser("remove", help="删除一条记录")
    q.add_argument("entry_id", type=int)
    q.set_defaults(handler=run_remove)
    q = lsub.add_parser("since", help="查看或设置开始建台账的日期（此前到期的定期公开不再提示）")
    q.add_argument("day", nargs="?", type=day_arg)
    q.add_argument("--clear", action="store_true", help="取消（回到默认：最近一年）")
    q.set_defaults(handler=run_since)
    p.set_defaults(handler=lambda a: (p.print_help(), 2)[1])

    d = sub.add_parser("due", help="公开期限：哪些事项已逾期未公开、即将到期、逾期公开或按时公开",
                       description="按公开时限（工作日按节假日安排计算）列出各事项的公开状态；"
                                   "有已逾期未公开的事项时退出码为 1。")
    d.add_argument("--json", action="store_true", help="输出 JSON（全部事项，键名稳定）")
    d.add_argument("--within", type=int, default=7, metavar="N", help="N 天内到期的算“即将到期”（默认 7）")
    d.add_argument("--today", type=day_arg, help="按此日期计算（默认今天）")
    d.add_argument("--since", type=day_arg,
                   help="只看此日期以后到期的定期公开（默认最近一年或 ledger since）")
    d.add_argument("--all", action="store_true", help="文字输出也列出按时、无记录的事项")
    d.set_defaults(handler=run_due)


def _stat(args) -> dict:
    if args.stat is None:
        return {}
    if args.stat.lower() in ("none", "无", "不计入"):
        return {"stat_row": None, "_no_guess": True}
    return {"stat_row": args.stat.strip()}


def run_add(args) -> int:
    from catalog.ledger.model import LedgerEntry, parse_amount
    with open_ledger(args) as ledger:
        stat = _stat(args)
        no_guess = stat.pop("_no_guess", False)
        entry = LedgerEntry(
            item_uid=args.item.strip(), title=args.title, formed=args.formed, published=args.published,
            channels=tuple(args.channel or ()), where=args.where or "", who=args.who or "",
            period=args.period,
            part=args.part, review_by=args.review_by or "",
            review_on=args.review_on or _review_day(args),
            review_result=args.review_result or "", stat_action=args.stat_action, stat_count=args.count,
            stat_amount=parse_amount(args.amount), note=args.note or "", **stat)
        entry = ledger.add_entry(entry, guess_stat=not no_guess)
        ob = ledger.obligation_of(entry)
    if args.json:
        print_json({"entry": entry.to_dict(), "obligation": ob.to_dict() if ob else None})
        return 0
    print(f"已登记台账记录 {entry.id}：{entry.item_uid} {entry.title}")
    if ob is not None:
        due = f"公开期限 {ob.due.isoformat()}，" if ob.due else ""
        period = f"（{ob.label}）" if ob.recurring else ""
        print(f"{due}状态：{ob.to_dict()['status_text']}{period}")
    for p in entry.problems():
        print(f"提醒：{p}")
    return 0


def _review_day(args) -> date | None:
    """--review-on defaults to today only when that is not after the publication (no made-up dates)."""
    if not args.review_result:
        return None
    if args.published is not None and args.published < date.today():
        raise KnownError("补登已公开的记录时，请用 --review-on 填写保密审查的实际日期")
    return date.today()


def run_list(args) -> int:
    with open_ledger(args) as ledger:
        rows = ledger.entries(item_uid=args.item, start=args.start, end=args.end, unlinked=args.unlinked)
    if args.problems:
        rows = [e for e in rows if e.problems()]
    if args.json:
        print_json([e.to_dict() for e in rows])
        return 0
    print_table(["编号", "事项", "标题", "形成", "公开", "渠道/位置", "保密审查", "提醒"],
                [[e.id, e.item_uid or "（未对应）", e.title, _d(e.formed), _d(e.published) or "未公开",
                  "、".join(e.channels) + (f" {e.where}" if e.where else ""),
                  f"{e.review_result}（{e.review_by}）" if e.review_result else "",
                  "；".join(e.problems())] for e in rows])
    return 0


def _d(d: date | None) -> str:
    return d.isoformat() if d else ""


def run_review(args) -> int:
    with open_ledger(args) as ledger:
        e = ledger.review(args.entry_id, by=args.by, on=args.on or date.today(), result=args.result)
    print(f"已登记记录 {e.id} 的保密审查：{e.review_result}（{e.review_by}，{e.review_on.isoformat()}）")
    for p in e.problems():
        print(f"提醒：{p}")
    return 0


def run_link(args) -> int:
    with open_ledger(args) as ledger:
        e = ledger.link(args.entry_id, args.item.strip())
    print(f"记录 {e.id} 已对应到事项 {e.item_uid}。")
    return 0


def run_edit(args) -> int:
    fields = ("title", "formed", "published", "where", "who", "period", "part", "note")
    changes = {k: getattr(args, k) for k in fields if getattr(args, k) is not None}
    if args.channel:
        changes["channels"] = tuple(args.channel)
    if not changes:
        raise KnownError("没有要修改的内容（如 --published 2026-11-20）")
    with open_ledger(args) as ledger:
        e = ledger.update_entry(args.entry_id, **changes)
    if args.json:
        print_json(e.to_dict())
    else:
        print(f"已修改记录 {e.id}：{e.title}")
    return 0


def run_remove(args) -> int:
    with open_ledger(args) as ledger:
        e = ledger.remove_entry(args.entry_id)
    print(f"已删除记录 {e.id}：{e.title}")
    return 0


def run_since(args) -> int:
    with open_ledger(args) as ledger:
        if args.clear:
            ledger.store.set_since(None)
        elif args.day:
            ledger.store.set_since(args.day)
        since = ledger.store.since()
    print(f"台账开始日期：{since.isoformat()}" if since
          else "未设置台账开始日期（提示最近一年内到期的定期公开）")
    return 0


_ORDER = ("overdue", "due_soon", "late", "pending", "on_time", "done", "no_record", "no_deadline")
_SHOWN = {"overdue", "due_soon", "late", "pending"}


def run_due(args) -> int:
    from catalog.ledger.due import STATUS_LABELS
    if args.within < 0:
        raise KnownError("--within 应为 0 或正整数（天）")
    with open_ledger(args) as ledger:
        report = ledger.due_report(today=args.today, within=args.within, since=args.since)
    counts = report.counts()
    if args.json:
        print_json(report.to_json())
        return 1 if counts["overdue"] else 0
    if report.warning:
        print(f"注意：{report.warning}\n")
    rank = {s: i for i, s in enumerate(_ORDER)}
    items = sorted(report.items, key=lambda i: (rank[i.status], i.next_due or date.max,
                                                i.domain_no, i.uid))
    shown = [i for i in items if args.all or i.status in _SHOWN]
    if shown:
        print_table(["状态", "事项", "名称", "期限", "说明"],
                    [[i.status_text, i.uid, i.title, _d(_deadline(i)), _explain(i)] for i in shown])
        print()
    print(f"共 {len(report.items)} 个事项（{report.today.isoformat()}）：" +
          "，".join(f"{STATUS_LABELS[s]} {counts[s]}" for s in _ORDER if counts[s]))
    if report.unlinked:
        print(f"另有 {report.unlinked} 条台账记录尚未对应目录事项（ledger list --unlinked，ledger link）。")
    return 1 if counts["overdue"] else 0


def _deadline(i):
    urgent = [o for o in i.obligations if o.status == i.status and o.due]
    return min((o.due for o in urgent), default=i.next_due)


def _explain(i) -> str:
    urgent = [o for o in i.obligations if o.status == i.status]
    if not urgent:
        return i.limit_text
    labels = "、".join(o.label for o in urgent[:3]) + (f" 等 {len(urgent)} 项" if len(urgent) > 3 else "")
    return labels
