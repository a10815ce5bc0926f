"""Compiling, editing and versioning a township catalog (domain, no Qt)."""
from __future__ import annotations

import pytest

from catalog.errors import InputError, KnownError
from catalog.model import ItemText
from catalog.township.commands import (
    AddLocalItem,
    EditItem,
    MoveItem,
    RemoveLocalItem,
    SetDomain,
    mark_not_applicable,
)
from catalog.township.items import ADOPTED, NOT_APPLICABLE, PENDING_LEVEL
from tests.helpers import TOWNSHIP, new_catalog, shipped


@pytest.fixture
def cat(tmp_path):
    c = new_catalog(tmp_path)
    yield c
    c.close()


def test_compile_adopts_township_items_and_keeps_unknown_level_pending(cat):
    items = {i.uid: i for i in cat.items()}
    guide_items = [gi for g in shipped() for gi in g.active_items]
    for gi in guide_items:
        m = gi.marks
        if m.township:
            assert items[gi.id].status == ADOPTED
        elif m.township is None:
            assert items[gi.id].status == PENDING_LEVEL, "unknown level must never be dropped silently"
        elif m.county:
            assert gi.id not in items           # 县级-only
    assert any(i.status == PENDING_LEVEL for i in items.values())


def test_subject_localized_and_origin_kept(cat):
    item = cat.item("17-001")
    assert item.text.subject == "某镇人民政府"
    assert item.origin_subject == "县级农业农村部门"
    assert item.guide_item_id == "17-001"


def test_street_subject():
    from catalog.township.profile import Township
    assert Township("东湖街道", "某区", "420102001000").government == "东湖街道办事处"


def test_compile_again_adds_nothing_and_keeps_edits(cat):
    count = len(cat.items())
    cat.do(EditItem("17-001", {"time_limit": "每季度", "subject": "某镇农业服务中心"}))
    plan = cat.compile()
    assert plan.added == [] and plan.already == count
    assert len(cat.items()) == count
    assert cat.item("17-001").text.time_limit == "每季度"


def test_compile_only_some_domains(tmp_path):
    c = new_catalog(tmp_path, domains=["涉农补贴", "社会救助"])
    try:
        assert {i.domain_no for i in c.items()} == {14, 17}
        plan = c.compile()   # then everything else
        assert plan.already == len([i for i in c.items() if i.domain_no in (14, 17)])
    finally:
        c.close()


def test_compile_skips_domain_marked_not_involved(tmp_path):
    c = new_catalog(tmp_path, compile=False)
    try:
        c.do(SetDomain(5, False, "本镇不承担税收管理职能"))
        c.compile()
        assert not any(i.domain_no == 5 for i in c.items())
    finally:
        c.close()


def test_not_involved_needs_reason():
    with pytest.raises(InputError, match="原因"):
        SetDomain(5, False, "  ")


def test_unknown_domain_is_refused_and_nothing_written(tmp_path):
    c = new_catalog(tmp_path, compile=False)
    try:
        with pytest.raises(KnownError, match="未知的领域"):
            c.compile(["涉农补贴", "不存在领域"])
        assert c.items() == []
    finally:
        c.close()


def test_not_applicable_requires_reason_and_is_undoable(cat):
    with pytest.raises(InputError, match="原因"):
        mark_not_applicable("17-002", "")
    cat.do(mark_not_applicable("17-002", "本镇无耕地"))
    assert cat.item("17-002").status == NOT_APPLICABLE
    cat.undo()
    assert cat.item("17-002").status != NOT_APPLICABLE
    cat.redo()
    assert cat.item("17-002").na_reason == "本镇无耕地"


def test_local_item_add_remove_and_guide_items_not_deletable(cat):
    cmd = cat.do(AddLocalItem(17, ItemText(level1="村级光伏扶贫收益分配", content=("分配方案", "分配结果"))))
    item = cat.item(cmd.uid)
    assert item.local and item.uid.startswith("L-")
    assert cat.items(17)[-1].uid == cmd.uid
    cat.do(RemoveLocalItem(cmd.uid))
    assert cat.item(cmd.uid) is None
    cat.undo()
    assert cat.item(cmd.uid) is not None
    with pytest.raises(InputError, match="不适用"):
        cat.do(RemoveLocalItem("17-001"))


def test_reorder_and_undo(cat):
    before = [i.uid for i in cat.items(17)]
    cat.do(MoveItem(before[-1], 0))
    after = [i.uid for i in cat.items(17)]
    assert after[0] == before[-1] and sorted(after) == sorted(before)
    cat.undo()
    assert [i.uid for i in cat.items(17)] == before


def test_edit_rejects_bad_values(cat):
    with pytest.raises(InputError):
        EditItem("17-001", {"level1": "  "})
    with pytest.raises(InputError):
        EditItem("17-001", {"public": "是"})
    with pytest.raises(InputError):
        EditItem("17-001", {"nonsense": 1})
    with pytest.raises(InputError, match="没有编号"):
        cat.do(EditItem("99-999", {"time_limit": "x"}))


def test_publish_is_frozen_and_diff_reads_in_chinese(cat):
    v1 = cat.publish("初版")
    assert cat.diff(v1, v1).empty
    cat.do(EditItem("17-001", {"time_limit": "每季度"}))
    cat.do(mark_not_applicable("17-002", "本镇无耕地"))
    cat.do(AddLocalItem(17, ItemText(level1="本地事项")))
    v2 = cat.publish()
    d = cat.diff(v1, v2)
    assert [i["uid"] for i in d.added] == ["L-001"]
    changed = {i["uid"]: [c.field for c in cs] for i, cs in d.changed}
    assert changed["17-001"] == ["time_limit"]
    assert set(changed["17-002"]) == {"status", "na_reason"}
    text = "\n".join(d.lines())
    assert "新增" in text and "公开时限" in text and "不适用" in text
    # version 1 did not change when the working copy did
    assert cat.version(v1)["items"][0] == cat.version(v1)["items"][0]
    assert next(i for i in cat.version(v1)["items"] if i["uid"] == "17-001")["time_limit"] != "每季度"
    reverse = cat.diff(v2, v1)
    assert [i["uid"] for i in reverse.removed] == ["L-001"]


def test_unknown_version_message(cat):
    with pytest.raises(KnownError, match="没有第 7 版"):
        cat.version(7)


def test_publish_empty_catalog_refused(tmp_path):
    c = new_catalog(tmp_path, compile=False)
    try:
        with pytest.raises(KnownError, match="空"):
            c.publish()
    finally:
        c.close()


def test_township_roundtrip(cat):
    assert cat.township() == TOWNSHIP
