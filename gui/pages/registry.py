"""The navigation's pages: each page module declares `PAGE = PageSpec(...)`; PAGE_MODULES lists them.

To add a page: make a package gui/pages/<name>/ whose __init__.py declares a module-level
`PAGE = PageSpec(key=..., title=..., factory=...)` (the factory imports the page's view lazily, to keep
start-up fast) and whose view.py holds a QWidget subclass taking (ctx, parent); then add <name> to
PAGE_MODULES. The main window shows the registered pages in NAV_ORDER, creates each one the first
time it is shown, and calls the optional hooks of the `Page` protocol below when a page has them.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack

    from gui.context import AppContext

# Packages under gui/pages/ that declare a PAGE.
PAGE_MODULES = ["guides", "compile", "check", "export", "notice", "county", "ledger", "tasks", "settings"]

# Navigation order (issue 8): 标准指引 · 目录编制 · 目录检查 · 导出上报 · 公示打印 · 县级汇总 · 设置.
# Keys not listed here go after these, in PAGE_MODULES order.
NAV_ORDER = ("guides", "compile", "check", "export", "noticeboard", "county", "ledger", "tasks", "settings")


@dataclass(frozen=True)
class PageSpec:
    key: str                                                   # stable id, stored in settings
    title: str                                                 # the navigation text, e.g. 标准指引
    factory: Callable[[AppContext, QWidget | None], QWidget]  # builds the page widget
    tooltip: str = ""                                          # one line shown on the navigation
    accepts: Callable[[list[Path]], bool] | None = None        # files dropped on the window it opens
    drop_hint: str = ""                                        # those files in words (for a refused drop)


class Page(Protocol):
    """Optional hooks: a page implements only those it needs (the main window checks with getattr).

    undo_stack: QUndoStack       -- joins the window's undo group; 编辑 › 撤销/重做 act on it while shown
    page_shown() -> None         -- every time the page becomes the current one (refresh cheap views)
    focus_search() -> None       -- 编辑 › 查找 (Ctrl+F)
    can_close() -> bool          -- before the window closes; False keeps it open (unsaved input)
    save_state() -> None         -- when the window closes: remember splitters, filters … in Settings
    open_paths(paths) -> None    -- files dropped on the window that the spec's `accepts` took
    """
    undo_stack: QUndoStack

    def page_shown(self) -> None: ...

    def focus_search(self) -> None: ...

    def can_close(self) -> bool: ...

    def save_state(self) -> None: ...

    def open_paths(self, paths: list[Path]) -> None: ...


def registered_pages(modules: list[str] | None = None) -> list[PageSpec]:
    """The PageSpecs of PAGE_MODULES (or `modules`), in navigation order."""
    return in_nav_order([importlib.import_module(f"{__package__}.{name}").PAGE
                         for name in (modules or PAGE_MODULES)])


def in_nav_order(specs: list[PageSpec]) -> list[PageSpec]:
    """Sort by NAV_ORDER (unknown keys last, in given order); refuse duplicate keys."""
    keys = [s.key for s in specs]
    if len(set(keys)) != len(keys):
        raise ValueError(f"duplicate page keys: {keys}")
    order = {key: i for i, key in enumerate(NAV_ORDER)}
    return sorted(specs, key=lambda s: (order.get(s.key, len(order)), keys.index(s.key)))
