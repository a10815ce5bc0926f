"""Full check of a compiled 26-domain catalog (goal < 50 ms, so the GUI can check live on every edit)."""
from __future__ import annotations

import tempfile
import time
from datetime import date
from pathlib import Path

from run import result

RUNS = 30     # best of: the machine is shared, the minimum is the figure that means something


def run() -> list[dict]:
    from catalog.checks import CheckContext, check_catalog, run_checks
    from catalog.guides.shipped import load_guides
    from catalog.township.items import ADOPTED
    from catalog.township.profile import Township
    from catalog.township.service import TownshipCatalog
    today = date(2026, 11, 22)
    with tempfile.TemporaryDirectory() as d:
        cat = TownshipCatalog.open(Path(d) / "w.db", load_guides())
        cat.save_township(Township("某镇", "某县", "420102001000"))
        cat.compile()
        cat.publish()
        cold = _timed(lambda: check_catalog(cat, today=today))      # first run: rule imports, legal table
        ctx = CheckContext.from_catalog(cat, today=today)
        untouched = min(_timed(lambda: run_checks(_fresh(ctx))) for _ in range(RUNS))
        confirmed_items = [i.with_fields(status=ADOPTED, township=True) for i in ctx.items]
        confirmed = _fresh(ctx, confirmed_items)
        all_adopted = min(_timed(lambda: run_checks(_fresh(confirmed))) for _ in range(RUNS))
        with_load = min(_timed(lambda: check_catalog(cat, today=today)) for _ in range(RUNS))
        n, findings = len(ctx.items), len(run_checks(_fresh(confirmed)).findings)
        cat.close()
    return [
        result(f"checks: full check, untouched ({n} items, in memory)", untouched * 1000, "ms", 50),
        result(f"checks: full check, all {n} items adopted ({findings} findings)", all_adopted * 1000, "ms",
               50),
        result("checks: load workspace + full check", with_load * 1000, "ms",
               note="five queries, then the rules in memory"),
        result("checks: first check in a process (imports, legal table)", cold * 1000, "ms"),
    ]


def _fresh(ctx, items=None):
    """A new context as the GUI builds after an edit (no cached lookups carried over)."""
    from catalog.checks import CheckContext
    return CheckContext(items=list(ctx.items if items is None else items), guides=ctx.guides,
                        township=ctx.township, domain_choices=ctx.domain_choices, versions=ctx.versions,
                        today=ctx.today)


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t
