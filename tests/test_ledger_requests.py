"""依申请公开 register: 20 working days (国庆, 春节), extension ≤ 20 approved in time, 补正 restarting the
clock, third-party time not counted, stages, validation, and reply types = the annual report's outcome
rows."""
from __future__ import annotations

from datetime import date

import pytest

from catalog.errors import InputError, KnownError
from catalog.ledger import Register
from catalog.ledger.annual import AnnualTables
from catalog.ledger.outcomes import OUTCOMES, outcome
from catalog.ledger.requests import (
    CATEGORIES,
    Consultation,
    InfoRequest,
    category,
    channel,
    reply_deadline,
    request_status,
    validate_request,
)
from catalog.storage import Workspace
from catalog.timelimits.workdays import WorkCalendar

D = date
CAL = WorkCalendar()


RECEIVED = D(2026, 9, 28)


def req(received: date = RECEIVED, **kw) -> InfoRequest:
    base = dict(received=received, channel="网络", category="自然人", applicant="张三丰", content="低保名单")
    base.update(kw)
    return InfoRequest(**base)


class TestDeadline:
    def test_twenty_workdays_across_national_day(self):
        dl = reply_deadline(req(), CAL)
        assert dl.clock_start == D(2026, 9, 28) and dl.base_due == dl.due == D(2026, 10, 30)
        # 7 working days: 09-29, 09-30, 10-08, 10-09, 10-10 (Sat), 10-12, 10-13
        assert dl.correction_due == D(2026, 10, 13)

    def test_spring_festival_correction_due_on_an_adjusted_saturday(self):
        dl = reply_deadline(req(D(2026, 2, 12)), CAL)
        assert dl.correction_due == D(2026, 2, 28)       # Saturday 02-28 is a working day
        assert dl.due == D(2026, 3, 18)

    def test_extension_adds_working_days(self):
        dl = reply_deadline(req(extension_days=20, extension_approved=D(2026, 10, 20)), CAL)
        assert dl.base_due == D(2026, 10, 30) and dl.due == D(2026, 11, 27)

    def test_extension_over_twenty_days_is_refused(self):
        with pytest.raises(InputError, match="最长 20 个工作日"):
            validate_request(req(extension_days=21, extension_approved=D(2026, 10, 20)), CAL)

    def test_extension_approved_after_the_deadline_is_refused(self):
        with pytest.raises(InputError, match="届满（2026-10-30）之前"):
            validate_request(req(extension_days=5, extension_approved=D(2026, 11, 2)), CAL)
        validate_request(req(extension_days=5, extension_approved=D(2026, 10, 30)), CAL)

    def test_correction_pauses_then_restarts_the_clock(self):
        waiting = reply_deadline(req(D(2026, 11, 2), correction_sent=D(2026, 11, 5)), CAL)
        assert waiting.due is None and waiting.paused == "等待申请人补正"
        back = reply_deadline(req(D(2026, 11, 2), correction_sent=D(2026, 11, 5),
                                  correction_received=D(2026, 11, 10)), CAL)
        assert back.clock_start == D(2026, 11, 10) and back.due == D(2026, 12, 8)

    def test_late_correction_notice_is_flagged(self):
        st = request_status(req(D(2026, 11, 2), correction_sent=D(2026, 11, 12)), CAL, today=D(2026, 11, 13))
        assert st["status"] == "paused" and "补正告知晚于 2026-11-11" in st["flags"][0]

    def test_third_party_time_is_not_counted(self):
        # Consultation 11-12 → 11-20: the six working days after sending, up to the answer, do not count.
        r = req(D(2026, 11, 10), consultations=(Consultation(D(2026, 11, 12), D(2026, 11, 20), "某公司"),))
        dl = reply_deadline(r, CAL)
        assert dl.excluded_workdays == 6 and dl.due == D(2026, 12, 16)
        assert reply_deadline(req(D(2026, 11, 10)), CAL).due == D(2026, 12, 8)

    def test_open_consultation_stops_the_clock(self):
        r = req(D(2026, 11, 10), consultations=(Consultation(D(2026, 11, 12)),))
        assert reply_deadline(r, CAL).paused == "征求第三方意见中"

    def test_correction_extension_and_consultation_together(self):
        r = req(D(2026, 11, 2), correction_sent=D(2026, 11, 5), correction_received=D(2026, 11, 10),
                consultations=(Consultation(D(2026, 11, 12), D(2026, 11, 20)),), extension_days=10,
                extension_approved=D(2026, 11, 20))
        dl = reply_deadline(validate_request(r, CAL), CAL)
        assert dl.base_due == D(2026, 12, 16) and dl.due == D(2026, 12, 30)

    def test_status_over_time(self):
        r = req()
        assert request_status(r, CAL, today=D(2026, 10, 9))["status"] == "open"
        assert request_status(r, CAL, today=D(2026, 10, 27))["text"] == "3 天内到期"
        assert request_status(r, CAL, today=D(2026, 11, 2))["text"] == "已逾期 3 天未答复"
        on_time = r.with_(reply_on=D(2026, 10, 30), reply_type="1")
        assert request_status(on_time, CAL, today=D(2026, 12, 1))["text"] == "按时答复"
        assert request_status(r.with_(reply_on=D(2026, 11, 2), reply_type="1"), CAL,
                              today=D(2026, 12, 1))["status"] == "replied_late"


