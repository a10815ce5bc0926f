"""Background work of 县级汇总: each function opens the county workspace itself (worker thread) and closes it."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from catalog.county.overview import Overview
from catalog.county.workspace import CountyWorkspace, ImportReport
from catalog.guides.shipped import GuideSet
from catalog.progress import Progress


@dataclass
class Imported:
    report: ImportReport
    overview: Overview


def load_overview(path: Path, guides: GuideSet) -> Overview:
    """The current catalog of every township (one row each, one cell per domain)."""
    with CountyWorkspace.open(path, guides) as cw:
        return cw.overview()


def import_paths(path: Path, guides: GuideSet, sources: list[Path], *, recursive: bool = False,
                 progress: Progress | None = None) -> Imported:
    """Import a folder (one path that is a folder) or these files; all or nothing when cancelled."""
    with CountyWorkspace.open(path, guides) as cw:
        if len(sources) == 1 and sources[0].is_dir():
            report = cw.import_folder(sources[0], recursive=recursive, progress=progress)
        else:
            files = []
            for p in sources:
                files.extend(sorted(x for x in p.iterdir() if x.is_file()) if p.is_dir() else [p])
            report = cw.import_files(files, folder=str(sources[0].parent), progress=progress)
        return Imported(report, cw.overview())


def township_history(path: Path, guides: GuideSet, key: str) -> list[dict]:
    """Every file imported for one township, newest first."""
    with CountyWorkspace.open(path, guides) as cw:
        return cw.history(key)


def write_summary(path: Path, guides: GuideSet, out: Path, progress: Progress | None = None) -> Path:
    """The county summary workbook."""
    with CountyWorkspace.open(path, guides) as cw:
        return cw.write_summary(out, progress=progress)
