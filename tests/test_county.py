"""County mode: a folder of mixed township files, newer versions replacing older ones, bad files reported."""
from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

import pytest
from export_helpers import rich_catalog
from helpers import new_catalog, shipped

from catalog.county.workspace import ARCHIVED, DUPLICATE, FAILED, IGNORED, IMPORTED, REPLACED, CountyWorkspace
from catalog.errors import Cancelled, WorkspaceError
from catalog.exchange.export import export_catalog
from catalog.township.commands import EditItem
from catalog.township.profile import Township

JIA = Township("甲镇", "某县", "420102001000")
YI = Township("乙镇", "某县", "420102002000")


def hand_made_xlsx(path: Path, *, title: str = "丙镇政务公开事项标准目录（2026年版）") -> Path:
    """A table typed by hand: one header row, no 公开层级 columns, one mark nobody can read (row 5, col I)."""
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = "涉农补贴"
    ws.append([title])
    ws["A1"].data_type = "s"          # a title starting with = stays text in the source file too
    ws.append(["序号", "一级事项", "二级事项", "公开内容", "公开依据", "公开时限", "公开主体", "公开渠道",
               "全社会", "特定群体", "主动", "依申请"])
    ws.append([1, "政策文件", "补贴政策", "补贴政策文件", "《某补贴办法》", "信息形成之日起20个工作日内",
               "丙镇人民政府", "政府网站、村公示栏", "√", "", "√", ""])
    ws.append([2, "补贴对象", "耕地地力保护补贴", "补贴对象、标准", "《某补贴办法》", "发放后10个工作日内",
               "丙镇人民政府", "村公示栏", "", "√", "√", ""])
    ws.append([3, "补贴结果", "本镇自定事项", "发放结果", "《某补贴办法》", "发放后10个工作日内",
               "丙镇人民政府", "村公示栏", "大概", "√", "√", ""])
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """Township files: 甲镇 v1 and v2 packages, 乙镇 Excel, 丙镇 hand-made Excel, and bad ones."""
    d = tmp_path_factory.mktemp("county")
    jia = rich_catalog(d / "jia", township=JIA)
    jia.publish("v1")
    v1 = export_catalog(jia, d / "jia-v1.gkml", kind="package", version=1)
    item = jia.items(jia.guides.find("涉农补贴").no)[1]
    jia.do(EditItem(item.uid, {"status": "na", "na_reason": "本镇已无此类补贴"}))
    jia.publish("v2")
    v2 = export_catalog(jia, d / "jia-v2.gkml", kind="package", version=2)
    jia.close()
    yi = new_catalog(d / "yi", township=YI)
    yi_xlsx = export_catalog(yi, d / "yi.xlsx", kind="xlsx")
    yi.close()
    bing = hand_made_xlsx(d / "bing.xlsx")
    return {"v1": v1, "v2": v2, "yi": yi_xlsx, "bing": bing}


def folder(tmp_path: Path, *sources: Path, extra: dict[str, bytes] | None = None) -> Path:
    out = tmp_path / "in"
    out.mkdir(parents=True, exist_ok=True)
    for s in sources:
        (out / s.name).write_bytes(s.read_bytes())
    for name, data in (extra or {}).items():
        (out / name).write_bytes(data)
    return out


@pytest.fixture
def county(tmp_path):
    cw = CountyWorkspace.open(tmp_path / "county.db", shipped())
    yield cw
    cw.close()


def by_file(report) -> dict:
    return {f.file: f for f in report.files}


