"""Send a PDF to a printer: each page rendered by PDFium at the printer's resolution and painted on it.

Runs on the worker thread: Qt allows painting on a QPrinter outside the GUI thread, and the QPrinter
is not touched by the GUI thread while the task runs.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

from catalog.errors import KnownError
from catalog.progress import Cancelled, Progress, report

MAX_DPI = 300       # enough for text on a board; higher only costs time and memory


def print_pdf(path: Path, printer: QPrinter, progress: Progress | None = None) -> int:
    """Print every page of the PDF at path; returns the number of pages sent."""
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(str(path))
    painter = QPainter()
    try:
        if not painter.begin(printer):
            raise KnownError("无法开始打印：打印机不可用，请检查打印机是否已连接并开机。")
        dpi = min(printer.resolution(), MAX_DPI)
        total = len(pdf)
        for i in range(total):
            report(progress, i, total)
            if i:
                printer.newPage()
            bitmap = pdf[i].render(scale=dpi / 72.0, grayscale=True)
            image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride,
                           QImage.Format.Format_Grayscale8)
            target = QRectF(painter.viewport())
            ratio = min(target.width() / image.width(), target.height() / image.height())
            w, h = image.width() * ratio, image.height() * ratio
            painter.drawImage(QRectF(target.x() + (target.width() - w) / 2, target.y(), w, h), image)
        report(progress, total, total)
        return total
    except Cancelled:
        printer.abort()          # nothing half-printed reaches the printer
        raise
    finally:
        if painter.isActive():
            painter.end()
        pdf.close()
