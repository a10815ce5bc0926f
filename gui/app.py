"""Start the GUI: check for a desktop, build QApplication (font, zh_CN translations, icon), show the
window."""
from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from catalog import APP_NAME, APP_NAME_EN, __version__
from catalog.errors import KnownError

log = logging.getLogger("gkml.gui")
_translators: list = []     # the installed QTranslators, kept referenced while the app runs

NO_DISPLAY_MESSAGE = f"""\
{APP_NAME}的图形界面需要桌面环境，但当前没有可用的显示器（未设置 DISPLAY 或 WAYLAND_DISPLAY）。
请在有桌面的电脑上运行；在服务器或远程终端上可以使用命令行：
  python main.py guides          列出 26 个领域的标准指引
  python main.py --help          查看全部命令

{APP_NAME_EN} needs a desktop to show its window, and no display was found (DISPLAY and
WAYLAND_DISPLAY are not set). Run it on a desktop, or use the command line instead:
  python main.py guides          list the 26 standard guides
  python main.py --help          show all commands
"""


def display_missing(env: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """True on Linux/BSD without DISPLAY/WAYLAND_DISPLAY and without QT_QPA_PLATFORM (Qt would abort)."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if platform.startswith(("win", "darwin")):
        return False
    return not any(env.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="main.py", description=f"{APP_NAME}：图形界面")
    parser.add_argument("--db", metavar="PATH", type=Path, help="工作区数据库文件")
    parser.add_argument("--settings", metavar="FILE", type=Path, help=argparse.SUPPRESS)  # tests, bench
    return parser.parse_args(list(argv))


def run_gui(argv: Sequence[str]) -> int:
    """Open the main window and run until it closes; 2 when there is no desktop or the data is broken."""
    if display_missing():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 2
    args = parse_args(argv)
    started = start_gui(args)
    if started is None:
        return 2
    app, _window = started
    install_excepthook()   # only around the real event loop: its dialog is modal
    return app.exec()


def start_gui(args: argparse.Namespace):
    """Build the application, open the workspace and show the main window; returns (app, window), or
    None after showing why the guides or the workspace could not be loaded. Used by run_gui and the
    start-up benchmark."""
    from PySide6.QtCore import QLocale, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from catalog.guides.shipped import load_guides
    from catalog.resources import font_path
    from gui import settings as S
    from gui.context import AppContext
    from gui.errors import known_error_box
    from gui.main_window import MainWindow
    from gui.session import Session
    from gui.settings import Settings
    from gui.style import apply_font, apply_style, register_font
    from gui.tasks import TaskRunner
    from gui.workspace_open import initial_workspace, open_with_recovery

    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "gkml"])
    assert isinstance(app, QApplication)     # (instance() is typed as the QCoreApplication base)
    app.setApplicationName(APP_NAME_EN)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("GKML")
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    _translators[:] = install_translations(app)
    _set_windows_app_id()
    app.setWindowIcon(app_icon())

    settings = Settings.at(args.settings) if args.settings else Settings.default()
    family = register_font(font_path())
    apply_style(app)
    apply_font(app, family=family, point_size=settings.get(S.FONT_POINT_SIZE))

    try:
        guides = load_guides()
    except KnownError as err:
        known_error_box(None, "加载标准指引", err).exec()
        return None
    session = Session(guides, initial_workspace(args.db, settings), parent=app)
    if not open_with_recovery(session, session.path, settings=settings):
        return None      # the clerk chose to quit rather than open a damaged or unreadable file
    ctx = AppContext(guides=guides, settings=settings, runner=TaskRunner(parent=app), db_path=session.path,
                     session=session)
    # The worker's own connection follows the session: closed there when a workspace opens or closes.
    session.changed.connect(lambda changes: ctx.runner.release_workspace() if changes.workspace else None)
    window = MainWindow(ctx, font_family=family)
    window.show()
    return app, window


def install_translations(app) -> list:
    """Qt's own Chinese texts (标准按钮 确定/取消, 文件对话框 …) from the Qt translations folder."""
    from PySide6.QtCore import QLibraryInfo, QTranslator
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded = []
    for name in ("qtbase_zh_CN",):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            loaded.append(translator)
        else:
            log.warning("Qt translation %s not found in %s", name, folder)
    return loaded


def app_icon():
    """The window/taskbar icon from resources/icons (PNG, so no SVG plugin is needed at start)."""
    from PySide6.QtGui import QIcon

    from catalog.resources import resource_path
    icon = QIcon()
    for size in (16, 32, 48, 256):
        path = resource_path("icons", f"app-{size}.png")
        if path.exists():
            icon.addFile(str(path))
    return icon


def _set_windows_app_id() -> None:
    # Without this the Windows taskbar groups the window under python.exe and shows its icon.
    if sys.platform == "win32":     # (what Python reports on every Windows; mypy checks this form)
        try:
            import ctypes
            ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID("GKML.Desk")
        except (AttributeError, OSError):
            pass


def install_excepthook(show=None) -> None:
    """An exception escaping a slot becomes a 程序错误 dialog (logged), never a silent failure.

    show(err, details) replaces the dialog (tests)."""
    from gui.errors import bug_box, details_of
    showing: list[bool] = []

    def show_dialog(err: BaseException, details: str) -> None:
        from catalog.storage.faults import explain
        from gui.errors import known_error_box
        known = explain(err)    # locked / read-only / disk full: a message, not a 程序错误
        if known is not None:
            known_error_box(None, "处理界面操作", known).exec()
            return
        bug_box(None, "处理界面操作", err, details).exec()

    def hook(kind, err, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, err, tb)
            return
        details = details_of(err.with_traceback(tb))
        log.error("uncaught exception:\n%s", details)
        if showing:      # an error inside the error dialog: do not loop
            return
        showing.append(True)
        try:
            (show or show_dialog)(err, details)
        finally:
            showing.clear()

    sys.excepthook = hook
