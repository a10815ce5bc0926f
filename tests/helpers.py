"""Plain helpers shared by domain tests (no fixtures magic: import what you need)."""
from __future__ import annotations

from pathlib import Path

from catalog.guides.shipped import GuideSet, load_guides
from catalog.township.profile import Township, Village
from catalog.township.service import TownshipCatalog

TOWNSHIP = Township("某镇", "某县", "420102001000", contact="王明", phone="027-12345678",
                    supervise_phone="027-12345679",
                    villages=(Village("张家村", "420102001201"), Village("李家村", "420102001202"),
                              Village("王家湾社区", "420102001003")))

_GUIDES: GuideSet | None = None


def shipped() -> GuideSet:
    global _GUIDES
    if _GUIDES is None:
        _GUIDES = load_guides()
    return _GUIDES


def new_catalog(tmp_path: Path, *, compile: bool = True, domains: list[str] | None = None,
                township: Township = TOWNSHIP) -> TownshipCatalog:
    """A workspace in tmp_path with the test township saved and (by default) compiled."""
    cat = TownshipCatalog.open(tmp_path / "ws.db", shipped())
    cat.save_township(township)
    if compile:
        cat.compile(domains)
    return cat
