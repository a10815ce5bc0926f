"""Township catalog (working copy or a published version) → the neutral standard-layout ExportDoc.

Decisions, as township catalogs sent to the county are written:
- Items marked 不适用 stay in the table, with "不适用：原因" in the 备注 column, so a reviewer sees the
  township considered them (coverage stays visible). `include_na=False` leaves them out, for the copy
  published on the website, which lists only what the township discloses.
- Items 层级待确认 carry that note; local items carry "本地自定事项". The notes are read back on import.
- Domains marked 不涉及 get no sheet; they go, with their reason, to the closing 未涉及领域事项说明.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from catalog.errors import KnownError
from catalog.model import ItemText, Marks
from catalog.progress import Progress
from catalog.stdtable.model import ExportDoc, ExportDomain, ExportRow
from catalog.township.items import ADOPTED, MARK_FIELDS, NOT_APPLICABLE, PENDING_LEVEL

LOCAL_NOTE = "本地自定事项"
PENDING_NOTE = "层级待确认"
NA_PREFIX = "不适用："
_NOTE_SEP = "；"
KINDS = ("xlsx", "pdf", "package")
SUFFIX = {"xlsx": ".xlsx", "pdf": ".pdf", "package": ".gkml"}


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


def load_source(cat, version: str | int = "current") -> CatalogSource:
    """The working copy ('current') or published version `version` of a TownshipCatalog."""
    snap = cat.version(version)
    if str(version) in ("current", "当前"):
        snap = _with_origin_subjects(snap, cat)
        meta = {"no": None, "published_at": None, "note": ""}
    else:
        meta = next(v for v in cat.versions() if v["no"] == int(version))
    year = cat.ws.setting("title_year")
    return CatalogSource(snap, meta["no"], meta["published_at"], meta["note"] or "",
                         int(year) if year and year.isdigit() else None)


def _with_origin_subjects(snap: dict, cat) -> dict:
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
        raise KnownError("目录中没有可导出的事项。请先编制目录（compile）。")
    title = f"{t['name']}政务公开事项标准目录（{source.year}年版）"
    when = (source.published_at or "")[:10] or date.today().isoformat()
    subtitle = (f"{t.get('county', '')}{t['name']}　区划代码：{t.get('code', '')}　"
                f"{source.version_label}　{'发布' if source.version_no else '导出'}日期：{when}")
    return ExportDoc(title, subtitle, domains, not_involved)


def catalog_doc(cat, version: str | int = "current", *, include_na: bool = True) -> ExportDoc:
    """ExportDoc of a TownshipCatalog's working copy or published version."""
    return snapshot_doc(load_source(cat, version), include_na=include_na)


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


def export_catalog(cat, out: str | os.PathLike | None, *, kind: str, version: str | int = "current",
                   include_na: bool = True, progress: Progress | None = None) -> Path:
    """Write the catalog as xlsx, pdf or package; `out` may be a folder or None (default file name in
    the current folder). Returns the path written."""
    source = load_source(cat, version)
    target = resolve_out(out, default_filename(source, kind))
    if kind == "package":
        from catalog.exchange.package import write_package
        guides = [{"no": g.no, "domain": g.domain, "version": g.version,
                   "completeness": g.completeness.status}
                  for g in cat.guides]
        return write_package(source, target, include_na=include_na, guides=guides, progress=progress)
    doc = snapshot_doc(source, include_na=include_na)
    from catalog import stdtable
    writer = stdtable.write_xlsx if kind == "xlsx" else stdtable.write_pdf
    writer(doc, target, progress=progress)
    return target


def resolve_out(out: str | os.PathLike | None, default_name: str) -> Path:
    """OUT as given, or the default name inside OUT when it is a folder (or in the current folder)."""
    if out is None:
        return Path.cwd() / default_name
    p = Path(out)
    if p.is_dir():
        return p / default_name
    return p


def now_iso() -> str:
    return datetime.now().isoformat(timespec="seconds")
