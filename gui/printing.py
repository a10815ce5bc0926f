"""Send a PDF to a printer as vector pages where the system allows it, else as rendered pages.

A "print to PDF" printer gets the pages themselves (copied, not redrawn); a CUPS printer (Linux, macOS)
gets the PDF file through `lp`, which prints it as vectors. Only where neither is possible (a Windows
printer) each page is rendered by PDFium at the printer's resolution and painted on the QPrinter.
Runs on the worker thread: Qt allows painting on a QPrinter outside the GUI thread, and the QPrinter
is not touched by the GUI thread while the task runs.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

from catalog.errors import Cancelled, KnownError
from catalog.progress import Progress, report

MAX_DPI = 300       # enough for text on a board; higher only costs time and memory


def print_pdf(path: Path, printer: QPrinter, progress: Progress | None = None) -> int:
    """Print the pages of the PDF at path (the dialog's page range and copies); returns the pages sent."""
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        return _copy_pages(path, printer, progress)
    lp = shutil.which("lp") if sys.platform != "win32" else None
    if lp and printer.printerName():
        return _send_to_cups(lp, path, printer, progress)
    return _paint_pages(path, printer, progress)


def _page_range(printer: QPrinter, total: int) -> range:
    first, last = printer.fromPage(), printer.toPage()       # 0, 0: every page
    if first <= 0 and last <= 0:
        return range(total)
    return range(max(first, 1) - 1, min(last or total, total))


def _copy_pages(path: Path, printer: QPrinter, progress: Progress | None) -> int:
    from pypdf import PdfReader, PdfWriter

    from catalog.stdtable.output import atomic_output
    reader = PdfReader(str(path))
    pages = _page_range(printer, len(reader.pages))
    writer = PdfWriter()
    for _copy in range(max(printer.copyCount(), 1)):
        for i in pages:
            report(progress, i, len(reader.pages))
            writer.add_page(reader.pages[i])
    with atomic_output(printer.outputFileName()) as tmp, open(tmp, "wb") as out:
        writer.write(out)
    return len(pages)


def _send_to_cups(lp: str, path: Path, printer: QPrinter, progress: Progress | None) -> int:
    from pypdf import PdfReader

    from catalog.errors import chinese_os_text
    total = len(PdfReader(str(path)).pages)
    pages = _page_range(printer, total)
    command = [lp, "-d", printer.printerName(), "-n", str(max(printer.copyCount(), 1))]
    if len(pages) != total:
        command += ["-P", f"{pages.start + 1}-{pages.stop}"]
    report(progress, 0, 1)
    try:
        done = subprocess.run([*command, str(path)], capture_output=True, text=True, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired) as err:
        reason = chinese_os_text(str(err))
        raise KnownError(f"无法发送到打印机「{printer.printerName()}」（{reason}）。") from None
    if done.returncode != 0:
        reason = chinese_os_text((done.stderr or done.stdout).strip()) or f"退出码 {done.returncode}"
        raise KnownError(f"打印机「{printer.printerName()}」没有接受打印任务：{reason}")
    report(progress, 1, 1)
    return len(pages)


def _paint_pages(path: Path, printer: QPrinter, progress: Progress | None) -> int:
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
