"""批量决定层级 on 目录编制, through real widgets: a whole untouched catalog decided with the bulk actions,
the clicks counted (target: under 2 minutes of clicks), one Ctrl+Z per step, the decisions in the item's
history."""
from __future__ import annotations

import pytest
from gui_catalog_helpers import click, make_window, select_item, session_for
from PySide6.QtCore import Qt

from catalog.storage.decision_store import DecisionStore
from catalog.township.decisions import COUNTY_REASON
from catalog.township.items import ADOPTED, NOT_APPLICABLE, PENDING_LEVEL

pytestmark = pytest.mark.gui
SECONDS_PER_CLICK = 1.2          # a clerk who reads the suggestion column first: generous for a click
NA_DOMAINS = {21: "本镇无城市管理执法事项", 22: "本镇无燃气、市政工程审批"}


@pytest.fixture
def session(app_context, tmp_path):
    s = session_for(app_context, tmp_path)          # all 26 domains compiled, untouched
    yield s
    s.close()


@pytest.fixture
def page(qtbot, app_context, session):
    return make_window(qtbot, app_context).show_page("compile")


def pending(session) -> list[str]:
    return [i.uid for i in session.items() if i.status == PENDING_LEVEL]


def test_whole_untouched_catalog_decided_with_bulk_actions(qtbot, page, session, type_text):
    assert len(pending(session)) == 162
    clicks = 0

    click(qtbot, page.decide_button)                                   # 批量决定层级…
    clicks += 1
    dialog = page.decisions
    qtbot.waitExposed(dialog)
    assert dialog.table.rowCount() == 162 and "48 项有建议" in dialog.summary.text()

    click(qtbot, dialog.accept_button)                                 # 采纳建议（48 项）: all domains
    clicks += 1
    assert len(pending(session)) == 114 and session.require().item("19-003").na_reason == COUNTY_REASON

    while dialog.domain.count() > 1:                                   # then domain by domain
        dialog.domain.setCurrentIndex(1)                               # open the list, pick the domain
        clicks += 2
        no = dialog.domain.currentData()
        click(qtbot, dialog.select_all)
        clicks += 1
        if no in NA_DOMAINS:
            type_text(dialog.reason.lineEdit(), NA_DOMAINS[no])
            clicks += 1
            click(qtbot, dialog.na_button)
        else:
            click(qtbot, dialog.adopt_button)
        clicks += 1

    assert pending(session) == [] and dialog.table.rowCount() == 0
    assert clicks * SECONDS_PER_CLICK < 120, f"{clicks} clicks"
    print(f"\n[measure] whole untouched catalog (162 undecided) decided in {clicks} clicks, "
          f"{dialog.steps} undoable steps")
    cat = session.require()
    assert DecisionStore(cat.ws).count() == 162
    assert cat.item("21-001").status == NOT_APPLICABLE and cat.item("21-001").na_reason == NA_DOMAINS[21]
    assert cat.item("23-001").status == ADOPTED and cat.item("23-001").text.marks.township is True

    # one Ctrl+Z undoes one whole step (the last domain), not one item
    last = [u for u in (i.uid for i in session.items()) if cat.item(u).domain_no == 26
            and DecisionStore(cat.ws).history(u) and DecisionStore(cat.ws).history(u)[-1]["how"] == "choice"]
    qtbot.keyClick(dialog.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert sorted(pending(session)) == sorted(last)
    assert dialog.table.rowCount() == len(last)


def test_shortest_path_and_history_in_the_item_form(qtbot, page, session):
    dialog = page.open_decisions()
    qtbot.waitExposed(dialog)
    click(qtbot, dialog.accept_button)
    click(qtbot, dialog.select_all)
    click(qtbot, dialog.adopt_button)                                  # 3 clicks after opening
    assert pending(session) == [] and dialog.steps == 2
    dialog.close()
    select_item(qtbot, page, "19-003")
    note = page.editor.decision_note
    assert note.isVisible() and "决定记录" in note.text() and "采纳建议" in note.text()
    assert "县级部门" in note.text() and "王明" in note.text()         # who: the workspace's 联系人
    click(qtbot, page.editor.restore_button)                           # 恢复 is an edit, history kept
    select_item(qtbot, page, "19-005")
    assert "决定记录" in page.editor.decision_note.text()


def test_pending_item_shows_why_and_the_suggestion(qtbot, page, session):
    select_item(qtbot, page, "23-001")
    text = page.editor.decision_note.text()
    assert "待确认原因" in text and "建议：<b>纳入</b>" in text and "乡镇人民政府" in text
    click(qtbot, page.editor.confirm_button)
    assert session.require().item("23-001").status == ADOPTED
    assert "手动决定" in page.editor.decision_note.text()
