"""`check`: find what a county reviewer would mark down; exit 1 when there is at least one 错误."""
from __future__ import annotations

import argparse
from datetime import date

from catalog.errors import KnownError
from cli.context import open_catalog
from cli.output import print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="检查目录：缺项、空字段、主体层级、时限、废止依据、个人信息、渠道、"
                                     "重复、发布时间")
    p.add_argument("--json", action="store_true", help="输出 JSON：summary、findings、scores")
    p.add_argument("--report", metavar="OUT.xlsx",
                   help="另存检查结果为 Excel 表（每个问题一行，可按严重程度和领域筛选）")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="按此日期判断发布是否超过 12 个月（默认今天）")
    p.set_defaults(handler=run_check)


def run_check(args: argparse.Namespace) -> int:
    from catalog.checks import check_catalog
    today = _parse_day(args.today) if args.today else date.today()
    cat = open_catalog(args)
    try:
        township = cat.township()
        report = check_catalog(cat, today=today)
    finally:
        cat.close()
    if args.report:
        from catalog.checks.report import write_report
        name = (township.county + township.name) if township else ""
        write_report(report, args.report, township=name, checked_on=today.isoformat())
    if args.json:
        print_json(report.to_json())
    else:
        _print_text(report, args.report)
    return 1 if report.has_errors else 0


def _parse_day(text: str) -> date:
    try:
        d = date.fromisoformat(text.strip())
    except ValueError:
        raise KnownError(f"日期应写成 YYYY-MM-DD（如 2026-11-22），实际是「{text}」") from None
    if not 1900 <= d.year <= 2200:
        raise KnownError(f"日期「{text}」超出范围（应在 1900–2200 年之间）")
    return d


def _print_text(report, report_path: str | None) -> None:
    for f in report.findings:
        where = " ".join(x for x in (f.domain or "全目录", f.item_id or "", f.field_label) if x)
        print(f"[{f.severity}] {f.code} {where}：{f.message}")
        print(f"        → {f.fix}")
    s = report.summary
    overall = report.scores["overall"]["score"]
    score = "—" if overall is None else f"{overall:.1f}"
    print(f"共 {len(report.findings)} 个问题：错误 {s['错误']}，警告 {s['警告']}，提示 {s['提示']}；总得分 "
          f"{score}")
    if report_path:
        print(f"检查结果已保存到 {report_path}")
