"""The per-domain score dashboard, drawn with QPainter (QtCharts is not shipped): one bar per domain."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from gui.style import TEXT_MUTED

GOOD, FAIR, POOR = QColor("#2e7d32"), QColor("#c98a00"), QColor("#c0392b")
TRACK, GRID, SELECTED = QColor("#edf0f4"), QColor("#d5dce6"), QColor("#e3ecf8")


def score_color(score: float | None) -> QColor:
    """Green from 85, amber from 60, red below (the same bands as the county's 测评)."""
    if score is None:
        return QColor(TEXT_MUTED)
    return GOOD if score >= 85 else FAIR if score >= 60 else POOR


class ScoreChart(QWidget):
    """set_scores(report.scores["domains"]); click a row to pick that domain (again: none)."""
    domain_clicked = Signal(int)           # 0 = no domain picked

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("scoreChart")
        self._rows: list[dict] = []
        self._selected = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self.setToolTip("各领域得分（满分 100）：绿色 85 分以上，黄色 60–85，红色 60 以下。"
                        "点击某一领域只看它的问题。")

    def set_scores(self, domains: list[dict]) -> None:
        self._rows = list(domains)
        self.setFixedHeight(self._row_height() * len(self._rows) + 8)
        self.update()

    def changeEvent(self, event) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange) and self._rows:
            self.setFixedHeight(self._row_height() * len(self._rows) + 8)     # 视图 › 放大字号
        super().changeEvent(event)

    def set_selected(self, domain_no: int) -> None:
        self._selected = domain_no
        self.update()

    @property
    def rows(self) -> list[dict]:
        return list(self._rows)

    def _row_height(self) -> int:
        return self.fontMetrics().height() + 10

    def _label_width(self) -> int:
        metrics = self.fontMetrics()
        widths = (metrics.horizontalAdvance(f"{r['no']:02d} {r['domain']}") for r in self._rows)
        return max(widths, default=80) + 12

    def sizeHint(self) -> QSize:
        return QSize(self._label_width() + 170, self._row_height() * max(1, len(self._rows)) + 8)

    def row_rect(self, row: int) -> QRectF:
        """Where row `row` is drawn (tests click there)."""
        h = self._row_height()
        return QRectF(0, 4 + row * h, self.width(), h)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        label_w = self._label_width()
        value_w = metrics.horizontalAdvance("100.0") + 10
        bar_x, bar_w = label_w, max(40, self.width() - label_w - value_w - 6)
        h = self._row_height()
        for n, r in enumerate(self._rows):
            rect = self.row_rect(n)
            if r["no"] == self._selected:
                painter.fillRect(rect, SELECTED)
            mid = rect.center().y()
            painter.setPen(QColor("#243040") if r["applies"] else QColor(TEXT_MUTED))
            painter.drawText(QRectF(6, rect.y(), label_w - 10, h), Qt.AlignmentFlag.AlignVCenter
                             | Qt.AlignmentFlag.AlignLeft, f"{r['no']:02d} {r['domain']}")
            track = QRectF(bar_x, mid - h * 0.22, bar_w, h * 0.44)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(TRACK)
            painter.drawRoundedRect(track, 3, 3)
            score = r.get("score")
            if score is not None:
                painter.setBrush(score_color(score))
                painter.drawRoundedRect(QRectF(track.x(), track.y(), track.width() * score / 100.0,
                                               track.height()), 3, 3)
            if score is None:
                text = "—" if r["applies"] else "不涉及"
            else:
                text = f"{score:.1f}"
            painter.setPen(score_color(score) if score is not None else QColor(TEXT_MUTED))
            painter.drawText(QRectF(bar_x + bar_w + 4, rect.y(), value_w, h),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, text)
        # the 60 and 85 marks, so the bands read without a legend
        painter.setPen(QPen(GRID, 1, Qt.PenStyle.DashLine))
        for mark in (60, 85):
            x = bar_x + bar_w * mark / 100.0
            painter.drawLine(int(x), 2, int(x), self.height() - 2)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        row = int((event.position().y() - 4) // self._row_height())
        if 0 <= row < len(self._rows):
            no = self._rows[row]["no"]
            self._selected = 0 if no == self._selected else no
            self.update()
            self.domain_clicked.emit(self._selected)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        row = int((event.position().y() - 4) // self._row_height())
        if 0 <= row < len(self._rows):
            r = self._rows[row]
            score = "不涉及" if r.get("score") is None and not r["applies"] else f"{r.get('score')} 分"
            self.setToolTip(f"{r['domain']}：{score}；错误 {r['错误']}，警告 {r['警告']}，提示 {r['提示']}"
                            "（点击只看本领域的问题）")
        super().mouseMoveEvent(event)
