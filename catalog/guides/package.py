"""The guide package a county sends its townships (.gkmlg): the guide versions in force as one file.

A zip of manifest.json (format, issuer county, issue date, app version, the domains with their counts, the
SHA-256 and size of every member) and guides.json (each guide in the standards/ file shape, stable item
IDs, unknown √ kept unknown). It passes the same gate as the catalog package (catalog/exchange/package.py
open_verified): a damaged, truncated, edited, newer-format or non-guide file is refused with a Chinese
message and nothing is imported. Importing stores each changed domain as the next guide version.
"""
from __future__ import annotations

import hashlib
import json
import os
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from catalog import APP_NAME, APP_NAME_EN, __version__
from catalog.errors import InputError
from catalog.exchange.package import ZipKind, check_manifest_head, open_verified, write_verified
from catalog.exchange.source import now_iso
from catalog.guides.completeness import completeness_of
from catalog.guides.shipped import Completeness, Guide, guide_from_dict, guide_to_dict, load_schema
from catalog.schema import validate
from catalog.storage.catalog_store import CatalogStore

if TYPE_CHECKING:
    from catalog.township.service import TownshipCatalog

GUIDE_SUFFIX = ".gkmlg"
FORMAT = "gkml-guides"
FORMAT_VERSION = 1
PAYLOAD = "guides.json"
MAX_PAYLOAD_BYTES = 32 * 1024 * 1024       # 26 complete guides are a few MB at most
CATALOG_FORMAT = "gkml-catalog"

_README_TEXT = (f"本文件由{APP_NAME}（{APP_NAME_EN}）导出，是县里下发给各乡镇的标准指引包。\n"
                "请在本程序中导入（新建目录向导第 1 步“从县里下发的指引包开始”，或「标准指引」页），"
                "不要解压后修改：程序会校验文件内容，被修改过的文件将被拒绝。\n")


@dataclass(frozen=True)
class GuidePackage:
    """A verified guide package: its manifest and the guides it carries."""
    file: str
    manifest: dict
    guides: tuple[Guide, ...]

    @property
    def county(self) -> str:
        return str(self.manifest.get("issuer_county") or "")

    @property
    def issued(self) -> str:
        return str(self.manifest.get("issued") or "")


def domain_entry(guide: Guide) -> dict:
    """The manifest's line for one domain (what a township sees before importing)."""
    c = completeness_of(guide)
    return {"no": guide.no, "domain": guide.domain, "version": guide.version, "items": c.known_items,
            "unknown_marks": c.unknown_marks, "unknown_township": c.unknown_township,
            "completeness": guide.completeness.status, "source": guide.completeness.source}


def write_guide_package(guides: Sequence[Guide], out: str | os.PathLike, *, county: str,
                        issued: date | None = None) -> Path:
    """Write `guides` (the versions in force) as one .gkmlg file, atomically; returns its path."""
    county = county.strip()
    if not county:
        raise InputError("请写明下发指引包的县（市、区），如 --county 某县。")
    if not guides:
        raise InputError("没有可导出的指引。")
    payload = json.dumps({"format": FORMAT, "format_version": FORMAT_VERSION,
                          "guides": [guide_to_dict(g) for g in guides]},
                         ensure_ascii=False, indent=1).encode("utf-8")
    manifest = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "app": APP_NAME_EN, "app_version": __version__,
        "issuer_county": county, "issued": (issued or date.today()).isoformat(), "exported_at": now_iso(),
        "domains": [domain_entry(g) for g in guides],
        "payload": PAYLOAD, "payload_sha256": hashlib.sha256(payload).hexdigest(),
    }
    return write_verified(out, manifest, {PAYLOAD: payload}, readme=_README_TEXT)


def _check_manifest(m: dict, name: str) -> None:
    if m.get("format") == CATALOG_FORMAT:
        raise InputError("这是乡镇的目录上报文件（.gkml），不是县里下发的指引包（.gkmlg）。"
                         "目录上报文件请在「县级汇总」中导入。", file=name)
    check_manifest_head(m, name, fmt=FORMAT, max_version=FORMAT_VERSION, noun="指引包",
                        payload=PAYLOAD, required=("issuer_county",))


