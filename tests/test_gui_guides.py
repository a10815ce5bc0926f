"""标准指引 page driven through real widgets: domain clicks, typing in the filter, the level filter,
details."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from catalog.guides.filter import item_matches
from gui.main_window import MainWindow
from gui.pages.guides.table import ItemRole

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, app_context):
    win = MainWindow(app_context)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def page(window):
    return window.page("guides")


def shown_ids(page) -> list[str]:
    model = page.table.model()
    return [model.index(row, 0).data(ItemRole).id for row in range(model.rowCount())]


def click_domain(qtbot, page, domain_no: int) -> None:
    model = page.domains.model()
    index = model.index(model.row_of_domain(domain_no), 0)
    page.domains.scrollTo(index)
    qtbot.mouseClick(page.domains.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.domains.visualRect(index).center())


def click_row(qtbot, page, row: int) -> None:
    index = page.table.model().index(row, 2)
    page.table.scrollTo(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.table.visualRect(index).center())


def pick_level(qtbot, page, text: str) -> None:
    """Choose in the 公开层级 box with the keyboard, as a user can."""
    combo = page.level
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    while combo.currentText() != text:
        before = combo.currentIndex()
        qtbot.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentIndex() != before, f"{text} is not in the level box"


def test_opens_on_all_domains_with_every_item(page, guides):
    all_ids = sorted(it.id for g in guides for it in g.active_items)
    assert shown_ids(page) == all_ids
    assert page.title.text() == "全部领域"
    assert page.count.text() == f"显示 {len(all_ids)} / {len(all_ids)} 项"
    assert "数据不完整" in page.banner.text() and page.banner.isVisible()
    assert "完整程度" in page.banner.text() and "乡级未知 162 项" in page.banner.text()     # issue 14


def test_domain_list_shows_counts_and_completeness(page, guides):
    model = page.domains.model()
    assert model.rowCount() == len(guides) + 1
    g17 = guides.by_no(17)
    row = model.row_of_domain(17)
    expected = ["17  涉农补贴", str(len(g17.active_items)), "不完整"]
    assert [model.index(row, c).data() for c in range(3)] == expected
    assert "不完整" in model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "√ 未知 5 项" in model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_clicking_a_domain_shows_its_items_and_source(qtbot, page, guides):
    click_domain(qtbot, page, 17)
    g17 = guides.by_no(17)
    assert shown_ids(page) == [it.id for it in g17.active_items]
    assert page.title.text() == "17 涉农补贴"
    assert page.count.text() == f"显示 {len(g17.active_items)} / {len(g17.active_items)} 项"
    assert g17.completeness.source in page.banner.text()
    assert f"已知 {len(g17.active_items)} 项" in page.banner.text() and "随软件提供" in page.banner.text()
    assert page.table.isColumnHidden(1)     # no 领域 column inside one domain
    click_domain(qtbot, page, 0)
    assert not page.table.isColumnHidden(1)


def test_typing_in_the_filter_box_searches_name_content_and_basis(qtbot, page, guides, type_text):
    every = [it for g in guides for it in g.active_items]
    type_text(page.search, "农机购置")                 # in 事项名称
    assert "17-001" in shown_ids(page)
    assert shown_ids(page) == sorted(it.id for it in every if item_matches(it, "农机购置"))
    page.search.clear()
    type_text(page.search, "机械化促进法")             # only in 公开依据
    assert "17-001" in shown_ids(page)
    page.search.clear()
    type_text(page.search, "监督渠道")                 # in 公开内容
    assert set(shown_ids(page)) >= {"17-001", "17-002"}


def test_key_clicks_in_the_filter_box(qtbot, page, guides):
    qtbot.keyClicks(page.search, "2018")              # a year inside 公开依据 titles
    every = [it for g in guides for it in g.active_items]
    expected = sorted(it.id for it in every if any("2018" in b for b in it.text.basis + it.text.content
                                                    + (it.text.level1, it.text.level2)))
    assert expected and shown_ids(page) == expected
    qtbot.keyClicks(page.search, " 17-")              # a second word narrows: AND
    assert shown_ids(page) == [i for i in expected if i.startswith("17-")]
    qtbot.keyClick(page.search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.search, Qt.Key.Key_Backspace)
    assert len(shown_ids(page)) == len(every)


def test_filter_with_no_match_says_so(qtbot, page, type_text):
    click_domain(qtbot, page, 17)
    type_text(page.search, "并不存在的事项")
    assert shown_ids(page) == [] and page.count.text() == "显示 0 / 5 项"
    assert "选择一项事项" in page.detail.toPlainText()


def test_level_filter(qtbot, page, guides):
    click_domain(qtbot, page, 14)
    items = guides.by_no(14).active_items
    pick_level(qtbot, page, "乡级")
    township = [it.id for it in items if it.marks.township]
    assert township and shown_ids(page) == township
    pick_level(qtbot, page, "层级未知")
    assert shown_ids(page) == [it.id for it in items if it.marks.county is None or it.marks.township is None]
    pick_level(qtbot, page, "全部层级")
    assert len(shown_ids(page)) == len(items)


def test_level_and_text_filters_combine(qtbot, page, guides, type_text):
    pick_level(qtbot, page, "县级")
    type_text(page.search, "危房")
    every = [it for g in guides for it in g.active_items]
    expected = sorted(it.id for it in every if it.marks.county and item_matches(it, "危房"))
    assert expected and shown_ids(page) == expected


def test_unknown_marks_show_question_mark_with_tooltip(qtbot, page):
    click_domain(qtbot, page, 17)
    model = page.table.model()
    township_col = next(c for c in range(model.columnCount())
                        if model.headerData(c, Qt.Orientation.Horizontal) == "乡级")
    cell = model.index(0, township_col)          # 17-001: level null in every source seen
    assert cell.data() == "?"
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == "来源未显示"
    public_col = next(c for c in range(model.columnCount())
                      if model.headerData(c, Qt.Orientation.Horizontal) == "全社会")
    assert model.index(0, public_col).data() == "√"


def test_clicking_an_item_shows_all_its_columns(qtbot, page, guides):
    click_domain(qtbot, page, 17)
    click_row(qtbot, page, 0)
    item = guides.item("17-001")
    text = page.detail.toPlainText()
    t = item.text
    for expected in (item.id, t.level1, t.level2, t.content[1], t.basis[0], t.time_limit, t.subject,
                     "、".join(t.channels), "全社会：√", "乡级：?（来源未显示）", "可信度", "中",
                     item.remark[:40], "本领域指引数据", guides.by_no(17).sources[0]["url"],
                     guides.by_no(17).notes[:40]):
        assert expected in text, expected


def test_ctrl_f_focuses_the_filter_box(qtbot, window, page):
    window.activateWindow()
    page.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.search, timeout=2000)


def test_choices_are_remembered(qtbot, app_context):
    first = MainWindow(app_context)
    qtbot.addWidget(first)
    first.show()
    page = first.page("guides")
    click_domain(qtbot, page, 8)
    pick_level(qtbot, page, "乡级")
    first.close()
    again = MainWindow(app_context)
    qtbot.addWidget(again)
    page = again.page("guides")
    assert page.current_domain() == 8 and page.level.currentText() == "乡级"
    assert page.title.text().endswith("农村危房改造")
