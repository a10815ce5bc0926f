"""What command handlers share: the guides (loaded once) and the workspace from --db."""
from __future__ import annotations

import argparse
from functools import lru_cache
from pathlib import Path

from catalog.guides.shipped import GuideSet, load_guides
from catalog.paths import default_workspace


@lru_cache(maxsize=1)
def shipped_guides() -> GuideSet:
    return load_guides()


def db_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if getattr(args, "db", None) else default_workspace()


def open_catalog(args: argparse.Namespace, *, create: bool = False):
    """The township catalog of --db (must exist unless create)."""
    from catalog.township.service import TownshipCatalog
    return TownshipCatalog.open(db_path(args), shipped_guides(), create=create)