class TestRecord:
    def test_stages(self):
        r = req()
        assert r.stage == "登记"
        assert r.with_(reviewed_on=D(2026, 9, 29)).stage == "审核"
        assert r.with_(processing_on=D(2026, 9, 30)).stage == "办理"
        assert r.with_(reply_on=D(2026, 10, 9), reply_type="1").stage == "答复"
        assert r.with_(reply_on=D(2026, 10, 9), reply_type="1", archived_on=D(2026, 10, 12)).stage == "归档"

    @pytest.mark.parametrize("changes,msg", [
        ({"reply_on": D(2026, 9, 1), "reply_type": "1"}, "早于收到申请日期"),
        ({"reply_on": D(2026, 10, 9)}, "答复类型"),
        ({"archived_on": D(2026, 10, 9)}, "尚未答复"),
        ({"correction_received": D(2026, 10, 9)}, "还没有登记补正告知"),
        ({"consultations": (Consultation(D(2026, 10, 9), D(2026, 10, 8)),)}, "早于征求意见开始日期"),
        ({"extension_days": 5}, "批准日期"),
        ({"applicant": " "}, "申请人"),
    ])
    def test_bad_timelines_are_refused(self, changes, msg):
        with pytest.raises(InputError, match=msg):
            validate_request(req(**changes), CAL)

    def test_words_for_channel_and_category(self):
        assert channel("网上") == "网络" and channel("邮寄") == "信函" and channel("当面") == "当面"
        assert category("律师事务所") == "法律服务机构" and category("公司") == "商业企业"
        assert set(CATEGORIES) == {"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"}
        with pytest.raises(InputError, match="当面、网络、信函、传真"):
            channel("电话")
        with pytest.raises(InputError, match="年度报告的列"):
            category("村委会")

    def test_export_masks_applicant_contact_and_ids_in_content(self):
        r = req(contact="13812345678", content="我的身份证号110101199003071234，电话13812345678")
        d = r.export_dict()
        assert d["applicant"] == "张*丰" and d["contact"] == "138****5678"
        assert "110101199003071234" not in d["content"] and "13812345678" not in d["content"]
        assert "张三丰" not in str(d)


class TestOutcomes:
    def test_reply_types_are_the_annual_rows_one_to_one(self):
        rows = [k for k, _g, _l in AnnualTables(2026, {}, {}, {}).request_rows()]
        codes = [o.code for o in OUTCOMES]
        assert [k for k in rows if k in codes] == codes and len(set(codes)) == len(codes) == 21
        assert [o.label for o in OUTCOMES if o.group.startswith("（六）")] == [
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"]

    @pytest.mark.parametrize("ref,code", [("1", "1"), ("予以公开", "1"), ("部分公开", "2"), ("3.4", "3.4"),
                                          ("保护第三方合法权益", "3.4"), ("重复申请", "5.2"), ("其他", "6.3"),
                                          ("本机关不掌握相关政府信息", "4.1")])
    def test_lookup(self, ref, code):
        assert outcome(ref).code == code

    def test_unknown_or_ambiguous(self):
        with pytest.raises(InputError, match="无法识别"):
            outcome("同意")
        with pytest.raises(InputError, match="对应多个类型"):
            outcome("不予")


class TestRegisterStore:
    @pytest.fixture
    def reg(self, tmp_path):
        ws = Workspace.open(tmp_path / "ws.db")
        yield Register(ws)
        ws.close()

    def test_numbering_steps_and_persistence(self, reg):
        a = reg.add(req())
        b = reg.add(req(D(2026, 11, 2), category="企业"))
        assert (a.no, b.no, b.category) == ("2026-001", "2026-002", "商业企业")
        with pytest.raises(KnownError, match="已被使用"):
            reg.add(req(no="2026-001"))
        reg.correction("2026-002", sent=D(2026, 11, 5))
        reg.correction("2026-002", received=D(2026, 11, 10))
        reg.consult("2026-002", start=D(2026, 11, 12), party="第三方")
        with pytest.raises(KnownError, match="没有结束"):
            reg.consult("2026-002", start=D(2026, 11, 13))
        reg.consult("2026-002", end=D(2026, 11, 20))
        got = reg.extend("2026-002", approved=D(2026, 11, 20), days=10, by="主任")
        assert reg.status(got, today=D(2026, 11, 22))["deadline"]["due"] == "2026-12-30"
        done = reg.reply(b.id, reply_type="重复申请", on=D(2026, 12, 1))
        assert done.reply_type == "5.2" and done.stage == "答复"
        assert reg.archive("2026-002", on=D(2026, 12, 2)).stage == "归档"
        again = reg.get("2026-002")
        assert again.consultations[0].end == D(2026, 11, 20) and again.extension_by == "主任"
        rows = reg.listing(today=D(2026, 12, 3))
        assert [r["applicant"] for r in rows] == ["张*丰", "张*丰"] and "张三丰" not in str(rows)
        assert [r["no"] for r in reg.listing(today=D(2026, 12, 3), open_only=True)] == ["2026-001"]

    def test_a_refused_change_writes_nothing(self, reg):
        a = reg.add(req())
        with pytest.raises(InputError):
            reg.extend(a.id, approved=D(2026, 11, 2), days=5)
        assert reg.get(a.id).extension_days == 0
