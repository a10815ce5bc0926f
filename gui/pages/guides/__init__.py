"""标准指引 in the navigation (the page itself, gui/pages/guides/view.py, is imported when first shown)."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from gui.pages.registry import PageSpec


def _factory(ctx, parent: QWidget | None = None) -> QWidget:
    from gui.pages.guides.view import GuidesPage
    return GuidesPage(ctx, parent)


PAGE = PageSpec(key="guides", title="标准指引", factory=_factory,
                tooltip="浏览 26 个试点领域的基层政务公开标准指引")
