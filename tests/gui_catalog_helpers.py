"""Helpers for the catalog GUI tests (wizard, 目录编制, 目录检查, guide import): a session and real clicks."""
from __future__ import annotations

from pathlib import Path

from helpers import TOWNSHIP, new_catalog
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from catalog.township.profile import Township
from gui.main_window import MainWindow
from gui.pages.registry import registered_pages
from gui.session import Session

PAGES = ["guides", "compile", "check"]


def session_for(app_context, tmp_path: Path, *, township: Township | None = TOWNSHIP, compile: bool = True,
                domains: list[str] | None = None) -> Session:
    """A workspace in tmp_path (township saved and compiled unless told otherwise) in app_context.session."""
    path = tmp_path / "ws.gkml.db"
    if township is not None:
        prep = tmp_path / "prep"
        prep.mkdir()
        new_catalog(prep, township=township, compile=compile, domains=domains).close()
        (prep / "ws.db").rename(path)
    session = Session(app_context.guides, path)
    session.open()
    app_context.session = session
    app_context.db_path = path
    return session


def make_window(qtbot, app_context, *, active: bool = True) -> MainWindow:
    """The main window with the catalog pages; active=False when a dialog (the wizard) will take the focus."""
    win = MainWindow(app_context, pages=registered_pages(PAGES))
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()          # shortcuts only reach the active window
    if active:
        qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=2000)
    else:
        qtbot.waitExposed(win)
    return win


def click(qtbot, widget, pos: QPoint | None = None, *, double: bool = False) -> None:
    """A click, or a double click as a mouse makes it (QTest's double click alone has no first press)."""
    where = {} if pos is None else {"pos": pos}
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, **where)
    if double:
        qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton, **where)


def click_check(qtbot, box) -> None:
    """Click a check box on its indicator."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def click_tree_row(qtbot, tree, index, *, double: bool = False) -> None:
    tree.scrollTo(index)
    click(qtbot, tree.viewport(), tree.visualRect(index).center(), double=double)


def select_item(qtbot, page, uid: str) -> None:
    """In 目录编制: click the item's domain row, open it with →, then click the item row."""
    model, proxy, tree = page.model, page.proxy, page.tree
    source = model.index_of(uid)
    domain = proxy.mapFromSource(source.parent())
    click_tree_row(qtbot, tree, domain)
    qtbot.keyClick(tree, Qt.Key.Key_Right)
    click_tree_row(qtbot, tree, proxy.mapFromSource(source).siblingAtColumn(1))
    assert page.current_uid() == uid


def replace_text(qtbot, type_text, line_edit, text: str) -> None:
    """Select everything in a line edit, type the new text, press Enter (commits the field)."""
    line_edit.setFocus()
    qtbot.keyClick(line_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(line_edit, Qt.Key.Key_Delete)
    type_text(line_edit, text)
    qtbot.keyClick(line_edit, Qt.Key.Key_Return)
