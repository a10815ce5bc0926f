"""登记公开: one disclosure of a catalog item (dates, channels, where, who, 保密审查)."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from catalog.ledger import REVIEW_RESULTS, LedgerEntry
from catalog.township.items import CatalogItem
from gui.widgets import named


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _day(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class EntryDialog(QDialog):
    """Fields of a ledger entry; entry() builds it (the domain validates when it is stored)."""

    def __init__(self, items: list[CatalogItem], parent: QWidget | None = None, *, today: date | None = None,
                 item_uid: str | None = None):
        super().__init__(parent)
        self.setWindowTitle("登记公开")
        self.setMinimumWidth(520)
        today = today or date.today()
        self._items = {i.uid: i for i in items}
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.item = named(QComboBox(), "item")
        self.item.setEditable(True)           # type to find an item by number or name
        self.item.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for i in items:
            self.item.addItem(f"{i.uid} {i.title}", i.uid)
        form.addRow("目录事项", self.item)
        self.title_edit = named(QLineEdit(), "title")
        self.title_edit.setPlaceholderText("公开了什么，如“2026年第3季度低保审批名单”")
        form.addRow("标题", self.title_edit)
        self.formed_on = named(QCheckBox("信息形成或变更之日"), "hasFormed")
        self.formed = self._date(today)
        form.addRow(self.formed_on, self.formed)
        self.published_on = named(QCheckBox("已公开，公开之日"), "hasPublished")
        self.published_on.setChecked(True)
        self.published = self._date(today)
        form.addRow(self.published_on, self.published)
        self.channels = named(QLineEdit(), "channels")
        self.channels.setPlaceholderText("公开渠道，多个用顿号隔开，如 政府网站、村务公开栏")
        form.addRow("渠道", self.channels)
        self.where = named(QLineEdit(), "where")
        self.where.setPlaceholderText("网址、某村公开栏，或张贴文件的路径")
        form.addRow("位置", self.where)
        self.who = named(QLineEdit(), "who")
        form.addRow("经办人", self.who)
        review = QHBoxLayout()
        self.review_by = named(QLineEdit(), "reviewBy")
        self.review_by.setPlaceholderText("审查人")
        self.review_on = self._date(today)
        self.review_result = named(QComboBox(), "reviewResult")
        self.review_result.addItem("（未审查）", "")
        for r in REVIEW_RESULTS:
            self.review_result.addItem(r, r)
        review.addWidget(self.review_by)
        review.addWidget(self.review_on)
        review.addWidget(self.review_result)
        form.addRow("保密审查", review)
        layout.addLayout(form)
        ok = QDialogButtonBox.StandardButton.Ok
        self.buttons = QDialogButtonBox(ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(ok).setText("登记")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.formed_on.toggled.connect(self.formed.setEnabled)
        self.published_on.toggled.connect(self.published.setEnabled)
        self.item.currentIndexChanged.connect(self._item_changed)
        self.formed.setEnabled(False)
        if item_uid is not None:
            self.item.setCurrentIndex(max(self.item.findData(item_uid), 0))
        self._item_changed()

    def _date(self, d: date) -> QDateEdit:
        edit = QDateEdit(_qdate(d))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def _item_changed(self, *_args) -> None:
        item = self._items.get(self.item.currentData())
        if item is None:
            return
        if not self.title_edit.isModified():
            self.title_edit.setText(item.title)
        if not self.channels.isModified():
            self.channels.setText("、".join(item.text.channels or ()))

    def entry(self) -> LedgerEntry:
        text = self.channels.text().replace(",", "、").replace("，", "、")
        channels = tuple(c.strip() for c in text.split("、") if c.strip())
        reviewed = bool(self.review_result.currentData())
        return LedgerEntry(
            item_uid=self.item.currentData(), title=self.title_edit.text().strip(),
            formed=_day(self.formed.date()) if self.formed_on.isChecked() else None,
            published=_day(self.published.date()) if self.published_on.isChecked() else None,
            channels=channels, where=self.where.text().strip(), who=self.who.text().strip(),
            review_by=self.review_by.text().strip() if reviewed else "",
            review_on=_day(self.review_on.date()) if reviewed else None,
            review_result=self.review_result.currentData() or "")


class LinkDialog(QDialog):
    """对应目录事项: which catalog item an entry (recorded as 未对应) discloses."""

    def __init__(self, entry: LedgerEntry, items: list[CatalogItem], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("linkDialog")
        self.setWindowTitle("对应目录事项")
        self.entry_id = entry.id
        self.item = named(QComboBox(), "linkItem")
        self.item.setEditable(True)                       # type to find an item among many
        self.item.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for i in items:
            self.item.addItem(f"{i.uid}  {i.title}", i.uid)
        self.item.setCurrentIndex(-1)
        line = self.item.lineEdit()
        if line is not None:
            line.setPlaceholderText("输入编号或名称查找")
        ok, cancel = QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel
        self.buttons = QDialogButtonBox(ok | cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.item.currentIndexChanged.connect(self._changed)
        form = QFormLayout()
        form.addRow("台账记录", QLabel(f"{entry.title}（{entry.published or entry.formed or ''}）"))
        form.addRow("目录事项", self.item)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        note = QLabel("同一公示模板以后打印的记录会自动对应到这个事项。")
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self._changed()

    def _changed(self, *_args) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.item_uid() is not None)

    def item_uid(self) -> str | None:
        return self.item.currentData() if self.item.currentIndex() >= 0 else None
