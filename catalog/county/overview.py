"""The county overview: one row per township, one cell per domain (adopted, 不适用, errors), for GUI and
CLI."""
from __future__ import annotations

from dataclasses import dataclass, field

from catalog.guides.shipped import GuideSet


@dataclass(frozen=True)
class DomainCell:
    """One township × domain: state 涉及/不涉及/未编制 and the counts (errors None = not checked)."""
    no: int
    name: str
    state: str
    reason: str = ""
    items: int = 0
    adopted: int = 0
    pending: int = 0
    na: int = 0
    local: int = 0
    errors: int | None = None
    warnings: int | None = None

    def short(self) -> str:
        """Compact text for a matrix cell: '纳入 12 / 层级待确认 3 / 不适用 1 / 错误 0', '不涉及', '—'."""
        if self.state == "不涉及":
            return "不涉及"
        if self.state == "未编制":
            return "—"
        parts = [f"纳入 {self.adopted}"]
        if self.pending:
            parts.append(f"层级待确认 {self.pending}")
        if self.na:
            parts.append(f"不适用 {self.na}")
        parts.append("未检查" if self.errors is None else f"错误 {self.errors}")
        return " / ".join(parts)


@dataclass(frozen=True)
class TownshipRow:
    key: str
    code: str
    name: str
    county: str
    file_name: str
    kind: str
    catalog_version: int | None
    exported_at: str | None
    imported_at: str
    problems: tuple[str, ...]
    cells: tuple[DomainCell, ...]
    totals: dict

    def cell(self, no: int) -> DomainCell | None:
        return next((c for c in self.cells if c.no == no), None)

    @property
    def version_text(self) -> str:
        return f"第{self.catalog_version}版" if self.catalog_version else "工作稿"


@dataclass
class Overview:
    """All townships' current catalogs. `domains` lists (no, name) in guide order."""
    domains: list[tuple[int, str]] = field(default_factory=list)
    rows: list[TownshipRow] = field(default_factory=list)

    def domain_totals(self) -> list[dict]:
        """Per domain over all townships: townships involved / not involved, items adopted, 不适用, errors."""
        out = []
        for no, name in self.domains:
            cells = [c for r in self.rows if (c := r.cell(no)) is not None]
            errors = [c.errors for c in cells if c.errors is not None]
            out.append({"no": no, "name": name,
                        "involved": sum(1 for c in cells if c.state == "涉及"),
                        "not_involved": sum(1 for c in cells if c.state == "不涉及"),
                        "adopted": sum(c.adopted + c.pending for c in cells), "na": sum(c.na for c in cells),
                        "errors": sum(errors) if errors else None})
        return out

    def to_json(self) -> dict:
        """Stable shape for `county --json` and the GUI."""
        return {
            "domains": [{"no": no, "name": name} for no, name in self.domains],
            "townships": [{
                "key": r.key, "code": r.code, "name": r.name, "county": r.county, "file": r.file_name,
                "kind": r.kind, "catalog_version": r.catalog_version, "exported_at": r.exported_at,
                "imported_at": r.imported_at, "problems": list(r.problems), "totals": r.totals,
                "domains": [{"no": c.no, "name": c.name, "state": c.state, "reason": c.reason,
                             "items": c.items, "adopted": c.adopted, "pending": c.pending, "na": c.na,
                             "local": c.local, "errors": c.errors, "warnings": c.warnings} for c in r.cells],
            } for r in self.rows],
            "domain_totals": self.domain_totals(),
        }


def build_overview(townships: list[dict], guides: GuideSet) -> Overview:
    """Overview from CountyStore.townships() rows."""
    names = {g.no: g.domain for g in guides}
    rows = []
    for t in townships:
        stats = t["stats"] or {"domains": [], "totals": {}}
        for d in stats["domains"]:
            names.setdefault(d["no"], d["name"])
        cells = tuple(DomainCell(d["no"], d["name"], d["state"], d.get("reason", ""), d["items"],
                                 d["adopted"], d["pending"], d["na"], d["local"], d["errors"], d["warnings"])
                      for d in stats["domains"])
        rows.append(TownshipRow(t["key"], t["code"] or "", t["name"], t["county"] or "", t["file_name"] or "",
                                t["kind"] or "", t["catalog_version"], t["exported_at"],
                                t["imported_at"] or "", tuple(t["problems"]), cells, stats["totals"]))
    return Overview(sorted(names.items()), rows)
