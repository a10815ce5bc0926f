"""`main.py guides` contract: 26 domains, --json UTF-8, every item with its required fields."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from helpers import run_cli

ROOT = Path(__file__).resolve().parent.parent


def run_cli_process(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd or ROOT, timeout=120)


def test_smoke_the_real_entry_point_matches_the_in_process_runner():
    """The contract tests call the CLI in-process (fast); this one runs `python main.py` for real."""
    real = run_cli_process("guides", "--json")
    assert real.returncode == 0, real.stderr
    assert json.loads(real.stdout) == json.loads(run_cli("guides", "--json").stdout)
    bad = run_cli_process("no-such-command")
    assert bad.returncode == 2 and bad.returncode == run_cli("no-such-command").returncode


def test_guides_json_lists_26_domains():
    r = run_cli("guides", "--json")
    assert r.returncode == 0, r.stderr
    assert "\\u" not in r.stdout          # UTF-8, not escaped
    data = json.loads(r.stdout)
    assert len(data) == 26
    assert {d["completeness"] for d in data} == {"partial"}
    assert sum(d["items"] for d in data) >= 200


def test_every_item_has_the_required_fields():
    for no in range(1, 27):
        r = run_cli("guides", str(no), "--json")
        assert r.returncode == 0, r.stderr
        for item in json.loads(r.stdout)["items"]:
            for key in ("id", "level1", "content", "basis", "time_limit", "subject"):
                assert key in item, (no, key)
            assert item["id"] and item["level1"]


def test_guide_text_output_shows_unknowns():
    r = run_cli("guides", "涉农补贴")
    assert r.returncode == 0
    assert "17-001" in r.stdout and "农机购置补贴" in r.stdout
    assert "不完整" in r.stdout and "?" in r.stdout


def test_unknown_domain_fails_with_chinese_message():
    r = run_cli("guides", "火星开发")
    assert r.returncode == 2
    assert "未知的领域" in r.stderr and "Traceback" not in r.stderr
