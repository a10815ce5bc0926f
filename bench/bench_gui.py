"""GUI responsiveness and memory: the worst event-loop stall while a 50,000-row roster is imported through the
公示打印 page (goal < 100 ms), and peak memory with a full county (300 townships) loaded in 县级汇总.

Both run in fresh offscreen child processes with the real worker thread (gui.tasks.TaskRunner). A QTimer
ticks every 10 ms; a tick's lateness is how long the event loop could not run (what the clerk feels as a
frozen window). The roster and the county files come from bench_notice / bench_county's generators.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from run import result

ROOT = Path(__file__).resolve().parent.parent
TICK_MS = 10

STALL_CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from catalog.guides.shipped import load_guides
from gui.context import AppContext
from gui.session import Session
from gui.settings import Settings
from gui.tasks import RecordingReporter, TaskRunner
from gui.pages.notice.view import NoticePage

guides = load_guides()
session = Session(guides, Path(sys.argv[2]))
session.open(create=False)
runner = TaskRunner(reporter=RecordingReporter(), show_after_ms=400)
ctx = AppContext(guides=guides, settings=Settings.at(Path(sys.argv[4])), runner=runner, db_path=session.path,
                 session=session)
page = NoticePage(ctx)
page.resize(1280, 800)
page.show()
settle = time.perf_counter() + 1.0      # the session's first live check runs 300 ms after opening
while time.perf_counter() < settle:
    app.processEvents()
    time.sleep(0.005)

tick = int(sys.argv[5])
clock, lates, last = QElapsedTimer(), [], [0]
def on_tick():
    now = clock.elapsed()
    lates.append(max(0, now - last[0] - tick))
    last[0] = now
timer = QTimer()
timer.setInterval(tick)
timer.timeout.connect(on_tick)
clock.start()
timer.start()
t0 = time.perf_counter()
page.import_file(Path(sys.argv[3]))
while runner.active or page.roster is None:
    app.processEvents()
    if runner.reporter.shown or time.perf_counter() - t0 > 300:
        break
    time.sleep(0.001)
wall = time.perf_counter() - t0
for _ in range(20):               # the table is painted after the import: include that
    app.processEvents()
    time.sleep(0.002)
timer.stop()
lates.sort()
print(json.dumps({"worst_ms": lates[-1] if lates else None,
                  "p99_ms": lates[int(len(lates) * 0.99)] if lates else None,
                  "ticks": len(lates), "wall": wall, "rows": page.model.rowCount(),
                  "errors": runner.reporter.shown}),
      flush=True)
import os
os._exit(0)      # skip interpreter teardown: nothing to save, and Qt objects die in any order there
"""

COUNTY_CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from catalog.guides.shipped import load_guides
from gui import settings as S
from gui.context import AppContext
from gui.settings import Settings
from gui.tasks import RecordingReporter, TaskRunner
from gui.pages.county.view import CountyPage

def rss_mb():
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmRSS")) / 1024

guides = load_guides()
settings = Settings.at(Path(sys.argv[3]))
settings.set(S.COUNTY_WORKSPACE, sys.argv[2])
runner = TaskRunner(reporter=RecordingReporter())
ctx = AppContext(guides=guides, settings=settings, runner=runner)
before = rss_mb()
t0 = time.perf_counter()
page = CountyPage(ctx)
page.resize(1280, 800)
page.show()
page.page_shown()
while runner.active or page.model.rowCount() == 0:
    app.processEvents()
    if runner.reporter.shown or time.perf_counter() - t0 > 120:
        break
    time.sleep(0.002)
for row in range(0, page.model.rowCount(), 30):   # drill into a few townships
    page.matrix.selectRow(row)
    for _ in range(5):
        app.processEvents()
wall = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"townships": page.model.rowCount(), "peak_mb": peak,
                  "before_mb": before, "after_mb": rss_mb(), "wall": wall, "errors": runner.reporter.shown}),
      flush=True)
import os
os._exit(0)
"""


def _child(code: str, *args: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-c", code, str(ROOT), *args], capture_output=True,
                          text=True, env=env, timeout=900)
    if proc.returncode != 0 or not proc.stdout.strip():
        raise RuntimeError(f"GUI bench child failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def roster_workspace(folder: Path) -> Path:
    """A township workspace whose villages are the 40 of bench_notice's roster."""
    from bench_notice import VILLAGE_NAMES

    from catalog.guides.shipped import load_guides
    from catalog.township.profile import Township, Village
    from catalog.township.service import TownshipCatalog
    cat = TownshipCatalog.open(folder / "ws.gkml.db", load_guides())
    cat.save_township(Township("某镇", "某县", "420102001000", supervise_phone="0710-1234567",
                               villages=tuple(Village(v) for v in VILLAGE_NAMES)))
    cat.close()
    return folder / "ws.gkml.db"


def county_workspace(folder: Path, n: int) -> Path:
    """n generated township packages imported into a county workspace (the domain path, not timed)."""
    from bench_county import generate_townships

    from catalog.county.workspace import CountyWorkspace
    from catalog.exchange.export import export_catalog
    from catalog.guides.shipped import load_guides
    from catalog.township.profile import Township
    from catalog.township.service import TownshipCatalog
    guides = load_guides()
    cat = TownshipCatalog.open(folder / "w.db", guides)
    cat.save_township(Township("某镇", "某县", "420102001000"))
    cat.compile()
    template = export_catalog(cat, folder / "t.gkml", kind="package")
    cat.close()
    files = folder / "county"
    files.mkdir()
    generate_townships(template, files, n)
    with CountyWorkspace.open(folder / "county.gkml.db", guides) as cw:
        cw.import_folder(files, workers=0)
    return folder / "county.gkml.db"


def run() -> list[dict]:
    sys.path.insert(0, str(ROOT))
    from bench_notice import ROWS, make_roster
    out = []
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        roster = d / "名册.xlsx"
        make_roster(roster)
        ws = roster_workspace(d)
        s = _child(STALL_CHILD, str(ws), str(roster), str(d / "settings.ini"), str(TICK_MS))
        if s["errors"] or s["rows"] < ROWS:
            raise RuntimeError(f"roster import failed in the GUI bench: {s}")
        out.append(result(f"gui: worst event-loop stall, {ROWS:,}-row roster import",
                          s["worst_ms"], "ms", 100,
                          note=f"p99 {s['p99_ms']} ms over {s['ticks']} ticks of {TICK_MS} ms; import "
                               f"{s['wall']:.1f} s through the 公示打印 page, worker thread"))
        county = county_workspace(d, 300)
        c = _child(COUNTY_CHILD, str(county), str(d / "settings2.ini"))
        if c["errors"] or c["townships"] != 300:
            raise RuntimeError(f"county load failed in the GUI bench: {c}")
        out.append(result("gui: peak memory, 300 townships in 县级汇总", c["peak_mb"], "MB",
                          note=f"RSS {c['before_mb']:.0f} MB before the page, {c['after_mb']:.0f} MB after; "
                               f"loaded and drilled into in {c['wall']:.2f} s"))
    return out
