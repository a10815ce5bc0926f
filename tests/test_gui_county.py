"""县级汇总 page: a folder of township files imported through the page, the coloured matrix, drill-down,
summary workbook, and .gkml files dropped on the window."""
from __future__ import annotations

import pytest
from export_helpers import rich_catalog
from gui_page_helpers import Recorder, drag_enter, drop
from PySide6.QtCore import Qt

from catalog.exchange.export import export_catalog
from catalog.township.profile import Township
from gui import filedialogs
from gui import settings as S
from gui.main_window import MainWindow
from gui.pages.county.coverage import COLORS, ERROR_BG, UNCHECKED_BG, CellRole
from gui.pages.county.view import CountyPage
from gui.pages.registry import registered_pages

pytestmark = pytest.mark.gui

OTHER = Township("东镇", "某县", "420102002000", supervise_phone="027-1")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """Two townships' .gkml files (one with a 不涉及 domain and a 不适用 item)."""
    base = tmp_path_factory.mktemp("county")
    out = base / "报送"
    out.mkdir()
    for name, township in (("a", None), ("b", OTHER)):
        cat = rich_catalog(base / name) if township is None else rich_catalog(base / name, township)
        export_catalog(cat, out, kind="package")
        cat.close()
    return out


@pytest.fixture
def page(qtbot, app_context, gui_settings, tmp_path):
    gui_settings.set(S.COUNTY_WORKSPACE, str(tmp_path / "county.gkml.db"))
    p = CountyPage(app_context)
    qtbot.addWidget(p)
    p.resize(1200, 760)
    p.show()
    p.page_shown()
    return p


def column_of(model, domain: str) -> int:
    return next(c for c in range(model.columnCount()) if (model.domain_at(c) or (0, ""))[1] == domain)


def test_folder_import_fills_the_matrix(qtbot, page, folder, monkeypatch):
    assert page.model.rowCount() == 0 and "还没有导入" in page.counts.text()
    monkeypatch.setattr(filedialogs, "ask_folder", Recorder(folder))
    qtbot.mouseClick(page.import_folder_button, Qt.MouseButton.LeftButton)
    model = page.model
    assert model.rowCount() == 2 and model.columnCount() == 3 + 26
    assert [model.township(r).name for r in range(2)] == ["某镇", "东镇"]
    assert [f.status for f in page.report.files] == ["imported", "imported"]
    assert page.result_model.rowCount() == 2 and "2 个乡镇" in page.counts.text()
    tax = model.index(0, column_of(model, "税收管理"))
    assert tax.data() == "不涉及" and tax.data(CellRole).state == "不涉及"
    assert "本镇不设税务机构" in tax.data(Qt.ItemDataRole.ToolTipRole)
    farm = model.index(0, column_of(model, "涉农补贴")).data(CellRole)
    assert farm.state == "涉及" and farm.na == 1
    from gui.pages.county.coverage import cell_background
    assert cell_background(tax.data(CellRole)) == COLORS["不涉及"][0]
    assert cell_background(farm) in (COLORS["涉及"][0], ERROR_BG, UNCHECKED_BG)
    assert model.headerData(column_of(model, "涉农补贴"), Qt.Orientation.Horizontal) == "17\n涉农"


def test_drill_down_and_summary(qtbot, page, folder, monkeypatch, tmp_path):
    page.import_paths([folder])
    index = page.model.index(1, 0)
    qtbot.mouseClick(page.matrix.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.matrix.visualRect(index).center())
    assert "东镇" in page.township_label.text() and "420102002000" in page.township_label.text()
    assert page.domain_model.rowCount() == 26
    assert page.history_model.rowCount() == 1 and page.history_model.record(0)["status"] == "current"
    cell = page.model.index(1, column_of(page.model, "社会救助"))
    page.matrix.scrollTo(cell)
    at = page.matrix.visualRect(cell).center()
    qtbot.mouseClick(page.matrix.viewport(), Qt.MouseButton.LeftButton, pos=at)
    qtbot.mouseDClick(page.matrix.viewport(), Qt.MouseButton.LeftButton, pos=at)
    [selected] = page.domain_table.selectionModel().selectedRows()
    assert page.domain_model.record(selected.row()).name == "社会救助"

    out = tmp_path / "汇总.xlsx"
    monkeypatch.setattr(filedialogs, "ask_save_file", Recorder(out))
    qtbot.mouseClick(page.summary_button, Qt.MouseButton.LeftButton)
    assert out.is_file() and page.open_summary.isEnabled()


def test_the_same_folder_again_is_reported_as_duplicates(qtbot, page, folder):
    page.import_paths([folder])
    page.import_paths([folder])
    assert [f.status for f in page.report.files] == ["duplicate", "duplicate"]
    assert page.model.rowCount() == 2


def test_gkml_files_dropped_on_the_window_open_the_county_page(qtbot, app_context, gui_settings, folder,
                                                               tmp_path):
    gui_settings.set(S.COUNTY_WORKSPACE, str(tmp_path / "county.gkml.db"))
    win = MainWindow(app_context, pages=registered_pages(["guides", "notice", "county"]))
    qtbot.addWidget(win)
    win.show()
    enter = drag_enter(win, sorted(folder.glob("*.gkml")))
    assert enter.isAccepted()
    drop(win, enter)
    assert win.current_key() == "county" and win.current_page().model.rowCount() == 2
