"""设置 in the navigation (gui/pages/settings/view.py is imported when first shown)."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from gui.pages.registry import PageSpec


def _factory(ctx, parent: QWidget | None = None) -> QWidget:
    from gui.pages.settings.view import SettingsPage
    return SettingsPage(ctx, parent)


PAGE = PageSpec(key="settings", title="设置", factory=_factory,
                tooltip="节假日安排、公示打印默认设置、字号")
