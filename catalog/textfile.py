"""Decode a text file a clerk brings (CSV, TXT): UTF-8 with or without BOM, UTF-16 with BOM, or GBK."""
from __future__ import annotations

from pathlib import Path

from catalog.errors import InputError, os_reason


def read_head(path: Path, size: int, *, what: str) -> bytes:
    """The first `size` bytes of a file a clerk picked, to tell its kind by content, not by name.
    `what` names the kind expected (e.g. "Excel 文件") for the message when a folder was picked."""
    name = Path(path).name
    try:
        with open(path, "rb") as fh:
            return fh.read(size)
    except FileNotFoundError:
        raise InputError("文件不存在。", file=name) from None
    except IsADirectoryError:
        raise InputError(f"这是一个文件夹，不是{what}。", file=name) from None
    except PermissionError:
        raise InputError("无法读取文件（没有权限，或正被其他程序占用）。请关闭 Excel 等程序后重试。",
                         file=name) from None


def decode_bytes(data: bytes, *, file: str | None = None) -> tuple[str, str]:
    """(text, encoding) for data; Excel on Chinese Windows saves CSV as GBK, Notepad as UTF-8 with BOM.

    Raises InputError when the bytes are neither UTF-8 nor GBK (GB18030, its superset, is tried).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise InputError("文件编码无法识别（既不是 UTF-8 也不是 GBK），"
                         "请用 Excel 或记事本另存为“CSV UTF-8”后再试", file=file) from None


def read_text(path: Path, *, max_bytes: int) -> tuple[str, str]:
    """Read and decode a small text file; InputError when missing, unreadable or larger than max_bytes."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"文件太大（{size // 1024} KB），不像是这种文件，请核对", file=path.name)
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("找不到文件", file=str(path)) from None
    except IsADirectoryError:
        raise InputError("这是一个文件夹，不是文件", file=str(path)) from None
    except PermissionError:
        raise InputError("没有权限读取该文件（可能正被其他程序占用）", file=str(path)) from None
    except OSError as err:
        raise InputError(f"无法读取文件：{os_reason(err)}", file=str(path)) from None
    return decode_bytes(data, file=path.name)
