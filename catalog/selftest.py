"""`--selftest`: prove an installation works end to end, on the user's PC, in a temporary folder.

Each step is a small function taking the shared state dict and returning what it did; a failing step
is reported with its Chinese name and the error, and the exit code is non-zero.
"""
from __future__ import annotations

import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

Step = tuple[str, Callable[[dict], str]]


def _guides(state: dict) -> str:
    from catalog.guides.shipped import load_guides
    state["guides"] = guides = load_guides()
    assert len(guides) == 26, f"应有 26 个领域，实际 {len(guides)}"
    return f"{len(guides)} 个领域，{sum(len(g.items) for g in guides)} 项"


def _compile(state: dict) -> str:
    from catalog.township.profile import Township, Village
    from catalog.township.service import TownshipCatalog
    cat = TownshipCatalog.open(state["dir"] / "selftest.db", state["guides"])
    state["catalog"] = cat
    cat.save_township(Township("自检镇", "自检县", "420102001000", supervise_phone="027-12345678",
                               villages=(Village("张家村"), Village("李家村"))))
    plan = cat.compile()
    cat.publish("自检")
    return f"编制 {len(plan.added)} 项并发布第 1 版"


def _check(state: dict) -> str:
    from catalog.checks import check_catalog
    report = check_catalog(state["catalog"])
    counts = "，".join(f"{k} {v} 条" for k, v in report.summary.items())
    return f"{counts}；总分 {report.scores['overall']['score']}"


def _export(state: dict) -> str:
    from catalog.exchange.export import export_catalog
    sizes = []
    for kind, name in (("xlsx", "目录.xlsx"), ("pdf", "目录.pdf"), ("package", "目录.gkml")):
        out = export_catalog(state["catalog"], state["dir"] / name, kind=kind)
        assert out.exists() and out.stat().st_size > 0, f"{name} 未生成"
        sizes.append(f"{name} {out.stat().st_size // 1024} KB")
    return "、".join(sizes)


def _notice(state: dict) -> str:
    import csv
    from datetime import date

    from catalog.noticeboard.importer import import_roster
    from catalog.noticeboard.render_pdf import render_pdf
    from catalog.privacy.pii import id_check_char
    roster_file = state["dir"] / "名册.csv"
    with open(roster_file, "w", encoding="gbk", newline="") as f:
        w = csv.writer(f)
        w.writerow(["姓名", "身份证号", "村", "组", "补贴项目", "面积", "补贴标准", "金额"])
        for i in range(20):
            first17 = f"42010219800101{i:03d}"
            w.writerow([f"张{i}", first17 + id_check_char(first17), "张家村" if i % 2 else "李家村", "一组",
                        "耕地地力保护补贴", "5.5", "100.00", "550.00"])
    roster = import_roster(roster_file, villages=["张家村", "李家村"])
    township = state["catalog"].require_township()
    out = state["dir"] / "公示.pdf"
    result = render_pdf(roster, out, township=township, period_start=date.today(), phone="027-12345678")
    data = out.read_bytes()
    assert out.exists() and b"/FontFile2" in data, "公示 PDF 未嵌入字体"
    assert not result.skipped, f"村被跳过：{list(result.skipped)}"
    return f"{len(roster.rows)} 行，{len(result.sheets)} 个村，{result.pages} 页"


STEPS: list[Step] = [
    ("加载标准指引", _guides),
    ("新建临时工作区并编制目录", _compile),
    ("检查目录", _check),
    ("导出 Excel、PDF 和报送文件", _export),
    ("导入名册并生成公示 PDF", _notice),
]


def run_steps(steps: Sequence[Step], out: TextIO = sys.stdout) -> int:
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


def main(argv: list[str], extra_steps: Sequence[Step] | None = None) -> int:
    return run_steps(STEPS + list(extra_steps or []))
