"""Issue 15 rules on the noticeboard: 公示期 by template (天 / 工作日), optional columns, header synonyms."""
from __future__ import annotations

from datetime import date

import pytest
from notice_helpers import HEADERS, VILLAGES, good_rows, write_csv

from catalog.errors import KnownError
from catalog.noticeboard.fields import guess_mapping, split_village_group
from catalog.noticeboard.importer import import_roster
from catalog.noticeboard.render_pdf import render_pdf
from catalog.noticeboard.render_xlsx import render_xlsx
from catalog.noticeboard.sheets import default_period_end, make_period
from catalog.noticeboard.template import PeriodRule, TemplateError, load_template, parse_template
from catalog.timelimits.holidays import HolidayTable
from catalog.timelimits.workdays import WorkCalendar

FRIDAY = date(2026, 11, 20)
SEVEN_WORKDAYS = PeriodRule(7, workdays=True)
SEVEN_DAYS = PeriodRule(7)


# -- 1. 公示期 by scheme ------------------------------------------------------------------------------
def test_templates_carry_their_period_rule():
    assert load_template("huimin_butie").period == SEVEN_DAYS
    assert load_template("shehui_jiuzhu").period == SEVEN_WORKDAYS
    assert SEVEN_WORKDAYS.text() == "7 个工作日" and SEVEN_DAYS.text() == "7 天"


def test_working_day_period_ends_on_the_seventh_working_day():
    # Fri 11-20 is day 1; the weekend does not count: Mon 11-23 … Fri 11-27 are days 2–6, Mon 11-30 day 7.
    period = make_period(FRIDAY, rule=SEVEN_WORKDAYS)
    assert period.end == date(2026, 11, 30) and period.workdays == 7 and period.days == 11
    assert "含 7 个工作日" in period.text()
    # Calendar days: 7 days including the first, weekends and all.
    assert make_period(FRIDAY, rule=SEVEN_DAYS).end == date(2026, 11, 26)


def test_working_days_skip_the_holidays_of_the_workspace_calendar():
    # 2026 国庆: 10-01..10-07 off (chinesecalendar); from 09-30, seven working days end on 10-14.
    assert default_period_end(date(2026, 9, 30), SEVEN_WORKDAYS) == date(2026, 10, 14)
    # The workspace's own table counts: an extra day off moves the end.
    cal = WorkCalendar(HolidayTable.from_rows([("2026-11-23", "休", "测试")]))
    assert default_period_end(FRIDAY, SEVEN_WORKDAYS, cal) == date(2026, 12, 1)
    # 2027 (estimated from the 放假办法): 春节 02-05..02-08 are not working days.
    assert default_period_end(date(2027, 2, 4), SEVEN_WORKDAYS) == date(2027, 2, 16)


def test_short_period_message_names_the_rule_both_ways():
    with pytest.raises(KnownError, match="少于本模板规定的 7 个工作日") as err:
        make_period(FRIDAY, date(2026, 11, 26), rule=SEVEN_WORKDAYS)     # 7 days, only 5 working days
    assert "只有 5 个工作日" in str(err.value) and "2026年11月30日" in str(err.value)
    assert make_period(FRIDAY, date(2026, 11, 26), rule=SEVEN_DAYS).days == 7   # fine by calendar days
    with pytest.raises(KnownError, match="少于本模板规定的 7 天"):
        make_period(FRIDAY, date(2026, 11, 25), rule=SEVEN_DAYS)
    short = make_period(FRIDAY, date(2026, 11, 26), rule=SEVEN_WORKDAYS, allow_short=True)
    assert short.workdays == 5


def test_clerk_may_set_a_longer_period():
    longer = make_period(FRIDAY, date(2026, 12, 11), rule=SEVEN_WORKDAYS)
    assert longer.workdays == 16 and longer.end == date(2026, 12, 11)


def test_period_rule_in_template_file_is_validated():
    base = {"id": "t", "name": "t", "title": "{village}", "columns": [{"field": "amount"}]}
    assert parse_template({**base, "period": {"days": 10, "unit": "workdays"}}).period == PeriodRule(10, True)
    assert parse_template(base).period == SEVEN_DAYS
    for bad in ({"days": 0}, {"days": 7, "unit": "weeks"}, {"days": "7"}, [7]):
        with pytest.raises(TemplateError, match="公示期"):
            parse_template({**base, "period": bad})


def test_social_assistance_print_uses_working_days(tmp_path):
    rows = good_rows()
    roster = import_roster(write_csv(tmp_path / "r.csv", rows, encoding="utf-8"), villages=VILLAGES,
                           template="shehui_jiuzhu")
    res = render_pdf(roster, tmp_path / "a.pdf", township="某镇", period_start=FRIDAY, phone="1")
    assert res.period.end == date(2026, 11, 30) and res.period.workdays == 7
    with pytest.raises(KnownError, match="少于本模板规定的 7 个工作日"):
        render_pdf(roster, tmp_path / "b.pdf", township="某镇", period_start=FRIDAY,
                   period_end=date(2026, 11, 26), phone="1")


