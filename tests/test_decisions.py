"""层级待确认 decisions: suggestion rules on real shipped rows (each rule both ways), bulk decide in one
undoable step with who/when/why recorded, undo restores the catalog (hypothesis), and the CLI `decide`."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.errors import InputError
from catalog.storage.decision_store import DecisionStore
from catalog.township.decisions import (
    COUNTY_REASON,
    DecideItems,
    default_actor,
    history_lines,
    pending_rows,
    plan_decisions,
    suggest,
)
from catalog.township.items import ADOPTED, NOT_APPLICABLE, PENDING_LEVEL
from tests.helpers import TOWNSHIP, assert_undo_redo_round_trip, new_catalog, run_cli, shipped


def _row(item_id: str):
    gi = shipped().item(item_id)
    assert gi is not None and gi.marks.township is None, f"{item_id} must be a real row with 乡级 unknown"
    return gi


# --- suggestion rules on real rows of the shipped data ---------------------------------------------
def test_subject_naming_the_township_suggests_adopt():
    gi = _row("23-001")                 # 县级人力资源社会保障部门、乡镇人民政府(街道办事处)
    s = suggest(gi)
    assert s.status == ADOPTED and "乡镇人民政府" in s.evidence


def test_subject_without_township_names_gives_no_adopt():
    gi = _row("21-001")                 # 城市管理行政执法部门或相关行政主管部门
    s = suggest(gi)
    assert s.status is None and "城市管理" in s.evidence


def test_county_department_on_the_website_only_suggests_not_applicable():
    gi = _row("19-003")                 # 县(市、区)卫生健康行政部门, 政府网站 only
    s = suggest(gi)
    assert s.status == NOT_APPLICABLE and s.reason == COUNTY_REASON == "县级事项，由县级部门公开"
    assert "政府网站" in s.evidence


def test_county_department_with_other_channels_gives_no_suggestion():
    gi = _row("19-005")                 # same department, but also 公开查阅点
    s = suggest(gi)
    assert s.status is None and "公开查阅点" in s.evidence


def test_county_department_with_unknown_channels_or_unknown_subject_gives_none():
    assert suggest(_row("19-011")).status is None          # channels not shown
    assert suggest(_row("20-003")).status is None          # subject not shown
    assert suggest(None).status is None                    # a local item has no guide row


def test_every_pending_item_of_a_compiled_catalog_has_a_why(tmp_path):
    cat = new_catalog(tmp_path)
    try:
        rows = pending_rows(cat.items(), cat.guides)
        assert len(rows) == 162                              # shipped data: 162 items with 乡级 unknown
        assert all(r.why and r.suggestion.evidence for r in rows)
        assert sum(1 for r in rows if r.suggestion.status is not None) == 48
    finally:
        cat.close()


# --- the bulk step --------------------------------------------------------------------------------
def test_accept_suggestions_of_one_domain_is_one_step_with_records(tmp_path):
    cat = new_catalog(tmp_path)
    try:
        decisions = plan_decisions(cat.items(), cat.guides, mode="suggestions", domains=[19])
        assert {d.uid for d in decisions} == {"19-001", "19-002", "19-003", "19-004", "19-008", "19-009",
                                              "19-010"}
        cmd = cat.do(DecideItems(decisions, "王明"))
        item = cat.item("19-003")
        assert item.status == NOT_APPLICABLE and item.na_reason == COUNTY_REASON
        records = DecisionStore(cat.ws).history("19-003")
        assert len(records) == 1 and records[0]["decided_by"] == "王明" and records[0]["how"] == "suggestion"
        line = history_lines(records)[0]
        assert "王明" in line and "不适用" in line and "政府网站" in line
        assert records[0]["decided_at"] == cmd.when
        cat.undo()
        assert cat.item("19-003").status == PENDING_LEVEL and DecisionStore(cat.ws).count() == 0
    finally:
        cat.close()


def test_adopt_selection_sets_township_and_na_needs_a_reason(tmp_path):
    cat = new_catalog(tmp_path)
    try:
        with pytest.raises(InputError):
            plan_decisions(cat.items(), cat.guides, mode="na", uids=["21-001"])
        with pytest.raises(InputError):
            plan_decisions(cat.items(), cat.guides, mode="adopt", uids=["99-999"])
        cat.do(DecideItems(plan_decisions(cat.items(), cat.guides, mode="adopt", uids=["21-001", "21-002"]),
                           "王明"))
        assert all(cat.item(u).status == ADOPTED and cat.item(u).text.marks.township
                   for u in ("21-001", "21-002"))
        assert default_actor(TOWNSHIP) == "王明"
    finally:
        cat.close()


def state(cat) -> tuple:
    return (tuple(cat.items()), DecisionStore(cat.ws).count())


PENDING_SAMPLE = ["17-005", "19-003", "19-005", "21-001", "23-001", "24-001", "26-010", "14-005"]
step = st.one_of(
    st.builds(lambda d: ("suggestions", d, None, ""), st.sampled_from([None, [19], [23, 26], [17]])),
    st.builds(lambda u: ("adopt", None, u, ""),
              st.lists(st.sampled_from(PENDING_SAMPLE), min_size=1, max_size=4)),
    st.builds(lambda u, r: ("na", None, u, r),
              st.lists(st.sampled_from(PENDING_SAMPLE), min_size=1, max_size=4),
              st.sampled_from(["本镇无此事务", COUNTY_REASON])),
    st.builds(lambda d: ("adopt", d, None, ""), st.sampled_from([[21], [22, 25]])),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(step, min_size=1, max_size=6))
def test_bulk_decide_then_undo_all_restores_the_catalog(steps):
    with tempfile.TemporaryDirectory() as d:
        cat = new_catalog(Path(d), domains=["涉农补贴", "社会救助", "医疗卫生", "城市综合执法", "市政服务",
                                            "就业", "社会保险", "公共法律服务", "保障性住房"])
        try:
            original = state(cat)
            done = 0
            for mode, domains, uids, reason in steps:
                decisions = plan_decisions(cat.items(), cat.guides, mode=mode, reason=reason, domains=domains,
                                           uids=uids)
                if decisions:
                    cat.do(DecideItems(decisions, "测试"))
                    done += 1
            assert_undo_redo_round_trip(cat, done, state, original, after=state(cat))
        finally:
            cat.close()


# --- CLI ------------------------------------------------------------------------------------------
def test_cli_decide_lists_then_decides_everything(tmp_path):
    db = str(tmp_path / "ws.db")
    cat = new_catalog(tmp_path)
    cat.close()
    listed = run_cli("--db", db, "decide", "--json")
    assert listed.returncode == 0
    pending = json.loads(listed.stdout)["pending"]
    assert len(pending) == 162 and {"uid", "why", "suggestion", "suggestion_reason",
                                    "evidence"} <= set(pending[0])
    done = run_cli("--db", db, "decide", "--accept-suggestions", "--json", "--by", "王明")
    out = json.loads(done.stdout)
    assert done.returncode == 0 and out["decided"] == 48 and out["pending_left"] == 114
    assert out["by"] == "王明"
    na = run_cli("--db", db, "decide", "--domain", "城市综合执法", "--not-applicable",
                 "本镇无城管执法", "--json")
    assert json.loads(na.stdout)["decided"] == 8
    rest = run_cli("--db", db, "decide", "--adopt", "--json")
    assert json.loads(rest.stdout)["pending_left"] == 0
    again = run_cli("--db", db, "decide", "--adopt")
    assert again.returncode == 2 and "没有需要决定的事项" in again.stderr
    bad = run_cli("--db", db, "decide", "--not-applicable", " ", "--items", "21-001")
    assert bad.returncode == 2 and "原因" in bad.stderr


def test_check_reports_a_planted_492_and_a_blank_time_limit_in_an_undecided_item(tmp_path):
    from catalog.township.commands import EditItem
    db = str(tmp_path / "ws.db")
    cat = new_catalog(tmp_path, domains=["涉农补贴"])
    try:
        assert cat.item("17-005").status == PENDING_LEVEL
        cat.do(EditItem("17-005", {"basis": ["《中华人民共和国政府信息公开条例》（国务院令第492号）"],
                                   "time_limit": ""}))
    finally:
        cat.close()
    result = run_cli("--db", db, "check", "--json")
    assert result.returncode == 1
    mine = [(f["code"], f["severity"], f["field"]) for f in json.loads(result.stdout)["findings"]
            if f["item_id"] == "17-005"]
    assert ("B001", "错误", "basis") in mine and ("F001", "错误", "time_limit") in mine
    assert [c for c, _, _ in mine].count("C005") == 1 and ("C005", "警告", "township") in mine


def test_domains_marked_not_involved_are_left_out(tmp_path):
    from catalog.township.commands import SetDomain
    db = str(tmp_path / "ws.db")
    cat = new_catalog(tmp_path)
    cat.do(SetDomain(21, False, "本镇无城市管理执法"))
    cat.close()
    pending = json.loads(run_cli("--db", db, "decide", "--json").stdout)["pending"]
    assert len(pending) == 162 - 8 and not [p for p in pending if p["domain_no"] == 21]
    out = json.loads(run_cli("--db", db, "decide", "--adopt", "--json").stdout)
    assert out["decided"] == 154 and out["pending_left"] == 0


def test_score_counts_an_undecided_item_once_even_with_field_findings(tmp_path):
    from datetime import date

    from catalog.checks import CheckContext, run_checks
    cat = new_catalog(tmp_path, domains=["涉农补贴"])
    try:
        def farm() -> dict:
            report = run_checks(CheckContext.from_catalog(cat, today=date(2026, 11, 22)))
            return next(d for d in report.scores["domains"] if d["no"] == 17)
        before = farm()
        from catalog.township.commands import EditItem
        cat.do(EditItem("17-005", {"time_limit": "", "basis": ["《政府信息公开条例》(国令第492号)"]}))
        after = farm()
        assert after["错误"] > before["错误"]                   # the findings are reported …
        assert (after["checks"], after["failed"], after["score"]) == (before["checks"], before["failed"],
                                                                       before["score"])   # … scored as before
    finally:
        cat.close()
