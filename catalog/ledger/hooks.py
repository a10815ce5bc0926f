"""Ledger entries that other features write: every noticeboard print is a disclosure on the village boards.

NoticeStore.record_print calls record_notice_print inside its own transaction, record_posting calls
record_notice_posting. The entry is linked to the catalog item the clerk last linked a print of the same
template to (`ledger link`), else to the only adopted item the template's words point at, else left unlinked.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from catalog.ledger.model import SOURCE_NOTICE, LedgerEntry
from catalog.ledger.store import LedgerStore
from catalog.storage.workspace import Workspace

NOTICE_CHANNEL = "村务公开栏"
_KIND_TEXT = {"pdf": "", "xlsx": "（Excel 版）", "summary": "（分村汇总表）"}
# Template id → words in the title of the template's catalog item (used when exactly one item matches).
TEMPLATE_WORDS = {"huimin_butie": ("惠民惠农",), "shehui_jiuzhu": ("最低生活保障", "审批")}


def record_notice_print(ws: Workspace, *, print_id: int, kind: str, template: str, template_name: str = "",
                        year: int, file: str, period_start: date, villages: Sequence[str]) -> int:
    """Add the ledger entry of one noticeboard print (published = first day of the 公示期); returns its id."""
    store = LedgerStore(ws)
    name = template_name or _template_name(template)
    shown = "、".join(villages[:5]) + (f"等 {len(villages)} 个村" if len(villages) > 5 else "")
    entry = LedgerEntry(
        item_uid=_item_for(ws, store, template),
        title=f"{year}年度{name}{_KIND_TEXT.get(kind, '')}（{shown}）",
        published=period_start, channels=(NOTICE_CHANNEL,), where=file, who="",
        note=f"由村务公开栏打印自动登记（打印记录 {print_id}，模板 {template}）", source=SOURCE_NOTICE,
        source_id=print_id)
    return store.add(entry)


def record_notice_posting(ws: Workspace, print_id: int, *, posted_on: date) -> None:
    """The sheets of a print went up on the boards: that day is the entry's publication date."""
    store = LedgerStore(ws)
    entry = store.by_source(SOURCE_NOTICE, print_id)
    if entry is not None:
        store.update(entry.with_(published=posted_on))


def template_of(entry: LedgerEntry) -> str | None:
    """The notice template id of an entry a print added (from its note), else None."""
    if entry.source != SOURCE_NOTICE:
        return None
    m = re.search(r"模板 ([A-Za-z0-9_\-]+)）", entry.note)
    return m.group(1) if m else None


def _template_name(template: str) -> str:
    from catalog.errors import KnownError
    from catalog.noticeboard.template import load_template
    try:
        return load_template(template).name
    except KnownError:
        return template


def _item_for(ws: Workspace, store: LedgerStore, template: str) -> str | None:
    from catalog.storage.catalog_store import CatalogStore
    from catalog.township.items import ADOPTED
    remembered = store.template_item(template)
    catalog = CatalogStore(ws)
    if remembered and catalog.item(remembered) is not None:
        return remembered
    words = TEMPLATE_WORDS.get(template)
    if not words:
        return None
    hits = [i.uid for i in catalog.items() if i.status == ADOPTED and all(w in i.title for w in words)]
    return hits[0] if len(hits) == 1 else None
