"""Reply types = the outcome rows of 《政府信息公开工作年度报告格式》(国办公开办函〔2021〕30号), one to one.

Codes are "group.row" ("3.4" = (三)不予公开 4.保护第三方合法权益); groups (一) and (二) have a single row.
"""
from __future__ import annotations

from dataclasses import dataclass

from catalog.errors import InputError


@dataclass(frozen=True)
class Outcome:
    code: str        # "1", "2", "3.1" … "6.3"
    group: str       # （三）不予公开
    label: str       # 1.属于国家秘密 (the row's text in the report); for single rows the group text

    @property
    def short(self) -> str:
        """不予公开：属于国家秘密 — for lists and the CLI."""
        group = self.group.split("）", 1)[-1].split("（", 1)[0]
        if self.label == self.group:
            return group
        return f"{group}：{self.label.split('.', 1)[-1]}"


_GROUPS = (
    ("（一）予以公开", ()),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ()),
    ("（三）不予公开",
     ("属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益",
                   "属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项")),
    ("（四）无法提供", ("本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确")),
    ("（五）不予处理", ("信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请",
                   "要求行政机关确认或重新出具已获取信息")),
    ("（六）其他处理", ("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                   "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "其他")),
)


def _build() -> tuple[Outcome, ...]:
    out = []
    for g, (group, rows) in enumerate(_GROUPS, start=1):
        if not rows:
            out.append(Outcome(str(g), group, group))
        for r, name in enumerate(rows, start=1):
            out.append(Outcome(f"{g}.{r}", group, f"{r}.{name}"))
    return tuple(out)


OUTCOMES: tuple[Outcome, ...] = _build()
_BY_CODE = {o.code: o for o in OUTCOMES}
GROUPS = tuple(g for g, _ in _GROUPS)
TOTAL_LABEL = "（七）总计"


def outcome(ref: str) -> Outcome:
    """An outcome by code ("3.4"), by its exact row text, or by a word only one row contains ("重复申请")."""
    t = (ref or "").strip()
    if t in _BY_CODE:
        return _BY_CODE[t]
    hits = [o for o in OUTCOMES if t and (t == o.label or t == o.short or t in o.label or t in o.short)]
    exact = [o for o in hits if t in (o.label, o.short, o.label.split(".", 1)[-1])]
    if len(exact) == 1:
        return exact[0]
    if len(hits) == 1:
        return hits[0]
    listing = "；".join(f"{o.code} {o.short}" for o in OUTCOMES)
    why = "对应多个类型" if hits else "无法识别"
    raise InputError(f"答复类型「{ref}」{why}。请用编号：{listing}")
