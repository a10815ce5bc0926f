"""PDF pages shown inside the app: pypdfium2 renders them on the worker thread, a scroll area shows them.

QtPdf is not part of PySide6-Essentials; pypdfium2 bundles PDFium. Pages are rendered lazily (only
those scrolled into view) in grayscale, and at most CACHE_PAGES images are kept.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import QRect, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from catalog.errors import InputError
from catalog.progress import Progress, report
from gui.style import TEXT_MUTED, set_text_color
from gui.tasks import TaskRunner
from gui.widgets import named

GAP = 14                 # pixels between pages and around them
FIRST_PAGES = 2          # rendered together with opening the file, so the preview is never blank
CACHE_PAGES = 24
ZOOMS = (("适合宽度", 0.0), ("50%", 0.5), ("75%", 0.75), ("100%", 1.0), ("150%", 1.5))
SCREEN_DPI = 96.0


@dataclass(frozen=True)
class PageImage:
    """One rendered page as raw 8-bit gray pixels (built into a QImage on the GUI thread)."""
    index: int
    width: int
    height: int
    stride: int
    data: bytes


@dataclass(frozen=True)
class Opened:
    sizes: list[tuple[float, float]]   # page sizes in PDF points
    scale: float
    pages: list[PageImage]


def _document(path: Path):
    import pypdfium2 as pdfium
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as err:
        raise InputError(f"PDF 文件无法打开（{err}）", file=path.name) from None


def _render(pdf, index: int, scale: float) -> PageImage:
    bitmap = pdf[index].render(scale=scale, grayscale=True)
    return PageImage(index, bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer))


def open_pdf(path: Path, *, width_px: int, zoom: float, dpr: float = 1.0, first: int = FIRST_PAGES,
             progress: Progress | None = None) -> Opened:
    """Page sizes and the first pages, at the scale that fits width_px (zoom 0) or at zoom × 96 dpi.
    Scales are in logical pixels; pages are rendered dpr times finer (sharp on high-DPI screens)."""
    pdf = _document(path)
    try:
        sizes = [pdf[i].get_size() for i in range(len(pdf))]
        scale = fit_scale(sizes, width_px) if zoom == 0 else zoom * SCREEN_DPI / 72.0
        pages = []
        for i in range(min(first, len(sizes))):
            report(progress, i, len(sizes))
            pages.append(_render(pdf, i, scale * dpr))
        return Opened(sizes, scale, pages)
    finally:
        pdf.close()


def render_pages(path: Path, indexes: list[int], scale: float,
                 progress: Progress | None = None) -> list[PageImage]:
    """Render some pages of the file at scale (pixels per PDF point)."""
    pdf = _document(path)
    try:
        out = []
        for n, i in enumerate(indexes):
            report(progress, n, len(indexes))
            out.append(_render(pdf, i, scale))
        return out
    finally:
        pdf.close()


def fit_scale(sizes: list[tuple[float, float]], width_px: int) -> float:
    widest = max((w for w, _ in sizes), default=595.0)
    return max(0.2, (width_px - 2 * GAP) / widest)


class _Canvas(QWidget):
    """Paints the pages that are exposed; asks its preview for the ones not rendered yet."""

    def __init__(self, preview: PdfPreview):
        super().__init__()
        self.preview = preview

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor("#d9dde3"))
        pv = self.preview
        for i, rect in enumerate(pv.page_rects):
            if not rect.intersects(event.rect()):
                continue
            painter.fillRect(rect, Qt.GlobalColor.white)
            image = pv.images.get(i)
            if image is not None:
                painter.drawImage(QRectF(rect), image)
            else:
                painter.setPen(QColor(TEXT_MUTED))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"第 {i + 1} 页\n正在生成预览…")
            painter.setPen(QPen(QColor("#b8bec7"), 1))
            painter.drawRect(rect.adjusted(0, 0, -1, -1))


class PdfPreview(QWidget):
    """A toolbar (page count, zoom) over a scroll area of pages. show_pdf(path) loads a file."""

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._runner = runner
        self.path: Path | None = None
        self.sizes: list[tuple[float, float]] = []
        self.scale = 1.0
        self.images: dict[int, QImage] = {}
        self.page_rects: list[QRect] = []
        self._pending: set[int] = set()
        self._generation = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.info = named(QLabel("还没有预览。设置好后点击「预览」。"), "previewInfo")
        set_text_color(self.info, TEXT_MUTED)
        self.info.setWordWrap(True)         # a long 公示期 line wraps instead of widening the window
        self.zoom = named(QComboBox(), "zoom")
        for text, value in ZOOMS:
            self.zoom.addItem(text, value)
        bar.addWidget(self.info, 1)
        bar.addWidget(QLabel("缩放"))
        bar.addWidget(self.zoom)
        layout.addLayout(bar)
        self.scroll_area = named(QScrollArea(), "pages")
        self.canvas = _Canvas(self)
        self.scroll_area.setWidget(self.canvas)
        self.scroll_area.setWidgetResizable(False)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.scroll_area, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(40)
        self._timer.timeout.connect(self._request_visible)
        self.scroll_area.verticalScrollBar().valueChanged.connect(lambda _v: self._timer.start())
        self.zoom.currentIndexChanged.connect(lambda _i: self.reload())

    @property
    def page_count(self) -> int:
        return len(self.sizes)

    def show_pdf(self, path: Path, *, note: str = "") -> None:
        """Load a PDF: sizes and the first pages in one task, the rest as they are scrolled to."""
        self.path = Path(path)
        self._note = note
        self.reload()

    def clear(self, text: str = "") -> None:
        self._generation += 1
        self.path, self.sizes, self.images, self._pending = None, [], {}, set()
        self._layout()
        self.info.setText(text)

    def mark_stale(self, text: str) -> None:
        """Keep the pages but say they no longer match the settings."""
        if self.path is not None:
            self.info.setText(text)

    def reload(self) -> None:
        if self.path is None:
            return
        self._generation += 1
        generation = self._generation
        width = self.scroll_area.viewport().width() - self.scroll_area.verticalScrollBar().sizeHint().width()
        fn = partial(open_pdf, self.path, width_px=max(width, 300), zoom=float(self.zoom.currentData()),
                     dpr=self.devicePixelRatioF())
        self._runner.run(fn, title="生成预览", label="正在生成预览…", parent=self, modal=False,
                         on_done=lambda opened: self._opened(opened, generation))

    def _opened(self, opened: Opened, generation: int) -> None:
        if generation != self._generation:
            return
        self.sizes, self.scale = opened.sizes, opened.scale
        self.images, self._pending = {}, set()
        self._add(opened.pages)
        self._layout()
        note = f"　{self._note}" if getattr(self, "_note", "") else ""
        self.info.setText(f"共 {self.page_count} 页{note}")
        self._timer.start()

    def _layout(self) -> None:
        rects, y = [], GAP
        width = 0
        for w, h in self.sizes:
            pw, ph = round(w * self.scale), round(h * self.scale)
            width = max(width, pw)
            rects.append(QRect(GAP, y, pw, ph))
            y += ph + GAP
        for r in rects:
            r.moveLeft(GAP + (width - r.width()) // 2)
        self.page_rects = rects
        self.canvas.resize(QSize(width + 2 * GAP if rects else 1, y if rects else 1))
        self.canvas.update()

    def visible_pages(self) -> list[int]:
        top = self.scroll_area.verticalScrollBar().value()
        area = QRect(0, top, self.canvas.width(), self.scroll_area.viewport().height())
        return [i for i, r in enumerate(self.page_rects) if r.intersects(area)]

    def _request_visible(self) -> None:
        if self.path is None:
            return
        wanted = [i for i in self.visible_pages() if i not in self.images and i not in self._pending]
        if not wanted:
            return
        self._pending.update(wanted)
        generation = self._generation
        scale = self.scale * self.devicePixelRatioF()
        self._runner.run(partial(render_pages, self.path, wanted, scale), title="生成预览", parent=self,
                         modal=False, on_done=lambda pages: self._rendered(pages, generation))

    def _rendered(self, pages: list[PageImage], generation: int) -> None:
        if generation != self._generation:
            return
        self._add(pages)
        self.canvas.update()

    def _add(self, pages: list[PageImage]) -> None:
        for p in pages:
            self._pending.discard(p.index)
            image = QImage(p.data, p.width, p.height, p.stride, QImage.Format.Format_Grayscale8).copy()
            image.setDevicePixelRatio(self.devicePixelRatioF())
            self.images[p.index] = image
        if len(self.images) > CACHE_PAGES:
            keep = set(self.visible_pages())
            for i in sorted(self.images, key=lambda i: -abs(i - min(keep, default=0))):
                if len(self.images) <= CACHE_PAGES:
                    break
                if i not in keep:
                    del self.images[i]

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._timer.start()
