"""Start-up: main.py routing, the no-desktop message, and a fresh GUI process that stays light."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gui.app import NO_DISPLAY_MESSAGE, display_missing, install_excepthook, parse_args
from main import route

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("openpyxl", "reportlab", "pypdf", "python_calamine")


@pytest.mark.parametrize(("argv", "expected"), [
    ([], ("gui", [])),
    (["--db", "a.db"], ("gui", ["--db", "a.db"])),
    (["--db=a.db"], ("gui", ["--db=a.db"])),
    (["--gui", "--db", "x"], ("gui", ["--db", "x"])),
    (["guides"], ("cli", ["guides"])),
    (["--db", "a.db", "guides", "--json"], ("cli", ["--db", "a.db", "guides", "--json"])),
    (["--help"], ("cli", ["--help"])),
    (["--version"], ("cli", ["--version"])),
    (["--db"], ("cli", ["--db"])),          # let the CLI's parser explain the missing value
    (["--selftest", "--quick"], ("selftest", ["--quick"])),
])
def test_route(argv, expected):
    assert route(argv) == expected


@pytest.mark.parametrize(("env", "platform", "missing"), [
    ({}, "linux", True),
    ({"DISPLAY": ":0"}, "linux", False),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
    ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
    ({"DISPLAY": ""}, "linux", True),
    ({}, "win32", False),
    ({}, "darwin", False),
])
def test_display_missing(env, platform, missing):
    assert display_missing(env, platform) is missing


def test_gui_options():
    args = parse_args(["--db", "工作区.db"])
    assert args.db == Path("工作区.db") and args.settings is None


def _env_without_display() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONIOENCODING"] = "utf-8"
    return env


@pytest.mark.skipif(sys.platform.startswith(("win", "darwin")), reason="there is always a display")
@pytest.mark.parametrize("argv", [[], ["--db", "x.db"]])
def test_without_a_desktop_the_gui_explains_and_exits_2(argv):
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), *argv], env=_env_without_display(),
                          capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip() == NO_DISPLAY_MESSAGE.strip()
    assert "桌面" in proc.stderr and "desktop" in proc.stderr and "python main.py guides" in proc.stderr


@pytest.mark.skipif(sys.platform.startswith(("win", "darwin")), reason="there is always a display")
def test_without_a_desktop_the_cli_still_works():
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "guides", "--json"],
                          env=_env_without_display(), capture_output=True, text=True,
                          encoding="utf-8", timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)) == 26


PROBE = """
import json, sys
sys.path.insert(0, {root!r})
from gui.app import parse_args, start_gui
app, win = start_gui(parse_args(["--settings", {settings!r}, "--db", {db!r}]))
app.processEvents()
page = win.page("guides")
print(json.dumps({{
    "visible": win.isVisible(), "page": win.current_key(), "rows": page.proxy.rowCount(),
    "font": app.font().family(), "title": win.windowTitle(),
    "translated": app.translate("QPlatformTheme", "Cancel"),
    "icon": not app.windowIcon().isNull(),
    "heavy": sorted(m for m in sys.modules if m.split(".")[0] in {heavy!r}),
}}, ensure_ascii=False))
"""


@pytest.mark.gui
def test_fresh_gui_process_shows_guides_without_heavy_imports(tmp_path, guides):
    code = PROBE.format(root=str(ROOT), settings=str(tmp_path / "s.ini"), db=str(tmp_path / "ws.gkml.db"),
                        heavy=HEAVY)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=120)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["visible"] and out["page"] == "guides"
    assert out["rows"] == sum(len(g.active_items) for g in guides)
    assert out["font"] == "WenQuanYi Micro Hei"          # the shipped font, not a system one
    assert out["translated"] == "取消"                     # Qt's own zh_CN texts are loaded
    assert out["icon"] and out["title"].startswith("公开目录助手")
    assert out["heavy"] == [], f"imported at start-up: {out['heavy']}"


def test_uncaught_exceptions_become_a_program_error_report(monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)   # restored after the test
    shown = []
    install_excepthook(show=lambda err, details: shown.append((err, details)))
    try:
        {}["x"]
    except KeyError as err:
        sys.excepthook(type(err), err, err.__traceback__)
    [(err, details)] = shown
    assert isinstance(err, KeyError) and "Traceback" in details and "test_gui_startup.py" in details
