"""Disclosure statuses: working days across 春节 and 国庆 (adjusted workdays), the 2027 fallback with its
warning, recurring items (每季度, 年度终了后), matching entries to periods, and the status of each
obligation."""
from __future__ import annotations

from datetime import date

import pytest

from catalog.ledger.due import (
    DONE,
    DUE_SOON,
    LATE,
    NO_DEADLINE,
    NO_RECORD,
    ON_TIME,
    OVERDUE,
    PENDING,
    disclosure_statuses,
    in_scope,
    status_text,
)
from catalog.ledger.model import LedgerEntry
from catalog.model import ItemText, Marks
from catalog.timelimits.holidays import HolidayTable
from catalog.timelimits.workdays import WorkCalendar
from catalog.township.items import ADOPTED, NOT_APPLICABLE, PENDING_LEVEL, CatalogItem

D = date
TODAY = D(2026, 11, 22)
TWENTY = "信息形成或者变更之日起20个工作日内"
QUARTERLY = "每季度结束后10个工作日内"
# Made up for tests only: NOT the 2027 schedule (the State Council has not published it).
TEST_2027 = HolidayTable.from_rows([("2027-01-01", "休", "元旦"), ("2027-01-04", "休", "测试"),
                                    ("2027-01-05", "休", "测试"), ("2027-01-10", "班", "测试调休")])


NO_MARKS = Marks()


def item(uid: str, time_limit: str | None, *, status: str = ADOPTED, marks: Marks = NO_MARKS,
         domain: int = 17):
    return CatalogItem(uid, domain, ItemText("事项", uid, time_limit=time_limit, marks=marks), status=status)


_ids = iter(range(1, 10_000))


def entry(uid: str, *, formed=None, published=None, period=None, part=None, title="公开"):
    return LedgerEntry(uid, title, formed=formed, published=published, period=period, part=part,
                       id=next(_ids))


def report(items, entries, *, cal=None, today=TODAY, **kw):
    return disclosure_statuses(items, entries, calendar=cal or WorkCalendar(), today=today, **kw)


def only(rep):
    assert len(rep.items) == 1
    return rep.items[0]


class TestWorkingDays:
    def test_twenty_workdays_across_spring_festival_with_adjusted_saturdays(self):
        # 2026 春节: 02-15..02-23 off, Saturdays 02-14 and 02-28 worked. Weekends only would say 03-10.
        got = only(report([item("A", TWENTY)], [entry("A", formed=D(2026, 2, 10), published=D(2026, 3, 16))],
                          today=D(2026, 4, 1)))
        ob = got.obligations[0]
        assert ob.due == D(2026, 3, 16) and ob.status == ON_TIME
        late = only(report([item("A", TWENTY)], [entry("A", formed=D(2026, 2, 10), published=D(2026, 3, 17))],
                           today=D(2026, 4, 1)))
        assert late.status == LATE and late.obligations[0].due == D(2026, 3, 16)

    def test_twenty_workdays_across_national_day(self):
        # 2026 国庆: 10-01..10-07 off, Saturday 10-10 worked.
        got = only(report([item("A", TWENTY)], [entry("A", formed=D(2026, 9, 28))], today=D(2026, 10, 28)))
        assert got.next_due == D(2026, 10, 30) and got.status == DUE_SOON and got.days_left == 2
        assert got.status_text == "2 天内到期"

    def test_fallback_year_is_counted_on_weekends_with_a_warning(self):
        q = item("Q", QUARTERLY)
        rep = report([q], [])
        q4 = next(o for o in only(rep).obligations if o.label == "2026年第4季度")
        assert q4.due == D(2027, 1, 15)            # estimate: 元旦 01-01 off, 调休 unknown
        assert rep.fallback_years == (2027,) and "2027 年节假日安排尚未导入" in rep.warning
        assert rep.to_json()["warning"] == rep.warning

    def test_imported_table_replaces_the_fallback(self):
        rep = report([item("Q", QUARTERLY)], [], cal=WorkCalendar(holiday_table=TEST_2027))
        q4 = next(o for o in only(rep).obligations if o.label == "2026年第4季度")
        assert q4.due == D(2027, 1, 18) and rep.warning is None and rep.fallback_years == ()

    def test_no_warning_when_nothing_reaches_an_unknown_year(self):
        rep = report([item("A", TWENTY)], [entry("A", formed=D(2026, 3, 2), published=D(2026, 3, 5))])
        assert rep.warning is None


