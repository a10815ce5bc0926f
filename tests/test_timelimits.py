"""公开时限 parsing: every phrasing in the shipped guides, periodic schedules, the statutory ceiling, due
dates."""
from __future__ import annotations

import json
from datetime import date

import pytest

from catalog.resources import standards_dir
from catalog.timelimits.deadlines import Occurrence, add_months
from catalog.timelimits.parse import (
    KINDS,
    TimeLimit,
    cn_number,
    exceeds_statutory,
    expected_occurrences,
    next_due,
    parse_time_limit,
)
from catalog.timelimits.workdays import WorkCalendar

D = date

# Every distinct 公开时限 of standards/guides (and the developer reference): text, kind, N, unit, trigger.
REAL = [
    ("信息形成或者变更之日起20个工作日内", "workdays", 20, "workdays", "信息形成或者变更"),
    ("信息形成或变更之日起20个工作日内", "workdays", 20, "workdays", "信息形成或变更"),
    ("公开事项信息形成或变更之日起20个工作日内公开", "workdays", 20, "workdays", "公开事项信息形成或变更"),
    ("制定或获取信息之日起10个工作日内", "workdays", 10, "workdays", "制定或获取信息"),
    ("信息形成(变更)20个工作日内", "workdays", 20, "workdays", "信息形成(变更)"),
    ("自信息形成或者变更之日起20个工作日内予以公开", "workdays", 20, "workdays", "信息形成或者变更"),
    ("自该信息形成或者变更之日起20个工作日内", "workdays", 20, "workdays", "该信息形成或者变更"),
    ("自制作或获取该信息之日起20个工作日内公开", "workdays", 20, "workdays", "制作或获取该信息"),
    ("形成或者变更之日起20个工作日内予以公开", "workdays", 20, "workdays", "形成或者变更"),
    ("信息形成之日起20个工作日内", "workdays", 20, "workdays", "信息形成"),
    ("自该政府信息形成或者变更之日起20个工作日内及时公开", "workdays", 20, "workdays",
     "该政府信息形成或者变更"),
    ("20个工作日", "workdays", 20, "workdays", ""),
    ("信息形成或者变更之日起20个工作日内公开", "workdays", 20, "workdays", "信息形成或者变更"),
    ("信息形成或者变更之日起20个工作日内予以公开", "workdays", 20, "workdays", "信息形成或者变更"),
    ("信息获取(形成变更)20个工作日内", "workdays", 20, "workdays", "信息获取(形成变更)"),
    ("收到征地批准文件之日起10个工作日内公开", "workdays", 10, "workdays", "收到征地批准文件"),
    ("自收到申请之日起20个工作日内", "workdays", 20, "workdays", "收到申请"),
    ("自收到申请之日起20个工作日内公开", "workdays", 20, "workdays", "收到申请"),
    ("拟征收土地现状调查结束后5个工作日内,在村公示栏公开", "workdays", 5, "workdays",
     "拟征收土地现状调查结束"),
    ("制定或获取文件之日起10个工作日内", "workdays", 10, "workdays", "制定或获取文件"),
    ("制定或获取扶持政策措施之日起10个工作日内", "workdays", 10, "workdays", "制定或获取扶持政策措施"),
    ("制定或获取指南之日起10个工作日内", "workdays", 10, "workdays", "制定或获取指南"),
    ("制定或获取备案政策之日起10个工作日内", "workdays", 10, "workdays", "制定或获取备案政策"),
    ("制定或获取扶持补贴政策之日起10个工作日内", "workdays", 10, "workdays", "制定或获取扶持补贴政策"),
    ("制定或获取补贴政策之日起10个工作日内", "workdays", 10, "workdays", "制定或获取补贴政策"),
    ("行政处罚决定形成之日起20个工作日内", "workdays", 20, "workdays", "行政处罚决定形成"),
    ("分配结果确定后20个工作日内", "workdays", 20, "workdays", "分配结果确定"),
    ("本级人民代表大会或其常务委员会批准后20日内", "days", 20, "days", "本级人民代表大会或其常务委员会批准"),
    ("本级政府财政部门批复后20日内", "days", 20, "days", "本级政府财政部门批复"),
    ("提前一周发通知邀请", "days", 7, "days", ""),
    ("实时公开", "realtime", None, None, ""),
    ("及时公开", "realtime", None, None, ""),
    ("按进展情况及时公开", "realtime", None, None, "按进展情况"),
    ("重大决策作出后及时公开", "realtime", None, None, "重大决策作出"),
    ("随采购公告、采购文件公开", "realtime", None, None, "采购公告、采购文件"),
    ("在实地启动拟征收土地工作时,在村公示栏公开", "realtime", None, None, "实地启动拟征收土地工作"),
    ("长期", "long_term", None, None, ""),
    ("每20个工作日更新", "periodic", 20, "workdays", ""),
]


