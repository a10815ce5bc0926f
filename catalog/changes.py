"""What a write changed (Anki's OpChanges): one value every GUI view refreshes from.

An operation (gui/ops.py) returns `Done(value, changes)`; the session emits `changed(changes)` once,
and each view looks only at the parts it shows. Plain data, no Qt, so ops next to the domain
services can build it.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """domains/uids: catalog rows touched; structural: rows added, removed or reordered (not only
    values); the flags name the other parts of a workspace. `workspace`: a workspace was opened or
    closed, so everything is new; `everything`: unknown, refresh all."""
    domains: frozenset[int] = frozenset()
    uids: frozenset[str] = frozenset()
    structural: bool = False
    domain_state: bool = False      # a domain's 涉及/不涉及 changed
    guides: bool = False            # the guides in force (guide import)
    profile: bool = False           # township profile, villages
    versions: bool = False          # published catalog versions
    roster: bool = False            # noticeboard rosters, exclusions
    prints: bool = False            # noticeboard print records
    ledger: bool = False            # 公开台账 entries, 依申请 register
    tasks: bool = False             # 工作台账 task lists, task statuses and evidence
    holidays: bool = False          # the workspace's holiday table
    workspace: bool = False
    everything: bool = False

    def __or__(self, other: Changes) -> Changes:
        merged = {}
        for f in fields(self):
            a, b = getattr(self, f.name), getattr(other, f.name)
            merged[f.name] = (a | b) if isinstance(a, frozenset) else (a or b)
        return Changes(**merged)

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    @property
    def catalog(self) -> bool:
        """Catalog rows or domain states may have changed."""
        return bool(self.domains or self.uids or self.structural or self.domain_state or self.everything)

    def touches(self, *parts: str) -> bool:
        """True when any named flag is set, or when everything changed (a new workspace, a reload)."""
        return self.everything or any(getattr(self, p) for p in parts)


EVERYTHING = Changes(structural=True, domain_state=True, everything=True)
NOTHING = Changes()


@dataclass(frozen=True)
class Done(Generic[T]):
    """An operation's outcome: its value for the caller and what it changed, for every view."""
    value: T
    changes: Changes = NOTHING
