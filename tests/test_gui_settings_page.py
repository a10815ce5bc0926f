"""设置 page: holiday years with the weekends-only warning, importing a holiday file, remembered defaults."""
from __future__ import annotations

from datetime import date

import pytest
from gui_page_helpers import Recorder, open_session
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from gui import filedialogs
from gui import settings as S
from gui.pages.settings.view import SettingsPage

pytestmark = pytest.mark.gui
NEXT = date.today().year + 1


@pytest.fixture
def page(qtbot, app_context, tmp_path):
    session = open_session(app_context, tmp_path, compile=False)
    p = SettingsPage(app_context)
    qtbot.addWidget(p)
    p.show()
    p.page_shown()
    yield p
    session.close()


def year_row(page, year: int) -> dict:
    return next(r for r in page.year_model.records if r["year"] == year)


def test_unknown_year_shows_the_fallback_warning_until_a_file_is_imported(qtbot, page, tmp_path, monkeypatch):
    if year_row(page, NEXT)["source"] not in ("weekends", "estimated"):
        pytest.skip("the installed chinesecalendar already knows next year")
    assert str(NEXT) in page.holiday_banner.text() and page.holiday_banner.isVisible()
    holidays = tmp_path / f"{NEXT}节假日.csv"
    holidays.write_text(f"日期,类型,名称\n{NEXT}-01-01,休,元旦\n{NEXT}-02-05,休,春节\n{NEXT}-02-06,休,春节\n"
                        f"{NEXT}-02-07,休,春节\n{NEXT}-02-14,班,春节\n", encoding="utf-8")
    monkeypatch.setattr(filedialogs, "ask_open_file", Recorder(holidays))
    qtbot.mouseClick(page.import_holidays_button, Qt.MouseButton.LeftButton)
    row = year_row(page, NEXT)
    assert row["source"] == "table" and row["adjusted_workdays"] == 1 and row["file"] == holidays.name
    assert f"{NEXT} 年" in page.imported.text()
    assert str(NEXT) not in page.holiday_banner.text()


def test_bad_holiday_file_is_reported_with_its_line(qtbot, page, tmp_path, monkeypatch):
    bad = tmp_path / "bad.csv"
    bad.write_text(f"{NEXT}-01-01,休\n{NEXT}-13-40,休\n", encoding="utf-8")
    monkeypatch.setattr(filedialogs, "ask_open_file", Recorder(bad))
    qtbot.mouseClick(page.import_holidays_button, Qt.MouseButton.LeftButton)
    [(kind, title, message)] = page._ctx.runner.reporter.shown
    assert kind == "known" and title == "导入节假日安排" and "bad.csv" in message


def test_print_defaults_and_font_size_are_remembered(qtbot, page, gui_settings):
    qtbot.mouseClick(page.large_print, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
    assert gui_settings.get(S.NOTICE_LARGE_PRINT) is True
    page.period_days.setFocus()
    qtbot.keyClick(page.period_days, Qt.Key.Key_Up)
    assert gui_settings.get(S.NOTICE_PERIOD_DAYS) == 8
    page.font_size.setFocus()
    qtbot.keyClick(page.font_size, Qt.Key.Key_Up)
    assert gui_settings.get(S.FONT_POINT_SIZE) == 11.0
    assert QApplication.font().pointSizeF() == 11.0
    qtbot.keyClick(page.font_size, Qt.Key.Key_Down)
    assert QApplication.font().pointSizeF() == 10.5


def test_year_without_a_schedule_is_shown_as_an_estimate(page):
    """2027 on: the 放假办法 estimate, named as such in the table and the banner (issue 15)."""
    if year_row(page, NEXT)["source"] != "estimated":
        pytest.skip("the installed chinesecalendar already knows next year")
    model = page.year_model
    row = model.records.index(year_row(page, NEXT))
    assert model.data(model.index(row, 1)) == "估算，未导入国务院办公厅放假安排"
    assert model.data(model.index(row, 3)) == "未知"                       # 调休 unknown until imported
    assert year_row(page, NEXT)["weekday_holidays"] > 0
    assert "估算，未导入国务院办公厅放假安排" in page.holiday_banner.text()
