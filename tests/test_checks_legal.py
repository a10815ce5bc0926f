"""The repealed-documents table: valid against its schema, sourced; examples match, bare titles never do."""
from __future__ import annotations

import json
import shutil

import pytest

from catalog.checks.legal_table import load_repealed, load_schema, table_path
from catalog.errors import GuideDataError
from catalog.schema import validate


def test_shipped_table_is_valid_and_sourced():
    data = json.loads(table_path().read_text(encoding="utf-8"))
    assert validate(data, load_schema()) == []
    table = load_repealed()
    assert len(table) >= 10
    ids = [r.id for r in table.rows]
    assert len(ids) == len(set(ids))
    for row in table.rows:
        # a web page, or the official instrument itself (name and number: the new law repealing the old)
        assert row.sources and all((s.get("url", "").startswith("http") or len(s.get("instrument", "")) >= 4)
                                   and s["what"] for s in row.sources), row.id
        assert row.examples, f"{row.id}: every row carries examples the test can check"
        if row.status != "被取代":
            assert row.replaced_by or row.status == "失效", row.id


def test_required_rows_present():
    table = load_repealed()
    row = table.match("《中华人民共和国政府信息公开条例》（国务院令第492号）")
    assert row is not None and "国务院令第711号" in row.replaced_by and row.effective == "2019-05-15"
    for cited in ("《农村五保供养工作条例》", "《城市居民最低生活保障条例》", "《土地管理法》(2004年修正)",
                  "《食品安全法》（2009年）", "《2018-2020年农机购置补贴实施指导意见》"):
        assert table.match(cited) is not None, cited


def test_each_row_matches_its_examples_and_not_its_counter_examples():
    table = load_repealed()
    for row in table.rows:
        for text in row.examples:
            assert row.matches(text), f"{row.id} should match {text}"
            assert table.match(text) is not None
        for text in row.not_examples:
            assert table.match(text) is None, f"{text} wrongly matches {table.match(text).id}"


@pytest.mark.parametrize("bare",
                         ["《政府信息公开条例》", "《中华人民共和国政府信息公开条例》", "《土地管理法》",
                                  "《中华人民共和国土地管理法》", "《食品安全法》",
                          "《中华人民共和国食品安全法》",
                                  "《社会救助暂行办法》(国务院令第649号)", "《中华人民共和国医师法》",
                          "《噪声污染防治法》"])
def test_bare_title_of_a_law_in_force_is_not_reported(bare):
    assert load_repealed().match(bare) is None


def test_full_width_and_spaces_are_normalised():
    assert load_repealed().match("《政府信息公开条例》（ 国务院令 第 492 号 ）") is not None


@pytest.mark.parametrize("change,field", [
    (lambda d: d["rows"][0].pop("source"), "rows[0].source"),
    (lambda d: d["rows"][0].update(status="作废"), "rows[0].status"),
    (lambda d: d["rows"][0].update(effective="2019年5月"), "rows[0].effective"),
    (lambda d: d["rows"][1].update(pattern="(unclosed"), "rows[1].pattern"),
    (lambda d: d["rows"][1].update(id=d["rows"][0]["id"]), "rows[1].id"),
])
def test_broken_table_names_the_field(tmp_path, change, field):
    data = json.loads(table_path().read_text(encoding="utf-8"))
    change(data)
    bad = tmp_path / "repealed.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(GuideDataError) as err:
        load_repealed(bad)
    assert field in str(err.value) and "repealed.json" in str(err.value)


def test_not_json_is_a_clear_error(tmp_path):
    bad = tmp_path / "repealed.json"
    shutil.copy(table_path(), bad)
    bad.write_text(bad.read_text(encoding="utf-8")[:-20], encoding="utf-8")
    with pytest.raises(GuideDataError, match="JSON 格式错误"):
        load_repealed(bad)
