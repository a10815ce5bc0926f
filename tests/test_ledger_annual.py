"""Annual report tables (2021 format): the request table adds up column by column, a table that does not is
refused (nothing written), 上年结转 follows last year's exported report, 主动公开 and 复议诉讼 counts,
masking."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from catalog.ledger import CrossFootingError, LedgerEntry, Register
from catalog.ledger.annual import (
    CARRIED_IN,
    CARRIED_OUT,
    NEW,
    OUTCOME_TOTAL,
    TOTAL,
    build_tables,
    cross_footing,
)
from catalog.ledger.appeals import Appeal
from catalog.ledger.requests import InfoRequest
from catalog.storage import Workspace

D = date


def req(received, category="自然人", *, reply_on=None, reply_type=None, name="张三丰", **kw):
    return InfoRequest(received=received, channel="网络", category=category, applicant=name,
                       content="申请公开", reply_on=reply_on, reply_type=reply_type, **kw)


REQUESTS = [
    req(D(2025, 12, 20), reply_on=D(2026, 1, 10), reply_type="1"),                 # carried in, done
    req(D(2025, 12, 28), "商业企业"),                                               # carried in, still open
    req(D(2025, 6, 1), reply_on=D(2025, 6, 20), reply_type="1"),                   # 2025 only
    req(D(2026, 3, 2), reply_on=D(2026, 3, 20), reply_type="2"),
    req(D(2026, 4, 2), "法律服务机构", reply_on=D(2026, 4, 28), reply_type="3.4"),
    req(D(2026, 5, 6), "科研机构", reply_on=D(2026, 5, 20), reply_type="4.1"),
    req(D(2026, 6, 8), "社会公益组织", reply_on=D(2026, 6, 9), reply_type="5.2"),
    req(D(2026, 7, 1), "其他", reply_on=D(2026, 8, 1), reply_type="6.1"),
    req(D(2026, 12, 20)),                                                           # carried out
    req(D(2027, 1, 5)),                                                             # next year
]


def test_request_table_adds_up():
    t = build_tables(2026, entries=[], requests=REQUESTS, appeals=[])
    rq = t.requests
    assert cross_footing(t) == []
    assert rq[NEW] == {"自然人": 2, "商业企业": 0, "科研机构": 1, "社会公益组织": 1,
                       "法律服务机构": 1, "其他": 1, TOTAL: 6}
    assert rq[CARRIED_IN][TOTAL] == 2 and rq[CARRIED_IN]["商业企业"] == 1
    assert rq["1"][TOTAL] == 1 and rq["2"]["自然人"] == 1 and rq["3.4"]["法律服务机构"] == 1
    assert rq["5.2"]["社会公益组织"] == 1 and rq["6.1"]["其他"] == 1
    assert rq[OUTCOME_TOTAL][TOTAL] == 6 and rq[CARRIED_OUT] == {**dict.fromkeys(rq[NEW], 0), "自然人": 1,
                                                                   "商业企业": 1, TOTAL: 2}
    assert t.carried_in_source == "register"


def test_tables_that_do_not_add_up_are_listed():
    t = build_tables(2026, entries=[], requests=REQUESTS, appeals=[])
    t.requests[CARRIED_OUT]["自然人"] += 1                      # a miscount
    t.requests[OUTCOME_TOTAL][TOTAL] += 1                       # and a wrong 总计
    problems = cross_footing(t)
    assert any("「自然人」列：本年新收 2 + 上年结转 1 = 3，不等于办理结果总计 2 + 结转下年度 2 = 4" in p
               for p in problems)
    assert any("「（七）总计」一行" in p for p in problems)
    assert any("「总计」列：办理结果各行合计 6，但“（七）总计”是 7" in p for p in problems)


def test_carried_in_from_last_years_report_must_agree():
    previous = {"carried_out": {"自然人": 1, "商业企业": 2, "科研机构": 0, "社会公益组织": 0,
                                "法律服务机构": 0, "其他": 0, TOTAL: 3}}
    t = build_tables(2026, entries=[], requests=REQUESTS, appeals=[], previous=previous)
    assert t.carried_in_source == "report"
    problems = cross_footing(t)
    assert len(problems) == 2
    assert "上年结转取自 2025 年已导出的年报：2 件，而登记簿中上年未办结的是 1 件" in problems[0]


def test_active_table_from_ledger_stats():
    def e(row, published, count=1, action=None, amount=None):
        return LedgerEntry("X", "t", published=published, stat_row=row, stat_action=action, stat_count=count,
                           stat_amount=amount)
    entries = [e("行政规范性文件", D(2025, 3, 1), 2, "制发"), e("行政规范性文件", D(2026, 3, 1), 1, "制发"),
               e("行政规范性文件", D(2026, 5, 1), 1, "废止"), e("行政处罚", D(2026, 6, 1), 3),
               e("行政处罚", D(2025, 6, 1), 9), e("行政许可", D(2026, 6, 2), 4),
               e("行政事业性收费", D(2026, 7, 1), amount=Decimal("1.25")), e("行政处罚", D(2027, 1, 2), 5)]
    t = build_tables(2026, entries=entries, requests=[], appeals=[])
    assert t.active["行政规范性文件"] == {"本年制发件数": 1, "本年废止件数": 1, "现行有效件数": 2}
    assert t.active["行政处罚"] == {"本年处理决定数量": 3} and t.active["行政许可"] == {"本年处理决定数量": 4}
    assert t.active["行政事业性收费"]["本年收费金额（单位：万元）"] == Decimal("1.25")
    assert build_tables(2026, entries=entries, requests=[], appeals=[],
                        valid_counts={"行政规范性文件": 7}).active["行政规范性文件"]["现行有效件数"] == 7
    negative = build_tables(2026, entries=[e("规章", D(2026, 3, 1), 1, "废止")], requests=[], appeals=[])
    assert any("现行有效件数为 -1" in p for p in cross_footing(negative))


def test_appeals_table():
    appeals = [Appeal("行政复议", D(2026, 3, 1), "结果维持", D(2026, 5, 1)),
               Appeal("行政复议", D(2026, 11, 1), "结果纠正", D(2027, 2, 1)),     # decided after year end
               Appeal("未经复议直接起诉", D(2026, 4, 1)),
               Appeal("复议后起诉", D(2025, 4, 1), "其他结果", D(2025, 9, 1))]
    t = build_tables(2026, entries=[], requests=[], appeals=appeals)
    assert t.appeals["行政复议"] == {"结果维持": 1, "结果纠正": 0, "其他结果": 0, "尚未审结": 1, TOTAL: 2}
    assert t.appeals["未经复议直接起诉"]["尚未审结"] == 1 and t.appeals["复议后起诉"][TOTAL] == 0


@pytest.fixture
def reg(tmp_path):
    ws = Workspace.open(tmp_path / "ws.db")
    r = Register(ws)
    for q in REQUESTS:
        r.add(q.with_(contact="13812345678"))
    yield r
    ws.close()


def test_export_writes_the_workbook_masked_and_keeps_the_carry(reg, tmp_path):
    out = tmp_path / "2026.xlsx"
    reg.export_annual(2026, out, title="某镇人民政府2026年政府信息公开工作年度报告 ", today=D(2027, 1, 10))
    wb = load_workbook(out)
    assert wb.sheetnames == ["主动公开", "依申请公开", "复议诉讼", "办理明细"]
    text = "\n".join(str(c) for ws in wb for row in ws.iter_rows(values_only=True) for c in row
                     if c is not None)
    assert "三、本年度办理结果" in text and "（七）总计" in text and "四、结转下年度继续办理" in text
    assert "张三丰" not in text and "13812345678" not in text and "张*丰" in text
    sheet = wb["依申请公开"]
    labels = [sheet.cell(r, 1).value for r in range(1, sheet.max_row + 1)]
    new_row = labels.index("一、本年新收政府信息公开申请数量") + 1
    assert [sheet.cell(new_row, c).value for c in range(4, 11)] == [2, 0, 1, 1, 1, 1, 6]
    assert reg.store.annual(2026)["carried_out"][TOTAL] == 2
    t, problems = reg.annual_tables(2027)
    assert t.carried_in_source == "report" and t.requests[CARRIED_IN][TOTAL] == 2 and problems == []


def test_export_is_refused_when_last_years_report_disagrees(reg, tmp_path):
    reg.store.save_annual(2025, {"carried_out": {"自然人": 3, TOTAL: 3}}, file="old.xlsx")
    out = tmp_path / "2026.xlsx"
    with pytest.raises(CrossFootingError, match="拒绝导出") as err:
        reg.export_annual(2026, out)
    assert err.value.problems and not out.exists() and not list(tmp_path.glob("*.tmp"))
    assert reg.store.annual(2026) is None
    reg.export_annual(2026, out, from_register=True)
    assert out.exists()


def test_appeals_sheet_header_is_laid_out_as_the_official_form(tmp_path):
    """行政复议 spans its five result columns, headings directly under it over two rows; 行政诉讼 splits
    into 未经复议直接起诉 / 复议后起诉 with five columns each (issue 15)."""
    from catalog.ledger.annual_xlsx import write_annual_xlsx
    t = build_tables(2026, entries=[], requests=[], appeals=[Appeal("行政复议", D(2026, 3, 1), "结果维持",
                                                                      D(2026, 5, 1))])
    out = write_annual_xlsx(t, tmp_path / "a.xlsx", title="某镇")
    ws = load_workbook(out)["复议诉讼"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert ws["A2"].value == "行政复议" and "A2:E2" in merged
    results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert [ws.cell(3, c).value for c in range(1, 6)] == results
    assert {"A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4"} <= merged
    assert ws["F2"].value == "行政诉讼" and "F2:O2" in merged
    assert ws["F3"].value == "未经复议直接起诉" and "F3:J3" in merged
    assert ws["K3"].value == "复议后起诉" and "K3:O3" in merged
    assert [ws.cell(4, c).value for c in range(6, 16)] == results * 2
    assert [ws.cell(5, c).value for c in range(1, 6)] == [1, 0, 0, 0, 1]
    assert "A2:E3" not in merged and "A2:E2" in merged      # not the old 2-row 行政复议 block