def test_mixed_folder_bad_files_reported_without_stopping(county, files, tmp_path):
    from openpyxl import Workbook
    wb = Workbook()
    wb.active.append(["姓名", "金额"])
    wb.save(tmp_path / "not-a-table.xlsx")
    broken = files["v1"].read_bytes()[:3000]
    src = folder(tmp_path, files["v1"], files["yi"], files["bing"], tmp_path / "not-a-table.xlsx",
                 extra={"broken.gkml": broken, "说明.docx": b"PK\x03\x04", "~$yi.xlsx": b"lock",
                        "renamed-package.xlsx": files["v2"].read_bytes()})
    rep = county.import_folder(src)
    r = by_file(rep)
    assert r["jia-v1.gkml"].status == IMPORTED and r["jia-v1.gkml"].code == "420102001000"
    assert r["yi.xlsx"].status == IMPORTED and r["yi.xlsx"].code == "420102002000"
    assert r["bing.xlsx"].status == IMPORTED and r["bing.xlsx"].township == "丙镇"
    assert r["broken.gkml"].status == FAILED and "不完整" in r["broken.gkml"].message
    assert r["not-a-table.xlsx"].status == FAILED and "表头" in r["not-a-table.xlsx"].message
    assert r["renamed-package.xlsx"].kind == "package"     # judged by content, not by name
    assert r["说明.docx"].status == IGNORED and r["~$yi.xlsx"].status == IGNORED
    # the cell nobody can read is reported with file, sheet, row and column, not guessed
    lines = r["bing.xlsx"].problems
    assert any("bing.xlsx" in x and "涉农补贴" in x and "第 5 行" in x and "I" in x for x in lines), lines
    assert rep.needs_attention
    assert r["jia-v1.gkml"].status == IMPORTED and r["renamed-package.xlsx"].status in (REPLACED, ARCHIVED)
    names = [t.name for t in county.overview().rows]
    assert names == ["甲镇", "乙镇", "丙镇"]         # by 区划代码, townships without a code last


def test_hand_made_rows_map_to_guide_items_by_name(county, files, tmp_path):
    county.import_folder(folder(tmp_path, files["bing"]))
    t = county.townships()[0]
    snap = county.snapshot(t["import_id"])
    guide = shipped().find("涉农补贴")
    names = {(gi.text.level1, gi.text.level2): gi.id for gi in guide.items}
    for it in snap["items"]:
        expected = names.get((it["level1"], it["level2"]))
        assert it["guide_item_id"] == expected and it["local"] == (expected is None)
    assert snap["items"][2]["public"] is None       # 大概 → unknown, never guessed


def test_newer_version_replaces_older_and_history_is_kept(county, files, tmp_path):
    assert by_file(county.import_folder(folder(tmp_path, files["v1"])))["jia-v1.gkml"].status == IMPORTED
    rep = county.import_folder(folder(tmp_path / "b", files["v2"]))
    assert by_file(rep)["jia-v2.gkml"].status == REPLACED
    rows = county.overview().rows
    assert len(rows) == 1 and rows[0].catalog_version == 2
    farm = rows[0].cell(shipped().find("涉农补贴").no)
    assert farm.na == 2                            # v2 marked one more item 不适用
    hist = county.history()
    assert [(h["catalog_version"], h["status"]) for h in hist] == [(2, "current"), (1, "superseded")]
    # the same file again is skipped; v1 exported anew later is older than v2: history only
    assert by_file(county.import_folder(folder(tmp_path / "c",
                                               files["v2"])))["jia-v2.gkml"].status == DUPLICATE
    again = tmp_path / "jia-v1-again.gkml"
    with zipfile.ZipFile(files["v1"]) as zin, zipfile.ZipFile(again, "w") as zout:
        for info in zin.infolist():   # same members, new zip dates: another file of the same v1
            zout.writestr(zipfile.ZipInfo(info.filename, (2030, 1, 1, 0, 0, 0)), zin.read(info.filename))
    os.utime(again, (time.time() + 60, time.time() + 60))
    res = by_file(county.import_folder(folder(tmp_path / "d", again)))["jia-v1-again.gkml"]
    assert res.status == ARCHIVED and "更新" in res.message
    assert [h["status"] for h in county.history()].count("older") == 1
    assert county.overview().rows[0].catalog_version == 2


def test_same_folder_with_two_versions_keeps_the_newer(county, files, tmp_path):
    rep = county.import_folder(folder(tmp_path, files["v2"], files["v1"]))
    r = by_file(rep)
    assert {r["jia-v1.gkml"].status, r["jia-v2.gkml"].status} <= {IMPORTED, REPLACED, ARCHIVED}
    assert county.overview().rows[0].catalog_version == 2
    assert len(county.history()) == 2


