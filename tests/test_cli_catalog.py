"""The catalog CLI contract: init, compile, show --json, domain, publish, diff, backup, restore."""
from __future__ import annotations

import json

from tests.test_cli_guides import run_cli


def test_full_cli_flow(tmp_path):
    (tmp_path / "v.txt").write_bytes("张家村\n李家村,420102001202\n".encode("gbk"))
    db = str(tmp_path / "w.db")
    r = run_cli("--db", db, "init", "--township", "某镇", "--county", "某县", "--code", "420102001000",
                "--villages", str(tmp_path / "v.txt"))
    assert r.returncode == 0, r.stderr
    r = run_cli("--db", db, "compile", "--domains", "涉农补贴,社会救助", "--json")
    first = json.loads(r.stdout)
    assert first["added"] > 0 and first["already"] == 0
    r = run_cli("--db", db, "compile", "--domains", "涉农补贴,社会救助", "--json")
    assert json.loads(r.stdout)["added"] == 0                    # idempotent
    shown = json.loads(run_cli("--db", db, "show", "--json").stdout)
    assert shown["township"]["villages"][1] == {"name": "李家村", "code": "420102001202"}
    assert {i["domain"] for i in shown["items"]} == {"涉农补贴", "社会救助"}
    assert all(i["subject"] == "某镇人民政府" for i in shown["items"])
    assert run_cli("--db", db, "publish", "--note", "初版").returncode == 0
    r = run_cli("--db", db, "domain", "税收管理", "--not-involved", "本镇不承担税收管理职能")
    assert r.returncode == 0, r.stderr
    d = json.loads(run_cli("--db", db, "diff", "1", "current", "--json").stdout)
    assert d["domains"] and not d["added"]
    assert "两个版本内容相同" in run_cli("--db", db, "diff", "1", "1").stdout
    r = run_cli("--db", db, "backup", str(tmp_path / "b.db"))
    assert r.returncode == 0 and (tmp_path / "b.db").exists()
    r = run_cli("--db", db, "restore", str(tmp_path / "b.db"))
    assert r.returncode == 0, r.stderr


def test_bad_input_writes_nothing(tmp_path):
    db = tmp_path / "w.db"
    r = run_cli("--db", str(db), "init", "--township", "某镇", "--county", "某县", "--code", "12345")
    assert r.returncode == 2 and "行政区划代码" in r.stderr
    assert not db.exists()
    (tmp_path / "dup.txt").write_text("张家村\n张家村\n", encoding="utf-8")
    r = run_cli("--db", str(db), "init", "--township", "某镇", "--county", "某县", "--code", "420102001000",
                "--villages", str(tmp_path / "dup.txt"))
    assert r.returncode == 2 and "重复" in r.stderr and "第 2 行" in r.stderr
    assert not db.exists()


def test_commands_on_missing_workspace_fail_clearly(tmp_path):
    r = run_cli("--db", str(tmp_path / "none.db"), "show")
    assert r.returncode == 2 and "init" in r.stderr and "Traceback" not in r.stderr


def test_unknown_domain_in_compile(tmp_path):
    db = str(tmp_path / "w.db")
    run_cli("--db", db, "init", "--township", "某镇", "--county", "某县", "--code", "420102001000")
    r = run_cli("--db", db, "compile", "--domains", "涉农补贴,火星开发")
    assert r.returncode == 2 and "未知的领域" in r.stderr
    assert json.loads(run_cli("--db", db, "show", "--json").stdout)["items"] == []
