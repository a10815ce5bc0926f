"""The 依申请公开 register of one workspace (登记、审核、办理、答复、归档), appeals and the annual report
export.

Every change goes through validate_request, so a stored request always has a consistent timeline; every
listing it returns is masked (InfoRequest.export_dict).
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from catalog.errors import KnownError
from catalog.ledger.annual import AnnualTables, build_tables, cross_footing
from catalog.ledger.appeals import Appeal, validate_appeal
from catalog.ledger.due import DEFAULT_WITHIN
from catalog.ledger.outcomes import outcome
from catalog.ledger.request_store import RequestStore
from catalog.ledger.requests import Consultation, InfoRequest, request_status, validate_request
from catalog.ledger.service import Ledger
from catalog.storage.workspace import Workspace
from catalog.timelimits.workdays import WorkCalendar


class CrossFootingError(KnownError):
    """The annual tables do not add up: nothing was exported. `problems` lists every failed sum."""

    def __init__(self, year: int, problems: list[str]):
        self.problems = problems
        super().__init__(f"{year} 年度报告的统计表勾稽关系不成立，已拒绝导出：\n"
                         + "\n".join(f"  - {p}" for p in problems))


class Register:
    """Requests, appeals and annual tables of one open workspace (the caller owns and closes ws)."""

    def __init__(self, ws: Workspace):
        self.ws = ws
        self.store = RequestStore(ws)
        self.ledger = Ledger(ws)
        self._cal: WorkCalendar | None = None

    def calendar(self) -> WorkCalendar:
        if self._cal is None:
            self._cal = self.ledger.calendar()
        return self._cal

    # -- requests ------------------------------------------------------------------------------
    def add(self, req: InfoRequest) -> InfoRequest:
        """登记: validate and number a new request."""
        return self.store.add(validate_request(req, self.calendar()))

    def get(self, ref: int | str) -> InfoRequest:
        return self.store.get(ref)

    def update(self, ref: int | str, **changes: Any) -> InfoRequest:
        """Change fields of a request (dates, reply …); the whole record is validated again."""
        req = self.store.get(ref).with_(**changes)
        return self.store.save(validate_request(req, self.calendar()))

    def review(self, ref: int | str, *, on: date) -> InfoRequest:
        """审核 done (the request is complete and clear): processing may start."""
        return self.update(ref, reviewed_on=on)

    def process(self, ref: int | str, *, on: date) -> InfoRequest:
        return self.update(ref, processing_on=on)

    def correction(self, ref: int | str, *, sent: date | None = None,
                   received: date | None = None) -> InfoRequest:
        """补正: the notice went out (sent) and/or the applicant's 补正 arrived (received: the clock
        restarts)."""
        changes: dict[str, date] = {}
        if sent:
            changes["correction_sent"] = sent
        if received:
            changes["correction_received"] = received
        if not changes:
            raise KnownError("请给出补正告知日期（--sent）或收到补正日期（--received）")
        return self.update(ref, **changes)

    def extend(self, ref: int | str, *, approved: date, days: int, by: str = "") -> InfoRequest:
        """延期答复 (条例第三十三条): approved before the deadline, at most 20 working days."""
        return self.update(ref, extension_approved=approved, extension_days=days, extension_by=by)

    def consult(self, ref: int | str, *, start: date | None = None, end: date | None = None,
                party: str = "") -> InfoRequest:
        """征求第三方意见: start a consultation, or end the open one (its days are not counted)."""
        req = self.store.get(ref)
        cons = list(req.consultations)
        if start is not None:
            if any(c.end is None for c in cons):
                raise KnownError("还有一次征求意见没有结束，请先登记收到意见的日期（--end）")
            cons.append(Consultation(start, end, party))
        elif end is not None:
            open_ = [i for i, c in enumerate(cons) if c.end is None]
            if not open_:
                raise KnownError("没有正在进行的征求意见，请用 --start 登记开始日期")
            c = cons[open_[0]]
            cons[open_[0]] = Consultation(c.start, end, c.party or party, c.id)
        else:
            raise KnownError("请给出征求意见开始日期（--start）或收到意见日期（--end）")
        return self.update(ref, consultations=tuple(cons))

    def reply(self, ref: int | str, *, reply_type: str, on: date, note: str = "") -> InfoRequest:
        """答复: the reply type is an annual-report outcome row (code "3.4" or its words)."""
        return self.update(ref, reply_type=outcome(reply_type).code, reply_on=on, reply_note=note)

    def archive(self, ref: int | str, *, on: date) -> InfoRequest:
        return self.update(ref, archived_on=on)

    def remove(self, ref: int | str) -> InfoRequest:
        req = self.store.get(ref)
        assert req.id is not None             # a stored request has its id
        return self.store.remove(req.id)

    def requests(self, *, year: int | None = None, open_only: bool = False) -> list[InfoRequest]:
        out = self.store.requests()
        if year is not None:
            out = [r for r in out if r.received.year == year or (r.reply_on and r.reply_on.year == year)
                   or (r.received.year < year and (r.reply_on is None or r.reply_on.year >= year))]
        if open_only:
            out = [r for r in out if r.reply_on is None]
        return out

    def status(self, req: InfoRequest, *, today: date, within: int = DEFAULT_WITHIN) -> dict:
        return request_status(req, self.calendar(), today=today, within=within)

    def listing(self, *, today: date, within: int = DEFAULT_WITHIN, year: int | None = None,
                open_only: bool = False) -> list[dict]:
        """Masked rows for lists and exports: the request's export_dict plus its status and deadline."""
        return [{**r.export_dict(), **self.status(r, today=today, within=within)}
                for r in self.requests(year=year, open_only=open_only)]

    # -- appeals -------------------------------------------------------------------------------
    def add_appeal(self, a: Appeal) -> Appeal:
        return self.store.appeal(self.store.add_appeal(validate_appeal(a)))

    def close_appeal(self, appeal_id: int, *, result: str, closed: date) -> Appeal:
        a = self.store.appeal(appeal_id)
        a = validate_appeal(Appeal(a.kind, a.filed, result, closed, a.request_id, a.note, a.id))
        self.store.save_appeal(a)
        return a

    def appeals(self) -> list[Appeal]:
        return self.store.appeals()

    # -- annual report -------------------------------------------------------------------------
    def annual_tables(self, year: int, *, valid_counts: dict[str, int] | None = None,
                      from_register: bool = False) -> tuple[AnnualTables, list[str]]:
        """The year's tables and their cross-footing problems ([] = may be exported).

        上年结转 comes from last year's exported report unless from_register (then: the register's count).
        """
        if not 2000 <= year <= 2100:
            raise KnownError(f"年度「{year}」不合理")
        previous = None if from_register else self.store.annual(year - 1)
        t = build_tables(year, entries=self.ledger.entries(), requests=self.store.requests(),
                         appeals=self.store.appeals(), previous=previous, valid_counts=valid_counts)
        return t, cross_footing(t)

    def export_annual(self, year: int, out: Path | str, *, title: str = "", today: date | None = None,
                      valid_counts: dict[str, int] | None = None,
                      from_register: bool = False) -> AnnualTables:
        """Write the xlsx, or raise CrossFootingError (nothing written) when the tables do not add up.

        On success the figures are kept, so next year's 上年结转 equals this year's 结转下年度.
        """
        from catalog.ledger.annual_xlsx import write_annual_xlsx
        t, problems = self.annual_tables(year, valid_counts=valid_counts, from_register=from_register)
        if problems:
            raise CrossFootingError(year, problems)
        today = today or date.today()
        reqs = self.requests(year=year)
        statuses = {r.id: self.status(r, today=today)["text"] for r in reqs if r.id is not None}
        write_annual_xlsx(t, out, title=title, requests=reqs, statuses=statuses)
        self.store.save_annual(year, {"carried_out": t.carried_out(), "tables": t.to_json()}, file=str(out))
        return t
