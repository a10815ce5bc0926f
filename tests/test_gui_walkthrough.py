"""The clerk's first week (issue 18): what a real walkthrough hit, driven through real widgets."""
from __future__ import annotations

from datetime import date

import pytest
from gui_catalog_helpers import click, make_window, select_item, session_for
from PySide6.QtWidgets import QDialogButtonBox

from gui.pages.compile.tree import UidRole

pytestmark = pytest.mark.gui
DOMAINS = ["涉农补贴", "户籍管理"]


@pytest.fixture
def session(app_context, tmp_path):
    s = session_for(app_context, tmp_path, domains=DOMAINS)
    yield s
    s.close()


@pytest.fixture
def window(qtbot, app_context, session):
    return make_window(qtbot, app_context)


@pytest.fixture
def page(window):
    return window.show_page("compile")


def shown_children(page, domain_no: int) -> list[str]:
    proxy = page.proxy
    parent = proxy.mapFromSource(page.model.domain_index(domain_no))
    return [proxy.index(r, 0, parent).data(UidRole) for r in range(proxy.rowCount(parent))]


# --- 1. tree resets keep rows, expansion and selection with a search active ------------------------
def test_move_with_a_search_active_keeps_rows_expansion_and_selection(qtbot, page, session, type_text):
    type_text(page.search, "农业生产发展资金")
    before = shown_children(page, 17)
    assert len(before) >= 3
    select_item(qtbot, page, before[0])
    click(qtbot, page.down_button)
    assert page.search.text() == "农业生产发展资金"                   # the search stays
    after = shown_children(page, 17)
    assert after[:2] == [before[1], before[0]] and sorted(after) == sorted(before)
    parent = page.proxy.mapFromSource(page.model.domain_index(17))
    assert page.tree.isExpanded(parent)
    assert page.current_uid() == before[0]
    assert page.tree.currentIndex().data(UidRole) == before[0]
    click(qtbot, page.up_button)
    assert shown_children(page, 17) == before and page.current_uid() == before[0]


