"""The catalog file sent up to the county (.gkml): a zip of catalog.json, manifest.json and the Excel.

catalog.json is the machine-readable catalog at full fidelity (tri-state marks, statuses, reasons,
local items, guide item IDs); manifest.json names the township, 区划代码, version, export time, app
version and the SHA-256 of every member. `read_package` verifies all of it before anything is used:
a damaged or truncated file, a newer format, a non-catalog file or a zip bomb is refused with a Chinese
message, and nothing is imported. The SHA-256 detects damage (and edits that did not recompute it); it
is no signature: anyone can edit catalog.json and recompute it, so the content is validated like any
other input (payload_schema.py) and never trusted to prove who made the file.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from catalog import APP_NAME, APP_NAME_EN, __version__
from catalog.errors import InputError
from catalog.exchange.source import CatalogSource, now_iso, snapshot_doc
from catalog.progress import Progress

PACKAGE_SUFFIX = ".gkml"
FORMAT = "gkml-catalog"
FORMAT_VERSION = 1
MANIFEST, PAYLOAD, EXCEL, README = "manifest.json", "catalog.json", "catalog.xlsx", "说明.txt"

# A township catalog is ~200 items: the payload is well under 1 MB. Generous caps, judged on the
# sizes the zip declares, before anything is inflated.
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_MEMBERS = 16
MAX_MEMBER_BYTES = {MANIFEST: 256 * 1024, PAYLOAD: 32 * 1024 * 1024}
MAX_OTHER_BYTES = 64 * 1024 * 1024
MAX_RATIO = 200
_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_README_TEXT = (f"本文件由{APP_NAME}（{APP_NAME_EN}）导出，是乡镇政务公开事项标准目录的上报文件。\n"
                "请在“县级汇总”中直接导入本文件（.gkml），不要解压后修改。文件中的 SHA-256 校验值用于发现"
                "拷贝或传输中的损坏；它不是数字签名，不能证明文件由哪个乡镇制作，也不能防止有意的改动。\n"
                f"{EXCEL} 是同一份目录的 Excel 表格，供人工查看。\n")


@dataclass(frozen=True)
class Package:
    """A verified catalog file: its manifest, the catalog payload and the Excel bytes."""
    file: str
    manifest: dict
    catalog: dict
    payload: bytes = field(default=b"", repr=False)     # catalog.json as stored (verified bytes)

    @property
    def snapshot(self) -> dict:
        return self.catalog["snapshot"]

    @property
    def code(self) -> str:
        return self.manifest["code"]

    @property
    def township(self) -> str:
        return self.manifest["township"]

    @property
    def catalog_version(self) -> int | None:
        return self.manifest.get("catalog_version")

    def source(self) -> CatalogSource:
        v = self.catalog.get("version") or {}
        return CatalogSource(self.snapshot, v.get("no"), v.get("published_at"), v.get("note") or "",
                             self.catalog.get("title_year"))


def build_payload(source: CatalogSource, *, guides: list[dict] | None = None) -> dict:
    """catalog.json content: the snapshot plus which version it is."""
    return {
        "format": FORMAT, "format_version": FORMAT_VERSION,
        "version": {"no": source.version_no, "published_at": source.published_at, "note": source.note},
        "title_year": source.year,
        "guides": guides or [],
        "snapshot": source.snapshot,
    }


def write_package(source: CatalogSource, out: str | os.PathLike, *, include_na: bool = True,
                  guides: list[dict] | None = None, progress: Progress | None = None) -> Path:
    """Write the .gkml file atomically (a temp file renamed into place); returns its path."""
    from catalog.stdtable import write_xlsx
    payload = json.dumps(build_payload(source, guides=guides), ensure_ascii=False, indent=1).encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        xlsx_path = Path(tmp) / EXCEL
        write_xlsx(snapshot_doc(source, include_na=include_na), xlsx_path, progress=progress)
        excel = xlsx_path.read_bytes()
    t = source.township
    manifest = {
        "format": FORMAT, "format_version": FORMAT_VERSION,
        "app": APP_NAME_EN, "app_version": __version__,
        "township": t["name"], "county": t.get("county", ""), "code": t.get("code", ""),
        "catalog_version": source.version_no, "published_at": source.published_at,
        "exported_at": now_iso(),
        "payload": PAYLOAD, "payload_sha256": _sha(payload),
    }
    # the xlsx is itself compressed: stored as is
    return write_verified(out, manifest, {PAYLOAD: payload, EXCEL: excel}, readme=_README_TEXT,
                          stored={EXCEL})


def write_verified(out: str | os.PathLike, manifest: dict, members: dict[str, bytes], *, readme: str,
                   stored: frozenset[str] | set[str] = frozenset()) -> Path:
    """Write manifest.json (with the SHA-256 and size of every member added as "files"), the members and
    a 说明.txt as one zip, atomically (a temp file renamed into place). What open_verified reads back."""
    from catalog.stdtable.output import atomic_output
    out = Path(out)
    manifest = {**manifest, "files": {m: {"sha256": _sha(b), "size": len(b)} for m, b in members.items()}}
    data = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
    with atomic_output(out) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(MANIFEST, data)
        for member, blob in members.items():
            if member in stored:
                zf.writestr(zipfile.ZipInfo(member, _zip_time()), blob, compress_type=zipfile.ZIP_STORED)
            else:
                zf.writestr(member, blob)
        zf.writestr(README, readme.encode("utf-8"))
    return out


@dataclass(frozen=True)
class ZipKind:
    """What a verified zip file is (catalog or guide package), for open_verified's messages and checks."""
    what: str                                   # 目录上报文件（.gkml）
    short: str                                  # 目录上报文件
    resend: str                                 # 请让乡镇重新发送
    check_manifest: Callable[[dict, str], None]
    excel_hint: str = ""                        # said when an Excel workbook was picked instead
    caps: dict[str, int] = field(default_factory=dict)    # per-member size caps (else MAX_OTHER_BYTES)


