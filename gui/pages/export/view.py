"""导出上报: the catalog as Excel, PDF or the county file (.gkml), with default names, in a task."""
from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from catalog.exchange.export import SUFFIX, default_filename
from catalog.exchange.source import CatalogSource
from gui import filedialogs
from gui import settings as S
from gui.context import AppContext
from gui.ops import export_catalog_file, run_op
from gui.page_parts import connect_session, heading, missing_workspace_text, open_catalog
from gui.scan_dialog import start_privacy_scan
from gui.style import TEXT_MUTED, set_text_color
from gui.widgets import Banner, named

KIND_TEXT = {"xlsx": "Excel 标准格式（.xlsx）", "pdf": "PDF（打印、盖章报送）",
             "package": "上报县级的目录文件（.gkml）"}
PAPER_TEXT = {"A4": "A4 横向（正文 7.5 磅）", "A3": "A3 横向（正文 8.5 磅）"}
SCANNABLE = {".xlsx", ".pdf"}       # what 发布前隐私检查 reads (a .gkml goes to the county, not the public)
KIND_HINT = {"xlsx": "与县级下发的标准目录表格式相同，可在 Excel 中继续修改。",
             "pdf": "横向，纸张在下面选择；每个领域一节，表头每页重复。",
             "package": "县级汇总用的文件：包含全部事项、状态和一份 Excel，县里用本软件导入即可汇总。"}
KIND_FILTER = {"xlsx": "Excel 工作簿（*.xlsx）", "pdf": "PDF 文件（*.pdf）", "package": "目录文件（*.gkml）"}