@pytest.mark.parametrize("text, kind, days, unit, trigger", REAL)
def test_real_phrasings(text, kind, days, unit, trigger):
    tl = parse_time_limit(text)
    assert (tl.kind, tl.days, tl.unit, tl.trigger) == (kind, days, unit, trigger)
    assert tl.text == text and tl.understood and not exceeds_statutory(tl)
    assert tl.describe()


def test_exception_clauses():
    a = parse_time_limit("信息形成或者变更之日起20个工作日内。法律、法规对政府信息公开的期限另有规定的,"
                         "从其规定。")
    b = parse_time_limit("自该信息形成或者变更之日起20个工作日内予以公开,法律法规另有规定的除外")
    for tl in (a, b):
        assert tl.kind == "workdays" and tl.days == 20 and tl.has_exception_clause
        assert "另有规定" in tl.describe()
    only = parse_time_limit("法律、法规另有规定的，从其规定")
    assert only.kind == "per_law" and only.has_exception_clause
    assert parse_time_limit("信息形成之日起30个工作日内，法律法规另有规定的除外").has_exception_clause


def test_posting_periods():
    tl = parse_time_limit("及时公开,公告期限为5个工作日")
    assert (tl.kind, tl.trigger, tl.posting) == ("realtime", "", (5, "workdays"))
    tl = parse_time_limit("调查登记结束后公示期不得少于7日")
    assert (tl.kind, tl.trigger, tl.posting) == ("realtime", "调查登记结束", (7, "days"))
    assert "公示期 7 日" in tl.describe()


def test_before_event():
    tl = parse_time_limit("提前一周发通知邀请")
    assert tl.before and tl.days == 7
    assert next_due(tl, D(2026, 12, 1)) == D(2026, 11, 24)


@pytest.mark.parametrize("text, parts", [
    ("1.除处罚决定外其他内容:长期公开(动态调整);2.处罚决定:20个工作日内。",
     [("long_term", None, "除处罚决定外其他内容", ""), ("workdays", 20, "处罚决定", "")]),
    ("信息形成20个工作日内公开;其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示",
     [("workdays", 20, "", "信息形成"), ("workdays", 7, "行政许可、行政处罚事项", "作出行政决定")]),
    ("自信息形成或者变更之日起20个工作日内予以公开;结果信息自信息形成或者变更之日起7个工作日内予以公开",
     [("workdays", 20, "", "信息形成或者变更"), ("workdays", 7, "结果信息", "信息形成或者变更")]),
    ("信息形成之日起20个工作日内;行政许可和行政处罚决定作出后7个工作日内",
     [("workdays", 20, "", "信息形成"), ("workdays", 7, "", "行政许可和行政处罚决定作出")]),
    ("(1)信息形成之日起20个工作日内；(2)每年1月31日前",
     [("workdays", 20, "", "信息形成"), ("periodic", None, "", "")]),
])
def test_multi(text, parts):
    tl = parse_time_limit(text)
    assert tl.kind == "multi"
    assert [(p.kind, p.days, p.scope, p.trigger) for p in tl.parts] == parts


