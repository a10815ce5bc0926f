"""依申请公开 register: one request, its stage (登记→审核→办理→答复→归档) and its reply deadline.

《政府信息公开条例》(国务院令第711号): 第三十条 a 补正 notice within 7 working days of receipt, the reply
clock starting again when the 补正 arrives; 第三十三条 20 working days, at most 20 more on an approved
extension, time spent consulting third parties (第三十二条) not counted. Reply types are the annual report's
outcome rows (outcomes.py), one to one.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from catalog.errors import InputError
from catalog.ledger.outcomes import outcome
from catalog.privacy.pii import mask_name, mask_phone, scrub_text
from catalog.timelimits.workdays import WorkCalendar

REPLY_WORKDAYS, MAX_EXTENSION, CORRECTION_WORKDAYS = 20, 20, 7
CHANNELS = ("当面", "网络", "信函", "传真")
_CHANNEL_ALIASES = {"现场": "当面", "窗口": "当面", "面交": "当面", "网上": "网络", "在线": "网络",
                    "网站": "网络", "电子邮件": "网络", "邮件": "网络", "邮寄": "信函", "信件": "信函",
                    "来信": "信函", "挂号信": "信函"}
# The annual report's applicant columns (2021 format): 自然人, then 法人或其他组织 in five.
CATEGORIES = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
_CATEGORY_ALIASES = {"个人": "自然人", "公民": "自然人", "群众": "自然人", "村民": "自然人",
                     "企业": "商业企业", "公司": "商业企业", "个体工商户": "商业企业",
                     "高校": "科研机构", "研究所": "科研机构", "研究院": "科研机构", "科研院所": "科研机构",
                     "社会组织": "社会公益组织", "公益组织": "社会公益组织", "社会团体": "社会公益组织",
                     "律师事务所": "法律服务机构", "律所": "法律服务机构", "律师": "法律服务机构"}
STAGES = ("登记", "审核", "办理", "答复", "归档")


@dataclass(frozen=True)
class Consultation:
    """征求第三方（或其他机关）意见: from the day the request for an opinion went out to the day it came
    back."""
    start: date
    end: date | None = None       # None: still waiting (the clock is stopped)
    party: str = ""
    id: int | None = None


@dataclass(frozen=True)
class InfoRequest:
    received: date                 # 收到申请之日 (第三十一条: 当面提交日, 签收日, 双方确认日)
    channel: str
    category: str
    applicant: str                 # full name: kept in the workspace only, masked in every export
    content: str
    contact: str = ""
    no: str = ""                   # 登记编号 (2026-003)
    reviewed_on: date | None = None
    processing_on: date | None = None
    correction_sent: date | None = None       # 补正告知 sent
    correction_received: date | None = None   # the 补正 arrived: the clock starts again
    extension_approved: date | None = None
    extension_days: int = 0
    extension_by: str = ""
    consultations: tuple[Consultation, ...] = ()
    reply_on: date | None = None
    reply_type: str | None = None  # an outcome code (outcomes.OUTCOMES)
    reply_note: str = ""
    archived_on: date | None = None
    note: str = ""
    id: int | None = None

    @property
    def stage(self) -> str:
        """登记 → 审核 → 办理 → 答复 → 归档, from what has been recorded."""
        if self.archived_on:
            return "归档"
        if self.reply_on:
            return "答复"
        if self.processing_on or self.extension_approved or self.consultations:
            return "办理"
        if self.reviewed_on or self.correction_sent:
            return "审核"
        return "登记"

    def with_(self, **changes: Any) -> InfoRequest:
        return replace(self, **changes)

    def export_dict(self) -> dict:
        """What leaves the workspace (CLI, JSON, xlsx): name and contact masked, content scrubbed."""
        return {"id": self.id, "no": self.no, "received": self.received.isoformat(), "channel": self.channel,
                "category": self.category, "applicant": mask_name(self.applicant),
                "contact": mask_phone(self.contact) if self.contact else "",
                "content": scrub_text(self.content),
                "stage": self.stage, "reply_on": _iso(self.reply_on), "reply_type": self.reply_type,
                "reply_label": outcome(self.reply_type).short if self.reply_type else None,
                "archived_on": _iso(self.archived_on)}


@dataclass(frozen=True)
class ReplyDeadline:
    correction_due: date           # last day for a 补正 notice (7 working days from receipt)
    clock_start: date | None       # receipt, or the day the 补正 arrived; None while waiting for it
    base_due: date | None          # 20 working days from clock_start, third-party time not counted
    due: date | None               # base_due plus the approved extension
    paused: str | None = None      # why there is no due date now: 等待补正 / 征求第三方意见中
    excluded_workdays: int = 0     # working days of third-party consultation not counted

    def to_dict(self) -> dict:
        return {"correction_due": self.correction_due.isoformat(), "clock_start": _iso(self.clock_start),
                "base_due": _iso(self.base_due), "due": _iso(self.due), "paused": self.paused,
                "excluded_workdays": self.excluded_workdays}


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def channel(text: str) -> str:
    t = (text or "").strip()
    t = _CHANNEL_ALIASES.get(t, t)
    if t not in CHANNELS:
        raise InputError(f"申请渠道「{text}」无法识别，应为：{'、'.join(CHANNELS)}")
    return t


def category(text: str) -> str:
    t = (text or "").strip()
    t = _CATEGORY_ALIASES.get(t, t)
    if t not in CATEGORIES:
        raise InputError(f"申请人类别「{text}」无法识别，应为：{'、'.join(CATEGORIES)}（与年度报告的列一致）")
    return t


def _count_workdays(start: date, n: int, cal: WorkCalendar,
                    excluded: list[tuple[date, date]]) -> tuple[date, int]:
    """The n-th counted working day after start, skipping working days inside (a, b] of any excluded span."""
    d, counted, skipped = start, 0, 0
    while counted < n:
        d += timedelta(days=1)
        if not cal.is_workday(d):
            continue
        if any(a < d <= b for a, b in excluded):
            skipped += 1
            continue
        counted += 1
    return d, skipped


def reply_deadline(req: InfoRequest, cal: WorkCalendar) -> ReplyDeadline:
    """The reply deadline as the record stands (第三十条, 第三十二条, 第三十三条)."""
    correction_due = cal.add_workdays(req.received, CORRECTION_WORKDAYS)
    if req.correction_sent and not req.correction_received:
        return ReplyDeadline(correction_due, None, None, None, paused="等待申请人补正")
    start = req.correction_received or req.received
    if any(c.end is None for c in req.consultations):
        return ReplyDeadline(correction_due, start, None, None, paused="征求第三方意见中")
    spans = [(c.start, c.end) for c in req.consultations if c.end is not None]
    base, skipped = _count_workdays(start, REPLY_WORKDAYS, cal, spans)
    due, skipped_all = base, skipped
    if req.extension_days:
        due, skipped_all = _count_workdays(start, REPLY_WORKDAYS + req.extension_days, cal, spans)
    return ReplyDeadline(correction_due, start, base, due, excluded_workdays=skipped_all)


def validate_request(req: InfoRequest, cal: WorkCalendar) -> InfoRequest:
    """Normalise and check a request's dates and words; InputError naming the field."""
    if not req.applicant.strip():
        raise InputError("请填写申请人姓名或名称（导出时会脱敏）")
    if not req.content.strip():
        raise InputError("请填写申请公开的内容")
    req = replace(req, channel=channel(req.channel), category=category(req.category),
                  applicant=req.applicant.strip(), content=req.content.strip(), contact=req.contact.strip())
    r = req.received
    _after("审核日期", req.reviewed_on, "收到申请日期", r)
    _after("办理日期", req.processing_on, "收到申请日期", r)
    _after("补正告知日期", req.correction_sent, "收到申请日期", r)
    if req.correction_received and not req.correction_sent:
        raise InputError("还没有登记补正告知，不能登记收到补正")
    _after("收到补正日期", req.correction_received, "补正告知日期", req.correction_sent)
    for c in req.consultations:
        _after("征求意见开始日期", c.start, "收到申请日期", r)
        _after("收到第三方意见日期", c.end, "征求意见开始日期", c.start)
    if req.extension_days:
        _check_extension(req, cal)
    if req.reply_on:
        if not req.reply_type:
            raise InputError("登记答复时请选择答复类型（与年度报告“办理结果”各行一一对应）")
        outcome(req.reply_type)
        _after("答复日期", req.reply_on, "收到申请日期", r)
    if req.archived_on:
        if not req.reply_on:
            raise InputError("尚未答复的申请不能归档")
        _after("归档日期", req.archived_on, "答复日期", req.reply_on)
    return req


