"""Disclosure status per catalog item (按时 / 逾期 / N 天内到期 / 已逾期未公开): the one computation behind
`due`, the dashboard and check rule Y001, so all three always agree.

An item owes (a) one disclosure per ledger entry that records information formed (due from its 公开时限,
counted in working days by a WorkCalendar) and (b) for a recurring 公开时限 (每季度, 年度终了后…) one
disclosure per period (deadlines.expected_occurrences). Entries are matched to periods by their `period`
label, else to the period whose due date is nearest the publication date. Periods due before `since` (the
start of tracking, default a year ago) are not reported; a registered entry still unpublished always is.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from catalog.ledger.model import LedgerEntry
from catalog.timelimits.deadlines import Occurrence, expected_occurrences, next_due
from catalog.timelimits.parse import DAYS, WORKDAYS, TimeLimit, parse_time_limit
from catalog.timelimits.workdays import FALLBACK_SOURCES, WorkCalendar, fallback_warning
from catalog.township.items import NOT_APPLICABLE, CatalogItem

OVERDUE, DUE_SOON, LATE, PENDING, ON_TIME, DONE, NO_RECORD, NO_DEADLINE = (
    "overdue", "due_soon", "late", "pending", "on_time", "done", "no_record", "no_deadline")
# Most urgent first: an item shows its most urgent obligation.
STATUSES = (OVERDUE, DUE_SOON, LATE, PENDING, ON_TIME, DONE, NO_RECORD, NO_DEADLINE)
STATUS_LABELS = {OVERDUE: "已逾期未公开", DUE_SOON: "即将到期", LATE: "逾期公开", PENDING: "未到期",
                 ON_TIME: "按时", DONE: "已公开", NO_RECORD: "无记录", NO_DEADLINE: "无固定时限"}
DEFAULT_WITHIN = 7
HISTORY_DAYS = 366


@dataclass(frozen=True)
class Obligation:
    """One disclosure owed: a recurring period or a registered piece of information."""
    label: str                     # 2026年第3季度, or the entry's title
    due: date | None
    status: str
    published: date | None = None
    entry_id: int | None = None
    recurring: bool = False
    days_left: int | None = None   # unpublished: due − today (negative when overdue)

    def to_dict(self) -> dict:
        return {"label": self.label, "due": _iso(self.due), "status": self.status,
                "status_text": status_text(self.status, self.days_left), "published": _iso(self.published),
                "entry_id": self.entry_id, "recurring": self.recurring, "days_left": self.days_left}


@dataclass(frozen=True)
class ItemDue:
    uid: str
    domain_no: int
    title: str
    time_limit: str
    limit_text: str                # the parser's reading: "信息形成或者变更后 20 个工作日内"
    status: str
    days_left: int | None          # of the most urgent unpublished obligation
    next_due: date | None          # earliest due date still open
    obligations: tuple[Obligation, ...]
    entries: int                   # ledger entries of the item (all time)
    last_published: date | None

    @property
    def status_text(self) -> str:
        return status_text(self.status, self.days_left)

    def to_dict(self) -> dict:
        return {"uid": self.uid, "domain_no": self.domain_no, "title": self.title,
                "time_limit": self.time_limit,
                "limit_text": self.limit_text, "status": self.status, "status_text": self.status_text,
                "days_left": self.days_left, "next_due": _iso(self.next_due), "entries": self.entries,
                "last_published": _iso(self.last_published),
                "obligations": [o.to_dict() for o in self.obligations]}


@dataclass(frozen=True)
class DueReport:
    today: date
    within: int
    since: date
    items: tuple[ItemDue, ...]
    fallback_years: tuple[int, ...] = ()
    unlinked: int = 0              # ledger entries not tied to a catalog item

    @property
    def warning(self) -> str | None:
        """The weekends-only fallback warning (must be shown wherever statuses are)."""
        return fallback_warning(list(self.fallback_years))

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(STATUSES, 0)
        for i in self.items:
            out[i.status] += 1
        return out

    def by_uid(self) -> dict[str, ItemDue]:
        return {i.uid: i for i in self.items}

    def to_json(self) -> dict:
        """The `due --json` contract."""
        return {"today": self.today.isoformat(), "within": self.within, "since": self.since.isoformat(),
                "warning": self.warning, "fallback_years": list(self.fallback_years), "counts": self.counts(),
                "unlinked_entries": self.unlinked,
                "items": [i.to_dict() for i in self.items]}


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def status_text(status: str, days_left: int | None = None) -> str:
    """The label shown everywhere: 按时, 逾期公开, 3 天内到期, 今天到期, 已逾期未公开 …"""
    if status == DUE_SOON and days_left is not None:
        return "今天到期" if days_left <= 0 else f"{days_left} 天内到期"
    return STATUS_LABELS[status]


@lru_cache(maxsize=4096)
def _parsed(text: str | None) -> TimeLimit:
    return parse_time_limit(text)


def _event_parts(tl: TimeLimit) -> list[TimeLimit]:
    if tl.kind in (WORKDAYS, DAYS):
        return [tl]
    if tl.kind == "multi":
        return [p for p in tl.parts if p.kind in (WORKDAYS, DAYS)]
    return []


def _recurring(tl: TimeLimit) -> bool:
    if tl.kind == "periodic":
        return tl.period is not None
    return tl.kind == "multi" and any(_recurring(p) for p in tl.parts)


def entry_due(tl: TimeLimit, entry: LedgerEntry, cal: WorkCalendar) -> date | None:
    """The deadline of one registered disclosure: its clause (`part`) or the strictest event clause."""
    if entry.formed is None:
        return None
    parts = _event_parts(tl)
    if entry.part is not None and tl.kind == "multi" and entry.part <= len(tl.parts):
        parts = _event_parts(tl.parts[entry.part - 1])
    dues = [d for p in parts if (d := next_due(p, entry.formed, cal)) is not None]
    return min(dues, default=None)


def in_scope(item: CatalogItem, domain_choices: dict[int, tuple[bool, str]] | None = None) -> bool:
    """Items the ledger tracks: not 不适用, in a domain that applies, and not disclosed on request only
    (an item whose level is still 待确认 is tracked: the clerk may already be disclosing it)."""
    if item.status == NOT_APPLICABLE or not (domain_choices or {}).get(item.domain_no, (True, ""))[0]:
        return False
    marks = item.text.marks
    return not (marks.on_request and marks.active is False)


def disclosure_statuses(items: Iterable[CatalogItem], entries: Sequence[LedgerEntry], *,
                        calendar: WorkCalendar,
                        today: date, within: int = DEFAULT_WITHIN, since: date | None = None,
                        domain_choices: dict[int, tuple[bool, str]] | None = None) -> DueReport:
    """Status of every tracked item: THE function behind `due`, the dashboard and check rule Y001.

    since: obligations due before it are not reported (default: a year before today); within: days ahead
    that count as 即将到期. Pure: pass the catalog items, the ledger entries and the workspace calendar.
    """
    since = since or today - timedelta(days=HISTORY_DAYS)
    by_item: dict[str, list[LedgerEntry]] = {}
    unlinked = 0
    for e in entries:
        if e.item_uid is None:
            unlinked += 1
        else:
            by_item.setdefault(e.item_uid, []).append(e)
    occ_cache: dict[tuple[str, int], list[Occurrence]] = {}
    out = [_item_due(item, by_item.get(item.uid, []), cal=calendar, today=today, within=within, since=since,
                     occ_cache=occ_cache)
           for item in items if in_scope(item, domain_choices)]
    years = tuple(y for y, src in calendar.covered_years().items() if src in FALLBACK_SOURCES)
    return DueReport(today, within, since, tuple(out), years, unlinked)


def _occurrences(tl: TimeLimit, years: range, cal: WorkCalendar, cache: dict) -> list[Occurrence]:
    out = []
    for y in years:
        key = (tl.text, y)
        if key not in cache:
            cache[key] = expected_occurrences(tl, y, cal=cal)
        out += cache[key]
    return out


def _open(label: str, due: date | None, today: date, within: int, *, entry_id: int | None = None,
          recurring: bool = False) -> Obligation:
    """An unpublished obligation: overdue, due soon or pending."""
    if due is None:
        return Obligation(label, None, PENDING, entry_id=entry_id, recurring=recurring)
    left = (due - today).days
    status = OVERDUE if left < 0 else DUE_SOON if left <= within else PENDING
    return Obligation(label, due, status, days_left=left, entry_id=entry_id, recurring=recurring)


def _done(label: str, due: date | None, published: date, *, entry_id: int | None = None,
          recurring: bool = False) -> Obligation:
    status = DONE if due is None else ON_TIME if published <= due else LATE
    return Obligation(label, due, status, published=published, entry_id=entry_id, recurring=recurring)


def _item_due(item: CatalogItem, entries: list[LedgerEntry], *, cal: WorkCalendar, today: date, within: int,
              since: date, occ_cache: dict) -> ItemDue:
    tl = _parsed(item.text.time_limit)
    obligations: list[Obligation] = []
    events = entries
    if _recurring(tl):
        occs = [o for o in _occurrences(tl, range(since.year - 1, today.year + 1), cal, occ_cache)
                if o.period_start <= today]
        # With event clauses too (信息形成20个工作日内；每季度…), an entry with a formed date and no period
        # is an event.
        has_events = bool(_event_parts(tl))
        periodic = [e for e in entries if e.period or not (has_events and e.formed)]
        events = [e for e in entries if not (e.period or not (has_events and e.formed))]
        matched = _match(occs, [e for e in periodic if e.published])
        for o in occs:
            if o.due < since:
                continue
            e = matched.get(o.label)          # matched entries are published ones
            if e is not None and e.published is not None:
                obligations.append(_done(o.label, o.due, e.published, entry_id=e.id, recurring=True))
            else:
                obligations.append(_open(o.label, o.due, today, within, recurring=True))
        used = {id(e) for e in matched.values()}
        obligations += [_done(e.title, None, e.published, entry_id=e.id) for e in periodic
                        if id(e) not in used and e.published and e.published >= since]
    for e in events:
        due = entry_due(tl, e, cal)
        if e.published is None:
            obligations.append(_open(e.title, due, today, within, entry_id=e.id))
        elif max(due or e.published, e.published) >= since:
            obligations.append(_done(e.title, due, e.published, entry_id=e.id))
    return _summarise(item, tl, obligations, entries)


def _match(occs: list[Occurrence], published: list[LedgerEntry]) -> dict[str, LedgerEntry]:
    """occurrence label → the entry that fulfils it: its `period` label, else the nearest due date."""
    out: dict[str, LedgerEntry] = {}
    labels = {o.label for o in occs}
    rest = []
    for e in sorted(published, key=lambda e: (e.published, e.id or 0)):
        if e.period in labels and e.period not in out:
            out[e.period] = e
        elif not e.period:
            rest.append(e)
    for e in rest:
        day = e.published
        if day is None:       # the caller passes published entries only
            continue
        candidates = [o for o in occs if o.period_start <= day and o.label not in out]
        if candidates:
            best = min(candidates, key=lambda o: (abs((day - o.due).days), o.due))
            out[best.label] = e
    return out


def _summarise(item: CatalogItem, tl: TimeLimit, obligations: list[Obligation], entries: list[LedgerEntry]
               ) -> ItemDue:
    rank = {s: i for i, s in enumerate(STATUSES)}
    published = [e.published for e in entries if e.published]
    if obligations:
        status = min((o.status for o in obligations), key=rank.__getitem__)
    elif published:
        status = DONE
    else:
        status = NO_RECORD if (_event_parts(tl) or _recurring(tl)) else NO_DEADLINE
    lefts = [o.days_left for o in obligations if o.status == status and o.days_left is not None]
    open_dues = [o.due for o in obligations if o.published is None and o.due is not None]
    obligations.sort(key=lambda o: (o.due or o.published or date.max, o.label))
    return ItemDue(item.uid, item.domain_no, item.title, item.text.time_limit or "", tl.describe(), status,
                   min(lefts, default=None), min(open_dues, default=None), tuple(obligations), len(entries),
                   max(published, default=None))
