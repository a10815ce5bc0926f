"""Importing one's own old catalog (title with 人民政府/办事处/政府 or no township at all) and taking a
neighbour's or the county's catalog as the starting point (`import --as-template`)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import new_catalog

from catalog.errors import InputError
from catalog.exchange.catalog_import import core_name, import_catalog_file, names_a_place, same_township
from catalog.exchange.export import export_catalog
from catalog.township.profile import Township
from tests.test_cli_guides import run_cli

DONGWAN = Township("东湾镇", "某县", "420102001000")
XILING = Township("西岭镇", "某县", "420102002000")


def _table(tmp_path: Path, title: str, *, township: Township = DONGWAN, name: str = "old.xlsx") -> Path:
    """An exported Excel whose title the clerk once typed differently, without 区划代码 (an old table)."""
    import openpyxl
    cat = new_catalog(tmp_path / f"src-{name}", township=township)
    path = export_catalog(cat, tmp_path / name, kind="xlsx")
    cat.close()
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        ws["A1"] = title
        for row in ws.iter_rows(max_row=2):
            for c in row:
                if isinstance(c.value, str) and "区划代码" in c.value:
                    c.value = ""
    wb.save(path)
    return path


@pytest.mark.parametrize("title", ["东湾镇人民政府政务公开事项标准目录",
                                   "东湾镇政府政务公开事项标准目录（2025年版）",
                                   "某县东湾镇人民政府基层政务公开标准目录"])
def test_own_table_with_a_government_suffix_is_accepted(tmp_path, title):
    cat = new_catalog(tmp_path / "ws", township=DONGWAN, compile=False)
    try:
        summary = import_catalog_file(cat, _table(tmp_path, title))
    finally:
        cat.close()
    assert summary.applied and summary.items > 100 and summary.notes == []


def test_title_without_a_township_uses_the_workspace_name_with_a_reminder(tmp_path):
    cat = new_catalog(tmp_path / "ws", township=DONGWAN, compile=False)
    try:
        summary = import_catalog_file(cat, _table(tmp_path, "政务公开事项标准目录（2026年版）",
                                                  name="目录.xlsx"))
    finally:
        cat.close()
    assert summary.applied and summary.problems == []
    [note] = summary.notes
    assert "没有乡镇名称" in note and "东湾镇" in note


def test_different_township_is_still_refused(tmp_path):
    cat = new_catalog(tmp_path / "ws", township=DONGWAN, compile=False)
    try:
        with pytest.raises(InputError, match=r"表格标题中的乡镇是「西岭镇人民政府」，而本工作区是 东湾镇"):
            import_catalog_file(cat, _table(tmp_path, "西岭镇人民政府政务公开事项标准目录", township=XILING))
        assert not cat.store.uids()
    finally:
        cat.close()


def test_street_office_names():
    assert core_name("东湾街道办事处") == "东湾街道" and core_name("东湾镇人民政府") == "东湾镇"
    assert same_township("东湾街道办事处", "东湾街道") and same_township("东湾镇政府", "东湾镇")
    assert same_township("某县东湾镇", "东湾镇") and not same_township("西岭镇", "东湾镇")
    assert not names_a_place("目录") and not names_a_place("") and names_a_place("某县人民政府")


def test_neighbours_package_as_template_rewrites_the_subject(tmp_path):
    neighbour = new_catalog(tmp_path / "xl", township=XILING)
    pkg = export_catalog(neighbour, tmp_path / "西岭镇.gkml", kind="package")
    subjects = {i.text.subject for i in neighbour.items()}
    neighbour.close()
    assert "西岭镇人民政府" in subjects
    cat = new_catalog(tmp_path / "ws", township=DONGWAN, compile=False)
    try:
        with pytest.raises(InputError, match=r"区划代码 420102002000.*未导入"):
            import_catalog_file(cat, pkg)                       # without the flag: refused as before
        summary = import_catalog_file(cat, pkg, as_template=True)
        mine = {i.text.subject for i in cat.items()}
        assert cat.township().name == "东湾镇"                 # the workspace's own profile stays
    finally:
        cat.close()
    assert summary.applied and summary.as_template and summary.subjects_rewritten > 100
    assert "东湾镇人民政府" in mine and not any("西岭镇" in (s or "") for s in mine)
    assert "请逐项核对" in summary.notes[0]


def test_county_table_as_template_keeps_county_bodies(tmp_path):
    from dataclasses import replace

    from catalog.exchange.catalog_import import _as_template
    cat = new_catalog(tmp_path / "ws", township=DONGWAN)
    try:
        item = cat.items()[0]
    finally:
        cat.close()
    items = [replace(item, text=replace(item.text, subject=s)) for s in
             ("乡镇人民政府", "某县民政局、乡（镇）人民政府", "某县人民政府", "西岭镇东风村委会")]
    out, n = _as_template(items, source="西岭镇人民政府", township=DONGWAN)
    assert [i.text.subject for i in out] == ["东湾镇人民政府", "某县民政局、东湾镇人民政府", "某县人民政府",
                                             "东湾镇东风村委会"]
    assert n == 3


def test_cli_as_template(tmp_path):
    neighbour = new_catalog(tmp_path / "xl", township=XILING)
    pkg = export_catalog(neighbour, tmp_path / "西岭镇.gkml", kind="package")
    neighbour.close()
    db = str(tmp_path / "ws.db")
    assert run_cli("--db", db, "init", "--township", "东湾镇", "--county", "某县", "--code", "420102001000"
                   ).returncode == 0
    r = run_cli("--db", db, "import", str(pkg))
    assert r.returncode == 2 and "未导入" in r.stderr
    r = run_cli("--db", db, "import", str(pkg), "--as-template", "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["as_template"] and data["subjects_rewritten"] > 100 and data["applied"]
    r = run_cli("--db", str(tmp_path / "none.db"), "import", str(pkg), "--as-template")
    assert r.returncode == 2 and "init" in r.stderr and not (tmp_path / "none.db").exists()
