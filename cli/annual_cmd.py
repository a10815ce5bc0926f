"""`annual-report YEAR`: the 2021-format statistical tables of the 政府信息公开工作年度报告, checked and
exported."""
from __future__ import annotations

import argparse
from datetime import date

from catalog.errors import KnownError
from cli.output import print_json, print_table
from cli.request_cmd import open_register


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("annual-report", help="政府信息公开工作年度报告统计表（2021 年格式），"
                                             "勾稽关系不成立时拒绝导出",
                       description="由公开台账和依申请公开登记簿生成年报的三张统计表（主动公开、收到和处理申请、"
                                   "复议诉讼），另附办理明细（申请人已脱敏）。")
    p.add_argument("year", type=int)
    p.add_argument("--out", metavar="X.xlsx", help="导出 Excel（可直接复制粘贴到年报）")
    p.add_argument("--json", action="store_true", help="输出 JSON：tables、cross_footing、file")
    p.add_argument("--valid", action="append", default=[], metavar="行=件数",
                   help="现行有效件数以此为准，如 --valid 行政规范性文件=3（可重复）")
    p.add_argument("--from-register", action="store_true",
                   help="上年结转按登记簿重新计算（默认取上年已导出年报的“结转下年度”）")
    p.add_argument("--title", help="表头前缀（默认：乡镇人民政府 + 年度）")
    p.set_defaults(handler=run_annual)


def _valid(items: list[str]) -> dict[str, int]:
    from catalog.ledger.model import STAT_DOCUMENT_ROWS
    out = {}
    for item in items:
        row, sep, n = item.partition("=")
        row = row.strip()
        if not sep or row not in STAT_DOCUMENT_ROWS or not n.strip().isdigit():
            raise KnownError(f"--valid 的写法应为 行政规范性文件=3 或 规章=0（收到「{item}」）")
        out[row] = int(n)
    return out


def run_annual(args) -> int:
    from catalog.ledger.register import CrossFootingError
    from catalog.storage.catalog_store import CatalogStore
    valid = _valid(args.valid)
    with open_register(args) as reg:
        township = CatalogStore(reg.ws).township()
        title = args.title if args.title is not None else (
            f"{township.government if township else ''}{args.year}年政府信息公开工作年度报告 ")
        tables, problems = reg.annual_tables(args.year, valid_counts=valid, from_register=args.from_register)
        written = None
        if args.out and not problems:
            reg.export_annual(args.year, args.out, title=title, valid_counts=valid,
                              from_register=args.from_register, today=date.today())
            written = args.out
    if args.json:
        print_json({"year": args.year, "tables": tables.to_json(),
                    "cross_footing": {"ok": not problems, "problems": problems}, "file": written})
    else:
        _print(tables)
        if written:
            print(f"\n已导出 {written}。")
    if problems:
        if args.out:
            raise CrossFootingError(args.year, problems)
        if not args.json:
            print("\n勾稽关系不成立，不能导出：\n" + "\n".join(f"  - {p}" for p in problems))
        return 1
    return 0


def _print(t) -> None:
    from catalog.ledger.annual import ACTIVE_SECTIONS, APPEAL_COLUMNS, COLUMNS
    from catalog.ledger.appeals import KINDS
    print(f"{t.year} 年  二、主动公开政府信息情况")
    print_table(["项目", "信息内容", "数量"],
                [[sec, row, "，".join(f"{h} {t.active[row][h]}" for h in heads)]
                 for sec, heads, rows in ACTIVE_SECTIONS for row in rows])
    print("\n三、收到和处理政府信息公开申请情况"
          + ("（上年结转取自上年已导出的年报）" if t.carried_in_source == "report" else ""))
    rows = [r for r in t.request_rows() if r[0] in ("new", "carried_in", "total", "carried_out")
            or any(t.requests[r[0]].values())]
    print_table(["项目", *list(COLUMNS)],
                [[_row_label(g, lab)] + [t.requests[k][c] for c in COLUMNS] for k, g, lab in rows])
    print("\n四、政府信息公开行政复议、行政诉讼情况")
    print_table(["类型", *list(APPEAL_COLUMNS)],
                [[k] + [t.appeals[k][c] for c in APPEAL_COLUMNS] for k in KINDS])


def _row_label(group: str, label: str) -> str:
    """「不予公开：1.属于国家秘密」 for a sub-row, the label itself otherwise."""
    return (group.split("）")[-1] + "：" if group and "." in label else "") + label
