"""County files by content, not name: `export package OUT` always ends in .gkml (and says so when it renamed);
`county DIR` recognises a catalog package by its manifest whatever the file is called."""
from __future__ import annotations

import json
import zipfile

import pytest
from helpers import new_catalog, shipped

from catalog.county.workspace import IGNORED, IMPORTED, CountyWorkspace
from catalog.exchange.export import export_catalog, package_target
from catalog.township.profile import Township
from tests.test_cli_guides import run_cli

JIA = Township("甲镇", "某县", "420102001000")


@pytest.mark.parametrize("given, written", [
    ("上报.gkml", "上报.gkml"), ("上报.GKML", "上报.GKML"), ("上报.zip", "上报.zip.gkml"),
    ("上报", "上报.gkml"),
    ("甲镇目录.xlsx", "甲镇目录.xlsx.gkml"),
])
def test_package_name_always_ends_in_gkml(tmp_path, given, written):
    assert package_target(tmp_path / given).name == written


def test_export_package_to_another_suffix_appends_gkml(tmp_path):
    cat = new_catalog(tmp_path / "ws", township=JIA)
    try:
        path = export_catalog(cat, tmp_path / "甲镇.zip", kind="package")
    finally:
        cat.close()
    assert path.name == "甲镇.zip.gkml" and path.is_file() and not (tmp_path / "甲镇.zip").exists()
    # other kinds keep the name given
    cat = new_catalog(tmp_path / "ws2", township=JIA)
    try:
        assert export_catalog(cat, tmp_path / "甲镇.dat", kind="xlsx").name == "甲镇.dat"
    finally:
        cat.close()


def test_cli_says_when_it_renamed(tmp_path):
    db = str(tmp_path / "ws.db")
    assert run_cli("--db", db, "init", "--township", "甲镇", "--county", "某县", "--code", "420102001000"
                   ).returncode == 0
    assert run_cli("--db", db, "compile").returncode == 0
    r = run_cli("--db", db, "export", "package", str(tmp_path / "甲镇.zip"))
    assert r.returncode == 0, r.stderr
    assert "已保存为 甲镇.zip.gkml" in r.stdout and (tmp_path / "甲镇.zip.gkml").is_file()
    r = run_cli("--db", db, "export", "package", str(tmp_path / "甲镇.gkml"), "--json")
    assert json.loads(r.stdout)["file"].endswith("甲镇.gkml") and "已保存为" not in r.stdout


def test_county_recognises_a_package_by_its_manifest_whatever_its_name(tmp_path):
    cat = new_catalog(tmp_path / "ws", township=JIA)
    try:
        pkg = export_catalog(cat, tmp_path / "p.gkml", kind="package")
    finally:
        cat.close()
    src = tmp_path / "in"
    src.mkdir()
    (src / "甲镇上报（微信转发）").write_bytes(pkg.read_bytes())           # no suffix at all
    (src / "说明.dat").write_bytes(b"not a zip at all")
    with zipfile.ZipFile(src / "照片.dat", "w") as zf:                     # a zip, but no manifest
        zf.writestr("a.txt", "x")
    county = CountyWorkspace.open(tmp_path / "county.db", shipped())
    try:
        rep = county.import_folder(src)
    finally:
        county.close()
    r = {f.file: f for f in rep.files}
    assert r["甲镇上报（微信转发）"].status == IMPORTED and r["甲镇上报（微信转发）"].kind == "package"
    assert r["甲镇上报（微信转发）"].township == "甲镇"
    assert r["说明.dat"].status == IGNORED and r["照片.dat"].status == IGNORED
