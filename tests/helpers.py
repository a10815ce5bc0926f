"""Plain helpers shared by domain tests (no fixtures magic: import what you need)."""
from __future__ import annotations

import subprocess
from pathlib import Path

from catalog.guides.shipped import GuideSet, load_guides
from catalog.township.profile import Township, Village
from catalog.township.service import TownshipCatalog

ROOT = Path(__file__).resolve().parent.parent

TOWNSHIP = Township("某镇", "某县", "420102001000", contact="王明", phone="027-12345678",
                    supervise_phone="027-12345679",
                    villages=(Village("张家村", "420102001201"), Village("李家村", "420102001202"),
                              Village("王家湾社区", "420102001003")))

_GUIDES: GuideSet | None = None


def shipped() -> GuideSet:
    global _GUIDES
    if _GUIDES is None:
        _GUIDES = load_guides()
    return _GUIDES


def new_catalog(tmp_path: Path, *, compile: bool = True, domains: list[str] | None = None,
                township: Township = TOWNSHIP) -> TownshipCatalog:
    """A workspace in tmp_path with the test township saved and (by default) compiled."""
    cat = TownshipCatalog.open(tmp_path / "ws.db", shipped())
    cat.save_township(township)
    if compile:
        cat.compile(domains)
    return cat


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """`main.py ARGS` in this process (stdout, stderr and the exit code as a CompletedProcess).

    In-process keeps the CLI contract tests fast; one subprocess smoke test (test_cli_guides) proves the
    real entry point behaves the same."""
    import contextlib
    import io
    import os

    import main as entry
    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    os.chdir(cwd or ROOT)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = entry.main(list(args))
            except SystemExit as stop:   # argparse: --help, --version, usage errors
                code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 2)
    finally:
        os.chdir(here)
    return subprocess.CompletedProcess(["main.py", *args], code, out.getvalue(), err.getvalue())


def bad_table(tmp_path: Path) -> Path:
    """A guide table with one cell the reader cannot take (特定群体 "大概", column G of row 2)."""
    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    sheet.title = "涉农补贴"
    sheet.append(["序号", "一级事项", "二级事项", "公开内容", "公开渠道和载体", "全社会", "特定群体"])
    sheet.append([1, "农业生产发展资金", "农机购置补贴", "补贴结果", "政府网站", "√", "大概"])
    path = tmp_path / "bad.xlsx"
    book.save(path)
    return path


def assert_undo_redo_round_trip(cat, steps: int, state, original, after) -> None:
    """Undoing `steps` commands gives back `original`; redoing them gives back `after` (state(cat))."""
    for _ in range(steps):
        cat.undo()
    assert state(cat) == original
    for _ in range(steps):
        cat.redo()
    assert state(cat) == after
