"""标准指引 page with a workspace: import an official table (a task), completeness shown, 指引变化 accepted
item by item and undone; a table with cells the reader cannot understand is listed cell by cell."""
from __future__ import annotations

from dataclasses import replace

import pytest
from gui_catalog_helpers import click, click_tree_row, make_window, session_for
from helpers import bad_table
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from catalog.guides.importer import export_guide
from gui.pages.guides.table import DomainNoRole

pytestmark = pytest.mark.gui


@pytest.fixture
def session(app_context, tmp_path):
    s = session_for(app_context, tmp_path, domains=["涉农补贴"])
    yield s
    s.close()


@pytest.fixture
def page(qtbot, app_context, session):
    win = make_window(qtbot, app_context)
    return win.show_page("guides")


def official_table(guides, tmp_path):
    """涉农补贴 as a county would send it: 17-002's time limit changed, 17-003 dropped, one new row."""
    guide = guides.by_no(17)
    items = list(guide.active_items)
    changed = replace(items[1], text=replace(items[1].text, time_limit="每季度结束后10个工作日内"))
    new = replace(items[0], id="17-900", seq=900, text=replace(items[0].text, level2="农业保险保费补贴"))
    rows = [items[0], changed, *items[3:], new]
    out = tmp_path / "shenong.xlsx"
    return export_guide(replace(guide, items=tuple(rows)), out)


def click_domain(qtbot, page, no: int) -> None:
    model = page.domains.model()
    click_tree_row(qtbot, page.domains, model.index(model.row_of_domain(no), 0))


def import_through_dialog(qtbot, page, path, type_text, source: str = "") -> None:
    click(qtbot, page.import_button)
    dialog = page.dialog
    assert dialog.domain.currentData() == "涉农补贴"               # the domain shown is proposed
    type_text(dialog.path, str(path))
    if source:
        type_text(dialog.source, source)
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))


def domain_row(page, no: int) -> list[str]:
    model = page.domains.model()
    row = model.row_of_domain(no)
    return [model.index(row, c).data() for c in range(3)]


