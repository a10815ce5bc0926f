"""Rerun the hostile-input pass of issue 13 and print cases tried / handled cleanly per category.

    .venv/bin/python scripts/hostile_rerun.py [--only cli,imports,packages,outputs,kills] [--json]

Every case runs in a child process that reports one line per case; a case that kills its child (an abort,
a segfault, memory exhaustion) is counted as not handled and the child is restarted for the rest. "Handled
cleanly" means: the program either did the work or refused with a Chinese message (KnownError, exit 2),
never a traceback, never exit 1 for a failure, never a personal number in an output, and after a kill the
workspace is the state before or after the interrupted transaction.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


# -- cases ----------------------------------------------------------------------------------------------
DB = ["--db", "{db}"]
LEDGER = ["--db", "{db}", "ledger", "add", "17-001", "--title"]


def cli_cases(work: Path) -> list[tuple[str, list[str]]]:
    """(name, argv) of bad command-line inputs; {db}, {dir} are filled in by the child."""
    long_path = str(work / ("x" * 5000))
    bad_dates = ["0001-01-01", "9999-12-31", "2026-02-30", "2026/11/22", "明天", "", "99999-01-01"]
    cases: list[tuple[str, list[str]]] = []
    for d in bad_dates:
        cases += [(f"due --today {d}", [*DB, "due", "--today", d]),
                  (f"check --today {d}", [*DB, "check", "--today", d]),
                  (f"request add --received {d}", [*DB, "request", "add", "--received", d, "--channel",
                                                   "网络", "--category", "自然人", "--name", "张三",
                                                   "--content", "x"]),
                  (f"ledger add --published {d}", [*DB, "ledger", "add", "17-001", "--title", "x",
                                                   "--published", d]),
                  (f"notice print --start {d}", [*DB, "notice", "print", "{dir}/p.pdf", "--start", d]),
                  (f"holidays add {d}", [*DB, "holidays", "add", d, "休"])]
    cases += [
        ("export to a directory", [*DB, "export", "xlsx", "{dir}"]),
        ("check --report directory", [*DB, "check", "--report", "{dir}"]),
        ("check --report dir.xlsx", [*DB, "check", "--report", "{dir}/d.xlsx"]),
        ("annual-report --out directory", [*DB, "annual-report", "2026", "--out", "{dir}"]),
        ("annual-report --out dir.xlsx", [*DB, "annual-report", "2026", "--out", "{dir}/d.xlsx"]),
        ("notice print to directory", [*DB, "notice", "print", "{dir}"]),
        ("notice print to dir.pdf", [*DB, "notice", "print", "{dir}/d.pdf"]),
        ("scan --masked-copy directory", [*DB, "scan", "{dir}/roster.xlsx", "--masked-copy", "{dir}"]),
        ("county --out .", ["--db", "{dir}/county.db", "county", "{dir}/in", "--out", "."]),
        ("county --out directory", ["--db", "{dir}/county.db", "county", "{dir}/in", "--out", "{dir}"]),
        ("county --out missing folder", ["--db", "{dir}/county.db", "county", "{dir}/in", "--out",
                                         "{dir}/nope/s.xlsx"]),
        ("backup to directory", [*DB, "backup", "{dir}"]),
        ("--db is a directory", ["--db", "{dir}", "show"]),
        ("--db 5000-char path", ["--db", long_path + ".db", "show"]),
        ("export 5000-char path", [*DB, "export", "xlsx", long_path + ".xlsx"]),
        ("scan 5000-char path", [*DB, "scan", long_path + ".xlsx"]),
        ("init phone 100k", ["--db", "{dir}/n1.db", "init", "--township", "某镇", "--county", "某县",
                             "--code", "420102001000", "--phone", "1" * 100_000]),
        ("init township 100k", ["--db", "{dir}/n2.db", "init", "--township", "镇" * 100_000,
                                "--county", "某县", "--code", "420102001000"]),
        ("init code letters", ["--db", "{dir}/n3.db", "init", "--township", "某镇", "--county", "某县",
                               "--code", "ABCDEFGHIJKL"]),
        ("init --villages missing", ["--db", "{dir}/n4.db", "init", "--township", "某镇", "--county", "某县",
                                     "--code", "420102001000", "--villages", "{dir}/无此文件.txt"]),
        ("init --villages directory", ["--db", "{dir}/n5.db", "init", "--township", "某镇",
                                       "--county", "某县", "--code", "420102001000", "--villages", "{dir}"]),
        ("init --villages binary", ["--db", "{dir}/n6.db", "init", "--township", "某镇", "--county", "某县",
                                    "--code", "420102001000", "--villages", "{dir}/binary.txt"]),
        ("ledger --amount nan", [*LEDGER, "x", "--amount", "nan"]),
        ("ledger --amount inf", [*LEDGER, "x", "--amount", "inf"]),
        ("ledger --amount 1e400", [*LEDGER, "x", "--amount", "1e400"]),
        ("ledger --amount -5", [*DB, "ledger", "add", "17-001", "--title", "x", "--amount", "-5"]),
        ("ledger --count 10**30", [*DB, "ledger", "add", "17-001", "--title", "x", "--count",
                                   "1" + "0" * 30]),
        ("ledger unknown item", [*DB, "ledger", "add", "99-999", "--title", "x"]),
        ("ledger title 100k", [*DB, "ledger", "add", "17-001", "--title", "题" * 100_000]),
        ("annual-report --year 99999", [*DB, "annual-report", "99999"]),
        ("annual-report --year 0", [*DB, "annual-report", "0"]),
        ("annual-report --year -1", [*DB, "annual-report", "-1"]),
        ("annual-report --valid bad", [*DB, "annual-report", "2026", "--valid", "x=y"]),
        ("holidays show --year 99999", [*DB, "holidays", "show", "--year", "99999"]),
        ("holidays show --year 0", [*DB, "holidays", "show", "--year", "0"]),
        ("holidays import missing", [*DB, "holidays", "import", "{dir}/无.csv"]),
        ("holidays import binary", [*DB, "holidays", "import", "{dir}/binary.txt"]),
        ("notice print --year 99999", [*DB, "notice", "print", "{dir}/y.pdf", "--year", "99999"]),
        ("notice print --phone 100k", [*DB, "notice", "print", "{dir}/ph.pdf", "--phone", "1" * 100_000]),
        ("notice import missing", [*DB, "notice", "import", "{dir}/无.xlsx"]),
        ("notice import directory", [*DB, "notice", "import", "{dir}"]),
        ("notice import binary", [*DB, "notice", "import", "{dir}/binary.txt"]),
        ("notice import --map bad", [*DB, "notice", "import", "{dir}/roster.csv", "--map", "金额"]),
        ("notice import --map unknown", [*DB, "notice", "import", "{dir}/roster.csv", "--map", "x=y"]),
        ("notice exclude bad row", [*DB, "notice", "exclude", "999999", "--reason", "x"]),
        ("notice posted bad id", [*DB, "notice", "posted", "999999"]),
        ("scan 128KB csv field", [*DB, "scan", "{dir}/big_field.csv"]),
        ("scan 128KB csv field --masked-copy", [*DB, "scan", "{dir}/big_field.csv", "--masked-copy",
                                                "{dir}/big_masked.csv"]),
        ("scan missing", [*DB, "scan", "{dir}/无.pdf"]),
        ("scan directory", [*DB, "scan", "{dir}"]),
        ("scan wrong suffix", [*DB, "scan", "{dir}/binary.txt.exe"]),
        ("scan zero-byte xlsx", [*DB, "scan", "{dir}/zero.xlsx"]),
        ("scan binary as pdf", [*DB, "scan", "{dir}/binary.pdf"]),
        ("scan binary as docx", [*DB, "scan", "{dir}/binary.docx"]),
        ("scan --masked-copy onto itself", [*DB, "scan", "{dir}/roster.xlsx", "--masked-copy",
                                           "{dir}/roster.xlsx"]),
        ("import missing", [*DB, "import", "{dir}/无.gkml"]),
        ("import truncated gkml", [*DB, "import", "{dir}/truncated.gkml"]),
        ("import guides export", [*DB, "import", "{dir}/guides.xlsx"]),
        ("import binary", [*DB, "import", "{dir}/binary.txt"]),
        ("export bad version", [*DB, "export", "xlsx", "{dir}/v.xlsx", "--version", "abc"]),
        ("export version 10**30", [*DB, "export", "xlsx", "{dir}/v.xlsx", "--version", "1" + "0" * 30]),
        ("export version -1", [*DB, "export", "xlsx", "{dir}/v.xlsx", "--version", "-1"]),
        ("diff bad versions", [*DB, "diff", "x", "99999999999999999999"]),
        ("domain unknown", [*DB, "domain", "无此领域", "--involved"]),
        ("domain reason 100k", [*DB, "domain", "涉农补贴", "--not-involved", "因" * 100_000]),
        ("compile unknown domain", [*DB, "compile", "--domains", "无此领域"]),
        ("restore missing", [*DB, "restore", "{dir}/无.db"]),
        ("restore onto itself", [*DB, "restore", "{db}"]),
        ("restore a text file", [*DB, "restore", "{dir}/binary.txt"]),
        ("restore other sqlite", [*DB, "restore", "{dir}/other.sqlite"]),
        ("--db other program's sqlite", ["--db", "{dir}/other.sqlite", "show"]),
        ("--db zero-byte with backups", ["--db", "{dir}/zero_ws.db", "show"]),
        ("--db text file", ["--db", "{dir}/binary.txt", "show"]),
        ("county missing dir", ["--db", "{dir}/county.db", "county", "{dir}/无"]),
        ("county file as dir", ["--db", "{dir}/county.db", "county", "{dir}/binary.txt"]),
        ("county --workers -1", ["--db", "{dir}/county.db", "county", "{dir}/in", "--workers", "-1"]),
        ("county --workers 10**6", ["--db", "{dir}/county.db", "county", "{dir}/in", "--workers", "1000000"]),
        ("request reply bad ref", [*DB, "request", "reply", "99999", "--type", "1"]),
        ("request reply bad type", [*DB, "request", "reply", "1", "--type", "99"]),
        ("request add name 100k", [*DB, "request", "add", "--channel", "网络", "--category", "自然人",
                                   "--name", "名" * 100_000, "--content", "x"]),
        ("request add contact 100k", [*DB, "request", "add", "--channel", "网络", "--category", "自然人",
                                      "--name", "张三", "--content", "x", "--contact", "1" * 100_000]),
        ("request extend days 10**30", [*DB, "request", "extend", "1", "--days", "1" + "0" * 30]),
        ("due --within -5", [*DB, "due", "--within", "-5"]),
        ("due --within 10**30", [*DB, "due", "--within", "1" + "0" * 30]),
        ("guides unknown domain", ["guides", "无此领域"]),
        ("guides import binary", [*DB, "guides", "import", "{dir}/binary.txt"]),
        ("unknown command", ["无此命令"]),
        ("NUL in argument", [*DB, "ledger", "add", "17-001", "--title", "a\x00b"]),
        ("surrogate in argument", [*DB, "ledger", "add", "17-001", "--title", "a\udcffb"]),
    ]
    return cases


# -- child ----------------------------------------------------------------------------------------------
def _fixtures(d: Path) -> dict[str, str]:
    """Files the CLI cases refer to, made once per run in d."""
    import sqlite3
    import zipfile

    from helpers import new_catalog
    from notice_helpers import VILLAGES, good_rows, write_csv
    from test_hostile_privacy import _roster

    from catalog.exchange.export import export_catalog
    cat = new_catalog(d, domains=["涉农补贴"])
    db = str(cat.ws.path)
    pkg = export_catalog(cat, d / "good.gkml", kind="package")
    cat.close()
    (d / "truncated.gkml").write_bytes(pkg.read_bytes()[: pkg.stat().st_size // 2])
    (d / "binary.txt").write_bytes(os.urandom(4096))
    for suffix in ("pdf", "docx"):
        (d / f"binary.{suffix}").write_bytes(os.urandom(4096))
    (d / "binary.txt.exe").write_bytes(b"MZ")
    for folder in ("d.xlsx", "d.pdf"):          # a directory named like the output file
        (d / folder).mkdir()
    (d / "zero.xlsx").write_bytes(b"")
    (d / "big_field.csv").write_text("姓名,备注\n张三," + "长" * (128 * 1024) + "\n", encoding="utf-8")
    _roster(d / "roster.xlsx", rows=5)
    write_csv(d / "roster.csv", good_rows(), encoding="utf-8")
    (d / "in").mkdir()
    (d / "in" / "good.gkml").write_bytes(pkg.read_bytes())
    conn = sqlite3.connect(d / "other.sqlite")
    conn.execute("create table contacts(name)")
    conn.commit()
    conn.close()
    zero = d / "zero_ws.db"
    backups = d / "zero_ws.db.backups"
    backups.mkdir()
    (backups / "auto-1.db").write_bytes(Path(db).read_bytes())
    zero.write_bytes(b"")
    from catalog.guides.shipped import load_guides
    from catalog.stdtable import write_xlsx
    from catalog.stdtable.model import ExportDoc
    write_xlsx(ExportDoc(title="g"), d / "guides.xlsx")
    with zipfile.ZipFile(d / "guides.xlsx"):
        pass
    assert load_guides() and VILLAGES
    return {"db": db, "dir": str(d)}


def run_cli_case(argv: list[str], fill: dict[str, str]) -> tuple[bool, str]:
    import contextlib
    import io

    import main as entry
    args = [a.replace("{db}", fill["db"]).replace("{dir}", fill["dir"]) for a in argv]
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = entry.main(args)
            except SystemExit as stop:
                code = stop.code if isinstance(stop.code, int) else 2
    except BaseException as exc:   # a traceback the user would see
        return False, f"traceback {type(exc).__name__}: {str(exc)[:120]}"
    text = err.getvalue()
    if "Traceback" in text:
        return False, "traceback in stderr"
    if code == 2 and not (text.startswith("错误：") or "usage:" in text or "用法" in text):
        return False, f"exit 2 without a message: {text[:120]!r}"
    if code not in (0, 1, 2):
        return False, f"exit {code}"
    return True, f"exit {code}: {(text or out.getvalue()).strip()[:100]}"


def child(category: str, names: list[str]) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    work = Path(tempfile.mkdtemp(prefix="hostile-"))
    cases = dict(CATEGORIES[category](work))
    fill = _fixtures(work / "fx") if category == "cli" else {}
    for name in names:
        try:
            ok, note = RUNNERS[category](cases[name], fill, work)
        except BaseException as exc:
            ok, note = False, f"harness: {type(exc).__name__}: {exc}"
        print(json.dumps({"case": name, "ok": ok, "note": note}, ensure_ascii=False), flush=True)


# -- hostile imports --------------------------------------------------------------------------------------
def import_cases(work: Path) -> list[tuple[str, tuple[str, str]]]:
    """(name, (file kind, import path)): every hostile workbook through every import path."""
    from test_hostile_xlsx import HOSTILE
    files = [*sorted(HOSTILE), "zip_bomb", "entity", "far_cell_ref", "html_as_xlsx", "encrypted", "truncated",
             "docx_as_xlsx", "zero_byte", "xls_garbage", "deep_sst"]
    paths = ["scan", "masked_copy", "notice_import", "read_table", "villages", "catalog_import", "county"]
    return [(f"{f} → {p}", (f, p)) for f in files for p in paths]


def _hostile_file(kind: str, d: Path) -> Path:  # noqa: C901 - one branch per kind of file
    import zipfile

    from test_hostile_xlsx import HOSTILE, raw_xlsx
    p = d / f"{kind}.xlsx"
    if p.exists():
        return p
    if kind in HOSTILE:
        return raw_xlsx(p, HOSTILE[kind])
    if kind == "zip_bomb":
        return raw_xlsx(p, "<row>" + "<c><v>0</v></c>" * 3_000_000 + "</row>")
    if kind == "entity":
        raw_xlsx(p, "")
        with zipfile.ZipFile(p) as zin:
            parts = {n: zin.read(n) for n in zin.namelist()}
        body = parts["xl/worksheets/sheet1.xml"].split(b"?>", 1)[1]
        parts["xl/worksheets/sheet1.xml"] = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
                                             b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>' + body)
        with zipfile.ZipFile(p, "w") as zout:
            for n, b in parts.items():
                zout.writestr(n, b)
        return p
    if kind == "far_cell_ref":
        return raw_xlsx(p, '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
    if kind == "html_as_xlsx":
        p.write_text("<html><table><tr><td>1</td></tr></table></html>")
    elif kind == "encrypted":
        p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(4000))
    elif kind == "truncated":
        raw_xlsx(d / "whole.xlsx", "<row><c t=\"inlineStr\"><is><t>x</t></is></c></row>" * 500)
        p.write_bytes((d / "whole.xlsx").read_bytes()[:600])
    elif kind == "docx_as_xlsx":
        with zipfile.ZipFile(p, "w") as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            z.writestr("word/document.xml", "<w:document/>")
    elif kind == "zero_byte":
        p.write_bytes(b"")
    elif kind == "xls_garbage":
        p = d / "garbage.xls"
        p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 5000)
    elif kind == "deep_sst":
        raw_xlsx(p, '<row><c t="s"><v>0</v></c></row>')
        with zipfile.ZipFile(p, "a") as z:
            z.writestr("xl/sharedStrings.xml", "<sst>" + "<si>" * 50_000 + "</si>" * 50_000 + "</sst>")
    return p


def run_import(case: tuple[str, str], fill: dict, work: Path) -> tuple[bool, str]:
    from catalog.errors import KnownError
    kind, path_name = case
    d = work / "files"
    d.mkdir(exist_ok=True)
    f = _hostile_file(kind, d)
    try:
        _IMPORTS[path_name](f, work)
    except KnownError as err:
        return True, f"refused: {str(err)[:100]}"
    except Exception as exc:
        return False, f"traceback {type(exc).__name__}: {str(exc)[:100]}"
    return True, "read"


def _imp_scan(f: Path, work: Path) -> None:
    from catalog.privacy.scan import scan_file
    scan_file(f)


def _imp_mask(f: Path, work: Path) -> None:
    from catalog.privacy.mask import write_masked_copy
    write_masked_copy(f, work / f"masked-{os.getpid()}.xlsx")


def _imp_notice(f: Path, work: Path) -> None:
    from catalog.noticeboard.importer import import_roster
    import_roster(f, villages=["张家村"])


def _imp_table(f: Path, work: Path) -> None:
    from catalog.stdtable.reader import read_table
    read_table(f)


def _imp_villages(f: Path, work: Path) -> None:
    from catalog.township.profile import read_villages_file
    read_villages_file(f)


def _imp_catalog(f: Path, work: Path) -> None:
    from helpers import new_catalog

    from catalog.exchange.catalog_import import import_catalog_file
    d = work / "cat"
    if not d.exists():
        new_catalog(d, compile=False).close()
    from helpers import shipped

    from catalog.township.service import TownshipCatalog
    cat = TownshipCatalog.open(d / "ws.db", shipped())
    try:
        import_catalog_file(cat, f)
    finally:
        cat.close()


def _imp_county(f: Path, work: Path) -> None:
    """A bad file among good ones: the run must report it and import the others."""
    import shutil

    from helpers import shipped
    from test_county import hand_made_xlsx

    from catalog.county.workspace import FAILED, IMPORTED, CountyWorkspace
    d = work / f"county-{f.stem}"
    shutil.rmtree(d, ignore_errors=True)
    (d / "in").mkdir(parents=True)
    for i in range(3):
        hand_made_xlsx(d / "in" / f"good{i}.xlsx", title=f"丙{i}镇政务公开事项标准目录（2026年版）")
    shutil.copy(f, d / "in" / f.name)
    with CountyWorkspace.open(d / "c.db", shipped()) as cw:
        rep = cw.import_folder(d / "in")
    status = {r.file: r.status for r in rep.files}
    good = [status[f"good{i}.xlsx"] for i in range(3)]
    if good != [IMPORTED] * 3 or status[f.name] not in (FAILED, IMPORTED, "ignored"):
        raise RuntimeError(f"county run: {status}")


_IMPORTS = {"scan": _imp_scan, "masked_copy": _imp_mask, "notice_import": _imp_notice,
            "read_table": _imp_table, "villages": _imp_villages, "catalog_import": _imp_catalog,
            "county": _imp_county}


# -- crafted packages -------------------------------------------------------------------------------------
def package_cases(work: Path) -> list[tuple[str, str]]:
    from test_hostile_packages import HOSTILE, RAW
    names = sorted(HOSTILE) + sorted(RAW)
    return [(f"{n} → {p}", f"{n}|{p}") for n in names for p in ("read", "catalog_import", "county")] + \
        [(f"truncated at {k}% → read", f"truncated{k}|read") for k in (1, 10, 30, 50, 70, 90, 99)]


def run_package(case: str, fill: dict, work: Path) -> tuple[bool, str]:
    from export_helpers import rich_catalog
    from helpers import shipped
    from test_hostile_packages import build

    from catalog.county.workspace import FAILED, CountyWorkspace
    from catalog.errors import KnownError
    from catalog.exchange.catalog_import import import_catalog_file
    from catalog.exchange.export import export_catalog
    from catalog.exchange.package import read_package
    name, path = case.split("|")
    good = work / "good.gkml"
    if not good.exists():
        cat = rich_catalog(work / "src")
        export_catalog(cat, good, kind="package")
        cat.close()
    bad = work / f"{name}.gkml"
    if name.startswith("truncated"):
        data = good.read_bytes()
        bad.write_bytes(data[: len(data) * int(name[9:]) // 100])
    else:
        build(good, bad, name)
    try:
        if path == "read":
            read_package(bad)
        elif path == "catalog_import":
            cat = rich_catalog(work / f"t-{name}")
            try:
                import_catalog_file(cat, bad)
            finally:
                cat.close()
        else:
            d = work / f"c-{name}"
            (d / "in").mkdir(parents=True, exist_ok=True)
            (d / "in" / "bad.gkml").write_bytes(bad.read_bytes())
            (d / "in" / "good.gkml").write_bytes(good.read_bytes())
            with CountyWorkspace.open(d / "c.db", shipped()) as cw:
                rep = cw.import_folder(d / "in")
            st = {r.file: r.status for r in rep.files}
            return st["bad.gkml"] == FAILED and st["good.gkml"] != FAILED, f"county: {st}"
    except KnownError as err:
        return True, f"refused: {str(err)[:90]}"
    except Exception as exc:
        return False, f"traceback {type(exc).__name__}: {str(exc)[:100]}"
    return False, "accepted a malformed package"


# -- outputs searched for personal data -------------------------------------------------------------------
def output_cases(work: Path) -> list[tuple[str, str]]:
    kinds = ["item_id", "split_id", "group_id", "remark_fullwidth", "remark_spaced", "name_with_id"]
    outs = ["notice.pdf", "notice.xlsx", "summary.pdf", "summary.xlsx"]
    return ([(f"{k} → {o}", f"{k}|{o}") for k in kinds for o in outs]
            + [(f"masked copy ({way}, {n} rows)", f"mask|{way}-{n}") for way in ("direct", "openpyxl")
               for n in (1, 30, 300)]
            + [(f"catalog with ID → {k}", f"catalog|{k}") for k in ("xlsx", "pdf", "package", "publish")])


def run_output(case: str, fill: dict, work: Path) -> tuple[bool, str]:
    from catalog.errors import KnownError
    from catalog.privacy.scan import scan_file
    kind, out = case.split("|")
    d = Path(tempfile.mkdtemp(dir=work))
    try:
        produced = _produce(kind, out, d)
    except KnownError as err:
        return True, f"refused: {str(err)[:90]}"
    except Exception as exc:
        return False, f"traceback {type(exc).__name__}: {str(exc)[:100]}"
    if produced is None:
        return True, "nothing written"
    leaked = _raw_leaks(produced)
    if leaked:
        return False, f"{len(leaked)} planted numbers in the raw parts of {produced.name}"
    if produced.suffix.lower() not in (".xlsx", ".pdf", ".csv"):
        return False, f"{produced.name} written (holds the planted number)"
    hits = [h for h in scan_file(produced).hits if h.kind in ("id_number", "bank_card")]
    return not hits, f"{len(hits)} full numbers in {produced.name}" if hits else "clean"


def _raw_leaks(path: Path) -> set[str]:
    """The planted numbers found anywhere in a zip-based output's parts (independent of the scanner)."""
    import zipfile

    from notice_helpers import make_id
    from test_scan import CARD, ID1, ID2
    planted = {ID1, ID2, CARD, make_id(777, "19800101")}
    if not zipfile.is_zipfile(path):
        return set()
    with zipfile.ZipFile(path) as zf:
        text = "".join(zf.read(n).decode("utf-8", "replace") for n in zf.namelist())
    return {p for p in planted if p in text}


