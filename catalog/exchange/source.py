"""What the export and the package share: a catalog to export (CatalogSource), its ExportDoc
(snapshot_doc), the 备注 notes written and read back, and now_iso. export.py and package.py both import
this module and never each other at module level (export reaches package lazily, for kind package).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from catalog.errors import KnownError
from catalog.model import ItemText, Marks
from catalog.stdtable.model import ExportDoc, ExportDomain, ExportRow
from catalog.township.items import ADOPTED, MARK_FIELDS, NOT_APPLICABLE, PENDING_LEVEL

if TYPE_CHECKING:
    from catalog.township.service import TownshipCatalog

LOCAL_NOTE = "本地自定事项"
PENDING_NOTE = "层级待确认"
NA_PREFIX = "不适用："
_NOTE_SEP = "；"


@dataclass(frozen=True)
class CatalogSource:
    """A catalog to export: its snapshot (versions.snapshot shape) and which version it is."""
    snapshot: dict
    version_no: int | None = None          # None: the unpublished working copy
    published_at: str | None = None
    note: str = ""
    title_year: int | None = None

    @property
    def township(self) -> dict:
        return self.snapshot["township"]

    @property
    def version_label(self) -> str:
        return f"第{self.version_no}版" if self.version_no else "工作稿"

    @property
    def year(self) -> int:
        if self.title_year:
            return self.title_year
        if self.published_at:
            return int(self.published_at[:4])
        return date.today().year


def load_source(cat: TownshipCatalog, version: str | int = "current") -> CatalogSource:
    """The working copy ('current') or published version `version` of a TownshipCatalog."""
    snap = cat.version(version)
    if str(version) in ("current", "当前"):
        snap = _with_origin_subjects(snap, cat)
        meta: dict[str, Any] = {"no": None, "published_at": None, "note": ""}
    else:
        meta = next(v for v in cat.versions() if v["no"] == int(version))
    year = cat.ws.setting("title_year")
    return CatalogSource(snap, meta["no"], meta["published_at"], meta["note"] or "",
                         int(year) if year and year.isdigit() else None)


def _with_origin_subjects(snap: dict, cat: TownshipCatalog) -> dict:
    # origin_subject is not part of a snapshot; the package keeps it when the working copy is exported.
    origin = {i.uid: i.origin_subject for i in cat.items()}
    items = [{**i, "origin_subject": origin.get(i["uid"])} for i in snap["items"]]
    return {**snap, "items": items}


def item_text(d: dict) -> ItemText:
    """ItemText of a snapshot item dict."""
    channels = d.get("channels")
    return ItemText(
        level1=d["level1"], level2=d.get("level2") or "", content=tuple(d.get("content") or ()),
        basis=tuple(d.get("basis") or ()), time_limit=d.get("time_limit"), subject=d.get("subject"),
        channels=None if channels is None else tuple(channels),
        marks=Marks(**{m: d.get(m) for m in MARK_FIELDS}),
    )


def item_note(d: dict) -> str:
    """The 备注 of a snapshot item: 本地自定事项 / 层级待确认 / 不适用：原因 (joined with ；)."""
    parts = [LOCAL_NOTE] if d.get("local") else []
    if d.get("status") == PENDING_LEVEL:
        parts.append(PENDING_NOTE)
    elif d.get("status") == NOT_APPLICABLE:
        parts.append(NA_PREFIX + (d.get("na_reason") or "").strip())
    return _NOTE_SEP.join(parts)


@dataclass(frozen=True)
class NoteMeaning:
    """What a 备注 says about an item: status, reason, local; `rest` is text that is none of these."""
    status: str = ADOPTED
    na_reason: str = ""
    local: bool = False
    rest: str = ""


def parse_note(note: str) -> NoteMeaning:
    """Inverse of item_note; also accepts 不适用:原因, 不适用（原因）, a bare 不适用 and 本地事项."""
    text = (note or "").strip()
    local = False
    status = ADOPTED
    while text:
        head, _, tail = text.partition(_NOTE_SEP)
        token = head.strip()
        if token in (LOCAL_NOTE, "本地事项", "自定事项"):
            local = True
        elif token == PENDING_NOTE:
            status = PENDING_LEVEL
        else:
            break
        text = tail.strip()
    m = re.match(r"^不适用\s*(?:[:：]\s*(?P<a>.*)|[（(](?P<b>.*)[)）])?$", text, flags=re.S)
    if m:
        reason = (m.group("a") or m.group("b") or "").strip()
        return NoteMeaning(NOT_APPLICABLE, reason, local)
    return NoteMeaning(status, "", local, text)


def snapshot_doc(source: CatalogSource, *, include_na: bool = True) -> ExportDoc:
    """The ExportDoc of a catalog snapshot (pure)."""
    snap = source.snapshot
    t = snap["township"]
    domains_meta = {int(no): d for no, d in snap["domains"].items()}
    by_domain: dict[int, list[dict]] = {}
    for d in snap["items"]:
        by_domain.setdefault(int(d["domain_no"]), []).append(d)
    names = {int(d["domain_no"]): d.get("domain") or "" for d in snap["items"]}
    names.update({no: m["name"] for no, m in domains_meta.items()})
    domains: list[ExportDomain] = []
    not_involved: list[tuple[str, str]] = []
    for no in sorted(set(by_domain) | set(domains_meta)):
        meta = domains_meta.get(no)
        if meta is not None and not meta["applies"]:
            not_involved.append((names.get(no) or str(no), meta["reason"]))
            continue
        items = sorted(by_domain.get(no, []), key=lambda d: (d.get("position") or 0, d["uid"]))
        if not include_na:
            items = [d for d in items if d.get("status") != NOT_APPLICABLE]
        if not items:
            continue
        rows = [ExportRow(seq, item_text(d), item_note(d)) for seq, d in enumerate(items, start=1)]
        domains.append(ExportDomain(names.get(no) or str(no), rows, f"{no:02d}"))
    if not domains:
        raise KnownError("目录中没有可导出的事项。请先编制目录"
                         "（文件 › 乡镇信息与领域…；命令行用 compile 命令）。")
    title = f"{t['name']}政务公开事项标准目录（{source.year}年版）"
    when = (source.published_at or "")[:10] or date.today().isoformat()
    subtitle = (f"{t.get('county', '')}{t['name']}　区划代码：{t.get('code', '')}　"
                f"{source.version_label}　{'发布' if source.version_no else '导出'}日期：{when}")
    return ExportDoc(title, subtitle, domains, not_involved)


def catalog_doc(cat: TownshipCatalog, version: str | int = "current", *,
                include_na: bool = True) -> ExportDoc:
    """ExportDoc of a TownshipCatalog's working copy or published version."""
    return snapshot_doc(load_source(cat, version), include_na=include_na)


def now_iso() -> str:
    return datetime.now().isoformat(timespec="seconds")
