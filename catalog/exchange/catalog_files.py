"""Read a township catalog file of either kind (.gkml package or standard-layout Excel) into a snapshot.

Both kinds end as the same snapshot dict (versions.snapshot shape), so the township import and the
county aggregation share one path. Excel rows go through the one standard-table reader; rows are
mapped to guide items where domain and names match, other rows become local items; every cell the
reader did not understand is kept as a problem with sheet, row and column.
"""
from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from catalog.errors import InputError, KnownError
from catalog.exchange.package import PACKAGE_SUFFIX, read_package, sniff_package
from catalog.exchange.source import CatalogSource, parse_note
from catalog.guides.shipped import Guide, GuideItem, GuideSet
from catalog.progress import Progress
from catalog.stdtable.model import CellProblem, ReadResult
from catalog.township.items import CatalogItem, comparable

_CODE = re.compile(r"区划代码\s*[:：]?\s*(\d{12})")
_TITLE_NAME = re.compile(r"^\s*(?P<name>.+?)(?:基层)?政务公开(?:事项)?(?:标准)?目录")
_YEAR = re.compile(r"[（(](\d{4})\s*年版?[)）]")
_VERSION = re.compile(r"第\s*(\d+)\s*版")
_COUNTY_PREFIX = re.compile(r"^(?P<county>.+?[县市区旗])(?=.+(?:镇|乡|街道|苏木)$)")


@dataclass
class CatalogFile:
    """A township catalog read from a file: what it is, its snapshot, and what was not understood."""
    file: str
    kind: str                                     # "package" | "xlsx"
    source: CatalogSource
    manifest: dict | None = None
    problems: list[CellProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)   # file-level remarks (unknown domains …)
    payload: bytes | None = field(default=None, repr=False)   # a package's verified catalog.json

    @property
    def snapshot(self) -> dict:
        return self.source.snapshot

    @property
    def township(self) -> dict:
        return self.snapshot["township"]

    def problem_lines(self) -> list[str]:
        """Every problem as a Chinese sentence with file, sheet, row and column."""
        return [p.describe(self.file) for p in self.problems] + [f"文件 {self.file}：{n}" for n in self.notes]


def read_catalog_file(path: str | os.PathLike, guides: GuideSet, *, progress: Progress | None = None,
                      township_only: bool = False) -> CatalogFile:
    """Read a .gkml package (verified) or a standard-layout .xlsx/.xls; InputError when refused.

    township_only: refuse a 标准指引 workbook (what `guides export` writes), which has the same layout
    but is no township's catalog (the county would otherwise take its file name for a township)."""
    p = Path(path)
    if p.suffix.lower() == PACKAGE_SUFFIX or sniff_package(p):
        pkg = read_package(p)
        return CatalogFile(p.name, "package", pkg.source(), pkg.manifest, payload=pkg.payload)
    from catalog.stdtable import read_table
    result = read_table(p, domains={f"{g.no:02d}": g.domain for g in guides}, progress=progress)
    if township_only and "标准指引" in (result.title or "") and "目录" not in (result.title or ""):
        raise InputError(f"这是标准指引表格（「{result.title}」，由“guides export”导出），不是乡镇的"
                         "政务公开事项标准目录，未导入。", file=result.file)
    return table_catalog(result, guides)


