"""A ledger entry (公开台账): one actual disclosure of a catalog item, with its 保密审查 record."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from catalog.errors import InputError

SOURCE_MANUAL, SOURCE_NOTICE = "manual", "notice_print"

# 保密审查 conclusions (《政府信息公开条例》第十七条: review before anything is made public).
REVIEW_PASS, REVIEW_REDACTED, REVIEW_REFUSED = "同意公开", "删减后公开", "不予公开"
REVIEW_RESULTS = (REVIEW_PASS, REVIEW_REDACTED, REVIEW_REFUSED)
_REVIEW_ALIASES = {"通过": REVIEW_PASS, "同意": REVIEW_PASS, "可以公开": REVIEW_PASS, "公开": REVIEW_PASS,
                   "删减": REVIEW_REDACTED, "部分公开": REVIEW_REDACTED, "处理后公开": REVIEW_REDACTED,
                   "不通过": REVIEW_REFUSED, "不公开": REVIEW_REFUSED, "不同意": REVIEW_REFUSED}

# Rows of the annual report's 主动公开 table (第二十条) an entry may count towards.
STAT_ROWS = ("规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费")
STAT_DOCUMENT_ROWS = ("规章", "行政规范性文件")        # counted as 制发 / 废止
STAT_ACTIONS = ("制发", "废止")
STAT_FEE_ROW = "行政事业性收费"                        # counted as an amount in 万元
_STAT_GUESS = (("行政规范性文件", "行政规范性文件"), ("规范性文件", "行政规范性文件"),
               ("行政许可", "行政许可"), ("行政处罚", "行政处罚"), ("行政强制", "行政强制"))

WHERE_URL, WHERE_BOARD, WHERE_FILE, WHERE_TEXT = "url", "noticeboard", "file", "text"
_BOARD_RE = re.compile(r"公开栏|公示栏|公告栏|宣传栏|公示牌|村务公开")
_FILE_RE = re.compile(r"^(?:[A-Za-z]:[\\/]|[\\/]|\.{1,2}[\\/])|\.(?:pdf|xlsx?|docx?|csv|jpe?g|png)$", re.I)
PERIOD_RE = re.compile(r"^\d{4}年(?:度|上半年|下半年|第\d{1,2}季度|\d{1,2}月|第\d{1,2}周|第\d{1,3}次)$")


@dataclass(frozen=True)
class LedgerEntry:
    """One disclosure. `published` None: the information was formed but is not public yet (a reminder)."""
    item_uid: str | None
    title: str
    formed: date | None = None               # 信息形成或者变更之日
    published: date | None = None            # 公开之日 (posted, put online)
    channels: tuple[str, ...] = ()
    where: str = ""                          # URL, 某村公开栏, or the file posted
    who: str = ""                            # who published it
    period: str | None = None                # recurring item: the period it covers (2026年第3季度)
    part: int | None = None                  # a 公开时限 of several clauses: which one applies (1-based)
    review_by: str = ""                      # 保密审查: reviewer
    review_on: date | None = None
    review_result: str = ""                  # one of REVIEW_RESULTS, "" when not reviewed
    stat_row: str | None = None              # annual report 第二十条 row (STAT_ROWS)
    stat_action: str | None = None           # 制发 | 废止 for 规章 / 行政规范性文件
    stat_count: int = 1                      # decisions or documents this disclosure carries
    stat_amount: Decimal | None = None       # 行政事业性收费: amount in 万元
    note: str = ""
    source: str = SOURCE_MANUAL
    source_id: int | None = None             # the notice print id for SOURCE_NOTICE
    id: int | None = None
    created_at: str = field(default="", compare=False)

    @property
    def where_kind(self) -> str:
        """url, noticeboard, file or text: what `where` points to."""
        w = self.where.strip()
        if re.match(r"^https?://", w, re.I) or re.match(r"^www\.", w, re.I):
            return WHERE_URL
        if _FILE_RE.search(w):
            return WHERE_FILE
        if _BOARD_RE.search(w) or any(_BOARD_RE.search(c) for c in self.channels):
            return WHERE_BOARD
        return WHERE_TEXT

    def problems(self) -> list[str]:
        """What a reviewer would question about this record (保密审查 first); [] when nothing."""
        out = []
        if self.published is not None:
            if not self.review_result:
                out.append("未登记保密审查")
            elif self.review_result == REVIEW_REFUSED:
                out.append("保密审查结论为不予公开，却登记了公开")
            elif self.review_on is not None and self.review_on > self.published:
                out.append(f"保密审查（{self.review_on.isoformat()}）晚于公开日期（{self.published.isoformat()}）")
        return out

    def with_(self, **changes: Any) -> LedgerEntry:
        return replace(self, **changes)

    def to_dict(self) -> dict:
        """JSON-ready (dates ISO, amount as text) — the `ledger list --json` row."""
        d = asdict(self)
        for k in ("formed", "published", "review_on"):
            d[k] = d[k].isoformat() if d[k] else None
        d["channels"] = list(self.channels)
        d["stat_amount"] = None if self.stat_amount is None else str(self.stat_amount)
        d["where_kind"] = self.where_kind
        d["problems"] = self.problems()
        return d


def review_result(text: str | None) -> str:
    """'通过' → 同意公开 …; InputError for an unknown conclusion; '' stays ''."""
    t = (text or "").strip()
    if not t or t in REVIEW_RESULTS:
        return t
    if t in _REVIEW_ALIASES:
        return _REVIEW_ALIASES[t]
    raise InputError(f"保密审查结论「{t}」无法识别，应为：{'、'.join(REVIEW_RESULTS)}")


def guess_stat_row(title: str) -> str | None:
    """The 第二十条 row an item's disclosures count towards, when its title says so plainly."""
    for word, row in _STAT_GUESS:
        if word in title:
            return row
    return None


