"""发布前隐私检查: scan a file about to be published for full ID, bank card and mobile numbers (in a task)."""
from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from catalog.privacy.scan import TABLE_SUFFIXES, Hit, ScanResult, scan_file
from gui import filedialogs
from gui.models.list_table import Column, ListTableModel
from gui.style import TEXT_MUTED, set_text_color
from gui.tasks import TaskRunner
from gui.widgets import Banner, named

HIT_COLUMNS: list[Column[Hit]] = [
    Column("类型", lambda h: h.label),
    Column("位置", lambda h: h.location.text()),
    Column("摘录（已打码）", lambda h: h.excerpt),
]


def start_privacy_scan(runner: TaskRunner, parent: QWidget, path: Path, *, on_shown=None) -> None:
    """Scan `path` in a task, then show the findings (on_shown(dialog) lets a caller keep it)."""
    def done(result: ScanResult) -> None:
        dialog = ScanDialog(result, runner, parent)
        dialog.open()
        if on_shown is not None:
            on_shown(dialog)
    runner.run(partial(scan_file, path), title="发布前隐私检查", label=f"正在检查 {path.name}…",
               parent=parent, on_done=done)


class ScanDialog(QDialog):
    """The hits of one file (a model over them), what could not be checked, and a masked copy for tables."""

    def __init__(self, result: ScanResult, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.scan = result       # (not `result`: that is QDialog.result(), the dialog's exit code)
        self._runner = runner
        self.masked_path: Path | None = None
        path = Path(result.file)
        self.setWindowTitle(f"发布前隐私检查：{path.name}")
        self.resize(760, 460)
        layout = QVBoxLayout(self)
        self.summary = named(QLabel(), "scanSummary")
        self.summary.setWordWrap(True)
        if result.hits:
            self.summary.setText(f"<b>发现 {len(result.hits)} 处个人信息</b>（{result.summary_text()}）。"
                                 "请删除或打码后再发布。")
        else:
            self.summary.setText("<b>未发现</b>完整的身份证号、银行卡号或手机号。")
        layout.addWidget(self.summary)
        self.model = ListTableModel(HIT_COLUMNS, self)
        self.model.set_records(result.hits)
        self.table = named(QTableView(), "hits")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setVisible(bool(result.hits))
        layout.addWidget(self.table, 1)
        self.notes = Banner()
        self.notes.set_html("<br>".join(f"注意：{n}" for n in result.notes))
        layout.addWidget(self.notes)
        self.masked_label = QLabel()
        set_text_color(self.masked_label, TEXT_MUTED)
        layout.addWidget(self.masked_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.mask_button = named(QPushButton("另存打码副本…"), "maskedCopy")
        self.mask_button.setEnabled(bool(result.hits) and path.suffix.lower() in TABLE_SUFFIXES
                                    and path.suffix.lower() != ".xls")
        self.mask_button.setToolTip("另存一份把身份证号、银行卡号、手机号打码后的副本（仅 xlsx、csv）")
        buttons.addButton(self.mask_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.mask_button.clicked.connect(self.save_masked_copy)
        layout.addWidget(buttons)

    def save_masked_copy(self) -> None:
        src = Path(self.scan.file)
        out = filedialogs.ask_save_file(self, "另存打码副本", src.with_name(f"{src.stem}_打码{src.suffix}"),
                                        f"同类文件（*{src.suffix}）")
        if out is None:
            return
        from catalog.privacy.mask import write_masked_copy

        def done(masked) -> None:
            self.masked_path = Path(masked.path)
            self.masked_label.setText(f"已生成打码副本：{masked.path}（打码 {masked.cells} 个单元格）")
        self._runner.run(partial(write_masked_copy, src, out), title="生成打码副本", parent=self,
                         on_done=done)