def test_excel_then_package_of_same_township_is_one_township(county, files, tmp_path):
    """A township first known from an Excel without 区划代码 joins its package by name."""
    jia_xlsx = hand_made_xlsx(tmp_path / "jia-hand.xlsx", title="甲镇政务公开事项标准目录（2026年版）")
    county.import_folder(folder(tmp_path, jia_xlsx))
    assert county.townships()[0]["key"] == "name:甲镇"
    county.import_folder(folder(tmp_path / "b", files["v1"]))
    rows = county.townships()
    assert [(r["key"], r["name"]) for r in rows] == [("420102001000", "甲镇")]
    assert len(county.history()) == 2


def test_excel_and_package_of_one_export_count_once(county, tmp_path):
    cat = rich_catalog(tmp_path / "w", township=JIA)
    pkg = export_catalog(cat, tmp_path / "a.gkml", kind="package")
    xlsx = export_catalog(cat, tmp_path / "a.xlsx", kind="xlsx")
    cat.close()
    r = by_file(county.import_folder(folder(tmp_path, pkg, xlsx)))
    assert (r["a.gkml"].status, r["a.xlsx"].status) == (IMPORTED, DUPLICATE)
    assert county.townships()[0]["kind"] == "package"


def test_overview_counts_and_errors(county, files, tmp_path):
    county.import_folder(folder(tmp_path, files["v1"]))
    row = county.overview().rows[0]
    g = shipped()
    tax = row.cell(g.find("税收管理").no)
    assert tax.state == "不涉及" and "税务" in tax.reason and tax.adopted == 0
    farm = row.cell(g.find("涉农补贴").no)
    assert (farm.na, farm.local) == (1, 1)
    assert row.totals["items"] == sum(c.items for c in row.cells)
    checked = row.totals["errors"] is not None
    assert all((c.errors is not None) == checked for c in row.cells)
    js = county.overview().to_json()
    assert set(js) == {"domains", "townships", "domain_totals"} and len(js["domains"]) == 26


def test_cancel_leaves_nothing(county, files, tmp_path):
    src = folder(tmp_path, files["v1"], files["yi"], files["bing"])
    calls = []

    def progress(done, total):
        calls.append((done, total))
        return done < 2

    with pytest.raises(Cancelled):
        county.import_folder(src, progress=progress)
    assert county.townships() == [] and county.history() == []
    assert calls[0] == (0, 3)


def test_summary_workbook(county, files, tmp_path):
    from openpyxl import load_workbook
    county.import_folder(folder(tmp_path, files["v1"], files["yi"], files["bing"]))
    out = county.write_summary(tmp_path / "summary.xlsx")
    wb = load_workbook(out)
    assert wb.sheetnames == ["乡镇汇总", "纳入事项", "不适用", "错误", "领域合计", "导入问题", "导入历史"]
    ws = wb["乡镇汇总"]
    assert ws["B2"].value == "乡镇（街道）" and ws.freeze_panes == "A3"
    assert (ws["B2"].font.name, ws["B2"].font.b, ws["B3"].font.name) == ("黑体", True, "宋体")
    assert ws["B3"].border.left.style == "thin" and ws["B2"].fill.fgColor.rgb.endswith("E7E6E6")
    assert [ws.cell(r, 2).value for r in range(3, 6)] == ["甲镇", "乙镇", "丙镇"]
    assert ws.print_title_rows in ("$2:$2", "2:2") and ws.auto_filter.ref == "A2:O5"
    matrix = wb["纳入事项"]
    header = [c.value for c in matrix[2]]
    assert header[:3] == ["乡镇（街道）", "区划代码", "重大建设项目"] and matrix.freeze_panes == "C3"
    g = shipped()
    tax_col, farm_col = header.index("税收管理") + 1, header.index("涉农补贴") + 1
    assert matrix.cell(3, tax_col).value == "不涉及"
    overview = county.overview()
    farm = overview.rows[0].cell(g.find("涉农补贴").no)
    assert matrix.cell(3, farm_col).value == farm.adopted + farm.pending
    assert wb["不适用"].cell(3, farm_col).value == farm.na == 1
    errors = wb["错误"].cell(3, farm_col).value
    assert errors == (farm.errors if farm.errors is not None else "未检查")
    problems = [r[3].value for r in wb["导入问题"].iter_rows(min_row=3)]
    assert any("第 5 行" in p for p in problems)


