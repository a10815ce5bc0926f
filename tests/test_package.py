"""The .gkml county file: exact round trip, manifest, and every refusal (nothing imported)."""
from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from export_helpers import rich_catalog
from helpers import shipped

from catalog.errors import InputError
from catalog.exchange.catalog_import import import_catalog_file
from catalog.exchange.export import export_catalog
from catalog.exchange.package import EXCEL, FORMAT_VERSION, MANIFEST, PAYLOAD, read_package
from catalog.township.items import comparable
from catalog.township.profile import Township
from catalog.township.service import TownshipCatalog


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """(catalog workspace path, package path, full item state) built once for the module."""
    d = tmp_path_factory.mktemp("pkg")
    cat = rich_catalog(d / "src")
    cat.publish("上报")
    pkg = export_catalog(cat, d / "某镇.gkml", kind="package")
    state = full_state(cat)
    cat.close()
    return d, pkg, state


def full_state(cat: TownshipCatalog) -> tuple:
    items = [(i.uid, i.domain_no, i.position, i.local, i.guide_item_id, i.origin_subject, comparable(i))
             for i in cat.items()]
    return items, cat.domain_choices()


def test_round_trip_is_exact_and_creates_the_township(exported, tmp_path):
    _, pkg, state = exported
    other = TownshipCatalog.open(tmp_path / "new.db", shipped())
    summary = import_catalog_file(other, pkg)
    assert summary.township_created and summary.applied and summary.problems == []
    assert full_state(other) == state
    t = other.township()
    assert (t.name, t.county, t.code) == ("某镇", "某县", "420102001000")
    other.close()


def test_manifest_names_township_version_and_hashes(exported):
    _, pkg, _ = exported
    p = read_package(pkg)
    m = p.manifest
    assert (m["format_version"], m["township"], m["code"], m["catalog_version"]) == (FORMAT_VERSION, "某镇",
                                                                                    "420102001000", None)
    assert m["app_version"] and m["exported_at"].startswith("20")
    with zipfile.ZipFile(pkg) as zf:
        assert hashlib.sha256(zf.read(PAYLOAD)).hexdigest() == m["payload_sha256"]
        assert zf.read(EXCEL)[:2] == b"PK"              # the Excel for people is inside
    assert {g["domain"] for g in p.catalog["guides"]} >= {"涉农补贴"}


def test_import_is_one_undoable_step(exported, tmp_path):
    _, pkg, state = exported
    cat = rich_catalog(tmp_path / "w")
    from catalog.township.commands import EditItem
    uid = cat.items()[0].uid
    cat.do(EditItem(uid, {"level2": "本地改名"}))
    before = full_state(cat)
    import_catalog_file(cat, pkg)
    assert full_state(cat) == state
    cat.undo()
    assert full_state(cat) == before
    cat.close()


def test_dry_run_writes_nothing(exported, tmp_path):
    _, pkg, _ = exported
    cat = TownshipCatalog.open(tmp_path / "w.db", shipped())
    s = import_catalog_file(cat, pkg, dry_run=True)
    assert not s.applied and s.items > 100
    assert cat.items() == [] and cat.township() is None
    cat.close()


def test_package_of_another_township_is_refused(exported, tmp_path):
    _, pkg, _ = exported
    cat = rich_catalog(tmp_path / "w", township=Township("乙镇", "某县", "420102002000"))
    before = full_state(cat)
    with pytest.raises(InputError, match=r"区划代码 420102001000.*未导入"):
        import_catalog_file(cat, pkg)
    assert full_state(cat) == before
    cat.close()


