"""Standard tables: read a 1,000-row table (goal < 1 s); write a 26-domain ~200-row catalog to xlsx and
PDF."""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from run import result


def _doc(domains: int, per_domain: int):
    from catalog.model import ItemText, Marks
    from catalog.stdtable import ExportDoc, ExportDomain, ExportRow

    out = []
    for d in range(domains):
        rows = []
        for i in range(1, per_domain + 1):
            text = ItemText(
                f"一级事项{(i - 1) // 4 + 1}", f"二级事项{i}",
                ("政策依据", "申请指南：包括对象、范围、标准、程序、材料、咨询电话", "结果公示"),
                ("《中华人民共和国政府信息公开条例》（国务院令第711号）",
                 f"《某某管理办法》（某发〔2020〕{i}号）"),
                "信息形成或者变更之日起20个工作日内", "县级有关部门、乡镇人民政府",
                ("政府网站", "政务服务中心", "社区/企事业单位/村公示栏(电子屏)", "其他:基层公共服务平台"),
                Marks(True, i % 3 == 0, True, i % 5 == 0, True, None if i % 7 == 0 else True))
            rows.append(ExportRow(i, text, "本地自定事项" if i % 9 == 0 else ""))
        out.append(ExportDomain(f"领域{d + 1:02d}", rows, f"{d + 1:02d}"))
    return ExportDoc("某某镇政务公开事项标准目录（2026年版）", "编制：某某镇人民政府", out,
                     [("领域27", "不涉及")])


def _best(fn, n: int = 3) -> float:
    best = float("inf")
    for _ in range(n):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def _cold_read(path: Path) -> float:
    """Seconds for import + read_table in a new interpreter (what the first import of a session costs)."""
    code = ("import sys, time; sys.path.insert(0, sys.argv[2]); t = time.perf_counter(); "
            "from catalog.stdtable import read_table; read_table(sys.argv[1]); "
            "print(time.perf_counter() - t)")
    root = str(Path(__file__).resolve().parent.parent)
    done = subprocess.run([sys.executable, "-c", code, str(path), root], capture_output=True,
                          text=True, check=True)
    return float(done.stdout.strip())


def run() -> list[dict]:
    from catalog.stdtable import read_table, write_pdf, write_xlsx

    out = []
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "guide_1000.xlsx"
        write_xlsx(_doc(1, 1000), big)
        cold = _cold_read(big)
        out.append(result("stdtable: read 1,000-row table, fresh process", cold * 1000, "ms", 1000,
                          note="imports included"))
        read_table(big)   # warm imports, as the app has them loaded once the first file is read
        out.append(result("stdtable: read 1,000-row table", _best(lambda: read_table(big)) * 1000,
                          "ms", 1000))
        catalog = _doc(26, 8)   # 208 rows, the size of a full township catalog
        xlsx, pdf = Path(tmp) / "catalog.xlsx", Path(tmp) / "catalog.pdf"
        write_xlsx(catalog, xlsx)
        out.append(result("stdtable: write 26-domain 208-row catalog xlsx",
                          _best(lambda: write_xlsx(catalog, xlsx)), "s",
                          note=f"{xlsx.stat().st_size // 1024} KB"))
        write_pdf(catalog, pdf)
        out.append(result("stdtable: write 26-domain 208-row catalog PDF",
                          _best(lambda: write_pdf(catalog, pdf), 2), "s",
                          note=f"{pdf.stat().st_size // 1024} KB"))
    return out
