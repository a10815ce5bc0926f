"""工作台账 (catalog.tasks): reading a received task list, deadlines from text, statuses with undo,
due states on the working-day calendar, coverage warnings, the export read back, the CLI and check rules."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from helpers import new_catalog, run_cli
from task_helpers import TITLE, build_task_list

from catalog.checks import CheckContext, run_checks
from catalog.errors import InputError
from catalog.ledger.model import LedgerEntry
from catalog.ledger.store import LedgerStore
from catalog.tasks import TaskLedger, find_deadline
from catalog.tasks.commands import AddEvidence, RemoveEvidence, SetTaskStatus
from catalog.tasks.deadlines import ONGOING, UNKNOWN
from catalog.tasks.due import DUE_SOON, LATE, ON_TIME, OVERDUE, PENDING, SKIPPED
from catalog.tasks.due import ONGOING as ONGOING_STATE
from catalog.tasks.due import UNKNOWN as UNKNOWN_STATE
from catalog.tasks.export import YEAR_END_SHEET
from catalog.tasks.model import Evidence
from catalog.tasks.reader import read_task_list, relevance, split_requirements
from catalog.township.commands import EditItem

TODAY = date(2026, 11, 25)      # a Wednesday

# Deadlines chosen around TODAY: 10月底前 (Sat 10-31, so Fri 10-30) is past, 11月底前 (Mon 11-30) is 3
# working days away, 年底前 is weeks away, one has none, one is ongoing.
DUE_SECTIONS = [
    ("一、专项工作", [
        ("目录公开", "10月底前在政府网站公开主动公开目录。", "各乡镇人民政府", ""),
        ("目录公开", "11月底前完成目录动态更新。", "各乡镇人民政府", ""),
        ("涉农补贴", "年底前在村务公开栏张贴发放名册。", "各乡镇", ""),
        ("培训", "组织业务培训，提升队伍能力。", "各乡镇", ""),
        ("日常公开", "长期坚持，做好日常公开。", "县政务公开办", ""),
    ]),
]


def due_list(folder: Path) -> Path:
    return build_task_list(folder / "要点.xlsx", sections=DUE_SECTIONS, title="2026年要点")


@pytest.mark.parametrize(("text", "due", "kind"), [
    ("11月底前完成", date(2026, 11, 30), "month"),
    ("年底前完成", date(2026, 12, 31), "year_end"),
    ("2025年底前完成", date(2025, 12, 31), "year_end"),
    ("第三季度完成", date(2026, 9, 30), "quarter"),
    ("三季度末前", date(2026, 9, 30), "quarter"),
    ("上半年完成", date(2026, 6, 30), "half"),
    ("2027年3月底前完成", date(2027, 3, 31), "month"),
    ("6月前完成", date(2026, 5, 31), "month"),
    ("十一月底前", date(2026, 11, 30), "month"),
    ("12月中旬前", date(2026, 12, 20), "month"),
    ("11月30日前报送", date(2026, 11, 30), "date"),
    ("2026-10-15前", date(2026, 10, 15), "date"),
    ("次年1月31日前发布", date(2027, 1, 31), "date"),
    ("9月底前完成自查，11月底前完成整改", date(2026, 11, 30), "month"),
])
def test_deadlines_from_text(text, due, kind):
    d = find_deadline(text, 2026)
    assert (d.due, d.kind) == (due, kind)
    assert d.text and d.text in d.label


@pytest.mark.parametrize("text", ["按时答复", "每季度更新一次", "2月30日前", "3个月内完成", ""])
def test_unknown_deadline_stays_unknown(text):
    d = find_deadline(text, 2026)
    assert d.due is None and d.kind == UNKNOWN and d.label == "期限不明"


def test_ongoing_deadline_has_no_date():
    d = find_deadline("长期坚持，常态化开展", 2026)
    assert d.due is None and d.kind == ONGOING and "无固定期限" in d.label


def test_numbered_requirements_split():
    assert split_requirements("1.甲；\n2.乙。") == ["甲", "乙。"]
    assert split_requirements("（1）甲\n（2）乙") == ["甲", "乙"]
    assert split_requirements("①甲②乙") == ["甲", "乙"]
    assert split_requirements("要求如下：\n1.甲\n2.乙") == ["要求如下：\n甲", "要求如下：\n乙"]
    assert split_requirements("补贴1.5万元，2.按月发放") == ["补贴1.5万元，2.按月发放"]   # no 1, 2 … sequence
    assert split_requirements("2.乙\n3.丙") == ["2.乙\n3.丙"]


def test_relevance_from_unit():
    assert relevance("各乡镇人民政府") is True
    assert relevance("县政务公开办、各乡镇") is True
    assert relevance("李庄镇", "李庄镇") is True
    assert relevance("县政务公开办") is False
    assert relevance("") is None


def test_reads_sections_merged_cells_and_multiline_requirements(tmp_path):
    parsed = read_task_list(build_task_list(tmp_path / "任务清单.xlsx"), today=TODAY)
    assert parsed.year == 2026 and parsed.title == TITLE
    tasks = parsed.tasks
    assert [t.code for t in tasks] == ["一.1.1", "一.1.2", "一.1-2", "一.2", "二.1.1", "二.1.2", "二.2",
                                       "二.3"]
    first, second, third = tasks[:3]
    # the merged 工作任务 reaches every row under it; the numbered requirements became sub-tasks
    assert first.title == second.title == third.title == "政务公开目录编制"
    assert (first.row, first.sub, second.row, second.sub, third.row, third.sub) == (4, 1, 4, 2, 5, 0)
    assert first.requirement == "对照26个领域标准指引编制本级主动公开目录"
    assert second.requirement == "11月底前在政府网站公开目录。"
    assert first.section == "一、年底前专项工作任务" and tasks[4].section == "二、常态化工作"
    # own text first, else the section's 年底前
    assert (second.deadline, second.deadline_text) == (date(2026, 11, 30), "11月底前")
    assert (first.deadline, first.deadline_text) == (date(2026, 12, 31), "年底前")
    assert tasks[4].deadline == date(2027, 1, 31)                 # 次年1月31日前
    assert tasks[6].deadline is None and tasks[6].deadline_kind == "ongoing"
    assert tasks[3].unit == "各乡镇、各村" and tasks[3].relevant is True
    assert tasks[6].relevant is False and tasks[7].relevant is None
    assert not any("注：" in t.title for t in tasks)              # the note under the table is no task
    assert parsed.layout.header_row == 1 and parsed.layout.columns["status"] == 4


def test_unknown_deadlines_are_reported(tmp_path):
    rows = [("培训", "组织培训。", "各乡镇", ""), ("宣传", "开展宣传。", "各乡镇", "")]
    sections = [("一、日常工作", rows)]
    parsed = read_task_list(build_task_list(tmp_path / "a.xlsx", sections=sections, title="某县工作要点"),
                            today=TODAY)
    assert [t.deadline for t in parsed.tasks] == [None, None]
    assert parsed.year == 2026                                    # no year in the title: the import year
    assert any("期限不明" in n and "第 4、5 行" in n for n in parsed.notes)


def test_reads_xls_with_merges(tmp_path):
    import xlwt
    book = xlwt.Workbook()
    ws = book.add_sheet("清单")
    ws.write_merge(0, 0, 0, 3, "2026年工作要点")
    for c, h in enumerate(("工作任务", "具体要求", "责任单位", "完成情况")):
        ws.write(1, c, h)
    ws.write_merge(2, 2, 0, 3, "一、年底前工作")
    ws.write_merge(3, 4, 0, 0, "目录编制")
    ws.write(3, 1, "1.编制目录\n2.9月底前公开")
    ws.write(3, 2, "各乡镇")
    ws.write(4, 1, "第四季度复核")
    ws.write(4, 2, "各乡镇")
    path = tmp_path / "list.xls"
    book.save(str(path))
    tasks = read_task_list(path, today=TODAY).tasks
    assert [(t.title, t.requirement, t.deadline) for t in tasks] == [
        ("目录编制", "编制目录", date(2026, 12, 31)), ("目录编制", "9月底前公开", date(2026, 9, 30)),
        ("目录编制", "第四季度复核", date(2026, 12, 31))]


def test_not_a_task_list_names_the_file(tmp_path):
    from openpyxl import Workbook
    wb = Workbook()
    wb.active.append(["姓名", "身份证号", "金额"])
    wb.save(tmp_path / "名册.xlsx")
    with pytest.raises(InputError, match=r"名册\.xlsx.*找不到任务清单的表头"):
        read_task_list(tmp_path / "名册.xlsx")
    (tmp_path / "fake.xlsx").write_text("<html></html>", encoding="utf-8")
    with pytest.raises(InputError, match=r"fake\.xlsx"):
        read_task_list(tmp_path / "fake.xlsx")


@pytest.fixture
def cat(tmp_path):
    c = new_catalog(tmp_path, domains=["涉农补贴"])
    yield c
    c.close()


@pytest.fixture
def tl(cat):
    return TaskLedger(cat.ws, history=cat.history)


def test_import_stores_tasks_and_refuses_the_same_file_twice(tmp_path, tl):
    path = build_task_list(tmp_path / "任务清单.xlsx")
    imported = tl.import_file(path, today=TODAY)
    assert "8 项任务" in imported.summary()
    tasks = tl.tasks()
    assert len(tasks) == 8 and all(t.status == "未开始" for t in tasks)
    assert tasks[1].deadline == date(2026, 11, 30) and tasks[1].list_id == imported.list_id
    with pytest.raises(InputError, match="导入过"):
        tl.import_file(path, today=TODAY)
    tl.set_status(tasks[0].id, "推进中", today=TODAY)
    again = tl.import_file(path, today=TODAY, replace=True)
    assert again.parsed.file == imported.parsed.file and len(tl.tasks()) == 8
    assert all(t.status == "未开始" for t in tl.tasks())


def test_status_transitions_and_undo(tmp_path, cat, tl):
    tl.import_file(build_task_list(tmp_path / "l.xlsx"), today=TODAY)
    tid = tl.tasks()[0].id
    tl.set_status(tid, "推进中", note="已起草", on=date(2026, 11, 2), today=TODAY)
    tl.set_status(tid, "已完成", note="已公开", on=date(2026, 11, 20), today=TODAY)
    t = tl.get(tid)
    nov20 = date(2026, 11, 20)
    assert (t.status, t.note, t.done_on, t.changed_on) == ("已完成", "已公开", nov20, nov20)
    cat.undo()
    t = tl.get(tid)
    assert (t.status, t.note, t.done_on) == ("推进中", "已起草", None)
    cat.redo()
    assert tl.get(tid).done_on == date(2026, 11, 20)
    cat.undo()
    cat.undo()
    assert tl.get(tid).status == "未开始" and tl.get(tid).note == ""
    with pytest.raises(InputError, match=r"不涉及.*原因"):
        tl.set_status(tid, "不涉及", today=TODAY)
    tl.set_status(tid, "不涉及", note="本镇无此项工作", today=TODAY)
    assert tl.get(tid).status == "不涉及"
    with pytest.raises(InputError, match="晚于今天"):
        tl.set_status(tid, "已完成", on=date(2026, 12, 1), today=TODAY)
    with pytest.raises(InputError, match="状态「完结了」无法识别"):
        SetTaskStatus(tid, "完结了")
    assert SetTaskStatus(tid, "进行中").status == "推进中"
    with pytest.raises(InputError, match="没有编号为 999 的任务"):
        tl.set_status(999, "推进中", today=TODAY)


def test_evidence_links_and_undo(tmp_path, cat, tl):
    tl.import_file(build_task_list(tmp_path / "l.xlsx"), today=TODAY)
    tid = tl.tasks()[3].id
    uid = cat.items()[0].uid
    entry_id = LedgerStore(cat.ws).add(LedgerEntry(uid, "补贴名册", published=date(2026, 11, 10)))
    pid = cat.ws.db.table("notice_prints").insert({
        "kind": "pdf", "template": "huimin_butie", "year": 2026, "file": "名册.pdf", "villages": '["张家村"]',
        "printed_at": "2026-11-12T09:00:00", "posted_at": "2026-11-13"}).last_pk
    tl.add_evidence(tid, "note", note="各村已张贴")
    tl.add_evidence(tid, "item", ref=uid)
    tl.add_evidence(tid, "entry", ref=str(entry_id))
    ev = tl.add_evidence(tid, "print", ref=str(pid))
    lines = tl.describe_evidence(tl.evidence(tid))
    assert lines[0] == "说明：各村已张贴"
    assert uid in lines[1] and "2026-11-10 公开" in lines[2] and "2026-11-13 已张贴" in lines[3]
    report = tl.report(today=TODAY)
    td = report.by_id()[tid]
    assert dict(td.evidence) == {"note": 1, "item": 1, "entry": 1, "print": 1} and td.items == (uid,)
    cat.undo()                                     # the print link
    assert [e.kind for e in tl.evidence(tid)] == ["note", "item", "entry"]
    cat.redo()
    assert tl.evidence(tid)[-1].id == ev.id
    tl.remove_evidence(ev.id)
    cat.undo()
    assert tl.evidence(tid)[-1].id == ev.id        # put back with its id
    bad = (("item", "99-999", "没有编号为「99-999」的事项"), ("entry", "999", "公开台账中没有"),
           ("print", "999", "公示打印记录"), ("note", "", "不能为空"), ("photo", "x", "无法识别"))
    for kind, ref, msg in bad:
        with pytest.raises(InputError, match=msg):
            tl.add_evidence(tid, kind, ref=ref)
    assert isinstance(RemoveEvidence(1).label, str) and AddEvidence(Evidence(tid, "note", note="x")).label


def test_due_states_on_the_working_day_calendar(tmp_path, tl):
    tl.import_file(due_list(tmp_path), today=TODAY)
    ids = [t.id for t in tl.tasks()]
    report = tl.report(today=TODAY)
    by = report.by_id()
    states = [by[i].state for i in ids]
    assert states == [OVERDUE, DUE_SOON, PENDING, UNKNOWN_STATE, ONGOING_STATE]
    overdue, soon = by[ids[0]], by[ids[1]]
    assert overdue.due == date(2026, 10, 30)                  # 10-31 is a Saturday
    assert overdue.state_text == "已逾期 18 个工作日"
    assert soon.workdays_left == 3 and soon.state_text == "3 个工作日内到期"
    assert by[ids[3]].task.deadline_info.label == "期限不明"
    tl.set_status(ids[0], "已完成", on=date(2026, 11, 3), today=TODAY)
    tl.set_status(ids[1], "已完成", on=date(2026, 11, 20), today=TODAY)
    tl.set_status(ids[2], "不涉及", note="由县里统一张贴", today=TODAY)
    by = tl.report(today=TODAY).by_id()
    assert [by[i].state for i in ids[:3]] == [LATE, ON_TIME, SKIPPED]
    assert by[ids[0]].completion() == "已完成（2026-11-03），逾期完成"
    assert by[ids[2]].completion() == "不涉及：由县里统一张贴"
    assert tl.report(today=TODAY).counts()[OVERDUE] == 0


def test_coverage_joins_ledger_and_catalog(tmp_path, cat, tl):
    tl.import_file(due_list(tmp_path), today=TODAY)
    items = cat.items()
    stale_uid = items[0].uid
    cat.do(EditItem(stale_uid, {"time_limit": "每季度结束后10个工作日内", "status": "adopted",
                                "channels": ("政府网站", "便民服务站")}))
    cat.do(EditItem(items[1].uid, {"channels": ("政府网站",), "status": "adopted"}))
    store = LedgerStore(cat.ws)
    store.add(LedgerEntry(items[1].uid, "补贴标准", published=date(2026, 11, 2), channels=("政府网站",)))
    store.set_since(date(2026, 1, 1))
    tid = tl.tasks()[2].id
    tl.add_evidence(tid, "item", ref=stale_uid)
    report = tl.report(today=TODAY)
    assert report.ledger_in_use
    stale = {s.uid: s for s in report.stale}
    assert stale_uid in stale and stale[stale_uid].tasks == (tid,)
    assert report.by_id()[tid].alerts and stale_uid in report.by_id()[tid].alerts[0]
    unused = {c.channel: c.items for c in report.unused_channels}
    assert "便民服务站" in unused and stale_uid in unused["便民服务站"] and "政府网站" not in unused
    lines = report.coverage_lines()
    assert any("已过公开时限仍未公开" in ln and f"关联任务 {tid}" in ln for ln in lines)
    assert any("便民服务站" in ln for ln in lines)
    data = report.to_json()
    assert set(data["coverage"]) == {"ledger_in_use", "stale_items", "unused_channels", "warnings"}
    json.dumps(data, ensure_ascii=False)


def test_check_rules_report_tasks_and_channels(tmp_path, cat, tl):
    ctx = CheckContext.from_catalog(cat, today=TODAY)
    assert ctx.tasks is None                                  # no task list: the rules stay silent
    assert not [f for f in run_checks(ctx).findings if f.code.startswith("W")]
    tl.import_file(due_list(tmp_path), today=TODAY)
    item = cat.items()[0]
    cat.do(EditItem(item.uid, {"channels": ("政府网站", "便民服务站"), "status": "adopted"}))
    LedgerStore(cat.ws).add(LedgerEntry(item.uid, "x", published=date(2026, 11, 2), channels=("政府网站",)))
    findings = run_checks(CheckContext.from_catalog(cat, today=TODAY)).findings
    codes = {f.code: f for f in findings if f.code.startswith("W")}
    assert set(codes) == {"W001", "W002", "W003"}
    assert "10月底前" in codes["W001"].message and "便民服务站" in codes["W003"].message


def test_export_reads_back_in_the_received_layout(tmp_path, tl):
    from openpyxl import load_workbook
    src = build_task_list(tmp_path / "任务清单.xlsx")
    tl.import_file(src, today=TODAY)
    tasks = tl.tasks()
    tl.set_status(tasks[0].id, "已完成", on=date(2026, 11, 20), note="已编制", today=TODAY)
    tl.set_status(tasks[1].id, "推进中", today=TODAY)
    tl.set_status(tasks[3].id, "已完成", on=date(2026, 11, 24), today=TODAY)
    tl.add_evidence(tasks[3].id, "note", note="照片存档")
    out = tl.export(tmp_path / "out" / "完成情况.xlsx", today=TODAY)
    got, want = load_workbook(out), load_workbook(src)
    ws, orig = got.worksheets[0], want.worksheets[0]
    assert got.sheetnames == [orig.title, YEAR_END_SHEET]
    assert {str(r) for r in ws.merged_cells.ranges} == {str(r) for r in orig.merged_cells.ranges}
    assert (ws.max_row, ws.max_column) == (orig.max_row, orig.max_column)
    for r in range(1, orig.max_row + 1):
        for c in (1, 2, 3, 4, 6):
            assert ws.cell(r, c).value == orig.cell(r, c).value, (r, c)
    assert ws.cell(4, 5).value == "1. 已完成（2026-11-20）：已编制\n2. 推进中"
    assert ws.cell(6, 5).value == "已完成（2026-11-24），佐证 1 项"
    assert ws.cell(3, 5).value is None                     # section row untouched
    year_end = list(got[YEAR_END_SHEET].iter_rows(values_only=True))
    assert year_end[0][:3] == ("编号", "部分", "工作任务") and len(year_end) == 1 + len(tasks)
    row = dict(zip(year_end[0], year_end[1 + 3], strict=True))
    got_row = (row["状态"], row["完成日期"], row["是否按期"], row["说明材料"])
    assert got_row == ("按期完成", "2026-11-24", "是", 1)


def test_export_keeps_formula_like_text_as_text(tmp_path, tl):
    from openpyxl import load_workbook
    sections = [("一、工作", [("x", "年底前完成", "各乡镇", "")])]
    src = build_task_list(tmp_path / "2026.xlsx", sections=sections)
    wb = load_workbook(src)
    cell = wb.active.cell(4, 2, '=HYPERLINK("http://x","点")')
    cell.data_type = "s"                          # text in the received file, not a formula
    wb.save(src)
    tl.import_file(src, today=TODAY)
    tl.set_status(tl.tasks()[0].id, "推进中", note="=1+1", today=TODAY)
    out = tl.export(tmp_path / "o.xlsx", today=TODAY)
    ws = load_workbook(out).worksheets[0]
    assert ws.cell(4, 2).value.startswith("=HYPERLINK") and ws.cell(4, 2).data_type == "s"
    assert ws.cell(4, 5).value == "推进中：=1+1"


def test_export_adds_a_completion_column_when_missing(tmp_path, tl):
    from openpyxl import Workbook, load_workbook
    wb = Workbook()
    ws = wb.active
    ws.append(["重点任务", "责任单位", "完成时限"])
    ws.append(["编制目录", "各乡镇", "11月底前"])
    wb.save(tmp_path / "2026清单.xlsx")
    tl.import_file(tmp_path / "2026清单.xlsx", today=TODAY)
    assert tl.tasks()[0].deadline == date(2026, 11, 30)        # from the 完成时限 column
    out = load_workbook(tl.export(tmp_path / "o.xlsx", today=TODAY)).worksheets[0]
    assert [c.value for c in out[1]] == ["重点任务", "责任单位", "完成时限", "完成情况"]
    assert out.cell(2, 4).value == "未开始"


def test_cli_import_list_set_link_export(tmp_path, cat):
    db = str(tmp_path / "ws.db")
    cat.close()
    src = build_task_list(tmp_path / "任务清单.xlsx")
    r = run_cli("--db", db, "tasks", "import", str(src), "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["tasks"] == 8
    again = run_cli("--db", db, "tasks", "import", str(src))
    assert again.returncode == 2 and "导入过" in again.stderr
    r = run_cli("--db", db, "tasks", "list", "--json")
    data = json.loads(r.stdout)
    assert r.returncode == (1 if data["counts"]["overdue"] else 0)
    assert set(data) >= {"today", "counts", "tasks", "coverage", "warning"}
    first = data["tasks"][0]
    assert {"id", "code", "title", "requirement", "unit", "deadline", "deadline_label", "status", "state",
            "state_text", "evidence", "completion"} <= set(first)
    tid = str(first["id"])
    bad = run_cli("--db", db, "tasks", "set", tid, "--status", "不涉及")
    assert bad.returncode == 2 and "原因" in bad.stderr
    ok = run_cli("--db", db, "tasks", "set", tid, "--status", "已完成", "--on", "2026-01-05",
                 "--note", "已完成")
    assert ok.returncode == 0 and "已标为已完成（2026-01-05）" in ok.stdout
    r = run_cli("--db", db, "tasks", "link", tid, "--text", "见政府网站")
    assert r.returncode == 0 and "佐证" in r.stdout
    r = run_cli("--db", db, "tasks", "show", tid)
    assert "见政府网站" in r.stdout and "已完成" in r.stdout
    r = run_cli("--db", db, "tasks", "list", "--year-end", "--json")
    assert json.loads(r.stdout)["tasks"][0]["done_on"] == "2026-01-05"
    r = run_cli("--db", db, "tasks", "list")
    assert "共 8 项" in r.stdout
    out = tmp_path / "完成情况.xlsx"
    r = run_cli("--db", db, "tasks", "export", str(out))
    assert r.returncode == 0 and out.exists()
    r = run_cli("--db", db, "tasks", "set", "999", "--status", "推进中")
    assert r.returncode == 2 and "没有编号为 999 的任务" in r.stderr


def test_header_without_rows_names_file_sheet_and_row(tmp_path):
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = "任务分工"
    ws.append(["2026年工作要点"])
    ws.append(["序号", "工作任务", "具体要求", "责任单位"])
    ws.append(["一、年底前工作"])
    wb.save(tmp_path / "x.xlsx")
    with pytest.raises(InputError, match=r"x.xlsx，工作表「任务分工」，第 3 行：表头下面没有任何任务行"):
        read_task_list(Path(tmp_path / "x.xlsx"))