def open_verified(path: str | os.PathLike, kind: ZipKind) -> tuple[dict, dict[str, bytes]]:
    """The manifest and every member it lists, each checked against its SHA-256 and size; InputError
    (Chinese, naming the file) for an empty, non-zip, oversized, bombed, encrypted, truncated or altered
    file. The one gate both .gkml and .gkmlg files pass through."""
    p = Path(path)
    name = p.name
    head = _head(p, name, kind)
    if not head.startswith(_ZIP_MAGIC):
        if head.startswith(_OLE2_MAGIC):
            raise InputError(f"这是旧版 Office 文件（如 .xls/.doc），不是{kind.what}。", file=name)
        raise InputError(f"不是{kind.what}：文件格式不对。"
                         f"请确认选择的是本程序“导出”生成的{kind.short}。", file=name)
    if p.stat().st_size > MAX_FILE_BYTES:
        raise InputError(f"文件过大（超过 {MAX_FILE_BYTES // 1024 // 1024} MB），不像是{kind.short}，"
                         "已拒绝打开。", file=name)
    try:
        with zipfile.ZipFile(p) as zf:
            infos = {i.filename: i for i in zf.infolist()}
            if infos and min(i.header_offset for i in infos.values()) > 0:
                # the directory found belongs to a zip inside (the Excel stored in a cut-off package)
                raise InputError(f"文件不完整（末尾被截断），可能是拷贝或传输中断。{kind.resend}。",
                                 file=name)
            if MANIFEST not in infos:
                if "[Content_Types].xml" in infos:
                    raise InputError(f"这是 Excel 工作簿，不是{kind.what}。{kind.excel_hint}", file=name)
                raise InputError(f"不是本程序导出的{kind.short}：压缩包中没有清单（manifest.json）。",
                                 file=name)
            _check_declared(list(infos.values()), p.stat().st_size, name, kind)
            manifest = _json(_read(zf, infos[MANIFEST], name), MANIFEST, name)
            kind.check_manifest(manifest, name)
            blobs: dict[str, bytes] = {}
            for member, meta in manifest["files"].items():
                if member not in infos:
                    raise InputError(f"文件不完整：缺少 {member}。{kind.resend}。", file=name)
                blob = _read(zf, infos[member], name)
                if _sha(blob) != meta.get("sha256") or len(blob) != meta.get("size"):
                    raise InputError(f"文件已损坏或被修改过（{member} 的校验值与清单不符），已拒绝导入。"
                                     f"{kind.resend}。", file=name)
                blobs[member] = blob
    except zipfile.BadZipFile as err:
        raise InputError(f"文件已损坏或不完整（{_zip_reason(err)}），可能是拷贝或传输中断。"
                         f"{kind.resend}。", file=name) from None
    except (OSError, EOFError, RuntimeError, NotImplementedError, ValueError, zlib.error) as err:
        raise InputError(f"文件已损坏，无法读取（{err}）。{kind.resend}。", file=name) from None
    return manifest, blobs


