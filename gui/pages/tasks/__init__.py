"""工作台账 in the navigation (gui/pages/tasks/view.py is imported when first shown)."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from gui.pages.registry import PageSpec


def _factory(ctx, parent: QWidget | None = None) -> QWidget:
    from gui.pages.tasks.view import TasksPage
    return TasksPage(ctx, parent)


PAGE = PageSpec(key="tasks", title="工作台账", factory=_factory,
                tooltip="工作台账：上级下发的工作要点任务清单，完成情况、期限和目录覆盖提醒")