def test_new_local_item_with_a_search_active_is_shown_selected_and_findings_go_to_it(
        qtbot, page, session, type_text):
    type_text(page.search, "农业生产发展资金")
    before = shown_children(page, 17)
    select_item(qtbot, page, before[1])
    click(qtbot, page.add_button)
    type_text(page.dialog.level1, "村级惠农资金公示")
    click(qtbot, page.dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    assert page.current_uid() == "L-001"
    assert page.tree.currentIndex().data(UidRole) == "L-001"
    assert page.tree.selectionModel().isSelected(page.tree.currentIndex())
    # every domain still shows its items (no empty domain until restart)
    page.search.clear()
    assert len(shown_children(page, 17)) == len(session.items(17))
    assert page.tree.currentIndex().data(UidRole) == "L-001"
    assert page.show_item("L-001", "content")
    assert page.tree.currentIndex().data(UidRole) == "L-001"


# --- 2. a second subsidy batch is not a correction --------------------------------------------------
def _notice_page(qtbot, app_context, tmp_path):
    from gui_page_helpers import open_session

    from gui.pages.notice.view import NoticePage
    session = open_session(app_context, tmp_path, compile=False)
    p = NoticePage(app_context)
    qtbot.addWidget(p)
    p.resize(1200, 760)
    p.show()
    return session, p


def _save_pdf(page, out, monkeypatch, path) -> dict[str, int]:
    from gui_page_helpers import Recorder

    from catalog.noticeboard.store import NoticeStore
    from catalog.storage import Workspace
    from gui import filedialogs
    monkeypatch.setattr(filedialogs, "ask_save_file", Recorder(out))
    page.save_actions["pdf"].trigger()
    assert out.is_file()
    ws = Workspace.open(path, create=False)
    try:
        return {s["village"]: s["version"] for s in NoticeStore(ws).prints()[0]["sheets"]}
    finally:
        ws.close()


def test_second_batch_starts_at_version_1_a_reimported_file_or_explicit_correction_continues(
        qtbot, app_context, tmp_path, monkeypatch):
    from notice_helpers import good_rows, write_xlsx
    from pypdf import PdfReader
    session, page = _notice_page(qtbot, app_context, tmp_path)
    try:
        rows = good_rows(6)
        page.import_file(write_xlsx(tmp_path / "第一批.xlsx", rows))
        assert set(_save_pdf(page, tmp_path / "1.pdf", monkeypatch, session.path).values()) == {1}
        other = [r[:] for r in good_rows(6)]
        for r in other:
            r[1] = "李" + r[1][1:]
        page.import_file(write_xlsx(tmp_path / "第二批.xlsx", other))
        assert set(_save_pdf(page, tmp_path / "2.pdf", monkeypatch, session.path).values()) == {1}
        text = "".join(p.extract_text() for p in PdfReader(tmp_path / "2.pdf").pages)
        assert "更正" not in text and "作废" not in text
        # the first batch's file, corrected and imported again: its changed villages get 第 2 版
        (tmp_path / "again").mkdir()
        rows[0][8] = "999.00"
        page.import_file(write_xlsx(tmp_path / "again" / "第一批.xlsx", rows))
        assert _save_pdf(page, tmp_path / "3.pdf", monkeypatch, session.path)["张家村"] == 2
        # another roster printed as an explicit 更正 continues the versions too
        other[0][8] = "888.00"
        page.import_file(write_xlsx(tmp_path / "第二批更正.xlsx", other))
        page.options.correction.setChecked(True)
        assert _save_pdf(page, tmp_path / "4.pdf", monkeypatch, session.path)["张家村"] == 3
        text = "".join(p.extract_text() for p in PdfReader(tmp_path / "4.pdf").pages)
        assert "更正" in text
    finally:
        page.close()
        session.close()


# --- 3. 导入正式表格 refuses another township's catalog; a wrong domain is confirmed, not failed ------
def _guides_page(qtbot, app_context, tmp_path):
    s = session_for(app_context, tmp_path, domains=["涉农补贴", "安全生产"])
    win = make_window(qtbot, app_context)
    return s, win.show_page("guides")


def _import_via_dialog(qtbot, page, path, type_text) -> None:
    click(qtbot, page.import_button)
    type_text(page.dialog.path, str(path))
    click(qtbot, page.dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))


def test_another_townships_catalog_is_refused_as_a_guide(qtbot, app_context, tmp_path, type_text):
    from dataclasses import replace

    from helpers import TOWNSHIP, new_catalog

    from catalog.exchange.export import export_catalog
    other = tmp_path / "other"
    other.mkdir()
    cat = new_catalog(other, township=replace(TOWNSHIP, name="胡桥镇"), domains=["涉农补贴", "安全生产"])
    out = tmp_path / "胡桥镇目录.xlsx"
    export_catalog(cat, out, kind="xlsx")
    cat.close()
    session, page = _guides_page(qtbot, app_context, tmp_path)
    try:
        before = session.guides.by_no(17)
        _import_via_dialog(qtbot, page, out, type_text)
        [(kind, _title, err)] = app_context.runner.reporter.shown
        assert kind == "known" and "胡桥镇" in err and "乡镇目录" in err and "import" in err
        assert session.guides.by_no(17) is before                      # nothing imported
    finally:
        session.close()


def test_a_table_of_another_domain_asks_to_confirm_the_recognised_domain(qtbot, app_context, tmp_path,
                                                                        type_text):
    from PySide6.QtWidgets import QApplication, QMessageBox

    from catalog.guides.importer import export_guide
    session, page = _guides_page(qtbot, app_context, tmp_path)
    try:
        table = export_guide(session.guides.find("安全生产"), tmp_path / "安全.xlsx")
        page.select_domain(17)                                         # 涉农补贴 is shown
        _import_via_dialog(qtbot, page, table, type_text)
        assert not app_context.runner.reporter.shown
        box = next(w for w in QApplication.topLevelWidgets()
                   if isinstance(w, QMessageBox) and w.objectName() == "confirmDomain" and w.isVisible())
        assert "安全生产" in box.text()
        click(qtbot, box.defaultButton())
        assert "安全生产" in page.import_note
    finally:
        session.close()