def _check_extension(req: InfoRequest, cal: WorkCalendar) -> None:
    """条例第三十三条: at most 20 more working days, approved before the basic deadline runs out."""
    if not 1 <= req.extension_days <= MAX_EXTENSION:
        raise InputError(f"延长答复期限最长 {MAX_EXTENSION} 个工作日（条例第三十三条），实际是 "
                         f"{req.extension_days}")
    if req.extension_approved is None:
        raise InputError("延长答复期限须登记批准日期（经政府信息公开工作机构负责人同意）")
    base = reply_deadline(replace(req, extension_days=0, extension_approved=None), cal).base_due
    _after("延期批准日期", req.extension_approved, "收到申请日期", req.received)
    if base and req.extension_approved > base:
        raise InputError(f"延期须在答复期限届满（{base.isoformat()}）之前批准并告知申请人，"
                         f"登记的批准日期是 {req.extension_approved.isoformat()}")


def _after(name: str, day: date | None, ref_name: str, ref: date | None) -> None:
    if day and ref and day < ref:
        raise InputError(f"{name} {day.isoformat()} 早于{ref_name} {ref.isoformat()}，请核对")


# -- status ------------------------------------------------------------------------------------
REPLIED_ON_TIME, REPLIED_LATE, OPEN, DUE_SOON, OVERDUE, PAUSED = (
    "replied", "replied_late", "open", "due_soon", "overdue", "paused")


def request_status(req: InfoRequest, cal: WorkCalendar, *, today: date, within: int = 5) -> dict:
    """{"status", "text", "days_left", "deadline", "flags"} for the register list and the dashboard."""
    dl = reply_deadline(req, cal)
    flags = []
    if req.correction_sent and req.correction_sent > dl.correction_due:
        flags.append(f"补正告知晚于 {dl.correction_due.isoformat()}（应在收到申请后 {CORRECTION_WORKDAYS} "
                     "个工作日内）")
    days_left = None
    if req.reply_on:
        late = dl.due is not None and req.reply_on > dl.due
        status, text = (REPLIED_LATE, "逾期答复") if late else (REPLIED_ON_TIME, "按时答复")
        if req.archived_on:
            text += "，已归档"
    elif dl.due is None:
        status, text = PAUSED, dl.paused or "暂停计时"
    else:
        days_left = (dl.due - today).days
        if days_left < 0:
            status, text = OVERDUE, f"已逾期 {-days_left} 天未答复"
        elif days_left <= within:
            status, text = DUE_SOON, "今天到期" if days_left == 0 else f"{days_left} 天内到期"
        else:
            status, text = OPEN, f"办理中（{dl.due.isoformat()} 前答复）"
    return {"status": status, "text": text, "days_left": days_left, "deadline": dl.to_dict(), "flags": flags}
