"""`holidays show` for a year without a published schedule: the 放假办法 estimate, listed and warned about."""
from __future__ import annotations

import json

from helpers import new_catalog

from cli import main


def test_holidays_show_lists_the_2027_estimate_with_its_warning(tmp_path, capsys):
    new_catalog(tmp_path, compile=False).close()
    db = str(tmp_path / "ws.db")
    assert main(["--db", db, "holidays", "show", "--year", "2027", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    year = next(y for y in data["years"] if y["year"] == 2027)
    assert year["source"] == "estimated" and year["weekday_holidays"] == 7 and year["adjusted_workdays"] == 0
    assert "估算，未导入国务院办公厅放假安排" in data["warning"]
    spring = [d["date"] for d in data["days"]["2027"] if d["name"] == "春节"]
    assert spring == ["2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08"]
    assert main(["--db", db, "holidays", "show", "--year", "2027"]) == 0
    out = capsys.readouterr().out
    assert "估算，未导入国务院办公厅放假安排" in out and "注意：2027" in out and "2027-02-08" in out


def test_an_imported_year_is_no_longer_an_estimate(tmp_path, capsys):
    new_catalog(tmp_path, compile=False).close()
    db = str(tmp_path / "ws.db")
    f = tmp_path / "2027.csv"
    f.write_text("日期,类型,名称\n2027-02-05,休,春节\n2027-02-09,休,春节\n2027-02-20,班,春节\n",
                 encoding="utf-8")
    assert main(["--db", db, "holidays", "import", str(f)]) == 0
    capsys.readouterr()
    assert main(["--db", db, "holidays", "show", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    year = next(y for y in data["years"] if y["year"] == 2027)
    assert year["source"] == "table" and year["adjusted_workdays"] == 1
    assert data["warning"] is None or "2027" not in data["warning"]


def test_a_day_typed_by_hand_keeps_the_estimated_holidays(tmp_path, capsys):
    new_catalog(tmp_path, compile=False).close()
    db = str(tmp_path / "ws.db")
    assert main(["--db", db, "holidays", "add", "2027-02-20", "班", "春节调休"]) == 0
    out = capsys.readouterr().out
    assert "预填" in out and "放假办法" in out
    assert main(["--db", db, "holidays", "show", "--year", "2027", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    days = {d["date"]: d["type"] for d in data["days"]["2027"]}
    assert days["2027-02-05"] == "休" and days["2027-02-08"] == "休" and days["2027-02-20"] == "班"
