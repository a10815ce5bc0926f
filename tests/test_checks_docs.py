"""docs/CHECKS.md lists every registered rule with its severity (the table a county IT person reads)."""
from __future__ import annotations

import re
from pathlib import Path

from catalog.checks import all_rules

DOC = Path(__file__).resolve().parent.parent / "docs" / "CHECKS.md"


def test_rules_table_matches_the_registry():
    rows = dict(re.findall(r"^\| ([A-Z]\d{3}) \| (错误|警告|提示) \|", DOC.read_text(encoding="utf-8"), re.M))
    assert rows == {r.code: r.severity for r in all_rules()}