def test_import_shows_completeness_and_changes_accepted_one_by_one(qtbot, page, session, guides, tmp_path,
                                                                  type_text):
    click_domain(qtbot, page, 17)
    assert domain_row(page, 17)[2] == "不完整" and "数据不完整" in page.banner.text()
    import_through_dialog(qtbot, page, official_table(guides, tmp_path), type_text, source="某县2026年版")

    guide = session.guides.by_no(17)
    assert guide.version == 1 and guide.completeness.status == "imported"
    assert domain_row(page, 17)[2] == "已导入"
    assert "已导入正式表格" in page.banner.text() and "某县2026年版" in page.banner.text()
    assert "农业保险保费补贴" in [page.proxy.item_at(r).text.level2 for r in range(page.proxy.rowCount())]
    assert page.domains.currentIndex().data(DomainNoRole) == 17

    view = page.changes
    assert page.tabs.currentWidget() is view                    # the changes are shown after the import
    kinds = sorted((c.kind, c.uid) for _, c in view.changes)
    assert kinds == [("added", "17-006"), ("changed", "17-002"), ("withdrawn", "17-003")]
    assert page.tabs.tabText(1) == "指引变化（3）"

    row = next(view.tree.topLevelItem(i) for i in range(view.tree.topLevelItemCount())
               if "[17-002]" in view.tree.topLevelItem(i).text(0))
    assert row.child(0).text(2) == "每季度结束后10个工作日内"
    click_tree_row(qtbot, view.tree, view.tree.indexFromItem(row))
    click(qtbot, view.accept_button)
    assert session.require().item("17-002").text.time_limit == "每季度结束后10个工作日内"
    assert session.require().item("17-002").text.subject == "某镇人民政府"     # the local subject stays
    assert page.tabs.tabText(1) == "指引变化（2）"
    qtbot.keyClick(view.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert session.require().item("17-002").text.time_limit != "每季度结束后10个工作日内"
    assert page.tabs.tabText(1) == "指引变化（3）"

    click(qtbot, view.accept_all_button)
    cat = session.require()
    assert cat.item("17-003") is None and cat.item("17-006") is not None and view.count() == 0
    qtbot.keyClick(view.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)    # one step for all
    assert cat.item("17-003") is not None and cat.item("17-006") is None and view.count() == 3


def test_table_with_unreadable_cells_is_listed_cell_by_cell(qtbot, page, session, tmp_path, type_text):
    click_domain(qtbot, page, 17)
    import_through_dialog(qtbot, page, bad_table(tmp_path), type_text)
    dialog = page.dialog
    assert dialog is not None and dialog.objectName() == "guideProblemsDialog"
    table = dialog.table
    cells = [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]
    assert ["涉农补贴", "2", "G 特定群体"] in [row[:3] for row in cells]
    assert session.guides.by_no(17).version == 0                     # nothing imported
    assert page._ctx.runner.reporter.shown == []                     # no plain message box instead


def test_missing_file_is_a_clear_message(qtbot, page, session, tmp_path, type_text):
    click_domain(qtbot, page, 17)
    import_through_dialog(qtbot, page, tmp_path / "nope.xlsx", type_text)
    [(kind, title, message)] = page._ctx.runner.reporter.shown
    assert kind == "known" and title == "导入指引表格" and "nope.xlsx" in message


def long_table(tmp_path, rows: int = 1500):
    """A plain one-sheet table, written fast (write-only), long enough to cancel while it is read."""
    from openpyxl import Workbook
    book = Workbook(write_only=True)
    sheet = book.create_sheet("涉农补贴")
    sheet.append(["序号", "一级事项", "二级事项", "公开内容", "公开依据", "公开时限", "公开主体",
                  "公开渠道和载体", "全社会", "特定群体", "主动", "依申请", "县级", "乡级"])
    for n in range(1, rows + 1):
        sheet.append([n, f"事项{n}", "", "补贴结果", "《条例》", "20个工作日内", "乡镇人民政府", "政府网站",
                      "√", "", "√", "", "", "√"])
    path = tmp_path / "long.xlsx"
    book.save(path)
    return path


def test_cancelled_import_changes_nothing(qtbot, app_context, session, tmp_path, type_text):
    from PySide6.QtWidgets import QPushButton

    from gui.tasks import RecordingReporter, TaskRunner
    app_context.runner = TaskRunner(reporter=RecordingReporter(), show_after_ms=0)   # a real worker thread
    page = make_window(qtbot, app_context).show_page("guides")
    click_domain(qtbot, page, 17)
    path = long_table(tmp_path, rows=5000)
    # The first live check runs on the GUI thread shortly after opening; let it pass so the click
    # below is handled while the worker is still reading.
    qtbot.waitUntil(lambda: not session.checks.pending, timeout=5000)
    import_through_dialog(qtbot, page, path, type_text)
    [handle] = app_context.runner.active
    cancel = next(b for b in handle.dialog.findChildren(QPushButton) if b.text() == "取消")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not handle.running, timeout=20000)
    assert handle.outcome == "cancelled"
    assert app_context.runner.wait_for_done(5000)
    assert session.guides.by_no(17).version == 0 and session.require().guide_versions(17) == []
    assert app_context.runner.reporter.shown == []


def test_guide_package_imported_through_the_same_dialog(qtbot, page, session, tmp_path, type_text):
    """导入正式表格… also takes the county's .gkmlg: its domains become the guides in force, with their
    completeness (items known, unknown √, from whom and when) in the banner."""
    from helpers import new_catalog

    from catalog.guides.package import write_guide_package
    from catalog.model import Marks
    county = new_catalog(tmp_path / "county", compile=False)
    try:
        farm = county.guides.find("涉农补贴")
        every = Marks(True, False, True, False, True, True)
        county.import_guide("涉农补贴", [replace(i.text, marks=every) for i in farm.active_items],
                            source="某县2024年版", file="某县涉农补贴.xlsx")
        path = write_guide_package([county.guides.find("涉农补贴")], tmp_path / "某县指引包.gkmlg",
                                   county="某县")
    finally:
        county.close()
    click_domain(qtbot, page, 17)
    import_through_dialog(qtbot, page, path, type_text)
    guide = session.guides.by_no(17)
    assert guide.version == 1 and guide.completeness.file == "某县指引包.gkmlg"
    assert "√ 未知 0 项" in page.banner.text() and "某县下发的指引包" in page.banner.text()
