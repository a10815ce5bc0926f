"""Atomic output for the writers: write beside the target, then rename, so a failure leaves nothing
half-done."""
from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from catalog.errors import Cancelled, InputError, os_reason


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path next to `path`; on success it replaces `path`, on any error it is removed."""
    target = Path(path)
    if target.is_dir():
        raise InputError("输出位置是一个文件夹，请给出文件名。", file=str(target))
    if not target.parent.exists():
        raise InputError("输出文件夹不存在。", file=str(target))
    tmp = target.with_name(f".{target.stem}.{os.getpid()}.tmp{target.suffix}")
    try:
        yield tmp
        try:
            os.replace(tmp, target)
        except PermissionError:
            raise InputError("无法写入：文件可能正在 Excel 或 PDF 阅读器中打开，请关闭后重试。",
                             file=target.name) from None
    except (Cancelled, InputError):
        _remove(tmp)
        raise
    except PermissionError:
        _remove(tmp)
        raise InputError("无法写入：没有写入权限，或文件正被其他程序占用。", file=target.name) from None
    except OSError as err:
        _remove(tmp)
        raise InputError(f"无法写入文件（{os_reason(err)}）。请检查磁盘空间和写入权限。",
                         file=target.name) from None
    except BaseException:
        _remove(tmp)
        raise


def _remove(p: Path) -> None:
    with contextlib.suppress(OSError):
        p.unlink()
