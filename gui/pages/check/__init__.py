"""目录检查 in the navigation (the page itself, gui/pages/check/view.py, is imported when first shown)."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from gui.pages.registry import PageSpec


def _factory(ctx, parent: QWidget | None = None) -> QWidget:
    from gui.pages.check.view import CheckPage
    return CheckPage(ctx, parent)


PAGE = PageSpec(key="check", title="目录检查", factory=_factory,
                tooltip="检查目录中县里审核会发现的问题，按领域打分")