# --- 4. the window fits a 1024×768 screen; no page hides a control there ----------------------------
SMALL_SCREEN = """
import json, sys
sys.path.insert(0, {root!r})
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLineEdit, QScrollArea, QWidget
from gui.app import parse_args, start_gui
app, win = start_gui(parse_args(["--settings", {settings!r}, "--db", {db!r}]))
app.processEvents()
area = win.screen().availableGeometry()
out = {{"screen": [area.width(), area.height()], "frame": list(win.frameGeometry().getRect()),
        "status_bar": win.statusBar().isVisible() and win.statusBar().geometry().bottom() < win.height(),
        "pages": {{}}}}


def scrolled(w):   # inside a scroll area that scrolls to it (cut off on the right counts as hidden)
    area = w.parentWidget()
    while area is not None and not isinstance(area, QScrollArea):
        area = area.parentWidget()
    if area is None:
        return False
    right = w.mapTo(area.viewport(), w.rect().topRight()).x()
    return right < area.viewport().width() or area.horizontalScrollBar().isVisible()


for key in win.page_keys:
    page = win.show_page(key)
    app.processEvents()
    hidden = []
    for w in page.findChildren(QWidget):
        control = isinstance(w, (QAbstractButton, QLineEdit, QComboBox))
        if not control or not w.isVisibleTo(page) or scrolled(w):
            continue
        top_left = w.mapTo(win, w.rect().topLeft())
        bottom_right = w.mapTo(win, w.rect().bottomRight())
        short = isinstance(w, QAbstractButton) and w.text() and w.width() < w.minimumSizeHint().width()
        if top_left.x() < 0 or top_left.y() < 0 or bottom_right.x() >= win.width() \\
                or bottom_right.y() >= win.height() or short:
            hidden.append(w.objectName() or getattr(w, "text", lambda: "")() or type(w).__name__)
    hint = win.minimumSizeHint()
    out["pages"][key] = {{"hidden": hidden, "min": [hint.width(), hint.height()]}}
    if key == "compile":                      # the item names have room (the √ columns give way)
        for _ in range(3):
            app.processEvents()
        out["pages"][key]["names"] = page.tree.columnWidth(0)
print(json.dumps(out, ensure_ascii=False))
"""


def test_first_start_fits_a_1024x768_screen_and_every_page_shows_all_its_controls(tmp_path):
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    from helpers import new_catalog

    from gui.main_window import MINIMUM_SIZE
    root = Path(__file__).resolve().parent.parent
    new_catalog(tmp_path, domains=DOMAINS).close()
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "1024x768", "x": 0, "y": 0, "width": 1024,
                                               "height": 768, "logicalDpi": 96, "logicalBaseDpi": 96,
                                               "dpr": 1}]}))
    code = SMALL_SCREEN.format(root=str(root), settings=str(tmp_path / "s.ini"), db=str(tmp_path / "ws.db"))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", PYTHONIOENCODING="utf-8")
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=180)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["screen"] == [1024, 768]
    x, y, w, h = out["frame"]
    assert x >= 0 and y >= 0 and x + w <= 1024 and y + h <= 768          # status bar on the screen
    assert out["status_bar"]
    assert len(out["pages"]) >= 8
    for key, page in out["pages"].items():
        assert page["hidden"] == [], key
        assert page["min"][0] <= MINIMUM_SIZE.width() and page["min"][1] <= MINIMUM_SIZE.height(), key
    assert out["pages"]["compile"]["names"] >= 150


def test_fitted_keeps_a_window_inside_the_available_area():
    from PySide6.QtCore import QRect

    from gui.main_window import fitted
    for area in (QRect(0, 0, 1024, 728), QRect(0, 0, 1366, 728), QRect(1920, 0, 1024, 768)):
        got = fitted(QRect(-40, 300, 1280, 800), area)
        assert area.contains(got) and got.width() >= 1000 and got.height() >= 680
    assert fitted(QRect(100, 100, 1280, 800), QRect(0, 0, 1920, 1040)) == QRect(100, 100, 1280, 800)


