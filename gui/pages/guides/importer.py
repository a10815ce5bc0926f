"""导入正式表格 on the 标准指引 page: the dialog, and the refused table's cell problems as a list (the op is
gui.ops.import_guide; catalog.stdtable.model.TableRefused carries the problems, nothing is read again)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from catalog.guides.shipped import GuideSet
from catalog.stdtable.model import TableRefused
from gui.filedialogs import ask_open_file, documents_folder
from gui.style import TEXT_MUTED, set_text_color
from gui.widgets import named

GUIDE_FILTER = "标准目录表格或县里下发的指引包 (*.xlsx *.xlsm *.xls *.gkmlg);;所有文件 (*)"
AUTO = ""      # domain combo: recognise domains by sheet names


class GuideImportDialog(QDialog):
    """Which file, which domain (or by sheet names), and where it comes from."""

    def __init__(self, guides: GuideSet, domain_no: int = 0, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("guideImportDialog")
        self.setWindowTitle("导入正式指引表格")
        hint = "选择省、市或县下发的标准目录 Excel 表格"
        self.path = named(QLineEdit(placeholderText=hint), "guideFile")
        self.path.setMinimumWidth(self.fontMetrics().horizontalAdvance(hint) + 40)
        browse = named(QPushButton("浏览…"), "browse")
        browse.clicked.connect(self._browse)
        self.domain = named(QComboBox(), "guideDomain")
        self.domain.addItem("按工作表名称识别领域（可一次导入多个领域）", AUTO)
        for g in guides:
            self.domain.addItem(f"{g.no:02d}  {g.domain}", g.domain)
        if domain_no:
            self.domain.setCurrentIndex(max(0, self.domain.findData(guides.by_no(domain_no).domain)))
        else:
            self.domain.setCurrentIndex(0)
        self.source = named(QLineEdit(placeholderText="例如：湖北省2020年版（可不填，默认用文件名）"),
                            "guideSource")
        note = QLabel("导入的表格成为该领域指引的新版本，随软件提供的版本保留不动；"
                      "事项编号按名称对应，保持不变。"
                      "表格中有无法识别的单元格时，整个文件不导入，并列出每一处的位置。")
        note.setWordWrap(True)
        set_text_color(note, TEXT_MUTED)
        ok = QDialogButtonBox.StandardButton.Ok
        self.buttons = QDialogButtonBox(ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(ok).setText("导入")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow("表格文件", row)
        form.addRow("领域", self.domain)
        form.addRow("来源", self.source)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.path.textChanged.connect(self._changed)
        self._changed()

    def _browse(self) -> None:
        chosen = ask_open_file(self, "选择指引表格", documents_folder(), GUIDE_FILTER)
        if chosen is not None:
            self.path.setText(str(chosen))

    def _changed(self, *_args) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.path.text().strip()))

    def file(self) -> Path:
        return Path(self.path.text().strip())


def ask_found_domain(parent: QWidget, err, retry) -> QMessageBox:
    """The chosen domain is not in the file: offer the domain(s) recognised by sheet name or title; 导入
    runs retry(domain) (AUTO for several), 取消 imports nothing. Returned (open) so tests can answer it."""
    found = list(err.found)
    target = found[0] if len(found) == 1 else AUTO
    what = f"按「{found[0]}」领域导入" if target else f"按工作表名称导入这 {len(found)} 个领域"
    box = QMessageBox(QMessageBox.Icon.Question, "确认领域", f"{err}\n\n是否{what}？", parent=parent)
    box.setObjectName("confirmDomain")
    ok = box.addButton(what, QMessageBox.ButtonRole.AcceptRole)
    box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(ok)

    def done(_result: int) -> None:
        if box.clickedButton() is ok:
            retry(target)
        box.deleteLater()
    box.finished.connect(done)
    box.open()
    return box


class GuideProblemsDialog(QDialog):
    """Every cell the reader refused, one row each (工作表, 行, 列, 问题), with a copy button."""

    def __init__(self, err: TableRefused, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("guideProblemsDialog")
        self.setWindowTitle("表格未导入")
        self.resize(820, 440)
        summary = QLabel(f"{err.summary}\n请在 Excel 中改好这些单元格后重新导入（表格其余部分没有问题）。")
        summary.setWordWrap(True)
        self.table = named(QTableWidget(len(err.problems), 4), "problems")
        self.table.setHorizontalHeaderLabels(["工作表", "行", "列", "问题"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        for r, p in enumerate(err.problems):
            column = f"{p.column} {p.header}".strip() if p.column else p.header
            for c, value in enumerate((p.sheet, "" if p.row is None else str(p.row), column, p.message)):
                self.table.setItem(r, c, QTableWidgetItem(value))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()
        self._text = "\n".join(p.describe(err.file) for p in err.problems)
        copy = named(QPushButton("复制全部"), "copyProblems")
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self._text))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
