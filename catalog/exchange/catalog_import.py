"""`import FILE` in a township workspace: the catalog of a .gkml package or a standard Excel replaces
the working copy, as one undoable command.

Use: restore a catalog on another PC (package: exact, township profile included when the workspace is
new), or take over a catalog kept in Excel so far (rows matched to guide items by name, the rest as
local items; 备注 gives back 不适用/层级待确认/本地自定事项). Published versions are never touched, and
the workspace was backed up when it was opened. A file of another township (区划代码) is refused, unless
taken `as_template`: a neighbour's or the county's catalog as the starting point, 公开主体 rewritten to
this township. The title of one's own old table may say 某镇人民政府 / 某街道办事处 / 某镇政府, or name no
township at all (then the workspace's name is used, with a 提醒).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from catalog.errors import InputError
from catalog.exchange.catalog_files import CatalogFile, domain_choices, items_from_snapshot, read_catalog_file
from catalog.progress import Progress
from catalog.storage.catalog_store import CatalogStore
from catalog.township.items import ADOPTED, NOT_APPLICABLE, PENDING_LEVEL, CatalogItem
from catalog.township.profile import Township, validate_township

if TYPE_CHECKING:
    from catalog.township.service import TownshipCatalog


@dataclass
class ReplaceCatalog:
    """Replace all items and domain choices of the working copy; undo puts the old ones back."""
    items: list[CatalogItem]
    domains: dict[int, tuple[bool, str]]
    label: str = "导入目录"
    _before: tuple[list[CatalogItem], dict[int, tuple[bool, str]]] | None = field(default=None, repr=False)

    def apply(self, store: CatalogStore) -> None:
        self._before = (store.items(), store.domain_choices())
        _replace(store, self.items, self.domains)

    def revert(self, store: CatalogStore) -> None:
        assert self._before is not None
        _replace(store, *self._before)


def _replace(store: CatalogStore, items: list[CatalogItem], domains: dict[int, tuple[bool, str]]) -> None:
    for uid in store.uids():
        store.delete(uid)
    store.put_many(items)
    for no in store.domain_choices():
        store.delete_domain_choice(no)
    for no, (applies, reason) in domains.items():
        store.set_domain(no, applies, reason)


@dataclass
class ImportSummary:
    """What an import did (or would do, for a dry run)."""
    file: str
    kind: str
    items: int
    adopted: int
    pending: int
    not_applicable: int
    local: int
    not_involved: list[str]
    replaced: int                       # items of the working copy before the import
    problems: list[str]
    township_created: bool = False
    applied: bool = False
    notes: list[str] = field(default_factory=list)    # 提醒 for the clerk (not problems: exit code 0)
    as_template: bool = False
    subjects_rewritten: int = 0

    def to_json(self) -> dict:
        return {k: getattr(self, k) for k in ("file", "kind", "items", "adopted", "pending", "not_applicable",
                                              "local", "not_involved", "replaced", "problems",
                                              "township_created", "applied", "notes", "as_template",
                                              "subjects_rewritten")}


@dataclass
class PreparedImport:
    """A verified file, ready to apply: the summary to show, the command, and a township to create first."""
    summary: ImportSummary
    command: ReplaceCatalog
    new_township: Township | None = None


def prepare_catalog_import(cat: TownshipCatalog, path: str | os.PathLike, *, as_template: bool = False,
                           progress: Progress | None = None) -> PreparedImport:
    """Read and verify FILE against `cat` (a TownshipCatalog) without writing anything; InputError when
    refused. The GUI shows `summary`, then calls apply_catalog_import (or pushes `command` on its undo
    stack). as_template: another township's (or the county's) catalog as the starting point."""
    cf = read_catalog_file(path, cat.guides, progress=progress)
    notes: list[str] = []
    items = items_from_snapshot(cf.snapshot)
    rewritten = 0
    if as_template:
        current = cat.township()
        if current is None:
            raise InputError("以其他目录为起点之前，请先用 init 命令填写本乡镇信息。", file=cf.file)
        new_township = None
        items, rewritten = _as_template(items, source=cf.township.get("name") or "", township=current)
        notes.append(f"以「{cf.township.get('name') or Path(cf.file).name}」的目录为起点：{rewritten} 项的"
                     f"公开主体已改为{current.government}；请逐项核对后再发布")
    else:
        new_township = _township_for(cf, cat.township(), notes)
    uids = [i.uid for i in items]
    if len(uids) != len(set(uids)):
        raise InputError("文件中的事项编号重复，内容有误，未导入。", file=cf.file)
    strange = sorted({i.domain_no for i in items} - {g.no for g in cat.guides})
    if strange:
        raise InputError(f"文件中有本程序不认识的领域编号 {strange}，未导入。", file=cf.file)
    summary = _summary(cf, items, cat, replaced=len(cat.store.uids()))
    summary.township_created = new_township is not None
    summary.notes, summary.as_template, summary.subjects_rewritten = notes, as_template, rewritten
    command = ReplaceCatalog(items, domain_choices(cf.snapshot), label=f"导入目录（{Path(cf.file).name}）")
    return PreparedImport(summary, command, new_township)


def apply_catalog_import(cat: TownshipCatalog, prepared: PreparedImport) -> ImportSummary:
    """Create the township if needed and run the command through cat's history (one transaction)."""
    with cat.ws.atomic():
        if prepared.new_township is not None:
            cat.save_township(prepared.new_township)
        cat.do(prepared.command)
    prepared.summary.applied = True
    return prepared.summary


