"""工作台账 page through real widgets: import a task list, the same states as `tasks list --json`, set a
status in the panel and undo it, add evidence, coverage warnings, export, the page in the navigation."""
from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from gui_page_helpers import open_session
from helpers import run_cli
from PySide6.QtCore import Qt
from task_helpers import build_task_list

from catalog.ledger.model import LedgerEntry
from catalog.ledger.store import LedgerStore
from catalog.tasks import TaskLedger
from catalog.township.commands import EditItem
from gui.models.list_table import RecordRole
from gui.pages.registry import NAV_ORDER, registered_pages
from gui.pages.tasks.view import TasksPage

pytestmark = pytest.mark.gui


def _sections(today: date) -> list:
    past, soon = today - timedelta(days=20), today + timedelta(days=1)
    return [("一、专项工作", [
        ("目录公开", f"{past.month}月{past.day}日前在政府网站公开目录。", "各乡镇人民政府", ""),
        ("补贴公示", f"1.{soon.month}月{soon.day}日前张贴名册；\n2.年底前完成复核。", "各乡镇", ""),
        ("培训", "组织业务培训。", "县政务公开办", ""),
    ])]


@pytest.fixture
def session(app_context, tmp_path):
    s = open_session(app_context, tmp_path, domains=["涉农补贴"])
    yield s
    s.close()


@pytest.fixture
def page(qtbot, app_context, session):
    p = TasksPage(app_context)
    qtbot.addWidget(p)
    p.resize(1280, 760)
    p.show()
    p.page_shown()
    return p


@pytest.fixture
def imported(page, tmp_path):
    today = date.today()
    path = build_task_list(tmp_path / f"{today.year}年工作要点.xlsx", sections=_sections(today),
                           title=f"{today.year}年某县工作要点")
    page.import_path(path)
    return path


def rows(page) -> list:
    return [page.proxy.index(r, 0).data(RecordRole) for r in range(page.proxy.rowCount())]


def cli_list(path) -> dict:
    return json.loads(run_cli("--db", str(path), "tasks", "list", "--json").stdout)


def test_page_is_in_the_navigation_after_ledger():
    keys = [s.key for s in registered_pages()]
    assert keys.index("tasks") == keys.index("ledger") + 1
    assert NAV_ORDER.index("tasks") == NAV_ORDER.index("ledger") + 1
    assert next(s for s in registered_pages() if s.key == "tasks").title == "工作台账"


def test_empty_page_says_how_to_start(page):
    assert "还没有导入任务清单" in page.summary.text()
    assert page.model.rowCount() == 0 and not page.panel.save.isEnabled()


def test_import_shows_the_same_states_as_the_cli(page, imported, session):
    assert "导入" in page.last_import and "4 项任务" in page.last_import
    shown = {t.task.id: t.state for t in rows(page)}
    cli = {t["id"]: t["state"] for t in cli_list(session.path)["tasks"]}
    assert shown == cli and len(shown) == 4
    assert page.tiles["overdue"].count == 1 and page.tiles["due_soon"].count == 1
    overdue = page.model.index(next(i for i, t in enumerate(page.model.records) if t.state == "overdue"), 6)
    assert overdue.data().startswith("已逾期")
    assert overdue.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "工作要点" in page.summary.text()


def test_tiles_search_and_open_only_filter(qtbot, page, imported, type_text):
    page.tiles["overdue"].click()
    assert [t.state for t in rows(page)] == ["overdue"]
    page.tiles["overdue"].click()
    assert len(rows(page)) == 4
    type_text(page.search, "培训")
    assert [t.task.title for t in rows(page)] == ["培训"]
    page.search.clear()
    page.open_only.click()
    assert len(rows(page)) == 4
    first = rows(page)[0]
    page.select_task(first.task.id)
    page.panel.status.setCurrentText("已完成")
    qtbot.mouseClick(page.panel.save, Qt.MouseButton.LeftButton)
    assert first.task.id not in {t.task.id for t in rows(page)}


def test_status_in_the_panel_is_undoable(qtbot, page, imported, session, type_text):
    target = next(t for t in rows(page) if t.state == "overdue")
    page.select_task(target.task.id)
    assert page.panel.task.task.id == target.task.id
    page.panel.status.setCurrentText("已完成")
    type_text(page.panel.note, "已在网站公开")
    qtbot.mouseClick(page.panel.save, Qt.MouseButton.LeftButton)
    after = next(t for t in rows(page) if t.task.id == target.task.id)
    assert after.task.status == "已完成" and after.task.note == "已在网站公开"
    assert after.state in ("on_time", "late")
    assert page.undo_stack.canUndo() and "标为已完成" in page.undo_stack.undoText()
    page.undo_stack.undo()
    back = next(t for t in rows(page) if t.task.id == target.task.id)
    assert back.task.status == "未开始" and back.state == "overdue"
    assert cli_list(session.path)["counts"]["overdue"] == 1
    page.undo_stack.redo()
    assert next(t for t in rows(page) if t.task.id == target.task.id).task.status == "已完成"


