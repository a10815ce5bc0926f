"""Every validation rule, with the row number (and column) in its message; errors block their village."""
from decimal import Decimal

import pytest
from notice_helpers import VILLAGES, good_rows, make_id, write_csv, write_xlsx

from catalog.noticeboard.importer import import_roster
from catalog.noticeboard.validate import validate


def _import(tmp_path, rows, **kw):
    return import_roster(write_csv(tmp_path / "r.csv", rows, encoding="utf-8"), villages=VILLAGES, **kw)


def _codes(roster):
    return {(i.line, i.code) for i in roster.issues}


def test_clean_roster_has_no_issues(tmp_path):
    roster = _import(tmp_path, good_rows())
    assert roster.issues == [] and roster.blocked() == {}


@pytest.mark.parametrize("value, code, words", [
    (make_id(1)[:-1] + ("0" if make_id(1)[-1] != "0" else "1"), "id_invalid", "校验位"),
    (make_id(1)[:17], "id_invalid", "18 位"),
    ("4.20102E+17", "id_sci", "科学计数法"),
    ("420102196503120000", "id_truncated", "文本"),
    ("42010219650332001X", "id_invalid", "出生日期"),
    ("420102650312001", "id_invalid", "15 位"),
    ("", "id_missing", "为空"),
])
def test_id_rules(tmp_path, value, code, words):
    rows = good_rows()
    rows[1][2] = value
    roster = _import(tmp_path, rows)
    issue = next(i for i in roster.issues if i.code == code)
    assert issue.line == 3 and issue.is_error
    assert words in issue.message
    assert "第 3 行" in issue.message and "身份证号码" in issue.message and "r.csv" in issue.message
    assert roster.blocked().keys() == {"李家村"}


def test_id_stored_as_number_in_excel(tmp_path):
    rows = good_rows(2)
    rows[0][2] = 420102196503120011.0        # what Excel keeps: 15 significant digits
    roster = import_roster(write_xlsx(tmp_path / "r.xlsx", rows), villages=VILLAGES)
    issue = next(i for i in roster.issues if i.line == 3)
    assert issue.code == "id_numeric" and "文本" in issue.message and "15 位" in issue.message
    assert roster.rows[0].id_number == "420102196503120000"


@pytest.mark.parametrize("value, code", [
    ("", "amount_missing"), ("一千", "amount_invalid"), ("-20", "amount_negative"), ("0", "amount_zero"),
    ("0.00", "amount_zero"),
])
def test_amount_rules(tmp_path, value, code):
    rows = good_rows()
    rows[4][8] = value
    roster = _import(tmp_path, rows)
    assert (6, code) in _codes(roster)
    assert roster.blocked().keys() == {"李家村"}


def test_amount_with_more_than_two_decimals_is_a_warning(tmp_path):
    rows = good_rows()
    rows[0][8] = "1107.754"
    roster = _import(tmp_path, rows)
    assert (2, "amount_precision") in _codes(roster)
    assert roster.rows[0].amount == Decimal("1107.75")
    assert roster.blocked() == {}                      # warnings never block


def test_amount_not_matching_quantity_times_standard_warns(tmp_path):
    rows = good_rows()
    rows[0][8] = "1000.00"
    roster = _import(tmp_path, rows)
    w = next(i for i in roster.issues if i.code == "amount_calc")
    assert w.level == "warning" and "1,107.75" in w.message


def test_unknown_and_missing_village(tmp_path):
    rows = good_rows()
    rows[0][3] = "红星村"
    rows[1][3] = ""
    roster = _import(tmp_path, rows)
    assert (2, "village_unknown") in _codes(roster) and (3, "village_missing") in _codes(roster)
    msg = next(i.message for i in roster.issues if i.code == "village_unknown")
    assert "红星村" in msg and "张家村" in msg
    assert roster.blocked() == {}                   # not a village of ours: reported as unplaced
    assert len(roster.unplaced_errors()) == 2


def test_missing_name(tmp_path):
    rows = good_rows()
    rows[2][1] = "  "
    roster = _import(tmp_path, rows)
    assert (4, "name_missing") in _codes(roster)


def test_duplicate_person_and_item(tmp_path):
    rows = good_rows()
    dup = list(rows[0])
    dup[0] = 7
    rows.append(dup)
    other_item = list(rows[0])
    other_item[5] = "稻谷补贴"
    rows.append(other_item)                          # same person, another 项目: fine
    roster = _import(tmp_path, rows)
    dups = [i for i in roster.issues if i.code == "duplicate"]
    assert len(dups) == 1 and dups[0].line == 8 and "第 2 行" in dups[0].message


def test_stated_total_must_match(tmp_path):
    rows = good_rows(3)
    rows.append(["合计", "", "", "", "", "", "", "", "9999.99", "", ""])
    roster = _import(tmp_path, rows)
    issue = next(i for i in roster.issues if i.code == "total_mismatch")
    assert issue.line == 5 and "9,999.99" in issue.message
    assert set(roster.blocked()) == set(VILLAGES)
    # excluding the stated-total line (after checking) lifts the block
    roster.excluded[roster.rows[-1].no] = "合计行有误，已核对明细"
    validate(roster)
    assert roster.blocked() == {}


def test_subtotals_cover_their_block(tmp_path):
    rows = good_rows(4)
    sub1 = sum(Decimal(r[8]) for r in rows[:2])
    sub2 = sum(Decimal(r[8]) for r in rows[2:])
    data = [*rows[:2],
            ["", "小计", "", "", "", "", "", "", str(sub1), "", ""],
            *rows[2:],
            ["", "小计", "", "", "", "", "", "", str(sub2 + 1), "", ""],
            ["", "合计", "", "", "", "", "", "", str(sub1 + sub2), "", ""]]
    roster = _import(tmp_path, data)
    bad = [i for i in roster.issues if i.code == "total_mismatch"]
    assert [i.line for i in bad] == [7]
    assert set(bad[0].villages) == {VILLAGES[2], VILLAGES[0]}


def test_exclusion_unblocks_a_village(tmp_path):
    rows = good_rows()
    rows[1][8] = "-5"
    roster = _import(tmp_path, rows)
    assert "李家村" in roster.blocked()
    roster.excluded[2] = "已追回"
    validate(roster)
    assert roster.blocked() == {} and len(roster.rows_of("李家村")) == 1
