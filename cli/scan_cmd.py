"""`scan FILE [--json] [--masked-copy OUT]`: privacy scan of a file before publishing; exit 1 when anything
found."""
from __future__ import annotations

import argparse
import sys

from catalog.privacy.pii import KIND_LABELS
from catalog.privacy.scan import SUFFIXES, scan_file
from cli.output import print_json, print_table

_TEXT_LIMIT = 500     # rows printed in text mode; --json always has all hits


def register(sub: argparse._SubParsersAction) -> None:
    """Add the scan command."""
    p = sub.add_parser(
        "scan", help="发布前隐私检查：查找文件中的身份证号、银行卡号、手机号",
        description=("离线检查要发布的文件（" + "、".join(SUFFIXES)
                     + "）中是否有完整的身份证号（校验位正确）、"
                     "银行卡号（Luhn 校验正确）和手机号，列出位置和打码后的摘录。"
                     "发现个人信息时退出码为 1，未发现为 0，出错为 2。"))
    p.add_argument("file", metavar="FILE", help="要检查的文件")
    p.add_argument("--json", action="store_true", help="输出 JSON（UTF-8）")
    p.add_argument("--masked-copy", metavar="OUT", help="另存一份打码后的副本（仅 xlsx、csv）")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Scan, optionally write the masked copy; 1 when anything was found, else 0."""
    result = scan_file(args.file)
    masked = None
    if args.masked_copy:
        from catalog.privacy.mask import write_masked_copy
        masked = write_masked_copy(args.file, args.masked_copy)
    if args.json:
        data = result.to_json()
        data["masked_copy"] = None if masked is None else {"path": masked.path, "cells": masked.cells}
        print_json(data)
    else:
        print_text(result, masked)
    return 1 if result.hits else 0


def print_text(result, masked) -> None:
    """The human-readable report: a table of hits, then notes on stderr."""
    print(f"文件：{result.file}")
    if result.hits:
        print(f"发现 {len(result.hits)} 处个人信息（{result.summary_text()}）：\n")
        shown = result.hits[:_TEXT_LIMIT]
        print_table(["类型", "位置", "摘录（已打码）"], [[KIND_LABELS[h.kind], h.location.text(), h.excerpt]
                                                  for h in shown])
        if len(result.hits) > len(shown):
            print(f"……另有 {len(result.hits) - len(shown)} 处未列出（用 --json 查看全部）。")
        print("\n请删除或打码以上内容后再发布。")
    else:
        print("未发现完整的身份证号、银行卡号或手机号。")
    for note in result.notes:
        print(f"注意：{note}", file=sys.stderr)
    if masked is not None:
        print(f"已生成打码副本：{masked.path}（打码 {masked.cells} 个单元格）")
        for note in masked.notes:
            print(f"注意：{note}", file=sys.stderr)
