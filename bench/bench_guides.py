"""Time to load and validate all 26 guides (goal < 200 ms)."""
from __future__ import annotations

import time

from run import result


def run() -> list[dict]:
    from catalog.guides.shipped import load_guides
    load_guides()  # warm the import and the file cache, as the app does once at start
    best = min(_timed(load_guides) for _ in range(5))
    return [result("guides: load + validate 26 guides", best * 1000, "ms", 200)]


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t
