"""Reading township files for the county import: one compact record per file, serially or on worker processes.

A record keeps only what the store needs (metadata, figures, digest, the compressed catalog), so 300
townships do not hold 300 parsed catalogs in memory. With many files the work (reading, verifying,
checking) runs on a few worker processes; if they cannot start (e.g. a frozen build without
multiprocessing support) it falls back to reading one file after another.
"""
from __future__ import annotations

import hashlib
import json
import os
import zlib
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from catalog.county.stats import catalog_stats, content_digest, findings_per_domain
from catalog.errors import KnownError
from catalog.exchange.catalog_files import read_catalog_file
from catalog.exchange.package import build_payload
from catalog.guides.shipped import GuideSet
from catalog.progress import Progress, report

# Starting spawn workers costs ~1.5 s (imports, guides). bench_county, 300 files on 2 cores: 6.2 s against
# 10.3 s in one process when the machine was otherwise half busy, about even when it was fully busy.
POOL_MIN_FILES = 60
MAX_WORKERS = 4


@dataclass(frozen=True)
class Parsed:
    """One township file, read and checked."""
    index: int
    path: str
    kind: str
    township: dict
    version_no: int | None
    title_year: int | None
    exported_at: str | None
    published_at: str | None
    file_time: str
    sha256: str
    digest: str
    stats: dict
    problems: tuple[str, ...]
    blob: bytes                       # zlib-compressed catalog.json (package payload shape)

    @property
    def when(self) -> str:
        """The date a newer/older decision uses: export time, else publication, else file time."""
        return self.exported_at or self.published_at or self.file_time


def parse_file(index: int, path: str | os.PathLike, guides: GuideSet) -> Parsed:
    """Read, verify and check one file; KnownError (Chinese) when it is refused."""
    p = Path(path)
    cf = read_catalog_file(p, guides, township_only=True)
    src = cf.source
    version = {"no": src.version_no, "published_at": src.published_at or "", "note": src.note}
    try:
        findings = findings_per_domain(cf.snapshot, guides, version=version)
    except Exception as err:  # a checks bug must not stop the county's import: shown as 未检查
        findings = None
        cf.notes.append(f"自动检查未能完成（{type(err).__name__}: {err}），错误数显示为“未检查”")
    raw = cf.payload or json.dumps(build_payload(src), ensure_ascii=False,
                                   separators=(",", ":")).encode("utf-8")
    stat = p.stat()
    return Parsed(
        index=index, path=str(p), kind=cf.kind, township=dict(cf.township), version_no=src.version_no,
        title_year=src.title_year, exported_at=(cf.manifest or {}).get("exported_at"),
        published_at=src.published_at,
        file_time=datetime.fromtimestamp(stat.st_mtime).isoformat(timespec="seconds"), sha256=_file_sha(p),
        digest=content_digest(cf.snapshot), stats=catalog_stats(cf.snapshot, guides, findings),
        problems=tuple(cf.problem_lines()), blob=zlib.compress(raw, 1),
    )


def parse_files(jobs: list[tuple[int, Path]], guides: GuideSet, *, progress: Progress | None = None,
                done: int = 0, total: int = 0, workers: int = 1) -> dict[int, Parsed | str]:
    """index → Parsed, or the Chinese refusal message. Progress counts on from `done` of `total`;
    Cancelled stops the work (pending files are dropped).

    workers: 1 reads in this process; 0 picks worker processes by file count and cores. Use 0 only from
    a program whose entry point is guarded by `if __name__ == "__main__"` (spawned workers import it)."""
    workers = _workers(len(jobs)) if workers == 0 else workers
    if workers > 1:
        try:
            return _parallel(jobs, guides, progress, done, total, workers)
        except (BrokenProcessPool, OSError, RuntimeError):
            pass   # no worker processes here: read the files one by one instead
    out: dict[int, Parsed | str] = {}
    for index, path in jobs:
        out[index] = _attempt(index, path, guides)
        done += 1
        report(progress, done, total)
    return out


def _attempt(index: int, path: Path | str, guides: GuideSet) -> Parsed | str:
    try:
        return parse_file(index, path, guides)
    except KnownError as err:
        return str(err)
    except (Exception, RecursionError) as err:   # one bad file must never stop a county's whole run
        return f"文件 {Path(path).name}：无法读取，已跳过（{type(err).__name__}: {str(err)[:200]}）"


def _workers(n_files: int) -> int:
    if n_files < POOL_MIN_FILES:
        return 1
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


_GUIDES: GuideSet | None = None


def _init_worker(guides: GuideSet) -> None:
    global _GUIDES
    _GUIDES = guides


def _work(index: int, path: str) -> tuple[int, Parsed | str]:
    assert _GUIDES is not None
    return index, _attempt(index, path, _GUIDES)


def _parallel(jobs: list[tuple[int, Path]], guides: GuideSet, progress: Progress | None,
              done: int, total: int, workers: int) -> dict[int, Parsed | str]:
    import multiprocessing
    # spawn everywhere: forking a process that runs Qt threads is unsafe, and Windows has only spawn
    ctx = multiprocessing.get_context("spawn")
    out: dict[int, Parsed | str] = {}
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                               initargs=(guides,))
    try:
        pending = {pool.submit(_work, i, str(p)) for i, p in jobs}
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in finished:
                index, result = fut.result()
                out[index] = result
                done += 1
            report(progress, done, total)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return out


def _file_sha(p: Path) -> str:
    h = hashlib.sha256()
    with open(p, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
