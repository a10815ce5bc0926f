"""Working days: 国庆 and 春节 2026 with adjusted workdays, a user table for 2027, the weekends fallback."""
from __future__ import annotations

import json
from datetime import date, timedelta

import chinese_calendar as cc
import pytest

from catalog.errors import InputError
from catalog.timelimits.holidays import HolidayDay, HolidayTable, load_holiday_file, parse_date
from catalog.timelimits.statutory import statutory_days
from catalog.timelimits.workdays import WorkCalendar, fallback_warning

D = date


def days(a: date, b: date):
    d = a
    while d <= b:
        yield d
        d += timedelta(days=1)


# A made-up table for tests only: it is NOT the 2027 schedule (the State Council has not published it).
TEST_2027 = HolidayTable.from_rows([
    ("2027-01-01", "休", "元旦"),
    ("2027-01-04", "休", "测试假日"),
    ("2027-01-05", "休", "测试假日"),
    ("2027-01-10", "班", "测试调休"),
])


class TestOfficialYears:
    def test_national_day_2026(self):
        cal = WorkCalendar()
        for d in days(D(2026, 10, 1), D(2026, 10, 7)):
            assert not cal.is_workday(d), d
        assert cal.is_workday(D(2026, 10, 10))          # Saturday, adjusted workday
        assert D(2026, 10, 10).weekday() == 5
        assert cal.is_workday(D(2026, 9, 20))           # Sunday, adjusted workday
        assert not cal.is_workday(D(2026, 10, 11))      # ordinary Sunday
        assert cal.add_workdays(D(2026, 9, 30), 1) == D(2026, 10, 8)
        assert cal.add_workdays(D(2026, 9, 28), 5) == D(2026, 10, 10)
        assert cal.workdays_between(D(2026, 9, 30), D(2026, 10, 12)) == 4

    def test_twenty_workdays_across_national_day(self):
        cal = WorkCalendar()
        # Formed on 2026-09-25 (中秋, a holiday itself): day 0 is the formation day whatever it is.
        assert cal.add_workdays(D(2026, 9, 25), 20) == D(2026, 10, 29)
        assert cal.workdays_between(D(2026, 9, 25), D(2026, 10, 29)) == 20
        # Weekends only would give an earlier, wrong deadline.
        assert WorkCalendar(HolidayTable((HolidayDay(D(2026, 1, 1), "休"),))).add_workdays(
            D(2026, 9, 25), 20) == D(2026, 10, 23)

    def test_spring_festival_2026_matches_chinesecalendar(self):
        cal = WorkCalendar()
        adjusted = [d for d in days(D(2026, 1, 1), D(2026, 12, 31)) if d.weekday() >= 5 and cc.is_workday(d)]
        assert D(2026, 2, 14) in adjusted and D(2026, 2, 28) in adjusted
        for d in days(D(2026, 2, 1), D(2026, 3, 10)):
            assert cal.is_workday(d) == cc.is_workday(d), d
        for d in adjusted:
            assert cal.is_workday(d)
        assert not cal.is_workday(D(2026, 2, 16)) and not cal.is_workday(D(2026, 2, 23))
        assert cal.add_workdays(D(2026, 2, 13), 1) == D(2026, 2, 14)
        assert cal.add_workdays(D(2026, 2, 14), 1) == D(2026, 2, 24)
        assert cal.workdays_between(D(2026, 2, 13), D(2026, 2, 28)) == 6   # 14, 24, 25, 26, 27, 28
        assert cal.source(2026) == "chinesecalendar"

    def test_inverse_and_backwards(self):
        cal = WorkCalendar()
        start = D(2026, 1, 30)
        for n in (0, 1, 5, 20, 40, 100):
            end = cal.add_workdays(start, n)
            assert cal.workdays_between(start, end) == n
        assert cal.add_workdays(D(2026, 10, 8), -1) == D(2026, 9, 30)
        assert cal.workdays_between(D(2026, 10, 12), D(2026, 9, 30)) == -4
        assert cal.add_workdays(D(2026, 10, 3), 0) == D(2026, 10, 3)
        with pytest.raises(ValueError):
            cal.add_workdays(start, 10 ** 7)


