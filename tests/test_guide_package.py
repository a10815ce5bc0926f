"""The county's guide package (.gkmlg): round trip (county imports an official table, exports the package,
a township starts from it with the same IDs and data), every refusal with nothing written, the CLI, and the
completeness keys of `guides --json`."""
from __future__ import annotations

import json
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from catalog.errors import InputError
from catalog.guides.completeness import completeness_of
from catalog.guides.package import (
    FORMAT_VERSION,
    PAYLOAD,
    import_guide_package,
    read_guide_package,
    write_guide_package,
)
from catalog.model import Marks
from catalog.township.profile import Township
from tests.helpers import new_catalog, run_cli

MANIFEST = "manifest.json"
OTHER_TOWN = Township("东湖镇", "某县", "420102002000")


def official_rows(cat) -> list:
    """涉农补贴 as a county's complete official table would give it: the known rows with every √ filled,
    plus one row the shipped data lacks."""
    guide = cat.guides.find("涉农补贴")
    rows = [replace(it.text, marks=Marks(True, False, True, False, True, True)) for it in guide.active_items]
    rows.append(replace(rows[0], level1="农业保险保费补贴", level2="", basis=("《农业保险条例》",)))
    return rows


@pytest.fixture
def package(tmp_path) -> Path:
    county = new_catalog(tmp_path / "county", compile=False)
    try:
        county.import_guide("涉农补贴", official_rows(county), source="某县2024年版",
                            file="某县涉农补贴.xlsx")
        guides = [county.guides.find("涉农补贴"), county.guides.find("社会救助")]
        return write_guide_package(guides, tmp_path / "某县指引包.gkmlg", county="某县")
    finally:
        county.close()


def state(cat) -> tuple:
    return (tuple((g.no, g.version) for g in cat.guides), tuple(map(dict, cat.guide_versions())))


def test_round_trip_township_starts_from_the_county_tables(package, tmp_path):
    pkg = read_guide_package(package)
    assert pkg.county == "某县" and pkg.manifest["issued"] and pkg.manifest["payload_sha256"]
    assert [d["domain"] for d in pkg.manifest["domains"]] == ["涉农补贴", "社会救助"]
    assert pkg.manifest["domains"][0]["unknown_marks"] == 0 and pkg.manifest["domains"][0]["items"] == 6
    town = new_catalog(tmp_path / "town", compile=False, township=OTHER_TOWN)
    try:
        _, imported, unchanged = import_guide_package(town, package)
        assert [g.domain for g in imported] == ["涉农补贴"] and [g.domain for g in unchanged] == ["社会救助"]
        farm = town.guides.find("涉农补贴")
        sent = pkg.guides[0]
        assert [(i.id, i.text) for i in farm.items] == [(i.id, i.text) for i in sent.items]   # same IDs, data
        assert farm.version == 1 and farm.completeness.status == "imported"
        c = completeness_of(farm)
        assert c.kind == "imported" and "某县下发的指引包" in c.source and c.file == package.name
        assert c.known_items == 6 and c.unknown_marks == 0 and c.imported_at
        plan = town.compile(["涉农补贴"])                            # the county's 乡级 √ decide everything
        assert len(plan.added) == 6 and not plan.pending
        # importing the same package again adds nothing
        assert import_guide_package(town, package)[1] == []
    finally:
        town.close()


def _rezip(src: Path, dst: Path, *, change: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, (change or {}).get(info.filename, zin.read(info.filename)))
    return dst


def _manifest(pkg: Path) -> dict:
    with zipfile.ZipFile(pkg) as zf:
        return json.loads(zf.read(MANIFEST))


def tampered(pkg: Path, d: Path) -> Path:
    with zipfile.ZipFile(pkg) as zf:
        text = zf.read(PAYLOAD).decode("utf-8").replace("农业保险保费补贴", "农业保险保费补贴（已改）")
    return _rezip(pkg, d / "e.gkmlg", change={PAYLOAD: text.encode("utf-8")})


