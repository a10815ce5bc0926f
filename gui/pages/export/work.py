"""Background work of 导出上报: plain functions that open their own workspace connection (worker thread)."""
from __future__ import annotations

from pathlib import Path

from catalog.exchange.export import export_catalog
from catalog.guides.shipped import GuideSet
from catalog.progress import Progress
from catalog.township.service import TownshipCatalog


def export_file(db_path: Path, guides: GuideSet, *, kind: str, version: str | int, include_na: bool,
                out: Path, paper: str = "A3", progress: Progress | None = None) -> Path:
    """Write one export (xlsx, pdf or package) of the workspace at db_path; returns the file written."""
    cat = TownshipCatalog.open(db_path, guides, create=False)
    try:
        return export_catalog(cat, out, kind=kind, version=version, include_na=include_na, paper=paper,
                              progress=progress)
    finally:
        cat.close()
