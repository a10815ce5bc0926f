"""The clerk's first week (issue 18): what a real walkthrough hit, driven through real widgets."""
from __future__ import annotations

import pytest
from gui_catalog_helpers import click, make_window, select_item, session_for
from PySide6.QtWidgets import QDialogButtonBox

from gui.pages.compile.tree import UidRole

pytestmark = pytest.mark.gui
DOMAINS = ["涉农补贴", "户籍管理"]


@pytest.fixture
def session(app_context, tmp_path):
    s = session_for(app_context, tmp_path, domains=DOMAINS)
    yield s
    s.close()


@pytest.fixture
def window(qtbot, app_context, session):
    return make_window(qtbot, app_context)


@pytest.fixture
def page(window):
    return window.show_page("compile")


def shown_children(page, domain_no: int) -> list[str]:
    proxy = page.proxy
    parent = proxy.mapFromSource(page.model.domain_index(domain_no))
    return [proxy.index(r, 0, parent).data(UidRole) for r in range(proxy.rowCount(parent))]


# --- 1. tree resets keep rows, expansion and selection with a search active ------------------------
def test_move_with_a_search_active_keeps_rows_expansion_and_selection(qtbot, page, session, type_text):
    type_text(page.search, "农业生产发展资金")
    before = shown_children(page, 17)
    assert len(before) >= 3
    select_item(qtbot, page, before[0])
    click(qtbot, page.down_button)
    assert page.search.text() == "农业生产发展资金"                   # the search stays
    after = shown_children(page, 17)
    assert after[:2] == [before[1], before[0]] and sorted(after) == sorted(before)
    parent = page.proxy.mapFromSource(page.model.domain_index(17))
    assert page.tree.isExpanded(parent)
    assert page.current_uid() == before[0]
    assert page.tree.currentIndex().data(UidRole) == before[0]
    click(qtbot, page.up_button)
    assert shown_children(page, 17) == before and page.current_uid() == before[0]


def test_new_local_item_with_a_search_active_is_shown_selected_and_findings_go_to_it(
        qtbot, page, session, type_text):
    type_text(page.search, "农业生产发展资金")
    before = shown_children(page, 17)
    select_item(qtbot, page, before[1])
    click(qtbot, page.add_button)
    type_text(page.dialog.level1, "村级惠农资金公示")
    click(qtbot, page.dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    assert page.current_uid() == "L-001"
    assert page.tree.currentIndex().data(UidRole) == "L-001"
    assert page.tree.selectionModel().isSelected(page.tree.currentIndex())
    # every domain still shows its items (no empty domain until restart)
    page.search.clear()
    assert len(shown_children(page, 17)) == len(session.items(17))
    assert page.tree.currentIndex().data(UidRole) == "L-001"
    assert page.show_item("L-001", "content")
    assert page.tree.currentIndex().data(UidRole) == "L-001"
