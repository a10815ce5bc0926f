"""Compile a township catalog from the guides: adopt 乡级 items, localize the subject, never overwrite
edits."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from catalog.guides.shipped import Guide, GuideItem, GuideSet
from catalog.township.items import ADOPTED, PENDING_LEVEL, CatalogItem, text_fields
from catalog.township.profile import Township


@dataclass
class CompilePlan:
    """What a compile would add, and what it left out and why (shown to the clerk)."""
    added: list[CatalogItem] = field(default_factory=list)
    county_only: list[GuideItem] = field(default_factory=list)   # guide says 县级 only: not adopted
    already: int = 0                                               # in the catalog already (kept as edited)

    @property
    def pending(self) -> list[CatalogItem]:
        return [i for i in self.added if i.status == PENDING_LEVEL]


def adoption_status(item: GuideItem) -> str | None:
    """ADOPTED when the guide marks 乡级, PENDING_LEVEL when it does not say, None for 县级-only items."""
    m = item.marks
    if m.township:
        return ADOPTED
    if m.township is False and m.county:
        return None
    return PENDING_LEVEL


def plan_compile(guides: GuideSet | list[Guide], township: Township, *, existing_uids: set[str],
                 next_positions: dict[int, int] | None = None) -> CompilePlan:
    """Work out the items to add for these guides; pure, so it can be previewed and tested."""
    plan = CompilePlan()
    positions = dict(next_positions or {})
    subject = township.government
    for guide in guides:
        pos = positions.get(guide.no, 0)
        for gi in guide.active_items:
            if gi.id in existing_uids:
                plan.already += 1
                continue
            status = adoption_status(gi)
            if status is None:
                plan.county_only.append(gi)
                continue
            marks = gi.marks
            if status == ADOPTED:
                marks = marks.with_(township=True)
            text = replace(gi.text, subject=subject, marks=marks)
            plan.added.append(CatalogItem(
                uid=gi.id, domain_no=guide.no, text=text, status=status, guide_item_id=gi.id,
                origin_subject=gi.text.subject, local=False, position=pos, guide_base=text_fields(gi.text),
            ))
            pos += 1
        positions[guide.no] = pos
    return plan
