"""The workspace parts of the main window: 文件 menu (新建/打开工作区, 发布版本, 版本比较), the status
bar's township and version, and the first-run wizard when the workspace has no township yet."""
from __future__ import annotations

import contextlib
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QMenu

from gui import settings as S
from gui.context import AppContext
from gui.ops import publish_version, run_op
from gui.version_dialogs import PublishDialog, VersionDiffDialog
from gui.widgets import named
from gui.workspace_open import choose_workspace_file, open_with_recovery

if TYPE_CHECKING:      # (main_window imports this module)
    from gui.main_window import MainWindow
    from gui.wizard.wizard import SetupWizard


class WorkspaceActions(QObject):
    """Built by MainWindow when ctx.session exists. `window` needs file_menu, quit_action,
    set_workspace_text and show_page."""

    def __init__(self, window: MainWindow, ctx: AppContext):
        super().__init__(window)
        assert ctx.session is not None
        self._window = window
        self._ctx = ctx
        self.session = ctx.session
        self.dialog: QDialog | None = None      # the open publish/compare dialog (tests reach it here)
        self.wizard: SetupWizard | None = None
        menu = window.file_menu
        before = window.quit_action
        self.new_action = QAction("新建工作区(&N)…", window, shortcut=QKeySequence("Ctrl+N"))
        self.open_action = QAction("打开工作区(&O)…", window, shortcut=QKeySequence("Ctrl+O"))
        self.recent_menu = QMenu("最近打开的工作区(&R)", window)
        # Every edit is saved at once; Ctrl+S only says so. Publishing makes a permanent numbered version
        # and is never one key away (Ctrl+S opening it with 发布 focused made Enter publish by habit).
        self.save_action = QAction("保存(&S)", window, shortcut=QKeySequence(QKeySequence.StandardKey.Save))
        self.save_action.setToolTip("每次修改都已自动保存到工作区，无需手动保存")
        self.save_action.triggered.connect(self.say_saved)
        window.addAction(self.save_action)
        self.publish_action = QAction("发布版本(&P)…", window)
        self.publish_action.setToolTip("把当前目录保存为一个编号的版本（发布后不再改变）")
        self.compare_action = QAction("版本比较(&D)…", window)
        self.profile_action = QAction("乡镇信息与领域(&T)…", window)
        menu.insertAction(before, self.new_action)
        menu.insertAction(before, self.open_action)
        menu.insertMenu(before, self.recent_menu)
        menu.insertSeparator(before)
        menu.insertAction(before, self.save_action)
        menu.insertAction(before, self.publish_action)
        menu.insertAction(before, self.compare_action)
        menu.insertAction(before, self.profile_action)
        menu.insertSeparator(before)
        self.new_action.triggered.connect(lambda: self.switch_workspace(new=True))
        self.open_action.triggered.connect(lambda: self.switch_workspace(new=False))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.publish_action.triggered.connect(self.publish)
        self.compare_action.triggered.connect(self.compare)
        self.profile_action.triggered.connect(self.start_wizard)
        from gui.template_import import TemplateImport  # 文件 → 以其他目录为起点 (import --as-template)
        self.template_import = TemplateImport(window, ctx)

        self.township_label = named(QLabel(), "townshipStatus")
        self.township_label.setContentsMargins(10, 0, 10, 0)
        window.statusBar().insertPermanentWidget(0, self.township_label)
        self.session.changed.connect(self.refresh)
        self.refresh()
        QTimer.singleShot(0, self.maybe_start_wizard)

    # --- status ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        session = self.session
        self._window.set_workspace_text(str(session.path))
        self._guides_text()
        township = session.catalog.township() if session.catalog is not None else None
        has_items = bool(session.items()) if township else False
        self.publish_action.setEnabled(has_items)
        self.compare_action.setEnabled(township is not None)
        self.profile_action.setEnabled(session.is_open)
        if township is None:
            self.township_label.setText("乡镇：未填写")
            return
        versions = session.require().versions()
        published = (f"已发布第 {versions[-1]['no']} 版 {versions[-1]['published_at'][:16].replace('T', ' ')}"
                     if versions else "尚未发布")
        self.township_label.setText(f"{township.name} · {published}")

    def _guides_text(self) -> None:
        """The status bar's guide summary for the guides in force (imported tables included)."""
        label = getattr(self._window, "guides_label", None)
        if label is None:
            return
        guides = self.session.guides
        partial = sum(1 for g in guides if g.completeness.status == "partial")
        imported = sum(1 for g in guides if g.completeness.status == "imported")
        notes = "，".join(x for x in (f"{imported} 个领域已导入正式表格" if imported else "",
                                      f"{partial} 个领域数据不完整" if partial else "") if x)
        label.setText(f"标准指引：{len(guides)} 个领域 · {sum(len(g.active_items) for g in guides)} 项"
                      + (f"，{notes}" if notes else ""))

    # --- the wizard -----------------------------------------------------------------------------
    def maybe_start_wizard(self) -> None:
        """First run: a workspace without a township opens the wizard."""
        if self.session.is_open and self.session.require().township() is None and self.wizard is None:
            self.start_wizard()

    def start_wizard(self) -> None:
        from gui.wizard.wizard import open_wizard
        wizard = open_wizard(self._ctx, self._window)
        wizard.finished.connect(lambda _result: setattr(self, "wizard", None))
        self.wizard = wizard

    # --- workspaces -----------------------------------------------------------------------------
    def switch_workspace(self, *, new: bool, path: Path | None = None) -> bool:
        """Open another workspace (a file dialog unless path is given); back to the current one on failure."""
        runner = self._ctx.runner
        if runner.active:
            self._window.statusBar().showMessage("请等后台任务完成（或取消）后再切换工作区。", 8000)
            return False
        path = path or choose_workspace_file(self._window, new=new, start=self.session.path)
        if path is None:
            return False
        current = self.session.path
        settings = self._ctx.settings
        created = new and not path.exists()
        if open_with_recovery(self.session, path, settings=settings, parent=self._window):
            self._ctx.db_path = self.session.path
            if created:
                QTimer.singleShot(0, lambda: self._start_new(previous=current, created=path))
            else:
                QTimer.singleShot(0, self.maybe_start_wizard)
            return True
        open_with_recovery(self.session, current, settings=settings, parent=self._window)
        return False

    def _start_new(self, *, previous: Path, created: Path) -> None:
        """新建工作区 goes on in the wizard; 取消 there returns to the previous workspace and removes the new,
        still empty file (a clerk who cancels expects nothing to have been made)."""
        if self.wizard is not None or self.session.path != created:
            return
        self.start_wizard()
        wizard = self.wizard

        def done(result: int) -> None:
            if result or self.session.path != created or self.session.require().township() is not None:
                return
            if open_with_recovery(self.session, previous, settings=self._ctx.settings, parent=self._window):
                self._ctx.db_path = self.session.path
                for leftover in (created, created.with_name(created.name + "-wal"),
                                 created.with_name(created.name + "-shm")):
                    with contextlib.suppress(OSError):
                        leftover.unlink()
                self._window.statusBar().showMessage(f"已取消新建工作区，回到原来的工作区：{previous}", 8000)
        if wizard is not None:
            wizard.finished.connect(done)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = [p for p in self._ctx.settings.get(S.RECENT_WORKSPACES) if Path(p) != self.session.path]
        for text in recent:
            action = self.recent_menu.addAction(text)
            action.setEnabled(Path(text).exists())
            action.triggered.connect(lambda _=False, p=text: self.switch_workspace(new=False, path=Path(p)))
        if not recent:
            self.recent_menu.addAction("（没有）").setEnabled(False)

    # --- versions -------------------------------------------------------------------------------
    def say_saved(self) -> None:
        """Ctrl+S: nothing to save (every edit is already in the workspace); never publishes."""
        self._window.statusBar().showMessage("已自动保存：每次修改都会立即保存到工作区。"
                                             "要生成编号版本，请用「文件 › 发布版本…」。", 8000)

    def publish(self) -> None:
        """Ask for a note and publish the next version (window-modal, not blocking)."""
        dialog = PublishDialog(self.session, self._window)

        def done(result: int) -> None:
            self.dialog = None
            dialog.deleteLater()
            if not result:
                return
            # Changes(versions=True): status bar and checks (S001/S002) refresh; rows are unchanged.
            run_op(self._ctx, partial(publish_version, self.session.shipped, dialog.note.text().strip()),
                   title="发布版本", parent=self._window, with_progress=False,
                   on_done=lambda no: self._window.statusBar().showMessage(f"已发布第 {no} 版。", 8000))
        dialog.finished.connect(done)
        self.dialog = dialog
        dialog.open()

    def compare(self) -> None:
        dialog = VersionDiffDialog(self.session, self._window)
        def done(_result: int) -> None:
            dialog.deleteLater()
            self.dialog = None
        dialog.finished.connect(done)
        self.dialog = dialog
        dialog.open()