def _produce(kind: str, out: str, d: Path) -> Path | None:  # noqa: C901 - one branch per case
    from datetime import date

    from notice_helpers import VILLAGES, good_rows, make_id, write_csv
    from test_hostile_privacy import _roster, as_excel_saves

    from catalog.noticeboard.importer import import_roster
    from catalog.noticeboard.render_pdf import render_pdf
    from catalog.noticeboard.render_xlsx import render_summary_xlsx, render_xlsx
    from catalog.noticeboard.sheets import build_sheets
    from catalog.noticeboard.summary import render_summary_pdf, summarize
    from catalog.noticeboard.template import load_template
    secret = make_id(777, "19800101")
    if kind == "mask":   # shared strings, a comment, properties, a hidden sheet, a name, a header
        import catalog.privacy.mask_xlsx as direct
        from catalog.privacy.mask import write_masked_copy
        way, n = out.split("-")
        src = _roster(d / "r.xlsx", rows=int(n))
        if way == "openpyxl":
            direct.mask_xlsx = lambda *a, **k: None
        return Path(write_masked_copy(src, d / "m.xlsx").path)
    if kind == "catalog":
        from export_helpers import rich_catalog

        from catalog.exchange.export import export_catalog
        from catalog.township.commands import EditItem
        cat = rich_catalog(d / "w")
        try:
            item = cat.items()[0]
            cat.do(EditItem(item.uid, {"content": (*item.text.content, f"联系人 {secret}")}))
            if out == "publish":
                cat.publish("v")
                return None
            return export_catalog(cat, d / f"c.{'gkml' if out == 'package' else out}", kind=out)
        finally:
            cat.close()
    rows = good_rows()
    fw = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
    if kind == "item_id":
        rows[0][5] = f"耕地地力保护补贴{secret}"
    elif kind == "split_id":
        rows[0][4], rows[0][5] = "第" + secret[:9], secret[9:] + "号补贴"
    elif kind == "group_id":
        rows[0][4] = f"{secret}组"
    elif kind == "remark_fullwidth":
        rows[0][5] = "补贴" + secret.translate(fw)
    elif kind == "remark_spaced":
        rows[0][5] = f"补贴 {secret[:6]} {secret[6:14]} {secret[14:]}"
    elif kind == "name_with_id":
        rows[0][1] = f"张三{secret}"
    roster = import_roster(write_csv(d / "r.csv", rows, encoding="utf-8"), villages=VILLAGES)
    tpl, start = load_template(), date(2026, 11, 23)
    target = d / out
    if out == "notice.pdf":
        render_pdf(roster, target, township="某镇", period_start=start, phone="0710-1")
    elif out == "notice.xlsx":
        render_xlsx(roster, target, township="某镇", period_start=start, phone="0710-1")
    else:
        summary = summarize(build_sheets(roster, template=tpl))
        kw = {"template": tpl, "township": "某镇", "government": "某镇人民政府", "year": 2026,
              "issued_on": start}
        (render_summary_pdf if out.endswith(".pdf") else render_summary_xlsx)(summary, target, **kw)
    assert as_excel_saves
    return target if target.exists() else None


