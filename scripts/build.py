"""Build the one-folder bundle with pyinstaller and print its size and the build time.

Usage: python scripts/build.py [--dist DIR] [--selftest]
Works the same on Windows (run from the repo with the .venv's python) and Linux.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def build(dist: Path, work: Path) -> Path:
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
           "--distpath", str(dist), "--workpath", str(work), str(ROOT / "build.spec")]
    subprocess.run(cmd, check=True, cwd=ROOT)
    return dist / "GKMLDesk"


def exe_path(bundle: Path) -> Path:
    return bundle / ("GKMLDesk.exe" if os.name == "nt" else "GKMLDesk")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--dist", type=Path, default=ROOT / "dist")
    ap.add_argument("--work", type=Path, default=ROOT / "build")
    ap.add_argument("--selftest", action="store_true", help="run the frozen app's --selftest afterwards")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    bundle = build(args.dist, args.work)
    elapsed = time.perf_counter() - t0
    size_mb = folder_size(bundle) / 2**20
    print(f"bundle: {bundle}")
    print(f"bundle size: {size_mb:.1f} MiB (goal < 180 MiB on Linux)")
    print(f"build time: {elapsed:.1f} s")
    if args.selftest:
        env = dict(os.environ)
        if os.name != "nt" and not env.get("DISPLAY"):
            env.setdefault("QT_QPA_PLATFORM", "offscreen")
        r = subprocess.run([str(exe_path(bundle)), "--selftest"], env=env)
        print(f"selftest exit code: {r.returncode}")
        return r.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
