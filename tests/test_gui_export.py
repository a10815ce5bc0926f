"""导出上报 page: each kind exported through the page (files exist, default names), folder, privacy scan."""
from __future__ import annotations

from datetime import date

import pytest
from gui_page_helpers import Recorder, click_option, open_session
from PySide6.QtCore import Qt

from catalog.exchange.package import read_package
from gui import filedialogs
from gui.pages.export.view import ExportPage

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot, app_context, tmp_path, gui_settings):
    session = open_session(app_context, tmp_path, domains=["涉农补贴", "社会救助"])
    session.catalog.publish("首次发布")
    gui_settings.set(__import__("gui.settings", fromlist=["x"]).EXPORT_FOLDER, str(tmp_path))
    p = ExportPage(app_context)
    qtbot.addWidget(p)
    p.show()
    yield p
    session.close()


@pytest.mark.parametrize("kind,suffix", [("xlsx", ".xlsx"), ("pdf", ".pdf"), ("package", ".gkml")])
def test_each_kind_is_exported_with_the_default_name(qtbot, page, tmp_path, kind, suffix):
    click_option(qtbot, page.kind_buttons[kind])
    stamp = date.today().strftime("%Y%m%d")
    expected = tmp_path / f"某镇政务公开事项标准目录_工作稿_{stamp}{suffix}"
    assert page.path.text() == str(expected)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert expected.is_file() and expected.stat().st_size > 0
    assert page.last == expected and f"已导出：{expected}" == page.result.text()
    assert page.history.count() == 1 and page.open_folder.isEnabled()
    assert page._ctx.runner.reporter.shown == []


def test_published_version_and_package_content(qtbot, page, tmp_path):
    assert page.version.count() == 2 and page.version.itemData(1) == 1
    page.version.setCurrentIndex(1)
    click_option(qtbot, page.kind_buttons["package"])
    assert "_第1版_" in page.path.text()
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    pkg = read_package(page.last)
    assert pkg.catalog_version == 1 and pkg.township == "某镇"


def test_typed_path_is_kept_and_folder_opens(qtbot, page, tmp_path, monkeypatch, type_text):
    page.path.clear()
    out = tmp_path / "sub"
    out.mkdir()
    type_text(page.path, str(out / "报县里的目录.xlsx"))
    click_option(qtbot, page.kind_buttons["pdf"])
    assert page.path.text() == str(out / "报县里的目录.pdf")
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert (out / "报县里的目录.pdf").is_file()
    shown = Recorder(True)
    monkeypatch.setattr(filedialogs, "show_in_folder", shown)
    qtbot.mouseClick(page.open_folder, Qt.MouseButton.LeftButton)
    assert shown.calls == [(out / "报县里的目录.pdf",)]


def test_privacy_scan_of_the_exported_file(qtbot, page):
    click_option(qtbot, page.kind_buttons["xlsx"])
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.scan_button, Qt.MouseButton.LeftButton)
    dialog = page.scan_dialog
    assert dialog is not None and dialog.isVisible()
    assert "未发现" in dialog.summary.text() and not dialog.mask_button.isEnabled()
    dialog.reject()


def test_without_workspace_the_page_says_what_to_do(qtbot, app_context):
    p = ExportPage(app_context)
    qtbot.addWidget(p)
    assert "还没有打开工作区" in p.banner.text() and not p.export_button.isEnabled()
