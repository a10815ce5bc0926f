"""Main window: registered pages in navigation order, menus and shortcuts, undo group, settings."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from catalog import __version__
from gui import settings as S
from gui.main_window import MainWindow
from gui.pages.registry import PAGE_MODULES, PageSpec, registered_pages

pytestmark = pytest.mark.gui


class FakeCheckPage(QWidget):
    """A stand-in for a later page, with the optional hooks."""

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.shown = 0
        self.saved = False
        self.allow_close = True
        QVBoxLayout(self).addWidget(QLabel("目录检查"))

    def page_shown(self):
        self.shown += 1

    def can_close(self):
        return self.allow_close

    def save_state(self):
        self.saved = True


def make_window(qtbot, ctx, extra=()):
    pages = registered_pages(["guides"]) + list(extra)
    win = MainWindow(ctx, pages=pages)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()          # shortcuts only reach the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=2000)
    return win


CHECK = PageSpec(key="check", title="目录检查", factory=FakeCheckPage)


def nav_titles(win):
    return [win.nav.item(i).text() for i in range(win.nav.count())]


def test_only_registered_pages_are_shown():
    assert PAGE_MODULES[0] == "guides"
    assert next(p.key for p in registered_pages()) == "guides"


def test_navigation_follows_the_fixed_order(qtbot, app_context):
    settings_page = PageSpec(key="settings", title="设置", factory=FakeCheckPage)
    win = MainWindow(app_context, pages=[settings_page, CHECK, *registered_pages(["guides"])])
    qtbot.addWidget(win)
    assert nav_titles(win) == ["标准指引", "目录检查", "设置"]


def test_duplicate_keys_are_refused():
    with pytest.raises(ValueError):
        registered_pages(["guides", "guides"])


def test_pages_are_created_on_first_show_and_hooks_called(qtbot, app_context):
    win = make_window(qtbot, app_context, [CHECK])
    assert win.current_key() == "guides" and "check" not in win._pages
    item = win.nav.item(1)
    qtbot.mouseClick(win.nav.viewport(), Qt.MouseButton.LeftButton, pos=win.nav.visualItemRect(item).center())
    page = win.current_page()
    assert isinstance(page, FakeCheckPage) and page.shown == 1
    qtbot.keyClick(win, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert win.current_key() == "guides"
    qtbot.keyClick(win, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert win.current_page() is page and page.shown == 2


def test_undo_and_redo_follow_the_shown_page(qtbot, app_context):
    win = make_window(qtbot, app_context, [CHECK])
    assert not win.undo_action.isEnabled()
    page = win.show_page("check")
    values = []

    class Append(QUndoCommand):
        def redo(self):
            values.append(1)

        def undo(self):
            values.pop()

    page.undo_stack.push(Append("添加事项"))
    assert values == [1] and win.undo_action.isEnabled()
    assert win.undo_action.text() == "撤销 添加事项"
    qtbot.keyClick(win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert values == [] and win.redo_action.isEnabled()
    qtbot.keyClick(win, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert values == [1]
    win.show_page("guides")                  # the guide browser has no undo stack
    assert not win.undo_action.isEnabled()


def test_status_bar_shows_workspace_and_guides(qtbot, app_context):
    win = make_window(qtbot, app_context)
    assert win.workspace_label.text() == f"工作区：{app_context.db_path}"
    assert "26 个领域" in win.guides_label.text() and "不完整" in win.guides_label.text()
    app_context.runner.message.emit("已取消：导入名册")
    assert win.statusBar().currentMessage() == "已取消：导入名册"


def test_menus_are_chinese_with_usual_shortcuts(qtbot, app_context):
    win = make_window(qtbot, app_context)
    menus = [a.text() for a in win.menuBar().actions()]
    assert menus == ["文件(&F)", "编辑(&E)", "视图(&V)", "帮助(&H)"]
    shortcuts = {a.text(): a.shortcut().toString() for m in win.menuBar().actions()
                 for a in m.menu().actions()}
    assert shortcuts["退出(&X)"] == "Ctrl+Q" and shortcuts["查找(&F)…"] == "Ctrl+F"
    assert shortcuts["撤销"] == "Ctrl+Z" and shortcuts["重做"] == "Ctrl+Y"
    assert shortcuts["标准指引"] == "Ctrl+1"


def test_about_box_names_version_and_data_caveat(qtbot, app_context):
    win = make_window(qtbot, app_context)
    box = win.about_box()
    qtbot.addWidget(box)
    assert __version__ in box.text() and "不完整" in box.text() and "文泉驿" in box.text()


def test_zoom_changes_font_and_is_remembered(qtbot, app_context):
    win = make_window(qtbot, app_context)
    before = QApplication.font().pointSizeF()
    try:
        qtbot.keyClick(win, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
        assert app_context.settings.get(S.FONT_POINT_SIZE) == S.FONT_POINT_SIZE.default + 1
        assert QApplication.font().pointSizeF() == S.FONT_POINT_SIZE.default + 1
        assert win.page("guides").title.font().pointSizeF() > QApplication.font().pointSizeF()
        qtbot.keyClick(win, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
        assert app_context.settings.get(S.FONT_POINT_SIZE) == S.FONT_POINT_SIZE.default
    finally:
        font = QApplication.font()
        font.setPointSizeF(before)
        QApplication.setFont(font)


def test_close_asks_pages_and_saves_state(qtbot, app_context):
    win = make_window(qtbot, app_context, [CHECK])
    page = win.show_page("check")
    page.allow_close = False
    assert not win.close() and win.isVisible()
    page.allow_close = True
    assert win.close()
    assert page.saved
    assert app_context.settings.get(S.CURRENT_PAGE) == "check"
    assert app_context.settings.get(S.WINDOW_GEOMETRY)


def test_unknown_saved_page_falls_back_to_the_first(qtbot, app_context):
    app_context.settings.set(S.CURRENT_PAGE, "no-such-page")
    win = make_window(qtbot, app_context)
    assert win.current_key() == "guides"