# --- 6. 县级汇总: 层级待确认 is its own state and colour ---------------------------------------------
def test_county_shows_an_undecided_domain_as_undecided_not_green(qtbot, app_context, gui_settings, tmp_path):
    from dataclasses import replace

    from helpers import new_catalog
    from PySide6.QtCore import Qt

    from catalog.exchange.export import export_catalog
    from catalog.township.commands import EditItem
    from catalog.township.items import ADOPTED, PENDING_LEVEL
    from gui import settings as S
    from gui.pages.county.coverage import COLORS, LEGEND, PENDING_BG, CellRole, cell_background
    from gui.pages.county.view import CountyPage
    cat = new_catalog(tmp_path / "t", domains=["涉农补贴", "安全生产"])
    safety = cat.guides.find("安全生产").no
    for item in cat.items(safety):
        cat.do(EditItem(item.uid, {"status": PENDING_LEVEL}))
    farm = cat.items(17)
    cat.do(EditItem(farm[0].uid, {"status": ADOPTED, "township": True}))
    adopted_farm = sum(1 for i in cat.items(17) if i.status == ADOPTED)
    out = tmp_path / "报送"
    out.mkdir()
    export_catalog(cat, out, kind="package")
    cat.close()
    gui_settings.set(S.COUNTY_WORKSPACE, str(tmp_path / "county.gkml.db"))
    page = CountyPage(app_context)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    page.page_shown()
    page.import_paths([out])
    model = page.model
    col = next(c for c in range(model.columnCount()) if (model.domain_at(c) or (0, ""))[0] == safety)
    index = model.index(0, col)
    cell = index.data(CellRole)
    assert cell.pending > 0 and cell.adopted == 0
    assert cell_background(cell) != COLORS["涉及"][0]
    assert cell_background(replace(cell, errors=0)) == PENDING_BG             # no errors: still not green
    assert index.data() == "待定" and "层级待确认" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert any(text == "有层级待确认" for text, _ in LEGEND)
    qtbot.mouseClick(page.matrix.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.matrix.visualRect(model.index(0, 0)).center())
    totals = model.township(0).totals
    assert f"纳入 {totals['adopted']} 项，层级待确认 {totals['pending']} 项" in page.township_label.text()
    rows = {page.domain_model.record(r).no: r for r in range(page.domain_model.rowCount())}
    assert page.domain_model.index(rows[safety], 2).data() in (0, "0")           # 纳入 counts adopted only
    assert str(page.domain_model.index(rows[17], 2).data()) == str(adopted_farm)
    assert str(page.domain_model.index(rows[safety], 3).data()) == str(cell.pending)


# --- 5, 8, 9: 导出上报 — paper named truthfully, one export per click burst, scan only what is published --
@pytest.fixture
def export_page(qtbot, app_context, tmp_path, gui_settings):
    from gui_page_helpers import open_session

    from gui import settings as S
    from gui.pages.export.view import ExportPage
    s = open_session(app_context, tmp_path, domains=["涉农补贴", "社会救助"])
    gui_settings.set(S.EXPORT_FOLDER, str(tmp_path))
    p = ExportPage(app_context)
    qtbot.addWidget(p)
    p.resize(1000, 700)
    p.show()
    yield p
    s.close()


def _pdf_facts(path) -> tuple[tuple[int, int], set[float], list[float]]:
    """(page size in points, font sizes used on page 2, heights of the small filled/stroked squares)."""
    import re

    import pypdf
    page = pypdf.PdfReader(str(path)).pages[1]
    data = page.get_contents().get_data().decode("latin-1")
    sizes = {float(x) for x in re.findall(r"/F\d+(?:\+\d+)? ([\d.]+) Tf", data)}
    squares = [float(h) for w, h in re.findall(r"[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+) re", data) if w == h]
    box = page.mediabox
    return (round(float(box.width)), round(float(box.height))), sizes, squares


