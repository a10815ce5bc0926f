"""Scores per domain and overall: the share of checks passed, weighted by severity, as plain dashboard data.

A check is one rule applied to one unit of its population (an adopted item, an item, a domain, the catalog).
It fails when the rule reported that unit. Score = 100 × (1 − failed weight / checked weight), rounded to one
decimal; None when nothing was checked. A domain marked 不涉及 is not part of the catalog: its score is None,
unless it has a finding of its own (C003, no reason given), which counts as one failed check.
"""
from __future__ import annotations

from collections import defaultdict

from .engine import ALL_ITEMS, CATALOG, DOMAINS, ERROR, INFO, ITEMS, SEVERITIES, WARNING, Finding, Rule

# 提示 never lowers a score: it is information (drift from the guide, a partial guide), not a defect.
WEIGHTS = {ERROR: 3.0, WARNING: 1.0, INFO: 0.0}


def compute_scores(ctx, rules: list[Rule], findings: list[Finding]) -> dict:
    """{"weights", "overall": {...},
    "domains": [{"no", "domain", "applies", "score", "checks", "failed", 错误, 警告, 提示}]}."""
    failed_units: dict[str, set] = defaultdict(set)        # rule code → {(domain_no, unit key)}
    counts: dict[int | None, dict[str, int]] = defaultdict(lambda: dict.fromkeys(SEVERITIES, 0))
    for f in findings:
        failed_units[f.code].add((f.domain_no, f.item_id if f.item_id is not None else "·"))
        counts[f.domain_no][f.severity] += 1

    adopted = _count(ctx.adopted)
    in_scope = _count(ctx.in_scope)
    per_domain = {no: {"checks": 0, "failed": 0, "w_checked": 0.0, "w_failed": 0.0} for no in ctx.domain_nos}
    overall = {"checks": 0, "failed": 0, "w_checked": 0.0, "w_failed": 0.0}
    for r in rules:
        w = WEIGHTS[r.severity]
        failed_by_domain: dict[int | None, int] = defaultdict(int)
        for domain_no, _unit in failed_units.get(r.code, ()):
            failed_by_domain[domain_no] += 1
        if r.population == CATALOG:
            failed = 1 if failed_units.get(r.code) else 0
            _add(overall, 1, failed, w)
            continue
        for no in ctx.applicable_nos:
            if r.population == ITEMS:
                n = adopted.get(no, 0)
            elif r.population == ALL_ITEMS:
                n = in_scope.get(no, 0)
            else:
                assert r.population == DOMAINS
                n = 1
            failed = min(n, failed_by_domain.get(no, 0))
            _add(per_domain[no], n, failed, w)
            _add(overall, n, failed, w)
    # Domains marked 不涉及 are still checked once for their reason (C003); count what they got.
    for no in ctx.domain_nos:
        if not ctx.applies(no):
            for r in rules:
                if r.population == DOMAINS and failed_units.get(r.code):
                    failed = sum(1 for d, _ in failed_units[r.code] if d == no)
                    if failed:
                        _add(per_domain[no], 1, 1, WEIGHTS[r.severity])
                        _add(overall, 1, 1, WEIGHTS[r.severity])

    domains = []
    for no in ctx.domain_nos:
        d = per_domain[no]
        domains.append({"no": no, "domain": ctx.domain_name(no), "applies": ctx.applies(no),
                        "score": _score(d), "checks": d["checks"], "failed": d["failed"], **counts[no]})
    total_counts = dict.fromkeys(SEVERITIES, 0)
    for c in counts.values():
        for k in SEVERITIES:
            total_counts[k] += c[k]
    return {"weights": dict(WEIGHTS),
            "overall": {"score": _score(overall), "checks": overall["checks"], "failed": overall["failed"],
                        **total_counts},
            "domains": domains}


def _count(items) -> dict[int, int]:
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
