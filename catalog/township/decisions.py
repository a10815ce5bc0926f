"""Deciding 层级待确认 items: why each is undecided, a suggestion with evidence from its guide row, and
DecideItems — one undoable step that decides many items and records who, when and why.

The suggestion comes only from the guide row (公开主体 and 公开渠道), never from a guess:
- the subject names 乡镇人民政府 / 街道办事处 / 村(居)委会 → 纳入;
- the subject is only 县级 departments and the channels are only 政府网站 → 不适用,
  reason "县级事项，由县级部门公开";
- anything else → no suggestion (the clerk decides).
"""
from __future__ import annotations

import getpass
import re
import unicodedata
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from catalog.channels import normalize_channel
from catalog.errors import InputError
from catalog.guides.shipped import GuideItem, GuideSet
from catalog.storage.catalog_store import CatalogStore
from catalog.storage.decision_store import DecisionStore
from catalog.township.items import ADOPTED, NOT_APPLICABLE, PENDING_LEVEL, STATUS_TEXT, CatalogItem
from catalog.township.profile import Township

COUNTY_REASON = "县级事项，由县级部门公开"
HOW_TEXT = {"suggestion": "采纳建议", "choice": "手动决定"}

_LOCAL_RE = re.compile(r"乡镇人民政府|乡\(镇\)人民政府|乡镇政府|街道办事处|村\(居\)委会|村\(居\)民委员会|"
                       r"村委会|居委会|村民委员会|居民委员会")
_BRACKETS_RE = re.compile(r"\([^)]*\)")           # 县(市、区) → 县 before splitting on 、
_SPLIT_RE = re.compile(r"[、,;及与或]")


def _norm(text: str) -> str:
    """Full-width brackets and commas to half-width, no spaces (for matching only)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@dataclass(frozen=True)
class Suggestion:
    """What the guide row suggests for an undecided item: status (None = no suggestion) and why."""
    status: str | None
    reason: str          # the 不适用 reason written into the item (COUNTY_REASON), or "" for 纳入
    evidence: str        # why: what in the guide row leads there (or why there is no suggestion)

    @property
    def text(self) -> str:
        """建议：纳入 / 不适用 / 无建议."""
        return "无建议" if self.status is None else ("纳入" if self.status == ADOPTED else "不适用")


def suggest(gi: GuideItem | None) -> Suggestion:
    """The suggestion for a catalog item whose guide row is `gi` (None: a local item)."""
    if gi is None:
        return Suggestion(None, "", "本地事项，没有标准指引的行可作依据")
    subject = _norm(gi.text.subject or "")
    if not subject:
        return Suggestion(None, "", "标准指引没有写明公开主体")
    local = _LOCAL_RE.search(subject)
    if local:
        return Suggestion(ADOPTED, "", f"公开主体写有“{local.group(0)}”：由乡镇（街道）或村（居）公开")
    parts = [p for p in _SPLIT_RE.split(_BRACKETS_RE.sub("", subject)) if p]
    county_only = bool(parts) and all(p.startswith("县") for p in parts)
    channels = tuple(normalize_channel(c) for c in gi.text.channels or ())
    if county_only:
        if gi.text.channels is None or not channels:
            return Suggestion(None, "", f"公开主体“{gi.text.subject}”是县级部门，但指引没有写明公开渠道")
        if set(channels) == {"政府网站"}:
            return Suggestion(NOT_APPLICABLE, COUNTY_REASON,
                              f"公开主体“{gi.text.subject}”是县级部门，公开渠道只有政府网站")
        others = "、".join(c for c in channels if c != "政府网站")
        return Suggestion(None, "", f"公开主体是县级部门，但公开渠道还有{others}（可能需要乡镇配合公开）")
    return Suggestion(None, "", f"公开主体“{gi.text.subject}”不能判断是否由乡镇公开")


def why_pending(item: CatalogItem, gi: GuideItem | None) -> str:
    """Why an item is 层级待确认: what its guide row (or the item) says about the levels."""
    if gi is None:
        return "本地事项，乡级 √ 未定"
    county = {True: "县级 √", False: "县级空白", None: "县级未知"}[gi.marks.county]
    return f"指引未写乡级 √（{county}）"


@dataclass(frozen=True)
class PendingRow:
    """One undecided item with the reason it is undecided and the suggestion."""
    item: CatalogItem
    why: str
    suggestion: Suggestion


def pending_rows(items: Iterable[CatalogItem], guides: GuideSet, *,
                 skip_domains: Iterable[int] = ()) -> list[PendingRow]:
    """Every 层级待确认 item of `items` (outside `skip_domains`: those marked 不涉及), in order, with its
    suggestion."""
    skip = set(skip_domains)
    out = []
    for item in items:
        if item.status != PENDING_LEVEL or item.domain_no in skip:
            continue
        gi = guides.item(item.guide_item_id) if item.guide_item_id and not item.local else None
        out.append(PendingRow(item, why_pending(item, gi), suggest(gi)))
    return out


@dataclass(frozen=True)
class Decision:
    """One item's decision inside a DecideItems step."""
    uid: str
    domain_no: int
    status: str          # ADOPTED or NOT_APPLICABLE
    reason: str = ""     # the 不适用 reason
    how: str = "choice"  # suggestion | choice
    evidence: str = ""   # the suggestion's evidence (how == suggestion)


def default_actor(township: Township | None) -> str:
    """Who decides: the workspace's 联系人, else the computer's login name."""
    if township is not None and township.contact.strip():
        return township.contact.strip()
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):      # no login name (some services, containers)
        return "本机用户"


