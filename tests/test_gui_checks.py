"""目录检查 through real widgets: findings grouped by severity and domain, updated (debounced) after an edit,
double-click jumps to the item's field in 目录编制, the score chart filters by domain."""
from __future__ import annotations

import pytest
from gui_catalog_helpers import click, click_tree_row, make_window, select_item, session_for
from PySide6.QtCore import QPoint, Qt

from catalog.township.commands import EditItem
from catalog.township.items import ADOPTED
from gui.pages.check.findings import FindingRole, GroupRole

pytestmark = pytest.mark.gui


@pytest.fixture
def session(app_context, tmp_path):
    s = session_for(app_context, tmp_path, domains=["涉农补贴", "户籍管理"])
    # 17-001 confirmed for the township but with its 公开时限 emptied: an F001 error on that field.
    s.require().do(EditItem("17-001", {"status": ADOPTED, "township": True, "time_limit": ""}))
    s.reload()
    yield s
    s.close()


@pytest.fixture
def window(qtbot, app_context, session):
    return make_window(qtbot, app_context)


@pytest.fixture
def page(window):
    return window.show_page("check")


def leaves(model) -> list:
    """Every finding shown, walking severity → domain → finding."""
    out = []
    for r in range(model.rowCount()):
        head = model.index(r, 0)
        for d in range(model.rowCount(head)):
            group = model.index(d, 0, head)
            out += [model.index(n, 0, group) for n in range(model.rowCount(group))]
    return out


def finding_index(page, code: str, item_id: str):
    return next(i for i in leaves(page.model) if i.data(FindingRole).code == code
                and i.data(FindingRole).item_id == item_id)


def test_findings_are_grouped_by_severity_then_domain(page, session):
    model = page.model
    heads = [model.index(r, 0).data(GroupRole) for r in range(model.rowCount())]
    assert heads[0] == "错误" and set(heads) <= {"错误", "警告", "提示"}
    first = model.index(0, 0)
    domains = [model.index(d, 0, first).data() for d in range(model.rowCount(first))]
    assert any(text.startswith("17 涉农补贴") for text in domains)
    f = finding_index(page, "F001", "17-001").data(FindingRole)
    assert f.field == "time_limit" and f.severity == "错误"
    assert page.overall.text().replace(".", "").isdigit()
    assert "错误" in page.counts.text()


def test_findings_update_after_an_edit(qtbot, window, page, session, type_text):
    assert finding_index(page, "F001", "17-001")
    editor_page = window.show_page("compile")
    select_item(qtbot, editor_page, "17-001")
    field = editor_page.editor.lines["time_limit"]
    field.setFocus()
    type_text(field, "每年1月31日前")
    assert session.checks.report is page.report                   # nothing yet while typing
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert session.checks.pending                                  # debounced, not run at once
    with qtbot.waitSignal(session.checks.report_ready, timeout=3000):
        pass
    codes = {(i.data(FindingRole).code, i.data(FindingRole).item_id) for i in leaves(page.model)}
    assert ("F001", "17-001") not in codes
    qtbot.keyClick(editor_page.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(session.checks.report_ready, timeout=3000):
        pass
    assert finding_index(page, "F001", "17-001")                   # undo brings the finding back


def test_double_click_jumps_to_the_item_and_field(qtbot, window, page):
    index = finding_index(page, "F001", "17-001")
    click_tree_row(qtbot, page.tree, index, double=True)
    assert window.current_key() == "compile"
    editor_page = window.current_page()
    assert editor_page.current_uid() == "17-001"
    assert editor_page.editor.lines["time_limit"].hasFocus()


def test_domain_findings_jump_to_the_domain(qtbot, window, page):
    index = next(i for i in leaves(page.model) if i.data(FindingRole).code == "C004")   # never compiled
    no = index.data(FindingRole).domain_no
    click_tree_row(qtbot, page.tree, index, double=True)
    editor_page = window.current_page()
    assert editor_page.right.currentWidget() is editor_page.domain_panel
    assert editor_page.current_domain() == no


def test_score_chart_picks_a_domain(qtbot, page):
    rows = page.chart.rows
    row = next(n for n, r in enumerate(rows) if r["no"] == 17)
    assert rows[row]["score"] is not None and len(rows) == 26
    rect = page.chart.row_rect(row)
    page.chart.parentWidget().parentWidget().ensureVisible(0, int(rect.center().y()))
    click(qtbot, page.chart, QPoint(20, int(rect.center().y())))
    shown = {i.data(FindingRole).domain_no for i in leaves(page.model)}
    assert shown == {17}
    click(qtbot, page.all_domains)
    assert len({i.data(FindingRole).domain_no for i in leaves(page.model)}) > 1


def test_severity_boxes_hide_groups(qtbot, page):
    click(qtbot, page.severity_boxes["警告"], QPoint(8, page.severity_boxes["警告"].height() // 2))
    assert all(i.data(FindingRole).severity != "警告" for i in leaves(page.model))
