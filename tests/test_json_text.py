"""dumps_indented gives exactly json.dumps(…, ensure_ascii=False, indent=2)."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from zhibiao.json_text import dumps_indented

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text()
KEYS = st.text(max_size=5) | st.integers() | st.booleans() | st.none()
TREES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
                     max_leaves=30)


@settings(max_examples=500)
@given(TREES)
def test_same_text_as_json_dumps(obj):
    assert dumps_indented(obj) == json.dumps(obj, ensure_ascii=False, indent=2)


def test_a_progress_like_report():
    obj = {"statuses": [{"indicator": "指标1(家)", "lag": -1.5, "note": None, "tied": []}] * 3,
           "ranking": [{"region": "吴兴", "details": {"indicators": [{"tied_with": ["南浔"], "place": 1}], "tie": None}}],
           "summary": {"by_code": {}, "regions": ["吴兴", "南浔"]}}
    assert dumps_indented(obj) == json.dumps(obj, ensure_ascii=False, indent=2)


# lists of dicts (the statuses, the 赛马 details) take the one-call path: strings that look like its markers
TRICKY = st.sampled_from(["},\n    {", "}, {", "\0", "\0" + "1", "\\u0000", '"\\u00000"', "{", "}", "[", "]", "\n", "指标"])
TEXTS = st.text(max_size=6) | TRICKY | st.lists(TRICKY, max_size=3).map("".join)
LEAVES = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | TEXTS
MEMBERS = st.recursive(LEAVES, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXTS, inner, max_size=3)
                       | st.tuples(inner), max_leaves=8)
ANY_KEYS = TEXTS | st.integers() | st.booleans() | st.none() | st.floats(allow_nan=True)
DICT_LISTS = st.lists(st.dictionaries(ANY_KEYS, MEMBERS, min_size=1, max_size=5), min_size=1, max_size=6)


@settings(max_examples=800)
@given(DICT_LISTS, st.integers(0, 2))
def test_lists_of_dicts_same_text_as_json_dumps(items, depth):
    obj = items
    for _ in range(depth):
        obj = {"a": obj, "b": [obj]}
    assert dumps_indented(obj) == json.dumps(obj, ensure_ascii=False, indent=2)


def test_the_callers_data_is_left_as_it_was():
    items = [{"region": "甲", "tied_with": ["乙", "丙"]}, {"region": "乙", "tied_with": []}]
    before = json.dumps(items)
    assert dumps_indented(items) == json.dumps(items, ensure_ascii=False, indent=2)
    assert json.dumps(items) == before and items[0]["tied_with"] == ["乙", "丙"]


def test_long_lists_of_dicts_go_in_pieces_with_the_same_text():
    """Hundreds of dicts (the statuses) are encoded a chunk at a time: the seams are invisible."""
    items = [{"indicator": f"指标{i}", "lag": i / 7, "tied_with": ["甲", "乙"] if i % 97 == 0 else [], "note": None}
             for i in range(1000)]
    obj = {"statuses": items, "ranking": [{"details": {"indicators": items[:300]}}]}
    assert dumps_indented(obj) == json.dumps(obj, ensure_ascii=False, indent=2)