def test_catalog_pdf_offers_a4_and_a3_named_truthfully_with_boxes_at_text_height(qtbot, export_page):
    from gui_page_helpers import click_option
    from PySide6.QtCore import Qt

    from catalog.stdtable.writer_pdf import PAPERS
    page = export_page
    click_option(qtbot, page.kind_buttons["pdf"])
    assert page.paper.isEnabled() and "A4 横向" not in page.kind_hint.text()
    texts = [page.paper.itemText(i) for i in range(page.paper.count())]
    assert any(t.startswith("A4 横向") for t in texts) and any(t.startswith("A3 横向") for t in texts)
    for paper, size in (("A4", (842, 595)), ("A3", (1191, 842))):
        page.paper.setCurrentIndex(page.paper.findData(paper))
        page.path.setText(str(page.default_path().with_name(f"{paper}.pdf")))
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
        got, sizes, squares = _pdf_facts(page.last)
        assert got == size, paper
        assert min(sizes) >= 7, sizes                                      # readable on A4 too
        body = PAPERS[paper][0]
        assert body in sizes and squares
        assert all(abs(h - body * 0.78) < 0.05 for h in squares)           # ■/□ about the text height
    click_option(qtbot, page.kind_buttons["xlsx"])
    assert not page.paper.isEnabled()


def test_double_click_on_export_exports_once_and_never_overwrites_silently(qtbot, export_page, tmp_path):
    from PySide6.QtCore import Qt
    page = export_page
    button = page.export_button               # a double click as the OS sends it: click, press, release
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.mouseDClick(button, Qt.MouseButton.LeftButton)
    qtbot.mouseRelease(button, Qt.MouseButton.LeftButton)
    assert len(page.exported) == 1                                      # one file, one result
    box = page.overwrite_box                                            # the same name again: asked
    assert box is not None and box.isVisible() and "已存在" in box.text()
    box.reject()
    assert len(page.exported) == 1


def test_export_while_a_task_runs_does_nothing(qtbot, app_context, export_page):
    from PySide6.QtCore import Qt

    from gui.tasks import RecordingReporter, TaskRunner

    class Later:
        def __init__(self):
            self.queued = []

        def start(self, fn):
            self.queued.append(fn)

        def waitForDone(self, msecs=-1):
            return True

    pool = Later()
    page = export_page
    page._ctx.runner = TaskRunner(pool=pool, reporter=RecordingReporter(), show_after_ms=0)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)   # still running: ignored
    assert len(pool.queued) == 1 and not page.export_button.isEnabled()
    pool.queued.pop()()
    qtbot.waitUntil(lambda: page.export_button.isEnabled(), timeout=3000)
    assert len(page.exported) == 1


def test_privacy_scan_is_not_offered_for_a_county_package(qtbot, export_page):
    from gui_page_helpers import click_option
    from PySide6.QtCore import Qt
    page = export_page
    click_option(qtbot, page.kind_buttons["package"])
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert page.last.suffix == ".gkml"
    assert not page.scan_button.isEnabled() and "不需要隐私检查" in page.scan_button.toolTip()
    click_option(qtbot, page.kind_buttons["xlsx"])
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert page.scan_button.isEnabled()


def test_ctrl_s_says_saved_and_never_publishes(qtbot, window, session):
    from PySide6.QtCore import Qt
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Return)
    assert window.workspace_actions.dialog is None
    assert "已自动保存" in window.statusBar().currentMessage()
    assert session.require().versions() == []