# -- 2. columns: optional 发放日期, no ID column ------------------------------------------------------
def _huimin(tmp_path, headers, rows, name="r.csv"):
    path = write_csv(tmp_path / name, rows, encoding="utf-8", headers=headers)
    return import_roster(path, villages=VILLAGES)


def _drop(headers, rows, *names):
    keep = [i for i, h in enumerate(headers) if h not in names]
    return [headers[i] for i in keep], [[r[i] for i in keep] for r in rows]


def test_pay_date_column_is_printed_only_when_the_roster_has_it(tmp_path):
    import openpyxl
    with_date = _huimin(tmp_path, HEADERS, good_rows())
    render_xlsx(with_date, tmp_path / "a.xlsx", township="某镇", period_start=FRIDAY, phone="1")
    headers, rows = _drop(HEADERS, good_rows(), "发放日期")
    without = _huimin(tmp_path, headers, rows, "s.csv")
    render_xlsx(without, tmp_path / "b.xlsx", township="某镇", period_start=FRIDAY, phone="1")

    def header_row(path):
        ws = openpyxl.load_workbook(path)["张家村"]
        return next(r for r in ws.iter_rows(values_only=True) if r[0] == "序号")
    assert "发放日期" in header_row(tmp_path / "a.xlsx")
    assert "发放日期" not in header_row(tmp_path / "b.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "a.xlsx")["张家村"]
    assert any("2026-11-10" in [str(c) for c in r] for r in ws.iter_rows(values_only=True))


def test_roster_without_id_column_is_accepted_with_a_reminder(tmp_path):
    headers, rows = _drop(HEADERS, good_rows(), "身份证号码")
    roster = _huimin(tmp_path, headers, rows)
    assert roster.errors == [] and roster.blocked() == {}
    [note] = [i for i in roster.warnings if i.code == "no_id_column"]
    assert "提醒" not in note.message and "不需要身份证号" in note.message
    res = render_pdf(roster, tmp_path / "a.pdf", township="某镇", period_start=FRIDAY, phone="1")
    assert len(res.sheets) == 3 and "身份证号" not in [c.header for c in load_template().for_fields(
        roster.mapping).columns]


def test_id_column_present_but_empty_is_still_an_error(tmp_path):
    rows = good_rows()
    rows[0][2] = ""
    roster = _huimin(tmp_path, HEADERS, rows)
    assert any(i.code == "id_missing" and i.is_error for i in roster.issues)
    assert not any(i.code == "no_id_column" for i in roster.issues)


def test_template_that_needs_ids_still_refuses_a_roster_without(tmp_path):
    tpl = parse_template({"id": "t", "name": "t", "title": "{village}", "columns": [{"field": "amount"}],
                          "required": ["name", "id_number", "village", "amount"]})
    headers, rows = _drop(HEADERS, good_rows(), "身份证号码")
    with pytest.raises(KnownError, match="找不到必需的列：身份证号"):
        import_roster(write_csv(tmp_path / "r.csv", rows, encoding="utf-8", headers=headers),
                      villages=VILLAGES, template=tpl)


# -- 3. header synonyms ---------------------------------------------------------------------------
@pytest.mark.parametrize("header", ["土地面积", "计税面积", "承包面积", "土地面积（亩）"])
def test_area_synonyms_map_to_quantity(header):
    assert guess_mapping(["姓名", header, "金额"])["quantity"] == 1


@pytest.mark.parametrize("header", ["社保账号", "社保卡号", "一卡通账号", "存折号"])
def test_account_synonyms_map_to_bank_account_and_are_never_printed(tmp_path, header):
    assert guess_mapping(["姓名", header, "金额"])["bank_account"] == 1
    headers = [header if h == "一卡通账号" else h for h in HEADERS]
    roster = _huimin(tmp_path, headers, good_rows())
    assert roster.mapping["bank_account"] == header
    render_xlsx(roster, tmp_path / "a.xlsx", township="某镇", period_start=FRIDAY, phone="1")
    import openpyxl
    text = " ".join(str(c) for ws in openpyxl.load_workbook(tmp_path / "a.xlsx").worksheets
                    for r in ws.iter_rows(values_only=True) for c in r if c is not None)
    assert "6228480402564890" not in text and header not in text


@pytest.mark.parametrize("header", ["所在村组", "村组"])
def test_combined_village_group_column_is_split(tmp_path, header):
    assert "village_group" in guess_mapping(["姓名", header, "金额"])
    rows = [[*r[:3], f"{r[3]}{r[4]}", *r[5:]] for r in good_rows()]
    headers = [*HEADERS[:3], header, *HEADERS[5:]]
    roster = _huimin(tmp_path, headers, rows)
    assert roster.errors == []
    first = roster.person_rows()[0]
    assert (first.village, first.group) == ("张家村", "1组")
    assert roster.mapping["village"] == header and roster.mapping["group"] == header


@pytest.mark.parametrize("text, parts", [
    ("东湾村3组", ("东湾村", "3组")), ("东湾村十二组", ("东湾村", "十二组")),
    ("王家湾社区-2组", ("王家湾社区", "2组")),
    ("新村村1组", ("新村村", "1组")), ("东湾村", ("东湾村", "")), ("3组", ("", "3组")),
])
def test_split_village_group(text, parts):
    assert split_village_group(text) == parts