def table_catalog(result: ReadResult, guides: GuideSet) -> CatalogFile:
    """A snapshot from standard-table rows: guide items matched by names, the rest as local items."""
    notes: list[str] = []
    township = table_township(result)
    items: list[dict] = []
    domains: dict[str, dict] = {}
    used: set[str] = set()
    local_no = 0
    positions: dict[int, int] = {}
    unknown: dict[str, list[str]] = {}
    for row in result.rows:
        guide = _guide_for(guides, row.domain, row.domain_code)
        if guide is None:
            unknown.setdefault(row.domain or "（空）", []).append(f"「{row.sheet}」第 {row.row} 行")
            continue
        meaning = parse_note(row.note)
        gi = None if meaning.local else _match(guide, row.text.level1, row.text.level2, used)
        if gi is not None:
            uid, local = gi.id, False
            used.add(gi.id)
        else:
            local_no += 1
            uid, local = f"L-{local_no:03d}", True
        pos = positions.get(guide.no, 0)
        positions[guide.no] = pos + 1
        item = CatalogItem(uid=uid, domain_no=guide.no, text=row.text, status=meaning.status,
                           na_reason=meaning.na_reason, guide_item_id=None if gi is None else gi.id,
                           origin_subject=None if gi is None else gi.text.subject, local=local, position=pos)
        items.append(snapshot_item(item, guide.domain))
        domains[str(guide.no)] = {"name": guide.domain, "applies": True, "reason": ""}
    for name, where in unknown.items():
        notes.append(f"领域「{name}」不是 {len(guides)} 个标准领域之一，{len(where)} 行未导入（{where[0]}"
                     f"{' 等' if len(where) > 1 else ''}）")
    for name, reason in result.not_involved:
        guide = _guide_for(guides, name, None)
        if guide is None:
            notes.append(f"未涉及领域说明中的「{name}」不是标准领域，已忽略")
        elif str(guide.no) not in domains:
            domains[str(guide.no)] = {"name": guide.domain, "applies": False, "reason": reason}
        else:
            notes.append(f"领域「{guide.domain}」既有事项又列为未涉及，按涉及处理")
    if not items and not any(not d["applies"] for d in domains.values()):
        raise InputError("表格中没有能对应到标准领域的事项。" + "；".join(notes), file=result.file)
    year = _YEAR.search(result.title)
    version = _VERSION.search(result.subtitle)
    snapshot = {"township": township, "domains": dict(sorted(domains.items(), key=lambda kv: int(kv[0]))),
                "items": items}
    source = CatalogSource(snapshot, int(version.group(1)) if version else None, None, "",
                           int(year.group(1)) if year else None)
    return CatalogFile(result.file, "xlsx", source, None, list(result.problems), notes)


def snapshot_item(item: CatalogItem, domain: str) -> dict:
    """The snapshot dict of one item (as versions.snapshot writes it, plus origin_subject)."""
    return {"uid": item.uid, "domain_no": item.domain_no, "domain": domain,
            "guide_item_id": item.guide_item_id, "local": item.local, "position": item.position,
            **comparable(item), "origin_subject": item.origin_subject}


def table_township(result: ReadResult) -> dict:
    """Township name and 区划代码 as far as the title and subtitle tell (code '' when absent)."""
    text = f"{result.title}\n{result.subtitle}"
    code = _CODE.search(text)
    m = _TITLE_NAME.match(result.title or "")
    name = m.group("name").strip() if m else ""
    if not name:
        stem = Path(result.file).stem
        m = _TITLE_NAME.match(stem)
        name = m.group("name").strip() if m else re.split(r"[_\s]", stem)[0]
    county = ""
    while m := _COUNTY_PREFIX.match(name):   # 某市某县某镇 → county 某市某县, township 某镇
        county, name = county + m.group("county"), name[m.end("county"):]
    return {"name": name, "county": county, "code": code.group(1) if code else ""}


def items_from_snapshot(snapshot: dict) -> list[CatalogItem]:
    """CatalogItems back from a snapshot's item dicts (exact inverse of snapshot_item)."""
    from catalog.exchange.source import item_text
    return [CatalogItem(uid=d["uid"], domain_no=int(d["domain_no"]), text=item_text(d), status=d["status"],
                        na_reason=d.get("na_reason") or "", guide_item_id=d.get("guide_item_id"),
                        origin_subject=d.get("origin_subject"), local=bool(d.get("local")),
                        position=int(d.get("position") or 0)) for d in snapshot["items"]]


def domain_choices(snapshot: dict) -> dict[int, tuple[bool, str]]:
    return {int(no): (bool(d["applies"]), d.get("reason") or "") for no, d in snapshot["domains"].items()}


def _guide_for(guides: GuideSet, name: str, code: str | None) -> Guide | None:
    if code and code.strip().isdigit():
        try:
            return guides.by_no(int(code))
        except KeyError:
            pass
    if not name:
        return None
    key = _norm(name)
    for g in guides:
        if _norm(g.domain) == key or _norm(re.sub(r"\s*[（(].*[)）]\s*$", "", g.domain)) == key:
            return g
    try:
        return guides.find(name)
    except KnownError:
        return None


def _match(guide: Guide, level1: str, level2: str, used: set[str]) -> GuideItem | None:
    key = (_norm(level1), _norm(level2))
    for gi in guide.items:
        if gi.id not in used and (_norm(gi.text.level1), _norm(gi.text.level2)) == key:
            return gi
    return None


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))
