"""Opening workspaces from the GUI: a damaged file offers its newest backup (never a crash, never an empty
start), another file, or quitting; 文件 menu: publish (Ctrl+S), compare versions, open another workspace."""
from __future__ import annotations

from pathlib import Path

import pytest
from gui_catalog_helpers import click, make_window, session_for
from helpers import new_catalog
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QPushButton

from catalog.storage import rotate_backup
from catalog.township.commands import EditItem
from gui import settings as S
from gui import workspace_actions
from gui.session import Session
from gui.workspace_open import initial_workspace, open_with_recovery

pytestmark = pytest.mark.gui


def damaged_workspace(tmp_path: Path, *, backup: bool) -> Path:
    """A compiled workspace whose file is then overwritten with garbage (with or without a good backup)."""
    cat = new_catalog(tmp_path, domains=["涉农补贴"])
    path = cat.ws.path
    cat.close()
    if backup:
        rotate_backup(path)
    path.write_bytes(b"this is not a database " * 200)
    return path


def answer_box(qtbot, button_name: str, seen: list) -> None:
    """When the modal box shows, remember its text and click the button with that objectName."""
    def act() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, act)
            return
        seen.append((box.objectName(), box.text(), box.informativeText()))
        click(qtbot, box.findChild(QPushButton, button_name))
    QTimer.singleShot(0, act)


def test_damaged_workspace_offers_the_newest_backup(qtbot, guides, gui_settings, tmp_path):
    path = damaged_workspace(tmp_path, backup=True)
    session = Session(guides, path)
    seen: list = []
    answer_box(qtbot, "restore", seen)
    assert open_with_recovery(session, path, settings=gui_settings)
    [(name, text, info)] = seen
    assert name == "corruptWorkspace" and "已损坏" in text and "备份" in info
    assert session.require().township().name == "某镇" and session.items(17)   # the data is back
    assert list(tmp_path.glob("ws.db.before-restore-*"))                      # the damaged file is kept
    assert gui_settings.get(S.LAST_WORKSPACE) == str(path.resolve())
    session.close()


def test_damaged_workspace_without_backup_can_open_another_file(qtbot, guides, gui_settings, tmp_path):
    path = damaged_workspace(tmp_path, backup=False)
    other = tmp_path / "new.gkml.db"
    session = Session(guides, path)
    seen: list = []
    answer_box(qtbot, "other", seen)
    assert open_with_recovery(session, path, settings=gui_settings, choose=lambda new: other)
    assert "没有找到可用的备份" in seen[0][2]
    assert session.path == other and session.require().township() is None
    assert path.read_bytes().startswith(b"this is not")                        # left untouched
    session.close()


def test_giving_up_returns_false(qtbot, guides, gui_settings, tmp_path):
    path = damaged_workspace(tmp_path, backup=True)
    session = Session(guides, path)
    answer_box(qtbot, "quit", [])
    assert not open_with_recovery(session, path, settings=gui_settings)
    assert not session.is_open


def test_initial_workspace_prefers_db_then_last(gui_settings, tmp_path):
    last = tmp_path / "last.gkml.db"
    last.write_bytes(b"")
    gui_settings.set(S.LAST_WORKSPACE, str(last))
    assert initial_workspace(tmp_path / "x.db", gui_settings) == tmp_path / "x.db"
    assert initial_workspace(None, gui_settings) == last
    last.unlink()
    assert initial_workspace(None, gui_settings).name == "workspace.gkml.db"


@pytest.fixture
def session(app_context, tmp_path):
    s = session_for(app_context, tmp_path, domains=["涉农补贴"])
    yield s
    s.close()


def test_ctrl_s_says_saved_publish_from_the_menu_then_compare(qtbot, app_context, session, type_text):
    win = make_window(qtbot, app_context)
    actions = win.workspace_actions
    assert "尚未发布" in actions.township_label.text()
    qtbot.keyClick(win, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)   # Ctrl+S never publishes
    assert actions.dialog is None and "已自动保存" in win.statusBar().currentMessage()
    actions.publish_action.trigger()                                        # 文件 › 发布版本…
    dialog = actions.dialog
    assert dialog is not None and dialog.objectName() == "publishDialog"
    type_text(dialog.note, "首次发布")
    click(qtbot, dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok))
    assert [(v["no"], v["note"]) for v in session.require().versions()] == [(1, "首次发布")]
    assert "已发布第 1 版" in actions.township_label.text()

    session.require().do(EditItem("17-002", {"time_limit": "每年3月底前"}))
    session.reload()
    actions.compare_action.trigger()
    diff = actions.dialog
    assert diff.objectName() == "versionDiffDialog"
    assert "修改：[17-002]" in diff.text.toPlainText() and "每年3月底前" in diff.text.toPlainText()
    assert diff.summary.text().startswith("新增 0 项，删除 0 项，修改 1 项")


def test_open_another_workspace_from_the_menu(qtbot, app_context, session, tmp_path, monkeypatch):
    win = make_window(qtbot, app_context)
    other = tmp_path / "other.gkml.db"
    monkeypatch.setattr(workspace_actions, "choose_workspace_file", lambda *a, **k: other)
    page = win.show_page("compile")
    assert page.model.item_count() > 0
    win.workspace_actions.new_action.trigger()
    assert session.path == other and page.model.item_count() == 0
    assert str(other) in win.workspace_label.text()
    qtbot.waitUntil(lambda: win.workspace_actions.wizard is not None, timeout=2000)   # empty: the wizard
    win.workspace_actions.wizard.reject()
