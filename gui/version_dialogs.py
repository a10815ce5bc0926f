"""发布版本 and 版本比较: freeze the catalog as a numbered version; show what changed between two versions."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from catalog.errors import KnownError
from gui.session import Session
from gui.style import TEXT_MUTED, set_text_color
from gui.widgets import named

CURRENT = "current"


class PublishDialog(QDialog):
    """Asks for an optional note; says what the current checks found (publishing is allowed anyway)."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("publishDialog")
        self.setWindowTitle("发布版本")
        catalog = session.require()
        versions = catalog.versions()
        next_no = (versions[-1]["no"] + 1) if versions else 1
        hint = "例如：按县里审核意见修改后重新发布（可不填）"
        self.note = named(QLineEdit(placeholderText=hint), "publishNote")
        self.note.setMinimumWidth(self.fontMetrics().horizontalAdvance(hint) + 40)
        info = QLabel(f"把当前目录（{len(session.items())} 项）保存为第 {next_no} 版。"
                      "发布后的版本不会再改变，可以随时比较、导出；目录本身仍可继续修改。")
        info.setWordWrap(True)
        report = session.checks.ensure()
        self.warning = named(QLabel(), "publishWarning")
        self.warning.setWordWrap(True)
        errors = report.summary["错误"] if report else 0
        if errors:
            self.warning.setText(f"注意：检查发现 {errors} 处错误，县里审核时会扣分。"
                                 "可以先在「目录检查」页修改，也可以先发布。")
            set_text_color(self.warning, "#b3261e")
        self.warning.setVisible(bool(errors))
        ok = QDialogButtonBox.StandardButton.Ok
        buttons = QDialogButtonBox(ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(ok).setText("发布")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("版本说明", self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(info)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(buttons)
        buttons.button(ok).setAutoDefault(False)     # Enter in the note does not publish by itself
        buttons.button(ok).setDefault(False)
        self.note.setFocus()


class VersionDiffDialog(QDialog):
    """Two versions (or 当前) side by side as a list of changes in plain Chinese."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("versionDiffDialog")
        self.setWindowTitle("版本比较")
        self.resize(760, 560)
        self._session = session
        self.old = named(QComboBox(), "oldVersion")
        self.new = named(QComboBox(), "newVersion")
        versions = session.require().versions()
        for v in versions:
            text = f"第 {v['no']} 版（{v['published_at'][:10]}）" + (f" {v['note']}" if v["note"] else "")
            self.old.addItem(text, v["no"])
            self.new.addItem(text, v["no"])
        self.new.addItem("当前（未发布的修改）", CURRENT)
        self.old.setCurrentIndex(max(0, len(versions) - 1))
        self.new.setCurrentIndex(self.new.count() - 1)
        self.text = named(QPlainTextEdit(), "diffText")
        self.text.setReadOnly(True)
        self.summary = named(QLabel(), "diffSummary")
        set_text_color(self.summary, TEXT_MUTED)
        row = QHBoxLayout()
        row.addWidget(QLabel("比较"))
        row.addWidget(self.old, 1)
        row.addWidget(QLabel("与"))
        row.addWidget(self.new, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.old.currentIndexChanged.connect(self.refresh)
        self.new.currentIndexChanged.connect(self.refresh)
        if not versions:
            self.text.setPlainText("还没有发布过版本。"
                                   "用「文件 › 发布版本」（Ctrl+S）发布第一版后，就可以比较修改了。")
            self.old.setEnabled(False)
            self.new.setEnabled(False)
        else:
            self.refresh()

    def refresh(self, *_args) -> None:
        try:
            d = self._session.require().diff(self.old.currentData(), self.new.currentData())
        except KnownError as err:
            self.text.setPlainText(str(err))
            return
        self.summary.setText(f"新增 {len(d.added)} 项，删除 {len(d.removed)} 项，修改 {len(d.changed)} 项，"
                             f"领域变化 {len(d.domains)} 处")
        self.text.setPlainText("\n".join(d.lines()))
