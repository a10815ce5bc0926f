"""Progress and cancel for long work: a plain callback, so the domain stays free of Qt.

Long functions take `progress: Progress | None` and call it now and then; it returns False when
the user pressed 取消, and the function then raises Cancelled having written nothing.
"""
from __future__ import annotations

from collections.abc import Callable

from catalog.errors import Cancelled

Progress = Callable[[int, int], bool]   # (done, total) -> keep going?


def report(progress: Progress | None, done: int, total: int) -> None:
    """Call progress if given; raise Cancelled when it says stop."""
    if progress is not None and progress(done, total) is False:
        raise Cancelled()
