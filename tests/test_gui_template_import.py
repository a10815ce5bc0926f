"""文件 → 以其他目录为起点: a confirm dialog, then a neighbour's catalog with 公开主体 rewritten."""
from __future__ import annotations

import pytest
from gui_page_helpers import open_session
from helpers import new_catalog
from PySide6.QtWidgets import QMessageBox

from catalog.exchange.export import export_catalog
from catalog.township.profile import Township
from gui.main_window import MainWindow
from gui.pages.registry import registered_pages

pytestmark = pytest.mark.gui
XILING = Township("西岭镇", "某县", "420102002000")


@pytest.fixture
def window(qtbot, app_context, tmp_path):
    session = open_session(app_context, tmp_path)
    win = MainWindow(app_context, pages=registered_pages(["guides"]))
    qtbot.addWidget(win)
    yield win
    session.close()


@pytest.fixture
def neighbour(tmp_path):
    cat = new_catalog(tmp_path / "xl", township=XILING)
    path = export_catalog(cat, tmp_path / "西岭镇.gkml", kind="package")
    cat.close()
    return path


def test_action_is_in_the_file_menu(window):
    texts = [a.text() for a in window.file_menu.actions()]
    assert "以其他目录为起点(&B)…" in texts


def test_no_leaves_the_catalog_alone(window, neighbour, app_context):
    before = {i.text.subject for i in app_context.session.items()}
    flow = window.workspace_actions.template_import
    flow.start(neighbour)
    assert flow.confirm is not None
    assert "西岭镇.gkml" in flow.confirm.text() and "某镇人民政府" in flow.confirm.text()
    flow.confirm.done(QMessageBox.StandardButton.No)
    assert {i.text.subject for i in app_context.session.items()} == before


def test_yes_imports_with_the_subject_rewritten(qtbot, window, neighbour, app_context):
    flow = window.workspace_actions.template_import
    flow.start(neighbour)
    flow.confirm.done(QMessageBox.StandardButton.Yes)
    qtbot.waitUntil(lambda: "起点" in window.statusBar().currentMessage(), timeout=5000)
    subjects = {i.text.subject for i in app_context.session.items()}
    assert "某镇人民政府" in subjects and not any("西岭镇" in (s or "") for s in subjects)
    assert app_context.session.catalog.township().name == "某镇"