@pytest.mark.parametrize("text, period, offset, offset_unit, fixed", [
    ("每季度", "quarter", None, None, None),
    ("按季度公开", "quarter", None, None, None),
    ("每月", "month", None, None, None),
    ("每半年公开一次", "half_year", None, None, None),
    ("每年", "year", None, None, None),
    ("年度", "year", None, None, None),
    ("每周更新", "week", None, None, None),
    ("年度终了后3个月内", "year", 3, "months", None),
    ("季度结束后15日内", "quarter", 15, "days", None),
    ("每季度结束后10个工作日内", "quarter", 10, "workdays", None),
    ("每年1月31日前", "year", None, None, (1, 31)),
    ("每年3月底前", "year", None, None, (3, 0)),
    ("每月10日前", "month", None, None, (0, 10)),
    ("定期公开", None, None, None, None),
])
def test_periodic(text, period, offset, offset_unit, fixed):
    tl = parse_time_limit(text)
    assert tl.kind == "periodic"
    assert (tl.period, tl.offset, tl.offset_unit, tl.fixed_due) == (period, offset, offset_unit, fixed)
    assert not exceeds_statutory(tl)


@pytest.mark.parametrize("text, kind", [
    ("即时公开", "realtime"), ("信息形成后尽快公开", "realtime"), ("常态化公开", "long_term"),
    ("长期公开（动态调整）", "long_term"), ("按规定公开", "per_law"), ("依法公开", "per_law"),
    ("信息形成之日起二十个工作日内", "workdays"),
])
def test_other_phrasings(text, kind):
    assert parse_time_limit(text).kind == kind


@pytest.mark.parametrize("text, reason", [
    (None, "未填写"), ("", "未填写"), ("   ", "未填写"), ("视情况而定", "没有找到期限"),
    ("1.长期公开;2.看情况", "第 2 部分「看情况」"),
])
def test_unparsed(text, reason):
    tl = parse_time_limit(text)
    assert tl.kind == "unparsed" and not tl.understood and reason in tl.reason
    assert not exceeds_statutory(tl)


@pytest.mark.parametrize("text, exceeds", [
    ("信息形成之日起20个工作日内", False), ("信息形成之日起21个工作日内", True),
    ("信息形成之日起30个工作日内，法律法规另有规定的除外", False), ("批准后28日内", False),
    ("批准后30日内", True), ("批准后1个月内", True), ("1.长期公开;2.处罚决定:30个工作日内", True),
    ("提前30日通知", False), ("年度终了后3个月内", False),
])
def test_exceeds_statutory(text, exceeds):
    assert exceeds_statutory(parse_time_limit(text)) is exceeds


def test_every_shipped_time_limit_is_understood():
    seen = 0
    for path in sorted((standards_dir() / "guides").glob("*.json")):
        for item in json.loads(path.read_text(encoding="utf-8"))["items"]:
            text = item.get("time_limit")
            if not text:
                continue                            # missing: the required-fields rule reports it
            tl = parse_time_limit(text)
            assert tl.understood, (path.name, item["id"], text, tl.reason)
            assert tl.kind in KINDS
            assert not exceeds_statutory(tl), (item["id"], text)
            seen += 1
    assert seen > 100


def test_cn_number():
    texts = ("20", "七", "十", "十五", "二十", "二十五", "两")
    assert [cn_number(t) for t in texts] == [20, 7, 10, 15, 20, 25, 2]


