"""SQL for the township profile, domain choices, catalog items and published versions."""
from __future__ import annotations

import json
from datetime import datetime

from catalog.model import ItemText, Marks
from catalog.storage.workspace import Workspace
from catalog.township.items import CatalogItem
from catalog.township.profile import Township, Village

_MARKS = ("public", "specific", "active", "on_request", "county", "township")


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


class CatalogStore:
    """Reads and writes the catalog tables of one workspace. Callers wrap writes in ws.atomic()."""

    def __init__(self, ws: Workspace):
        self.ws = ws
        self.db = ws.db

    # -- township ------------------------------------------------------------------------------
    def township(self) -> Township | None:
        row = self.db.execute("select name, county, code, contact, phone, supervise_phone from township "
                              "where id = 1").fetchone()
        if not row:
            return None
        villages = tuple(Village(r["name"], r["code"] or "") for r in
                         self.db.query("select name, code from villages order by position, id"))
        return Township(row[0], row[1], row[2], row[3] or "", row[4] or "", row[5] or "", villages)

    def save_township(self, t: Township) -> None:
        self.db.table("township").upsert({
            "id": 1, "name": t.name, "county": t.county, "code": t.code, "contact": t.contact,
            "phone": t.phone, "supervise_phone": t.supervise_phone, "created_at": _now(),
        }, pk="id")
        self.db.execute("delete from villages")
        self.db.table("villages").insert_all(
            [{"name": v.name, "code": v.code, "position": i} for i, v in enumerate(t.villages)])

    # -- domains -------------------------------------------------------------------------------
    def domain_choices(self) -> dict[int, tuple[bool, str]]:
        """{domain_no: (applies, reason)} for domains the clerk decided on."""
        return {r["no"]: (bool(r["applies"]), r["reason"] or "") for r in self.db["domains"].rows}

    def set_domain(self, no: int, applies: bool, reason: str = "") -> None:
        self.db.table("domains").upsert({"no": no, "applies": int(applies), "reason": reason}, pk="no")

    def delete_domain_choice(self, no: int) -> None:
        self.db.execute("delete from domains where no = ?", [no])

    # -- items ---------------------------------------------------------------------------------
    def items(self, domain_no: int | None = None) -> list[CatalogItem]:
        where, params = ("where domain_no = ?", [domain_no]) if domain_no is not None else ("", [])
        sql = f"select * from items {where} order by domain_no, position, id"
        return [_item(r) for r in self.db.query(sql, params)]

    def item(self, uid: str) -> CatalogItem | None:
        rows = list(self.db.query("select * from items where uid = ?", [uid]))
        return _item(rows[0]) if rows else None

    def uids(self) -> set[str]:
        return {r[0] for r in self.db.execute("select uid from items")}

    def put(self, item: CatalogItem) -> None:
        """Insert or replace by uid."""
        row = _row(item)
        existing = self.db.execute("select id from items where uid = ?", [item.uid]).fetchone()
        if existing:
            self.db.table("items").update(existing[0], row)
        else:
            self.db.table("items").insert(row)

    def put_many(self, items: list[CatalogItem]) -> None:
        self.db.table("items").insert_all([_row(i) for i in items])

    def delete(self, uid: str) -> None:
        self.db.execute("delete from items where uid = ?", [uid])

    def next_position(self, domain_no: int) -> int:
        row = self.db.execute("select max(position) from items where domain_no = ?", [domain_no]).fetchone()
        return (row[0] if row and row[0] is not None else -1) + 1

    def next_local_uid(self) -> str:
        rows = self.db.execute("select uid from items where uid like 'L-%'").fetchall()
        numbers = [int(r[0][2:]) for r in rows if r[0][2:].isdigit()]
        return f"L-{(max(numbers) + 1) if numbers else 1:03d}"

    def set_positions(self, domain_no: int, uids: list[str]) -> None:
        for pos, uid in enumerate(uids):
            self.db.execute("update items set position = ? where uid = ? and domain_no = ?",
                            [pos, uid, domain_no])

    # -- imported guide versions ---------------------------------------------------------------
    def guide_versions(self, domain_no: int | None = None) -> list[dict]:
        where, params = ("where domain_no = ?", [domain_no]) if domain_no is not None else ("", [])
        return [dict(r) for r in self.db.query(
            f"select domain_no, version, imported_at, source, file from guide_versions {where} "
            "order by domain_no, version", params)]

    def latest_guide_data(self) -> dict[int, dict]:
        """{domain_no: guide dict} of the newest imported version of each domain."""
        rows = self.db.query("select domain_no, data from guide_versions g where version = "
                             "(select max(version) from guide_versions where domain_no = g.domain_no)")
        return {r["domain_no"]: json.loads(r["data"]) for r in rows}

    def add_guide_version(self, domain_no: int, version: int, data: dict, *, source: str, file: str) -> None:
        self.db.table("guide_versions").insert({
            "domain_no": domain_no, "version": version, "imported_at": _now(), "source": source, "file": file,
            "data": json.dumps(data, ensure_ascii=False)})

    # -- versions ------------------------------------------------------------------------------
    def versions(self) -> list[dict]:
        return [dict(r) for r in self.db.query("select no, published_at, note from versions order by no")]

    def version_snapshot(self, no: int) -> dict | None:
        row = self.db.execute("select snapshot from versions where no = ?", [no]).fetchone()
        return json.loads(row[0]) if row else None

    def add_version(self, snapshot: dict, note: str = "") -> int:
        row = self.db.execute("select max(no) from versions").fetchone()
        no = (row[0] or 0) + 1
        self.db.table("versions").insert({"no": no, "published_at": _now(), "note": note,
                                         "snapshot": json.dumps(snapshot, ensure_ascii=False)})
        return no


def _tri(v: int | None) -> bool | None:
    return None if v is None else bool(v)


def _item(r: dict) -> CatalogItem:
    channels = json.loads(r["channels"]) if r["channels"] is not None else None
    text = ItemText(
        level1=r["level1"], level2=r["level2"] or "", content=tuple(json.loads(r["content"] or "[]")),
        basis=tuple(json.loads(r["basis"] or "[]")), time_limit=r["time_limit"], subject=r["subject"],
        channels=None if channels is None else tuple(channels),
        marks=Marks(**{m: _tri(r[m]) for m in _MARKS}),
    )
    return CatalogItem(uid=r["uid"], domain_no=r["domain_no"], text=text, status=r["status"],
                       na_reason=r["na_reason"] or "", guide_item_id=r["guide_item_id"],
                       origin_subject=r["origin_subject"], local=bool(r["local"]),
                       position=r["position"] or 0,
                       guide_base=json.loads(r["guide_base"]) if r.get("guide_base") else None)


def _row(i: CatalogItem) -> dict:
    t = i.text
    row = {
        "uid": i.uid, "domain_no": i.domain_no, "guide_item_id": i.guide_item_id, "position": i.position,
        "level1": t.level1, "level2": t.level2, "content": json.dumps(list(t.content), ensure_ascii=False),
        "basis": json.dumps(list(t.basis), ensure_ascii=False), "time_limit": t.time_limit,
        "subject": t.subject,
        "channels": None if t.channels is None else json.dumps(list(t.channels), ensure_ascii=False),
        "status": i.status, "na_reason": i.na_reason, "origin_subject": i.origin_subject,
        "local": int(i.local), "updated_at": _now(),
        "guide_base": json.dumps(i.guide_base, ensure_ascii=False) if i.guide_base is not None else None,
    }
    for m in _MARKS:
        v = getattr(t.marks, m)
        row[m] = None if v is None else int(v)
    return row
