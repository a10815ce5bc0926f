"""文件 → 以其他目录为起点: a neighbour's or the county's catalog file replaces the working copy, after a
confirm dialog, with 公开主体 rewritten to this township (`import --as-template` on the command line)."""
from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from catalog.changes import Changes, Done
from catalog.exchange.catalog_import import ImportSummary
from catalog.guides.shipped import GuideSet
from catalog.progress import Progress
from catalog.storage.workspace import Workspace
from gui import filedialogs
from gui.context import AppContext
from gui.ops import catalog_of, run_op

if TYPE_CHECKING:
    from gui.main_window import MainWindow

FILTERS = "目录文件 (*.gkml *.xlsx *.xls);;所有文件 (*)"


def import_as_template(shipped: GuideSet, file: Path, *, ws: Workspace,
                       progress: Progress | None = None) -> Done[ImportSummary]:
    """The op: import FILE as the starting point (catalog.exchange.catalog_import, as_template=True)."""
    from catalog.exchange.catalog_import import import_catalog_file
    summary = import_catalog_file(catalog_of(ws, shipped), file, as_template=True, progress=progress)
    return Done(summary, Changes(structural=True, domain_state=True, everything=True))


def confirm_text(file: Path, government: str) -> str:
    return (f"将以「{file.name}」（其他乡镇或县里的目录）为起点，替换本乡镇当前的工作稿：\n\n"
            f"· 事项、公开层级和不适用原因照文件导入，公开主体改为“{government}”；\n"
            "· 已发布的版本不受影响，工作区打开时已自动备份；\n"
            "· 导入后请逐项核对，再发布。\n\n是否继续？")


class TemplateImport(QObject):
    """The 文件 menu action and its flow: pick a file, confirm, run the op, say what happened."""

    def __init__(self, window: MainWindow, ctx: AppContext):
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        self.action = QAction("以其他目录为起点(&B)…", window)
        self.action.setToolTip("以邻近乡镇或县里的目录文件为起点编制本乡镇目录（公开主体改为本乡镇）")
        window.file_menu.insertAction(window.quit_action, self.action)
        self.action.triggered.connect(lambda: self.start())
        self.confirm: QMessageBox | None = None     # the open confirm dialog (tests reach it here)

    def start(self, path: Path | None = None) -> None:
        session = self._ctx.session
        township = session.catalog.township() if session is not None and session.catalog is not None else None
        if township is None:
            self._window.statusBar().showMessage("请先在“乡镇信息与领域”中填写本乡镇，再导入其他目录。", 8000)
            return
        path = path or filedialogs.ask_open_file(self._window, "选择作为起点的目录文件",
                                                 filedialogs.documents_folder(), FILTERS)
        if path is None:
            return
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        box = QMessageBox(QMessageBox.Icon.Question, "以其他目录为起点",
                          confirm_text(path, township.government), buttons, self._window)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(lambda result: self._confirmed(result, path))
        self.confirm = box
        box.open()

    def _confirmed(self, result: int, path: Path) -> None:
        self.confirm = None
        if result != QMessageBox.StandardButton.Yes:
            return
        session = self._ctx.session
        assert session is not None
        run_op(self._ctx, partial(import_as_template, session.shipped, path), title="以其他目录为起点",
               parent=self._window, on_done=self._done)

    def _done(self, summary: ImportSummary) -> None:
        text = (f"已以 {summary.file} 为起点导入 {summary.items} 项"
                f"（公开主体改写 {summary.subjects_rewritten} 项），请逐项核对后再发布。")
        self._window.statusBar().showMessage(text, 15000)
