"""`import FILE` in a township workspace: the catalog of a .gkml package or a standard Excel replaces
the working copy, as one undoable command.

Use: restore a catalog on another PC (package: exact, township profile included when the workspace is
new), or take over a catalog kept in Excel so far (rows matched to guide items by name, the rest as
local items; 备注 gives back 不适用/层级待确认/本地自定事项). Published versions are never touched, and
the workspace was backed up when it was opened. A file of another township (区划代码) is refused.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from catalog.errors import InputError
from catalog.exchange.catalog_files import CatalogFile, domain_choices, items_from_snapshot, read_catalog_file
from catalog.progress import Progress
from catalog.storage.catalog_store import CatalogStore
from catalog.township.items import ADOPTED, NOT_APPLICABLE, PENDING_LEVEL, CatalogItem
from catalog.township.profile import Township, validate_township


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

    def to_json(self) -> dict:
        return {k: getattr(self, k) for k in ("file", "kind", "items", "adopted", "pending", "not_applicable",
                                              "local", "not_involved", "replaced", "problems",
                                              "township_created", "applied")}


@dataclass
class PreparedImport:
    """A verified file, ready to apply: the summary to show, the command, and a township to create first."""
    summary: ImportSummary
    command: ReplaceCatalog
    new_township: Township | None = None


def prepare_catalog_import(cat, path: str | os.PathLike, *,
                           progress: Progress | None = None) -> PreparedImport:
    """Read and verify FILE against `cat` (a TownshipCatalog) without writing anything; InputError when
    refused. The GUI shows `summary`, then calls apply_catalog_import (or pushes `command` on its undo
    stack)."""
    cf = read_catalog_file(path, cat.guides, progress=progress)
    new_township = _township_for(cf, cat.township())
    items = items_from_snapshot(cf.snapshot)
    uids = [i.uid for i in items]
    if len(uids) != len(set(uids)):
        raise InputError("文件中的事项编号重复，内容有误，未导入。", file=cf.file)
    strange = sorted({i.domain_no for i in items} - {g.no for g in cat.guides})
    if strange:
        raise InputError(f"文件中有本程序不认识的领域编号 {strange}，未导入。", file=cf.file)
    summary = _summary(cf, items, cat, replaced=len(cat.store.uids()))
    summary.township_created = new_township is not None
    command = ReplaceCatalog(items, domain_choices(cf.snapshot), label=f"导入目录（{Path(cf.file).name}）")
    return PreparedImport(summary, command, new_township)


def apply_catalog_import(cat, prepared: PreparedImport) -> ImportSummary:
    """Create the township if needed and run the command through cat's history (one transaction)."""
    with cat.ws.atomic():
        if prepared.new_township is not None:
            cat.save_township(prepared.new_township)
        cat.do(prepared.command)
    prepared.summary.applied = True
    return prepared.summary


def import_catalog_file(cat, path: str | os.PathLike, *, dry_run: bool = False,
                        progress: Progress | None = None) -> ImportSummary:
    """Read and verify FILE, then replace the working copy of `cat` (a TownshipCatalog) with it.

    Everything is checked before anything is written; a refused file raises InputError."""
    prepared = prepare_catalog_import(cat, path, progress=progress)
    return prepared.summary if dry_run else apply_catalog_import(cat, prepared)


def _township_for(cf: CatalogFile, current: Township | None) -> Township | None:
    """The township to create (workspace without one), None when the current one stays; refuses a
    file of another township."""
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
    if (not t.get("code") and t.get("name")
            and current.name not in t["name"] and t["name"] not in current.name):
        raise InputError(f"表格标题中的乡镇是「{t['name']}」，而本工作区是 {current.name}，未导入。"
                         "如确属本乡镇，请把表格标题改为本乡镇名称后再导入。", file=cf.file)
    return None


def _summary(cf: CatalogFile, items: list[CatalogItem], cat, *, replaced: int) -> ImportSummary:
    count = lambda s: sum(1 for i in items if i.status == s)  # noqa: E731
    not_involved = [f"{cat.guide_name(no)}（{reason}）" for no, (applies, reason) in
                    sorted(domain_choices(cf.snapshot).items()) if not applies]
    return ImportSummary(cf.file, cf.kind, len(items), count(ADOPTED), count(PENDING_LEVEL),
                         count(NOT_APPLICABLE), sum(1 for i in items if i.local), not_involved, replaced,
                         cf.problem_lines())
