"""导出上报 in the navigation (the page itself, gui/pages/export/view.py, is imported when first shown)."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from gui.pages.registry import PageSpec


def _factory(ctx, parent: QWidget | None = None) -> QWidget:
    from gui.pages.export.view import ExportPage
    return ExportPage(ctx, parent)


PAGE = PageSpec(key="export", title="导出上报", factory=_factory,
                tooltip="把目录导出为 Excel、PDF 或报送县里的目录文件（.gkml）")