# --- 7. English a clerk sees ----------------------------------------------------------------------
def test_guide_header_notes_os_errors_and_check_fixes_are_chinese(qtbot, app_context, tmp_path, window):
    import re

    from catalog.errors import KnownError
    from catalog.stdtable.output import atomic_output
    from gui.errors import known_error_box
    from gui.pages.guides.detail import guide_provenance_html
    english = re.compile(r"\b(?:not|confirmed|stated|search|unverified|issuer|cited|copy|inferred)\b")
    for guide in app_context.guides:                        # the 发布 line of every guide's detail pane
        html = guide_provenance_html(guide)
        issued = re.search(r">发布</td><td[^>]*>(.*?)</td>", html).group(1)
        assert not english.search(issued), (guide.domain, issued)
    page = window.show_page("guides")
    page.select_domain(17)
    page.table.selectRow(0)
    assert not english.search(re.sub(r"<[^>]+>", "", page.detail.toHtml().split("来源")[0]))
    # a write refused by the OS: the box a clerk reads has no English reason in it
    import errno
    with pytest.raises(KnownError) as caught, atomic_output(tmp_path / "x.xlsx"):
        raise OSError(errno.EROFS, "Read-only file system")          # as a USB stick set read-only says
    box = known_error_box(window, "导出目录", caught.value)
    assert "Read-only" not in box.informativeText() and "只读" in box.informativeText()
    raw = KnownError("无法写入文件（[Errno 30] Read-only file system: 'a'）")   # a message built elsewhere
    box = known_error_box(window, "导出目录", raw)
    assert "Read-only" not in box.informativeText() and "Errno" not in box.informativeText()
    # the fixes the checks suggest, and the ledger's heading
    from PySide6.QtWidgets import QLabel

    from gui.pages.ledger.view import LedgerPage
    report = app_context.session.checks.ensure()
    assert report.findings and not any(re.search(r"（[a-z]+）", f.fix) for f in report.findings)
    ledger = LedgerPage(app_context)
    qtbot.addWidget(ledger)
    assert not any(re.search(r"[A-Za-z]{3,}", w.text()) for w in ledger.findChildren(QLabel))


# --- 9. output details -------------------------------------------------------------------------------
def test_exported_workbook_total_is_not_numbered_and_its_footer_has_room(qtbot, export_page):
    from openpyxl import load_workbook
    from PySide6.QtCore import Qt
    page = export_page
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    book = load_workbook(page.last)
    toc = book.worksheets[0]
    rows = [[c.value for c in r] for r in toc.iter_rows(min_row=4)]
    total = next(r for r in rows if r[1] == "合计")
    numbered = [r[0] for r in rows if isinstance(r[0], int)]
    assert total[0] in (None, "") and numbered == list(range(1, len(numbered) + 1))
    for ws in book.worksheets:
        margins = ws.page_margins
        assert "第 &P 页 共 &N 页" in ws.oddFooter.center.text
        assert margins.bottom - margins.footer >= 0.4, ws.title       # LibreOffice: a whole line fits


def test_printing_sends_vector_pages_not_pictures(qtbot, app_context, tmp_path, monkeypatch):
    from notice_helpers import good_rows, write_xlsx
    from pypdf import PdfReader
    from PySide6.QtCore import Qt
    from PySide6.QtPrintSupport import QPrinter

    from gui import printing
    session, page = _notice_page(qtbot, app_context, tmp_path)
    try:
        page.import_file(write_xlsx(tmp_path / "名册.xlsx", good_rows(9)))
        qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printed.pdf"))
        assert printing.print_pdf(page.preview.path, printer) == 3
        printed = PdfReader(tmp_path / "printed.pdf")
        assert len(printed.pages) == 3
        for p in printed.pages:
            assert "公示" in p.extract_text()                          # text, not a picture of it
            images = [x for x in (p.get("/Resources", {}).get("/XObject") or {}).values()
                      if x.get_object().get("/Subtype") == "/Image"]
            assert images == []
        assert (tmp_path / "printed.pdf").stat().st_size < 2 * page.preview.path.stat().st_size
        # a real printer (CUPS) gets the PDF file itself, with the dialog's copies and page range
        sent = []
        monkeypatch.setattr(printing.shutil, "which", lambda name: "/usr/bin/lp")
        monkeypatch.setattr(printing.sys, "platform", "linux")
        monkeypatch.setattr(printing.subprocess, "run", lambda cmd, **kw: sent.append(cmd) or type(
            "Done", (), {"returncode": 0, "stdout": "", "stderr": ""})())
        native = QPrinter()
        monkeypatch.setattr(native, "printerName", lambda: "村委会打印机")
        monkeypatch.setattr(native, "outputFormat", lambda: QPrinter.OutputFormat.NativeFormat)
        native.setCopyCount(2)
        native.setFromTo(2, 3)
        assert printing.print_pdf(page.preview.path, native) == 2
        [cmd] = sent
        assert cmd[:3] == ["/usr/bin/lp", "-d", "村委会打印机"] and "-n" in cmd and "2-3" in cmd
        assert cmd[-1] == str(page.preview.path)
    finally:
        page.close()
        session.close()


