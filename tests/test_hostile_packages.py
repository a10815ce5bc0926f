"""Issue 13 #7: packages with a recomputed SHA-256 and malformed content are refused on both import paths,
never crash a county run, and a township whose name and 区划代码 disagree with the held one is flagged."""
from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from export_helpers import rich_catalog
from helpers import shipped

from catalog.county.workspace import FAILED, IMPORTED, CountyWorkspace
from catalog.errors import InputError
from catalog.exchange.catalog_import import import_catalog_file
from catalog.exchange.export import export_catalog
from catalog.exchange.package import MANIFEST, PAYLOAD, read_package
from catalog.township.profile import Township


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("hp")
    cat = rich_catalog(d / "src")
    cat.publish("上报")
    pkg = export_catalog(cat, d / "某镇.gkml", kind="package")
    cat.close()
    return pkg


def recomputed(pkg: Path, out: Path, payload: bytes | None = None, *, manifest_edit=None) -> Path:
    """The package with catalog.json replaced and every checksum recomputed, as an editor would."""
    with zipfile.ZipFile(pkg) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(members[MANIFEST])
    if payload is not None:
        members[PAYLOAD] = payload
        sha = hashlib.sha256(payload).hexdigest()
        manifest["payload_sha256"] = sha
        manifest["files"][PAYLOAD] = {"sha256": sha, "size": len(payload)}
    if manifest_edit:
        manifest_edit(manifest)
    members[MANIFEST] = json.dumps(manifest, ensure_ascii=False).encode("utf-8")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, b in members.items():
            zf.writestr(n, b)
    return out


def _catalog(pkg: Path) -> dict:
    with zipfile.ZipFile(pkg) as zf:
        return json.loads(zf.read(PAYLOAD))


def _edit_item(field, value):
    def edit(c):
        c["snapshot"]["items"][0][field] = value
    return edit




HOSTILE = {
    "content_5": _edit_item("content", 5),
    "level1_list": _edit_item("level1", ["a"]),
    "domain_no_string": _edit_item("domain_no", "17"),
    "domain_no_huge": _edit_item("domain_no", 10 ** 30),
    "domain_no_bool": _edit_item("domain_no", True),
    "status_unknown": _edit_item("status", "deleted"),
    "uid_empty": _edit_item("uid", ""),
    "bad_key": _edit_item("<script>", "x"),
    "marks_string": _edit_item("public", "√"),
    "text_huge": _edit_item("content", ["x" * 100_000]),
    "items_not_list": lambda c: c["snapshot"].__setitem__("items", {"a": 1}),
    "items_of_ints": lambda c: c["snapshot"].__setitem__("items", [1, 2, 3]),
    "domains_list": lambda c: c["snapshot"].__setitem__("domains", [1]),
    "domain_applies_str": lambda c: c["snapshot"]["domains"].__setitem__("5", {"name": "x", "applies": "no"}),
    "township_name_number": lambda c: c["snapshot"]["township"].__setitem__("name", 5),
    "version_no_negative": lambda c: c.__setitem__("version", {"no": -1}),
    "version_string": lambda c: c.__setitem__("version", "v1"),
    "title_year_float": lambda c: c.__setitem__("title_year", 2026.5),
    "snapshot_missing": lambda c: c.pop("snapshot"),
}
RAW = {
    "nested_50000": b'{"format": "gkml-catalog", "x": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
    "nested_100": b'{"format": "gkml-catalog", "x": ' + b"[" * 100 + b"]" * 100 + b"}",
    "nan": b'{"format": "gkml-catalog", "title_year": NaN}',
    "infinity": b'{"format": "gkml-catalog", "title_year": -Infinity}',
    "overflow_float": b'{"format": "gkml-catalog", "title_year": 1e999}',   # parses to inf, not a constant
    "huge_int": b'{"format": "gkml-catalog", "title_year": ' + b"9" * 10_000 + b"}",
    "not_utf8": b'{"format": "\xff\xfe"}',
    "array_top": b"[1, 2, 3]",
}


def build(pkg: Path, out: Path, name: str) -> Path:
    if name in RAW:
        return recomputed(pkg, out, RAW[name])
    catalog = _catalog(pkg)
    HOSTILE[name](catalog)
    return recomputed(pkg, out, json.dumps(catalog, ensure_ascii=False).encode("utf-8"))


@pytest.mark.parametrize("name", sorted(HOSTILE) + sorted(RAW))
def test_recomputed_checksum_with_malformed_content_is_refused(package, tmp_path, name):
    bad = build(package, tmp_path / f"{name}.gkml", name)
    with pytest.raises(InputError) as err:
        read_package(bad)
    assert bad.name in str(err.value) and "Traceback" not in str(err.value)
    cat = rich_catalog(tmp_path / "w")
    try:
        with pytest.raises(InputError):
            import_catalog_file(cat, bad)
    finally:
        cat.close()


@pytest.mark.parametrize("edit", [
    lambda m: m.__setitem__("catalog_version", "1; drop table"),
    lambda m: m.__setitem__("township", ["某镇"]),
    lambda m: m.__setitem__("exported_at", 10 ** 40),
])
def test_malformed_manifest_fields_are_refused(package, tmp_path, edit):
    bad = recomputed(package, tmp_path / "m.gkml", manifest_edit=edit)
    with pytest.raises(InputError, match=r"m\.gkml"):
        read_package(bad)


def test_county_run_skips_every_crafted_package_and_imports_the_good_one(package, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    names = sorted(HOSTILE) + sorted(RAW)
    for name in names:
        build(package, src / f"{name}.gkml", name)
    (src / "good.gkml").write_bytes(package.read_bytes())
    with CountyWorkspace.open(tmp_path / "county.db", shipped()) as cw:
        rep = cw.import_folder(src)
    status = {f.file: f.status for f in rep.files}
    assert status.pop("good.gkml") == IMPORTED
    assert set(status.values()) == {FAILED} and len(status) == len(names)


def test_county_flags_a_township_whose_name_and_code_disagree_with_the_held_one(package, tmp_path):
    d = tmp_path / "other"
    cat = rich_catalog(d, township=Township("冒名镇", "某县", "420102001000"))   # same 区划代码, other name
    cat.publish("v1")
    impostor = export_catalog(cat, tmp_path / "冒名.gkml", kind="package", version=1)
    cat.close()
    with CountyWorkspace.open(tmp_path / "county.db", shipped()) as cw:
        cw.import_files([package])
        rep = cw.import_files([impostor])
    [result] = rep.files
    flagged = [line for line in result.problems if "420102001000" in line and "某镇" in line]
    assert flagged and "核实文件来源" in flagged[0]
    assert rep.needs_attention


def test_docs_say_what_the_hash_does_not_guarantee():
    root = Path(__file__).resolve().parent.parent
    for doc in ("README.md", "docs/EXPORT.md"):
        text = (root / doc).read_text(encoding="utf-8")
        assert "不是数字签名" in text, doc
    with zipfile.ZipFile(export_readme()) as zf:
        assert "不是数字签名" in zf.read("说明.txt").decode("utf-8")


def export_readme() -> Path:
    import tempfile
    d = Path(tempfile.mkdtemp())
    cat = rich_catalog(d / "w")
    try:
        return export_catalog(cat, d / "x.gkml", kind="package")
    finally:
        cat.close()
