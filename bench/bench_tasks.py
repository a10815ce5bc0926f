"""工作台账: import of a 200-task list (section rows, merged cells, numbered two-part requirements, deadlines
in the text) into a compiled workspace, the due report, and the export (goal: import under a second)."""
from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from run import result

TODAY = date(2026, 11, 22)
ROWS = 100          # 100 rows × 2 numbered requirements = 200 tasks


def run() -> list[dict]:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from helpers import new_catalog
    from task_helpers import big_sections, build_task_list

    from catalog.tasks import TaskLedger
    from catalog.tasks.reader import read_task_list
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        src = build_task_list(folder / "2026年工作要点.xlsx", sections=big_sections(ROWS))
        read_task_list(src, today=TODAY)                 # warm imports (openpyxl, calamine)
        best_read = min(_timed(lambda: read_task_list(src, today=TODAY)) for _ in range(3))
        cat = new_catalog(folder)
        try:
            tl = TaskLedger(cat.ws)
            t = time.perf_counter()
            imported = tl.import_file(src, today=TODAY)
            import_s = time.perf_counter() - t
            n = len(imported.parsed.tasks)
            best_report = min(_timed(lambda: tl.report(today=TODAY)) for _ in range(3))
            t = time.perf_counter()
            tl.export(folder / "out.xlsx", today=TODAY)
            export_s = time.perf_counter() - t
        finally:
            cat.close()
    note = f"{n} tasks from {ROWS} rows in 10 sections"
    return [result("tasks: import a 200-task list", import_s * 1000, "ms", 1000, note=note),
            result("tasks: read the workbook only", best_read * 1000, "ms", 500),
            result("tasks: due report with coverage (full catalog)", best_report * 1000, "ms", 500),
            result("tasks: export with 完成情况 and year-end sheet", export_s * 1000, "ms", 1000)]


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t
