"""`main.py --db PATH check [--json] [--report OUT.xlsx]`: the contract county IT staff script against."""
from __future__ import annotations

import json

import pytest
from helpers import new_catalog

from catalog.township.commands import EditItem, SetDomain
from cli import main

KEYS = {"code", "severity", "message", "domain", "item_id", "field", "fix"}


@pytest.fixture
def full_db(tmp_path):
    """Every domain compiled, untouched: the shipped guide data has real gaps, so there are 错误."""
    cat = new_catalog(tmp_path)
    cat.close()
    return str(tmp_path / "ws.db")


@pytest.fixture
def clean_db(tmp_path):
    """Only 涉农补贴 (all its items 层级待确认: warnings), the other domains 不涉及 with a reason: no 错误.

    Undecided items are checked like adopted ones (an export carries them), so the two gaps of the shipped
    涉农补贴 rows are filled first: 17-001's expired 农机 guideline, 17-005's unknown 公开对象/方式."""
    cat = new_catalog(tmp_path, compile=False)
    for g in cat.guides:
        if g.domain != "涉农补贴":
            cat.do(SetDomain(g.no, False, "本镇不涉及（测试）"))
    cat.compile(["涉农补贴"])
    cat.do(EditItem("17-001", {"basis": ["《农业机械化促进法》", "《农业生产发展资金管理办法》"]}))
    cat.do(EditItem("17-005", {"public": True, "active": True}))
    cat.close()
    return str(tmp_path / "ws.db")


def run_json(db: str, capsys, *extra: str) -> tuple[int, dict]:
    code = main(["--db", db, "check", "--json", "--today", "2026-11-22", *extra])
    return code, json.loads(capsys.readouterr().out)


def test_json_contract_and_exit_1_on_errors(full_db, capsys):
    code, data = run_json(full_db, capsys)
    assert code == 1
    assert set(data) == {"summary", "findings", "scores"}
    assert set(data["summary"]) == {"错误", "警告", "提示"} and data["summary"]["错误"] > 0
    assert sum(data["summary"].values()) == len(data["findings"])
    for f in data["findings"]:
        assert KEYS <= set(f)
        assert f["severity"] in ("错误", "警告", "提示") and f["message"] and f["fix"]
    ranks = [("错误", "警告", "提示").index(f["severity"]) for f in data["findings"]]
    assert ranks == sorted(ranks)
    assert data["scores"]["overall"]["score"] is not None and len(data["scores"]["domains"]) == 26
    assert any(f["code"] == "S001" and f["domain"] is None and f["item_id"] is None for f in data["findings"])


def test_exit_0_without_errors(clean_db, capsys):
    code, data = run_json(clean_db, capsys)
    assert code == 0 and data["summary"]["错误"] == 0
    # B003 提示: 17-003 cites the ended 《“十三五”全国新型职业农民培育发展规划》 (issue 15), never an error
    assert {f["code"] for f in data["findings"]} == {"B003", "C005", "K001", "S001"}
    assert all(f["domain"] == "涉农补贴" for f in data["findings"] if f["code"] != "S001")


def test_fixing_an_item_changes_the_findings(clean_db, capsys):
    from catalog.township.service import TownshipCatalog
    cat = TownshipCatalog.open(clean_db, create=False)
    cat.do(EditItem("17-001", {"status": "adopted", "township": True, "time_limit": "看情况",
                               "basis": ["《农业机械化促进法》", "《2018-2020年农机购置补贴实施指导意见》"]}))
    cat.close()
    _code, data = run_json(clean_db, capsys)
    mine = {f["code"] for f in data["findings"] if f["item_id"] == "17-001"}
    assert "C005" not in mine and {"T001", "R001", "B001"} <= mine     # 2018-2020 农机 guidance has expired


def test_text_output(full_db, capsys):
    assert main(["--db", full_db, "check"]) == 1
    out = capsys.readouterr().out
    assert "[错误] F002" in out and "→ 对照正式标准指引补填" in out
    assert out.strip().splitlines()[-1].startswith("共 ")


def test_report_workbook(full_db, tmp_path, capsys):
    out = tmp_path / "检查结果.xlsx"
    code, data = run_json(full_db, capsys, "--report", str(out))
    assert code == 1 and out.exists()
    import openpyxl
    wb = openpyxl.load_workbook(out)
    ws = wb["检查结果"]
    header = [c.value for c in ws[1]]
    assert header[:9] == ["序号", "严重程度", "规则", "领域", "事项编号", "事项名称", "字段",
                          "问题", "修改建议"]
    assert ws.max_row == len(data["findings"]) + 1
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:J{ws.max_row}"
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in rows] == [f["severity"] for f in data["findings"]]
    assert {r[3] for r in rows} >= {"涉农补贴", "（全目录）"}
    widths = {k: v.width for k, v in ws.column_dimensions.items()}
    assert 30 <= widths["H"] <= 50 and widths["A"] < 10
    assert "汇总" in wb.sheetnames


def test_report_keeps_formula_like_text_as_text(clean_db, tmp_path, capsys):
    from catalog.township.service import TownshipCatalog
    cat = TownshipCatalog.open(clean_db, create=False)
    cat.do(EditItem("17-001", {"status": "adopted", "township": True, "level1": "=HYPERLINK(\"x\")"}))
    cat.close()
    out = tmp_path / "r.xlsx"
    run_json(clean_db, capsys, "--report", str(out))
    import openpyxl
    ws = openpyxl.load_workbook(out)["检查结果"]
    titles = [r[5] for r in ws.iter_rows(min_row=2, values_only=True) if r[4] == "17-001"]
    assert titles and all(t.startswith("'=") for t in titles)


@pytest.mark.parametrize("extra,message", [(["--today", "2026/11/22"], "YYYY-MM-DD"),
                                           (["--report", "out.csv"], ".xlsx")])
def test_bad_arguments_are_clear_errors(full_db, capsys, extra, message):
    assert main(["--db", full_db, "check", *extra]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：") and message in err


def test_report_into_missing_folder(full_db, tmp_path, capsys):
    assert main(["--db", full_db, "check", "--report", str(tmp_path / "nope" / "r.xlsx")]) == 2
    assert "文件夹不存在" in capsys.readouterr().err
