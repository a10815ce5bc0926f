"""公开台账 in the navigation (gui/pages/ledger/view.py is imported when first shown)."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from gui.pages.registry import PageSpec


def _factory(ctx, parent: QWidget | None = None) -> QWidget:
    from gui.pages.ledger.view import LedgerPage
    return LedgerPage(ctx, parent)


PAGE = PageSpec(key="ledger", title="公开台账", factory=_factory,
                tooltip="公开台账与到期提醒：已逾期、即将到期的事项，依申请公开登记")