def truncated(pkg: Path, d: Path) -> Path:
    data = pkg.read_bytes()
    (d / "t.gkmlg").write_bytes(data[: len(data) // 2])
    return d / "t.gkmlg"


def newer_format(pkg: Path, d: Path) -> Path:
    m = _manifest(pkg)
    m["format_version"] = FORMAT_VERSION + 1
    return _rezip(pkg, d / "n.gkmlg", change={MANIFEST: json.dumps(m).encode("utf-8")})


def catalog_package(pkg: Path, d: Path) -> Path:
    cat = new_catalog(d / "cat", domains=["涉农补贴"])
    try:
        from catalog.exchange.export import export_catalog
        return export_catalog(cat, d / "c.gkmlg", kind="package")
    finally:
        cat.close()


def empty_file(pkg: Path, d: Path) -> Path:
    (d / "z.gkmlg").write_bytes(b"")
    return d / "z.gkmlg"


def not_a_guide(pkg: Path, d: Path) -> Path:
    m = _manifest(pkg)
    m["format"] = "something-else"
    return _rezip(pkg, d / "s.gkmlg", change={MANIFEST: json.dumps(m).encode("utf-8")})


def bad_guide_data(pkg: Path, d: Path) -> Path:
    """Consistent hashes, but a guide without items: the schema refuses it."""
    import hashlib
    with zipfile.ZipFile(pkg) as zf:
        data = json.loads(zf.read(PAYLOAD))
    del data["guides"][0]["items"]
    payload = json.dumps(data, ensure_ascii=False).encode("utf-8")
    m = _manifest(pkg)
    sha = hashlib.sha256(payload).hexdigest()
    m["payload_sha256"] = sha
    m["files"][PAYLOAD] = {"sha256": sha, "size": len(payload)}
    return _rezip(pkg, d / "g.gkmlg", change={PAYLOAD: payload, MANIFEST: json.dumps(m).encode("utf-8")})


REFUSALS = [
    (tampered, "被修改过"), (truncated, "不完整"), (newer_format, "更新版本"),
    (catalog_package, "不是县里下发的指引包"), (not_a_guide, "不是本程序导出的指引包"),
    (empty_file, "0 字节"), (bad_guide_data, "数据不完整"),
]


@pytest.mark.parametrize("make,words", REFUSALS, ids=[m.__name__ for m, _ in REFUSALS])
def test_refused_with_chinese_message_and_nothing_written(package, tmp_path, make, words):
    bad = make(package, tmp_path)
    with pytest.raises(InputError, match=words) as err:
        read_guide_package(bad)
    assert bad.name in str(err.value)
    town = new_catalog(tmp_path / "town", compile=False, township=OTHER_TOWN)
    try:
        before = state(town)
        with pytest.raises(InputError):
            import_guide_package(town, bad)
        assert state(town) == before
    finally:
        town.close()


def test_cli_export_package_import_and_completeness_keys(tmp_path):
    county_db, town_db, out = tmp_path / "county.db", tmp_path / "town.db", tmp_path / "包.gkmlg"
    county = new_catalog(tmp_path / "c", compile=False)
    county.import_guide("涉农补贴", official_rows(county), source="某县2024年版", file="某县涉农补贴.xlsx")
    county.close()
    (tmp_path / "c" / "ws.db").rename(county_db)
    new_catalog(tmp_path / "t", compile=False, township=OTHER_TOWN).close()
    (tmp_path / "t" / "ws.db").rename(town_db)

    before = json.loads(run_cli("guides", "--json").stdout)
    assert set(before[0]) >= {"no", "domain", "slug", "title", "items", "completeness", "completeness_text",
                              "version", "known_items", "unknown_marks", "unknown_township", "source"}
    assert sum(d["known_items"] for d in before) == 214 and sum(d["unknown_township"] for d in before) == 162
    assert before[16]["source"] == {"kind": "shipped", "from": before[16]["source"]["from"], "at": None,
                                    "file": None}

    done = run_cli("--db", str(county_db), "guides", "export-package", str(out), "--domains", "涉农补贴")
    assert done.returncode == 0 and out.exists()
    got = run_cli("--db", str(town_db), "guides", "import", str(out), "--json")
    assert got.returncode == 0
    report = json.loads(got.stdout)
    assert report["package"]["county"] == "某县" and report["imported"][0]["unknown_marks"] == 0
    farm = json.loads(run_cli("--db", str(town_db), "guides", "--json").stdout)[16]
    assert farm["source"]["kind"] == "imported" and "某县" in farm["source"]["from"] and farm["source"]["at"]
    assert farm["known_items"] == 6 and farm["unknown_marks"] == 0 and farm["completeness"] == "imported"
    refused = run_cli("--db", str(town_db), "guides", "import", str(tmp_path / "missing.gkmlg"))
    assert refused.returncode == 2
