"""dumps_indented gives exactly json.dumps(…, ensure_ascii=False, indent=2), through orjson where it may and
through the standard library's C encoder otherwise (both ways tested: `standard` turns orjson off)."""

import io
import json

import pytest

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhibiao import json_text
from zhibiao.json_text import dumps_indented, write_indented


@pytest.fixture(params=["orjson", "standard"])
def way(request, monkeypatch):
    if request.param == "standard":
        monkeypatch.setattr(json_text, "_orjson_text", lambda obj, indent: None)
    else:
        pytest.importorskip("orjson")
    return request.param

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text()
KEYS = st.text(max_size=5) | st.integers() | st.booleans() | st.none()
TREES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
                     max_leaves=30)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TREES)
def test_same_text_as_json_dumps(way, obj):
    assert dumps_indented(obj) == json.dumps(obj, ensure_ascii=False, indent=2)


def test_a_progress_like_report(way):
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


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(DICT_LISTS, st.integers(0, 2))
def test_lists_of_dicts_same_text_as_json_dumps(way, items, depth):
    obj = items
    for _ in range(depth):
        obj = {"a": obj, "b": [obj]}
    assert dumps_indented(obj) == json.dumps(obj, ensure_ascii=False, indent=2)


def test_the_callers_data_is_left_as_it_was(way):
    items = [{"region": "甲", "tied_with": ["乙", "丙"]}, {"region": "乙", "tied_with": []}]
    before = json.dumps(items)
    assert dumps_indented(items) == json.dumps(items, ensure_ascii=False, indent=2)
    assert json.dumps(items) == before and items[0]["tied_with"] == ["乙", "丙"]


def test_long_lists_of_dicts_go_in_pieces_with_the_same_text(way):
    """Hundreds of dicts (the statuses) are encoded a chunk at a time: the seams are invisible."""
    items = [{"indicator": f"指标{i}", "lag": i / 7, "tied_with": ["甲", "乙"] if i % 97 == 0 else [], "note": None}
             for i in range(1000)]
    obj = {"statuses": items, "ranking": [{"details": {"indicators": items[:300]}}]}
    assert dumps_indented(obj) == json.dumps(obj, ensure_ascii=False, indent=2)


FLOATS = [0.0, -0.0, 1e-4, 9.99e-5, 1e-5, 1.5e-7, 5e-324, 123456.789, 9999999999999998.0, 1e16, 2.5e20, -1e-9,
          float("nan"), float("inf"), -float("inf")]


