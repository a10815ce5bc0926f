"""公示打印 page through its widgets: import, mapping step, exclusions unblocking villages, preview, save,
a cancelled long import, and a roster dropped on the main window."""
from __future__ import annotations

import pytest
from gui_page_helpers import Recorder, drag_enter, drop, open_session
from notice_helpers import HEADERS, good_rows, make_id, write_csv, write_xlsx
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox, QProgressDialog, QPushButton

from catalog.noticeboard.store import NoticeStore
from catalog.storage import Workspace
from gui import filedialogs
from gui.main_window import MainWindow
from gui.pages.notice.view import NoticePage
from gui.pages.registry import registered_pages

pytestmark = pytest.mark.gui


@pytest.fixture
def session(app_context, tmp_path):
    s = open_session(app_context, tmp_path, compile=False)
    yield s
    s.close()


@pytest.fixture
def page(qtbot, app_context, session):
    p = NoticePage(app_context)
    qtbot.addWidget(p)
    p.resize(1200, 760)
    p.show()
    return p


def ok_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def click_row(qtbot, table, row: int) -> None:
    rect = table.visualRect(table.model().index(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def stored_rosters(path) -> int:
    ws = Workspace.open(path, create=False)
    try:
        return len(NoticeStore(ws).rosters())
    finally:
        ws.close()


def test_import_through_the_button_fills_table_and_villages(qtbot, page, tmp_path, monkeypatch):
    roster = write_xlsx(tmp_path / "名册.xlsx", good_rows(6))
    monkeypatch.setattr(filedialogs, "ask_open_file", Recorder(roster))
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert page.roster is not None and page.model.rowCount() == 6
    assert page.model.headerData(1, Qt.Orientation.Horizontal) == "姓名"
    villages = page.options.villages
    assert [v for v, _, _ in villages.entries] == ["张家村", "李家村", "王家湾社区"]
    assert villages.chosen() == ["张家村", "李家村", "王家湾社区"]
    assert page.options.phone.text() == "027-12345679"          # 监督电话 from the township profile
    assert "错误 0 处" in page.counts.text() and page.preview_button.isEnabled()
    assert page.rosters.count() == 1


def test_unknown_header_goes_through_the_mapping_step(qtbot, page, tmp_path, session):
    headers = list(HEADERS)
    headers[8] = "实发数"                       # not a known name for 金额
    path = write_xlsx(tmp_path / "实发.xlsx", good_rows(6), headers=headers)
    page.import_file(path)
    dialog = page.mapping_dialog
    assert dialog is not None and dialog.isVisible() and page.roster is None
    combo = dialog.combos["amount"]
    assert combo.currentData() is None and not ok_button(dialog).isEnabled()
    assert "金额" in dialog.note.text()
    combo.setFocus()
    qtbot.keyClicks(combo, "I")                 # column I is 实发数
    assert combo.currentData() == 8 and ok_button(dialog).isEnabled()
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert page.roster is not None and page.roster.mapping["amount"] == "实发数"
    assert page.model.rowCount() == 6 and stored_rosters(session.path) == 1


def test_excluding_the_bad_row_unblocks_its_village(qtbot, page, tmp_path, type_text):
    rows = good_rows(6)
    rows[1][2] = make_id(2)[:-1] + ("0" if make_id(2)[-1] != "0" else "1")   # 李家村: check digit wrong
    page.import_file(write_csv(tmp_path / "名册.csv", rows))
    villages = page.options.villages
    assert list(villages.blocked()) == ["李家村"] and "李家村" not in villages.chosen()
    index = villages.index(villages.row_of("李家村"))
    assert not (villages.flags(index) & Qt.ItemFlag.ItemIsEnabled)
    assert "校验位" in villages.data(index, Qt.ItemDataRole.ToolTipRole)
    assert "李家村" in page.options.blocked_note.text()

    page.filter.setCurrentIndex(page.filter.findData("errors"))
    assert page.model.rowCount() == 1
    click_row(qtbot, page.table, 0)
    assert "校验位" in page.detail.text() and page.exclude_button.isEnabled()
    qtbot.mouseClick(page.exclude_button, Qt.MouseButton.LeftButton)
    dialog = page.exclude_dialog
    assert not ok_button(dialog).isEnabled()
    type_text(dialog.reason.lineEdit(), "经核实不符合发放条件")
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)

    assert villages.blocked() == {} and "李家村" in villages.chosen()
    assert page.roster.excluded == {2: "经核实不符合发放条件"}
    assert "已排除 1 行" in page.counts.text()
    page.filter.setCurrentIndex(page.filter.findData("excluded"))
    click_row(qtbot, page.table, 0)
    qtbot.mouseClick(page.include_button, Qt.MouseButton.LeftButton)      # and back
    assert list(villages.blocked()) == ["李家村"]


def test_preview_shows_the_pages_and_save_records_the_print(qtbot, page, tmp_path, monkeypatch, session):
    page.import_file(write_xlsx(tmp_path / "名册.xlsx", good_rows(9)))
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    preview = page.preview
    assert page.tabs.currentIndex() == 1
    assert preview.page_count == 3 and "3 个村" in preview.info.text()
    first = preview.images[0]
    assert first.width() > 300 and first.height() > first.width()          # A4 portrait
    assert min(first.pixel(x, y) & 0xFF for x in range(0, first.width(), 7)
               for y in range(0, first.height() // 3, 7)) < 100            # there is ink on it
    qtbot.mouseClick(page.options.large_print, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
    assert "已更改" in preview.info.text()

    out = tmp_path / "公示.pdf"
    monkeypatch.setattr(filedialogs, "ask_save_file", Recorder(out))
    page.save_actions["pdf"].trigger()
    assert out.is_file() and "登记到公开台账" in page.saved_label.text()
    ws = Workspace.open(session.path, create=False)
    try:
        [record] = NoticeStore(ws).prints()
        assert record["kind"] == "pdf" and record["villages"] == ["张家村", "李家村", "王家湾社区"]
    finally:
        ws.close()


def test_short_period_is_refused_unless_allowed(qtbot, page, tmp_path):
    page.import_file(write_xlsx(tmp_path / "名册.xlsx", good_rows(3)))
    page.options.end.setDate(page.options.start.date().addDays(2))
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    [(kind, _title, message)] = page._ctx.runner.reporter.shown
    assert kind == "known" and "少于本模板规定的 7 天" in message
    qtbot.mouseClick(page.options.allow_short, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    assert page.preview.page_count == 3


def big_rows(n: int) -> list[list]:
    base = good_rows(6)
    return [[i + 1, f"张{i}", make_id(i + 1), *base[i % 6][3:]] for i in range(n)]


def test_cancelled_long_import_leaves_nothing_written(qtbot, app_context, session, tmp_path):
    from gui.tasks import RecordingReporter, TaskRunner
    runner = TaskRunner(reporter=RecordingReporter(), show_after_ms=0)
    app_context.runner = runner
    page = NoticePage(app_context)
    qtbot.addWidget(page)
    page.show()
    path = write_csv(tmp_path / "大名册.csv", big_rows(40_000), encoding="utf-8")
    checks = getattr(session, "checks", None)      # the session's first live check runs on the GUI thread:
    if checks is not None:                         # let it finish first, or it delays the click on 取消
        qtbot.waitUntil(lambda: not checks.pending, timeout=5000)
    page.import_file(path)
    [handle] = runner.active
    qtbot.waitUntil(lambda: handle.dialog is not None and handle.dialog.isVisible(), timeout=5000)
    dialog: QProgressDialog = handle.dialog
    cancel = next(b for b in dialog.findChildren(QPushButton) if b.text() == "取消")
    qtbot.waitUntil(lambda: handle.cancel_requested or dialog.value() > 0, timeout=10000)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(handle.done, timeout=20000):
        pass
    assert handle.outcome == "cancelled" and runner.reporter.shown == []
    assert page.roster is None and page.model.rowCount() == 0
    assert stored_rosters(session.path) == 0


def test_roster_dropped_on_the_window_opens_the_noticeboard(qtbot, app_context, session, tmp_path):
    win = MainWindow(app_context, pages=registered_pages(["guides", "export", "notice"]))
    qtbot.addWidget(win)
    win.show()
    path = write_csv(tmp_path / "拖进来的名册.csv", good_rows(6))
    enter = drag_enter(win, [path])
    assert enter.isAccepted()
    drop(win, enter)
    assert win.current_key() == "noticeboard"
    page = win.current_page()
    assert page.roster is not None and page.roster.file == "拖进来的名册.csv" and page.model.rowCount() == 6

    assert not drag_enter(win, [tmp_path / "照片.jpg"]).isAccepted()


def test_saved_excel_sheets_pass_the_privacy_scan(qtbot, page, tmp_path, monkeypatch):
    page.import_file(write_xlsx(tmp_path / "名册.xlsx", good_rows(6)))
    out = tmp_path / "公示.xlsx"
    monkeypatch.setattr(filedialogs, "ask_save_file", Recorder(out))
    page.save_actions["xlsx"].trigger()
    assert out.is_file()
    qtbot.mouseClick(page.scan_button, Qt.MouseButton.LeftButton)
    dialog = page.scan_dialog
    assert dialog is not None and dialog.scan.file == str(out)
    assert dialog.scan.hits == [] and "未发现" in dialog.summary.text()
    dialog.reject()


def test_printing_paints_every_page_on_the_printer(qtbot, tmp_path, page):
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    from gui.printing import print_pdf
    page.import_file(write_xlsx(tmp_path / "名册.xlsx", good_rows(9)))
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(100)
    assert print_pdf(page.preview.path, printer) == 3
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == 3


def test_social_assistance_roster_sets_a_seven_working_day_period(qtbot, page, tmp_path):
    """The template's rule decides the default end (issue 15): 7 个工作日 skip the weekend."""
    from PySide6.QtCore import QDate
    page.template.setCurrentIndex(page.template.findData("shehui_jiuzhu"))
    page.import_file(write_xlsx(tmp_path / "名册.xlsx", good_rows(3)))
    assert page.roster is not None and page.roster.template_id == "shehui_jiuzhu"
    page.options.start.setDate(QDate(2026, 11, 20))                     # a Friday
    assert page.options.end.date() == QDate(2026, 11, 30)
    assert "7 个工作日" in page.options.allow_short.text()
    assert page.options.choice().period_end.isoformat() == "2026-11-30"


def test_working_day_period_follows_the_workspace_holidays(qtbot, page, tmp_path, session):
    """A day off imported into the workspace moves the default end of a 7-working-day 公示期."""
    from datetime import date

    from PySide6.QtCore import QDate

    from catalog.ledger import Ledger
    Ledger(session.catalog.ws).set_holiday(date(2026, 11, 23), "休", "测试")
    page.template.setCurrentIndex(page.template.findData("shehui_jiuzhu"))
    page.import_file(write_xlsx(tmp_path / "名册.xlsx", good_rows(3)))
    page.options.start.setDate(QDate(2026, 11, 20))
    assert page.options.end.date() == QDate(2026, 12, 1)