# -- kills --------------------------------------------------------------------------------------------------
def kill_cases(work: Path) -> list[tuple[str, str]]:
    return ([(f"restore killed after {n} lines", f"restore|{n}") for n in range(1, 125, 3)]
            + [(f"rotate_backup killed after {n} lines", f"rotate|{n}") for n in range(1, 60, 3)]
            + [(f"compile killed after {t:.2f}s", f"compile|{t}")
               for t in (0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8)])


KILLER = r"""
import os, signal, sys
sys.path[:0] = [{root!r}, {tests!r}]
from catalog.storage import workspace
target, n = workspace.__file__, {n}
def tracer(frame, event, arg):
    global n
    if frame.f_code.co_filename == target and event == "line":
        n -= 1
        if n <= 0:
            os.kill(os.getpid(), signal.SIGKILL)
    return tracer
action = {action!r}
if action == "rotate":
    workspace.AUTO_BACKUP_INTERVAL_S = 0
sys.settrace(tracer)
if action == "restore":
    workspace.restore({db!r}, {backup!r})
else:
    workspace.rotate_backup(workspace.Path({db!r}))
"""


def run_kill(case: str, fill: dict, work: Path) -> tuple[bool, str]:
    from catalog.storage.workspace import Workspace, backup_dir
    action, arg = case.split("|")
    d = Path(tempfile.mkdtemp(dir=work))
    db, backup = d / "w.db", d / "b.db"
    for p, v in ((db, "old"), (backup, "new")):
        with Workspace.open(p, backup=False) as ws:
            ws.set_setting("k", v)
            ws.db["workspace_settings"].insert_all({"key": f"p{i}", "value": "x" * 400} for i in range(200))
    if action == "compile":
        from test_storage import KILL_SCRIPT
        db2 = d / "c.db"
        proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT.format(root=str(ROOT), db=str(db2))],
                                stdout=subprocess.PIPE, text=True)
        proc.stdout.readline()
        time.sleep(float(arg))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with Workspace.open(db2, backup=False) as ws:
            ok = ws.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            n = ws.db.execute("select count(*) from items").fetchone()[0]
        return ok and n % 1 == 0, f"integrity ok, {n} items"
    script = KILLER.format(root=str(ROOT), tests=str(ROOT / "tests"), n=arg, action=action, db=str(db),
                           backup=str(backup))
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    with Workspace.open(db, backup=False) as ws:
        ok = ws.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        value = ws.setting("k")
    junk = [p.name for p in backup_dir(db).glob("*.db")] if backup_dir(db).exists() else []
    empty = [n for n in junk if (backup_dir(db) / n).stat().st_size == 0]
    return ok and value in ("old", "new") and not empty and db.stat().st_size > 0, \
        f"rc {proc.returncode}, workspace {value}, backups {len(junk)}"


