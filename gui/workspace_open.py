"""Opening a workspace from the GUI: which file, and what to do when it is damaged (restore a backup,
choose another file) — never a crash, never a silent start with an empty catalog."""
from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from catalog import APP_NAME
from catalog.errors import KnownError
from catalog.paths import default_workspace
from catalog.storage import WorkspaceCorrupt, restore
from gui import settings as S
from gui.session import Session
from gui.settings import Settings

log = logging.getLogger("gkml.gui")

WORKSPACE_FILTER = "工作区文件 (*.gkml.db *.db);;所有文件 (*)"
MAX_RECENT = 8


def initial_workspace(db: Path | None, settings: Settings) -> Path:
    """--db, else the workspace opened last (if it still exists), else the default one."""
    if db is not None:
        return Path(db)
    last = settings.get(S.LAST_WORKSPACE)
    if last and Path(last).exists():
        return Path(last)
    return default_workspace()


def remember(settings: Settings, path: Path) -> None:
    """Record path as the last workspace and at the top of the recent list."""
    text = str(Path(path).resolve())
    settings.set(S.LAST_WORKSPACE, text)
    recent = [p for p in settings.get(S.RECENT_WORKSPACES) if p != text]
    settings.set(S.RECENT_WORKSPACES, [text, *recent][:MAX_RECENT])


def choose_workspace_file(parent: QWidget | None, *, new: bool, start: Path | None = None) -> Path | None:
    """A file dialog for an existing workspace (or a new one); None when cancelled."""
    folder = str((start or default_workspace()).parent)
    if new:
        name, _ = QFileDialog.getSaveFileName(parent, "新建工作区", str(Path(folder) / "新工作区.gkml.db"),
                                              WORKSPACE_FILTER)
    else:
        name, _ = QFileDialog.getOpenFileName(parent, "打开工作区", folder, WORKSPACE_FILTER)
    if not name:
        return None
    path = Path(name)
    if new and not path.name.endswith(".db"):
        path = path.with_name(path.name + ".gkml.db")
    return path


def corrupt_box(parent: QWidget | None, err: WorkspaceCorrupt) -> QMessageBox:
    """Offer the newest good backup, another file, or quitting. Buttons carry objectName for tests."""
    from catalog.storage.workspace import WorkspaceMissing
    missing = isinstance(err, WorkspaceMissing)
    head = ("工作区文件是空的或不存在，但旁边有备份：没有新建空白工作区。" if missing
            else "工作区文件已损坏，没有打开。")
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, head, parent=parent)
    box.setObjectName("corruptWorkspace")
    if err.backups:
        newest = err.backups[0]
        box.setInformativeText(
            f"文件：{err.path}\n\n为避免丢失数据，程序没有改动它。可以用最新的自动备份恢复"
            f"（{newest.name}，损坏的文件会另存在旁边），或者打开其他工作区文件。")
        box.addButton("恢复最新备份", QMessageBox.ButtonRole.AcceptRole).setObjectName("restore")
    else:
        box.setInformativeText(f"文件：{err.path}\n\n没有找到可用的备份。可以打开其他工作区文件，"
                               "或新建一个工作区（损坏的文件保持不动，可交技术人员修复）。")
    box.addButton("打开其他文件…", QMessageBox.ButtonRole.ActionRole).setObjectName("other")
    box.addButton("新建工作区…", QMessageBox.ButtonRole.ActionRole).setObjectName("new")
    box.addButton("退出", QMessageBox.ButtonRole.RejectRole).setObjectName("quit")
    box.setDetailedText(str(err))
    return box


def error_box(parent: QWidget | None, path: Path, err: KnownError) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, "无法打开工作区。", parent=parent)
    box.setObjectName("workspaceError")
    box.setInformativeText(f"{err}\n\n可以打开其他工作区文件，或新建一个工作区。")
    box.addButton("打开其他文件…", QMessageBox.ButtonRole.ActionRole).setObjectName("other")
    box.addButton("新建工作区…", QMessageBox.ButtonRole.ActionRole).setObjectName("new")
    box.addButton("退出", QMessageBox.ButtonRole.RejectRole).setObjectName("quit")
    return box


def open_with_recovery(session: Session, path: Path, *, settings: Settings, parent: QWidget | None = None,
                       choose: Callable[[bool], Path | None] | None = None) -> bool:
    """Open path in the session; on a damaged or unreadable file ask what to do, until a workspace
    is open (True) or the clerk gives up (False: the caller must not go on with no workspace).

    choose(new) picks another file (default: a file dialog); tests pass their own."""
    choose = choose or (lambda new: choose_workspace_file(parent, new=new, start=path))
    while True:
        backups: list[Path] = []
        try:
            session.open(path)
        except WorkspaceCorrupt as err:
            log.warning("workspace %s is damaged: %s", path, err)
            backups = err.backups
            box = corrupt_box(parent, err)
        except KnownError as err:
            log.warning("workspace %s cannot be opened: %s", path, err)
            box = error_box(parent, path, err)
        else:
            remember(settings, session.path)
            return True
        box.exec()
        clicked = box.clickedButton()
        answer = clicked.objectName() if clicked is not None else "quit"
        if answer == "restore" and backups:
            try:
                restore(path, backups[0])
            except KnownError as restore_err:
                QMessageBox.warning(parent, APP_NAME, f"恢复失败：{restore_err}")
            continue
        if answer in ("other", "new"):
            chosen = choose(answer == "new")
            if chosen is not None:
                path = chosen
            continue
        return False