class TestFallbackAndTable:
    def test_2027_is_estimated_from_the_statutory_holidays_with_warning(self):
        cal = WorkCalendar()
        # chinesecalendar itself raises here; we must not.
        with pytest.raises(NotImplementedError):
            cc.is_workday(D(2027, 1, 4))
        assert cal.source(2027) == "estimated"
        assert not cal.is_workday(D(2027, 1, 1))                # 元旦 (a Friday) by the 放假办法
        assert not cal.is_workday(D(2027, 1, 2))
        assert cal.add_workdays(D(2026, 12, 25), 20) == D(2027, 1, 25)
        assert cal.fallback_years(D(2026, 12, 25), D(2027, 1, 25)) == [2027]
        msg = cal.warning(D(2026, 12, 25), D(2027, 1, 25))
        assert msg.startswith("2027 年节假日安排尚未导入（估算，未导入国务院办公厅放假安排）")
        assert "《全国年节及纪念日放假办法》" in msg and "调休上班日" in msg
        assert cal.warning(D(2026, 1, 1), D(2026, 12, 31)) is None
        assert fallback_warning([2028, 2027]).startswith("2027、2028 年")
        assert fallback_warning([]) is None

    def test_2027_count_via_user_table(self):
        cal = WorkCalendar(TEST_2027)
        assert cal.source(2027) == "table" and cal.source(2026) == "chinesecalendar"
        assert not cal.is_workday(D(2027, 1, 1)) and not cal.is_workday(D(2027, 1, 4))
        assert cal.is_workday(D(2027, 1, 10))                   # Sunday worked
        # January 2027 has 21 weekdays; the table takes 3 off and adds 1.
        assert cal.workdays_between(D(2026, 12, 31), D(2027, 1, 31)) == 21 - 3 + 1
        assert WorkCalendar().workdays_between(D(2026, 12, 31), D(2027, 1, 31)) == 21 - 1   # estimate: 元旦
        assert cal.add_workdays(D(2026, 12, 31), 1) == D(2027, 1, 6)
        assert cal.fallback_years(2026, 2027) == [] and cal.warning(2026, 2027) is None
        assert cal.fallback_years(2026, 2028) == [2028]

    def test_table_wins_over_chinesecalendar(self):
        table = HolidayTable.from_rows([("2026-10-09", "休")])
        cal = WorkCalendar(table)
        assert cal.source(2026) == "table"
        assert not cal.is_workday(D(2026, 10, 9))
        assert cal.is_workday(D(2026, 10, 1))        # the table says nothing about 10-01: a Thursday
        assert cal.covered_years() == {2026: "table"}


class TestHolidayTable:
    def test_rows_round_trip_and_merge(self):
        rows = TEST_2027.to_rows()
        assert rows[0] == ("2027-01-01", "休", "元旦")
        assert HolidayTable.from_rows(rows) == TEST_2027
        assert TEST_2027.years == frozenset({2027})
        assert TEST_2027.off_days(2027) == {D(2027, 1, 1), D(2027, 1, 4), D(2027, 1, 5)}
        newer = HolidayTable.from_rows([("2027-01-06", "休")])
        old = HolidayTable.from_rows([("2026-10-09", "休")])
        merged = old.merged(TEST_2027).merged(newer)
        assert merged.years == {2026, 2027}
        assert merged.off_days(2027) == {D(2027, 1, 6)} and merged.off_days(2026) == {D(2026, 10, 9)}
        assert "2027 年：休 3 天，班 1 天" == TEST_2027.summary()
        assert TEST_2027.to_dict()["days"][3] == {"date": "2027-01-10", "type": "班", "name": "测试调休"}

    def test_csv_utf8_with_header_and_fullwidth_commas(self, tmp_path):
        p = tmp_path / "2027.csv"
        p.write_text("\ufeff日期,类型,名称\n2027-01-01,休,元旦\n\n2027/1/4，放假\n"
                     "# 注释\n2027年1月10日\t班\n", encoding="utf-8")
        t = load_holiday_file(p)
        assert [r[:2] for r in t.to_rows()] == [("2027-01-01", "休"), ("2027-01-04", "休"),
                                                ("2027-01-10", "班")]

    def test_csv_gbk(self, tmp_path):
        p = tmp_path / "gbk.csv"
        p.write_bytes("日期,类型\n2027-01-01,休\n2027-01-10,班\n".encode("gbk"))
        assert load_holiday_file(p).work_days(2027) == {D(2027, 1, 10)}

    @pytest.mark.parametrize("body, line, words", [
        ("日期,类型\n2027-01-01,休\n2027-02-30,休\n", 3, "2027-02-30"),
        ("2027-01-01,休\n2027-01-02,调班\n", 2, "类型「调班」"),
        ("2027-01-01,休\n2027-01-06,班\n", 2, "星期三，本来就是工作日"),
        ("2027-01-01,休\n2027-01-02,休\n2027-01-01,休\n", 3, "与第 1 行重复"),
        ("2027-01-01\n", 1, "每行应有两列"),
        ("1899-01-01,休\n", 1, "年份不合理"),
    ])
    def test_csv_errors_name_the_line(self, tmp_path, body, line, words):
        p = tmp_path / "bad.csv"
        p.write_text(body, encoding="utf-8")
        with pytest.raises(InputError) as err:
            load_holiday_file(p)
        assert err.value.row == line and words in str(err.value)
        assert str(err.value).startswith(f"文件 bad.csv，第 {line} 行：")

    def test_counts_other_problems(self, tmp_path):
        p = tmp_path / "bad.csv"
        p.write_text("x,休\ny,休\nz,休\n", encoding="utf-8")
        with pytest.raises(InputError, match="另有 2 处问题"):
            load_holiday_file(p)

    def test_empty_and_missing(self, tmp_path):
        p = tmp_path / "empty.csv"
        p.write_text("日期,类型\n", encoding="utf-8")
        with pytest.raises(InputError, match="没有任何日期"):
            load_holiday_file(p)
        with pytest.raises(InputError, match="找不到文件"):
            load_holiday_file(tmp_path / "nope.csv")
        p.write_bytes(b"\x81\x30\xff\xfe\xfd" * 3)
        with pytest.raises(InputError, match="编码无法识别"):
            load_holiday_file(p)

    def test_json(self, tmp_path):
        p = tmp_path / "t.json"
        p.write_text(json.dumps(TEST_2027.to_dict(), ensure_ascii=False), encoding="utf-8")
        assert load_holiday_file(p) == TEST_2027
        p.write_text('[["2027-01-01", "休"], {"日期": "2027-01-10", "类型": "班"}]', encoding="utf-8")
        assert len(load_holiday_file(p).days) == 2
        p.write_text('[["2027-01-01", "休"], ["2027-01-11", "班"]]', encoding="utf-8")
        with pytest.raises(InputError, match=r"第 2 条：.*星期一"):
            load_holiday_file(p)
        p.write_text('{"days": [\n  ["2027-01-01" "休"]]}', encoding="utf-8")
        with pytest.raises(InputError, match=r"第 2 行.*JSON 格式错误"):
            load_holiday_file(p)

    @pytest.mark.parametrize("text, expect", [
        ("2027-01-01", D(2027, 1, 1)), ("2027/1/4", D(2027, 1, 4)), ("2027.10.1", D(2027, 10, 1)),
        ("2027年2月6日", D(2027, 2, 6)), ("20270206", D(2027, 2, 6)), ("2027-02-29", None), ("明年", None),
    ])
    def test_parse_date(self, text, expect):
        assert parse_date(text) == expect