def plan_decisions(items: Sequence[CatalogItem], guides: GuideSet, *, mode: str, reason: str = "",
                   domains: Iterable[int] | None = None, uids: Iterable[str] | None = None,
                   skip_domains: Iterable[int] = ()) -> list[Decision]:
    """The decisions one bulk step makes.

    mode: "suggestions" (the suggested status of every undecided item that has one), "adopt" (纳入) or
    "na" (不适用 with `reason`). Without `uids` the step covers the undecided items (of `domains`, outside
    `skip_domains`); with `uids` exactly those items (any status: a selection may also re-decide)."""
    if mode not in ("suggestions", "adopt", "na"):
        raise InputError(f"未知的决定方式「{mode}」")
    reason = reason.strip()
    if mode == "na" and not reason:
        raise InputError("标记为“不适用”时必须填写原因")
    wanted_domains = set(domains) if domains is not None else None
    by_uid = {i.uid: i for i in items}
    if uids is not None:
        chosen_uids = list(dict.fromkeys(u.strip() for u in uids if u.strip()))
        unknown = [u for u in chosen_uids if u not in by_uid]
        if unknown:
            raise InputError(f"目录中没有这些事项：{'、'.join(unknown)}")
        chosen = [by_uid[u] for u in chosen_uids]
    else:
        skip = set(skip_domains)         # domains marked 不涉及: not part of the catalog
        chosen = [i for i in items if i.status == PENDING_LEVEL and i.domain_no not in skip]
    if wanted_domains is not None:
        chosen = [i for i in chosen if i.domain_no in wanted_domains]
    if mode == "suggestions":
        out = []
        for row in pending_rows(chosen, guides):
            s = row.suggestion
            if s.status is not None:
                out.append(Decision(row.item.uid, row.item.domain_no, s.status, s.reason, "suggestion",
                                    s.evidence))
        return out
    status = ADOPTED if mode == "adopt" else NOT_APPLICABLE
    return [Decision(i.uid, i.domain_no, status, reason if status == NOT_APPLICABLE else "")
            for i in chosen if not _already(i, status, reason)]


def _already(item: CatalogItem, status: str, reason: str) -> bool:
    if item.status != status:
        return False
    return status != NOT_APPLICABLE or item.na_reason == reason


@dataclass
class DecideItems:
    """Decide many items in one undoable step: 纳入 (乡级 √) or 不适用 with a reason, each recorded
    with who/when/why in the item's history. Undo restores status, reason and 乡级 and drops the records."""
    decisions: list[Decision]
    who: str
    label: str = ""
    when: str = field(default_factory=lambda: datetime.now().isoformat(timespec="seconds"))
    batch: str = field(default_factory=lambda: uuid.uuid4().hex)
    _before: dict[str, dict] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if not self.decisions:
            raise InputError("没有需要决定的事项")
        for d in self.decisions:
            if d.status not in (ADOPTED, NOT_APPLICABLE):
                raise InputError(f"决定只能是：{STATUS_TEXT[ADOPTED]}或{STATUS_TEXT[NOT_APPLICABLE]}")
            if d.status == NOT_APPLICABLE and not d.reason.strip():
                raise InputError("标记为“不适用”时必须填写原因")
        if not self.label:
            adopted = sum(1 for d in self.decisions if d.status == ADOPTED)
            na = len(self.decisions) - adopted
            parts = [f"纳入 {adopted} 项" if adopted else "", f"不适用 {na} 项" if na else ""]
            self.label = "决定层级：" + "，".join(p for p in parts if p)

    @property
    def uids(self) -> frozenset[str]:
        return frozenset(d.uid for d in self.decisions)

    @property
    def domains(self) -> frozenset[int]:
        return frozenset(d.domain_no for d in self.decisions)

    def apply(self, store: CatalogStore) -> None:
        self._before = {}
        rows = []
        for d in self.decisions:
            item = store.item(d.uid)
            if item is None:
                raise InputError(f"目录中没有编号为 {d.uid} 的事项")
            self._before[d.uid] = {"status": item.status, "na_reason": item.na_reason,
                                   "township": item.text.marks.township}
            if d.status == ADOPTED:
                changed = item.with_fields(status=ADOPTED, na_reason="", township=True)
            else:
                changed = item.with_fields(status=NOT_APPLICABLE, na_reason=d.reason.strip())
            store.put(changed)
            rows.append({"batch": self.batch, "uid": d.uid, "decided_at": self.when, "decided_by": self.who,
                         "decision": d.status, "reason": d.reason, "how": d.how, "evidence": d.evidence,
                         "previous_status": item.status})
        DecisionStore(store.ws).add_many(rows)

    def revert(self, store: CatalogStore) -> None:
        for d in self.decisions:
            item = store.item(d.uid)
            before = self._before.get(d.uid)
            if item is None or before is None:
                raise InputError(f"目录中没有编号为 {d.uid} 的事项")
            store.put(item.with_fields(**before))
        DecisionStore(store.ws).delete_batch(self.batch)


def not_involved(choices: dict[int, tuple[bool, str]]) -> set[int]:
    """The domains a workspace marked 不涉及 (from TownshipCatalog.domain_choices())."""
    return {no for no, (applies, _) in choices.items() if not applies}


def history_lines(records: list[dict]) -> list[str]:
    """An item's decisions as lines: '2026-12-04 15:40 张三：不适用（县级事项…）— 采纳建议：依据…'."""
    out = []
    for r in records:
        what = STATUS_TEXT.get(r["decision"], r["decision"])
        if r["decision"] == NOT_APPLICABLE and r.get("reason"):
            what += f"（{r['reason']}）"
        how = HOW_TEXT.get(r.get("how") or "", "")
        why = f"{how}：{r['evidence']}" if r.get("evidence") else how
        when = (r["decided_at"] or "").replace("T", " ")[:16]
        out.append(f"{when} {r.get('decided_by') or ''}：{what}" + (f" — {why}" if why else ""))
    return out
