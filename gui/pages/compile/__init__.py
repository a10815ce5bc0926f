"""目录编制 in the navigation (the page itself, gui/pages/compile/view.py, is imported when first shown)."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from gui.pages.registry import PageSpec


def _factory(ctx, parent: QWidget | None = None) -> QWidget:
    from gui.pages.compile.view import CompilePage
    return CompilePage(ctx, parent)


PAGE = PageSpec(key="compile", title="目录编制", factory=_factory,
                tooltip="逐项核对、修改本乡镇的政务公开事项目录")