def import_catalog_file(cat: TownshipCatalog, path: str | os.PathLike, *, dry_run: bool = False,
                        as_template: bool = False, progress: Progress | None = None) -> ImportSummary:
    """Read and verify FILE, then replace the working copy of `cat` (a TownshipCatalog) with it.

    Everything is checked before anything is written; a refused file raises InputError."""
    prepared = prepare_catalog_import(cat, path, as_template=as_template, progress=progress)
    return prepared.summary if dry_run else apply_catalog_import(cat, prepared)


def _township_for(cf: CatalogFile, current: Township | None, notes: list[str]) -> Township | None:
    """The township to create (workspace without one), None when the current one stays; refuses a
    file of another township. A table title naming no township takes the workspace's (a note says so)."""
    t = cf.township
    if current is None:
        if cf.kind != "package" or not t.get("code"):
            raise InputError("本工作区还没有乡镇信息，而 Excel 表格里没有区划代码。请先用 init "
                             "命令填写乡镇信息，再导入表格。", file=cf.file)
        return validate_township(Township(t["name"], t.get("county") or "", t["code"], t.get("contact") or "",
                                          t.get("phone") or "", t.get("supervise_phone") or ""))
    if t.get("code") and t["code"] != current.code:
        raise InputError(f"文件是 {t['name']}（区划代码 {t['code']}）的目录，而本工作区是 {current.name}"
                         f"（{current.code}），未导入。", file=cf.file)
    if t.get("code"):
        return None
    if not names_a_place(t.get("name") or ""):
        notes.append(f"表格标题中没有乡镇名称，按本工作区的「{current.name}」导入，请确认是本乡镇的目录")
    elif not same_township(t["name"], current.name):
        raise InputError(f"表格标题中的乡镇是「{t['name']}」，而本工作区是 {current.name}，未导入。"
                         "如确属本乡镇，请把表格标题改为本乡镇名称后再导入；如要以其他乡镇或县里的目录为起点，"
                         "请用“以其他目录为起点导入”（命令行 import --as-template）。", file=cf.file)
    return None


# What a title or 公开主体 adds to a township's name: 东湾镇人民政府, 东湾街道办事处, 东湾镇政府.
_BODY_SUFFIX = re.compile(r"(人民政府|街道办事处|办事处|政府|党委)$")
_PLACE_END = re.compile(r"(镇|乡|街道|苏木|县|市|区|旗)$")
_TOWNSHIP_END = re.compile(r"(镇|乡|街道|苏木)$")
# A guide's generic subject: 乡镇人民政府, 乡（镇）人民政府, 乡镇（街道）, a bare 街道办事处.
_GENERIC_SUBJECT = re.compile(r"乡镇人民政府|乡[(（]镇[)）]人民政府|乡镇[(（]街道[)）]|乡镇政府"
                              r"|(?:^|(?<=[、，,；;]))街道办事处(?=$|[、，,；;])")


def core_name(name: str) -> str:
    """'东湾镇人民政府' → '东湾镇'; '东湾街道办事处' → '东湾街道'; spaces dropped."""
    core = re.sub(r"\s+", "", name)
    while (m := _BODY_SUFFIX.search(core)) and m.start() > 0:
        core = core[:m.start()] + ("街道" if m.group(1) == "街道办事处" else "")
    return core


def names_a_place(name: str) -> bool:
    """True when a title's name is a place (某镇, 某县, 某街道办事处…), not e.g. '目录' or ''."""
    return bool(_PLACE_END.search(core_name(name)))


def same_township(a: str, b: str) -> bool:
    """东湾镇 = 东湾镇人民政府 = 东湾镇政府; a county prefix (某县东湾镇) is tolerated too."""
    ca, cb = core_name(a), core_name(b)
    return bool(ca and cb) and (ca == cb or ca.endswith(cb) or cb.endswith(ca))


def _as_template(items: list[CatalogItem], *, source: str,
                 township: Township) -> tuple[list[CatalogItem], int]:
    """The items with 公开主体 naming the source township (or a generic 乡镇人民政府) rewritten to this one.
    A county's own bodies (某县民政局) are left as they are."""
    core = core_name(source)
    named = (re.compile(re.escape(core) + r"(人民政府|街道办事处|办事处|政府)?")
             if _TOWNSHIP_END.search(core) else None)
    out, changed = [], 0
    for item in items:
        subject = item.text.subject or ""
        new = _GENERIC_SUBJECT.sub(township.government, subject)
        if named:   # 东湾镇人民政府 → 本镇人民政府; a bare 东湾镇 (东湾镇某村) → 本镇
            new = named.sub(lambda m: township.government if m.group(1) else township.name, new)
        if new != subject:
            changed += 1
            item = replace(item, text=replace(item.text, subject=new))
        out.append(item)
    return out, changed


def _summary(cf: CatalogFile, items: list[CatalogItem], cat: TownshipCatalog, *,
             replaced: int) -> ImportSummary:
    count = lambda s: sum(1 for i in items if i.status == s)  # noqa: E731
    not_involved = [f"{cat.guide_name(no)}（{reason}）" for no, (applies, reason) in
                    sorted(domain_choices(cf.snapshot).items()) if not applies]
    return ImportSummary(cf.file, cf.kind, len(items), count(ADOPTED), count(PENDING_LEVEL),
                         count(NOT_APPLICABLE), sum(1 for i in items if i.local), not_involved, replaced,
                         cf.problem_lines())
