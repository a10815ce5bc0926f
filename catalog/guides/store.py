"""Which guides are in force for a workspace: the shipped ones, or newer imported versions."""
from __future__ import annotations

from pathlib import Path

from catalog.errors import KnownError
from catalog.guides.shipped import Guide, GuideSet
from catalog.guides.versions import guide_data, guides_with_imports, merge_guide
from catalog.model import ItemText
from catalog.storage import Workspace
from catalog.storage.catalog_store import CatalogStore


def guides_in_force(ws: Workspace, shipped: GuideSet) -> GuideSet:
    """Shipped guides, each replaced by its newest imported version in this workspace."""
    return guides_with_imports(shipped, CatalogStore(ws).latest_guide_data())


def import_guide_rows(ws: Workspace, guides: GuideSet, guide: Guide, rows: list[ItemText], *,
                      source: str, file: str) -> Guide:
    """Store `rows` as the next version of `guide` (the version in force); returns the new guide."""
    if not rows:
        raise KnownError(f"文件 {Path(file).name} 中没有读到「{guide.domain}」领域的任何事项，未导入。")
    current = guides.by_no(guide.no)
    new = merge_guide(current, rows, source=source, file=Path(file).name)
    with ws.atomic():
        CatalogStore(ws).add_guide_version(new.no, new.version, guide_data(new), source=source,
                                           file=Path(file).name)
    return new
