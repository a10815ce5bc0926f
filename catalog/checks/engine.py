"""The rule engine: Finding, the rule registry (@rule) and run_rules, which runs rules over a context."""
from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from catalog.township.items import FIELD_LABELS, CatalogItem

if TYPE_CHECKING:
    from catalog.checks.context import CheckContext

ERROR, WARNING, INFO = "错误", "警告", "提示"
SEVERITIES = (ERROR, WARNING, INFO)
SEVERITY_RANK = {ERROR: 0, WARNING: 1, INFO: 2}

# Which part of the catalog one rule looks at; the scores count checks per unit of this population.
ITEMS = "items"            # every item an export carries (已纳入 and 层级待确认) of an applicable domain
ALL_ITEMS = "all_items"    # every item of an applicable domain, whatever its status
GUIDE_ITEMS = "guide_items"  # every guide item of an applicable domain a township catalog should carry
DOMAINS = "domains"        # every applicable domain once
CATALOG = "catalog"        # the catalog as a whole (counts in the overall score only)
POPULATIONS = (ITEMS, ALL_ITEMS, GUIDE_ITEMS, DOMAINS, CATALOG)

# Pseudo-fields for findings about a pair of √ columns.
EXTRA_FIELD_LABELS = {"audience": "公开对象", "mode": "公开方式", "domain": "领域", "versions": "发布版本"}


def field_label(name: str | None) -> str:
    """The Chinese column header of a field name ('time_limit' → 公开时限); '' for None."""
    if not name:
        return ""
    return FIELD_LABELS.get(name) or EXTRA_FIELD_LABELS.get(name, name)


@dataclass(frozen=True)
class Finding:
    """One problem: what is wrong, where (domain, item, field) and how to fix it."""
    code: str
    severity: str                 # 错误 | 警告 | 提示
    message: str
    fix: str
    domain: str | None = None     # the pilot domain's name (涉农补贴); None for the whole catalog
    item_id: str | None = None    # catalog item uid (17-001, L-003) or a missing guide item's id
    field: str | None = None      # an items.FIELD_LABELS key, or audience / mode / domain / versions
    domain_no: int | None = None
    item_title: str | None = None

    @property
    def field_label(self) -> str:
        return field_label(self.field)

    def as_dict(self) -> dict:
        """The JSON contract: code, severity, message, domain, item_id, field, fix (+ domain_no, field_label,
        item_title for display)."""
        return {"code": self.code, "severity": self.severity, "message": self.message, "domain": self.domain,
                "item_id": self.item_id, "field": self.field, "fix": self.fix, "domain_no": self.domain_no,
                "field_label": self.field_label, "item_title": self.item_title}


@dataclass(frozen=True)
class Hit:
    """What a rule function yields; the engine adds the rule's code and severity and the domain name."""
    message: str
    fix: str
    item: CatalogItem | None = None
    domain_no: int | None = None
    field: str | None = None
    item_id: str | None = None       # for an item that is not in the catalog (a missing guide item)
    item_title: str | None = None


RuleFunc = Callable[["CheckContext"], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    title: str            # one line: what the rule checks (docs/CHECKS.md, the GUI's rule list)
    population: str
    func: RuleFunc
    family: str           # the module it lives in (coverage, fields, …)
    blocking: bool = False  # when it fails for a domain, nothing else there counts as passed (score 0)


_RULES: dict[str, Rule] = {}
_loaded = False


def rule(code: str, severity: str, title: str, *, population: str = ITEMS,
         blocking: bool = False) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule function under `code` (unique); a rule module registers its rules at import.
    `blocking`: a finding of this rule for a domain sets that domain's score to 0 (C004: not compiled)."""
    if severity not in SEVERITY_RANK:
        raise ValueError(f"unknown severity {severity!r}")
    if population not in POPULATIONS:
        raise ValueError(f"unknown population {population!r}")

    def register(func: RuleFunc) -> RuleFunc:
        if code in _RULES and _RULES[code].func is not func:
            raise ValueError(f"rule code {code} registered twice")
        family = func.__module__.rsplit(".", 1)[-1]
        _RULES[code] = Rule(code, severity, title, population, func, family, blocking)
        return func
    return register


def load_rules() -> None:
    """Import every module of catalog.checks.rules once (each registers its rules); adding a rule module
    needs no other change. Frozen builds must bundle the package's submodules (collect_submodules)."""
    global _loaded
    if _loaded:
        return
    from catalog.checks import rules as package
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):
            importlib.import_module(f"{package.__name__}.{info.name}")
    if not _RULES:
        # A check with no rules would report a clean catalog: fail loudly instead (a frozen build that did
        # not bundle catalog.checks.rules.*).
        raise RuntimeError("no check rules found: catalog.checks.rules modules are missing from this build")
    _loaded = True


def all_rules() -> list[Rule]:
    """Every registered rule, by code."""
    load_rules()
    return [_RULES[c] for c in sorted(_RULES)]


def get_rule(code: str) -> Rule:
    load_rules()
    return _RULES[code]


def run_rules(ctx: CheckContext, rules: Iterable[Rule]) -> Iterator[Finding]:
    """Run rules over a context and turn their hits into findings (unsorted)."""
    for r in rules:
        for hit in r.func(ctx):
            item = hit.item
            domain_no = hit.domain_no if hit.domain_no is not None else (item.domain_no if item else None)
            yield Finding(
                code=r.code, severity=r.severity, message=hit.message, fix=hit.fix,
                domain=ctx.domain_name(domain_no) if domain_no is not None else None,
                item_id=item.uid if item is not None else hit.item_id, field=hit.field, domain_no=domain_no,
                item_title=item.title if item is not None else hit.item_title,
            )