# -- refusals ------------------------------------------------------------------------------------
def _rezip(src: Path, dst: Path, *, change: dict[str, bytes] | None = None, drop: tuple[str, ...] = (),
           add: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in drop:
                continue
            zout.writestr(info.filename, (change or {}).get(info.filename, zin.read(info.filename)))
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return dst


def _manifest(pkg: Path) -> dict:
    with zipfile.ZipFile(pkg) as zf:
        return json.loads(zf.read(MANIFEST))


def truncated(pkg: Path, d: Path) -> Path:
    data = pkg.read_bytes()
    (d / "t.gkml").write_bytes(data[: len(data) // 2])
    return d / "t.gkml"


def damaged(pkg: Path, d: Path) -> Path:
    data = bytearray(pkg.read_bytes())
    with zipfile.ZipFile(pkg) as zf:
        info = zf.getinfo(PAYLOAD)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 100
    for k in range(start, start + 64):   # garble the middle of the compressed catalog.json
        data[k] ^= 0x5A
    (d / "d.gkml").write_bytes(bytes(data))
    return d / "d.gkml"


def edited_payload(pkg: Path, d: Path) -> Path:
    with zipfile.ZipFile(pkg) as zf:
        text = zf.read(PAYLOAD).decode("utf-8").replace("本镇无此项补贴", "本镇无此项补贴（已改）")
    return _rezip(pkg, d / "e.gkml", change={PAYLOAD: text.encode("utf-8")})


def edited_excel(pkg: Path, d: Path) -> Path:
    return _rezip(pkg, d / "x.gkml", change={EXCEL: b"PK\x03\x04 not the exported workbook"})


def edited_manifest_township(pkg: Path, d: Path) -> Path:
    m = _manifest(pkg)
    m["township"] = "乙镇"
    return _rezip(pkg, d / "m.gkml", change={MANIFEST: json.dumps(m, ensure_ascii=False).encode("utf-8")})


def newer_format(pkg: Path, d: Path) -> Path:
    m = _manifest(pkg)
    m["format_version"] = FORMAT_VERSION + 1
    return _rezip(pkg, d / "n.gkml", change={MANIFEST: json.dumps(m).encode("utf-8")})


def missing_member(pkg: Path, d: Path) -> Path:
    return _rezip(pkg, d / "mm.gkml", drop=(EXCEL,))


def other_zip(pkg: Path, d: Path) -> Path:
    with zipfile.ZipFile(d / "o.gkml", "w") as zf:
        zf.writestr("photo.jpg", b"\xff\xd8\xff" + b"x" * 100)
    return d / "o.gkml"


def excel_renamed(pkg: Path, d: Path) -> Path:
    with zipfile.ZipFile(pkg) as zf:
        (d / "xl.gkml").write_bytes(zf.read(EXCEL))
    return d / "xl.gkml"


def text_file(pkg: Path, d: Path) -> Path:
    (d / "a.gkml").write_text("某镇目录：见附件", encoding="utf-8")
    return d / "a.gkml"


def empty_file(pkg: Path, d: Path) -> Path:
    (d / "z.gkml").write_bytes(b"")
    return d / "z.gkml"


def zip_bomb(pkg: Path, d: Path) -> Path:
    # 40 MB of zeros deflate to ~40 KB: refused from the declared size, nothing is inflated
    return _rezip(pkg, d / "b.gkml", change={PAYLOAD: b"0" * (40 * 1024 * 1024)})


def bomb_extra_member(pkg: Path, d: Path) -> Path:
    return _rezip(pkg, d / "b2.gkml", add={"padding.bin": b"\0" * (30 * 1024 * 1024)})


def bad_json(pkg: Path, d: Path) -> Path:
    return _rezip(pkg, d / "j.gkml", change={MANIFEST: b"{not json"})


REFUSALS = [
    (truncated, "不完整"), (damaged, "损坏"), (edited_payload, "被修改过"), (edited_excel, "被修改过"),
    (edited_manifest_township, "不一致"), (newer_format, "更新版本"), (missing_member, "缺少 catalog.xlsx"),
    (other_zip, "没有清单"), (excel_renamed, "这是 Excel 工作簿"), (text_file, "不是目录上报文件"),
    (empty_file, "0 字节"), (zip_bomb, "压缩炸弹"), (bomb_extra_member, "压缩炸弹"),
    (bad_json, "不是有效的 JSON"),
]


@pytest.mark.parametrize("make,words", REFUSALS, ids=[m.__name__ for m, _ in REFUSALS])
def test_refused_with_chinese_message_and_nothing_imported(exported, tmp_path, make, words):
    _, pkg, _ = exported
    bad = make(pkg, tmp_path)
    with pytest.raises(InputError, match=words) as err:
        read_package(bad)
    assert bad.name in str(err.value)             # the message names the file
    cat = rich_catalog(tmp_path / "w")
    before = full_state(cat)
    with pytest.raises(InputError):
        import_catalog_file(cat, bad)
    assert full_state(cat) == before
    cat.close()
