"""Masking of printed cells: IDs (per template, never beyond 6+4), bank numbers, phones, addresses, names."""
import json

import pytest
from notice_helpers import BANK, make_id

from catalog.noticeboard.model import RosterRow
from catalog.noticeboard.sheets import display_cells
from catalog.noticeboard.template import TemplateError, list_templates, load_template, parse_template


def _template(**over):
    data = json.loads(json.dumps({
        "id": "t", "name": "测试", "title": "{village}{year}公示",
        "columns": [{"field": "seq"}, {"field": "name"}, {"field": "id_number"}, {"field": "phone"},
                    {"field": "address"}, {"field": "remark"}, {"field": "amount"}],
        "masking": {"id_head": 2, "id_tail": 3}}))
    data.update(over)
    return parse_template(data)


def _row(**values):
    base = {"name": "张三丰", "id_number": make_id(7), "phone": "13812345678", "address": "张家村3组45号",
            "remark": "", "amount": "100"}
    base.update(values)
    r = RosterRow(1, "s", 2, base)
    from decimal import Decimal
    r.amount = Decimal(base["amount"])
    return r


def test_default_id_mask_keeps_first_2_and_last_3():
    cells = display_cells(_row(), 1, _template(), mask_names=False)
    idn = make_id(7)
    assert cells[2] == idn[:2] + "*" * 13 + idn[-3:]
    assert cells[1] == "张三丰"                       # names in full by default (public supervision)
    assert cells[3] == "138****5678"
    assert cells[4] == "张家村3组"                     # no finer than 村/组


def test_names_can_be_masked():
    assert display_cells(_row(), 1, _template(), mask_names=True)[1] == "张*丰"
    assert display_cells(_row(name="李四"), 1, _template(), mask_names=True)[1] == "李*"


def test_template_may_show_up_to_6_and_4_but_never_more():
    t = _template(masking={"id_head": 6, "id_tail": 4})
    idn = make_id(7)
    assert display_cells(_row(), 1, t, mask_names=False)[2] == idn[:6] + "*" * 8 + idn[-4:]
    with pytest.raises(TemplateError, match="最多"):
        _template(masking={"id_head": 7, "id_tail": 3})
    with pytest.raises(TemplateError, match="最多"):
        _template(masking={"id_head": 2, "id_tail": 5})


def test_bank_column_can_never_be_printed():
    cols = [{"field": "name"}, {"field": "bank_account", "header": "一卡通账号"}, {"field": "amount"}]
    with pytest.raises(TemplateError, match="银行账号"):
        _template(columns=cols)


def test_numbers_typed_into_free_text_are_masked():
    cells = display_cells(_row(remark=f"卡号{BANK}，身份证{make_id(9)}，电话13900001111",
                               name=f"王五{make_id(3)}"),
                          1, _template(), mask_names=False)
    assert BANK not in cells[5] and make_id(9) not in cells[5] and "13900001111" not in cells[5]
    assert "不予公示" in cells[5] and "139****1111" in cells[5]
    assert make_id(3) not in cells[1]


def test_shipped_templates_are_valid_and_safe():
    templates = {t.id: t for t in list_templates()}
    assert {"huimin_butie", "shehui_jiuzhu"} <= templates.keys()
    for t in templates.values():
        assert t.masking.id_head <= 6 and t.masking.id_tail <= 4
        assert "bank_account" not in t.column_fields()
        assert "{village}" in t.title
    hm = load_template("huimin_butie")
    assert [c.header for c in hm.columns] == ["序号", "姓名", "身份证号", "组", "补贴项目", "面积/数量",
                                              "标准", "金额（元）", "发放日期"]
    # 发放日期 and 身份证号 are printed only when the roster has them (issue 15)
    assert [c.header for c in hm.for_fields({"id_number", "name"}).columns] == [
        "序号", "姓名", "身份证号", "组", "补贴项目", "面积/数量", "标准", "金额（元）"]
    assert hm.format_title(village="张家村", year="2026", township="某镇", government="某镇人民政府") == \
        "关于张家村2026年度惠民惠农财政补贴资金发放结果的公示"
