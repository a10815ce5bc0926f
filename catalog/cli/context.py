"""What command handlers share: the guides (loaded once) and the workspace from --db."""
from __future__ import annotations

from functools import lru_cache

from ..guides import GuideSet, load_guides


@lru_cache(maxsize=1)
def shipped_guides() -> GuideSet:
    return load_guides()
