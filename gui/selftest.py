"""The GUI part of `--selftest`: the Qt libraries load, the font registers, the main window builds."""
from __future__ import annotations

import os
import sys


def _main_window(state: dict) -> str:
    if not sys.platform.startswith(("win", "darwin")) and not (os.environ.get("DISPLAY")
                                                               or os.environ.get("WAYLAND_DISPLAY")):
        if not os.environ.get("QT_QPA_PLATFORM"):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"   # prove Qt works even on a headless box
    from gui.app import parse_args, start_gui
    settings = state["dir"] / "selftest-settings.ini"
    started = start_gui(parse_args(["--settings", str(settings)]))
    if started is None:
        raise RuntimeError("主窗口未能启动")
    app, window = started
    app.processEvents()
    title = window.windowTitle()
    window.close()
    return f"主窗口「{title}」（{app.platformName()}）"


GUI_STEPS = [("启动图形界面", _main_window)]
