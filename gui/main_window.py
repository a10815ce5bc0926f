"""The main window: left navigation over the registered pages, menus, status bar."""
from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import QByteArray, QRect, QSize, Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from catalog import APP_NAME, APP_NAME_EN, __version__
from gui import settings as S
from gui.context import AppContext
from gui.pages.registry import PageSpec, in_nav_order, registered_pages
from gui.style import apply_font, clamp_point_size, set_text_color
from gui.widgets import ElidedLabel, NavList

PREFERRED_SIZE = QSize(1280, 800)     # the first start's size when the screen has room for it
MINIMUM_SIZE = QSize(1000, 700)       # every page fits in this (a 1024×768 screen with its task bar)
FRAME_SIDE, FRAME_TOP = 8, 32         # room for the window frame and title bar (not known before show)


class MainWindow(QMainWindow):
    """Pages are created the first time they are shown; their optional hooks (gui.pages.Page)
    are called when they exist."""

    def __init__(self, ctx: AppContext, *, pages: Sequence[PageSpec] | None = None,
                 font_family: str | None = None):
        super().__init__()
        self._ctx = ctx
        self._font_family = font_family
        self._specs = in_nav_order(list(pages)) if pages is not None else registered_pages()
        self._pages: dict[str, QWidget] = {}
        self.undo_group = QUndoGroup(self)
        self.setWindowTitle(f"{APP_NAME} {__version__}")
        self.resize(PREFERRED_SIZE)
        self._build_central()
        self._build_menus()
        self._build_status_bar()
        ctx.runner.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.setAcceptDrops(True)
        if ctx.session is not None:       # 文件 menu for workspaces and versions, township in the status bar
            from gui.workspace_actions import WorkspaceActions
            self.workspace_actions = WorkspaceActions(self, ctx)
        self._restore()

    # --- construction ---------------------------------------------------------------------------
    def _build_central(self) -> None:
        self.nav = NavList()
        self.nav.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for spec in self._specs:
            item = QListWidgetItem(spec.title)
            item.setToolTip(spec.tooltip)
            self.nav.addItem(item)
        width = max((self.nav.fontMetrics().horizontalAdvance(s.title) for s in self._specs), default=60)
        self.nav.setFixedWidth(width + 64)
        self.stack = QStackedWidget()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.VLine)
        line.setFrameShadow(QFrame.Shadow.Plain)
        set_text_color(line, "#d5dce6")      # a plain VLine is drawn in the text colour
        layout.addWidget(line)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self._nav_changed)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = self.file_menu = bar.addMenu("文件(&F)")
        quit_action = self.quit_action = file_menu.addAction("退出(&X)")
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)

        edit = bar.addMenu("编辑(&E)")
        self.undo_action = self.undo_group.createUndoAction(self, "撤销")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_group.createRedoAction(self, "重做")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addSeparator()
        self.find_action = edit.addAction("查找(&F)…")
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self._find)

        view = bar.addMenu("视图(&V)")
        for number, spec in enumerate(self._specs, start=1):
            action = view.addAction(spec.title)
            if number <= 9:
                action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _=False, key=spec.key: self.show_page(key))
        view.addSeparator()
        for text, keys, step in (("放大字号", ("Ctrl++", "Ctrl+="), 1.0), ("缩小字号", ("Ctrl+-",), -1.0),
                                 ("默认字号", ("Ctrl+0",), 0.0)):
            action = view.addAction(text)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.triggered.connect(lambda _=False, step=step: self.zoom(step))

        help_menu = bar.addMenu("帮助(&H)")
        about = help_menu.addAction(f"关于{APP_NAME}(&A)")
        about.triggered.connect(lambda: self.about_box().exec())
        help_menu.addAction("关于 Qt").triggered.connect(lambda: QMessageBox.aboutQt(self, "关于 Qt"))

    def _build_status_bar(self) -> None:
        self.workspace_label = ElidedLabel()       # a long path shrinks (…) so the status bar fits 1024 px
        self.guides_label = ElidedLabel()
        for label in (self.workspace_label, self.guides_label):
            label.setContentsMargins(10, 0, 10, 0)
        self.statusBar().addPermanentWidget(self.workspace_label)
        self.statusBar().addPermanentWidget(self.guides_label)
        self.set_workspace_text(str(self._ctx.db_path) if self._ctx.db_path else "默认工作区")
        guides = self._ctx.guides
        partial = sum(1 for g in guides if g.completeness.status == "partial")
        items = sum(len(g.active_items) for g in guides)
        note = f"，其中 {partial} 个领域数据不完整" if partial else ""
        self.guides_label.setText(f"标准指引：{len(guides)} 个领域 · {items} 项{note}")

    def set_workspace_text(self, text: str) -> None:
        """The status bar's workspace part (later pages add township and last saved/published)."""
        self.workspace_label.setText(f"工作区：{text}")
        self.workspace_label.setToolTip(f"工作区：{text}")

    def _restore(self) -> None:
        geometry = self._ctx.settings.get(S.WINDOW_GEOMETRY)
        if geometry:
            self.restoreGeometry(QByteArray(geometry))
        self.fit_to_screen()
        keys = [s.key for s in self._specs]
        wanted = self._ctx.settings.get(S.CURRENT_PAGE)
        if keys:
            self.show_page(wanted if wanted in keys else keys[0])

    def fit_to_screen(self) -> None:
        """Keep the whole window (title bar and status bar too) inside the screen's available area:
        the first start asks for 1280×800, a 1366×768 or 1024×768 screen gets what it has."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None or self.isMaximized() or self.isFullScreen():
            return
        self.setGeometry(fitted(self.geometry(), screen.availableGeometry()))

    # --- pages ----------------------------------------------------------------------------------
    @property
    def page_keys(self) -> list[str]:
        return [s.key for s in self._specs]

    def page(self, key: str) -> QWidget:
        """The page widget for key, created on first use."""
        if key not in self._pages:
            spec = next(s for s in self._specs if s.key == key)
            widget = spec.factory(self._ctx, self)
            self._pages[key] = widget
            self.stack.addWidget(widget)
            stack = getattr(widget, "undo_stack", None)
            if stack is not None:
                self.undo_group.addStack(stack)
        return self._pages[key]

    def current_page(self) -> QWidget | None:
        return self.stack.currentWidget()

    def current_key(self) -> str | None:
        row = self.nav.currentRow()
        return self._specs[row].key if 0 <= row < len(self._specs) else None

    def show_page(self, key: str) -> QWidget:
        row = self.page_keys.index(key)
        if self.nav.currentRow() != row:
            self.nav.setCurrentRow(row)    # → _nav_changed
        return self.page(key)

    def _nav_changed(self, row: int) -> None:
        if not 0 <= row < len(self._specs):
            return
        widget = self.page(self._specs[row].key)
        self.stack.setCurrentWidget(widget)
        # None (a page without undo) deactivates; the stubs omit that QUndoGroup takes a null stack.
        self.undo_group.setActiveStack(getattr(widget, "undo_stack", None))  # type: ignore[arg-type]
        shown = getattr(widget, "page_shown", None)
        if shown is not None:
            shown()

    # --- drag and drop: the first page (in navigation order) whose spec accepts the files opens them
    def drop_target(self, paths: list) -> PageSpec | None:
        return next((s for s in self._specs if s.accepts is not None and paths and s.accepts(paths)), None)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        paths = dropped_paths(event.mimeData())
        if self.drop_target(paths):
            event.acceptProposedAction()
        elif paths:                    # refused (the cursor says so): the status bar says what is taken
            self.statusBar().showMessage(self.drop_refusal(paths), 15000)

    def dragMoveEvent(self, event) -> None:
        if self.drop_target(dropped_paths(event.mimeData())):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_paths(event.mimeData())
        spec = self.drop_target(paths)
        if spec is None:
            if paths:
                self.statusBar().showMessage(self.drop_refusal(paths), 15000)
            return
        event.acceptProposedAction()
        self.open_paths(spec.key, paths)

    def drop_refusal(self, paths: list) -> str:
        """Why these files cannot be dropped here, and which files can (a .png or a .docx)."""
        hints = [s.drop_hint for s in self._specs if s.accepts is not None and s.drop_hint]
        names = "、".join(p.name for p in paths[:3]) + ("等" if len(paths) > 3 else "")
        return f"不能打开 {names}：" + ("可以拖到窗口上的文件是：" + "；".join(hints) + "。" if hints
                                         else "这个窗口不接受拖入的文件。")

    def open_paths(self, key: str, paths: list) -> None:
        """Show page `key` and hand it the files (drag and drop, or a command-line file)."""
        opener = getattr(self.show_page(key), "open_paths", None)
        if opener is not None:
            opener(paths)

    def _find(self) -> None:
        focus = getattr(self.current_page(), "focus_search", None)
        if focus is not None:
            focus()

    # --- view -----------------------------------------------------------------------------------
    def zoom(self, step: float) -> None:
        """Change the application font size by step points (0: back to the default)."""
        current = self._ctx.settings.get(S.FONT_POINT_SIZE)
        size = S.FONT_POINT_SIZE.default if step == 0 else clamp_point_size(current + step)
        self._ctx.settings.set(S.FONT_POINT_SIZE, size)
        app = QApplication.instance()
        if isinstance(app, QApplication):     # (always in the GUI; instance() is typed as the base class)
            apply_font(app, family=self._font_family, point_size=size)
        self.statusBar().showMessage(f"字号：{size:g} 磅", 3000)

    def about_box(self) -> QMessageBox:
        import platform
        box = QMessageBox(self)
        box.setWindowTitle(f"关于{APP_NAME}")
        box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(
            f"<h3>{APP_NAME}（{APP_NAME_EN}）</h3><p>版本 {__version__}</p>"
            "<p>乡镇政务公开事项标准目录的编制、检查、导出上报，以及村务公开栏公示表打印。"
            "全部在本机离线完成，不联网。</p>"
            "<p>标准指引数据：随软件提供的 26 个领域数据不完整，只含已核实的事项，请以正式文件为准。</p>"
            "<p>界面与打印字体：文泉驿微米黑（Apache-2.0 或 GPL-3.0+ 附字体例外）。</p>"
            f"<p style='color:#5f6b7a'>Python {platform.python_version()} · PySide6 {PYSIDE_VERSION}"
            f" · {sys.platform}</p>")
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        return box

    # --- closing --------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        for widget in self._pages.values():
            can_close = getattr(widget, "can_close", None)
            if can_close is not None and not can_close():
                event.ignore()
                return
        runner = self._ctx.runner
        if runner.active:
            runner.cancel_all()
            runner.wait_for_done(5000)
        self.save_state()
        super().closeEvent(event)

    def save_state(self) -> None:
        settings = self._ctx.settings
        settings.set(S.WINDOW_GEOMETRY, bytes(self.saveGeometry().data()))
        key = self.current_key()
        if key:
            settings.set(S.CURRENT_PAGE, key)
        for widget in self._pages.values():
            save = getattr(widget, "save_state", None)
            if save is not None:
                save()
        settings.sync()


def fitted(window: QRect, area: QRect) -> QRect:
    """window (client geometry) shrunk and moved so that it and its frame fit in area."""
    width = min(window.width(), area.width() - 2 * FRAME_SIDE)
    height = min(window.height(), area.height() - FRAME_TOP - FRAME_SIDE)
    x = min(max(window.x(), area.left() + FRAME_SIDE), area.right() - FRAME_SIDE - width + 1)
    y = min(max(window.y(), area.top() + FRAME_TOP), area.bottom() - FRAME_SIDE - height + 1)
    return QRect(x, y, width, height)


def dropped_paths(mime) -> list:
    """The local files and folders of a drag (URLs that are not local files are ignored)."""
    from pathlib import Path
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()] if mime.hasUrls() else []
