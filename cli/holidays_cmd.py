"""`holidays`: the workspace's 节假日安排 (import a file, show, add or remove a day by hand)."""
from __future__ import annotations

import argparse
from datetime import date

from cli.ledger_cmd import day_arg, open_ledger
from cli.output import print_json, print_table

_SOURCE_TEXT = {"table": "已导入/录入", "chinesecalendar": "内置（chinesecalendar）",
                "estimated": "估算，未导入国务院办公厅放假安排", "weekends": "未知：只按周末计算"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("holidays",
                       help="节假日安排：导入或录入国务院办公厅公布的放假和调休日期（计算工作日用）",
                       description="工作日按：已导入/录入的节假日安排 → 内置数据（至 2026 年）→ "
                                   "按《全国年节及纪念日放假办法》的法定节假日和周末估算（会提示；调休未知）。")
    hsub = p.add_subparsers(dest="holidays_command", metavar="ACTION")
    q = hsub.add_parser("import",
                        help="从文件导入（CSV：日期,类型[,名称]，类型 休/班；或 JSON）；文件中的年份整年替换")
    q.add_argument("file")
    q.set_defaults(handler=run_import)
    q = hsub.add_parser("show", help="各年份的节假日来源；--year 列出该年的日期")
    q.add_argument("--year", type=int, action="append", help="列出这一年的放假和调休日期（可重复）")
    q.add_argument("--json", action="store_true")
    q.set_defaults(handler=run_show)
    q = hsub.add_parser("add", help="手工录入一天：日期 类型（休 或 班）[名称]")
    q.add_argument("day", type=day_arg)
    q.add_argument("kind", help="休（放假）或 班（调休上班的周六、周日）")
    q.add_argument("name", nargs="?", default="", help="节日名称，如 春节")
    q.set_defaults(handler=run_add)
    q = hsub.add_parser("remove", help="删除手工录入或导入的一天")
    q.add_argument("day", type=day_arg)
    q.set_defaults(handler=run_remove)
    p.set_defaults(handler=lambda a: (p.print_help(), 2)[1])


def run_import(args) -> int:
    with open_ledger(args) as ledger:
        table = ledger.import_holidays(args.file)
    print(f"已导入 {args.file}：{table.summary()}。这些年份原有的日期已被替换。")
    return 0


def run_show(args) -> int:
    from catalog.errors import InputError
    bad = [y for y in args.year or () if not 1900 <= y <= 2200]
    if bad:
        raise InputError(f"年份 {bad[0]} 超出范围（应在 1900–2200 之间）", column="--year")
    today = date.today()
    with open_ledger(args) as ledger:
        table = ledger.holiday_table()
        years = sorted(set(range(today.year - 1, today.year + 2)) | set(table.years if table else ())
                       | set(args.year or ()))
        info = ledger.holiday_years(years)
        cal = ledger.calendar()
        days = {}
        for y in args.year or ():
            days[y] = _days_of(ledger, cal, y)
    from catalog.timelimits.workdays import FALLBACK_SOURCES, fallback_warning
    fallback = [i["year"] for i in info if i["source"] in FALLBACK_SOURCES]
    warning = fallback_warning(fallback)
    if args.json:
        print_json({"years": info, "warning": warning,
                    "days": {str(y): [{"date": d.isoformat(), "type": k, "name": n} for d, k, n in v]
                             for y, v in days.items()}})
        return 0
    print_table(["年份", "来源", "工作日放假（天）", "调休上班（天）", "文件"],
                [[i["year"], _SOURCE_TEXT[i["source"]], i["weekday_holidays"], i["adjusted_workdays"],
                  i["file"]]
                 for i in info])
    if warning:
        print(f"\n注意：{warning}")
    for y, v in days.items():
        print(f"\n{y} 年：")
        print_table(["日期", "星期", "类型", "名称"],
                    [[d.isoformat(), "一二三四五六日"[d.weekday()], k, n] for d, k, n in v])
    return 0


def _days_of(ledger, cal, year: int) -> list[tuple[date, str, str]]:
    from catalog.ledger.service import official_days
    src = cal.source(year)
    if src == "table":
        return [(d.day, d.kind, d.name) for d in ledger.holiday_table().days if d.day.year == year]
    if src == "chinesecalendar":
        return sorted((d.day, d.kind, d.name) for d in official_days(year))
    if src == "estimated":
        from catalog.timelimits.statutory import statutory_days
        return [(d.day, d.kind, d.name) for d in statutory_days(year)]
    return []


def run_add(args) -> int:
    with open_ledger(args) as ledger:
        notes = ledger.set_holiday(args.day, args.kind, args.name)
    print(f"已录入 {args.day.isoformat()} {args.kind} {args.name}".rstrip() + "。")
    for n in notes:
        print(f"提醒：{n}")
    return 0


def run_remove(args) -> int:
    with open_ledger(args) as ledger:
        removed = ledger.remove_holiday(args.day)
    print(f"已删除 {args.day.isoformat()}。" if removed else f"节假日安排中没有 {args.day.isoformat()}。")
    return 0 if removed else 1
