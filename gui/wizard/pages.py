"""The first-run wizard's pages: township profile, villages, domains (不涉及 needs a reason), summary."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from catalog.errors import KnownError
from catalog.guides.completeness import completeness_of
from catalog.guides.shipped import Guide, GuideSet
from catalog.township.profile import Township, Village, code_problem, parse_village_text, validate_villages
from gui.style import TEXT_MUTED, set_text_color
from gui.widgets import named

OK_COLOR, BAD_COLOR = "#2e7d32", "#b3261e"


def _hint(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    set_text_color(label, TEXT_MUTED)
    return label


class ProfilePage(QWizardPage):
    """乡镇名称, 所属县, 区划代码 (checked as it is typed, the reason shown in Chinese), contacts; and the
    county's guide package to start from (package_requested: the wizard picks and imports the file)."""
    package_requested = Signal()

    def __init__(self, township: Township | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle("第 1 步（共 4 步）　乡镇信息")
        self.setSubTitle("这些信息会写进目录的公开主体和公示表。以后可以在「目录编制」页修改。")
        self.package_button = named(QPushButton("从县里下发的指引包开始…"), "startFromPackage")
        self.package_button.setToolTip("导入县里下发的指引包（.gkmlg）：全县从同一套完整的指引表格编制目录")
        self.package_button.clicked.connect(self.package_requested)
        self.package_note = _hint("县里下发了指引包（.gkmlg）时，先导入它；没有时直接填写下面的信息，"
                                  "使用随软件提供的指引数据。")
        self.package_note.setObjectName("packageNote")
        self.name = named(QLineEdit(placeholderText="例如：城关镇、东湖街道"), "name")
        self.county = named(QLineEdit(placeholderText="例如：某某县"), "county")
        self.code = named(QLineEdit(placeholderText="12 位统计用区划代码，例如 420102001000"), "code")
        self.code.setMaxLength(20)
        self.code_hint = named(QLabel(), "codeHint")
        self.code_hint.setWordWrap(True)
        self.contact = named(QLineEdit(placeholderText="经办人姓名（可不填）"), "contact")
        self.phone = named(QLineEdit(placeholderText="办公电话（可不填）"), "phone")
        self.supervise = named(QLineEdit(placeholderText="印在公示表上的监督电话（可不填）"),
                               "supervisePhone")
        form = QFormLayout(self)
        package_row = QHBoxLayout()
        package_row.addWidget(self.package_button)
        package_row.addWidget(self.package_note, 1)
        form.addRow(package_row)
        form.addRow("乡镇（街道）名称 *", self.name)
        form.addRow("所属县（市、区） *", self.county)
        form.addRow("行政区划代码 *", self.code)
        form.addRow("", self.code_hint)
        form.addRow("联系人", self.contact)
        form.addRow("办公电话", self.phone)
        form.addRow("监督电话", self.supervise)
        form.addRow("", _hint("带 * 的必须填写。"
                              "区划代码可在国家统计局“统计用区划代码”中查到，乡镇代码最后三位是 000。"))
        if township is not None:
            for widget, value in ((self.name, township.name), (self.county, township.county),
                                  (self.code, township.code), (self.contact, township.contact),
                                  (self.phone, township.phone), (self.supervise, township.supervise_phone)):
                widget.setText(value)
        for widget in (self.name, self.county, self.code):
            widget.textChanged.connect(self.completeChanged)
        self.code.textChanged.connect(self._code_changed)
        self._code_changed(self.code.text())

    def package_imported(self, text: str, county: str) -> None:
        """Show what the package brought; the county field takes the issuer county when still empty."""
        self.package_note.setText(text)
        set_text_color(self.package_note, OK_COLOR)
        if county and not self.county.text().strip():
            self.county.setText(county)

    def _code_changed(self, text: str) -> None:
        if not text.strip():
            self.code_hint.setText("")
            return
        problem = code_problem(text)
        self.code_hint.setText(problem or "✓ 代码格式正确")
        set_text_color(self.code_hint, BAD_COLOR if problem else OK_COLOR)

    def isComplete(self) -> bool:
        filled = bool(self.name.text().strip() and self.county.text().strip())
        return filled and code_problem(self.code.text()) is None

    def township(self, villages: tuple[Village, ...] = ()) -> Township:
        return Township(self.name.text().strip(), self.county.text().strip(), self.code.text().strip(),
                        self.contact.text().strip(), self.phone.text().strip(), self.supervise.text().strip(),
                        villages)


class VillagesPage(QWizardPage):
    """Villages pasted one per line (name or name,code), or read from an xlsx/txt file."""
    import_requested = Signal()

    def __init__(self, profile: ProfilePage, villages: tuple[Village, ...] = (),
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._profile = profile
        self.setTitle("第 2 步（共 4 步）　村（社区）")
        self.setSubTitle("公示表按村打印。可以从 Excel 复制粘贴，也可以导入 Excel 或文本文件；以后也能补充。")
        self.text = named(QPlainTextEdit(), "villagesText")
        self.text.setPlaceholderText("每行一个村（社区），名称后可加逗号和 12 位代码，例如：\n"
                                     "张家村,420102001001\n李家村")
        self.import_button = named(QPushButton("从文件导入…"), "importVillages")
        self.import_button.setToolTip("Excel（第一列名称，第二列代码）或文本文件（每行一个）")
        self.import_button.clicked.connect(self.import_requested)
        self.status = named(QLabel(), "villagesStatus")
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addLayout(row)
        if villages:
            self.set_villages(villages)
        self.text.textChanged.connect(self._changed)
        self._problem: str | None = None
        self._villages: tuple[Village, ...] = ()

    def initializePage(self) -> None:
        self._changed()

    def set_villages(self, villages: tuple[Village, ...]) -> None:
        self.text.setPlainText("\n".join(f"{v.name},{v.code}" if v.code else v.name for v in villages))

    def _changed(self) -> None:
        try:
            self._villages = validate_villages(parse_village_text(self.text.toPlainText()),
                                               township_code=self._profile.code.text().strip())
            self._problem = None
        except KnownError as err:
            self._villages, self._problem = (), str(err)
        if self._problem:
            self.status.setText(self._problem)
            set_text_color(self.status, BAD_COLOR)
        else:
            n = len(self._villages)
            self.status.setText(f"共 {n} 个村（社区）" if n else "还没有填写村（社区），可以以后再补。")
            set_text_color(self.status, OK_COLOR if n else TEXT_MUTED)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self._problem is None

    def villages(self) -> tuple[Village, ...]:
        return self._villages


class DomainRow(QWidget):
    """One domain: 涉及 checkbox, the 不涉及 reason (required when unchecked), how complete its guide is."""
    changed = Signal()

    def __init__(self, no: int, name: str, applies: bool, reason: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.no = no
        self.info = _hint()
        self.info.setObjectName(f"completeness{no}")
        self.info.setWordWrap(False)
        self.check = named(QCheckBox(f"{no:02d}  {name}"), f"domain{no}")
        self.check.setChecked(applies)
        self.reason = named(QLineEdit(reason, placeholderText="不涉及的原因（必填）"), f"reason{no}")
        self.reason.setEnabled(not applies)
        self.check.toggled.connect(self._toggled)
        self.reason.textChanged.connect(self.changed)

    def set_guide(self, guide: Guide) -> None:
        c = completeness_of(guide)
        self.info.setText(c.short())
        self.info.setToolTip(c.describe())

    def _toggled(self, on: bool) -> None:
        self.reason.setEnabled(not on)
        if not on:
            self.reason.setFocus()
        self.changed.emit()

    @property
    def complete(self) -> bool:
        return self.check.isChecked() or bool(self.reason.text().strip())


class DomainsPage(QWizardPage):
    """Which of the 26 domains the township has; a domain it does not have needs a reason."""

    def __init__(self, guides: GuideSet, choices: dict[int, tuple[bool, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle("第 3 步（共 4 步）　涉及的领域")
        self.setSubTitle("取消勾选本乡镇没有的领域，并写明原因（例如：本镇没有国有林场）。县里审核时会看到原因。")
        inner = QWidget()
        grid = QGridLayout(inner)
        grid.setColumnStretch(2, 1)
        self.rows: list[DomainRow] = []
        for r, g in enumerate(guides):
            applies, reason = choices.get(g.no, (True, ""))
            row = DomainRow(g.no, g.domain, applies, reason, inner)
            row.set_guide(g)
            row.changed.connect(self._changed)
            grid.addWidget(row.check, r, 0)
            grid.addWidget(row.info, r, 1)
            grid.addWidget(row.reason, r, 2)
            self.rows.append(row)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.status = named(QLabel(), "domainsStatus")
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.status)
        self._changed()

    def _changed(self) -> None:
        missing = sum(1 for r in self.rows if not r.complete)
        applies = sum(1 for r in self.rows if r.check.isChecked())
        text = f"涉及 {applies} 个领域，不涉及 {len(self.rows) - applies} 个。"
        if missing:
            text += f"还有 {missing} 个不涉及的领域没有写原因。"
        self.status.setText(text)
        set_text_color(self.status, BAD_COLOR if missing else TEXT_MUTED)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return all(r.complete for r in self.rows)

    def set_guides(self, guides: GuideSet) -> None:
        """After a guide package was imported: the completeness of the guides now in force."""
        for row in self.rows:
            row.set_guide(guides.by_no(row.no))

    def choices(self) -> dict[int, tuple[bool, str]]:
        return {r.no: (r.check.isChecked(), "" if r.check.isChecked() else r.reason.text().strip())
                for r in self.rows}


class SummaryPage(QWizardPage):
    """What 完成 will do: the profile, counts, and the compile preview."""

    def __init__(self, describe, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle("第 4 步（共 4 步）　编制目录")
        self.setSubTitle("点击「编制目录」后，按标准指引生成本乡镇的目录，然后进入「目录编制」页逐项核对。")
        self._describe = describe
        self.text = named(QLabel(), "summary")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)

    def initializePage(self) -> None:
        self.text.setText(self._describe())
