"""File choosers and the desktop (open a folder or file) in one place, so tests can replace them."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

ROSTER_FILTER = "名册（*.xlsx *.xls *.csv）;;所有文件（*）"
PUBLISH_FILTER = "可检查的文件（*.xlsx *.xlsm *.xls *.csv *.pdf *.docx *.txt）;;所有文件（*）"
HOLIDAY_FILTER = "节假日安排（*.csv *.json *.txt）;;所有文件（*）"
CATALOG_FILTER = "目录文件（*.gkml *.xlsx *.xls）;;所有文件（*）"


def documents_folder() -> Path:
    """The user's Documents folder (the home folder when there is none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def start_folder(remembered: str) -> Path:
    """A remembered folder if it still exists, else Documents."""
    p = Path(remembered) if remembered else None
    return p if p is not None and p.is_dir() else documents_folder()


def ask_open_file(parent: QWidget | None, title: str, folder: Path, filters: str) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, str(folder), filters)
    return Path(path) if path else None


def ask_open_files(parent: QWidget | None, title: str, folder: Path, filters: str) -> list[Path]:
    paths, _ = QFileDialog.getOpenFileNames(parent, title, str(folder), filters)
    return [Path(p) for p in paths]


def ask_folder(parent: QWidget | None, title: str, folder: Path) -> Path | None:
    path = QFileDialog.getExistingDirectory(parent, title, str(folder))
    return Path(path) if path else None


def ask_save_file(parent: QWidget | None, title: str, default: Path, filters: str) -> Path | None:
    """A path to write; the default suffix is added when the clerk typed a name without one."""
    path, _ = QFileDialog.getSaveFileName(parent, title, str(default), filters)
    if not path:
        return None
    p = Path(path)
    return p if p.suffix else p.with_suffix(default.suffix)


def show_in_folder(path: Path) -> bool:
    """Open the folder holding `path` (or `path` itself when it is a folder) in the file manager."""
    folder = path if path.is_dir() else path.parent
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def open_file(path: Path) -> bool:
    """Open a file with its usual program (Excel, a PDF viewer)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
