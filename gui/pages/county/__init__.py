"""县级汇总 in the navigation, and which dropped files it opens (gui/pages/county/view.py is imported
when first shown)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from gui.pages.registry import PageSpec


def accepts_county(paths: list[Path]) -> bool:
    """A dropped folder, or township files (.gkml)."""
    return all(p.is_dir() or p.suffix.lower() == ".gkml" for p in paths)


def _factory(ctx, parent: QWidget | None = None) -> QWidget:
    from gui.pages.county.view import CountyPage
    return CountyPage(ctx, parent)


PAGE = PageSpec(key="county", title="县级汇总", factory=_factory, accepts=accepts_county,
                drop_hint="乡镇报送的目录文件（.gkml）或装有它们的文件夹 → 县级汇总",
                tooltip="县级：导入各乡镇报送的目录文件，查看覆盖情况并导出汇总表")
