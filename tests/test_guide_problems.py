"""A refused guide table carries its cell problems as data (TableRefused): the GUI lists them from the
exception and never reads the file a second time — neither after a refusal nor after 取消."""
from __future__ import annotations

from functools import partial

import pytest
from gui_catalog_helpers import session_for
from helpers import bad_table, new_catalog

import catalog.stdtable as stdtable
from catalog.errors import Cancelled, KnownError
from catalog.guides.importer import import_guide_file
from catalog.stdtable.model import CellProblem, TableRefused
from gui import ops


@pytest.fixture
def reads(monkeypatch):
    """Counts the reader's passes over a file."""
    calls = []
    real = stdtable.read_table

    def counting(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)
    monkeypatch.setattr(stdtable, "read_table", counting)
    return calls


def test_the_refusal_names_each_cell_as_data(tmp_path):
    cat = new_catalog(tmp_path, compile=False)
    try:
        with pytest.raises(TableRefused) as err:
            import_guide_file(cat, bad_table(tmp_path))
    finally:
        cat.close()
    refused = err.value
    assert isinstance(refused, KnownError) and refused.file == "bad.xlsx"
    assert all(isinstance(p, CellProblem) for p in refused.problems)
    cells = [(p.sheet, p.row, p.column, p.header) for p in refused.problems]
    assert ("涉农补贴", 2, "G", "特定群体") in cells
    assert str(refused).startswith(refused.summary) and "无法识别" in refused.summary
    assert "第 2 行" in str(refused)                                   # the CLI's text is unchanged


@pytest.mark.gui
def test_the_gui_gets_the_problems_from_the_one_read(qtbot, app_context, tmp_path, reads):
    session = session_for(app_context, tmp_path, domains=["涉农补贴"])
    failed = []
    try:
        ops.run_op(app_context, partial(ops.import_guide, session.shipped, bad_table(tmp_path)),
                   title="导入指引表格", on_error=failed.append)
    finally:
        session.close()
    assert len(reads) == 1 and isinstance(failed[0], TableRefused) and failed[0].problems


@pytest.mark.gui
def test_cancel_reads_nothing_again_and_is_no_known_error(qtbot, app_context, tmp_path, reads):
    session = session_for(app_context, tmp_path, domains=["涉农补贴"])
    failed, cancelled = [], []

    def stop(*_args, **_kwargs):
        reads.append("stopped")
        raise Cancelled()
    stdtable.read_table = stop       # restored by the fixture's monkeypatch
    try:
        handle = ops.run_op(app_context, partial(ops.import_guide, session.shipped, bad_table(tmp_path)),
                            title="导入指引表格", on_error=failed.append,
                            on_cancelled=lambda: cancelled.append(True))
    finally:
        session.close()
    assert handle.outcome == "cancelled" and cancelled == [True] and failed == []
    assert reads == ["stopped"] and app_context.runner.reporter.shown == []
