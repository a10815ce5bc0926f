"""Look and feel: the shipped CJK font as the application font, Fusion with one palette, shared colours.

No Qt style sheet: it costs ~60 ms at start-up and slows every widget's polish; the few accents
(navigation, banner, muted text) are painted by small widgets in gui/widgets.py instead.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger("gkml.gui")

ACCENT = "#1f5fa8"          # 政务蓝: selection, links, headings
TEXT_MUTED = "#5f6b7a"
SELECTION = "#cfe0f5"
NAV_BACKGROUND = "#eef2f7"
NAV_HOVER = "#e2e9f3"
NAV_SELECTED = "#d9e5f5"
BANNER_BACKGROUND = "#fff7e0"
BANNER_BORDER = "#ecd28b"
BANNER_TEXT = "#5c4300"
MIN_POINT_SIZE, MAX_POINT_SIZE = 8.0, 20.0


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
    """Fusion looks the same on every Windows version and offscreen; the palette adds our accents."""
    app.setStyle("Fusion")
    palette = app.style().standardPalette()
    palette.setColor(QPalette.ColorRole.Highlight, QColor(SELECTION))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#111111"))
    palette.setColor(QPalette.ColorRole.Link, QColor(ACCENT))
    app.setPalette(palette)


def set_text_color(widget: QWidget, color: str) -> None:
    """Give one widget (a label) a text colour without a style sheet."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(color))
    palette.setColor(QPalette.ColorRole.Text, QColor(color))
    widget.setPalette(palette)
