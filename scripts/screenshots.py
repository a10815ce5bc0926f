"""Take the README/docs screenshots offscreen: `.venv/bin/python scripts/screenshots.py [NAME ...]`.

Each scene prepares the main window (1280×800, default font size, throw-away settings) and is
saved as docs/screenshots/NAME.png. Add a scene function for each new page.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"
SIZE = (1280, 800)


def guides(window) -> None:
    """标准指引: 涉农补贴 selected, its first item's details shown."""
    page = window.show_page("guides")
    page.select_domain(17)
    page.select_item("17-001")


SCENES: dict[str, Callable] = {"guides": guides}


def main(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication

    from gui.app import parse_args, start_gui
    names = argv or list(SCENES)
    unknown = [n for n in names if n not in SCENES]
    if unknown:
        print(f"unknown scene(s): {', '.join(unknown)}; known: {', '.join(SCENES)}", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        started = start_gui(parse_args(["--settings", str(Path(tmp) / "settings.ini")]))
        if started is None:
            return 2
        app, window = started
        window.resize(*SIZE)
        for name in names:
            SCENES[name](window)
            for _ in range(3):
                QApplication.processEvents()
            path = OUT / f"{name}.png"
            window.grab().save(str(path))
            print("wrote", path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
