"""SQL of the noticeboard: imported rosters with their rows and issues, exclusions, and every print made.

Tables (MIGRATIONS, listed in storage.migrations): notice_rosters, notice_rows (one per roster line,
field texts as JSON), notice_issues (the validation report as stored), notice_exclusions (rows kept off
the sheets, with the reason), notice_prints (what was printed: kind, file, villages, 公示期, when,
and when it was posted) and notice_print_villages (per village: version, content digest, rows, amount).
A re-posted sheet whose content changed gets the next version for its village, template and year.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from catalog.errors import KnownError
from catalog.noticeboard.model import Issue, Roster, RosterRow
from catalog.noticeboard.render_pdf import PrintResult
from catalog.noticeboard.sheets import VillageSheet
from catalog.noticeboard.validate import validate

# The tables are created by catalog/storage/schema_notice.py (light to import at start-up).
from catalog.storage.schema_notice import MIGRATIONS  # noqa: F401
from catalog.storage.workspace import Workspace, insert_row


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


class NoticeStore:
    """Reads and writes the noticeboard tables of one workspace; every write is one transaction."""

    def __init__(self, ws: Workspace):
        self.ws = ws
        self.db = ws.db

    # -- rosters -------------------------------------------------------------------------------
    def save_roster(self, roster: Roster) -> int:
        """Store a freshly imported roster (rows, issues, exclusions); sets and returns roster.id."""
        with self.ws.atomic():
            tid = insert_row(self.db, "notice_rosters", {
                "file": roster.file, "kind": roster.kind, "template": roster.template_id,
                "sheets": json.dumps(roster.sheets, ensure_ascii=False),
                "mapping": json.dumps(roster.mapping, ensure_ascii=False), "encoding": roster.encoding,
                "villages": json.dumps(list(roster.township_villages), ensure_ascii=False),
                "notes": json.dumps(roster.notes, ensure_ascii=False), "imported_at": _now(),
            })
            roster.id = tid
            self.db.table("notice_rows").insert_all(
                ({"roster_id": tid, "no": r.no, "sheet": r.sheet, "line": r.line, "kind": r.kind,
                  "id_from_number": int(r.id_from_number), "data": json.dumps(r.values, ensure_ascii=False)}
                 for r in roster.rows), batch_size=2000)
            self._save_state(roster)
        return tid

    def latest_id(self) -> int | None:
        row = self.db.execute("select max(id) from notice_rosters").fetchone()
        return row[0] if row and row[0] is not None else None

    def rosters(self) -> list[dict]:
        """All imported rosters, newest first, with their counts."""
        return [dict(r) for r in self.db.query(
            "select id, file, template, rows, amount, errors, warnings, imported_at, updated_at"
            " from notice_rosters order by id desc")]

    def load(self, roster_id: int | None = None, *, villages: Sequence[str] | None = None) -> Roster:
        """A stored roster (the latest when roster_id is None), re-validated against the given villages
        (default: those it was imported with) so amounts and blocking are current."""
        rid = roster_id if roster_id is not None else self.latest_id()
        meta = self.db.execute("select * from notice_rosters where id = ?", [rid]).fetchone() if rid else None
        if meta is None:
            raise KnownError("还没有导入任何补贴名册，请先导入（notice import 名册文件）" if roster_id is None
                             else f"没有编号为 {roster_id} 的名册")
        cols = [d[0] for d in self.db.execute("select * from notice_rosters limit 0").description]
        m = dict(zip(cols, meta, strict=True))
        rows = [RosterRow(no, sheet, line, json.loads(data), kind=kind, id_from_number=bool(idn))
                for no, sheet, line, kind, idn, data in self.db.execute(
                    "select no, sheet, line, kind, id_from_number, data from notice_rows where roster_id = ?"
                    " order by no", [rid])]
        excluded = {no: reason for no, reason in self.db.execute(
            "select no, reason from notice_exclusions where roster_id = ?", [rid])}
        known = tuple(villages if villages is not None else json.loads(m["villages"]))
        roster = Roster(file=m["file"], kind=m["kind"], template_id=m["template"], township_villages=known,
                        mapping=json.loads(m["mapping"]), rows=rows, excluded=excluded,
                        notes=json.loads(m["notes"] or "[]"), sheets=json.loads(m["sheets"] or "[]"),
                        encoding=m["encoding"] or "", id=rid)
        validate(roster)
        return roster

    def stored_issues(self, roster_id: int) -> list[Issue]:
        """The validation report as last saved (no re-validation)."""
        return [Issue(r["no"], r["sheet"], r["line"], r["field"], r["level"], r["code"], r["message"],
                      tuple(json.loads(r["villages"] or "[]")))
                for r in self.db.query("select * from notice_issues where roster_id = ? order by no, id",
                                       [roster_id])]

    # -- corrections ---------------------------------------------------------------------------
    def exclude(self, roster: Roster, nos: Iterable[int], reason: str) -> None:
        """Keep rows off the sheets (e.g. a duplicate, or a person found ineligible); re-validates."""
        if not reason.strip():
            raise KnownError("排除行时必须写明原因（会随打印记录保存）")
        for no in nos:
            if not 1 <= no <= len(roster.rows):
                raise KnownError(f"名册中没有第 {no} 条记录")
            roster.excluded[no] = reason.strip()
        with self.ws.atomic():
            self.db.table("notice_exclusions").upsert_all(
                [{"roster_id": roster.id, "no": no, "reason": reason.strip(), "excluded_at": _now()}
                 for no in nos], pk=("roster_id", "no"))
            validate(roster)
            self._save_state(roster)

    def include(self, roster: Roster, nos: Iterable[int]) -> None:
        """Undo an exclusion."""
        nos = list(nos)
        for no in nos:
            roster.excluded.pop(no, None)
        with self.ws.atomic():
            for no in nos:
                self.db.execute("delete from notice_exclusions where roster_id = ? and no = ?",
                                [roster.id, no])
            validate(roster)
            self._save_state(roster)

    def fix_row(self, roster: Roster, no: int, values: dict[str, str]) -> list[Issue]:
        """Correct fields of one row (field → new text; '' clears), re-validate; returns the row's issues."""
        row = roster.row(no)
        for f, v in values.items():
            if v:
                row.values[f] = str(v).strip()
            else:
                row.values.pop(f, None)
            if f == "id_number":
                row.id_from_number = False
        with self.ws.atomic():
            self.db.table("notice_rows").update((roster.id, no), {
                "data": json.dumps(row.values, ensure_ascii=False),
                "id_from_number": int(row.id_from_number)})
            validate(roster)
            self._save_state(roster)
        return [i for i in roster.issues if i.no == no]

    def _save_state(self, roster: Roster) -> None:
        rid = roster.id
        assert rid is not None              # a stored roster has its id
        self.db.execute("delete from notice_issues where roster_id = ?", [rid])
        self.db.table("notice_issues").insert_all(
            ({"roster_id": rid, "no": i.no, "sheet": i.sheet, "line": i.line, "field": i.field,
              "level": i.level, "code": i.code, "message": i.message,
              "villages": json.dumps(list(i.villages), ensure_ascii=False)}
             for i in roster.issues), batch_size=2000)
        people = roster.person_rows()
        self.db.table("notice_rosters").update(rid, {
            "rows": len(people), "amount": str(sum((r.amount or Decimal(0) for r in people), Decimal(0))),
            "errors": len(roster.errors), "warnings": len(roster.warnings), "updated_at": _now()})

    # -- prints --------------------------------------------------------------------------------
    def versions_for(self, *, template: str, year: int, sheets: Sequence[VillageSheet],
                     roster_id: int | None = None,
                     correction: bool = False) -> dict[str, int]:
        """village → version to print: the last one again if the content is unchanged, else the next.

        Versions belong to one roster: with roster_id, only earlier prints of the same roster or of a
        roster with the same file name (the corrected file imported again) count, so another batch of
        the same subsidy starts at 第 1 版; correction=True (the clerk's explicit 更正) continues from
        any earlier print of the village, template and year. roster_id None: every print counts."""
        same = "" if correction or roster_id is None else (
            " and p.roster_id in (select id from notice_rosters where id = ? or file ="
            " (select file from notice_rosters where id = ?))")
        extra = [] if not same else [roster_id, roster_id]
        out = {}
        for s in sheets:
            last = self.db.execute(
                "select v.version, v.digest from notice_print_villages v"
                " join notice_prints p on p.id = v.print_id"
                " where v.village = ? and p.template = ? and p.year = ? and p.kind = 'pdf'" + same +
                " order by v.version desc, p.id desc limit 1", [s.village, template, year, *extra]).fetchone()
            if last is None:
                out[s.village] = 1
            else:
                out[s.village] = last[0] if last[1] == s.digest() else last[0] + 1
        return out

    def record_print(self, *, roster_id: int | None, kind: str, template: str, year: int, file: str,
                     result: PrintResult, options: dict | None = None) -> int:
        """Record one print (kind pdf | xlsx | summary): villages, versions, 公示期; returns its id."""
        with self.ws.atomic():
            pid = insert_row(self.db, "notice_prints", {
                "roster_id": roster_id, "kind": kind, "template": template, "year": year, "file": file,
                "villages": json.dumps(result.villages, ensure_ascii=False),
                "period_start": result.period.start.isoformat(), "period_end": result.period.end.isoformat(),
                "pages": result.pages, "options": json.dumps(options or {}, ensure_ascii=False),
                "printed_at": _now(),
            })
            self.db.table("notice_print_villages").insert_all(
                [{"print_id": pid, "village": s.village, "version": s.version, "digest": s.digest(),
                  "rows": len(s.rows), "amount": str(s.amount)} for s in result.sheets])
            from catalog.ledger.hooks import record_notice_print  # the 公开台账 gets one entry per print
            record_notice_print(self.ws, print_id=pid, kind=kind, template=template, year=year, file=file,
                                period_start=result.period.start, villages=result.villages)
        return pid

    def record_posting(self, print_id: int, *, posted_on: date, note: str = "") -> None:
        """Note that the sheets of a print were put up on the boards (for the 公开台账)."""
        with self.ws.atomic():
            if not self.db.execute("select 1 from notice_prints where id = ?", [print_id]).fetchone():
                raise KnownError(f"没有编号为 {print_id} 的打印记录")
            self.db.table("notice_prints").update(print_id, {"posted_at": posted_on.isoformat(),
                                                            "posted_note": note})
            from catalog.ledger.hooks import record_notice_posting
            record_notice_posting(self.ws, print_id, posted_on=posted_on)

    def prints(self, *, roster_id: int | None = None, village: str | None = None) -> list[dict]:
        """Print records, newest first; each with its villages' versions. Filter by roster or village."""
        sql = "select * from notice_prints"
        args: list = []
        where = []
        if roster_id is not None:
            where.append("roster_id = ?")
            args.append(roster_id)
        if village is not None:
            where.append("id in (select print_id from notice_print_villages where village = ?)")
            args.append(village)
        if where:
            sql += " where " + " and ".join(where)
        out = []
        for r in self.db.query(sql + " order by id desc", args):
            r = dict(r)
            r["villages"] = json.loads(r["villages"] or "[]")
            r["options"] = json.loads(r["options"] or "{}")
            r["sheets"] = [dict(v) for v in self.db.query(
                "select village, version, digest, rows, amount from notice_print_villages where print_id = ?"
                " order by rowid", [r["id"]])]
            out.append(r)
        return out


def record_posting(ws: Workspace, print_id: int, *, posted_on: date, note: str = "") -> None:
    """For the 公开台账: mark a recorded print as posted on the village boards."""
    NoticeStore(ws).record_posting(print_id, posted_on=posted_on, note=note)


def print_history(ws: Workspace, *, village: str | None = None) -> list[dict]:
    """Every notice print (what, which villages and versions, 公示期, printed/posted when), newest first."""
    return NoticeStore(ws).prints(village=village)
