"""SQL of the 依申请公开 register: requests with their consultations, appeals, and exported annual figures.

The tables are created by store.MIGRATIONS. Applicant names are stored in full (the register is the
township's own record); everything that leaves the workspace goes through InfoRequest.export_dict.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from catalog.errors import KnownError
from catalog.ledger.appeals import Appeal
from catalog.ledger.requests import Consultation, InfoRequest
from catalog.ledger.store import day, iso, now, required_day
from catalog.storage.workspace import Workspace, insert_row

_DATE_FIELDS = ("received", "reviewed_on", "processing_on", "correction_sent", "correction_received",
                "extension_approved", "reply_on", "archived_on")
_TEXT_FIELDS = ("no", "channel", "category", "applicant", "contact", "content", "extension_by", "reply_type",
                "reply_note", "note")


class RequestStore:
    """Reads and writes ledger_requests, ledger_consultations, ledger_appeals and ledger_annual."""

    def __init__(self, ws: Workspace):
        self.ws = ws
        self.db = ws.db

    # -- requests ------------------------------------------------------------------------------
    def next_no(self, year: int) -> str:
        """The next free 登记编号 of a year: 2026-001, 2026-002 …"""
        nos = [r[0] for r in self.db.execute("select no from ledger_requests where no like ?", [f"{year}-%"])]
        seqs = [int(n.split("-", 1)[1]) for n in nos if n.split("-", 1)[1].isdigit()]
        return f"{year}-{(max(seqs, default=0) + 1):03d}"

    def add(self, req: InfoRequest) -> InfoRequest:
        """Insert a new request (numbered when req.no is empty); returns it with id and no."""
        with self.ws.atomic():
            no = req.no.strip() or self.next_no(req.received.year)
            if self.db.execute("select 1 from ledger_requests where no = ?", [no]).fetchone():
                raise KnownError(f"登记编号 {no} 已被使用，请换一个编号或不填（自动编号）")
            req = req.with_(no=no)
            row = _row(req)
            row["created_at"] = row["updated_at"] = now()
            rid = insert_row(self.db, "ledger_requests", row)
            self._save_consultations(rid, req.consultations)
        return self.get(rid)

    def save(self, req: InfoRequest) -> InfoRequest:
        """Write back a changed request (and its consultations)."""
        if req.id is None:
            raise ValueError("request without id")
        with self.ws.atomic():
            self.get(req.id)
            clash = self.db.execute("select id from ledger_requests where no = ? and id != ?",
                                    [req.no, req.id]).fetchone()
            if clash:
                raise KnownError(f"登记编号 {req.no} 已被使用")
            row = _row(req)
            row["updated_at"] = now()
            self.db.table("ledger_requests").update(req.id, row)
            self.db.execute("delete from ledger_consultations where request_id = ?", [req.id])
            self._save_consultations(req.id, req.consultations)
        return self.get(req.id)

    def remove(self, request_id: int) -> InfoRequest:
        with self.ws.atomic():
            req = self.get(request_id)
            self.db.execute("delete from ledger_consultations where request_id = ?", [request_id])
            self.db.execute("update ledger_appeals set request_id = null where request_id = ?", [request_id])
            self.db.execute("delete from ledger_requests where id = ?", [request_id])
        return req

    def get(self, ref: int | str) -> InfoRequest:
        """A request by id or by 登记编号."""
        if isinstance(ref, str) and not ref.isdigit():
            r = next(self.db.query("select * from ledger_requests where no = ?", [ref]), None)
        else:
            r = next(self.db.query("select * from ledger_requests where id = ? or no = ?"
                                   " order by id = ? desc",
                                   [int(ref), str(ref), int(ref)]), None)
        if r is None:
            raise KnownError(f"登记簿中没有编号为 {ref} 的申请（用 request list 查看）")
        return _request(r, self._consultations([r["id"]]).get(r["id"], ()))

    def requests(self, *, received_until: date | None = None, open_or_replied_from: date | None = None
                 ) -> list[InfoRequest]:
        """Requests by receipt date; the filters narrow to those a year's report needs."""
        where, args = [], []
        if received_until is not None:
            where.append("received <= ?")
            args.append(received_until.isoformat())
        if open_or_replied_from is not None:
            where.append("(reply_on is null or reply_on >= ?)")
            args.append(open_or_replied_from.isoformat())
        sql = "select * from ledger_requests" + (" where " + " and ".join(where) if where else "")
        rows = list(self.db.query(sql + " order by received, id", args))
        cons = self._consultations([r["id"] for r in rows])
        return [_request(r, cons.get(r["id"], ())) for r in rows]

    def _consultations(self, ids: list[int]) -> dict[int, tuple[Consultation, ...]]:
        out: dict[int, list[Consultation]] = {}
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        sql = f"select * from ledger_consultations where request_id in ({marks}) order by start, id"
        for r in self.db.query(sql, ids):
            out.setdefault(r["request_id"], []).append(
                Consultation(required_day(r["start"]), day(r["finished"]), r["party"] or "", r["id"]))
        return {k: tuple(v) for k, v in out.items()}

    def _save_consultations(self, rid: int, cons: Iterable[Consultation]) -> None:
        self.db.table("ledger_consultations").insert_all(
            [{"request_id": rid, "start": iso(c.start), "finished": iso(c.end), "party": c.party}
             for c in cons])

    # -- appeals -------------------------------------------------------------------------------
    def add_appeal(self, a: Appeal) -> int:
        with self.ws.atomic():
            if a.request_id is not None:
                self.get(a.request_id)
            return insert_row(self.db, "ledger_appeals", {
                "kind": a.kind, "filed": iso(a.filed), "request_id": a.request_id, "result": a.result,
                "closed": iso(a.closed), "note": a.note, "created_at": now()})

    def save_appeal(self, a: Appeal) -> None:
        with self.ws.atomic():
            self.appeal(a.id)
            assert a.id is not None           # appeal() refuses an unknown id
            self.db.table("ledger_appeals").update(a.id, {
                "kind": a.kind, "filed": iso(a.filed), "request_id": a.request_id, "result": a.result,
                "closed": iso(a.closed), "note": a.note})

    def appeal(self, appeal_id: int | None) -> Appeal:
        r = next(self.db.query("select * from ledger_appeals where id = ?", [appeal_id]), None)
        if r is None:
            raise KnownError(f"没有编号为 {appeal_id} 的复议/诉讼记录")
        return _appeal(r)

    def appeals(self) -> list[Appeal]:
        return [_appeal(r) for r in self.db.query("select * from ledger_appeals order by filed, id")]

    # -- annual reports ------------------------------------------------------------------------
    def annual(self, year: int) -> dict | None:
        """The figures of the annual report last exported for `year`, or None."""
        r = next(self.db.query("select data from ledger_annual where year = ?", [year]), None)
        return json.loads(r["data"]) if r else None

    def save_annual(self, year: int, data: dict, *, file: str) -> None:
        with self.ws.atomic():
            self.db.table("ledger_annual").upsert({"year": year, "data": json.dumps(data, ensure_ascii=False),
                                                  "file": file, "exported_at": now()}, pk="year")


def _row(req: InfoRequest) -> dict:
    row: dict[str, object] = {f: iso(getattr(req, f)) for f in _DATE_FIELDS}
    row.update({f: getattr(req, f) or "" for f in _TEXT_FIELDS})
    row["reply_type"] = req.reply_type or None
    row["extension_days"] = req.extension_days
    return row


def _request(r: dict, cons: tuple[Consultation, ...]) -> InfoRequest:
    kw: dict[str, Any] = {f: day(r[f]) for f in _DATE_FIELDS}     # a database row: checked when saved
    kw.update({f: r[f] or "" for f in _TEXT_FIELDS})
    kw["reply_type"] = r["reply_type"] or None
    return InfoRequest(extension_days=r["extension_days"] or 0, consultations=cons, id=r["id"], **kw)


def _appeal(r: dict) -> Appeal:
    return Appeal(r["kind"], required_day(r["filed"]), r["result"] or "", day(r["closed"]), r["request_id"],
                  r["note"] or "", r["id"])
