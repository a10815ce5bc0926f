"""Each check rule: a catalog that breaks it and one that passes it (in memory, on a small complete guide)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from catalog.checks import ERROR, INFO, WARNING, CheckContext, all_rules, run_checks
from catalog.guides.shipped import GuideSet, guide_from_dict
from catalog.model import ItemText, Marks
from catalog.township.compile import plan_compile
from catalog.township.items import NOT_APPLICABLE, PENDING_LEVEL, CatalogItem
from catalog.township.profile import Township

TOWN = Township("某镇", "某县", "420102001000")
TODAY = date(2026, 11, 22)
BASIS = ["《中华人民共和国政府信息公开条例》(国务院令第711号)", "《农业生产发展资金管理办法》"]
LIMIT = "信息形成或者变更之日起20个工作日内"


def _item(seq: int, level2: str, *, level=(True, True), specific=False, channels=None, **over) -> dict:
    raw = {
        "id": f"17-{seq:03d}", "seq": seq, "level1": "农业生产发展资金", "level2": level2,
        "content": ["政策依据", "补贴对象、补贴标准", "补贴结果"], "basis": list(BASIS), "time_limit": LIMIT,
        "subject": "县级农业农村部门",
        "channels": channels or ["政府网站", "社区/企事业单位/村公示栏(电子屏)"],
        "audience": {"public": not specific, "specific": specific},
        "mode": {"active": True, "on_request": False},
        "level": {"county": level[0], "township": level[1]}, "confidence": "high", "remark": "",
    }
    raw.update(over)
    return raw


def _guide(no: int, domain: str, items: list[dict], status: str = "complete") -> dict:
    return {"format": 1, "no": no, "slug": f"d{no}", "domain": domain,
            "guide_title": f"{domain}领域基层政务公开标准指引",
            "issuer": None, "issued": None,
            "completeness": {"status": status, "known_items": len(items), "source": "测试用完整指引"},
            "sources": [], "notes": "", "items": items}


def make_guides(*, status: str = "complete") -> GuideSet:
    farm = _guide(17, "涉农补贴", [
        _item(1, "农机购置补贴"),
        _item(2, "耕地地力保护", specific=True, channels=["社区/企事业单位/村公示栏(电子屏)", "入户/现场"]),
        _item(3, "县级统筹事项", level=(True, False)),            # 县级 only: never adopted
    ], status)
    tax = _guide(5, "税收管理", [{**_item(1, "税收政策"), "id": "05-001"}])
    return GuideSet([guide_from_dict(tax), guide_from_dict(farm)])


GUIDES = make_guides()
BASE_ITEMS = plan_compile([GUIDES.by_no(17)], TOWN, existing_uids=set()).added
VERSIONS = [{"no": 1, "published_at": "2026-06-01T09:00:00", "note": ""}]


def ctx(items=None, *, guides=GUIDES, domains=None, versions=VERSIONS, township=TOWN,
        today=TODAY) -> CheckContext:
    """The clean catalog (every rule passes), with whatever a test changes."""
    return CheckContext(items=list(BASE_ITEMS if items is None else items), guides=guides, township=township,
                        domain_choices={5: (False,
                                            "本镇无税务机构，由县税务局公开")}
                        if domains is None else domains, versions=versions, today=today)


def edited(uid: str, **changes) -> list[CatalogItem]:
    return [i.with_fields(**changes) if i.uid == uid else i for i in BASE_ITEMS]


def local(uid="L-001", **text) -> CatalogItem:
    t = {"level1": "本镇特色产业补贴", "level2": "", "content": ("补贴对象", "补贴结果"),
         "basis": ("《某县特色产业扶持办法》",), "time_limit": LIMIT, "subject": "某镇人民政府",
         "channels": ("社区/企事业单位/村公示栏(电子屏)",),
         "marks": Marks(True, False, True, False, False, True)}
    t.update(text)
    return CatalogItem(uid=uid, domain_no=17, text=ItemText(**t), local=True, position=10)


def codes(context, code: str) -> list:
    return [f for f in run_checks(context, codes=[code]).findings]


# ---- the baseline ----------------------------------------------------------------------------------------
def test_clean_catalog_passes_every_rule():
    assert [i.uid for i in BASE_ITEMS] == ["17-001", "17-002"]
    report = run_checks(ctx())
    assert report.findings == []
    assert report.scores["overall"]["score"] == 100.0


def test_every_rule_has_code_severity_and_title():
    rules = all_rules()
    assert len({r.code for r in rules}) == len(rules) >= 25
    for r in rules:
        assert r.severity in (ERROR, WARNING, INFO) and r.title and r.family


# ---- coverage --------------------------------------------------------------------------------------------
def test_C001_missing_township_item():
    found = codes(ctx([i for i in BASE_ITEMS if i.uid != "17-002"]), "C001")
    assert [(f.item_id, f.domain, f.severity) for f in found] == [("17-002", "涉农补贴", ERROR)]
    assert "耕地地力保护" in found[0].message
    # marked 不适用 with a reason counts as covered
    assert codes(ctx(edited("17-002", status=NOT_APPLICABLE, na_reason="本镇无耕地")), "C001") == []


def test_C002_not_applicable_needs_reason():
    found = codes(ctx(edited("17-002", status=NOT_APPLICABLE, na_reason=" ")), "C002")
    assert [f.item_id for f in found] == ["17-002"]
    assert codes(ctx(edited("17-002", status=NOT_APPLICABLE, na_reason="本镇无耕地")), "C002") == []


def test_C003_domain_not_involved_needs_reason():
    found = codes(ctx(domains={5: (False, "")}), "C003")
    assert [(f.domain, f.field) for f in found] == [("税收管理", "domain")]
    assert codes(ctx(), "C003") == []


def test_C004_involved_domain_never_compiled():
    found = codes(ctx(domains={}), "C004")
    assert [f.domain for f in found] == ["税收管理"]
    assert codes(ctx(), "C004") == []            # 税收管理 marked 不涉及 with a reason


def test_C005_pending_level_has_its_own_finding():
    pending = edited("17-002", status=PENDING_LEVEL, township=None)
    found = codes(ctx(pending), "C005")
    assert [(f.item_id, f.severity) for f in found] == [("17-002", WARNING)]
    assert "层级待确认" in found[0].message and "不适用" in found[0].fix
    # a pending item is not reported missing; an export carries it, so its fields are checked with the
    # same severity as an adopted item's (issue 14), and the undecided state stays one 警告
    report = run_checks(ctx([i.with_fields(time_limit=None) if i.uid == "17-002" else i for i in pending]))
    assert sorted((f.code, f.severity) for f in report.findings) == [("C005", WARNING), ("F001", ERROR)]


# ---- required fields -------------------------------------------------------------------------------------
@pytest.mark.parametrize("name,value", [("content", ()), ("basis", ()), ("time_limit", None),
                                        ("subject", " "), ("channels", ()), ("channels", None)])
def test_F001_required_text_field_empty(name, value):
    found = codes(ctx(edited("17-001", **{name: value})), "F001")
    assert [(f.item_id, f.field) for f in found] == [("17-001", name)]
    assert codes(ctx(edited("17-001", **{name: value})), "F002") == []


def test_F001_audience_and_mode_unticked():
    found = codes(ctx(edited("17-001", public=False, specific=None, active=False, on_request=False)), "F001")
    assert sorted(f.field for f in found) == ["audience", "mode"]
    assert codes(ctx(edited("17-001", public=False, specific=True)), "F001") == []


def test_F002_field_the_guide_data_lacks():
    raw = _guide(17, "涉农补贴", [_item(1, "农机购置补贴", time_limit=None, basis=[], audience=None)])
    guides = GuideSet([guide_from_dict(raw)])
    items = plan_compile(guides, TOWN, existing_uids=set()).added
    context = ctx(items, guides=guides, domains={})
    found = codes(context, "F002")
    assert sorted(f.field for f in found) == ["audience", "basis", "time_limit"]
    assert all(f.fix.startswith("对照正式标准指引补填") and f.severity == ERROR for f in found)
    assert codes(context, "F001") == []          # reported once, as a gap of the guide data
    # once the clerk fills them in, both rules pass
    filled = [i.with_fields(time_limit=LIMIT, basis=BASIS, public=True) for i in items]
    assert codes(ctx(filled, guides=guides, domains={}), "F002") == []


# ---- subject level ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("subject",
                         ["县级农业农村部门", "某县农业农村局", "县(市、区)卫生健康行政部门", "市农业农村局",
                                     "税务主管部门"])
def test_J001_county_department_as_subject(subject):
    found = codes(ctx(edited("17-001", subject=subject)), "J001")
    assert [(f.item_id, f.field, f.severity) for f in found] == [("17-001", "subject", ERROR)]


def test_J001_notes_a_subject_copied_back_from_the_guide():
    found = codes(ctx(edited("17-001", subject="县级农业农村部门")), "J001")
    assert "仍是标准指引中的原主体" in found[0].message


@pytest.mark.parametrize("subject",
                         ["某镇人民政府", "某县某镇人民政府", "镇农业综合服务中心",
                          "某镇人民政府、各村民委员会",
                                     "镇社会事务办"])
def test_subject_naming_the_township_passes(subject):
    report = run_checks(ctx(edited("17-001", subject=subject)), codes=["J001", "J002", "J003", "J004"])
    assert report.findings == []


def test_J002_another_township():
    found = codes(ctx(edited("17-001", subject="李庄镇人民政府")), "J002")
    assert [f.item_id for f in found] == ["17-001"] and "李庄镇" in found[0].message
    assert codes(ctx(edited("17-001", subject="某县某镇人民政府")), "J002") == []


def test_J003_joint_county_and_township():
    found = codes(ctx(edited("17-001", subject="县级农业农村部门、某镇人民政府")), "J003")
    assert [f.item_id for f in found] == ["17-001"]
    assert codes(ctx(edited("17-001", subject="县级农业农村部门、某镇人民政府")), "J001") == []


@pytest.mark.parametrize("subject", ["乡镇人民政府(街道办事处)", "各乡镇人民政府", "学校"])
def test_J004_subject_without_the_township(subject):
    assert [f.item_id for f in codes(ctx(edited("17-001", subject=subject)), "J004")] == ["17-001"]


# ---- time limits -----------------------------------------------------------------------------------------
def test_T001_time_limit_not_understood():
    found = codes(ctx(edited("17-001", time_limit="尽量按要求")), "T001")
    assert [f.item_id for f in found] == ["17-001"] and "无法识别" in found[0].message
    assert codes(ctx(edited("17-001", time_limit="每季度结束后10个工作日内")), "T001") == []


def test_T002_edited_time_limit_beyond_20_workdays():
    found = codes(ctx(edited("17-001", time_limit="信息形成之日起30个工作日内")), "T002")
    assert [(f.item_id, f.severity) for f in found] == [("17-001", ERROR)]
    ok = "信息形成之日起30个工作日内。法律、法规另有规定的,从其规定。"
    assert codes(ctx(edited("17-001", time_limit=ok)), "T002") == []
    assert codes(ctx(edited("17-001", time_limit="信息形成之日起15个工作日内")), "T002") == []


def test_T003_guide_text_beyond_20_workdays_is_a_warning():
    raw = _guide(17, "涉农补贴", [_item(1, "农机购置补贴", time_limit="收到之日起2个月内")])
    guides = GuideSet([guide_from_dict(raw)])
    items = plan_compile(guides, TOWN, existing_uids=set()).added
    context = ctx(items, guides=guides, domains={})
    assert [(f.item_id, f.severity) for f in codes(context, "T003")] == [("17-001", WARNING)]
    assert codes(context, "T002") == []
    assert codes(ctx(), "T003") == []


def test_T004_periodic_without_a_period():
    assert [f.item_id for f in codes(ctx(edited("17-001", time_limit="定期公开")), "T004")] == ["17-001"]
    assert codes(ctx(edited("17-001", time_limit="每季度公开")), "T004") == []


# ---- legal basis -----------------------------------------------------------------------------------------
def test_B001_repealed_or_old_version_cited():
    basis = ("《中华人民共和国政府信息公开条例》（国务院令第492号）", "《农业生产发展资金管理办法》")
    found = codes(ctx(edited("17-001", basis=basis)), "B001")
    assert [(f.item_id, f.field, f.severity) for f in found] == [("17-001", "basis", ERROR)]
    assert "国务院令第711号" in found[0].message and "国务院令第711号" in found[0].fix


@pytest.mark.parametrize("entry", ["《政府信息公开条例》", "《土地管理法》", "《中华人民共和国食品安全法》",
                                   "《中华人民共和国土地管理法》(2019年修正)"])
def test_B001_bare_title_means_the_current_law(entry):
    assert codes(ctx(edited("17-001", basis=(entry,))), "B001") == []


def test_B002_superseded_in_substance_is_a_warning():
    found = codes(ctx(edited("17-001", basis=("《农村五保供养工作条例》",))), "B002")
    assert [(f.item_id, f.severity) for f in found] == [("17-001", WARNING)]
    assert codes(ctx(edited("17-001", basis=("《农村五保供养工作条例》",))), "B001") == []
    assert codes(ctx(), "B002") == []


# ---- privacy ---------------------------------------------------------------------------------------------
def test_P001_specific_group_on_the_internet():
    online = edited("17-002", channels=("政府网站", "社区/企事业单位/村公示栏(电子屏)"))
    found = codes(ctx(online), "P001")
    assert [(f.item_id, f.field) for f in found] == [("17-002",
                                                      "channels")] and "政府网站" in found[0].message
    web = edited("17-002", channels=("其他:农业补贴公示网", "入户/现场"))
    assert [f.item_id for f in codes(ctx(web), "P001")] == ["17-002"]
    assert codes(ctx(), "P001") == []           # 17-002 is on boards and in person only


def test_P002_content_names_personal_data():
    found = codes(ctx(edited("17-001", content=("补贴对象姓名、身份证号码、银行账号",))), "P002")
    assert [f.item_id for f in found] == ["17-001"]
    masked = ("补贴对象姓名、身份证号码(隐去中间位数)",)
    assert codes(ctx(edited("17-001", content=masked)), "P002") == []


def test_P003_real_numbers_in_catalog_text():
    found = codes(ctx(edited("17-001", content=("联系人张三 13812345678",))), "P003")
    assert [(f.item_id, f.field, f.severity) for f in found] == [("17-001", "content", ERROR)]
    assert "13812345678" not in found[0].message and "138****5678" in found[0].message
    assert codes(ctx(edited("17-001", content=("咨询电话：027-12345678",))), "P003") == []


# ---- reach -----------------------------------------------------------------------------------------------
def test_R001_no_offline_channel():
    found = codes(ctx(edited("17-001", channels=("政府网站", "两微一端"))), "R001")
    assert [(f.item_id, f.severity) for f in found] == [("17-001", WARNING)]
    assert codes(ctx(edited("17-001", channels=("政府网站", "便民服务站"))), "R001") == []


# ---- duplicates and local items --------------------------------------------------------------------------
def test_D001_same_guide_item_twice():
    copy = replace(BASE_ITEMS[0], uid="L-001", local=True, position=5)
    found = codes(ctx([*BASE_ITEMS, copy]), "D001")
    assert [(f.item_id, f.severity) for f in found] == [("L-001", ERROR)]
    assert codes(ctx([*BASE_ITEMS, local()]), "D001") == []


def test_D002_local_items_with_the_same_name():
    found = codes(ctx([*BASE_ITEMS, local("L-001"), local("L-002", level1="本镇特色产业补贴 ")]), "D002")
    assert sorted(f.item_id for f in found) == ["L-001", "L-002"]
    same_as_guide = local("L-003", level1="农业生产发展资金", level2="农机购置补贴")
    assert [f.item_id for f in codes(ctx([*BASE_ITEMS, same_as_guide]), "D002")] == ["L-003"]
    assert codes(ctx([*BASE_ITEMS, local("L-001"), local("L-002", level1="本镇光伏补贴")]), "D002") == []


def test_L001_local_item_without_basis():
    found = codes(ctx([*BASE_ITEMS, local(basis=())]), "L001")
    assert [(f.item_id, f.field, f.severity) for f in found] == [("L-001", "basis", ERROR)]
    assert codes(ctx([*BASE_ITEMS, local(basis=())]), "F001") == []     # one finding, not two
    assert codes(ctx([*BASE_ITEMS, local()]), "L001") == []


# ---- drift -----------------------------------------------------------------------------------------------
def test_G001_drift_from_the_guide_with_the_difference():
    found = codes(ctx(edited("17-001", content=("政策依据", "补贴结果", "监督电话"), active=False,
                             on_request=True)),
                  "G001")
    by_field = {f.field: f for f in found}
    assert set(by_field) == {"content", "active", "on_request"} and all(f.severity == INFO for f in found)
    assert "增加「监督电话」" in by_field["content"].message
    assert "删除「补贴对象、补贴标准」" in by_field["content"].message
    # the localized subject and the township mark are not drift
    assert codes(ctx(edited("17-001", subject="某镇农业服务中心")), "G001") == []


def test_G002_guide_item_withdrawn():
    farm = GUIDES.by_no(17)
    withdrawn = replace(farm, items=tuple(replace(i, withdrawn=i.id == "17-001") for i in farm.items))
    found = codes(ctx(guides=GUIDES.replace(withdrawn)), "G002")
    assert [f.item_id for f in found] == ["17-001"]
    assert codes(ctx(), "G002") == []


# ---- staleness and guide data ----------------------------------------------------------------------------
def test_S001_never_published():
    found = codes(ctx(versions=[]), "S001")
    assert [(f.domain, f.item_id, f.field) for f in found] == [(None, None, "versions")]
    assert codes(ctx(), "S001") == []


def test_S002_last_publication_older_than_12_months():
    old = [{"no": 1, "published_at": "2024-05-01T10:00:00", "note": ""},
           {"no": 2, "published_at": "2025-11-21T10:00:00", "note": ""}]
    found = codes(ctx(versions=old), "S002")
    assert len(found) == 1 and "2025-11-21" in found[0].message and "第 2 版" in found[0].message
    fresh = [*old, {"no": 3, "published_at": "2025-11-22T08:00:00", "note": ""}]
    assert codes(ctx(versions=fresh), "S002") == []          # exactly 12 months: still fine


def test_K001_partial_guide_data():
    partial = make_guides(status="partial")
    found = codes(ctx(guides=partial), "K001")
    assert [(f.domain, f.severity) for f in found] == [("涉农补贴", INFO)]
    assert found[0].message.startswith("本领域标准指引数据不完整")
    assert codes(ctx(), "K001") == []


# ---- scores ----------------------------------------------------------------------------------------------
def test_scores_weight_errors_above_warnings_and_ignore_hints():
    err = run_checks(ctx(edited("17-001", time_limit=None))).scores
    warn = run_checks(ctx(edited("17-001", channels=("政府网站",)))).scores
    hint = run_checks(ctx(edited("17-001", level2="农机购置补贴（本镇）"))).scores
    assert err["overall"]["score"] < warn["overall"]["score"] < 100.0
    assert hint["overall"]["score"] == 100.0 and hint["overall"]["提示"] == 1
    farm = next(d for d in err["domains"] if d["no"] == 17)
    tax = next(d for d in err["domains"] if d["no"] == 5)
    assert farm["score"] < 100 and farm["错误"] == 1 and tax["applies"] is False and tax["score"] is None


def test_scores_pending_items_fail_item_checks_and_an_uncompiled_domain_scores_zero():
    clean = run_checks(ctx()).scores["overall"]["score"]
    pending = run_checks(ctx(edited("17-002", status=PENDING_LEVEL, township=None))).scores
    farm = next(d for d in pending["domains"] if d["no"] == 17)
    assert farm["警告"] == 1 and farm["score"] < 70 < clean          # one of two items undecided
    empty = run_checks(ctx(items=[], domains={})).scores
    assert {d["no"]: d["score"] for d in empty["domains"]} == {5: 0.0, 17: 0.0}
    assert empty["overall"]["score"] < 10        # only the catalog-level checks (published) pass
