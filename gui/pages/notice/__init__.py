"""公示打印 in the navigation, and which dropped files it opens (gui/pages/notice/view.py is imported
when first shown)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from gui.pages.registry import PageSpec

# As catalog.noticeboard.reader reads them (a literal here: importing the noticeboard costs start-up time).
ROSTER_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv", ".txt", ".tsv")


def accepts_roster(paths: list[Path]) -> bool:
    """A dropped roster file (the first file decides)."""
    return paths[0].is_file() and paths[0].suffix.lower() in ROSTER_SUFFIXES


def _factory(ctx, parent: QWidget | None = None) -> QWidget:
    from gui.pages.notice.view import NoticePage
    return NoticePage(ctx, parent)


PAGE = PageSpec(key="noticeboard", title="公示打印", factory=_factory, accepts=accepts_roster,
                drop_hint="补贴或救助名册（.xlsx、.xls、.csv）→ 公示打印",
                tooltip="导入补贴名册，检查后按村打印村务公开栏公示表（个人信息已脱敏）")