GUIDE_KIND = ZipKind("县里下发的指引包（.gkmlg）", "指引包", "请让县里用本程序重新导出指引包",
                     _check_manifest, "Excel 表格请用「导入正式表格…」导入。", {PAYLOAD: MAX_PAYLOAD_BYTES})


def read_guide_package(path: str | os.PathLike) -> GuidePackage:
    """Open and verify a .gkmlg file; InputError (Chinese, naming the file) for every refusal."""
    name = Path(path).name
    manifest, blobs = open_verified(path, GUIDE_KIND)
    if manifest["payload_sha256"] != manifest["files"][PAYLOAD]["sha256"]:
        raise InputError("文件内容被修改过（清单中的校验值前后不一致），已拒绝导入。", file=name)
    try:
        data = json.loads(blobs[PAYLOAD].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InputError(f"文件已损坏：{PAYLOAD} 不是有效的 JSON。请让县里重新导出。", file=name) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT \
            or data.get("format_version") != manifest["format_version"] \
            or not isinstance(data.get("guides"), list):
        raise InputError("文件内容与清单不一致（格式标识不符），已拒绝导入。", file=name)
    schema = load_schema()
    guides = []
    for n, raw in enumerate(data["guides"], start=1):
        problems = validate(raw, schema) if isinstance(raw, dict) else [("", "不是对象")]
        if problems:
            where, what = problems[0]
            raise InputError(f"指引包中第 {n} 个指引的数据不完整（{where or '整体'}：{what}），"
                             "未导入任何内容。", file=name)
        guides.append(guide_from_dict(raw, name))
    if not guides:
        raise InputError("指引包中没有任何指引，未导入。", file=name)
    if len({g.no for g in guides}) != len(guides):
        raise InputError("指引包中同一领域出现了两次，已拒绝导入。", file=name)
    return GuidePackage(name, manifest, tuple(guides))


def import_guide_package(cat: TownshipCatalog, path: str | os.PathLike
                         ) -> tuple[GuidePackage, list[Guide], list[Guide]]:
    """Store every guide of the package that differs from the one in force as the next version of its
    domain (all or nothing). Returns (package, imported guides, unchanged guides)."""
    pkg = read_guide_package(path)
    imported: list[Guide] = []
    unchanged: list[Guide] = []
    when = now_iso()
    source = f"{pkg.county}下发的指引包（{pkg.issued}）"
    with cat.ws.atomic():
        store = CatalogStore(cat.ws)
        for g in pkg.guides:
            try:
                current = cat.guides.by_no(g.no)
            except KeyError:
                raise InputError(f"指引包中有本程序不认识的领域「{g.domain}」（序号 {g.no}）。",
                                 file=pkg.file) from None
            if guide_to_dict(g)["items"] == guide_to_dict(current)["items"]:
                unchanged.append(current)
                continue
            c = g.completeness
            status = "partial" if c.status == "partial" else "imported"
            new = replace(g, version=current.version + 1, completeness=Completeness(
                status, len(g.active_items), f"{source}：{c.source}", pkg.file, when))
            store.add_guide_version(new.no, new.version, guide_to_dict(new), source=source, file=pkg.file)
            imported.append(new)
    for new in imported:            # in force only once every domain is stored
        cat.guides = cat.guides.replace(new)
    return pkg, imported, unchanged


def sniff_guide_package(path: str | os.PathLike) -> bool:
    """True when the file looks like a guide package (.gkmlg, or a zip whose manifest says so); the
    importer then verifies it fully."""
    if Path(path).suffix.lower() == GUIDE_SUFFIX:
        return True
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("manifest.json")
            if info.file_size > 256 * 1024:
                return False
            return json.loads(zf.read(info).decode("utf-8")).get("format") == FORMAT
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, AttributeError):
        return False


@dataclass(frozen=True)
class PackageImport:
    """What importing a guide package did (plain data for the GUI thread)."""
    county: str
    issued: str
    file: str
    imported: tuple[str, ...]       # domains with a new guide version
    unchanged: tuple[str, ...]

