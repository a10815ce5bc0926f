"""Catalog checks: every gap a county reviewer would find. API: check_catalog, run_checks, CheckReport.

Rules live one family per module in catalog/checks/rules/ and register themselves with @rule; see
docs/CHECKS.md for the table of codes.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from catalog.checks.context import CheckContext
from catalog.checks.engine import (
    ERROR,
    INFO,
    SEVERITIES,
    SEVERITY_RANK,
    WARNING,
    Finding,
    Rule,
    all_rules,
    field_label,
    get_rule,
    run_rules,
)
from catalog.checks.scores import WEIGHTS, compute_scores

if TYPE_CHECKING:
    from catalog.township.service import TownshipCatalog

__all__ = [
    "ERROR",
    "INFO",
    "SEVERITIES",
    "WARNING",
    "WEIGHTS",
    "CheckContext",
    "CheckReport",
    "Finding",
    "Rule",
    "all_rules",
    "check_catalog",
    "field_label",
    "get_rule",
    "run_checks",
]


@dataclass
class CheckReport:
    """Findings sorted by severity, domain and catalog order, with counts and scores."""
    findings: list[Finding]
    scores: dict
    rules: list[Rule] = field(default_factory=list)

    @property
    def summary(self) -> dict[str, int]:
        """{"错误": n, "警告": n, "提示": n}."""
        out = dict.fromkeys(SEVERITIES, 0)
        for f in self.findings:
            out[f.severity] += 1
        return out

    @property
    def has_errors(self) -> bool:
        return any(f.severity == ERROR for f in self.findings)

    def by_item(self) -> dict[str, list[Finding]]:
        """item_id → its findings (for marking rows in a table)."""
        out: dict[str, list[Finding]] = {}
        for f in self.findings:
            if f.item_id:
                out.setdefault(f.item_id, []).append(f)
        return out

    def by_domain(self) -> dict[int | None, list[Finding]]:
        out: dict[int | None, list[Finding]] = {}
        for f in self.findings:
            out.setdefault(f.domain_no, []).append(f)
        return out

    def to_json(self) -> dict:
        """The CLI's --json shape: {"summary", "findings", "scores"}."""
        return {"summary": self.summary, "findings": [f.as_dict() for f in self.findings],
                "scores": self.scores}


def run_checks(ctx: CheckContext, *, codes: Iterable[str] | None = None) -> CheckReport:
    """Run every rule (or only `codes`) over a context. Pure: no database, no files but the legal table."""
    rules = all_rules()
    if codes is not None:
        wanted = set(codes)
        unknown = wanted - {r.code for r in rules}
        if unknown:
            raise KeyError(f"unknown rule code(s): {', '.join(sorted(unknown))}")
        rules = [r for r in rules if r.code in wanted]
    positions = {i.uid: (i.domain_no, i.position) for i in ctx.items}
    findings = list(run_rules(ctx, rules))
    findings.sort(key=lambda f: (SEVERITY_RANK[f.severity], f.domain_no if f.domain_no is not None else -1,
                                 positions.get(f.item_id or "", (0, -1))[1], f.item_id or "", f.code,
                                 f.field or ""))
    return CheckReport(findings=findings, scores=compute_scores(ctx, rules, findings), rules=rules)


def check_catalog(catalog: TownshipCatalog, *, today: date | None = None,
                  codes: Iterable[str] | None = None) -> CheckReport:
    """Check a TownshipCatalog: load it once (four queries), then run the rules in memory."""
    return run_checks(CheckContext.from_catalog(catalog, today=today), codes=codes)
