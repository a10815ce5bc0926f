"""A township catalog item: a guide row adopted (or a local row) with its local edits and status."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from catalog.model import ItemText

# status of an item in the township catalog
ADOPTED = "adopted"          # 已纳入
PENDING_LEVEL = "pending"    # 层级待确认: the guide does not say whether it is a 乡级 item
NOT_APPLICABLE = "na"        # 不适用 (needs a reason)
STATUS_TEXT = {ADOPTED: "已纳入", PENDING_LEVEL: "层级待确认", NOT_APPLICABLE: "不适用"}

# Field names an edit may change, with their Chinese labels (diffs and messages use these).
FIELD_LABELS = {
    "level1": "一级事项", "level2": "二级事项", "content": "公开内容", "basis": "公开依据",
    "time_limit": "公开时限", "subject": "公开主体", "channels": "公开渠道和载体",
    "public": "全社会", "specific": "特定群体", "active": "主动", "on_request": "依申请",
    "county": "县级", "township": "乡级", "status": "状态", "na_reason": "不适用原因",
}
TEXT_FIELDS = ("level1", "level2", "content", "basis", "time_limit", "subject", "channels")
MARK_FIELDS = ("public", "specific", "active", "on_request", "county", "township")


@dataclass(frozen=True)
class CatalogItem:
    uid: str                     # guide item id (17-003) or L-NNN for a local item; stable
    domain_no: int
    text: ItemText
    status: str = ADOPTED
    na_reason: str = ""
    guide_item_id: str | None = None
    origin_subject: str | None = None   # the guide's generic subject, kept for reference
    local: bool = False
    position: int = 0
    guide_base: dict | None = field(default=None, compare=False, repr=False)  # see guide_sync.py

    @property
    def title(self) -> str:
        return self.text.title

    def field(self, name: str) -> Any:
        """Value of an editable field by name (text columns and marks alike): a text, a tuple of texts,
        a mark (True/False/None) or the status — typed by the name, so Any."""
        if name in MARK_FIELDS:
            return getattr(self.text.marks, name)
        if name in TEXT_FIELDS:
            return getattr(self.text, name)
        return getattr(self, name)

    def with_fields(self, **changes: Any) -> CatalogItem:
        """A copy with some fields changed (marks, text columns or status)."""
        marks = {k: changes.pop(k) for k in list(changes) if k in MARK_FIELDS}
        text = {k: changes.pop(k) for k in list(changes) if k in TEXT_FIELDS}
        for k in ("content", "basis"):
            if k in text:
                text[k] = tuple(text[k])
        if "channels" in text and text["channels"] is not None:
            text["channels"] = tuple(text["channels"])
        new_text = self.text
        if marks or text:
            new_text = replace(self.text, marks=self.text.marks.with_(**marks), **text)
        return replace(self, text=new_text, **changes)


def text_fields(text: ItemText) -> dict:
    """The comparable fields of a row's text (lists for sequences), e.g. a guide item's."""
    out = {name: getattr(text, name) for name in TEXT_FIELDS}
    out.update(text.marks.as_dict())
    for k in ("content", "basis", "channels"):
        if out[k] is not None:
            out[k] = list(out[k])
    return out


def comparable(item: CatalogItem) -> dict:
    """Plain dict of the editable fields, for diffs and snapshots."""
    out = {name: item.field(name) for name in FIELD_LABELS}
    for k in ("content", "basis", "channels"):
        if out[k] is not None:
            out[k] = list(out[k])
    return out