# -- two CLI commands writing one workspace at once ---------------------------------------------------------
PAIRS = [
    (["ledger", "add", "17-001", "--title", "a", "--published", "2026-11-01"], ["compile"]),
    (["compile"], ["compile"]),
    (["publish", "--note", "v"], ["ledger", "add", "17-001", "--title", "b", "--published", "2026-11-02"]),
    (["domain", "涉农补贴", "--involved"], ["request", "add", "--channel", "网络", "--category", "自然人",
                                            "--name", "张三", "--content", "x"]),
    (["holidays", "add", "2026-12-31", "休"],
     ["ledger", "add", "17-001", "--title", "c", "--formed", "2026-11-03"]),
    (["backup"], ["compile"]),
]


def lock_cases(work: Path) -> list[tuple[str, int]]:
    return [(f"{' '.join(a[:2])} ‖ {' '.join(b[:2])}", i) for i, (a, b) in enumerate(PAIRS)]


def run_lock(case: int, fill: dict, work: Path) -> tuple[bool, str]:
    from helpers import new_catalog
    d = Path(tempfile.mkdtemp(dir=work))
    cat = new_catalog(d, domains=["涉农补贴"])
    db = str(cat.ws.path)
    cat.close()
    procs = [subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--db", db, *argv],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
             for argv in PAIRS[case]]
    results = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in procs]
    ok = all(code in (0, 1) and "Traceback" not in err for code, err in results)
    return ok, "; ".join(f"exit {code} {err.strip()[:60]}" for code, err in results)


