"""The county workspace: import township catalog files (a folder at a time), keep history, give the overview.

A township is identified by its 区划代码 (packages always carry it; an Excel only when its subtitle
does), else by its name. A newer file of a township replaces the current one; an older one is kept as
history only; the same file twice is skipped. A file that cannot be read is reported and the others
go on. The whole folder is read first and written in one transaction, so 取消 leaves nothing behind.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from catalog.county.parse import Parsed, parse_files
from catalog.county.store import CURRENT, OLDER, SUPERSEDED, CountyStore
from catalog.errors import KnownError, WorkspaceError
from catalog.guides.shipped import GuideSet, load_guides
from catalog.paths import data_dir
from catalog.progress import Progress, report
from catalog.storage import Workspace

if TYPE_CHECKING:
    from catalog.county.overview import Overview

CANDIDATE_SUFFIXES = (".gkml", ".xlsx", ".xlsm", ".xls", ".zip")
IMPORTED, REPLACED, ARCHIVED, DUPLICATE, FAILED, IGNORED = (
    "imported", "replaced", "older", "duplicate", "failed", "ignored")
RESULT_TEXT = {IMPORTED: "已导入", REPLACED: "已导入（替换旧版本）", ARCHIVED: "已存档（已有更新的版本）",
               DUPLICATE: "重复文件（已导入过，跳过）", FAILED: "未能导入", IGNORED: "不是目录文件（跳过）"}


def default_county_workspace() -> Path:
    return data_dir() / "county.gkml.db"


@dataclass
class FileResult:
    """What became of one file of an import."""
    file: str
    status: str
    message: str = ""
    township: str = ""
    code: str = ""
    kind: str = ""
    catalog_version: int | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def status_text(self) -> str:
        return RESULT_TEXT[self.status]

    def to_json(self) -> dict:
        return {"file": self.file, "status": self.status, "status_text": self.status_text,
                "message": self.message, "township": self.township, "code": self.code, "kind": self.kind,
                "catalog_version": self.catalog_version, "problems": self.problems}


@dataclass
class ImportReport:
    """Results per file, in file-name order."""
    folder: str
    files: list[FileResult] = field(default_factory=list)

    def count(self, *statuses: str) -> int:
        return sum(1 for f in self.files if f.status in statuses)

    @property
    def needs_attention(self) -> bool:
        """A file failed or had cells that were not understood."""
        return any(f.status == FAILED or f.problems for f in self.files)

    def to_json(self) -> dict:
        return {"folder": self.folder, "files": [f.to_json() for f in self.files],
                "counts": {s: self.count(s) for s in RESULT_TEXT}}


def _candidate(path: Path) -> bool:
    """A catalog file by its name (.gkml, .xlsx, .xls) or, whatever its name (目录.zip, 上报 (1)),
    by content: a zip holding the package manifest."""
    if path.suffix.lower() in CANDIDATE_SUFFIXES:
        return True
    from catalog.exchange.package import sniff_package
    return sniff_package(path)


class CountyWorkspace:
    """A county workspace file; open with CountyWorkspace.open(path), close() when done."""

    def __init__(self, ws: Workspace, guides: GuideSet):
        self.ws = ws
        self.guides = guides
        self.store = CountyStore(ws)
        row = ws.db.execute("select name from township where id = 1").fetchone()
        if row:
            ws.close()
            raise WorkspaceError(f"{ws.path} 是乡镇工作区（{row[0]}），不能用于县级汇总。请另用一个文件，"
                                 f"例如默认的 {default_county_workspace()}。")
        with ws.atomic():
            self.store.claim()

    @classmethod
    def open(cls, path: str | os.PathLike | None = None, guides: GuideSet | None = None) -> CountyWorkspace:
        ws = Workspace.open(Path(path) if path else default_county_workspace())
        return cls(ws, guides or load_guides())

    def close(self) -> None:
        self.ws.close()

    def __enter__(self) -> CountyWorkspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- import --------------------------------------------------------------------------------
    def import_folder(self, folder: str | os.PathLike, *, recursive: bool = False,
                      progress: Progress | None = None, workers: int = 1) -> ImportReport:
        """Import every catalog file in `folder` (.gkml, .xlsx, .xls; others are listed as skipped).
        workers: see import_files."""
        folder = Path(folder)
        if not folder.is_dir():
            raise KnownError(f"文件夹不存在：{folder}")
        paths = sorted((p for p in (folder.rglob("*") if recursive else folder.iterdir()) if p.is_file()),
                       key=lambda p: str(p.relative_to(folder)))
        return self.import_files(paths, folder=str(folder), progress=progress, workers=workers)

    def import_files(self, paths: list[Path], *, folder: str = "", progress: Progress | None = None,
                     workers: int = 1) -> ImportReport:
        """Import these files: read and check them all (progress, cancel), then store them in one
        transaction. workers: 1 reads here; 0 uses worker processes when there are many files (only from
        an entry point guarded by `if __name__ == "__main__"`, as main.py is)."""
        out = ImportReport(folder)
        jobs: list[tuple[int, Path]] = []
        for i, path in enumerate(paths):
            out.files.append(FileResult(path.name, IMPORTED))
            if path.name.startswith(("~$", ".")) or not _candidate(path):
                out.files[i].status, out.files[i].message = IGNORED, "扩展名不是 .gkml / .xlsx / .xls"
            else:
                jobs.append((i, path))
        total = len(paths)
        skipped = total - len(jobs)
        report(progress, skipped, total)
        results = parse_files(jobs, self.guides, progress=progress, done=skipped, total=total,
                              workers=workers)
        parsed = []
        for i, r in results.items():
            if isinstance(r, Parsed):
                parsed.append(r)
            else:
                out.files[i].status, out.files[i].message = FAILED, r
        parsed.sort(key=lambda p: (p.when, p.index))
        with self.ws.atomic():
            for p in parsed:
                self._store(p, out.files[p.index])
        return out

    def _store(self, p: Parsed, result: FileResult) -> None:
        t = p.township
        result.township, result.code, result.kind = t["name"], t.get("code") or "", p.kind
        result.catalog_version, result.problems = p.version_no, list(p.problems)
        result.problems += self._identity_problems(t, Path(p.path).name)
        key = self._key(t)
        seen = self.store.has_file(key, p.sha256)
        if seen:
            result.status = DUPLICATE
            result.message = f"与已导入的 {seen['file_name']} 内容相同"
            return
        current = self.store.current_import(key)
        same = current is not None and current["content_sha256"] == p.digest
        if current is not None and same and not (current["kind"] == "xlsx" and p.kind == "package"):
            result.status = DUPLICATE
            result.message = "内容与已导入的目录相同（同一份目录的 Excel 与上报文件只算一次）"
            return
        # same content as a plain Excel already stored: the package carries more (IDs, statuses), take it
        newer = current is None or same or _is_newer(p, current)
        status = CURRENT if newer else OLDER
        import_id = self.store.add_import({
            "township_key": key, "code": t.get("code") or "", "name": t["name"],
            "file_name": Path(p.path).name, "file_path": p.path, "file_sha256": p.sha256, "kind": p.kind,
            "catalog_version": p.version_no, "title_year": p.title_year, "exported_at": p.exported_at,
            "file_time": p.file_time,
            "status": status, "snapshot": p.blob, "problems": json.dumps(result.problems, ensure_ascii=False),
            "stats": json.dumps(p.stats, ensure_ascii=False), "content_sha256": p.digest,
        })
        if not newer:
            result.status = ARCHIVED
            result.message = "该乡镇已有更新的目录，此文件只存入历史"
            return
        if current is not None:
            self.store.set_status(current["id"], SUPERSEDED)
            result.status = REPLACED
            result.message = "替换了该乡镇之前导入的目录（旧目录保留在历史中）"
        self.store.upsert_township(key, code=t.get("code") or "", name=t["name"],
                                   county=t.get("county") or "", current_import=import_id)

    def _identity_problems(self, t: dict, file_name: str) -> list[str]:
        """A file whose township name and 区划代码 disagree with the township already held under either:
        the SHA-256 proves no damage, not who made the file, so such a file is flagged for a person."""
        code, name, out = t.get("code") or "", t["name"], []
        held = self.store.township(code) if code else None
        if held is not None and held["name"] != name:
            out.append(f"{file_name}：区划代码 {code} 已属于「{held['name']}」，本文件写的是「{name}」。"
                       "请核实文件来源（校验值只能发现损坏，不能证明文件没有被改动）。")
        other = self.store.key_by_name(name)
        if code and other and not other.startswith("name:") and other != code:
            out.append(f"{file_name}：「{name}」已导入的区划代码是 {other}，本文件写的是 {code}。"
                       "请核实文件来源（校验值只能发现损坏，不能证明文件没有被改动）。")
        return out

    def _key(self, t: dict) -> str:
        code = t.get("code") or ""
        if code:
            by_name = f"name:{t['name']}"
            if self.store.township(code) is None and self.store.township(by_name) is not None:
                self.store.rekey(by_name, code, code)
            return code
        return self.store.key_by_name(t["name"]) or f"name:{t['name']}"

    # -- reading -------------------------------------------------------------------------------
    def townships(self) -> list[dict]:
        """Current catalog per township: key, code, name, county, file_name, kind, catalog_version,
        exported_at, imported_at, problems (list of str), stats (catalog_stats)."""
        return self.store.townships()

    def overview(self) -> Overview:
        from catalog.county.overview import build_overview
        return build_overview(self.townships(), self.guides)

    def history(self, key: str | None = None) -> list[dict]:
        return self.store.history(key)

    def snapshot(self, import_id: int) -> dict | None:
        return self.store.snapshot(import_id)

    def write_summary(self, out: str | os.PathLike, *, progress: Progress | None = None) -> Path:
        """The county summary workbook (see county.summary)."""
        from catalog.county.summary import write_summary
        return write_summary(self.overview(), self.history(), out, progress=progress)


def _is_newer(p: Parsed, current: dict) -> bool:
    """A file is newer than the stored one by catalog version when both have one, else by date."""
    mine, theirs = p.version_no, current["catalog_version"]
    if mine is not None and theirs is not None and mine != theirs:
        return mine > theirs
    return p.when >= (current["exported_at"] or current["file_time"] or "")


__all__ = ["SUPERSEDED", "CountyWorkspace", "FileResult", "ImportReport", "default_county_workspace"]
