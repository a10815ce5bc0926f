"""Export a township catalog (working copy or a published version) as xlsx, PDF or the county file.

The decisions on what a table carries (不适用 rows with their reason, 层级待确认 and local-item notes, the
未涉及领域 section) are made once, in source.py, for the export and the package alike."""
from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from catalog.errors import KnownError
from catalog.exchange.source import CatalogSource, load_source, snapshot_doc
from catalog.progress import Progress

if TYPE_CHECKING:
    from catalog.township.service import TownshipCatalog

KINDS = ("xlsx", "pdf", "package")
SUFFIX = {"xlsx": ".xlsx", "pdf": ".pdf", "package": ".gkml"}


def safe_filename(text: str) -> str:
    """A file name Windows accepts: no \\/:*?"<>| or control characters, no trailing dots/spaces."""
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", text).strip(" .")
    return cleaned or "目录"


def default_filename(source: CatalogSource, kind: str, *, today: date | None = None) -> str:
    """'某镇政务公开事项标准目录_第2版_20261122.xlsx' (township + version + date)."""
    if kind not in SUFFIX:
        raise KnownError(f"未知的导出格式「{kind}」，可用：{'、'.join(KINDS)}")
    stamp = (today or date.today()).strftime("%Y%m%d")
    name = f"{source.township['name']}政务公开事项标准目录_{source.version_label}_{stamp}"
    return safe_filename(name) + SUFFIX[kind]


def export_catalog(cat: TownshipCatalog, out: str | os.PathLike | None, *, kind: str,
                   version: str | int = "current",
                   include_na: bool = True, paper: str = "A3", progress: Progress | None = None) -> Path:
    """Write the catalog as xlsx, pdf (paper A3 or A4, landscape) or package; `out` may be a folder or None
    (default file name in the current folder). Returns the path written."""
    source = load_source(cat, version)
    from catalog.checks.rules.privacy import refuse_personal_numbers
    refuse_personal_numbers(source.snapshot, action="导出")
    target = resolve_out(out, default_filename(source, kind))
    if kind == "package":
        target = package_target(target)
        from catalog.exchange.package import write_package
        guides = [{"no": g.no, "domain": g.domain, "version": g.version,
                   "completeness": g.completeness.status}
                  for g in cat.guides]
        return write_package(source, target, include_na=include_na, guides=guides, progress=progress)
    doc = snapshot_doc(source, include_na=include_na)
    from catalog import stdtable
    if kind == "xlsx":
        stdtable.write_xlsx(doc, target, progress=progress)
    else:
        stdtable.write_pdf(doc, target, paper=paper, progress=progress)
    return target


def package_target(path: Path) -> Path:
    """The county recognises a catalog file by its .gkml ending: 'x.zip' → 'x.zip.gkml', 'x' → 'x.gkml'."""
    if path.suffix.lower() == SUFFIX["package"]:
        return path
    return path.with_name(path.name + SUFFIX["package"])


def resolve_out(out: str | os.PathLike | None, default_name: str) -> Path:
    """OUT as given, or the default name inside OUT when it is a folder (or in the current folder)."""
    if out is None:
        return Path.cwd() / default_name
    p = Path(out)
    if p.is_dir():
        return p / default_name
    return p