class TestRecurring:
    def test_quarters_overdue_on_time_late_and_pending(self):
        entries = [entry("Q", published=D(2026, 4, 10)),                    # Q1, due 04-15
                   entry("Q", published=D(2026, 7, 30)),                    # Q2, due 07-14: late
                   entry("Q", published=D(2026, 1, 8), period="2025年第4季度")]
        got = only(report([item("Q", QUARTERLY)], entries))
        by = {o.label: o for o in got.obligations}
        assert by["2025年第4季度"].status == ON_TIME
        assert by["2026年第1季度"].status == ON_TIME and by["2026年第1季度"].due == D(2026, 4, 15)
        assert by["2026年第2季度"].status == LATE
        assert by["2026年第3季度"].status == OVERDUE and by["2026年第3季度"].due == D(2026, 10, 20)
        assert by["2026年第4季度"].status == PENDING
        assert "2027年第1季度" not in by                                   # period not started
        assert got.status == OVERDUE and got.days_left == (D(2026, 10, 20) - TODAY).days

    def test_an_entry_is_matched_to_the_nearest_due_period(self):
        # Published 10-22 with no period: nearest due is Q3 (10-20), so Q3 is late, not Q4 on time.
        got = only(report([item("Q", QUARTERLY)], [entry("Q", published=D(2026, 10, 22))],
                          since=D(2026, 7, 1)))
        by = {o.label: o for o in got.obligations}
        assert by["2026年第3季度"].status == LATE and by["2026年第4季度"].status == PENDING

    def test_period_label_wins_over_dates(self):
        got = only(report([item("Q", QUARTERLY)],
                          [entry("Q", published=D(2026, 10, 22), period="2026年第4季度")],
                          since=D(2026, 7, 1)))
        by = {o.label: o for o in got.obligations}
        assert by["2026年第3季度"].status == OVERDUE and by["2026年第4季度"].status == ON_TIME

    def test_yearly_after_year_end(self):
        yearly = item("Y", "年度终了后3个月内")
        got = only(report([yearly], [entry("Y", published=D(2026, 3, 20))]))
        by = {o.label: o for o in got.obligations}
        assert by["2025年度"].due == D(2026, 3, 31) and by["2025年度"].status == ON_TIME
        assert by["2026年度"].status == PENDING and by["2026年度"].due == D(2027, 3, 31)

    def test_since_hides_periods_before_the_ledger_started(self):
        got = only(report([item("Q", QUARTERLY)], [], since=D(2026, 10, 21)))
        assert [o.label for o in got.obligations] == ["2026年第4季度"] and got.status == PENDING

    def test_event_and_recurring_clauses_together(self):
        text = "1.信息形成20个工作日内;2.每季度结束后10个工作日内"
        got = only(report([item("M", text)], [entry("M", formed=D(2026, 11, 16))], since=D(2026, 10, 21)))
        assert {o.label for o in got.obligations} == {"公开", "2026年第4季度"}
        event = next(o for o in got.obligations if not o.recurring)
        assert event.due == D(2026, 12, 14) and event.status == PENDING


class TestStatuses:
    def test_formed_not_published_becomes_overdue(self):
        got = only(report([item("A", TWENTY)], [entry("A", formed=D(2026, 9, 1))]))
        assert got.status == OVERDUE and got.status_text == "已逾期未公开" and got.days_left < 0

    def test_due_today(self):
        got = only(report([item("A", TWENTY)], [entry("A", formed=D(2026, 9, 28))], today=D(2026, 10, 30)))
        assert got.status == DUE_SOON and got.status_text == "今天到期"

    def test_within_controls_due_soon(self):
        args = ([item("A", TWENTY)], [entry("A", formed=D(2026, 11, 10))])
        assert only(report(*args, within=7)).status == PENDING          # due 12-08, 16 days ahead
        assert only(report(*args, within=16)).status == DUE_SOON

    def test_items_without_records(self):
        rep = report([item("A", TWENTY), item("R", "实时公开"), item("U", None)], [])
        assert [i.status for i in rep.items] == [NO_RECORD, NO_DEADLINE, NO_DEADLINE]

    def test_realtime_item_published_is_done(self):
        got = only(report([item("R", "实时公开")], [entry("R", published=D(2026, 11, 1))]))
        assert got.status == DONE and got.last_published == D(2026, 11, 1)

    def test_multi_clause_part_selects_the_deadline(self):
        text = "信息形成20个工作日内公开;其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示"
        strict = only(report([item("M", text)], [entry("M", formed=D(2026, 11, 2))]))
        assert strict.next_due == D(2026, 11, 11)
        chosen = only(report([item("M", text)], [entry("M", formed=D(2026, 11, 2), part=1)]))
        assert chosen.next_due == D(2026, 11, 30)

    def test_scope_skips_na_items_request_only_items_and_domains_not_applying(self):
        items = [item("A", TWENTY), item("B", TWENTY, status=NOT_APPLICABLE),
                 item("C", TWENTY, marks=Marks(active=False, on_request=True)),
                 item("D", TWENTY, status=PENDING_LEVEL),
                 item("E", TWENTY, domain=3)]
        rep = report(items, [], domain_choices={3: (False, "不涉及")})
        assert [i.uid for i in rep.items] == ["A", "D"]
        assert not in_scope(items[1]) and in_scope(items[3])

    def test_unlinked_entries_are_counted(self):
        rep = report([item("A", TWENTY)], [LedgerEntry(None, "公开栏", published=D(2026, 11, 1))])
        assert rep.unlinked == 1

    def test_json_contract(self):
        rep = report([item("A", TWENTY)], [entry("A", formed=D(2026, 9, 1))])
        data = rep.to_json()
        assert set(data) == {"today", "within", "since", "warning", "fallback_years", "counts",
                             "unlinked_entries", "items"}
        row = data["items"][0]
        assert set(row) == {"uid", "domain_no", "title", "time_limit", "limit_text", "status", "status_text",
                            "days_left", "next_due", "entries", "last_published", "obligations"}
        assert set(row["obligations"][0]) == {"label", "due", "status", "status_text", "published",
                                              "entry_id",
                                              "recurring", "days_left"}
        assert data["counts"][OVERDUE] == 1 and sum(data["counts"].values()) == 1

    @pytest.mark.parametrize("status,left,text", [(OVERDUE, -3, "已逾期未公开"), (DUE_SOON, 3, "3 天内到期"),
                                                  (LATE, None, "逾期公开"), (ON_TIME, None, "按时")])
    def test_status_text(self, status, left, text):
        assert status_text(status, left) == text
