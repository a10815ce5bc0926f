"""County aggregation: `county [DIR] [--out summary.xlsx] [--json]` over a county workspace."""
from __future__ import annotations

import argparse

from cli.output import print_json, print_table


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("county", help="县级汇总：导入文件夹中各乡镇的目录文件（.gkml/.xlsx），输出汇总表")
    p.add_argument("dir", nargs="?", help="存放各乡镇目录文件的文件夹（不给出时只显示已导入的汇总）")
    p.add_argument("--out", metavar="XLSX", help="汇总表输出路径，如 summary.xlsx")
    p.add_argument("--recursive", action="store_true", help="也导入子文件夹中的文件")
    p.add_argument("--workers", type=int, default=0, metavar="N",
                   help="用 N 个进程读取文件（默认 0：文件较多时按 CPU 核数自动；1：只用本进程）")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_county)


def run_county(args: argparse.Namespace) -> int:
    from catalog.county.workspace import CountyWorkspace
    from cli.context import shipped_guides
    cw = CountyWorkspace.open(args.db, shipped_guides())
    try:
        rep = cw.import_folder(args.dir, recursive=args.recursive, workers=args.workers) if args.dir else None
        overview = cw.overview()
        out = cw.write_summary(args.out) if args.out else None
        workspace = str(cw.ws.path)
    finally:
        cw.close()
    if args.json:
        print_json({"workspace": workspace, "import": rep.to_json() if rep else None,
                    "overview": overview.to_json(), "summary_file": str(out) if out else None})
    else:
        if rep:
            print(f"导入 {rep.folder}：")
            print_table(["文件", "结果", "乡镇", "说明"],
                        [[f.file, f.status_text, f.township, f.message] for f in rep.files])
            for f in rep.files:
                for line in f.problems:
                    print(f"  {line}")
            print()
        print_table(["乡镇", "区划代码", "版本", "涉及领域", "纳入事项", "层级待确认", "不适用", "错误",
                     "读取问题"],
                    [[r.name, r.code, r.version_text, r.totals.get("involved", 0),
                      r.totals.get("adopted", 0), r.totals.get("pending", 0), r.totals.get("na", 0),
                      "未检查" if r.totals.get("errors") is None else r.totals["errors"], len(r.problems)]
                     for r in overview.rows])
        if out:
            print(f"\n汇总表已写入 {out}")
    return 1 if rep is not None and rep.needs_attention else 0
