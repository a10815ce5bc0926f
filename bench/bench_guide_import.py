"""Import a 1,000-row official guide workbook into a workspace (read + merge IDs + store; goal < 1 s)."""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

from run import result


def run() -> list[dict]:
    from dataclasses import replace

    from catalog.guides.importer import export_guide, import_guide_file
    from catalog.guides.shipped import load_guides
    from catalog.township.profile import Township
    from catalog.township.service import TownshipCatalog
    guides = load_guides()
    base = guides.find("涉农补贴")
    # 1,000 rows with distinct names, written in the standard layout by the app's own writer.
    big = replace(base, items=tuple(
        replace(base.items[i % len(base.items)], id=f"17-{i + 1:03d}", seq=i + 1,
                text=replace(base.items[i % len(base.items)].text, level2=f"补贴项目{i + 1}"))
        for i in range(999)))
    best = float("inf")
    with tempfile.TemporaryDirectory() as tmp:
        book = export_guide(big, Path(tmp) / "guide_1000.xlsx")
        for n in range(3):
            cat = TownshipCatalog.open(Path(tmp) / f"w{n}.db", guides)
            cat.save_township(Township("某镇", "某县", "420102001000"))
            t0 = time.perf_counter()
            imported = import_guide_file(cat, book, domain="涉农补贴", source="bench")
            best = min(best, time.perf_counter() - t0)
            assert len(imported.imported[0].active_items) == 999
            cat.close()
    return [result("guides: import 999-row guide workbook into a workspace", best * 1000, "ms", 1000)]