def test_not_relevant_needs_a_reason(qtbot, page, imported, app_context):
    target = rows(page)[0]
    page.select_task(target.task.id)
    page.panel.status.setCurrentText("不涉及")
    page.panel.note.clear()
    qtbot.mouseClick(page.panel.save, Qt.MouseButton.LeftButton)
    shown = app_context.runner.reporter.shown
    assert shown and "原因" in str(shown[-1])
    assert next(t for t in rows(page) if t.task.id == target.task.id).task.status == "未开始"


def test_evidence_links_a_print_record_with_its_posting_date(qtbot, page, imported, session, type_text):
    cat = session.require()
    pid = cat.ws.db.table("notice_prints").insert({
        "kind": "pdf", "template": "huimin_butie", "year": date.today().year, "file": "名册.pdf",
        "villages": '["张家村"]', "printed_at": "2026-11-12T09:00:00", "posted_at": "2026-11-13"}).last_pk
    page.reload()
    target = next(t for t in rows(page) if t.task.sub == 1)
    page.select_task(target.task.id)
    page.panel.kind.setCurrentIndex(page.panel.kind.findData("print"))
    assert page.panel.ref.count() == 1 and "已张贴" in page.panel.ref.currentText()
    qtbot.mouseClick(page.panel.add, Qt.MouseButton.LeftButton)
    page.panel.kind.setCurrentIndex(page.panel.kind.findData("note"))
    type_text(page.panel.ev_note, "各村已张贴，照片存档")
    qtbot.mouseClick(page.panel.add, Qt.MouseButton.LeftButton)
    texts = [page.panel.evidence.item(i).text() for i in range(page.panel.evidence.count())]
    assert any(f"公示打印 {pid}" in t and "2026-11-13 已张贴" in t for t in texts)
    assert any("照片存档" in t for t in texts)
    assert next(t for t in rows(page) if t.task.id == target.task.id).evidence_count == 2
    page.undo_stack.undo()
    assert page.panel.evidence.count() == 1
    page.panel.evidence.setCurrentRow(0)
    qtbot.mouseClick(page.panel.remove, Qt.MouseButton.LeftButton)
    assert page.panel.evidence.count() == 0


def test_coverage_tab_lists_unused_channels(page, imported, session):
    cat = session.require()
    item = cat.items()[0]
    cat.do(EditItem(item.uid, {"channels": ("政府网站", "便民服务站"), "status": "adopted"}))
    LedgerStore(cat.ws).add(LedgerEntry(item.uid, "标准", published=date.today(), channels=("政府网站",)))
    page.reload()
    texts = [page.coverage.item(i).text() for i in range(page.coverage.count())]
    assert any("便民服务站" in t for t in texts)
    assert page.tabs.tabText(1).startswith("覆盖提醒（")


def test_export_and_year_end_view(page, imported, session, tmp_path):
    from openpyxl import load_workbook
    tl = TaskLedger(session.require().ws)
    first = tl.tasks()[0]
    tl.set_status(first.id, "已完成", on=date.today())
    page.reload()
    assert page.year_model.rowCount() == 4
    assert page.year_model.index(0, 4).data() in ("按期完成", "逾期完成")
    out = tmp_path / "导出.xlsx"
    page.export_to(out)
    assert page.last_export == out
    wb = load_workbook(out)
    assert wb.sheetnames[1] == "年终完成情况"
    assert wb.worksheets[0].cell(4, 5).value.startswith("已完成")


def test_bad_file_shows_a_chinese_message(page, tmp_path, app_context):
    bad = tmp_path / "名册.xlsx"
    from openpyxl import Workbook
    wb = Workbook()
    wb.active.append(["姓名", "金额"])
    wb.save(bad)
    page.import_path(bad)
    shown = app_context.runner.reporter.shown
    assert shown and "名册.xlsx" in str(shown[-1]) and "表头" in str(shown[-1])


def test_a_narrow_table_hides_the_requirement_column_instead_of_squeezing_it(qtbot, page, imported):
    """At 1024×768 the 具体要求 column was a sliver; the 任务详情 panel shows the requirement in full."""
    from gui.pages.tasks.view import REQUIREMENT_COLUMN
    qtbot.waitUntil(lambda: not page.table.isColumnHidden(REQUIREMENT_COLUMN))
    assert page.table.columnWidth(REQUIREMENT_COLUMN) > page.table.fontMetrics().horizontalAdvance("具体要求")
    page.resize(page.minimumSizeHint().width(), 700)   # as narrow as the page goes
    qtbot.waitUntil(lambda: page.table.isColumnHidden(REQUIREMENT_COLUMN))
    page.resize(1280, 760)
    qtbot.waitUntil(lambda: not page.table.isColumnHidden(REQUIREMENT_COLUMN))