# -- driver -------------------------------------------------------------------------------------------------
CATEGORIES = {"cli": cli_cases, "imports": import_cases, "packages": package_cases, "outputs": output_cases,
              "kills": kill_cases, "locks": lock_cases}
RUNNERS = {"cli": lambda case, fill, work: run_cli_case(case, fill), "imports": run_import,
           "packages": run_package, "outputs": run_output, "kills": run_kill, "locks": run_lock}
LABELS = {"cli": "bad CLI inputs", "imports": "hostile imports", "packages": "crafted packages",
          "outputs": "outputs searched for personal data", "kills": "kill -9 at random points",
          "locks": "concurrent CLI pairs on one workspace"}


def drive(category: str) -> list[dict]:
    names = [n for n, _ in CATEGORIES[category](Path(tempfile.mkdtemp()))]
    results: list[dict] = []
    todo = list(names)
    while todo:
        proc = subprocess.Popen([sys.executable, __file__, "--child", category, "--cases", json.dumps(todo)],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT,
                                env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("{"):
                r = json.loads(line)
                results.append(r)
                todo.remove(r["case"])
        proc.wait()
        if todo and proc.returncode != 0:   # the child died on todo[0]: count it, go on with the rest
            note = f"process died (exit {proc.returncode})"
            results.append({"case": todo.pop(0), "ok": False, "note": note})
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default=",".join(CATEGORIES))
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--child")
    ap.add_argument("--cases")
    args = ap.parse_args()
    if args.child:
        child(args.child, json.loads(args.cases))
        return 0
    report = {}
    for category in args.only.split(","):
        results = drive(category)
        report[category] = results
        ok = sum(r["ok"] for r in results)
        print(f"{LABELS[category]}: {len(results)} tried, {ok} handled cleanly", flush=True)
        for r in results:
            if not r["ok"]:
                print(f"    ✗ {r['case']}: {r['note']}", flush=True)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0 if all(r["ok"] for rs in report.values() for r in rs) else 1


if __name__ == "__main__":
    sys.exit(main())