@pytest.mark.parametrize("x", FLOATS)
def test_floats_orjson_writes_otherwise_take_the_standard_way(way, x):
    obj = {"statuses": [{"lag": x, "actual": 1.0}, {"lag": 0.5, "actual": [x]}], "x": x}
    assert dumps_indented(obj) == json.dumps(obj, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("obj", [{"n": 2**64}, {"s": "a\ud800b"}, {1: "a"}, {"t": (1, 2)}, {"e": []}, "x", 5,
                                 [[[[[]]]]], {"k": "中文\n\t\u2028\x7f"}])
def test_what_orjson_cannot_write_or_writes_differently(way, obj):
    assert dumps_indented(obj) == json.dumps(obj, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_written_to_a_stream_as_its_encoding_wants(way, encoding):
    obj = {"statuses": [{"indicator": "企业数(家)", "lag": 0.25}], "note": "湖州"}
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding=encoding)
    write_indented(obj, stream, "\n")
    stream.flush()
    assert raw.getvalue() == (json.dumps(obj, ensure_ascii=False, indent=2) + "\n").encode(encoding)
    text = io.StringIO()
    write_indented(obj, text, "\n")
    assert text.getvalue() == json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("obj", [{"note": "3e-5 / 0.00001 in words", "x": 10.00001}, {"x": [2.5e-05]},
                                 {"x": 1e300, "y": -1e-300, "z": 0.0001}])
def test_text_that_looks_like_a_small_float(way, obj):
    assert dumps_indented(obj) == json.dumps(obj, ensure_ascii=False, indent=2)


def test_a_progress_report_goes_through_orjson():
    """The fast way is taken for what progress writes (a guard against always falling back without noticing)."""
    pytest.importorskip("orjson")
    obj = {"statuses": [{"indicator": "企业数(家)", "actual": 81.41, "lag": -0.957831, "note": None, "is_parent": False}] * 50,
           "ranking": [{"region": "吴兴", "score": 92.5, "details": {"indicators": [{"tied_with": ["南浔"], "place": 1}],
                                                                    "lights": {"green": 3}}}],
           "summary": {"regions": ["吴兴", "南浔"], "bands": {"green_within": 0.0, "yellow_max": 10.0}}}
    assert json_text._orjson_text(obj, 2) == json.dumps(obj, ensure_ascii=False, indent=2).encode()


@pytest.mark.parametrize("x", [float("nan"), float("inf"), 1e-5, 2e-7])
@pytest.mark.parametrize("at", [0, 2, 4])
def test_records_checked_a_column_at_a_time_miss_no_member(way, x, at):
    """A list of dicts is checked one key's values at a time (every n-th member): a figure orjson writes
    otherwise is found in any column, in a dict of another size or key order, or nested below one."""
    items = [{"a": "甲", "b": 1.5, "c": None, "d": [], "e": 0.25} for _ in range(5)]
    items[3] = dict(items[3], **{"abcde"[at]: x})
    items[1] = {"e": 0.5, "a": "乙"}  # fewer keys: the columns shift after it
    items.append({"a": "丙", "b": 1.0, "c": None, "d": [{"x": 1.0, "y": [x]}] if at == 4 else [], "e": 2.0, "f": 1})
    assert dumps_indented(items) == json.dumps(items, ensure_ascii=False, indent=2)
    assert dumps_indented({"statuses": items}) == json.dumps({"statuses": items}, ensure_ascii=False, indent=2)


class _Item:
    def __init__(self, data):
        self.data = data

    def to_json(self):
        return dict(self.data)


RECORDS = st.lists(st.dictionaries(TEXTS, MEMBERS, max_size=4), max_size=9)
RESTS = st.dictionaries(TEXTS.filter(lambda k: k not in ("statuses", "ranking")), MEMBERS, max_size=3)


def _written(items, rest, encoding, more=None, run=3):
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding=encoding) if encoding else io.StringIO()
    lists = [("statuses", [_Item(d) for d in items], _Item.to_json, run)]
    if more is not None:
        lists.append(("ranking", [_Item(d) for d in more], _Item.to_json, 1))
    json_text.write_indented_records(stream, lists, rest, "\n")
    if not encoding:
        return stream.getvalue()
    stream.flush()
    return raw.getvalue().decode(encoding)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(RECORDS, RESTS, st.sampled_from(["utf-8", "gbk", None]), st.none() | RECORDS)
def test_records_written_a_run_at_a_time_same_text_as_json_dumps(way, items, rest, encoding, more):
    """Runs of 3 here (2,048 statuses, one region in use): each run takes orjson's way or the standard library's
    on its own (a NaN or 1e-05 in one run sends only that run the standard way), and the seams between runs and
    lists and before `rest` vanish."""
    doc = {"statuses": items} | ({} if more is None else {"ranking": more}) | rest
    expected = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    try:
        expected.encode(encoding or "utf-8")
    except UnicodeEncodeError:  # a lone surrogate, or no GBK for it: json.dumps's text cannot be written either
        return
    assert _written(items, rest, encoding, more) == expected


def test_records_runs_mix_both_ways():
    pytest.importorskip("orjson")
    items = [{"lag": 0.5, "note": None}] * 5 + [{"lag": float("nan"), "note": "甲"}] + [{"lag": 1e-5}] * 2
    rest = {"findings": [{"region": "吴兴", "score": 1.5}], "summary": {"x": float("inf")}}
    expected = json.dumps({"statuses": items, "ranking": items[::-1], **rest}, ensure_ascii=False, indent=2) + "\n"
    for run in (1, 2, 4, 2048):
        assert _written(items, rest, "utf-8", items[::-1], run) == expected
