"""Issue 13 #10: the bad CLI inputs that ended in a traceback end in a Chinese message and exit 2, and the
smaller file mix-ups (a guides workbook in a county folder, a cut-off .gkml) are named for what they are."""
from __future__ import annotations

import zipfile

import pytest
from helpers import new_catalog, run_cli, shipped

from catalog.county.workspace import FAILED, CountyWorkspace
from catalog.errors import InputError
from catalog.exchange.export import export_catalog
from catalog.exchange.package import read_package


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    d = tmp_path_factory.mktemp("cli")
    cat = new_catalog(d, domains=["涉农补贴"])
    path = cat.ws.path
    cat.close()
    (d / "big_field.csv").write_text("姓名,备注\n张三," + "长" * (128 * 1024) + "\n", encoding="utf-8")
    (d / "out.xlsx").mkdir()
    return d, path


CASES = {
    "date 0001": ["due", "--today", "0001-01-01"],
    "date 9999": ["due", "--today", "9999-12-31"],
    "request at 9999": ["request", "add", "--received", "9999-12-31", "--channel", "网络",
                        "--category", "自然人", "--name", "张三", "--content", "x"],
    "amount nan": ["ledger", "add", "17-001", "--title", "x", "--amount", "nan"],
    "amount inf": ["ledger", "add", "17-001", "--title", "x", "--amount", "-inf"],
    "year 99999": ["annual-report", "99999"],
    "holidays year 99999": ["holidays", "show", "--year", "99999"],
    "report is a directory": ["check", "--report", "{d}/out.xlsx"],
    "annual out is a directory": ["annual-report", "2026", "--out", "{d}/out.xlsx"],
    "export out is a directory named .xlsx": ["export", "xlsx", "{d}/out.xlsx/../out.xlsx"],
    "5000-char path": ["export", "xlsx", "{d}/" + "x" * 5000 + ".xlsx"],
    "128 KB csv field": ["scan", "{d}/big_field.csv"],
    "county --out .": ["county", "{d}", "--out", "."],
    "county --out missing folder": ["county", "{d}", "--out", "{d}/无/s.xlsx"],
    "restore onto itself": ["restore", "{db}"],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_cli_input_ends_cleanly(ws, name, tmp_path):
    d, db = ws
    args = [a.replace("{d}", str(d)).replace("{db}", str(db)) for a in CASES[name]]
    if args[0] == "county":
        db = tmp_path / "county.db"
    out = run_cli("--db", str(db), *args, cwd=tmp_path)
    assert "Traceback" not in out.stderr and "Exception ignored" not in out.stderr, out.stderr[-500:]
    assert out.returncode in (0, 1, 2)
    if out.returncode == 2:
        assert out.stderr.startswith("错误：") or "usage:" in out.stderr, out.stderr[:300]


@pytest.mark.parametrize("args", [["due", "--today", "0001-01-01"], ["check", "--today", "9999-12-31"],
                                  ["request", "add", "--received", "0001-01-01", "--channel", "网络",
                                   "--category", "自然人", "--name", "张三", "--content", "x"],
                                  ["notice", "print", "x.pdf", "--start", "9999-12-31"]])
def test_dates_at_year_1_or_9999_are_refused_as_out_of_range(ws, args, tmp_path):
    out = run_cli("--db", str(ws[1]), *args, cwd=tmp_path)
    assert out.returncode == 2 and "超出范围" in out.stderr and "Traceback" not in out.stderr


def test_phone_of_100k_characters(tmp_path):
    out = run_cli("--db", str(tmp_path / "w.db"), "init", "--township", "某镇", "--county", "某县",
                  "--code", "420102001000", "--phone", "1" * 100_000)
    assert "Traceback" not in out.stderr and out.returncode in (0, 2)


def test_init_villages_error_names_the_file(tmp_path):
    villages = tmp_path / "村名单.csv"
    villages.write_text("张家村\n李家村,1\n", encoding="utf-8")
    out = run_cli("--db", str(tmp_path / "w.db"), "init", "--township", "某镇", "--county", "某县",
                  "--code", "420102001000", "--villages", str(villages))
    assert out.returncode == 2 and "村名单.csv" in out.stderr and "李家村" in out.stderr
    assert not (tmp_path / "w.db").exists()


def test_guides_export_workbook_is_not_taken_for_a_township(tmp_path):
    cat = new_catalog(tmp_path / "w", domains=["涉农补贴"])
    cat.close()
    src = tmp_path / "in"
    src.mkdir()
    out = run_cli("--db", str(tmp_path / "w" / "ws.db"), "guides", "export", "涉农补贴", str(src / "g.xlsx"))
    assert out.returncode == 0, out.stderr
    with CountyWorkspace.open(tmp_path / "county.db", shipped()) as cw:
        rep = cw.import_folder(src)
        assert cw.townships() == []
    [result] = rep.files
    assert result.status == FAILED and "标准指引" in result.message


def test_cut_off_package_is_called_incomplete_not_an_excel_workbook(tmp_path):
    cat = new_catalog(tmp_path / "w", domains=["涉农补贴"])
    pkg = export_catalog(cat, tmp_path / "某镇.gkml", kind="package")
    cat.close()
    with zipfile.ZipFile(pkg) as zf:
        inner = zf.getinfo("catalog.xlsx")
    end = inner.header_offset + 30 + len(inner.filename) + inner.compress_size   # just after the Excel
    for cut in (end, end + 20):
        cut_off = tmp_path / f"cut{cut}.gkml"
        cut_off.write_bytes(pkg.read_bytes()[:cut])
        with pytest.raises(InputError) as err:
            read_package(cut_off)
        assert "不完整" in str(err.value) and "Excel 工作簿" not in str(err.value)
