"""Run the benchmarks and print figures: `python bench/run.py [--only NAME] [--json]`.

Each bench/bench_*.py module has `run() -> list[Result dict]`; a result dict has name, value, unit,
goal (same unit, or None), goal_met, and optionally peer, peer_value and ratio (peer / ours, so
>1 means we are faster). Figures only: no bench ever fails the test suite.
"""
from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


def result(name: str, value: float, unit: str, goal: float | None = None, *, lower_is_better: bool = True,
           peer: str | None = None, peer_value: float | None = None, note: str = "") -> dict:
    """Build one result dict (the --json contract)."""
    met = None if goal is None else (value <= goal if lower_is_better else value >= goal)
    out = {"name": name, "value": round(value, 4), "unit": unit, "goal": goal, "goal_met": met}
    if peer is not None:
        out["peer"] = peer
        out["peer_value"] = None if peer_value is None else round(peer_value, 4)
        out["ratio"] = None if not peer_value or not value else round(peer_value / value, 2)
    if note:
        out["note"] = note
    return out


def modules() -> list[str]:
    return sorted(p.stem[len("bench_"):] for p in HERE.glob("bench_*.py"))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--only", action="append",
                    help="run only this benchmark module (repeatable): " + ", ".join(modules()))
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    names = args.only or modules()
    unknown = set(names) - set(modules())
    if unknown:
        print(f"unknown benchmark(s): {', '.join(sorted(unknown))}; known: {', '.join(modules())}",
              file=sys.stderr)
        return 2
    results: list[dict] = []
    for name in names:
        mod = importlib.import_module(f"bench_{name}")
        for r in mod.run():
            results.append(r)
            if not args.json:
                print(format_result(r), flush=True)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0


def format_result(r: dict) -> str:
    goal = ""
    if r["goal"] is not None:
        goal = f"  goal {r['goal']} {r['unit']}: {'met' if r['goal_met'] else 'NOT MET'}"
    peer = ""
    if "peer" in r:
        peer = (f"  peer {r['peer']}: {r['peer_value']} {r['unit']} (ratio {r['ratio']}x)"
                if r["peer_value"] is not None else f"  peer {r['peer']}: not measured")
    note = f"  [{r['note']}]" if r.get("note") else ""
    return f"{r['name']:<48} {r['value']:>10} {r['unit']}{goal}{peer}{note}"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
