"""Issue 15 rows of standards/legal/repealed.json: each old version is found, each current citation is not."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from catalog.checks import INFO, all_rules
from catalog.checks.legal_table import PLAN_ENDED, load_repealed
from catalog.checks.rules.legal_basis import ended_plan_basis, repealed_basis, superseded_basis

OLD = {
    "《中华人民共和国物权法》": "civil_code_repealed_laws",
    "《中华人民共和国婚姻法》": "civil_code_repealed_laws",
    "《继承法》": "civil_code_repealed_laws",
    "《中华人民共和国合同法》": "civil_code_repealed_laws",
    "《担保法》": "civil_code_repealed_laws",
    "《侵权责任法》": "civil_code_repealed_laws",
    "《民法通则》": "civil_code_repealed_laws",
    "《中华人民共和国民法总则》": "civil_code_repealed_laws",
    "《农业生产发展资金管理办法》（财农〔2017〕41号）": "agri_production_fund_2017",
    "财农〔2020〕10号": "agri_transfer_funds_2020",
    "《中华人民共和国土地管理法实施条例》（国务院令第256号）": "land_admin_regulation_256",
    "《特困人员认定办法》（民发〔2016〕178号）": "tekun_identification_2016",
    "《中华人民共和国预算法实施条例》（国务院令第186号）": "budget_regulation_186",
    "《中华人民共和国行政处罚法》（2017年修正）": "admin_penalty_law_before_2021",
    "《中华人民共和国突发事件应对法》（2007年）": "emergency_response_law_2007",
    "《农村土地承包经营权流转管理办法》": "land_contract_transfer_2005",
    "《“十三五”全国新型职业农民培育发展规划》": "five_year_plans_ended",
    "《“十四五”推进农业农村现代化规划》": "five_year_plans_ended",
}
CURRENT = [
    "《中华人民共和国民法典》", "《中华人民共和国劳动合同法》",
    "《农业相关转移支付资金管理办法》（财农〔2023〕11号）",
    "《中华人民共和国土地管理法实施条例》（国务院令第743号）", "《中华人民共和国土地管理法实施条例》",
    "《特困人员认定办法》（民发〔2021〕43号）", "《特困人员认定办法》",
    "《中华人民共和国预算法实施条例》（国务院令第729号）", "《中华人民共和国预算法实施条例》",
    "《中华人民共和国行政处罚法》", "《行政处罚法》（2021年修订）",
    "《中华人民共和国突发事件应对法》", "《突发事件应对法》（2007年8月30日通过 2024年6月28日修订）",
    "《农村土地经营权流转管理办法》（农业农村部令2021年第1号）", "“十五五”规划",
]


@pytest.mark.parametrize("cited, row_id", OLD.items())
def test_old_version_is_found(cited, row_id):
    row = load_repealed().match(cited)
    assert row is not None and row.id == row_id


@pytest.mark.parametrize("cited", CURRENT)
def test_current_citation_never_matches(cited):
    assert load_repealed().match(cited) is None


def test_each_new_row_names_its_source_and_replacement():
    rows = {r.id: r for r in load_repealed().rows}
    for row_id in set(OLD.values()):
        row = rows[row_id]
        assert row.sources and all(s.get("url") or s.get("instrument") for s in row.sources), row_id
    assert "第一千二百六十条" in rows["civil_code_repealed_laws"].sources[0]["instrument"]
    assert rows["civil_code_repealed_laws"].effective == "2021-01-01"
    assert "国务院令第743号" in rows["land_admin_regulation_256"].replaced_by
    assert rows["land_admin_regulation_256"].effective == "2021-09-01"
    assert "民发〔2021〕43号" in rows["tekun_identification_2016"].replaced_by
    assert "国务院令第729号" in rows["budget_regulation_186"].replaced_by
    assert rows["admin_penalty_law_before_2021"].effective == "2021-07-15"
    assert rows["emergency_response_law_2007"].effective == "2024-11-01"
    assert "农业农村部令2021年第1号" in rows["land_contract_transfer_2005"].replaced_by
    assert "财农〔2023〕11号" in rows["agri_production_fund_2017"].replaced_by


def _ctx(*basis: str) -> SimpleNamespace:
    item = SimpleNamespace(title="新型职业农民培育", text=SimpleNamespace(basis=basis))
    return SimpleNamespace(repealed=load_repealed(), checked=[item])


def test_ended_plan_is_a_reminder_not_an_error():
    assert {r.code: r.severity for r in all_rules()}["B003"] == INFO
    ctx = _ctx("《“十三五”全国新型职业农民培育发展规划》")
    [hit] = list(ended_plan_basis(ctx))
    assert "规划期已结束" in hit.message and "请核对现行规划" in hit.fix
    assert list(repealed_basis(ctx)) == [] and list(superseded_basis(ctx)) == []
    assert load_repealed().match("《“十三五”全国新型职业农民培育发展规划》").status == PLAN_ENDED


def test_repealed_law_is_an_error_naming_the_civil_code():
    [hit] = list(repealed_basis(_ctx("《中华人民共和国物权法》", "《中华人民共和国民法典》")))
    assert "已废止（2021-01-01 起）" in hit.message and "民法典" in hit.message


def test_a_source_needs_a_url_or_an_instrument():
    from catalog.checks.legal_table import load_schema
    from catalog.schema import validate
    item = load_schema()["properties"]["rows"]["items"]["properties"]["source"]["items"]
    assert validate({"instrument": "民发〔2021〕43号", "what": "同时废止旧办法"}, item) == []
    assert validate({"url": "https://example.gov.cn/a", "what": "同时废止旧办法"}, item) == []
    [(_, problem)] = validate({"what": "同时废止旧办法"}, item)
    assert "url或instrument" in problem
