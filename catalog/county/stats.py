"""Per-domain figures of one township catalog snapshot: items adopted, 层级待确认, 不适用, local, check
errors."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from catalog.guides.shipped import GuideSet
from catalog.township.items import ADOPTED, MARK_FIELDS, NOT_APPLICABLE, PENDING_LEVEL

COUNT_KEYS = ("items", "adopted", "pending", "na", "local")
_STATUS_KEY = {ADOPTED: "adopted", PENDING_LEVEL: "pending", NOT_APPLICABLE: "na"}


def catalog_stats(snapshot: dict, guides: GuideSet,
                  findings: dict[int | None, dict[str, int]] | None) -> dict:
    """{"domains": [{no, name, state, reason, items, adopted, pending, na, local, errors, warnings}],
    "totals": {...}, "checked": bool}. `findings` maps domain no → {"错误": n, "警告": n}; None when the
    checks could not run (errors/warnings are then None, shown as 未检查)."""
    meta = {int(no): d for no, d in snapshot.get("domains", {}).items()}
    counts: dict[int, dict[str, int]] = {}
    for it in involved_items(snapshot):
        c = counts.setdefault(int(it["domain_no"]), dict.fromkeys(COUNT_KEYS, 0))
        c["items"] += 1
        c["local"] += bool(it.get("local"))
        key = _STATUS_KEY.get(it.get("status") or "")
        if key:
            c[key] += 1
    names = {g.no: g.domain for g in guides}
    for it in snapshot["items"]:
        names.setdefault(int(it["domain_no"]), it.get("domain") or str(it["domain_no"]))
    domains: list[dict[str, Any]] = []
    for no in sorted(set(names) | set(meta) | set(counts)):
        m = meta.get(no)
        if m is not None and not m["applies"]:
            state = "不涉及"
        else:
            state = "涉及" if no in counts or m else "未编制"
        c = counts.get(no, dict.fromkeys(COUNT_KEYS, 0))
        f = None if findings is None else findings.get(no, {})
        domains.append({"no": no, "name": (m or {}).get("name") or names.get(no, str(no)), "state": state,
                        "reason": (m or {}).get("reason", "") if state == "不涉及" else "", **c,
                        "errors": None if f is None else f.get("错误", 0),
                        "warnings": None if f is None else f.get("警告", 0)})
    totals: dict[str, int | None] = {k: sum(d[k] for d in domains) for k in COUNT_KEYS}
    general = None if findings is None else findings.get(None, {})
    # totals include catalog-wide findings (e.g. 从未发布版本), which belong to no domain
    totals["errors"] = None if general is None else sum(d["errors"] for d in domains) + general.get("错误", 0)
    totals["warnings"] = (None if general is None
                          else sum(d["warnings"] for d in domains) + general.get("警告", 0))
    totals["not_involved"] = sum(1 for d in domains if d["state"] == "不涉及")
    totals["involved"] = sum(1 for d in domains if d["state"] == "涉及")
    return {"domains": domains, "totals": totals, "checked": findings is not None}


def involved_items(snapshot: dict) -> list[dict]:
    """Items outside domains marked 不涉及 (a workspace keeps those items, but they are not in the
    catalog)."""
    out_ = {int(no) for no, d in snapshot.get("domains", {}).items() if not d["applies"]}
    return [it for it in snapshot["items"] if int(it["domain_no"]) not in out_]


def findings_per_domain(snapshot: dict, guides: GuideSet, *, version: dict | None = None
                        ) -> dict[int | None, dict[str, int]] | None:
    """Check findings counted per domain and severity ({no: {"错误": n, "警告": n, "提示": n}}; key None
    for catalog-wide findings), or None when the checks module is not available."""
    try:
        from catalog.checks import CheckContext, run_checks
    except ImportError:
        return None
    from catalog.exchange.catalog_files import domain_choices, items_from_snapshot
    from catalog.township.profile import Township
    t = snapshot["township"]
    township = Township(t["name"], t.get("county") or "", t.get("code") or "") if t.get("name") else None
    versions = [version] if version and version.get("no") else []
    ctx = CheckContext(items=items_from_snapshot(snapshot), guides=guides, township=township,
                       domain_choices=domain_choices(snapshot), versions=versions)
    out: dict[int | None, dict[str, int]] = {}
    for f in run_checks(ctx).findings:
        per = out.setdefault(f.domain_no, {})
        per[f.severity] = per.get(f.severity, 0) + 1
    return out



def content_digest(snapshot: dict) -> str:
    """SHA-256 of what a reader sees (domains, texts, marks, statuses), ignoring IDs and file kind, so
    the Excel and the .gkml of one export count as the same catalog."""
    import hashlib

    rows = []
    for it in sorted(involved_items(snapshot), key=lambda d: (int(d["domain_no"]), d.get("position") or 0)):
        ch = it.get("channels")
        rows.append([int(it["domain_no"]), it["level1"], it.get("level2") or "",
                     list(it.get("content") or ()), list(it.get("basis") or ()), it.get("time_limit") or "",
                     it.get("subject") or "", None if ch is None else _normalized(tuple(ch)),
                     it.get("status"), it.get("na_reason") or "", bool(it.get("local")),
                     [it.get(m) for m in MARK_FIELDS]])
    # 涉及 is implied by items (a workspace may not record it), so only 不涉及 domains count
    domains = sorted((int(no), d.get("reason") or "") for no, d in snapshot.get("domains", {}).items()
                     if not d["applies"])
    # repr of lists of str/int/bool/None is deterministic, and cheaper than JSON
    return hashlib.sha256(repr([domains, rows]).encode("utf-8")).hexdigest()


@lru_cache(maxsize=4096)
def _normalized(channels: tuple[str, ...]) -> tuple[str, ...]:
    # townships repeat the same few channel lists; normalizing each anew dominated the digest
    from catalog.channels import normalize_channels
    return normalize_channels(channels)
