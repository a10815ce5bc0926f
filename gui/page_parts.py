"""Pieces every workspace page uses: the page heading, the open catalog (or why there is none)."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from catalog.township.service import TownshipCatalog
from gui.context import AppContext
from gui.style import TEXT_MUTED, set_text_color
from gui.widgets import TitleLabel


def heading(layout: QVBoxLayout, title: str, subtitle: str = "") -> tuple[TitleLabel, QLabel]:
    """Add a page title and a muted one-line subtitle to `layout`."""
    t = TitleLabel(title, objectName="pageTitle")
    s = QLabel(subtitle)
    s.setWordWrap(True)
    set_text_color(s, TEXT_MUTED)
    layout.addWidget(t)
    layout.addWidget(s)
    return t, s


def open_catalog(ctx: AppContext) -> TownshipCatalog | None:
    """The workspace open on the GUI thread, or None."""
    session = ctx.session
    return session.catalog if session is not None and session.is_open else None


def missing_workspace_text(ctx: AppContext) -> str | None:
    """Why a page that needs the township cannot work yet (None when it can)."""
    cat = open_catalog(ctx)
    if cat is None:
        return "还没有打开工作区。请先在「文件」菜单中打开或新建工作区。"
    if cat.township() is None:
        return "工作区还没有乡镇信息。请先在首次使用向导中填写乡镇名称、所属县和区划代码。"
    return None


def connect_session(ctx: AppContext, widget: QWidget, slot) -> None:
    """Call slot() whenever the session says something changed (opened, closed, edited, an op ran)."""
    session = ctx.session
    if session is None:
        return
    session.changed.connect(lambda _changes: slot())
