"""Which guides are in force for a workspace: the shipped ones, or newer imported versions."""
from __future__ import annotations

from .guides import GuideSet
from .storage import Workspace


def guides_in_force(ws: Workspace, shipped: GuideSet) -> GuideSet:
    """The shipped guides; imported guide versions (when that feature stores any) replace them per domain."""
    return shipped