def read_package(path: str | os.PathLike) -> Package:
    """Open and verify a .gkml file; InputError (Chinese, naming the file) for every refusal."""
    name = Path(path).name
    manifest, blobs = open_verified(path, CATALOG_KIND)
    files = manifest["files"]
    if manifest["payload_sha256"] != files[PAYLOAD]["sha256"]:
        raise InputError("文件已损坏或被修改过（清单中的校验值前后不一致），已拒绝导入。", file=name)
    catalog = _json(blobs[PAYLOAD], PAYLOAD, name)
    _check_catalog(catalog, manifest, name)
    return Package(name, manifest, catalog, blobs[PAYLOAD])


def package_snapshot_problems(snapshot: dict) -> list[str]:
    """Structural problems of a snapshot (empty list when it is usable): types and ranges included."""
    from catalog.exchange.payload_schema import snapshot_problems
    shaped = snapshot_problems(snapshot)
    if shaped:
        return shaped
    problems = []
    if not isinstance(snapshot, dict):
        return ["目录内容不是对象"]
    t = snapshot.get("township")
    if not isinstance(t, dict) or not t.get("name") or not t.get("code"):
        problems.append("缺少乡镇名称或区划代码")
    if not isinstance(snapshot.get("domains"), dict):
        problems.append("缺少领域列表")
    items = snapshot.get("items")
    if not isinstance(items, list):
        return [*problems, "缺少事项列表"]
    for n, it in enumerate(items, start=1):
        if not isinstance(it, dict) or not it.get("uid") or not it.get("level1") \
                or not isinstance(it.get("domain_no"), int) \
                or it.get("status") not in ("adopted", "pending", "na"):
            problems.append(f"第 {n} 个事项缺少编号、领域、一级事项或状态")
            break
    return problems


# -- checks ---------------------------------------------------------------------------------------
def _head(p: Path, name: str, kind: ZipKind) -> bytes:
    from catalog.textfile import read_head
    head = read_head(p, 8, what=kind.short)
    if not head:
        raise InputError(f"文件是空的（0 字节），可能是拷贝中断。{kind.resend}。", file=name)
    return head


def _check_declared(infos: list[zipfile.ZipInfo], archive_size: int, name: str, kind: ZipKind) -> None:
    if len(infos) > MAX_MEMBERS:
        raise InputError(f"压缩包内的文件过多（{len(infos)} 个），不是{kind.short}，已拒绝打开。", file=name)
    if sum(i.compress_size for i in infos) > archive_size:
        raise InputError("压缩包结构异常（部件互相重叠），疑似“压缩炸弹”，为安全起见已拒绝打开。", file=name)
    for i in infos:
        cap = {MANIFEST: MAX_MEMBER_BYTES[MANIFEST], **kind.caps}.get(i.filename, MAX_OTHER_BYTES)
        if i.file_size > cap or i.file_size > MAX_RATIO * max(i.compress_size, 1) + 1024 * 1024:
            raise InputError(f"压缩包中 {i.filename} 解压后过大（约 {i.file_size // 1024 // 1024} MB），"
                             "疑似“压缩炸弹”，为安全起见已拒绝打开。", file=name)
        if i.flag_bits & 0x1:
            raise InputError(f"文件被加密，无法读取。{kind.resend}。", file=name)


