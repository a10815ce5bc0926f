"""Imported guide versions: stable IDs across re-imports, withdrawn items kept, changes reach the catalog."""
from __future__ import annotations

from dataclasses import replace

import pytest

from catalog.errors import KnownError
from catalog.guides.sync import ADDED, CHANGED, WITHDRAWN
from catalog.guides.versions import merge_guide
from catalog.model import ItemText, Marks
from catalog.township.service import TownshipCatalog
from tests.helpers import new_catalog, shipped

TOWN = Marks(public=True, specific=False, active=True, on_request=False, county=True, township=True)


def official_rows(guide, *, drop: int | None = None, change: int | None = None, add: str | None = None):
    rows = []
    for i, it in enumerate(guide.active_items):
        if i == drop:
            continue
        text = replace(it.text, marks=TOWN)
        if i == change:
            text = replace(text, time_limit="信息形成之日起10个工作日内", subject="县级财政部门")
        rows.append(text)
    if add:
        rows.append(ItemText(level1=add, level2="", content=("补贴结果",), basis=("《某办法》",),
                             time_limit="每年", subject="县级农业农村部门", channels=("政府网站",),
                             marks=TOWN))
    return rows


def test_ids_stable_across_reimport_with_add_remove_change():
    g = shipped().find("涉农补贴")
    v1 = merge_guide(g, official_rows(g, add="农业保险保费补贴"), source="湖北省2020年版", file="a.xlsx")
    assert v1.version == 1 and v1.completeness.status == "imported"
    assert [i.id for i in v1.active_items] == [i.id for i in g.active_items] + ["17-006"]
    v2 = merge_guide(v1, official_rows(g, drop=1, change=2, add="农业保险保费补贴"), source="s",
                     file="b.xlsx")
    assert v2.item("17-002").withdrawn                       # removed row kept as withdrawn
    assert v2.item("17-003").text.time_limit.startswith("信息形成之日起10")
    assert v2.item("17-006").level1 == "农业保险保费补贴"      # same name → same ID
    v3 = merge_guide(v2, official_rows(g, add="农业保险保费补贴"), source="s", file="c.xlsx")
    assert not v3.item("17-002").withdrawn                   # a row that comes back keeps its ID
    assert len({i.id for i in v3.items}) == len(v3.items)


def test_import_puts_guide_in_force_and_survives_reopen(tmp_path):
    cat = new_catalog(tmp_path, domains=["涉农补贴"])
    g = cat.guides.find("涉农补贴")
    cat.import_guide("涉农补贴", official_rows(g, add="农业保险保费补贴"), source="湖北省2020年版",
                     file="/x/湖北.xlsx")
    cat.close()
    cat = TownshipCatalog.open(tmp_path / "ws.db", shipped())
    try:
        g2 = cat.guides.find("涉农补贴")
        assert g2.completeness.status == "imported" and g2.completeness.file == "湖北.xlsx"
        assert cat.guide_versions(17)[0]["source"] == "湖北省2020年版"
        assert shipped().find("涉农补贴").completeness.status == "partial"   # shipped stays read-only
    finally:
        cat.close()


def test_catalog_update_flow_accept_and_undo(tmp_path):
    cat = new_catalog(tmp_path, domains=["涉农补贴"])
    try:
        g = cat.guides.find("涉农补贴")
        cat.import_guide("涉农补贴", official_rows(g, drop=1, change=2, add="农业保险保费补贴"), source="s",
                         file="f.xlsx")
        changes = {c.uid: c for c in cat.guide_changes("涉农补贴")}
        assert changes["17-006"].kind == ADDED
        assert changes["17-002"].kind == WITHDRAWN
        assert changes["17-003"].kind == CHANGED
        fields = {f for f, _, _ in changes["17-003"].fields}
        assert "time_limit" in fields and "subject" in fields
        before = cat.item("17-003")
        cat.accept_guide_change("涉农补贴", changes["17-003"])
        after = cat.item("17-003")
        assert after.text.time_limit.startswith("信息形成之日起10")
        assert after.text.subject == "某镇人民政府"      # localized subject is kept
        assert "17-003" not in {c.uid for c in cat.guide_changes("涉农补贴")}
        cat.undo()
        assert cat.item("17-003") == before
        assert "17-003" in {c.uid for c in cat.guide_changes("涉农补贴")}
        cat.accept_guide_change("涉农补贴", changes["17-006"])
        assert cat.item("17-006").text.subject == "某镇人民政府"
        cat.accept_guide_change("涉农补贴", changes["17-002"])
        assert cat.item("17-002") is None
        cat.undo()
        assert cat.item("17-002") is not None
    finally:
        cat.close()


def test_empty_import_refused(tmp_path):
    cat = new_catalog(tmp_path, compile=False)
    try:
        with pytest.raises(KnownError, match="没有读到"):
            cat.import_guide("涉农补贴", [], source="s", file="empty.xlsx")
        assert cat.guide_versions() == []
    finally:
        cat.close()
