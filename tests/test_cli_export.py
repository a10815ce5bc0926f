"""CLI contract of export, import and county: file names, --json shapes, exit codes."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.test_cli_guides import ROOT, run_cli


def _township(tmp_path, name="某镇", code="420102001000"):
    db = str(tmp_path / f"{code}.db")
    assert run_cli("--db", db, "init", "--township", name, "--county", "某县", "--code", code).returncode == 0
    assert run_cli("--db", db, "compile").returncode == 0
    assert run_cli("--db", db, "domain", "税收管理", "--not-involved", "不设税务机构").returncode == 0
    return db


def test_export_import_and_county(tmp_path):
    db = _township(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    r = run_cli("--db", db, "export", "package", str(out), "--json")
    assert r.returncode == 0, r.stderr
    pkg = json.loads(r.stdout)
    assert set(pkg) == {"kind", "file", "township", "code", "catalog_version", "title", "domains", "items",
                        "not_involved"}
    assert pkg["not_involved"] == [{"domain": "税收管理", "reason": "不设税务机构"}]
    assert os.path.basename(pkg["file"]).startswith("某镇政务公开事项标准目录_工作稿_")
    for kind in ("xlsx", "pdf"):
        r = run_cli("--db", db, "export", kind, str(out / f"t.{kind}"))
        assert r.returncode == 0 and (out / f"t.{kind}").stat().st_size > 1000, r.stderr
    r = run_cli("--db", db, "export", "xlsx", str(out / "v.xlsx"), "--version", "7")
    assert r.returncode == 2 and "没有第 7 版" in r.stderr

    new_db = str(tmp_path / "restored.db")
    r = run_cli("--db", new_db, "import", pkg["file"], "--json")
    assert r.returncode == 0, r.stderr
    imp = json.loads(r.stdout)
    assert imp["applied"] and imp["township_created"] and imp["items"] > 150 and imp["problems"] == []

    (out / "bad.gkml").write_bytes(b"PK\x03\x04 truncated")
    r = run_cli("--db", str(tmp_path / "c.db"), "county", str(out), "--out",
                str(tmp_path / "s.xlsx"), "--json")
    assert r.returncode == 1                                   # a file failed: needs attention
    data = json.loads(r.stdout)
    assert set(data) == {"workspace", "import", "overview", "summary_file"}
    statuses = {f["file"]: f["status"] for f in data["import"]["files"]}
    assert statuses["bad.gkml"] == "failed" and statuses["t.pdf"] == "ignored"
    assert [t["name"] for t in data["overview"]["townships"]] == ["某镇"]
    assert (tmp_path / "s.xlsx").exists()

    r = run_cli("--db", db, "county", str(out))
    assert r.returncode == 2 and "乡镇工作区" in r.stderr


def test_refused_import_creates_no_workspace(tmp_path):
    bad = tmp_path / "x.gkml"
    bad.write_text("hello", encoding="utf-8")
    db = tmp_path / "new.db"
    r = run_cli("--db", str(db), "import", str(bad))
    assert r.returncode == 2 and "x.gkml" in r.stderr and not db.exists()


def test_county_without_db_uses_a_county_workspace_in_the_data_folder(tmp_path):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "APPDATA": str(tmp_path / "data")}
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), "county", "--json"],
                       capture_output=True, text=True, encoding="utf-8", cwd=ROOT, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["import"] is None and data["overview"]["townships"] == []
    assert data["workspace"].endswith("county.gkml.db") and str(tmp_path) in data["workspace"]
