"""CLI contract of `due`, `ledger`, `holidays`, `request`, `annual-report`; CLI, dashboard API and check
rule Y001 show the same statuses; noticeboard prints add ledger entries; applicant names never leave
unmasked."""
from __future__ import annotations

import json
from datetime import date

import pytest
from helpers import new_catalog

from catalog.checks import check_catalog
from catalog.ledger import Ledger
from catalog.storage import Workspace
from catalog.township.commands import EditItem
from cli import main

TODAY = "2026-11-22"
QUARTERLY = "每季度结束后10个工作日内"


@pytest.fixture
def db(tmp_path):
    """涉农补贴 compiled; 17-001 (20 个工作日) and 17-002 (每季度) adopted as 乡级 items."""
    cat = new_catalog(tmp_path, domains=["涉农补贴"])
    cat.do(EditItem("17-001", {"status": "adopted", "township": True}))
    cat.do(EditItem("17-002", {"status": "adopted", "township": True, "time_limit": QUARTERLY}))
    cat.close()
    return str(tmp_path / "ws.db")


def run(db, capsys, *argv):
    code = main(["--db", db, *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def run_json(db, capsys, *argv):
    code, out, err = run(db, capsys, *argv, "--json")
    assert err == "", err
    return code, json.loads(out)


def add_entries(db, capsys):
    assert run(db, capsys, "ledger", "add", "17-001", "--title", "农机购置补贴名单", "--formed", "2026-09-28",
               "--published", "2026-10-20", "--channel", "政府网站", "--where", "http://example.gov.cn/a",
               "--review-by", "李四", "--review-on", "2026-10-19", "--review-result", "同意公开")[0] == 0
    assert run(db, capsys, "ledger", "add", "17-002", "--title", "第一季度", "--published",
               "2026-04-10")[0] == 0
    assert run(db, capsys, "ledger", "add", "17-002", "--title", "第二季度", "--published", "2026-07-10",
               "--period", "2026年第2季度")[0] == 0


def test_due_json_contract_exit_code_and_fallback_warning(db, capsys, tmp_path):
    add_entries(db, capsys)
    code, data = run_json(db, capsys, "due", "--today", TODAY)
    assert code == 1                                               # Q3 2026 of 17-002 is overdue
    assert set(data) == {"today", "within", "since", "warning", "fallback_years", "counts",
                         "unlinked_entries", "items"}
    by = {i["uid"]: i for i in data["items"]}
    assert by["17-001"]["status"] == "on_time" and by["17-001"]["obligations"][0]["due"] == "2026-10-30"
    assert by["17-002"]["status"] == "overdue" and by["17-002"]["status_text"] == "已逾期未公开"
    assert data["fallback_years"] == [2027] and "2027 年节假日安排尚未导入" in data["warning"]
    code, out, _ = run(db, capsys, "due", "--today", TODAY)
    assert code == 1 and out.startswith("注意：2027 年节假日安排尚未导入")
    assert "已逾期未公开" in out and "2026年第3季度" in out and "17-002" in out
    holidays = tmp_path / "2027.csv"
    holidays.write_text("日期,类型,名称\n2027-01-01,休,元旦\n2027-01-04,休,测试\n", encoding="utf-8")
    assert run(db, capsys, "holidays", "import", str(holidays))[0] == 0
    code, data = run_json(db, capsys, "due", "--today", TODAY)
    assert data["warning"] is None and data["fallback_years"] == []
    quarterly = {i["uid"]: i for i in data["items"]}["17-002"]
    q4 = [o for o in quarterly["obligations"] if o["label"] == "2026年第4季度"]
    assert q4[0]["due"] == "2027-01-18"                  # weekends only: 2027-01-14


def test_cli_dashboard_and_check_show_the_same_statuses(db, capsys):
    add_entries(db, capsys)
    _, data = run_json(db, capsys, "due", "--today", TODAY, "--within", "10")
    ws = Workspace.open(db)
    try:
        api = Ledger(ws).due_report(today=date(2026, 11, 22), within=10).to_json()
    finally:
        ws.close()
    assert api == data
    from helpers import shipped

    from catalog.township.service import TownshipCatalog
    cat = TownshipCatalog.open(db, shipped())
    try:
        report = check_catalog(cat, today=date(2026, 11, 22))
    finally:
        cat.close()
    y001 = {f.item_id for f in report.findings if f.code == "Y001"}
    overdue = {i["uid"] for i in data["items"] if i["status"] == "overdue"}
    assert y001 == overdue == {"17-002"}
    assert {f.item_id for f in report.findings if f.code == "Y002"} == set()


def test_check_is_silent_without_a_ledger(db):
    from helpers import shipped

    from catalog.township.service import TownshipCatalog
    cat = TownshipCatalog.open(db, shipped())
    try:
        findings = check_catalog(cat, today=date(2026, 11, 22)).findings
        assert not [f for f in findings if f.code.startswith("Y")]
    finally:
        cat.close()


def test_ledger_add_list_review_and_errors(db, capsys):
    code, data = run_json(db, capsys, "ledger", "add", "17-001", "--title", "第二批", "--formed",
                          "2026-11-16")
    assert code == 0 and data["obligation"]["due"] == "2026-12-14"
    assert data["obligation"]["status"] == "pending"
    eid = data["entry"]["id"]
    code, rows = run_json(db, capsys, "ledger", "list")
    assert [r["id"] for r in rows] == [eid] and rows[0]["published"] is None
    assert run(db, capsys, "ledger", "edit", str(eid), "--published", "2026-11-20")[0] == 0
    code, rows = run_json(db, capsys, "ledger", "list", "--problems")
    assert rows[0]["problems"] == ["未登记保密审查"]
    code, out, _ = run(db, capsys, "ledger", "review", str(eid), "--by", "王五", "--on", "2026-11-19",
                       "--result", "通过")
    assert code == 0 and "同意公开" in out
    assert run_json(db, capsys, "ledger", "list", "--problems")[1] == []
    code, _, err = run(db, capsys, "ledger", "add", "99-999", "--title", "x", "--published", "2026-11-01")
    assert code == 2 and "没有编号为「99-999」的事项" in err
    code, _, err = run(db, capsys, "ledger", "add", "17-001", "--title", "x", "--formed", "2026-11-02",
                       "--published", "2026-11-01")
    assert code == 2 and "早于信息形成日期" in err
    code, _, err = run(db, capsys, "ledger", "add", "17-001", "--title", "x", "--published", "2026-11-01",
                       "--review-by", "王五", "--review-result", "同意公开")
    assert code == 2 and "--review-on" in err
    code, _, err = run(db, capsys, "ledger", "review", "999", "--by", "a", "--result", "通过")
    assert code == 2 and "没有编号为 999" in err


def test_holidays_by_hand_keeps_the_official_year(db, capsys):
    code, out, _ = run(db, capsys, "holidays", "add", "2026-12-31", "休", "测试")
    assert code == 0 and "一并保存" in out
    code, data = run_json(db, capsys, "holidays", "show", "--year", "2026")
    year = next(y for y in data["years"] if y["year"] == 2026)
    assert year["source"] == "table" and year["weekday_holidays"] > 10
    assert {"date": "2026-10-01", "type": "休", "name": "国庆节"} in data["days"]["2026"]
    code, _, err = run(db, capsys, "holidays", "add", "2027-03-03", "班")
    assert code == 2 and "本来就是工作日" in err


def test_request_cli_masks_names_everywhere(db, capsys):
    code, data = run_json(db, capsys, "request", "add", "--received", "2026-09-28", "--channel", "网上",
                          "--category", "个人", "--name", "张三丰", "--contact", "13812345678",
                          "--content", "本人身份证110101199003071234相关的补贴")
    assert code == 0 and data["deadline"]["due"] == "2026-10-30" and data["channel"] == "网络"
    run(db, capsys, "request", "add", "--received", "2026-11-02", "--channel", "信函", "--category", "律所",
        "--name", "某某律师事务所", "--content", "征地补偿")
    assert run(db, capsys, "request", "reply", "2026-001", "--type", "部分公开", "--on", "2026-10-30")[0] == 0
    outputs = [run(db, capsys, "request", "list", "--today", TODAY)[1],
               run(db, capsys, "request", "list", "--today", TODAY, "--json")[1],
               run(db, capsys, "request", "show", "2026-001", "--json")[1],
               run(db, capsys, "request", "show", "2026-002")[1]]
    for out in outputs:
        assert "张三丰" not in out and "13812345678" not in out and "110101199003071234" not in out
        assert "某某律师事务所" not in out
    rows = json.loads(outputs[1])
    assert [r["applicant"] for r in rows] == ["张*丰", "某*****所"]
    assert rows[0]["text"] == "按时答复" and rows[1]["category"] == "法律服务机构"
    code, _, err = run(db, capsys, "request", "extend", "2026-002", "--days", "25",
                       "--approved", "2026-11-05")
    assert code == 2 and "最长 20 个工作日" in err


def test_annual_report_cli_and_refusal(db, capsys, tmp_path):
    run(db, capsys, "request", "add", "--received", "2026-03-02", "--channel", "当面", "--category", "自然人",
        "--name", "李四", "--content", "低保")
    run(db, capsys, "request", "reply", "1", "--type", "1", "--on", "2026-03-10")
    run(db, capsys, "request", "appeal", "add", "--kind", "复议", "--filed", "2026-04-01", "--request", "1")
    code, data = run_json(db, capsys, "annual-report", "2026")
    assert code == 0 and data["cross_footing"] == {"ok": True, "problems": []} and data["file"] is None
    rows = {r["key"]: r["values"] for r in data["tables"]["requests"]["rows"]}
    assert rows["new"]["总计"] == 1 and rows["1"]["自然人"] == 1 and rows["carried_out"]["总计"] == 0
    assert data["tables"]["appeals"]["rows"][0]["values"]["尚未审结"] == 1
    out = tmp_path / "2026.xlsx"
    assert run(db, capsys, "annual-report", "2026", "--out", str(out))[0] == 0 and out.exists()
    # 2027: last year's report said nothing was carried over; a late-registered 2026 request breaks the sum.
    run(db, capsys, "request", "add", "--received", "2026-12-30", "--channel", "当面", "--category", "自然人",
        "--name", "王五", "--content", "补登")
    out2 = tmp_path / "2027.xlsx"
    code, _, err = run(db, capsys, "annual-report", "2027", "--out", str(out2))
    assert code == 2 and "勾稽关系不成立，已拒绝导出" in err and "「自然人」列" in err and not out2.exists()
    code, data = run_json(db, capsys, "annual-report", "2027")
    assert code == 1 and data["cross_footing"]["ok"] is False
    assert run(db, capsys, "annual-report", "2027", "--out", str(out2), "--from-register")[0] == 0


def test_noticeboard_print_adds_a_ledger_entry(tmp_path):
    from notice_helpers import VILLAGES, good_rows, write_csv

    from catalog.noticeboard.importer import import_roster
    from catalog.noticeboard.render_pdf import render_pdf
    from catalog.noticeboard.store import NoticeStore
    cat = new_catalog(tmp_path, domains=["涉农补贴"])
    ws = cat.ws
    try:
        store = NoticeStore(ws)
        roster = import_roster(write_csv(tmp_path / "r.csv", good_rows(), encoding="utf-8"),
                               villages=VILLAGES)
        store.save_roster(roster)
        start = date(2026, 11, 23)
        res = render_pdf(roster, tmp_path / "1.pdf", township="某镇", period_start=start, phone="1")
        pid = store.record_print(roster_id=roster.id, kind="pdf", template=roster.template_id, year=2026,
                                 file=str(tmp_path / "1.pdf"), result=res)
        ledger = Ledger(ws)
        [entry] = ledger.entries()
        assert entry.source == "notice_print" and entry.source_id == pid and entry.published == start
        assert entry.item_uid is None and entry.channels == ("村务公开栏",) and entry.where.endswith("1.pdf")
        assert "惠民惠农财政补贴资金发放结果公示" in entry.title and "张家村" in entry.title
        store.record_posting(pid, posted_on=date(2026, 11, 24))
        assert ledger.entries()[0].published == date(2026, 11, 24)
        ledger.link(entry.id, "17-001")                            # remembered for the template
        pid2 = store.record_print(roster_id=roster.id, kind="pdf", template=roster.template_id, year=2026,
                                  file="2.pdf", result=res)
        assert ledger.store.by_source("notice_print", pid2).item_uid == "17-001"
    finally:
        cat.close()
