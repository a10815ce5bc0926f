"""Properties of the command API: any edits then undo-all restore the catalog; publish→diff self is empty."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.model import ItemText
from catalog.township.commands import AddLocalItem, EditItem, MoveItem, SetDomain, mark_not_applicable
from tests.helpers import assert_undo_redo_round_trip, new_catalog

UIDS = ["17-001", "17-002", "17-003", "14-001", "14-002", "03-001"]
text = st.text(alphabet="公开事项内容依据时限主体村镇1234567890", min_size=1, max_size=12)
tri = st.sampled_from([True, False, None])

edit = st.one_of(
    st.builds(lambda u, v: EditItem(u, {"time_limit": v}), st.sampled_from(UIDS), text),
    st.builds(lambda u, v: EditItem(u, {"subject": v}), st.sampled_from(UIDS), text),
    st.builds(lambda u, v: EditItem(u, {"content": [v, v + "2"]}), st.sampled_from(UIDS), text),
    st.builds(lambda u, v, w: EditItem(u, {"public": v, "township": w}), st.sampled_from(UIDS), tri, tri),
    st.builds(lambda u, v: EditItem(u, {"channels": v}), st.sampled_from(UIDS),
              st.lists(st.sampled_from(["政府网站", "便民服务站", "入户/现场"]), max_size=3)),
    st.builds(mark_not_applicable, st.sampled_from(UIDS), text),
    st.builds(lambda u, i: MoveItem(u, i), st.sampled_from(UIDS), st.integers(0, 12)),
    st.builds(lambda n: AddLocalItem(17, ItemText(level1=n)), text),
    st.builds(lambda no, r: SetDomain(no, False, r), st.sampled_from([5, 9, 12]), text),
)


def state(cat) -> tuple:
    return (tuple(cat.items()), tuple(sorted(cat.domain_choices().items())))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(edit, min_size=1, max_size=15))
def test_undo_all_restores_original(edits):
    with tempfile.TemporaryDirectory() as d:
        cat = new_catalog(Path(d), domains=["涉农补贴", "社会救助", "财政预决算"])
        try:
            original = state(cat)
            done = 0
            for e in edits:
                cat.do(e)
                done += 1
            assert_undo_redo_round_trip(cat, done, state, original, after=state(cat))
        finally:
            cat.close()


@settings(max_examples=15, deadline=None)
@given(st.lists(edit, max_size=6))
def test_publish_then_diff_with_itself_is_empty(edits):
    with tempfile.TemporaryDirectory() as d:
        cat = new_catalog(Path(d), domains=["涉农补贴", "社会救助", "财政预决算"])
        try:
            for e in edits:
                cat.do(e)
            v = cat.publish()
            assert cat.diff(v, v).empty
            assert cat.diff(v, "current").empty
        finally:
            cat.close()
