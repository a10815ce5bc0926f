"""Command-line interface: `python main.py [--db PATH] COMMAND ...` for batch and headless use.

County IT staff script these commands: names, flags and --json shapes are a contract.
Each command lives in its own module with `register(subparsers)`; handlers return the exit code.
Exit codes: 0 ok, 1 findings that need attention (check errors, skipped villages), 2 failure.
"""
from __future__ import annotations

import argparse
import importlib
import sqlite3
import sys
from collections.abc import Sequence

from catalog import APP_NAME, APP_NAME_EN, __version__
from catalog.errors import Cancelled, KnownError

# Modules under catalog/cli that add commands, in --help order.
COMMAND_MODULES = ["guides_cmd", "catalog_cmd", "decide_cmd", "scan_cmd", "export_cmd", "county_cmd",
                   "check_cmd", "notice_cmd", "ledger_cmd", "holidays_cmd", "request_cmd", "annual_cmd",
                   "tasks_cmd"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="main.py", description=f"{APP_NAME} ({APP_NAME_EN}) {__version__}：不带命令时启动图形界面。")
    parser.add_argument("--db", metavar="PATH", help="工作区数据库文件（默认在用户数据目录）")
    parser.add_argument("--version", action="version", version=f"{APP_NAME_EN} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}").register(sub)
    return parser


def main(argv: Sequence[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(list(argv))
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except (KnownError, Cancelled) as err:   # Cancelled is no KnownError, but still a failure here
        print(f"错误：{err}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # `... | head` closed the pipe: not an error for a listing.
        import os
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    except (OSError, sqlite3.Error, RecursionError, MemoryError, OverflowError) as err:
        # environment faults (locked, read-only, disk full, a folder where a file belongs): exit 2, never 1
        from catalog.storage.faults import explain
        known = explain(err) if isinstance(err, OSError | sqlite3.Error) else None
        text = str(known) if known else f"无法完成（{type(err).__name__}: {str(err)[:300]}）"
        print(f"错误：{text}", file=sys.stderr)
        return 2
