"""Catalog → ExportDoc decisions, notes, file names, and the Excel round trip through the one reader."""
from __future__ import annotations

from datetime import date

import pytest
from export_helpers import LOCAL_TEXT, normalized_items, rich_catalog
from helpers import TOWNSHIP, shipped

from catalog.exchange.catalog_import import import_catalog_file
from catalog.exchange.export import default_filename, export_catalog, safe_filename
from catalog.exchange.source import NoteMeaning, catalog_doc, item_note, load_source, parse_note
from catalog.township.commands import EditItem
from catalog.township.items import ADOPTED, NOT_APPLICABLE, PENDING_LEVEL
from catalog.township.service import TownshipCatalog


@pytest.fixture
def cat(tmp_path):
    c = rich_catalog(tmp_path / "src")
    yield c
    c.close()


def test_doc_title_subtitle_and_not_involved(cat):
    doc = catalog_doc(cat)
    assert doc.title == f"某镇政务公开事项标准目录（{date.today().year}年版）"
    assert "420102001000" in doc.subtitle and "工作稿" in doc.subtitle
    assert doc.not_involved == (("税收管理", "本镇不设税务机构，税收事项由县税务局负责"),)
    assert "税收管理" not in [d.name for d in doc.domains]
    farm = next(d for d in doc.domains if d.name == "涉农补贴")
    assert farm.domain_code == "17"
    assert [r.seq for r in farm.rows] == list(range(1, len(farm.rows) + 1))
    notes = [r.note for r in farm.rows]
    assert "不适用：本镇无此项补贴" in notes
    assert notes[-1] == "本地自定事项" and farm.rows[-1].text == LOCAL_TEXT


def test_omit_na_leaves_out_not_applicable_items(cat):
    full = catalog_doc(cat)
    public = catalog_doc(cat, include_na=False)
    assert public.row_count == full.row_count - 1
    assert not any(r.note.startswith("不适用") for d in public.domains for r in d.rows)


def test_title_year_setting_and_published_version(cat):
    cat.ws.set_setting("title_year", "2027")
    cat.publish("第一版")
    farm = cat.items(cat.guides.find("涉农补贴").no)
    cat.do(EditItem(farm[1].uid, {"level2": "改过的名称"}))
    doc = catalog_doc(cat, 1)
    assert doc.title.endswith("（2027年版）") and "第1版" in doc.subtitle
    names = [r.text.level2 for d in doc.domains for r in d.rows]
    assert "改过的名称" not in names
    assert "改过的名称" in [r.text.level2 for d in catalog_doc(cat).domains for r in d.rows]


@pytest.mark.parametrize("item", [
    {"status": ADOPTED},
    {"status": PENDING_LEVEL},
    {"status": NOT_APPLICABLE, "na_reason": "本镇无此业务；已并入县级"},
    {"status": NOT_APPLICABLE, "na_reason": "无", "local": True},
    {"status": PENDING_LEVEL, "local": True},
])
def test_note_round_trip(item):
    meaning = parse_note(item_note(item))
    assert (meaning.status, meaning.na_reason, meaning.local) == \
        (item["status"], item.get("na_reason", ""), item.get("local", False))


def test_note_variants_from_hand_made_tables():
    assert parse_note("不适用（本镇无林场）") == NoteMeaning(NOT_APPLICABLE, "本镇无林场")
    assert parse_note("不适用") == NoteMeaning(NOT_APPLICABLE, "")
    assert parse_note("本地事项；不适用:无") == NoteMeaning(NOT_APPLICABLE, "无", True)
    assert parse_note("每年更新一次") == NoteMeaning(ADOPTED, "", False, "每年更新一次")


def test_default_filename_has_township_version_date(cat):
    src = load_source(cat)
    assert default_filename(src, "xlsx",
                            today=date(2026, 11, 22)) == "某镇政务公开事项标准目录_工作稿_20261122.xlsx"
    cat.publish()
    assert default_filename(load_source(cat, 1), "package",
                            today=date(2026, 1, 2)).endswith("_第1版_20260102.gkml")
    assert safe_filename('a/b:c*?"<>|. ') == "a_b_c_"


def test_export_into_folder_uses_default_name(cat, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    path = export_catalog(cat, out, kind="xlsx")
    assert path.parent == out and path.name.startswith("某镇政务公开事项标准目录_工作稿_")


def test_xlsx_round_trip_keeps_every_column(cat, tmp_path):
    """export xlsx → import into another workspace: texts, tri-state marks, channels, statuses, 不涉及."""
    path = export_catalog(cat, tmp_path / "目录.xlsx", kind="xlsx")
    other = TownshipCatalog.open(tmp_path / "other.db", shipped())
    other.save_township(TOWNSHIP)
    summary = import_catalog_file(other, path)
    assert summary.problems == [] and summary.applied
    tax = cat.guides.find("税收管理").no
    expected = [x for x in normalized_items(cat) if x[0] != tax]   # a 不涉及 domain has no sheet
    assert normalized_items(other) == expected
    assert other.domain_choices()[tax] == (False, "本镇不设税务机构，税收事项由县税务局负责")
    local = [i for i in other.items() if i.local]
    assert [i.text for i in local] == [LOCAL_TEXT]
    na = [i for i in other.items() if i.status == NOT_APPLICABLE]
    assert [(i.na_reason, i.guide_item_id is not None) for i in na] == [("本镇无此项补贴", True)]
    # guide rows are matched back to their guide items by name
    assert {i.uid for i in other.items() if not i.local} == {i.uid for i in cat.items()
                                                           if i.domain_no != tax and not i.local}
    other.close()


def test_xlsx_formula_like_text_stays_text(cat, tmp_path):
    from openpyxl import load_workbook
    path = export_catalog(cat, tmp_path / "x.xlsx", kind="xlsx")
    wb = load_workbook(path)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@"))]
    assert {c.value for c in cells} >= {"=本地事项", "+村级议事"}
    assert all(c.data_type == "s" for c in cells)


def test_pdf_export(cat, tmp_path):
    from pypdf import PdfReader
    path = export_catalog(cat, tmp_path / "x.pdf", kind="pdf")
    reader = PdfReader(str(path))
    assert len(reader.pages) > 5
    assert "第 1 页" in reader.pages[0].extract_text()
