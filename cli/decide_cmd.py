"""`decide`: list the 层级待确认 items with suggestions, or decide many in one undoable step."""
from __future__ import annotations

import argparse

from catalog.errors import KnownError
from catalog.township.decisions import DecideItems, default_actor, not_involved, pending_rows, plan_decisions
from catalog.township.items import STATUS_TEXT
from cli.context import open_catalog
from cli.output import print_json, print_table


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "decide", help="层级待确认的事项：列出原因和建议，或一步批量纳入/不适用（记录决定人、时间和理由）",
        description="decide                              列出层级待确认的事项、原因和建议\n"
                    "decide --accept-suggestions         采纳全部建议（可加 --domain 只采纳一个领域）\n"
                    "decide --adopt --items 17-001,17-002   选中事项纳入（乡级 √）\n"
                    "decide --not-applicable 原因 [--domain 涉农补贴]\n"
                    "                                    领域内（或 --items 选中的）待确认事项不适用",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--domain", action="append", default=[], help="只看/只决定这个领域（可重复，或逗号分隔）")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--accept-suggestions", action="store_true", help="采纳建议（有建议的待确认事项）")
    g.add_argument("--adopt", action="store_true", help="纳入目录（勾选乡级）")
    g.add_argument("--not-applicable", metavar="REASON", help="标记为不适用，并写明原因（对所有选中事项）")
    p.add_argument("--items", default="", help="只决定这些事项，逗号分隔，如 17-001,17-002")
    p.add_argument("--by", default="", help="决定人（默认：工作区联系人，或本机登录名）")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run)


def _mode(args: argparse.Namespace) -> str | None:
    if args.accept_suggestions:
        return "suggestions"
    if args.adopt:
        return "adopt"
    if args.not_applicable is not None:
        return "na"
    return None


def run(args: argparse.Namespace) -> int:
    cat = open_catalog(args)
    try:
        cat.require_township()
        names = [n for d in args.domain for n in d.replace("，", ",").split(",") if n.strip()]
        domains = {g.no for g in cat.guides.resolve(names)} if names else None
        uids = [u for u in args.items.replace("，", ",").split(",") if u.strip()] or None
        mode = _mode(args)
        if mode is None:
            if uids:
                raise KnownError("给出了 --items，请同时给出 --adopt、--not-applicable 原因"
                                 "或 --accept-suggestions")
            return _list(cat, domains, args)
        skip = not_involved(cat.domain_choices())
        decisions = plan_decisions(cat.items(), cat.guides, mode=mode, reason=args.not_applicable or "",
                                   domains=domains, uids=uids, skip_domains=skip)
        if not decisions:
            raise KnownError("没有需要决定的事项（范围内没有层级待确认的事项，或都没有建议）。")
        who = args.by.strip() or default_actor(cat.township())
        cmd = DecideItems(decisions, who)
        cat.do(cmd)
        left = [r.item.uid for r in pending_rows(cat.items(), cat.guides, skip_domains=skip)]
    finally:
        cat.close()
    if args.json:
        print_json({"decided": len(decisions), "by": who, "at": cmd.when, "label": cmd.label,
                    "items": [{"uid": d.uid, "status": d.status, "status_text": STATUS_TEXT[d.status],
                               "reason": d.reason, "how": d.how, "evidence": d.evidence} for d in decisions],
                    "pending_left": len(left)})
    else:
        print(f"{cmd.label}（决定人：{who}）。还有 {len(left)} 项层级待确认。")
    return 0


def _list(cat, domains: set[int] | None, args: argparse.Namespace) -> int:
    rows = [r for r in pending_rows(cat.items(), cat.guides, skip_domains=not_involved(cat.domain_choices()))
            if domains is None or r.item.domain_no in domains]
    if args.json:
        print_json({"pending": [{
            "uid": r.item.uid, "domain_no": r.item.domain_no, "domain": cat.guide_name(r.item.domain_no),
            "title": r.item.title, "why": r.why, "suggestion": r.suggestion.status,
            "suggestion_text": r.suggestion.text, "suggestion_reason": r.suggestion.reason,
            "evidence": r.suggestion.evidence} for r in rows]})
        return 0
    print_table(["编号", "领域", "事项", "建议", "依据"],
                [[r.item.uid, cat.guide_name(r.item.domain_no), r.item.title, r.suggestion.text,
                  r.suggestion.evidence] for r in rows])
    with_suggestion = sum(1 for r in rows if r.suggestion.status is not None)
    print(f"\n共 {len(rows)} 项层级待确认，其中 {with_suggestion} 项有建议。"
          "采纳建议：decide --accept-suggestions；其余：decide --adopt 或 --not-applicable 原因"
          "（可加 --domain/--items）。")
    return 0
