"""What the rules look at: the catalog loaded once (items, domains, township, versions), shared lookups."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from catalog.checks.legal_table import RepealedTable, load_repealed
from catalog.guides.shipped import Guide, GuideItem, GuideSet
from catalog.timelimits.parse import TimeLimit, parse_time_limit
from catalog.township.compile import adoption_status
from catalog.township.items import ADOPTED, PENDING_LEVEL, CatalogItem
from catalog.township.profile import Township

if TYPE_CHECKING:
    from catalog.ledger.service import LedgerSnapshot
    from catalog.township.service import TownshipCatalog


@lru_cache(maxsize=4096)
def parsed_time_limit(text: str | None) -> TimeLimit:
    """parse_time_limit, cached: catalogs repeat a few time-limit texts, and live checks rerun often."""
    return parse_time_limit(text)


@dataclass
class CheckContext:
    """Plain inputs, no database: the GUI can build one from the items it already holds."""
    items: Sequence[CatalogItem]
    guides: GuideSet
    township: Township | None = None
    domain_choices: Mapping[int, tuple[bool, str]] = field(default_factory=dict)
    versions: Sequence[dict] = ()               # [{"no", "published_at", "note"}], oldest first
    today: date = field(default_factory=date.today)
    legal: RepealedTable | None = None          # default: standards/legal/repealed.json
    ledger: LedgerSnapshot | None = None        # rule Y001; None: ledger not in use
    tasks: object | None = None                 # catalog.tasks.TaskSnapshot (rules W001–W003); None: no list
    _memo: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_catalog(cls, catalog: TownshipCatalog, *, today: date | None = None,
                     legal: RepealedTable | None = None) -> CheckContext:
        """Load everything a check needs from a TownshipCatalog in a few queries (the ledger's when in
        use)."""
        from catalog.ledger import load_snapshot
        from catalog.tasks.service import load_task_snapshot
        return cls(items=catalog.items(), guides=catalog.guides, township=catalog.township(),
                   domain_choices=catalog.domain_choices(), versions=catalog.versions(),
                   today=today or date.today(), legal=legal, ledger=load_snapshot(catalog.ws),
                   tasks=load_task_snapshot(catalog.ws))

    def shared(self, key: str, compute: Callable[[CheckContext], Any]) -> Any:
        """A value several rules need (computed once per context): e.g. the required-field gaps."""
        if key not in self._memo:
            self._memo[key] = compute(self)
        return self._memo[key]

    # -- lookups ---------------------------------------------------------------------------------
    @cached_property
    def repealed(self) -> RepealedTable:
        return self.legal if self.legal is not None else load_repealed()

    @cached_property
    def _guides_by_no(self) -> dict[int, Guide]:
        return {g.no: g for g in self.guides}

    def guide(self, no: int) -> Guide | None:
        return self._guides_by_no.get(no)

    def guide_item(self, item_id: str | None) -> GuideItem | None:
        return self.guides.item(item_id) if item_id else None

    def domain_name(self, no: int) -> str:
        g = self._guides_by_no.get(no)
        return g.domain if g else f"领域{no}"

    def applies(self, no: int) -> bool:
        """Domains are 涉及 unless the clerk marked them 不涉及."""
        return self.domain_choices.get(no, (True, ""))[0]

    @cached_property
    def domain_nos(self) -> list[int]:
        """Every domain known to the guides or the catalog, in order."""
        return sorted(set(self._guides_by_no) | {i.domain_no for i in self.items})

    @cached_property
    def applicable_nos(self) -> list[int]:
        return [no for no in self.domain_nos if self.applies(no)]

    @cached_property
    def in_scope(self) -> list[CatalogItem]:
        """Items of domains not marked 不涉及, in catalog order."""
        return [i for i in self.items if self.applies(i.domain_no)]

    @cached_property
    def adopted(self) -> list[CatalogItem]:
        """Items that are part of the catalog (已纳入) in applicable domains: what most rules check."""
        return [i for i in self.in_scope if i.status == ADOPTED]

    @cached_property
    def checked(self) -> list[CatalogItem]:
        """Items an export carries as rows to disclose: 已纳入 and 层级待确认 (undecided rows are exported
        too, so the field rules check them with the same severity). 不适用 rows are left out."""
        return [i for i in self.in_scope if i.status in (ADOPTED, PENDING_LEVEL)]

    @cached_property
    def items_by_domain(self) -> dict[int, list[CatalogItem]]:
        out: dict[int, list[CatalogItem]] = {}
        for i in self.items:
            out.setdefault(i.domain_no, []).append(i)
        return out

    @cached_property
    def expected_counts(self) -> dict[int, int]:
        """Per domain, the guide items a compile adds (乡级 or level unknown): what a full catalog carries."""
        return {g.no: sum(1 for gi in g.active_items if adoption_status(gi) is not None) for g in self.guides}

    @cached_property
    def government(self) -> str:
        """The township's disclosing body as a catalog should write it (某镇人民政府), or a placeholder."""
        return self.township.government if self.township else "本乡镇人民政府"

    def time_limit(self, text: str | None) -> TimeLimit:
        return parsed_time_limit(text)
