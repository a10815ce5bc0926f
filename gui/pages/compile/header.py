"""The heading of the catalog pages: title, township and catalog state, and the way into the wizard."""
from __future__ import annotations

from collections import Counter

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from catalog.township.items import STATUS_TEXT
from gui.context import AppContext
from gui.style import TEXT_MUTED, set_text_color
from gui.widgets import Banner, TitleLabel, named


class CatalogHeader(QWidget):
    """refresh() after edits: it reads the session's cached rows and two tiny queries."""

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        assert ctx.session is not None
        self._ctx = ctx
        self.title = TitleLabel(title, objectName="pageTitle")
        self.subtitle = named(QLabel(), "pageSubtitle")
        self.subtitle.setWordWrap(True)
        set_text_color(self.subtitle, TEXT_MUTED)
        self.profile_button = named(QPushButton("乡镇信息与领域…"), "profileButton")
        self.profile_button.setToolTip("修改乡镇信息、村（社区）名单和涉及的领域，并补充编制")
        self.banner = Banner()
        self.start_button = named(QPushButton("开始编制目录…"), "startWizard")
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        text = QVBoxLayout()
        text.addWidget(self.title)
        text.addWidget(self.subtitle)
        top.addLayout(text, 1)
        top.addWidget(self.profile_button)
        top.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        self.profile_button.clicked.connect(self.open_wizard)
        self.start_button.clicked.connect(self.open_wizard)
        ctx.session.changed.connect(self.refresh)
        self.refresh()

    def open_wizard(self) -> None:
        from gui.wizard.wizard import open_wizard
        open_wizard(self._ctx, self)

    def refresh(self) -> None:
        session = self._ctx.session
        assert session is not None
        township = session.catalog.township() if session.catalog is not None else None
        self.start_button.setVisible(township is None)
        self.profile_button.setVisible(township is not None)
        if township is None:
            self.subtitle.setText("")
            self.banner.set_html("<b>还没有乡镇目录。</b>点击右侧「开始编制目录…」，填写乡镇信息、选择涉及的领域，"
                                 "程序会按标准指引生成目录。")
            return
        items = session.items()
        counts = Counter(i.status for i in items)
        parts = "，".join(f"{STATUS_TEXT[s]} {counts[s]}" for s in STATUS_TEXT if counts[s])
        versions = session.require().versions()
        published = (f"已发布第 {versions[-1]['no']} 版（{versions[-1]['published_at'][:10]}）" if versions
                     else "尚未发布")
        self.subtitle.setText(f"{township.government}（{township.county}）　共 {len(items)} 项"
                              + (f"：{parts}" if parts else "") + f"　{published}")
        pending = counts.get("pending", 0)
        self.banner.set_html(f"有 <b>{pending}</b> 项指引未写明是否由乡镇公开（层级待确认），"
                             "用「批量决定层级…」看原因和建议，一次纳入或标记不适用。" if pending else "")
