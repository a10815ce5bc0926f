"""The check findings as a tree: severity → domain → finding, rebuilt from each CheckReport."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel

from catalog.checks import ERROR, INFO, SEVERITIES, WARNING, CheckReport, Finding

FindingRole = Qt.ItemDataRole.UserRole + 31     # the Finding of a leaf row
GroupRole = Qt.ItemDataRole.UserRole + 32       # "错误" or "错误/17" on group rows (to keep them expanded)
HEADERS = ("问题", "事项", "栏目")
COLORS = {ERROR: QColor("#b3261e"), WARNING: QColor("#9a5b00"), INFO: QColor("#1f5fa8")}
SEVERITY_NOTES = {ERROR: "县里审核会扣分，必须修改", WARNING: "很可能有问题，请判断后修改",
                  INFO: "提示信息，不扣分"}


def _item(text: str, *, tip: str | None = None) -> QStandardItem:
    it = QStandardItem(text)
    it.setEditable(False)
    it.setToolTip(tip or text)
    return it


class FindingsModel(QStandardItemModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHorizontalHeaderLabels(list(HEADERS))
        self.shown = 0

    def set_report(self, report: CheckReport | None, *, severities: set[str], domain_no: int = 0) -> None:
        """Rebuild from report, keeping the severities ticked and (if not 0) one domain."""
        self.removeRows(0, self.rowCount())
        self.shown = 0
        if report is None:
            return
        bold = QFont()
        bold.setBold(True)
        for severity in SEVERITIES:
            if severity not in severities:
                continue
            found = [f for f in report.findings if f.severity == severity
                     and (not domain_no or f.domain_no == domain_no)]
            if not found:
                continue
            head = _item(f"{severity}（{len(found)}）", tip=SEVERITY_NOTES[severity])
            head.setForeground(QBrush(COLORS[severity]))
            head.setFont(bold)
            head.setData(severity, GroupRole)
            groups: dict[int | None, list[Finding]] = {}
            for f in found:
                groups.setdefault(f.domain_no, []).append(f)
            for no, fs in groups.items():
                name = fs[0].domain or "全目录"
                group = _item(f"{no:02d} {name}（{len(fs)}）" if no is not None else f"{name}（{len(fs)}）")
                group.setData(f"{severity}/{no}", GroupRole)
                for f in fs:
                    message = _item(f"[{f.code}] {f.message}", tip=f"{f.message}\n修改建议：{f.fix}")
                    message.setData(f, FindingRole)
                    message.setForeground(QBrush(COLORS[severity]))
                    title = f"{f.item_id} {f.item_title or ''}".strip() if f.item_id else ""
                    group.appendRow([message, _item(title), _item(f.field_label)])
                    self.shown += 1
                head.appendRow([group, _item(""), _item("")])
            self.appendRow([head, _item(""), _item("")])