def test_formula_like_names_stay_text_in_summary(county, tmp_path):
    from openpyxl import load_workbook
    p = hand_made_xlsx(tmp_path / "x.xlsx", title="=HYPERLINK(1)镇政务公开事项标准目录")
    county.import_folder(folder(tmp_path, p))
    wb = load_workbook(county.write_summary(tmp_path / "s.xlsx"))
    cell = wb["乡镇汇总"]["B3"]
    assert cell.value.startswith("=HYPERLINK") and cell.data_type == "s"


def test_township_workspace_is_not_a_county_workspace(tmp_path):
    cat = new_catalog(tmp_path, compile=False)
    cat.close()
    with pytest.raises(WorkspaceError, match="乡镇工作区"):
        CountyWorkspace.open(tmp_path / "ws.db", shipped())


def test_worker_processes_give_the_same_result(files, tmp_path):
    src = folder(tmp_path, files["v1"], files["yi"], files["bing"], extra={"broken.gkml": b"PK\x03\x04x"})
    results = []
    for workers in (1, 2):
        with CountyWorkspace.open(tmp_path / f"c{workers}.db", shipped()) as cw:
            rep = cw.import_folder(src, workers=workers)
            results.append(([f.to_json() for f in rep.files], cw.overview().to_json()["townships"]))
    strip = [[{k: v for k, v in t.items() if k != "imported_at"} for t in r[1]] for r in results]
    assert results[0][0] == results[1][0] and strip[0] == strip[1]


def test_falls_back_to_one_process_when_workers_cannot_start(files, tmp_path, monkeypatch):
    from concurrent.futures.process import BrokenProcessPool

    from catalog.county import parse

    def broken(*a, **k):
        raise BrokenProcessPool("no workers in this build")

    monkeypatch.setattr(parse, "_parallel", broken)
    with CountyWorkspace.open(tmp_path / "c.db", shipped()) as cw:
        rep = cw.import_folder(folder(tmp_path, files["v1"], files["yi"]), workers=2)
    assert rep.count(IMPORTED) == 2


@pytest.mark.parametrize("title,file,expected", [
    ("某县某镇政务公开事项标准目录（2026年版）", "a.xlsx", ("某镇", "某县")),
    ("某市某县城关镇基层政务公开标准目录", "a.xlsx", ("城关镇", "某市某县")),
    ("新市镇政务公开事项标准目录", "a.xlsx", ("新市镇", "")),
    ("", "红旗镇政务公开目录_2026.xlsx", ("红旗镇", "")),
    ("", "红旗镇_目录.xlsx", ("红旗镇", "")),
])
def test_township_from_title_or_file_name(title, file, expected):
    from catalog.exchange.catalog_files import table_township
    from catalog.stdtable.model import ReadResult
    t = table_township(ReadResult(file=file, title=title, subtitle="区划代码：420102001000" if title else ""))
    assert (t["name"], t["county"]) == expected
    assert t["code"] == ("420102001000" if title else "")


def test_hostile_excel_is_refused_and_the_others_go_on(county, files, tmp_path):
    """An XML entity attack inside an .xlsx fails that file only; a zip bomb too."""
    evil = tmp_path / "evil.xlsx"
    with zipfile.ZipFile(files["bing"]) as zin, zipfile.ZipFile(evil, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>' + data
            zout.writestr(info, data)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(files["bing"]) as zin, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info.filename))
        zout.writestr("xl/media/pad.bin", b"\0" * (8 * 1024 * 1024))   # ~1000:1
    r = by_file(county.import_folder(folder(tmp_path, evil, bomb, files["v1"])))
    assert r["evil.xlsx"].status == FAILED and "ENTITY" in r["evil.xlsx"].message
    assert r["bomb.xlsx"].status == FAILED and "压缩炸弹" in r["bomb.xlsx"].message
    assert r["jia-v1.gkml"].status == IMPORTED
