"""公开台账 page: the same statuses as `main.py due --json`, dashboard counts and filters, adding a
disclosure."""
from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from datetime import date, timedelta

import pytest
from gui_page_helpers import open_session
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from catalog.ledger import Ledger, LedgerEntry
from catalog.township.commands import EditItem
from cli import main as cli_main
from gui.models.list_table import RecordRole
from gui.pages.ledger.view import LedgerPage

pytestmark = pytest.mark.gui
LIMIT = "信息形成或者变更之日起20个工作日内"


@pytest.fixture
def session(app_context, tmp_path):
    s = open_session(app_context, tmp_path, domains=["涉农补贴"])
    cat = s.catalog
    items = cat.items()
    for item in items[:3]:
        cat.do(EditItem(item.uid, {"time_limit": LIMIT}))
    ledger = Ledger(cat.ws)
    today = date.today()
    ledger.add_entry(LedgerEntry(items[0].uid, "补贴发放名单（未公开）", formed=today - timedelta(days=60)))
    ledger.add_entry(LedgerEntry(items[1].uid, "补贴标准", formed=today - timedelta(days=10),
                                 published=today - timedelta(days=8), review_by="李审",
                                 review_on=today - timedelta(days=9), review_result="同意公开"))
    yield s
    s.close()


@pytest.fixture
def page(qtbot, app_context, session):
    p = LedgerPage(app_context)
    qtbot.addWidget(p)
    p.resize(1200, 700)
    p.show()
    p.page_shown()
    return p


def cli_due(path) -> dict:
    out = io.StringIO()
    with redirect_stdout(out):
        cli_main(["--db", str(path), "due", "--json"])
    return json.loads(out.getvalue())


def shown_statuses(page) -> dict[str, str]:
    model = page.due_model
    return {model.record(r).uid: model.index(r, 0).data() for r in range(model.rowCount())}


def test_same_statuses_as_the_cli(page, session):
    cli = cli_due(session.path)
    assert shown_statuses(page) == {i["uid"]: i["status_text"] for i in cli["items"]}
    assert {s: t.count for s, t in page.tiles.items()} == cli["counts"]
    assert page.tiles["overdue"].count == 1 and page.tiles["on_time"].count == 1
    assert page.entry_model.rowCount() == 2


def test_dashboard_tile_filters_the_table(qtbot, page):
    qtbot.mouseClick(page.tiles["overdue"], Qt.MouseButton.LeftButton)
    assert page.proxy.rowCount() == 1
    assert page.proxy.index(0, 0).data(RecordRole).status == "overdue"
    assert page.proxy.index(0, 0).data() == "已逾期未公开"
    qtbot.mouseClick(page.tiles["overdue"], Qt.MouseButton.LeftButton)
    assert page.proxy.rowCount() == page.due_model.rowCount()


def test_registering_the_disclosure_ends_the_overdue_status(qtbot, page, session, type_text):
    overdue = next(page.due_model.record(r) for r in range(page.due_model.rowCount())
                   if page.due_model.record(r).status == "overdue")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = page.entry_dialog
    dialog.item.setCurrentIndex(dialog.item.findData(overdue.uid))
    assert dialog.title_edit.text() == overdue.title
    type_text(dialog.who, "王明")
    type_text(dialog.review_by, "李审")
    dialog.review_result.setFocus()
    qtbot.keyClick(dialog.review_result, Qt.Key.Key_Down)
    assert dialog.review_result.currentData() == "同意公开"
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert page.entry_model.rowCount() == 3
    statuses = shown_statuses(page)
    assert statuses == {i["uid"]: i["status_text"] for i in cli_due(session.path)["items"]}
    assert page.tiles["overdue"].count == 1          # the old unpublished record still is overdue…
    assert statuses[overdue.uid] in ("已逾期未公开", "逾期公开")


def test_without_workspace(qtbot, app_context):
    p = LedgerPage(app_context)
    qtbot.addWidget(p)
    p.page_shown()
    assert "还没有打开工作区" in p.banner.text() and not p.add_button.isEnabled()


def test_register_list_masks_applicants(qtbot, app_context, session):
    from catalog.ledger import InfoRequest, Register
    Register(session.catalog.ws).add(InfoRequest(received=date.today() - timedelta(days=3), channel="当面",
                                                 category="自然人", applicant="王小明",
                                                 content="申请公开低保名单"))
    p = LedgerPage(app_context)
    qtbot.addWidget(p)
    p.page_shown()
    model = p.request_model
    assert model.rowCount() == 1
    row = {model.headerData(c, Qt.Orientation.Horizontal): model.index(0, c).data()
           for c in range(model.columnCount())}
    assert row["申请人"] != "王小明" and "*" in row["申请人"] and row["渠道"] == "当面"
    assert "依申请公开待答复 1 件" in p.summary.text()
