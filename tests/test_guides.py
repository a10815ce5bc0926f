"""The shipped guides: all 26 load and validate; broken files fail with file + field named."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from catalog.errors import GuideDataError, KnownError
from catalog.guides.shipped import guide_to_dict, load_guide_file, load_guides
from catalog.resources import standards_dir

GUIDE_FILES = sorted((standards_dir() / "guides").glob("*.json"))


def test_twenty_six_domains_load():
    guides = load_guides()
    assert len(guides) == 26
    assert [g.no for g in guides] == list(range(1, 27))


@pytest.mark.parametrize("path", GUIDE_FILES, ids=lambda p: p.stem)
def test_each_shipped_guide_validates(path):
    guide = load_guide_file(path)
    assert guide.items, "a guide without items"
    assert guide.completeness.status == "partial"   # honest about the shipped data
    for it in guide.items:
        assert it.id.startswith(f"{guide.no:02d}-")
        assert it.level1
    # the file round-trips through the loader's dict form (nothing dropped on load)
    assert guide_to_dict(guide)["items"] == [
        {**raw, "remark": raw.get("remark") or ""} for raw in json.loads(path.read_text("utf-8"))["items"]]


def test_item_ids_unique_and_stable_format():
    ids = [it.id for g in load_guides() for it in g.items]
    assert len(ids) == len(set(ids))
    assert all(len(i) == 6 and i[2] == "-" for i in ids)


def test_unknown_values_stay_unknown():
    """The reference leaves many √ fields null; the loader must not turn them into False."""
    items = [it for g in load_guides() for it in g.items]
    assert any(it.marks.township is None for it in items)
    assert any(it.text.time_limit is None for it in items)


def _copy_guides(tmp_path: Path) -> Path:
    folder = tmp_path / "guides"
    shutil.copytree(standards_dir() / "guides", folder)
    return folder


def test_corrupted_json_names_file_and_line(tmp_path):
    folder = _copy_guides(tmp_path)
    (folder / "17_shenong_butie.json").write_text('{"no": 17, "items": [', encoding="utf-8")
    with pytest.raises(GuideDataError) as err:
        load_guides(folder)
    assert "17_shenong_butie.json" in str(err.value)
    assert "JSON" in str(err.value)


@pytest.mark.parametrize("mutate, field, words", [
    (lambda d: d["items"][2].pop("level1"), "items[2].level1", "缺少"),
    (lambda d: d["items"][0].__setitem__("id", "17-XYZ"), "items[0].id", "格式"),
    (lambda d: d["items"][1].__setitem__("content", "政策依据"), "items[1].content", "列表"),
    (lambda d: d["items"][0].__setitem__("level", {"county": "是", "township": None}),
     "items[0].level.county", "是/否"),
    (lambda d: d.__setitem__("no", 30), "no", "不能大于"),
])
def test_broken_field_is_named(tmp_path, mutate, field, words):
    folder = _copy_guides(tmp_path)
    path = folder / "17_shenong_butie.json"
    data = json.loads(path.read_text("utf-8"))
    mutate(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(GuideDataError) as err:
        load_guides(folder)
    msg = str(err.value)
    assert "17_shenong_butie.json" in msg and field in msg and words in msg


def test_duplicate_ids_across_files_refused(tmp_path):
    folder = _copy_guides(tmp_path)
    shutil.copy(folder / "17_shenong_butie.json", folder / "99_copy.json")
    with pytest.raises(GuideDataError, match="重复"):
        load_guides(folder)


def test_find_by_name_number_slug_and_unknown():
    guides = load_guides()
    assert guides.find("涉农补贴").no == 17
    assert guides.find("17").no == 17
    assert guides.find("shenong_butie").no == 17
    assert guides.find("征地补偿").no == 6
    with pytest.raises(KnownError, match="未知的领域"):
        guides.find("不存在的领域")