class TestStatutoryEstimate:
    """Years without a published schedule: the 放假办法's holidays (lunar dates: lunardate) + weekends."""

    def test_2027_spring_festival_is_02_05_to_02_08(self):
        cal = WorkCalendar()
        assert [d for d in days(D(2027, 2, 3), D(2027, 2, 10)) if not cal.is_workday(d)] == [
            D(2027, 2, 5), D(2027, 2, 6), D(2027, 2, 7), D(2027, 2, 8)]
        assert cal.is_workday(D(2027, 2, 4)) and cal.is_workday(D(2027, 2, 9))   # no 补假/调休 guessed

    def test_2027_days_by_the_rule(self):
        got = {(d.day.isoformat(), d.name) for d in statutory_days(2027)}
        assert got == {("2027-01-01", "元旦"), ("2027-02-05", "春节"), ("2027-02-06", "春节"),
                       ("2027-02-07", "春节"), ("2027-02-08", "春节"), ("2027-04-05", "清明节"),
                       ("2027-05-01", "劳动节"), ("2027-05-02", "劳动节"), ("2027-06-09", "端午节"),
                       ("2027-09-15", "中秋节"), ("2027-10-01", "国庆节"), ("2027-10-02", "国庆节"),
                       ("2027-10-03", "国庆节")}
        cal = WorkCalendar()
        assert cal.is_workday(D(2027, 10, 4)) and cal.is_workday(D(2027, 5, 3))   # not statutory: unknown

    @pytest.mark.parametrize("year", [2025, 2026])
    def test_estimate_agrees_with_published_schedules(self, year):
        # Every statutory day of a published year is a day off in the State Council's schedule …
        estimate = {d.day for d in statutory_days(year)}
        assert estimate and estimate <= {d for d in cc.holidays if d.year == year}
        # … and an imported/known year never uses the estimate.
        assert WorkCalendar().source(year) == "chinesecalendar"

    def test_imported_year_wins_and_out_of_range_years_fall_back_to_weekends(self):
        cal = WorkCalendar(TEST_2027)
        assert cal.source(2027) == "table" and cal.is_workday(D(2027, 2, 5))   # the table does not list it
        assert statutory_days(2100) == () and WorkCalendar().source(2100) == "weekends"
        assert WorkCalendar().fallback_years(2027, 2028) == [2027, 2028]
