"""Export and import of the township catalog: `export xlsx|pdf|package [OUT]`, `import FILE`."""
from __future__ import annotations

import argparse
from pathlib import Path

from cli.context import db_path, open_catalog, shipped_guides
from cli.output import print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="导出目录：Excel（标准格式）、PDF，或上报县里的目录文件（.gkml）")
    p.add_argument("kind", choices=("xlsx", "pdf", "package"), help="xlsx | pdf | package（上报文件 .gkml）")
    p.add_argument("out", nargs="?", help="输出文件或文件夹（默认：当前文件夹，文件名为 乡镇+版本+日期）")
    p.add_argument("--version", default="current", help="导出哪一版：版本号，或 current（当前工作稿，默认）")
    p.add_argument("--omit-na", action="store_true",
                   help="不列出“不适用”的事项（网站公开用；默认列出并在备注中写明原因）")
    p.add_argument("--paper", choices=("A3", "A4"), default="A3",
                   help="PDF 纸张（横向）：A3（默认，正文 8.5 磅）或 A4（正文 7.5 磅，自动换行）")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_export)

    p = sub.add_parser("import", help="用目录文件（.gkml 上报文件或标准格式 Excel）替换当前工作稿（可撤销，"
                                      "已发布版本不变）")
    p.add_argument("file", help=".gkml 或 .xlsx/.xls 文件")
    p.add_argument("--dry-run", action="store_true", help="只检查并显示将导入的内容，不写入")
    p.add_argument("--as-template", action="store_true",
                   help="以其他乡镇或县里的目录为起点：不核对乡镇，公开主体改为本乡镇"
                        "（须先 init 填写乡镇信息）")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_import)


def run_export(args: argparse.Namespace) -> int:
    from catalog.exchange.export import export_catalog
    from catalog.exchange.source import load_source, snapshot_doc
    cat = open_catalog(args)
    try:
        path = export_catalog(cat, args.out, kind=args.kind, version=args.version,
                              include_na=not args.omit_na, paper=args.paper)
        source = load_source(cat, args.version)
        doc = snapshot_doc(source, include_na=not args.omit_na)
    finally:
        cat.close()
    t = source.township
    result = {"kind": args.kind, "file": str(path), "township": t["name"], "code": t.get("code", ""),
              "catalog_version": source.version_no, "title": doc.title, "domains": len(doc.domains),
              "items": doc.row_count,
              "not_involved": [{"domain": d, "reason": r} for d, r in doc.not_involved]}
    if args.json:
        print_json(result)
    else:
        print(f"已导出 {doc.title}（{source.version_label}，{len(doc.domains)} 个领域，{doc.row_count} 项，"
              f"未涉及领域 {len(doc.not_involved)} 个）：{path}")
        given = Path(args.out) if args.out else None
        if args.kind == "package" and given is not None and not given.is_dir() and path.name != given.name:
            print(f"注意：上报文件的文件名须以 .gkml 结尾（县里按此识别），已保存为 {path.name}。")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from catalog.exchange.catalog_import import import_catalog_file
    if not db_path(args).exists():
        if args.as_template:
            from catalog.errors import KnownError
            raise KnownError("以其他目录为起点之前，请先用 init 命令建立本乡镇的工作区。")
        # verify before a new workspace file is created: a refused file leaves nothing behind
        from catalog.exchange.catalog_files import read_catalog_file
        read_catalog_file(args.file, shipped_guides())
    cat = open_catalog(args, create=True)
    try:
        summary = import_catalog_file(cat, args.file, dry_run=args.dry_run, as_template=args.as_template)
    finally:
        cat.close()
    if args.json:
        print_json(summary.to_json())
    else:
        verb = "已导入" if summary.applied else "将导入（未写入，--dry-run）"
        print(f"{verb} {summary.file}：{summary.items} 项（已纳入 {summary.adopted}，层级待确认 "
              f"{summary.pending}，不适用 {summary.not_applicable}，本地事项 {summary.local}）；未涉及领域 "
              f"{len(summary.not_involved)} 个；替换了原工作稿的 {summary.replaced} 项。")
        if summary.township_created:
            print("已按文件建立乡镇信息（村/社区名单不在文件中，请在“乡镇信息”中补充）。")
        for note in summary.notes:
            print(f"提醒：{note}")
        if summary.problems:
            print(f"有 {len(summary.problems)} 处内容未能识别（按未知处理，请核对）：")
            for line in summary.problems:
                print(f"  {line}")
    return 1 if summary.problems else 0
