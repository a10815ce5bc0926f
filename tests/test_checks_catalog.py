"""Checks on real catalogs compiled from the shipped 26 guides: every 错误 is a real defect, never noise;
the check loads the workspace once and runs the rules without SQL."""
from __future__ import annotations

import re
from datetime import date

import pytest
from helpers import new_catalog

from catalog.checks import ERROR, WARNING, CheckContext, check_catalog, run_checks
from catalog.checks.legal_table import ERROR_STATUSES, load_repealed
from catalog.checks.rules.fields import MARK_PAIRS
from catalog.privacy.pii import find_pii
from catalog.township.items import ADOPTED, PENDING_LEVEL

TODAY = date(2026, 11, 22)
# A cited document with a version marker (year, order number) — or a document repealed as a whole.
_VERSION_MARK = re.compile(r"\d{4}年|令第|第[0-9一二三四五六七八九十]+号|\(\d{4}|（\d{4}")


@pytest.fixture(scope="module")
def compiled(tmp_path_factory):
    cat = new_catalog(tmp_path_factory.mktemp("full"))
    yield cat
    cat.close()


def _guide_lacks(ctx, finding) -> bool:
    """The guide item behind the finding really has nothing in that field."""
    gi = ctx.guide_item(finding.item_id)
    if gi is None:
        return False
    if finding.field in MARK_PAIRS:
        return not any(getattr(gi.marks, n) for n in MARK_PAIRS[finding.field])
    value = getattr(gi.text, finding.field)
    return value is None or not any(str(v).strip() for v in (value if isinstance(value, tuple) else (value,)))


def _cites_out_of_force(ctx, finding) -> bool:
    """The item really cites a document the table lists as 废止/失效/修订 — not a bare title of a law in
    force."""
    item = next(i for i in ctx.items if i.uid == finding.item_id)
    table = load_repealed()
    for entry in item.text.basis:
        row = table.match(entry)
        if row is None or row.status not in ERROR_STATUSES or entry[:20] not in finding.message:
            continue
        whole_document_gone = row.status in ("废止", "失效")
        renamed = _title(entry) != _title(row.replaced_by or "")
        if whole_document_gone or renamed or _VERSION_MARK.search(entry):
            return True
    return False


def _title(text: str) -> str:
    m = re.search(r"《([^》]+)》", text)
    return m.group(1).removeprefix("中华人民共和国") if m else text


def _has_real_number(ctx, finding) -> bool:
    item = next(i for i in ctx.items if i.uid == finding.item_id)
    value = item.field(finding.field)
    return any(find_pii(t or "") for t in (value if isinstance(value, tuple) else (value,)))


# The only kinds of 错误 an untouched catalog may show, each with the evidence that it is real.
REAL_DEFECT = {
    "F002": _guide_lacks,              # a required field the guide data itself lacks
    "B001": _cites_out_of_force,       # the guide cites a repealed, expired or superseded version
    "P003": _has_real_number,          # a personal number printed in the catalog
}


def _assert_every_error_is_real(ctx, report):
    errors = [f for f in report.findings if f.severity == ERROR]
    for f in errors:
        verify = REAL_DEFECT.get(f.code)
        assert verify is not None, \
            f"unexpected 错误 on an untouched catalog: {f.code} {f.item_id} {f.message}"
        assert verify(ctx, f), f"not a real defect: {f.code} {f.item_id} {f.message}"
        if f.code == "F002":
            assert f.fix.startswith("对照正式标准指引补填")
    return errors


def test_untouched_full_catalog_every_error_is_a_real_defect(compiled):
    ctx = CheckContext.from_catalog(compiled, today=TODAY)
    assert len({i.domain_no for i in ctx.items}) == 26
    report = run_checks(ctx)
    errors = _assert_every_error_is_real(ctx, report)
    assert errors, "the shipped guide data has known gaps (empty 公开依据, 《收养法》): they must be reported"
    assert {f.code for f in errors} <= set(REAL_DEFECT)
    # the pending items each get exactly one C005 警告; an export carries them, so their fields are checked
    # too (issue 14): the guide-data gaps of undecided rows are 错误 like those of adopted rows
    pending = {i.uid for i in ctx.items if i.status == PENDING_LEVEL}
    c005 = [f.item_id for f in report.findings if f.code == "C005"]
    assert sorted(c005) == sorted(pending) and all(
        f.severity == WARNING for f in report.findings if f.code == "C005")
    assert {f.item_id for f in errors} & pending, "undecided rows with gaps are reported, not skipped"
    # the partial guide data is reported once per domain
    assert len([f for f in report.findings if f.code == "K001"]) == 26


def test_all_levels_confirmed_every_error_is_still_real(compiled):
    """The clerk confirms every pending item as 乡级 without editing: all their gaps surface, all real."""
    ctx = CheckContext.from_catalog(compiled, today=TODAY)
    confirmed = [i.with_fields(status=ADOPTED, township=True) for i in ctx.items]
    ctx = CheckContext(items=confirmed, guides=ctx.guides, township=ctx.township,
                       domain_choices=ctx.domain_choices, versions=ctx.versions, today=TODAY)
    report = run_checks(ctx)
    errors = _assert_every_error_is_real(ctx, report)
    assert {f.code for f in errors} == {"F002", "B001"}
    cited = {f.message for f in errors if f.code == "B001"}
    for name in ("主席令第28号", "《收养法》", "执业医师法", "疫苗流通和预防接种管理条例",
                 "环境噪声污染防治法"):
        assert any(name in m for m in cited), name
    # bare titles of laws in force are not reported
    assert not any(re.search(r"「《(中华人民共和国)?(政府信息公开条例|土地管理法|食品安全法)》」",
                             m) for m in cited)


def test_check_loads_the_workspace_once_and_rules_run_without_sql(compiled):
    statements: list[str] = []
    conn = compiled.ws.db.conn
    conn.set_trace_callback(statements.append)

    def data_queries() -> list[str]:
        return [s for s in statements if s.lower().startswith("select") and "sqlite_master" not in s]
    try:
        ctx = CheckContext.from_catalog(compiled, today=TODAY)
        loaded = len(statements)
        run_checks(ctx)
        assert statements[loaded:] == []
        # items, township, villages, domains, versions, is the ledger in use, is a task list imported:
        # one query each
        assert len(data_queries()) == 7, data_queries()
        statements.clear()
        check_catalog(compiled, today=TODAY)
        assert len(data_queries()) == 7
    finally:
        conn.set_trace_callback(None)
