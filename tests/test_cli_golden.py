"""No CLI --json contract lost: every key (and its kind) that 0.1.0 printed is still printed.

tests/golden/cli_json_shapes.json was made by running tests/cli_scenario.py against the 0.1.0 checkout;
values may change with the guide data, new keys may appear, but county scripts must never lose a key."""
from __future__ import annotations

import json
from pathlib import Path

from cli_scenario import missing, scenario, shape
from helpers import run_cli

GOLDEN = Path(__file__).with_name("golden") / "cli_json_shapes.json"


def test_every_json_output_keeps_the_released_keys(tmp_path):
    def run(*args: str) -> tuple[int, str]:
        r = run_cli(*args, cwd=tmp_path)
        return r.returncode, r.stdout

    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    now = {k: shape(v) for k, v in scenario(run, tmp_path).items()}
    assert sorted(now) == sorted(golden)
    lost = [m for name in golden for m in missing(golden[name], now[name], name)]
    assert not lost, "CLI --json contract broken:\n" + "\n".join(lost)


def test_the_comparison_notices_a_lost_key_and_a_changed_kind():
    old = {"items": [{"id": "str", "n": "number"}], "ok": "bool"}
    assert missing(old, {"items": [{"id": "str", "n": "number", "new": "str"}], "ok": "bool"}) == []
    assert missing(old, {"items": [{"id": "str"}], "ok": "bool"}) == ["/items[]/n: key gone"]
    assert missing(old, {"items": [{"id": "number", "n": "number"}], "ok": "bool"}) == [
        "/items[]/id: was str, now number"]