class TestDue:
    cal = WorkCalendar()

    def test_workdays_across_national_day(self):
        tl = parse_time_limit("信息形成或者变更之日起20个工作日内")
        assert next_due(tl, D(2026, 9, 25), self.cal) == D(2026, 10, 29)

    def test_calendar_days_move_past_holidays(self):
        tl = parse_time_limit("本级政府财政部门批复后20日内")
        assert next_due(tl, D(2026, 9, 11), self.cal) == D(2026, 10, 8)     # 10-01 is 国庆
        assert next_due(tl, D(2026, 3, 2), self.cal) == D(2026, 3, 23)      # 03-22 is a Sunday

    def test_none_without_a_day(self):
        for text in ("实时公开", "长期", "按规定公开", "视情况", "定期公开"):
            assert next_due(parse_time_limit(text), D(2026, 11, 22), self.cal) is None

    def test_multi_takes_the_earliest(self):
        tl = parse_time_limit("信息形成之日起20个工作日内;行政许可和行政处罚决定作出后7个工作日内")
        assert next_due(tl, D(2026, 11, 23), self.cal) == D(2026, 12, 2)

    def test_periodic_next(self):
        assert next_due(parse_time_limit("季度结束后15日内"), D(2026, 11, 22), self.cal) == D(2027, 1, 15)
        assert next_due(parse_time_limit("每月10日前"), D(2026, 11, 22), self.cal) == D(2026, 12, 10)
        # 2027-01-31 is a Sunday: the last day moves to Monday (2027 estimated: 放假办法 + weekends).
        assert next_due(parse_time_limit("每年1月31日前"), D(2026, 11, 22), self.cal) == D(2027, 2, 1)
        assert next_due(parse_time_limit("每20个工作日更新"), D(2026, 9, 25), self.cal) == D(2026, 10, 29)

    def test_quarters_with_workday_offset(self):
        occ = expected_occurrences(parse_time_limit("每季度结束后10个工作日内"), 2026, cal=self.cal)
        assert [o.label for o in occ] == [f"2026年第{q}季度" for q in range(1, 5)]
        assert occ[2] == Occurrence("2026年第3季度", D(2026, 7, 1), D(2026, 9, 30), D(2026, 10, 20))
        assert occ[3].due == D(2027, 1, 15)   # 2027 estimated: 元旦 off

    def test_year_end_offset_and_plain_periods(self):
        (occ,) = expected_occurrences(parse_time_limit("年度终了后3个月内"), 2025, cal=self.cal)
        assert (occ.label, occ.period_end, occ.due) == ("2025年度", D(2025, 12, 31), D(2026, 3, 31))
        halves = expected_occurrences(parse_time_limit("每半年"), 2026, cal=self.cal)
        assert [o.due for o in halves] == [D(2026, 6, 30), D(2026, 12, 31)]
        assert len(expected_occurrences(parse_time_limit("每月"), 2026, cal=self.cal)) == 12
        assert len(expected_occurrences(parse_time_limit("每周"), 2026, cal=self.cal)) == 52
        assert [o.due for o in expected_occurrences(parse_time_limit("每年3月底前"), 2026, cal=self.cal)] == \
            [D(2026, 3, 31)]
        interval = expected_occurrences(parse_time_limit("每20个工作日更新"), 2026, cal=self.cal)
        assert len(interval) == 12 and interval[0].due == self.cal.add_workdays(D(2026, 1, 1), 20)

    def test_not_recurring(self):
        for text in ("信息形成之日起20个工作日内", "实时公开", "定期公开", "视情况"):
            assert expected_occurrences(parse_time_limit(text), 2026, cal=self.cal) == []
        multi = parse_time_limit("(1)信息形成之日起20个工作日内；(2)每年1月31日前")
        assert [o.due for o in expected_occurrences(multi, 2026, cal=self.cal)] == [D(2026, 2, 2)]


def test_add_months():
    assert add_months(D(2026, 6, 30), 1) == D(2026, 7, 31)
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2026, 1, 15), 13) == D(2027, 2, 15)
    assert add_months(D(2026, 3, 31), -1) == D(2026, 2, 28)


def test_timelimit_is_a_value():
    assert parse_time_limit("每季度") == parse_time_limit("每季度")
    assert isinstance(hash(parse_time_limit("1.长期公开;2.处罚决定:20个工作日内")), int)
    assert TimeLimit("realtime", "实时").describe() == "实时/及时公开"
