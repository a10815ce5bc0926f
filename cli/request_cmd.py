"""`request`: the 依申请公开 register (登记、审核、办理、答复、归档), reply deadlines, 复议/诉讼; names
always masked."""
from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from cli.context import db_path
from cli.ledger_cmd import day_arg
from cli.output import print_json, print_table


@contextmanager
def open_register(args) -> Iterator:
    from catalog.ledger import Register
    from catalog.storage import Workspace
    ws = Workspace.open(db_path(args), create=False)
    try:
        yield Register(ws)
    finally:
        ws.close()


def _on(q: argparse.ArgumentParser, what: str) -> None:
    q.add_argument("--on", type=day_arg, help=f"{what}日期（默认今天）")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("request", help="依申请公开登记簿：登记、审核、办理、答复、归档，自动计算答复期限",
                       description="答复期限：收到申请（或补正）之日起 20 个工作日，经批准可延长不超过 20 "
                                   "个工作日，征求第三方意见的时间不计算在内（《政府信息公开条例》第三十条、"
                                   "第三十三条）。")
    rsub = p.add_subparsers(dest="request_command", metavar="ACTION")
    q = rsub.add_parser("add", help="登记一件申请")
    q.add_argument("--received", type=day_arg, help="收到申请日期（默认今天；邮寄以签收日为准）")
    q.add_argument("--channel", required=True, help="当面、网络、信函、传真")
    q.add_argument("--category", required=True,
                   help="自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他")
    q.add_argument("--name", required=True, help="申请人姓名或名称（只保存在工作区，输出时脱敏）")
    q.add_argument("--content", required=True, help="申请公开的内容")
    q.add_argument("--contact", default="", help="联系电话（输出时脱敏）")
    q.add_argument("--no", default="", help="登记编号（默认按年自动编号，如 2026-001）")
    q.add_argument("--note", default="")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=run_add)
    q = rsub.add_parser("list", help="登记簿（申请人已脱敏），含答复期限和状态")
    q.add_argument("--year", type=int, help="只看这一年收到、办结或结转的")
    q.add_argument("--open", action="store_true", help="只看尚未答复的")
    q.add_argument("--within", type=int, default=5, help="N 天内到期的算“即将到期”（默认 5）")
    q.add_argument("--today", type=day_arg)
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=run_list)
    q = rsub.add_parser("show", help="一件申请的全部记录和期限（申请人已脱敏）")
    q.add_argument("ref", help="编号或登记编号")
    q.add_argument("--today", type=day_arg)
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=run_show)
    for name, helptext, what in (("review", "审核完成（申请内容明确、要件齐全）", "审核"),
                                 ("process", "开始办理", "办理"), ("archive", "归档（须已答复）", "归档")):
        q = rsub.add_parser(name, help=helptext)
        q.add_argument("ref")
        _on(q, what)
        q.set_defaults(handler=run_step, step=name)
    q = rsub.add_parser("correction",
                        help="补正：登记发出补正告知（--sent）或收到补正（--received，重新计算期限）")
    q.add_argument("ref")
    q.add_argument("--sent", type=day_arg)
    q.add_argument("--received", type=day_arg)
    q.set_defaults(handler=run_correction)
    q = rsub.add_parser("extend", help="延期答复（须在期限届满前经负责人同意，最长 20 个工作日）")
    q.add_argument("ref")
    q.add_argument("--days", type=int, required=True)
    q.add_argument("--approved", type=day_arg, help="批准日期（默认今天）")
    q.add_argument("--by", default="", help="批准人")
    q.set_defaults(handler=run_extend)
    q = rsub.add_parser("consult", help="征求第三方意见：--start 开始（暂停计时），--end 收到意见")
    q.add_argument("ref")
    q.add_argument("--start", type=day_arg)
    q.add_argument("--end", type=day_arg)
    q.add_argument("--party", default="", help="征求谁的意见")
    q.set_defaults(handler=run_consult)
    q = rsub.add_parser("reply", help="答复：类型与年度报告“办理结果”各行一一对应（见 request types）")
    q.add_argument("ref")
    q.add_argument("--type", required=True, dest="reply_type",
                   help="编号（如 1、3.4）或文字（如 予以公开、重复申请）")
    _on(q, "答复")
    q.add_argument("--note", default="")
    q.set_defaults(handler=run_reply)
    q = rsub.add_parser("types", help="列出答复类型（年度报告办理结果各行）")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=run_types)
    q = rsub.add_parser("remove", help="删除一件误登记的申请")
    q.add_argument("ref")
    q.set_defaults(handler=run_remove)
    _appeal_parsers(rsub)
    p.set_defaults(handler=lambda a: (p.print_help(), 2)[1])


def _appeal_parsers(rsub) -> None:
    a = rsub.add_parser("appeal", help="因政府信息公开引起的行政复议、行政诉讼")
    asub = a.add_subparsers(dest="appeal_command", metavar="ACTION")
    q = asub.add_parser("add", help="登记一件复议或诉讼")
    q.add_argument("--kind", required=True, help="行政复议、未经复议直接起诉、复议后起诉")
    q.add_argument("--filed", type=day_arg, help="受理/起诉日期（默认今天）")
    q.add_argument("--request", help="相关申请的编号")
    q.add_argument("--result", help="已审结的：结果维持、结果纠正、其他结果")
    q.add_argument("--closed", type=day_arg, help="审结日期")
    q.add_argument("--note", default="")
    q.set_defaults(handler=run_appeal_add)
    q = asub.add_parser("close", help="登记审结结果")
    q.add_argument("appeal_id", type=int)
    q.add_argument("--result", required=True)
    q.add_argument("--closed", type=day_arg, help="审结日期（默认今天）")
    q.set_defaults(handler=run_appeal_close)
    q = asub.add_parser("list")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=run_appeal_list)
    a.set_defaults(handler=lambda x: (a.print_help(), 2)[1])


