"""Environment faults (locked workspace, read-only file or folder, disk full) as Chinese KnownErrors.

These are not bugs and not findings: the clerk can fix them (close the other window, free disk space,
copy the workspace somewhere writable). `explain` turns the raw sqlite3/OS error into one message; the
CLI prints it and exits 2, the GUI shows it in a dialog.
"""
from __future__ import annotations

import errno
import sqlite3

from catalog.errors import KnownError, WorkspaceError, os_reason


class WorkspaceBusy(WorkspaceError):
    """Another program (or another window of this one) is writing the workspace."""


class WorkspaceReadOnly(WorkspaceError):
    """The workspace file or its folder cannot be written."""


class DiskFull(KnownError):
    """No space left on the disk (nothing half-written was kept)."""


BUSY_TEXT = ("工作区正被其他程序或另一个窗口使用（数据库已锁定），等待后仍未释放。"
             "请关闭其他正在使用该工作区的窗口或命令后重试。")
READ_ONLY_TEXT = ("工作区文件或它所在的文件夹是只读的，无法保存修改（文件未损坏）。"
                  "请取消文件的“只读”属性，或把工作区复制到可写的文件夹（如“文档”）后再打开。")
DISK_FULL_TEXT = "磁盘空间已满，无法写入。请清理磁盘空间后重试；已写了一半的文件没有保留。"

_ENOSPC = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_READONLY = {errno.EROFS, errno.EACCES, errno.EPERM}


def explain(err: BaseException, *, where: str = "") -> KnownError | None:
    """The KnownError for an environment fault, or None when err is something else (a bug)."""
    at = f"（{where}）" if where else ""
    if isinstance(err, sqlite3.DatabaseError):
        text = str(err).lower()
        for words, kind, message in _SQLITE_FAULTS:
            if any(w in text for w in words):
                return kind(message + at)
        return None
    if isinstance(err, OSError):
        return _os_fault(err, where, at)
    return None


_SQLITE_FAULTS: tuple[tuple[tuple[str, ...], type[KnownError], str], ...] = (
    (("locked", "busy"), WorkspaceBusy, BUSY_TEXT),
    (("readonly", "read-only"), WorkspaceReadOnly, READ_ONLY_TEXT),
    (("disk is full",), DiskFull, DISK_FULL_TEXT),
    (("unable to open database file",), WorkspaceReadOnly,
     "无法打开或创建工作区文件：文件夹不存在、没有写入权限或路径过长。"),
    (("disk i/o error",), DiskFull,
     "读写工作区时出现磁盘错误（磁盘可能已满、已拔出或损坏）。请检查磁盘后重试。"),
)


def _os_fault(err: OSError, where: str, at: str) -> KnownError:
    if err.errno in _ENOSPC:
        return DiskFull(DISK_FULL_TEXT + at)
    name = err.filename or where
    if isinstance(err, IsADirectoryError):
        return KnownError(f"「{name}」是一个文件夹，这里需要一个文件名。")
    if isinstance(err, FileExistsError | NotADirectoryError):
        return KnownError(f"「{name}」应是文件夹，但那里有一个同名文件。请改名或移走这个文件后重试。")
    if err.errno in _READONLY or isinstance(err, PermissionError):
        return KnownError(f"没有权限写入「{name}」：文件或文件夹是只读的，或正被其他程序占用。")
    if err.errno == errno.ENAMETOOLONG:
        return KnownError(f"路径太长，系统无法处理：{str(name)[:80]}…")
    if isinstance(err, FileNotFoundError):
        return KnownError(f"找不到文件或文件夹：{name}")
    return KnownError(f"读写文件时出错（{os_reason(err)}）：{name}")
