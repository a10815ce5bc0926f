"""GUI cold start: a fresh process (offscreen) until the main window is shown with the guides loaded
(goal < 0.8 s)."""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from run import result

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5

# The child does what `python main.py` does (gui.app.start_gui) and says when the window is up.
CHILD = """
import sys
sys.path.insert(0, {root!r})
from gui.app import parse_args, start_gui
app, win = start_gui(parse_args(["--settings", {settings!r}, "--db", {db!r}]))
app.processEvents()
assert win.isVisible() and win.page("guides").proxy.rowCount() > 0
heavy = [m for m in ("openpyxl", "reportlab") if m in sys.modules]
print("shown", ",".join(heavy), flush=True)
sys.stdin.read()
"""


def run() -> list[dict]:
    times = []
    heavy: set[str] = set()
    cpu_before = _children_cpu()
    with tempfile.TemporaryDirectory() as tmp:
        db = _compiled_workspace(Path(tmp))
        code = CHILD.format(root=str(ROOT), settings=str(Path(tmp) / "settings.ini"), db=str(db))
        for _ in range(RUNS):
            seconds, loaded = _one_start(code)
            times.append(seconds)
            heavy |= loaded
    note = f"median of {RUNS} fresh processes; min {min(times):.3f} s, max {max(times):.3f} s"
    cpu = _children_cpu()
    if cpu is not None and cpu_before is not None:
        # CPU per start (including the child's exit) tells a busy machine from a slow start.
        note += f"; CPU {(cpu - cpu_before) / RUNS:.3f} s per start"
    if heavy:
        note += f"; imported at start: {', '.join(sorted(heavy))}"
    return [result("gui: cold start to shown main window", statistics.median(times), "s", 0.8, note=note)]


def _compiled_workspace(folder: Path) -> Path:
    """A clerk's usual start: a workspace with the township filled in and the catalog compiled."""
    sys.path.insert(0, str(ROOT))
    from catalog.guides.shipped import load_guides
    from catalog.township.profile import Township
    from catalog.township.service import TownshipCatalog
    path = folder / "ws.gkml.db"
    cat = TownshipCatalog.open(path, load_guides())
    cat.save_township(Township("某镇", "某县", "420102001000"))
    cat.compile()
    cat.close()
    return path


def _children_cpu() -> float | None:
    try:
        import resource
    except ImportError:      # Windows
        return None
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _one_start(code: str) -> tuple[float, set[str]]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env=env, text=True)
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        elapsed = time.perf_counter() - start
    finally:
        proc.communicate(input="", timeout=30)   # closing stdin lets the child exit
    if not line.startswith("shown"):
        raise RuntimeError(f"GUI start-up probe failed (exit {proc.returncode})")
    loaded = {m for m in line.split(None, 1)[1].strip().split(",") if m} if " " in line.strip() else set()
    return elapsed, loaded
