"""`--selftest`: prove an installation works end to end, on the user's PC, in a temporary folder.

Each step is a small function taking the shared state dict and returning what it did; a failing step
is reported with its Chinese name and the error, and the exit code is non-zero.
"""
from __future__ import annotations

import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Callable

Step = tuple[str, Callable[[dict], str]]


def _guides(state: dict) -> str:
    from .guides import load_guides
    state["guides"] = guides = load_guides()
    assert len(guides) == 26, f"应有 26 个领域，实际 {len(guides)}"
    return f"{len(guides)} 个领域，{sum(len(g.items) for g in guides)} 项"


def _compile(state: dict) -> str:
    from .township import Township, Village
    from .township_catalog import TownshipCatalog
    cat = TownshipCatalog.open(state["dir"] / "selftest.db", state["guides"])
    state["catalog"] = cat
    cat.save_township(Township("自检镇", "自检县", "420102001000", supervise_phone="027-12345678",
                               villages=(Village("张家村"), Village("李家村"))))
    plan = cat.compile()
    cat.publish("自检")
    return f"编制 {len(plan.added)} 项并发布第 1 版"


STEPS: list[Step] = [
    ("加载标准指引", _guides),
    ("新建临时工作区并编制目录", _compile),
]


def run_steps(steps: list[Step], out=sys.stdout) -> int:
    failures = 0
    with tempfile.TemporaryDirectory(prefix="gkml-selftest-") as tmp:
        state: dict = {"dir": Path(tmp)}
        try:
            for name, fn in steps:
                t0 = time.perf_counter()
                try:
                    what = fn(state)
                    print(f"[通过] {name}：{what}（{time.perf_counter() - t0:.2f} 秒）", file=out, flush=True)
                except Exception as err:  # report every failing step, then carry on
                    failures += 1
                    print(f"[失败] {name}：{err}", file=out, flush=True)
                    traceback.print_exc(file=out)
        finally:
            if "catalog" in state:
                state["catalog"].close()
    print("自检通过。" if not failures else f"自检失败：{failures} 步未通过。", file=out)
    return 0 if not failures else 1


def main(argv: list[str], extra_steps: list[Step] | None = None) -> int:
    return run_steps(STEPS + list(extra_steps or []))
