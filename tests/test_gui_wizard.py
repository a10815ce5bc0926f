"""The first-run wizard end to end through its widgets: profile with as-you-type code check, villages typed
and imported, a domain marked 不涉及 with its reason, compile, then the editor."""
from __future__ import annotations

import pytest
from gui_catalog_helpers import click, click_check, make_window, session_for
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWizard

pytestmark = pytest.mark.gui


@pytest.fixture
def session(app_context, tmp_path):
    s = session_for(app_context, tmp_path, township=None)
    yield s
    s.close()


@pytest.fixture
def wizard(qtbot, app_context, session):
    win = make_window(qtbot, app_context, active=False)
    qtbot.waitUntil(lambda: win.workspace_actions.wizard is not None, timeout=2000)   # opens by itself
    w = win.workspace_actions.wizard
    qtbot.waitExposed(w)
    w.main_window = win
    return w


def next_page(qtbot, wizard) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    assert button.isEnabled()
    click(qtbot, button)


def test_wizard_end_to_end(qtbot, wizard, session, type_text):
    p = wizard.profile
    type_text(p.name, "城关镇")
    type_text(p.county, "某县")
    type_text(p.code, "99010200100")
    assert "12 位数字" in p.code_hint.text()                     # checked while typing
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    qtbot.keyClick(p.code, Qt.Key.Key_0)
    assert "省级代码" in p.code_hint.text()
    qtbot.keyClick(p.code, Qt.Key.Key_Home)
    qtbot.keyClick(p.code, Qt.Key.Key_Delete)
    qtbot.keyClick(p.code, Qt.Key.Key_Delete)
    type_text(p.code, "42")
    assert p.code_hint.text() == "✓ 代码格式正确"
    type_text(p.supervise, "0710-1234567")
    next_page(qtbot, wizard)

    v = wizard.villages_page
    type_text(v.text, "张家村,420102001201")
    qtbot.keyClick(v.text, Qt.Key.Key_Return)
    type_text(v.text, "张家村")
    assert "重复" in v.status.text() and not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    qtbot.keyClick(v.text, Qt.Key.Key_Backspace)
    qtbot.keyClick(v.text, Qt.Key.Key_Backspace)
    qtbot.keyClick(v.text, Qt.Key.Key_Backspace)
    type_text(v.text, "李家村")
    assert v.status.text() == "共 2 个村（社区）"
    next_page(qtbot, wizard)

    d = wizard.domains
    row = next(r for r in d.rows if r.no == 5)
    click_check(qtbot, row.check)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "没有写原因" in d.status.text()
    type_text(row.reason, "税收事项由县税务局办理")
    next_page(qtbot, wizard)

    summary = wizard.summary.text.text()
    assert "城关镇人民政府" in summary and "村（社区）：2 个" in summary and "税收管理" in summary
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))

    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=2000)
    cat = session.require()
    t = cat.township()
    assert (t.name, t.county, t.code, t.supervise_phone) == ("城关镇", "某县", "420102001000", "0710-1234567")
    assert [v.name for v in t.villages] == ["张家村", "李家村"] and t.villages[0].code == "420102001201"
    assert cat.domain_choices()[5] == (False, "税收事项由县税务局办理")
    assert cat.items(5) == [] and cat.items(17)
    assert cat.items(17)[0].text.subject == "城关镇人民政府"
    win = wizard.main_window
    assert win.current_key() == "compile"
    page = win.current_page()
    assert page.model.item_count() == len(cat.items())
    assert not session.undo_stack.canUndo()                      # setting up is not an edit to undo


def test_villages_imported_from_a_file_in_a_task(qtbot, wizard, tmp_path, monkeypatch, type_text):
    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    sheet.append(["村名", "代码"])
    sheet.append(["王家湾社区", "420102001003"])
    sheet.append(["赵庄村", None])
    path = tmp_path / "村名单.xlsx"
    book.save(path)
    type_text(wizard.profile.name, "某镇")
    type_text(wizard.profile.county, "某县")
    type_text(wizard.profile.code, "420102001000")
    next_page(qtbot, wizard)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    click(qtbot, wizard.villages_page.import_button)
    v = wizard.villages_page
    assert v.text.toPlainText().splitlines() == ["王家湾社区,420102001003", "赵庄村"]
    assert v.status.text() == "共 2 个村（社区）"


def test_cancelled_wizard_leaves_an_empty_workspace_and_a_way_back(qtbot, wizard, session):
    click(qtbot, wizard.button(QWizard.WizardButton.CancelButton))
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=2000)
    assert session.require().township() is None
    win = wizard.main_window
    page = win.show_page("compile")
    assert page.header.start_button.isVisible() and "还没有乡镇目录" in page.header.banner.text()
    click(qtbot, page.header.start_button)
    qtbot.waitUntil(lambda: win.findChild(QWizard, "setupWizard") is not None, timeout=2000)


def test_start_from_the_county_guide_package(qtbot, wizard, session, tmp_path, monkeypatch, type_text):
    from dataclasses import replace

    from helpers import new_catalog

    from catalog.guides.package import write_guide_package
    from catalog.model import Marks
    county = new_catalog(tmp_path / "county", compile=False)
    try:
        farm = county.guides.find("涉农补贴")
        every = Marks(True, False, True, False, True, True)
        rows = [replace(it.text, marks=every) for it in farm.active_items]
        county.import_guide("涉农补贴", rows, source="某县2024年版", file="某县涉农补贴.xlsx")
        path = write_guide_package([county.guides.find("涉农补贴"), county.guides.find("社会救助")],
                                   tmp_path / "某县指引包.gkmlg", county="某县")
    finally:
        county.close()
    p = wizard.profile
    assert p.package_button.text() == "从县里下发的指引包开始…"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    click(qtbot, p.package_button)
    assert "某县下发的指引包" in p.package_note.text() and "涉农补贴" in p.package_note.text()
    assert p.county.text() == "某县"                            # the issuer county filled in
    assert session.guides.find("涉农补贴").version == 1
    type_text(p.name, "东湖镇")
    type_text(p.code, "420102002000")
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    row = next(r for r in wizard.domains.rows if r.no == 17)
    assert row.info.text() == "5 项 · √ 未知 0 · 已导入" and "某县" in row.info.toolTip()
    shipped_row = next(r for r in wizard.domains.rows if r.no == 14)
    assert shipped_row.info.text().endswith("随软件提供")
    next_page(qtbot, wizard)
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    items = session.require().items(17)
    assert items and all(i.status == "adopted" for i in items)     # the county's 乡级 √: nothing undecided
