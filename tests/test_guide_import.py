"""Official guide tables through the one reader: export → import round trip, re-import with changes, CLI."""
from __future__ import annotations

import json

import pytest

from catalog.errors import KnownError
from catalog.guides.importer import export_guide, import_guide_file
from tests.helpers import new_catalog, shipped
from tests.test_cli_guides import run_cli


def column_of(ws, header: str) -> int:
    for row in ws.iter_rows(min_row=1, max_row=6):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.replace("\n", "").startswith(header):
                return cell.column
    raise AssertionError(header)


def test_export_then_import_round_trips_unchanged(tmp_path):
    original = shipped().find("社会救助")
    path = export_guide(original, tmp_path / "社会救助.xlsx")
    cat = new_catalog(tmp_path, compile=False)
    try:
        result = import_guide_file(cat, path, source="回读")
        (new,) = result.imported
        assert [(i.id, i.text) for i in new.active_items] == [(i.id, i.text) for i in original.active_items]
        assert new.completeness.status == "imported"
        # and exporting the imported version gives the same table again
        again = import_guide_file(cat, export_guide(new, tmp_path / "again.xlsx"),
                                  source="再回读").imported[0]
        assert [(i.id, i.text) for i in again.active_items] == [(i.id, i.text) for i in original.active_items]
    finally:
        cat.close()


def test_reimport_with_row_added_removed_changed_keeps_ids(tmp_path):
    from openpyxl import load_workbook
    original = shipped().find("涉农补贴")
    path = export_guide(original, tmp_path / "g.xlsx")
    wb = load_workbook(path)
    ws = wb[next(n for n in wb.sheetnames if "涉农补贴" in n)]
    data_rows = [r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value or "").strip().isdigit()]
    _first, second, third = data_rows[:3]
    ws.cell(third, column_of(ws, "公开时限")).value = "每季度"     # change the third item
    ws.insert_rows(data_rows[-1] + 1)
    for col in range(1, ws.max_column + 1):              # a new row: copy the last row, rename it
        ws.cell(data_rows[-1] + 1, col).value = ws.cell(data_rows[-1], col).value
    ws.cell(data_rows[-1] + 1, 1).value = len(data_rows) + 1
    ws.cell(data_rows[-1] + 1, 2).value = "农业保险保费补贴"
    ws.cell(data_rows[-1] + 1, 3).value = "中央财政农业保险保费补贴"
    ws.delete_rows(second)                               # remove the second item
    wb.save(path)
    cat = new_catalog(tmp_path, domains=["涉农补贴"])
    try:
        (new,) = import_guide_file(cat, path, domain="涉农补贴").imported
        ids = {i.id: i for i in new.items}
        assert ids["17-002"].withdrawn
        assert ids["17-003"].text.time_limit == "每季度"
        assert ids["17-001"].text == original.item("17-001").text
        added = [i for i in new.active_items if i.id not in {o.id for o in original.items}]
        assert [(i.id, i.level1) for i in added] == [("17-006", "农业保险保费补贴")]
    finally:
        cat.close()


def test_file_with_unreadable_cells_is_refused_whole(tmp_path):
    from openpyxl import load_workbook
    path = export_guide(shipped().find("涉农补贴"), tmp_path / "g.xlsx")
    wb = load_workbook(path)
    ws = wb[next(n for n in wb.sheetnames if "涉农补贴" in n)]
    row = next(r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value or "").strip() == "1")
    ws.cell(row, column_of(ws, "公开对象")).value = "大概吧"       # a √ column with nonsense
    wb.save(path)
    cat = new_catalog(tmp_path, compile=False)
    try:
        with pytest.raises(KnownError) as err:
            import_guide_file(cat, path)
        assert "无法识别" in str(err.value) and f"第 {row} 行" in str(err.value)
        assert cat.guide_versions() == []
    finally:
        cat.close()


def test_cli_import_diff_accept(tmp_path):
    db = str(tmp_path / "w.db")
    run_cli("--db", db, "init", "--township", "某镇", "--county", "某县", "--code", "420102001000")
    run_cli("--db", db, "compile", "--domains", "涉农补贴")
    out = tmp_path / "g.xlsx"
    assert run_cli("guides", "export", "涉农补贴", str(out)).returncode == 0
    from openpyxl import load_workbook
    wb = load_workbook(out)
    ws = wb[next(n for n in wb.sheetnames if "涉农补贴" in n)]
    row = next(r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value or "").strip() == "1")
    ws.cell(row, column_of(ws, "公开时限")).value = "每月"
    wb.save(out)
    r = run_cli("--db", db, "guides", "import", str(out), "--source", "湖北省2020年版", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["imported"][0]["version"] == 1
    listing = json.loads(run_cli("--db", db, "guides", "--json").stdout)
    assert next(d for d in listing if d["no"] == 17)["completeness"] == "imported"
    diff = json.loads(run_cli("--db", db, "guides", "diff", "涉农补贴", "--json").stdout)
    assert [c["uid"] for c in diff["changes"]] == ["17-001"]
    assert diff["changes"][0]["fields"][0]["field"] == "time_limit"
    assert run_cli("--db", db, "guides", "accept", "涉农补贴", "--item", "17-001").returncode == 0
    assert json.loads(run_cli("--db", db, "guides", "diff", "涉农补贴", "--json").stdout)["changes"] == []
    shown = json.loads(run_cli("--db", db, "show", "--json").stdout)
    assert next(i for i in shown["items"] if i["uid"] == "17-001")["time_limit"] == "每月"