class ExportPage(QWidget):
    """Choose version and kind, confirm the file name, export; then open the folder or scan the file."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self._custom_path = False      # the clerk chose a path: keep it when the version changes
        self.exported: list[Path] = []
        self.scan_dialog = None
        self.overwrite_box: QMessageBox | None = None    # the open 文件已存在 question (tests answer it)
        self._running = False                            # an export task is running: 导出 does nothing
        self._confirmed: Path | None = None              # the clerk agreed to replace this file
        self._build()
        connect_session(ctx, self, self.refresh)
        self.refresh()

    def _build(self) -> None:
        s = self._ctx.settings
        page = QVBoxLayout(self)
        page.setContentsMargins(16, 12, 16, 12)
        body = QWidget()
        body.setMaximumWidth(960)       # a form stretched over a wide screen is hard to read
        row = QHBoxLayout()          # the form grows up to 960 px and shrinks to fit a 1024 px screen
        row.addWidget(body, 1)
        row.addStretch(0)
        page.addLayout(row)
        page.addStretch(1)
        outer = QVBoxLayout(body)
        outer.setContentsMargins(0, 0, 0, 0)
        heading(outer, "导出上报",
                "把目录导出为 Excel、PDF，或生成报送县里的目录文件。文件名自动包含乡镇、版本和日期。")
        self.banner = Banner()
        outer.addWidget(self.banner)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.version = named(QComboBox(), "version")
        self.version.setToolTip("当前工作稿：尚未发布的最新内容；第 N 版：已发布、不再变动的版本")
        form.addRow("导出哪一版", self.version)
        kinds = QVBoxLayout()
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[str, QRadioButton] = {}
        for kind in ("xlsx", "pdf", "package"):
            button = named(QRadioButton(KIND_TEXT[kind]), f"kind_{kind}")
            button.setToolTip(KIND_HINT[kind])
            self.kind_group.addButton(button)
            self.kind_buttons[kind] = button
            kinds.addWidget(button)
        self.kind_buttons.get(s.get(S.EXPORT_KIND), self.kind_buttons["xlsx"]).setChecked(True)
        self.kind_hint = QLabel()
        set_text_color(self.kind_hint, TEXT_MUTED)
        kinds.addWidget(self.kind_hint)
        form.addRow("格式", kinds)
        self.paper = named(QComboBox(), "paper")
        for paper, text in PAPER_TEXT.items():
            self.paper.addItem(text, paper)
        self.paper.setCurrentIndex(max(0, self.paper.findData(s.get(S.EXPORT_PAPER))))
        self.paper.setToolTip("A4 横向：正文 7.5 磅，长内容自动换行；"
                              "A3 横向：正文 8.5 磅，与县级下发的表格相同")
        form.addRow("PDF 纸张", self.paper)
        self.include_na = named(QCheckBox("列出“不适用”的事项（备注中写明原因；网站公开的版本可不列）"),
                                "includeNa")
        self.include_na.setChecked(s.get(S.EXPORT_INCLUDE_NA))
        form.addRow("", self.include_na)
        path_row = QHBoxLayout()
        self.path = named(QLineEdit(), "path")
        self.browse = QPushButton("浏览…")
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.browse)
        form.addRow("保存为", path_row)
        outer.addLayout(form)

        buttons = QHBoxLayout()
        self.export_button = named(QPushButton("导出"), "exportButton")
        self.export_button.setDefault(True)
        self.export_button.setMinimumWidth(120)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        outer.addLayout(buttons)

        self.result = named(QLabel(), "result")
        self.result.setWordWrap(True)
        font = self.result.font()
        font.setBold(True)
        self.result.setFont(font)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.result)
        after = QHBoxLayout()
        self.open_folder = named(QPushButton("打开所在文件夹"), "openFolder")
        self.open_file = named(QPushButton("打开文件"), "openFile")
        self.scan_button = named(QPushButton("发布前隐私检查…"), "scanButton")
        self.scan_button.setToolTip("检查文件中是否有完整的身份证号、银行卡号、手机号（离线）")
        for b in (self.open_folder, self.open_file, self.scan_button):
            after.addWidget(b)
        after.addStretch(1)
        outer.addLayout(after)
        outer.addWidget(QLabel("本次导出的文件"))
        self.history = named(QListWidget(), "history")
        self.history.setMinimumWidth(560)
        self.history.setMaximumHeight(self.history.fontMetrics().height() * 8)
        self.history.setToolTip("双击打开所在文件夹")
        outer.addWidget(self.history)

        self.version.currentIndexChanged.connect(self._options_changed)
        self.kind_group.buttonToggled.connect(self._kind_toggled)
        self.path.textEdited.connect(self._path_edited)
        self.browse.clicked.connect(self.choose_path)
        self.export_button.clicked.connect(self.export)
        self.open_folder.clicked.connect(lambda: self.last and filedialogs.show_in_folder(self.last))
        self.open_file.clicked.connect(lambda: self.last and filedialogs.open_file(self.last))
        self.scan_button.clicked.connect(self.scan)
        self.history.itemDoubleClicked.connect(lambda item: filedialogs.show_in_folder(Path(item.text())))
        self._show_last()

    # --- state ----------------------------------------------------------------------------------
    @property
    def kind(self) -> str:
        return next(k for k, b in self.kind_buttons.items() if b.isChecked())

    @property
    def last(self) -> Path | None:
        return self.exported[-1] if self.exported else None

    def set_kind(self, kind: str) -> None:
        self.kind_buttons[kind].setChecked(True)

    def page_shown(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Re-read versions and the township (after an edit, a publish or opening another workspace)."""
        problem = missing_workspace_text(self._ctx)
        self.banner.set_html(problem or "")
        for w in (self.version, self.path, self.browse, self.export_button, self.include_na):
            w.setEnabled(problem is None)
        cat = open_catalog(self._ctx)
        if problem or cat is None:      # (no problem means a catalog is open)
            return
        wanted = self.version.currentData()
        self.version.blockSignals(True)
        self.version.clear()
        self.version.addItem("当前工作稿（未发布）", "current")
        for v in reversed(cat.versions()):
            note = f"，{v['note']}" if v.get("note") else ""
            self.version.addItem(f"第{v['no']}版（{(v['published_at'] or '')[:10]} 发布{note}）", v["no"])
        index = self.version.findData(wanted)
        self.version.setCurrentIndex(max(index, 0))
        self.version.blockSignals(False)
        self._options_changed()

    def default_path(self) -> Path:
        cat = open_catalog(self._ctx)
        assert cat is not None, "callers check that a workspace is open"
        version = self.version.currentData()
        source = CatalogSource({"township": {"name": cat.require_township().name}},
                               None if version == "current" else int(version))
        folder = filedialogs.start_folder(self._ctx.settings.get(S.EXPORT_FOLDER))
        return folder / default_filename(source, self.kind, today=date.today())

    def _kind_toggled(self, _button: QAbstractButton, on: bool) -> None:
        if on:
            self._options_changed()

    def _options_changed(self, *_args) -> None:
        self.kind_hint.setText(KIND_HINT[self.kind])
        self.paper.setEnabled(self.kind == "pdf")
        if open_catalog(self._ctx) is None or missing_workspace_text(self._ctx):
            return
        if self._custom_path and self.path.text().strip():
            current = Path(self.path.text().strip())
            self.path.setText(str(current.with_suffix(SUFFIX[self.kind])))
        else:
            self.path.setText(str(self.default_path()))

    def _path_edited(self, _text: str) -> None:
        self._custom_path = True

    def choose_path(self) -> None:
        chosen = filedialogs.ask_save_file(self, "导出到", Path(self.path.text() or self.default_path()),
                                           KIND_FILTER[self.kind])
        if chosen is not None:
            self.path.setText(str(chosen.with_suffix(SUFFIX[self.kind])))
            self._custom_path = True

    # --- actions --------------------------------------------------------------------------------
    def export(self) -> None:
        """导出 (once: a second click while it runs, or a double click, does nothing; an existing file is
        only replaced after asking)."""
        cat, session = open_catalog(self._ctx), self._ctx.session
        if cat is None or session is None or not self.path.text().strip() or self._running:
            return
        out = Path(self.path.text().strip())
        if out.suffix.lower() != SUFFIX[self.kind]:
            out = out.with_suffix(SUFFIX[self.kind])
        if out.exists() and out != self._confirmed:
            self._ask_overwrite(out)
            return
        self._confirmed = None
        s = self._ctx.settings
        s.set(S.EXPORT_KIND, self.kind)
        s.set(S.EXPORT_INCLUDE_NA, self.include_na.isChecked())
        s.set(S.EXPORT_PAPER, self.paper.currentData())
        fn = partial(export_catalog_file, session.shipped, kind=self.kind,
                     version=self.version.currentData(), include_na=self.include_na.isChecked(), out=out,
                     paper=self.paper.currentData())
        self._set_running(True)
        handle = run_op(self._ctx, fn, title="导出目录", label=f"正在导出 {out.name}…", parent=self,
                        on_done=self._exported)
        if handle.outcome == "running":
            handle.done.connect(lambda: self._set_running(False))
        else:
            self._set_running(False)

    def _set_running(self, running: bool) -> None:
        self._running = running
        self.export_button.setEnabled(not running)

    def _ask_overwrite(self, out: Path) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, "文件已存在",
                          f"{out.name} 已存在（{out.parent}）。\n要替换它吗？", parent=self)
        box.setObjectName("overwriteBox")
        replace = box.addButton("替换", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(box.addButton("取消", QMessageBox.ButtonRole.RejectRole))

        def done(_result: int) -> None:
            self.overwrite_box = None
            if box.clickedButton() is replace:
                self._confirmed = out
                self.export()
            box.deleteLater()
        box.finished.connect(done)
        self.overwrite_box = box
        box.open()

    def _exported(self, path: Path) -> None:
        self.exported.append(path)
        self._ctx.settings.set(S.EXPORT_FOLDER, str(path.parent))
        self.history.insertItem(0, QListWidgetItem(str(path)))
        self._custom_path = False
        self._show_last()
        self._options_changed()

    def _show_last(self) -> None:
        last = self.last
        self.result.setText(f"已导出：{last}" if last else "")
        for b in (self.open_folder, self.open_file):
            b.setEnabled(last is not None)
        scannable = last is not None and last.suffix.lower() in SCANNABLE
        self.scan_button.setEnabled(scannable)
        self.scan_button.setToolTip(
            "检查文件中是否有完整的身份证号、银行卡号、手机号（离线）" if scannable or last is None
            else "上报县级的目录文件（.gkml）不对外公开，不需要隐私检查；请对公开发布的 Excel 或 PDF 做检查")

    def scan(self) -> None:
        path = self.last
        if path is None:
            path = filedialogs.ask_open_file(self, "选择要检查的文件", filedialogs.documents_folder(),
                                             filedialogs.PUBLISH_FILTER)
        if path is not None:
            start_privacy_scan(self._ctx.runner, self, path,
                               on_shown=lambda d: setattr(self, "scan_dialog", d))
