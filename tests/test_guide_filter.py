"""catalog.guides.filter: the guide browser's search and level predicate (no Qt)."""
from __future__ import annotations

import pytest

from catalog.guides.filter import LEVELS, item_matches, matches_level, matches_text
from catalog.guides.shipped import GuideItem
from catalog.model import ItemText, Marks

NO_MARKS = Marks()


def make_item(*, marks: Marks = NO_MARKS, level2: str = "农机购置补贴") -> GuideItem:
    return GuideItem(
        id="17-001", domain_no=17, seq=1,
        text=ItemText(level1="农业生产发展资金", level2=level2,
                      content=("政策依据", "申请指南:包括补贴对象、补贴范围"),
                      basis=("《农业机械化促进法》",), time_limit="20个工作日内", subject="县级农业农村部门",
                      marks=marks))


@pytest.mark.parametrize("text", ["", "  ", "农机", "生产发展", "补贴范围", "机械化促进法", "17-001",
                                  "农机 促进法", "申请指南：包括"])
def test_text_matches_name_content_basis(text):
    assert matches_text(make_item(), text)


@pytest.mark.parametrize("text", ["县级农业农村部门", "20个工作日", "救助", "农机 救助"])
def test_text_ignores_other_columns_and_needs_every_word(text):
    # 公开主体 and 公开时限 are not searched; several words must all occur.
    assert not matches_text(make_item(), text)


def test_text_folds_width_and_case():
    item = make_item(level2="ＡＢＣ补贴（试点）")
    assert matches_text(item, "abc补贴(试点)")


@pytest.mark.parametrize(("marks", "expected"), [
    (Marks(county=True, township=True), {"all", "county", "township"}),
    (Marks(county=True, township=False), {"all", "county"}),
    (Marks(county=False, township=True), {"all", "township"}),
    (Marks(county=True, township=None), {"all", "county", "unknown"}),
    (Marks(), {"all", "unknown"}),
])
def test_level(marks, expected):
    item = make_item(marks=marks)
    assert {lv for lv in LEVELS if matches_level(item, lv)} == expected
    assert matches_level(item, None) and matches_level(item, "")


def test_unknown_level_value_is_a_bug():
    with pytest.raises(ValueError):
        matches_level(make_item(), "village")


def test_item_matches_combines_both():
    item = make_item(marks=Marks(county=True, township=False))
    assert item_matches(item, "农机", "county")
    assert not item_matches(item, "农机", "township")
    assert not item_matches(item, "救助", "county")


def test_shipped_guides_filter(guides):
    items = [it for g in guides for it in g.active_items]
    township = [it for it in items if item_matches(it, "", "township")]
    assert township and all(it.marks.township for it in township)
    unknown = [it for it in items if item_matches(it, "", "unknown")]
    # The shipped data is partial: most levels are unknown, and that stays visible.
    assert len(unknown) > len(township)
