"""行政复议 and 行政诉讼 about government information disclosure: the annual report's fourth table."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from catalog.errors import InputError

REVIEW, SUIT_DIRECT, SUIT_AFTER_REVIEW = "行政复议", "未经复议直接起诉", "复议后起诉"
KINDS = (REVIEW, SUIT_DIRECT, SUIT_AFTER_REVIEW)
_KIND_ALIASES = {"复议": REVIEW, "直接起诉": SUIT_DIRECT, "诉讼": SUIT_DIRECT, "行政诉讼": SUIT_DIRECT,
                 "复议后诉讼": SUIT_AFTER_REVIEW}
UPHELD, CORRECTED, OTHER, PENDING = "结果维持", "结果纠正", "其他结果", "尚未审结"
RESULTS = (UPHELD, CORRECTED, OTHER)
_RESULT_ALIASES = {"维持": UPHELD, "纠正": CORRECTED, "撤销": CORRECTED, "确认违法": CORRECTED,
                   "责令履行": CORRECTED, "其他": OTHER, "驳回": OTHER, "撤回": OTHER, "终止": OTHER}


@dataclass(frozen=True)
class Appeal:
    kind: str                     # one of KINDS
    filed: date                   # 收到复议申请/起诉之日
    result: str = ""              # one of RESULTS; "" while it is pending (尚未审结)
    closed: date | None = None
    request_id: int | None = None
    note: str = ""
    id: int | None = None

    def result_at(self, day: date) -> str:
        """The result as it stood on `day`: 尚未审结 until it was closed."""
        if self.result and self.closed and self.closed <= day:
            return self.result
        return PENDING

    def to_dict(self) -> dict:
        return {"id": self.id, "kind": self.kind, "filed": self.filed.isoformat(),
                "result": self.result or PENDING,
                "closed": self.closed.isoformat() if self.closed else None, "request_id": self.request_id,
                "note": self.note}


def appeal_kind(text: str) -> str:
    t = (text or "").strip()
    t = _KIND_ALIASES.get(t, t)
    if t not in KINDS:
        raise InputError(f"类型「{text}」无法识别，应为：{'、'.join(KINDS)}")
    return t


def appeal_result(text: str | None) -> str:
    t = (text or "").strip()
    if not t or t == PENDING:
        return ""
    t = _RESULT_ALIASES.get(t, t)
    if t not in RESULTS:
        raise InputError(f"结果「{text}」无法识别，应为：{'、'.join(RESULTS)}（未审结的不填）")
    return t


def validate_appeal(a: Appeal) -> Appeal:
    kind, result = appeal_kind(a.kind), appeal_result(a.result)
    if result and a.closed is None:
        raise InputError("登记结果时请填写审结日期")
    if a.closed and a.closed < a.filed:
        raise InputError(f"审结日期 {a.closed.isoformat()} 早于受理日期 {a.filed.isoformat()}")
    if a.closed and not result:
        raise InputError(f"登记审结日期时请填写结果：{'、'.join(RESULTS)}")
    return Appeal(kind, a.filed, result, a.closed, a.request_id, a.note.strip(), a.id)
