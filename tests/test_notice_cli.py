"""The notice CLI contract: import report (--json, exit 1 on errors), print (skips blocked villages)."""
import json

from notice_helpers import VILLAGES, good_rows, write_xlsx

from tests.test_cli_guides import run_cli


def _init(tmp_path) -> str:
    (tmp_path / "v.txt").write_text("\n".join(VILLAGES), encoding="utf-8")
    db = str(tmp_path / "w.db")
    r = run_cli("--db", db, "init", "--township", "某镇", "--county", "某县", "--code", "420102001000",
                "--villages", str(tmp_path / "v.txt"), "--supervise-phone", "0710-1234567")
    assert r.returncode == 0, r.stderr
    return db


def test_import_print_exclude_flow(tmp_path):
    db = _init(tmp_path)
    rows = good_rows()
    rows[1][8] = -20.0                                    # 李家村, spreadsheet row 4 (title + header above)
    roster = write_xlsx(tmp_path / "名册.xlsx", rows)
    r = run_cli("--db", db, "notice", "import", str(roster), "--json")
    assert r.returncode == 1, r.stderr
    report = json.loads(r.stdout)
    assert report["rows"] == 6 and report["errors"] == 1
    assert report["issues"][0]["row"] == 4 and report["issues"][0]["code"] == "amount_negative"
    assert [v["blocked"] for v in report["villages"]] == [False, True, False]

    out = tmp_path / "公示.pdf"
    r = run_cli("--db", db, "notice", "print", str(out), "--start", "2026-11-23",
                "--xlsx", str(tmp_path / "公示.xlsx"), "--summary", str(tmp_path / "汇总.pdf"))
    assert r.returncode == 1, r.stderr
    assert "跳过 李家村" in r.stdout and "第 4 行" in r.stdout
    assert out.exists() and (tmp_path / "公示.xlsx").exists() and (tmp_path / "汇总.pdf").exists()

    r = run_cli("--db", db, "notice", "exclude", "4", "--reason", "金额有误，待重新核发")
    assert r.returncode == 0, r.stderr
    r = run_cli("--db", db, "notice", "print", str(tmp_path / "b.pdf"), "--village", "李家村",
                "--start", "2026-11-23", "--json")
    assert r.returncode == 0, r.stderr
    printed = json.loads(r.stdout)
    assert [p["village"] for p in printed["printed"]] == ["李家村"] and printed["skipped"] == []

    r = run_cli("--db", db, "notice", "prints", "--json")
    records = json.loads(r.stdout)
    assert [p["kind"] for p in records] == ["pdf", "summary", "xlsx", "pdf"]
    assert records[-1]["villages"] == ["张家村", "王家湾社区"]
    r = run_cli("--db", db, "notice", "posted", str(records[-1]["id"]), "--on", "2026-11-23")
    assert r.returncode == 0, r.stderr


def test_refused_file_and_short_period(tmp_path):
    db = _init(tmp_path)
    bad = write_xlsx(tmp_path / "x.xlsx", good_rows(),
                     headers=["序号", "户名", "证件", "村", "组", "项目", "亩", "标准",
                                                                  "实发数", "卡", "日期"])
    r = run_cli("--db", db, "notice", "import", str(bad))
    assert r.returncode == 2 and "找不到必需的列" in r.stderr and "--map" in r.stderr
    assert "rows" not in run_cli("--db", db, "notice", "rosters", "--json").stdout
    r = run_cli("--db", db, "notice", "import", str(bad), "--map", "姓名=户名", "--map", "身份证号=证件",
                "--map", "金额=实发数")
    assert r.returncode == 0, r.stdout + r.stderr
    r = run_cli("--db", db, "notice", "print", str(tmp_path / "a.pdf"), "--start", "2026-11-23",
                "--end", "2026-11-25")
    assert r.returncode == 2 and "少于" in r.stderr and not (tmp_path / "a.pdf").exists()