def _summary(reg, req, today: date) -> dict:
    return {**req.export_dict(), **reg.status(req, today=today)}


def _print_one(row: dict) -> None:
    dl = row["deadline"]
    print(f"{row['no']}（编号 {row['id']}）{row['stage']}：{row['text']}")
    print(f"  {row['received']} 收到，{row['channel']}，{row['category']} {row['applicant']}："
          f"{row['content']}")
    if dl["due"]:
        extra = ""
        if dl["excluded_workdays"]:
            extra = f"，其中征求第三方意见 {dl['excluded_workdays']} 个工作日不计入"
        print(f"  答复期限 {dl['due']}（基本期限 {dl['base_due']}{extra}）")
    print(f"  补正告知须在 {dl['correction_due']} 前发出")
    for f in row["flags"]:
        print(f"  提醒：{f}")


def run_add(args) -> int:
    from catalog.ledger.requests import InfoRequest
    today = date.today()
    with open_register(args) as reg:
        req = reg.add(InfoRequest(received=args.received or today, channel=args.channel,
                                  category=args.category, applicant=args.name, content=args.content,
                                  contact=args.contact, no=args.no, note=args.note))
        row = _summary(reg, req, today)
    if args.json:
        print_json(row)
    else:
        print("已登记：")
        _print_one(row)
    return 0


def run_list(args) -> int:
    with open_register(args) as reg:
        rows = reg.listing(today=args.today or date.today(), within=args.within, year=args.year,
                           open_only=args.open)
    if args.json:
        print_json(rows)
        return 0
    print_table(["编号", "登记编号", "收到", "渠道", "类别", "申请人", "阶段", "答复期限", "状态"],
                [[r["id"], r["no"], r["received"], r["channel"], r["category"], r["applicant"], r["stage"],
                  r["deadline"]["due"] or "", r["text"]] for r in rows])
    return 0


def run_show(args) -> int:
    with open_register(args) as reg:
        req = reg.get(args.ref)
        row = _summary(reg, req, args.today or date.today())
        row["consultations"] = [{"start": c.start.isoformat(), "end": c.end.isoformat() if c.end else None,
                                 "party": c.party} for c in req.consultations]
        approved = req.extension_approved
        row["extension"] = {"approved": approved.isoformat() if approved else None,
                            "days": req.extension_days}
    if args.json:
        print_json(row)
    else:
        _print_one(row)
    return 0


_STEP_TEXT = {"review": "审核", "process": "开始办理", "archive": "归档"}


def run_step(args) -> int:
    on = args.on or date.today()
    with open_register(args) as reg:
        req = getattr(reg, args.step)(args.ref, on=on)
    print(f"{req.no}：已{_STEP_TEXT[args.step]}（{on.isoformat()}）。")
    return 0


def run_correction(args) -> int:
    with open_register(args) as reg:
        req = reg.correction(args.ref, sent=args.sent, received=args.received)
        row = _summary(reg, req, date.today())
    _print_one(row)
    return 0


def run_extend(args) -> int:
    with open_register(args) as reg:
        req = reg.extend(args.ref, approved=args.approved or date.today(), days=args.days, by=args.by)
        row = _summary(reg, req, date.today())
    _print_one(row)
    return 0


def run_consult(args) -> int:
    with open_register(args) as reg:
        req = reg.consult(args.ref, start=args.start, end=args.end, party=args.party)
        row = _summary(reg, req, date.today())
    _print_one(row)
    return 0


def run_reply(args) -> int:
    on = args.on or date.today()
    with open_register(args) as reg:
        req = reg.reply(args.ref, reply_type=args.reply_type, on=on, note=args.note)
        row = _summary(reg, req, on)
    print(f"{req.no}：已答复（{row['reply_label']}），{row['text']}。")
    return 0


def run_types(args) -> int:
    from catalog.ledger.outcomes import OUTCOMES
    if args.json:
        print_json([{"code": o.code, "group": o.group, "label": o.label, "short": o.short} for o in OUTCOMES])
    else:
        print_table(["编号", "年报分组", "类型"], [[o.code, o.group, o.label] for o in OUTCOMES])
    return 0


def run_remove(args) -> int:
    with open_register(args) as reg:
        req = reg.remove(args.ref)
    print(f"已删除申请 {req.no}。")
    return 0


def run_appeal_add(args) -> int:
    from catalog.ledger.appeals import Appeal
    with open_register(args) as reg:
        rid = reg.get(args.request).id if args.request else None
        a = reg.add_appeal(Appeal(args.kind, args.filed or date.today(), args.result or "", args.closed, rid,
                                  args.note))
    print(f"已登记{a.kind}（编号 {a.id}），{a.to_dict()['result']}。")
    return 0


def run_appeal_close(args) -> int:
    with open_register(args) as reg:
        a = reg.close_appeal(args.appeal_id, result=args.result, closed=args.closed or date.today())
    print(f"{a.kind}（编号 {a.id}）已审结：{a.result}。")
    return 0


def run_appeal_list(args) -> int:
    with open_register(args) as reg:
        rows = [a.to_dict() for a in reg.appeals()]
    if args.json:
        print_json(rows)
    else:
        print_table(["编号", "类型", "受理", "结果", "审结", "相关申请"],
                    [[r["id"], r["kind"], r["filed"], r["result"], r["closed"] or "", r["request_id"] or ""]
                     for r in rows])
    return 0
