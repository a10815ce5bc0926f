"""Scores per domain and overall: the share of checks passed, weighted by severity, as plain dashboard data.

A check is one rule applied to one unit of its population (an adopted item, an item, a guide item the catalog
should carry, a domain, the catalog). It fails when the rule reported that unit. Score = 100 × (1 − failed
weight / checked weight), rounded to one decimal. An item 层级待确认 fails every item check (a catalog of
undecided items is not ready for review), once, whether or not a field rule also reported it. A blocking
rule (C004: domain not compiled) that fails for a domain fails every check there (score 0). Catalog-level
rules count in the overall score only. A domain marked 不涉及 is not part of the catalog: score None,
unless it has a finding of its own (C003), one failed check.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from catalog.checks.context import CheckContext
from catalog.checks.engine import (
    ALL_ITEMS,
    CATALOG,
    DOMAINS,
    ERROR,
    GUIDE_ITEMS,
    INFO,
    ITEMS,
    SEVERITIES,
    WARNING,
    Finding,
    Rule,
)
from catalog.township.items import PENDING_LEVEL, CatalogItem

# 提示 never lowers a score: it is information (drift from the guide, a partial guide), not a defect.
WEIGHTS = {ERROR: 3.0, WARNING: 1.0, INFO: 0.0}


def compute_scores(ctx: CheckContext, rules: list[Rule], findings: list[Finding]) -> dict:
    """{"weights", "overall": {...},
    "domains": [{"no", "domain", "applies", "score", "checks", "failed", 错误, 警告, 提示}]}."""
    # (code, domain_no) → failed unit keys
    failed_units: dict[tuple[str, int | None], set] = defaultdict(set)
    counts: dict[int | None, dict[str, int]] = defaultdict(lambda: dict.fromkeys(SEVERITIES, 0))
    for f in findings:
        failed_units[(f.code, f.domain_no)].add(f.item_id or "·")
        counts[f.domain_no][f.severity] += 1
    blocked = {no for (code, no) in failed_units for r in rules if r.code == code and r.blocking}

    pending = _count(i for i in ctx.in_scope if i.status == PENDING_LEVEL)
    pending_uids = {i.uid for i in ctx.in_scope if i.status == PENDING_LEVEL}
    adopted = _count(ctx.adopted)
    sizes = {ITEMS: {no: adopted.get(no, 0) + pending.get(no, 0) for no in ctx.domain_nos},
             ALL_ITEMS: _count(ctx.in_scope), GUIDE_ITEMS: ctx.expected_counts}
    per_domain = {no: _acc() for no in ctx.domain_nos}
    catalog = _acc()
    for r in rules:
        w = WEIGHTS[r.severity]
        if r.population == CATALOG:
            _add(catalog, 1, 1 if failed_units.get((r.code, None)) else 0, w)
            continue
        for no in ctx.domain_nos:
            failed = len(failed_units.get((r.code, no), ()))
            if not ctx.applies(no):
                if failed:                                    # C003: a 不涉及 domain without a reason
                    _add(per_domain[no], 1, 1, w)
                continue
            n = 1 if r.population == DOMAINS else sizes[r.population].get(no, 0)
            if r.population == ITEMS:
                # field rules also report undecided items now; each still fails once, as before
                failed = len(failed_units.get((r.code, no), set()) - pending_uids) + pending.get(no, 0)
            _add(per_domain[no], n, n if no in blocked else min(n, failed), w)

    overall = _acc()
    for acc in (*per_domain.values(), catalog):
        for k in overall:
            overall[k] += acc[k]
    domains = [{"no": no, "domain": ctx.domain_name(no), "applies": ctx.applies(no),
                "score": _score(per_domain[no]), "checks": per_domain[no]["checks"],
                "failed": per_domain[no]["failed"], **counts[no]} for no in ctx.domain_nos]
    total_counts = {k: sum(c[k] for c in counts.values()) for k in SEVERITIES}
    return {"weights": dict(WEIGHTS),
            "overall": {"score": _score(overall), "checks": overall["checks"], "failed": overall["failed"],
                        **total_counts},
            "domains": domains}


def _acc() -> dict:
    return {"checks": 0, "failed": 0, "w_checked": 0.0, "w_failed": 0.0}


def _count(items: Iterable[CatalogItem]) -> dict[int, int]:
    out: dict[int, int] = defaultdict(int)
    for i in items:
        out[i.domain_no] += 1
    return out


def _add(acc: dict, checks: int, failed: int, weight: float) -> None:
    acc["checks"] += checks
    acc["failed"] += failed
    acc["w_checked"] += checks * weight
    acc["w_failed"] += failed * weight


def _score(acc: dict) -> float | None:
    if acc["checks"] == 0:
        return None
    if acc["w_checked"] == 0:
        return 100.0
    return round(100.0 * (1.0 - acc["w_failed"] / acc["w_checked"]), 1)