def _read(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    # ZipExtFile stops at the declared size and checks the CRC: a member that inflates to more than it
    # declares, or was altered in place, fails here.
    with zf.open(info) as fh:
        data = fh.read(info.file_size + 1)
    if len(data) != info.file_size:
        raise InputError(f"文件已损坏（{info.filename} 的长度与声明不符）。", file=name)
    return data


def _json(blob: bytes, member: str, name: str) -> dict:
    from catalog.exchange.payload_schema import PayloadError, loads
    try:
        data = loads(blob)
    except PayloadError as err:
        raise InputError(f"文件内容无效：{member} {err}。请让乡镇用本程序重新导出。", file=name) from None
    if not isinstance(data, dict):
        raise InputError(f"文件已损坏：{member} 的内容格式不对。", file=name)
    return data


def check_manifest_head(m: dict, name: str, *, fmt: str, max_version: int, noun: str, payload: str,
                        required: tuple[str, ...] = ()) -> None:
    """The part of a manifest every package kind shares: its format tag, a format version this program
    reads, the payload's entry and checksum, and the kind's `required` fields (each non-empty)."""
    if m.get("format") != fmt:
        raise InputError(f"不是本程序导出的{noun}（清单中的格式标识不对）。", file=name)
    version = m.get("format_version")
    if not isinstance(version, int) or version < 1:
        raise InputError("文件已损坏：清单中的格式版本无效。", file=name)
    if version > max_version:
        raise InputError(f"此{noun}由更新版本的{APP_NAME}导出（文件格式第 {version} 版，本程序只支持到第 "
                         f"{max_version} 版，导出程序版本 {m.get('app_version', '未知')}）。"
                         "请升级本程序后再导入。",
                         file=name)
    files = m.get("files")
    if not isinstance(files, dict) or payload not in files or not isinstance(m.get("payload_sha256"), str) \
            or not all(isinstance(v, dict) for v in files.values()) or not all(m.get(k) for k in required):
        raise InputError("文件已损坏：清单（manifest.json）内容不完整。", file=name)


def _check_manifest(m: dict, name: str) -> None:
    check_manifest_head(m, name, fmt=FORMAT, max_version=FORMAT_VERSION, noun="目录上报文件",
                        payload=PAYLOAD, required=("code", "township"))
    from catalog.exchange.payload_schema import manifest_problems
    problems = manifest_problems(m)
    if problems:
        raise InputError("文件内容无效：" + "；".join(problems) + "。请让乡镇用本程序重新导出。", file=name)


CATALOG_KIND = ZipKind("目录上报文件（.gkml）", "目录上报文件", "请让乡镇用本程序重新导出上报文件",
                       _check_manifest, "县级汇总可以直接导入 Excel 目录。",
                       {PAYLOAD: MAX_MEMBER_BYTES[PAYLOAD]})


def _check_catalog(catalog: dict, manifest: dict, name: str) -> None:
    if catalog.get("format") != FORMAT or catalog.get("format_version") != manifest["format_version"]:
        raise InputError("文件内容与清单不一致（格式标识不符），已拒绝导入。", file=name)
    from catalog.exchange.payload_schema import catalog_problems
    problems = catalog_problems(catalog)
    if problems:
        raise InputError("目录内容不完整：" + "；".join(problems) + "。请让乡镇重新导出。", file=name)
    t = catalog["snapshot"]["township"]
    if t["code"] != manifest["code"] or t["name"] != manifest["township"]:
        raise InputError("文件内容与清单不一致（乡镇名称或区划代码不符），已拒绝导入。", file=name)


def _zip_reason(err: Exception) -> str:
    text = str(err)
    if "CRC" in text:
        return "数据校验失败"
    if "not a zip" in text.lower() or "central directory" in text.lower():
        return "文件末尾缺失"
    return "压缩结构异常"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _zip_time() -> tuple[int, int, int, int, int, int]:
    import time
    return time.localtime()[:6]


def sniff_package(path: str | os.PathLike) -> bool:
    """True when the file looks like a catalog package (a zip holding manifest.json), without verifying it."""
    try:
        with zipfile.ZipFile(path) as zf:
            return MANIFEST in zf.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


__all__ = [
    "FORMAT_VERSION",
    "PACKAGE_SUFFIX",
    "Package",
    "ZipKind",
    "build_payload",
    "open_verified",
    "read_package",
    "sniff_package",
    "write_package",
    "write_verified",
]
