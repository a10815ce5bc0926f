"""Look and feel: the shipped CJK font as the application font, one stylesheet, shared colours."""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

log = logging.getLogger("gkml.gui")

ACCENT = "#1f5fa8"          # 政务蓝: selection, links, headings
TEXT_MUTED = "#5f6b7a"
MIN_POINT_SIZE, MAX_POINT_SIZE = 8.0, 20.0

STYLESHEET = f"""
QListWidget#nav {{
    background: #eef2f7; border: none; border-right: 1px solid #d5dce6; outline: 0;
    padding-top: 8px;
}}
QListWidget#nav::item {{ padding: 9px 18px; border-left: 3px solid transparent; color: #243040; }}
QListWidget#nav::item:hover {{ background: #e2e9f3; }}
QListWidget#nav::item:selected {{
    background: #d9e5f5; color: {ACCENT}; border-left: 3px solid {ACCENT}; font-weight: bold;
}}
QFrame#banner {{ background: #fff7e0; border: 1px solid #ecd28b; border-radius: 4px; }}
QFrame#banner QLabel {{ color: #5c4300; }}
QLabel#muted {{ color: {TEXT_MUTED}; }}
QTableView, QTreeView {{ selection-background-color: #cfe0f5; selection-color: #111; }}
QTextBrowser#detail {{ border: 1px solid #d5dce6; background: #ffffff; }}
QStatusBar QLabel {{ color: #34404f; padding: 0 6px; }}
"""


def register_font(path: Path) -> str | None:
    """Register the shipped font with Qt; returns its family, or None (the app then uses system fonts)."""
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        log.warning("font %s could not be loaded; falling back to system fonts", path)
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    return families[0] if families else None   # index 0 of the .ttc: WenQuanYi Micro Hei


def apply_font(app: QApplication, *, family: str | None, point_size: float) -> None:
    """Make `family` at `point_size` the font of every widget (within sane bounds)."""
    font = QFont(family) if family else app.font()
    font.setPointSizeF(clamp_point_size(point_size))
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    app.setFont(font)


def clamp_point_size(size: float) -> float:
    return max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, float(size)))


def apply_style(app: QApplication) -> None:
    """Fusion looks the same on every Windows version and offscreen; our sheet adds the accents."""
    app.setStyle("Fusion")
    app.setStyleSheet(STYLESHEET)
