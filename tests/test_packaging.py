"""Packaging: resource paths from source and frozen, and the real one-folder build passing --selftest."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from catalog import resources

ROOT = Path(__file__).resolve().parent.parent


def test_resources_found_from_source():
    assert (resources.standards_dir() / "guide.schema.json").exists()
    assert resources.font_path().exists()
    assert resources.resource_path("fonts", "LICENSE-wqy-microhei.txt").exists()


def test_resources_found_when_frozen(tmp_path, monkeypatch):
    (tmp_path / "standards").mkdir()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.standards_dir() == tmp_path / "standards"
    assert resources.font_path() == tmp_path / "resources" / "fonts" / "wqy-microhei.ttc"


def test_selftest_from_source():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), "--selftest"], capture_output=True, text=True,
                       encoding="utf-8", env=env, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "自检通过" in r.stdout


@pytest.mark.slow
def test_frozen_build_runs_selftest(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--dist", str(tmp_path / "dist"),
                        "--work", str(tmp_path / "work"), "--selftest"],
                       capture_output=True, text=True, encoding="utf-8", env=env, timeout=1800)
    print(r.stdout[-3000:])
    assert r.returncode == 0, r.stdout[-5000:] + r.stderr[-5000:]
    assert "自检通过" in r.stdout
    size = re.search(r"bundle size: ([\d.]+) MiB", r.stdout)
    assert size, r.stdout[-2000:]
    if sys.platform.startswith("linux"):   # issue 16: the Linux folder stays ≤ 180 MiB (stripped, no AVIF)
        assert float(size.group(1)) <= 180, size.group(0)


def test_the_version_is_written_once_in_pyproject():
    """pyproject.toml holds the version; catalog.__version__ reads it (no second copy to forget to bump)."""
    import tomllib

    import catalog
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert catalog.__version__ == project["version"]
    sources = [*ROOT.glob("catalog/**/*.py"), *ROOT.glob("gui/**/*.py"), *ROOT.glob("cli/**/*.py")]
    hits = [p for p in sources
            if f'"{project["version"]}"' in p.read_text(encoding="utf-8")]
    assert not hits, f"version literal repeated in {hits}"
    assert f"## {project['version']}" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