def test_a_printed_notice_recorded_as_unlinked_can_be_linked_in_the_ledger(qtbot, app_context, tmp_path):
    from gui_page_helpers import open_session
    from PySide6.QtCore import Qt

    from catalog.ledger import Ledger, LedgerEntry
    from gui.models.list_table import RecordRole
    from gui.pages.ledger.view import LedgerPage
    session = open_session(app_context, tmp_path, domains=["涉农补贴"])
    try:
        Ledger(session.catalog.ws).add_entry(LedgerEntry(None, "惠民补贴公示（打印）", formed=date.today()))
        page = LedgerPage(app_context)
        qtbot.addWidget(page)
        page.resize(1000, 700)
        page.show()
        page.page_shown()
        page.tabs.setCurrentWidget(page.entry_table)
        row = next(r for r in range(page.entry_model.rowCount())
                   if page.entry_model.index(r, 0).data(RecordRole).item_uid is None)
        index = page.entry_model.index(row, 1)
        assert index.data() == "（未对应）" and "双击" in index.data(Qt.ItemDataRole.ToolTipRole)
        rect = page.entry_table.visualRect(index)
        qtbot.mouseClick(page.entry_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(page.entry_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        dialog = page.entry_dialog
        assert dialog is not None and dialog.objectName() == "linkDialog"
        dialog.item.setCurrentIndex(dialog.item.findData("17-001"))
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
        [entry] = [e for e in Ledger(session.catalog.ws).entries() if e.title == "惠民补贴公示（打印）"]
        assert entry.item_uid == "17-001"
    finally:
        session.close()


# --- 10. screen state --------------------------------------------------------------------------------
def _field_in_view(editor, widget) -> bool:
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QScrollArea
    scroll = editor.parentWidget()
    while not isinstance(scroll, QScrollArea):
        scroll = scroll.parentWidget()
    viewport = scroll.viewport()
    top = widget.mapTo(viewport, QPoint(0, 0)).y()
    return top >= 0 and top + widget.height() <= viewport.height()


def test_a_finding_double_clicked_scrolls_the_form_to_its_field(qtbot, window, page, session):
    from PySide6.QtCore import Qt

    from catalog.township.commands import EditItem
    from catalog.township.items import ADOPTED
    window.resize(1000, 560)                                 # a small screen: the form scrolls
    session.require().do(EditItem("17-001", {"status": ADOPTED, "township": True, "public": None}))
    session.reload()
    select_item(qtbot, page, "17-001")
    session.checks.run_now()
    qtbot.waitUntil(lambda: page.item_findings.count() > 0, timeout=3000)
    entries = [page.item_findings.item(i) for i in range(page.item_findings.count())]
    entry = next((e for e in entries if e.data(Qt.ItemDataRole.UserRole + 21) == "audience"), None)
    assert entry is not None
    target = page.editor.marks["public"]
    rect = page.item_findings.visualItemRect(entry)
    page.editor.lines["level1"].setFocus()
    page.right.widget(0).verticalScrollBar().setValue(0)             # the form at its top
    assert not _field_in_view(page.editor, target)
    click(qtbot, page.item_findings.viewport(), rect.center(), double=True)
    assert target.hasFocus() and _field_in_view(page.editor, target)


def test_the_form_does_not_jump_when_an_item_is_marked_not_applicable(qtbot, page, session, type_text):
    from PySide6.QtCore import QPoint
    select_item(qtbot, page, "17-002")
    content = page.editor.content
    before = content.mapTo(page.editor, QPoint(0, 0)).y()
    click(qtbot, page.editor.na_button)
    type_text(page.dialog.reason, "本镇无此项补贴")
    click(qtbot, page.dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
    assert page.editor.na_reason.isVisible()
    assert content.mapTo(page.editor, QPoint(0, 0)).y() == before
    click(qtbot, page.editor.restore_button)
    assert not page.editor.na_reason.isVisible()
    assert content.mapTo(page.editor, QPoint(0, 0)).y() == before


def test_check_detail_does_not_keep_showing_a_fixed_error(qtbot, app_context, window, session):
    from catalog.township.commands import EditItem
    from catalog.township.items import ADOPTED
    session.require().do(EditItem("17-001", {"status": ADOPTED, "township": True, "time_limit": ""}))
    session.reload()
    check = window.show_page("check")
    check.show_report(session.checks.run_now())
    from gui.pages.check.findings import FindingRole
    from gui.pages.check.view import _leaves
    index = next(i for i in _leaves(check.model)
                 if i.data(FindingRole).code == "F001" and i.data(FindingRole).item_id == "17-001")
    check.tree.setCurrentIndex(index)
    assert "F001" in check.detail.text()
    session.require().do(EditItem("17-001", {"time_limit": "信息形成之日起20个工作日内"}))
    session.reload()
    check.show_report(session.checks.run_now())
    assert "F001" not in check.detail.text() and "已经不存在" in check.detail.text()


def test_roster_messages_are_the_current_files_and_a_loading_sign_shows(qtbot, app_context, tmp_path):
    from notice_helpers import good_rows, write_xlsx

    from gui.tasks import RecordingReporter, TaskRunner
    session, page = _notice_page(qtbot, app_context, tmp_path)
    try:
        bad = good_rows(6)
        bad[1][2] = "123"                                        # a wrong ID number: a row message
        page.import_file(write_xlsx(tmp_path / "第一批.xlsx", bad))
        page.detail.setText("第 2 行：身份证号有误")              # as after selecting that row
        queued = []

        class Later:
            def start(self, fn):
                queued.append(fn)

            def waitForDone(self, msecs=-1):
                return True
        page._ctx.runner = TaskRunner(pool=Later(), reporter=RecordingReporter(), show_after_ms=0)
        page.import_file(write_xlsx(tmp_path / "第二批.xlsx", good_rows(6)))
        assert "正在读取" in page.banner.text() and "第二批" in page.banner.text()   # not an empty page
        assert page.detail.text() == ""
        queued.pop()()
        qtbot.waitUntil(lambda: page.roster is not None and page.roster.file == "第二批.xlsx", timeout=3000)
        assert "正在读取" not in page.banner.text() and page.detail.text() == ""
    finally:
        page.close()
        session.close()


def test_a_dropped_picture_says_which_files_the_window_takes(qtbot, app_context, tmp_path):
    from gui_page_helpers import drag_enter, open_session

    from gui.main_window import MainWindow
    from gui.pages.registry import registered_pages
    session = open_session(app_context, tmp_path / "ws", domains=["涉农补贴"]) if False else None
    win = MainWindow(app_context, pages=registered_pages(["guides", "notice", "county"]))
    qtbot.addWidget(win)
    win.show()
    picture = tmp_path / "照片.png"
    picture.write_bytes(b"\x89PNG")
    assert not drag_enter(win, [picture]).isAccepted()
    message = win.statusBar().currentMessage()
    assert "照片.png" in message and ".xlsx" in message and ".gkml" in message
    assert session is None


def test_cancelling_a_new_workspace_returns_to_the_previous_one(qtbot, window, session, tmp_path,
                                                                monkeypatch):
    from gui import workspace_actions
    previous = session.path
    other = tmp_path / "新工作区.gkml.db"
    monkeypatch.setattr(workspace_actions, "choose_workspace_file", lambda *a, **k: other)
    window.workspace_actions.new_action.trigger()
    assert session.path == other
    qtbot.waitUntil(lambda: window.workspace_actions.wizard is not None, timeout=2000)
    window.workspace_actions.wizard.reject()
    qtbot.waitUntil(lambda: session.path == previous, timeout=2000)
    assert not other.exists() and session.require().township() is not None
    assert "已取消新建工作区" in window.statusBar().currentMessage()
