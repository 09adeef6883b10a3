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
