"""Dialogs of 公示打印: the column mapping step (unknown headers) and excluding rows with a reason."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from catalog.errors import column_letter
from catalog.noticeboard.fields import LABELS
from catalog.noticeboard.importer import MappingError
from catalog.noticeboard.template import NoticeTemplate
from gui.style import TEXT_MUTED, set_text_color
from gui.widgets import named

EXCLUDE_REASONS = ("重复登记", "经核实不符合发放条件", "已死亡或迁出", "信息有误，核实后另行公示")



class MappingDialog(QDialog):
    """One combo per field of the template: which column of the file holds it. Required fields must be
    chosen; the others may be left as 无此列."""

    def __init__(self, err: MappingError, template: NoticeTemplate, file_name: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("指定列对应关系")
        self.required = list(template.required)
        optional = [f for f in template.column_fields() if f in LABELS and f not in self.required]
        layout = QVBoxLayout(self)
        missing = "、".join(LABELS[f] for f in err.missing)
        intro = QLabel(f"名册 <b>{file_name}</b> 中找不到 {missing} 列（表头在第 {err.header_line} 行）。"
                       "请为每一项选择文件中对应的列，然后重新导入。")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.combos: dict[str, QComboBox] = {}
        for f in self.required + optional:
            combo = named(QComboBox(), f"map_{f}")
            combo.addItem("（请选择）" if f in self.required else "（无此列）", None)
            for i, header in enumerate(err.headers):
                combo.addItem(f"{column_letter(i)} 列：{header or '（空表头）'}", i)
            guessed = err.mapping.get(f)
            if guessed is not None:
                combo.setCurrentIndex(combo.findData(guessed))
            combo.currentIndexChanged.connect(self._update)
            self.combos[f] = combo
            form.addRow(("* " if f in self.required else "") + LABELS[f], combo)
        layout.addLayout(form)
        self.note = QLabel()
        set_text_color(self.note, TEXT_MUTED)
        layout.addWidget(self.note)
        ok = QDialogButtonBox.StandardButton.Ok
        self.buttons = QDialogButtonBox(ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(ok).setText("重新导入")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update()

    def mapping(self) -> dict[str, int | None]:
        """field → 0-based column (None: the field is not in the file)."""
        return {f: c.currentData() for f, c in self.combos.items()}

    def _update(self, *_args) -> None:
        chosen = self.mapping()
        missing = [LABELS[f] for f in self.required if chosen[f] is None]
        cols = [c for c in chosen.values() if c is not None]
        twice = len(cols) != len(set(cols))
        ok = not missing and not twice
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        if missing:
            self.note.setText(f"还需要选择：{'、'.join(missing)}")
        elif twice:
            self.note.setText("同一列不能对应两项，请检查。")
        else:
            self.note.setText("")


class ExcludeDialog(QDialog):
    """The reason rows are kept off the sheets (stored with them and with the print record)."""

    def __init__(self, count: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("排除出公示")
        layout = QVBoxLayout(self)
        label = QLabel(f"把选中的 {count} 行排除出公示。请写明原因（会随打印记录保存）：")
        label.setWordWrap(True)
        layout.addWidget(label)
        self.reason = named(QComboBox(), "reason")
        self.reason.setEditable(True)
        self.reason.addItem("")
        self.reason.addItems(EXCLUDE_REASONS)
        self.reason.setCurrentIndex(0)
        layout.addWidget(self.reason)
        ok = QDialogButtonBox.StandardButton.Ok
        self.buttons = QDialogButtonBox(ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(ok).setText("排除")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reason.editTextChanged.connect(self._update)
        self._update()

    def text(self) -> str:
        return self.reason.currentText().strip()

    def _update(self, *_args) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.text()))