def parse_amount(text: str | None) -> Decimal | None:
    if text is None or str(text).strip() == "":
        return None
    try:
        value = Decimal(str(text).strip().replace(",", "").replace("，", ""))
    except InvalidOperation:
        raise InputError(f"金额「{text}」不是数字（单位：万元）") from None
    if not value.is_finite():
        raise InputError(f"金额「{text}」不是有效的数字（单位：万元）")
    if value < 0:
        raise InputError(f"金额「{text}」不能为负数")
    return value


def validate_entry(e: LedgerEntry) -> LedgerEntry:
    """Normalise and check one entry; InputError (Chinese) naming the field at fault."""
    title = e.title.strip()
    if not title:
        raise InputError("公开台账的标题不能为空（写明公开了什么，如“2026年第3季度低保审批名单”）")
    if e.formed is None and e.published is None:
        raise InputError("请至少填写信息形成日期或公开日期之一")
    if e.formed and e.published and e.published < e.formed:
        raise InputError(f"公开日期 {e.published.isoformat()} 早于信息形成日期 "
                         f"{e.formed.isoformat()}，请核对")
    period = (e.period or "").strip() or None
    if period and not PERIOD_RE.match(period):
        raise InputError(f"所属期间「{period}」的写法不对，应如 2026年度、2026年上半年、2026年第3季度、"
                         "2026年10月")
    if e.part is not None and e.part < 1:
        raise InputError("--part 应为从 1 开始的公开时限分项序号")
    result = _checked_review(e)
    stat_row, action = _checked_stat(e)
    channels = tuple(dict.fromkeys(c.strip() for c in e.channels if c and c.strip()))
    return replace(e, title=title, period=period, review_result=result, stat_row=stat_row, stat_action=action,
                   channels=channels, where=e.where.strip(), who=e.who.strip(), review_by=e.review_by.strip())


def _checked_review(e: LedgerEntry) -> str:
    """The 保密审查 conclusion, normalised; a reviewer and a conclusion go together."""
    result = review_result(e.review_result)
    if (e.review_by.strip() or e.review_on) and not result:
        raise InputError(f"登记保密审查时请填写审查结论：{'、'.join(REVIEW_RESULTS)}")
    if result and not e.review_by.strip():
        raise InputError("登记保密审查结论时请填写审查人")
    return result


def _checked_stat(e: LedgerEntry) -> tuple[str | None, str | None]:
    """(年报统计项, 制发/废止) of the entry, checked with its count and amount."""
    stat_row, action = e.stat_row or None, e.stat_action or None
    if stat_row is not None and stat_row not in STAT_ROWS:
        raise InputError(f"年报统计项「{stat_row}」无法识别，应为：{'、'.join(STAT_ROWS)}")
    if stat_row in STAT_DOCUMENT_ROWS:
        action = action or "制发"
        if action not in STAT_ACTIONS:
            raise InputError(f"{stat_row}的统计类别应为“制发”或“废止”，实际是「{action}」")
    elif action:
        raise InputError(f"只有规章、行政规范性文件分“制发/废止”，{stat_row or '未设统计项的记录'}不需要")
    if e.stat_count < 0:
        raise InputError("统计件数不能为负数")
    if e.stat_amount is not None and stat_row != STAT_FEE_ROW:
        raise InputError("金额只用于“行政事业性收费”统计项（单位：万元）")
    return stat_row, action
