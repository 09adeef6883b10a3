"""Target expressions: a table of cases and a property that no string crashes the parser."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhibiao.expr import Bound, ValueType, cell_text, checkable, format_number, parse_target

N, R, NA, P, Q, B, U = (ValueType.NUMBER, ValueType.RANGE, ValueType.NOT_APPLICABLE, ValueType.PENDING,
                        ValueType.QUALITATIVE, ValueType.BLANK, ValueType.UNPARSED)
EXACT, LEAST, MOST, ABOUT = Bound.EXACT, Bound.AT_LEAST, Bound.AT_MOST, Bound.ABOUT

CASES = [
    # raw, type, value, bound
    (12, N, 12.0, EXACT),
    (0.015, N, 0.015, EXACT),
    ("2个以上", N, 2.0, LEAST),
    ("50%以上", N, 50.0, LEAST),
    ("不低于40", N, 40.0, LEAST),
    ("≥12", N, 12.0, LEAST),
    ("12左右", N, 12.0, ABOUT),
    ("约12", N, 12.0, ABOUT),
    ("力争15", N, 15.0, LEAST),
    ("200家以上", N, 200.0, LEAST),
    ("不超过5", N, 5.0, MOST),
    ("1.2万", N, 12000.0, EXACT),
    ("0.15万", N, 1500.0, EXACT),
    ("1.2万亩", N, 12000.0, EXACT),
    ("15万吨标煤", N, 15.0, EXACT),
    ("1,200", N, 1200.0, EXACT),
    ("１２０", N, 120.0, EXACT),
    ("１，２００", N, 1200.0, EXACT),
    ("20%", N, 20.0, EXACT),
    (" 1500 ", N, 1500.0, EXACT),
    ("-3", N, -3.0, EXACT),
    ("1-2个", R, 1.0, EXACT),
    ("3～5项", R, 3.0, EXACT),
    ("4.5(含\n南太湖新区)", N, 4.5, EXACT),
    ("4.5（含南太湖新区）", N, 4.5, EXACT),
    ("/", NA, None, EXACT),
    ("-", NA, None, EXACT),
    ("—", NA, None, EXACT),
    ("－", NA, None, EXACT),
    ("\u2212", NA, None, EXACT),  # the minus sign alone, as a Word or PDF copy prints a dash
    ("待定", P, None, EXACT),
    ("待省下达任务指标后再分解", P, None, EXACT),
    ("待嘉兴市发改委确定后另行下达", P, None, EXACT),
    ("完成省定\n目标", Q, None, EXACT),
    ("完成嘉兴下达任务", Q, None, EXACT),
    ("高于GDP增速\n1个百分点", Q, None, EXACT),
    ("稳中有升", Q, None, EXACT),
    ("", B, None, EXACT),
    ("   ", B, None, EXACT),
    (None, B, None, EXACT),
    ("abc", U, None, EXACT),
    ("12..5", U, None, EXACT),
    ("#DIV/0!", U, None, EXACT),
    ("3个左右以上", U, None, EXACT),
    ("5-2", U, None, EXACT),
    (float("nan"), U, None, EXACT),
    (True, U, None, EXACT),
]


@pytest.mark.parametrize("raw,typ,value,bound", CASES, ids=[repr(c[0]) for c in CASES])
def test_parse_cases(raw, typ, value, bound):
    t = parse_target(raw)
    assert (t.type, t.value, t.bound) == (typ, value, bound)


def test_range_has_both_ends():
    t = parse_target("1-2个")
    assert (t.value, t.high) == (1.0, 2.0)


def test_included_elsewhere_names_the_region():
    assert parse_target("4.5(含\n南太湖新区)").includes == "南太湖新区"


def test_percent_sign_is_kept_as_a_flag():
    assert parse_target("20%").percent and not parse_target(20).percent


def test_printed_precision_drives_decimals():
    assert [parse_target(x).decimals for x in (4.5, 0.015, 1200, "1.55", "1.2万")] == [1, 3, 0, 2, 0]


def test_raw_text_is_kept_for_messages():
    assert parse_target("12..5").raw == "12..5"
    assert parse_target("完成省定\n目标").raw == "完成省定目标"


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet="0123456789.,%万亿-~／/（）()含以上左右不低于≥≤待定个家项eE+ \n"), st.floats(),
                 st.integers(min_value=-10**400, max_value=10**400), st.from_regex(r"\A[1-9]\d{15,400}(-\d{1,400})?[万亿]?\Z")))
def test_no_input_crashes_the_parser(raw):
    t = parse_target(raw)
    assert t.type in ValueType
    if t.is_number:  # every number the checks see is finite and within MAX_FIGURE: sums and fixes never overflow
        assert t.value is not None and checkable(t.value) and (t.high is None or checkable(t.high)), raw


@pytest.mark.parametrize("raw", [float("nan"), float("inf"), -1e308, 10**400, "NaN", "INF", "1e309", "9" * 400,
                                 "1-" + "9" * 400, "9" * 17 + "万"])
def test_figures_no_check_can_use_are_unparsed(raw):
    assert parse_target(raw).type is ValueType.UNPARSED
    assert parse_target(2.0**53).type is ValueType.NUMBER


@pytest.mark.parametrize("raw", ["6个多", "12项目标", "3家企业以上"])
def test_words_after_a_number_are_not_a_unit(raw):
    assert parse_target(raw).type is not ValueType.NUMBER


def test_format_number_trims_zeros_and_groups_large_figures():
    assert [format_number(x) for x in (7.0, 35.4333, -0.0001, 12345.678, None)] == ["7", "35.43", "0", "12,345.68", "—"]
    assert format_number(12345.678, 1, grouped=False) == "12345.7"


def test_cell_text_shows_whole_floats_as_integers():
    assert [cell_text(v) for v in (2023.0, 1.5, None, "全市", float("inf"))] == ["2023", "1.5", "", "全市", "inf"]


_CELL = st.one_of(
    st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["1", "1.0", "150家", "1.2万", "≥12", "12左右", "/", "", "  ", "待省下达", "True", "完成省定目标"]),
    st.text(max_size=8),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_CELL, max_size=30))
def test_parse_targets_is_parse_target_of_each(values):
    """The batch parser (a text cache) gives what parse_target gives cell by cell: 1, 1.0, True and "1" apart."""
    from zhibiao.expr import parse_targets

    for _ in range(2):  # cold, then from the cache
        got = parse_targets(values)
        want = [parse_target(v) for v in values]
        assert [(t.type, t.value, t.high, t.bound, t.decimals, t.raw, t.is_number) for t in got] == \
               [(t.type, t.value, t.high, t.bound, t.decimals, t.raw, t.is_number) for t in want]


def test_parse_targets_takes_values_that_cannot_be_keys():
    from zhibiao.expr import parse_targets

    assert [t.type for t in parse_targets([["列表"], "12"])] == [ValueType.UNPARSED, ValueType.NUMBER]


@pytest.mark.parametrize("raw,value,high,decimals", [
    ("20①", 20.0, None, 0), ("12.5¹", 12.5, None, 1), ("20¹²", 20.0, None, 0), ("20*", 20.0, None, 0),
    ("20 ※", 20.0, None, 0), ("30（注2）", 30.0, None, 0), ("30(注①)", 30.0, None, 0), ("≥15%*", 15.0, None, 0),
    ("5-6②", 5.0, 6.0, 0), ("1.2万⑴", 12000.0, None, 0), ("8.40△", 8.4, None, 2),
    ("5.2（预计）", 5.2, None, 1), ("12.3(快报)", 12.3, None, 1), ("8（初步）①", 8.0, None, 0),
])
def test_a_footnote_mark_after_a_figure_is_not_part_of_it(raw, value, high, decimals):
    """NFKC makes ① and ¹ digits: 20① read as 201 and 12.5¹ as 12.51 before the marks were taken off first."""
    t = parse_target(raw)
    assert (t.is_number, t.value, t.high, t.decimals, t.raw) == (True, value, high, decimals, raw)


@pytest.mark.parametrize("raw", ["100m²", "*", "合计①", "20注"])
def test_what_a_footnote_mark_does_not_make_a_figure(raw):
    assert not parse_target(raw).is_number  # m² is a unit, a mark alone or after words is no figure


def test_footnote_marks_leave_region_and_parent_labels():
    from zhibiao import Grid, Workbook, check_workbook

    r = check_workbook(Workbook(None, [Grid("s", [
        ["指标名称", "全市①", "甲县", "乙县*", "丙区¹"], ["企业数(家)", 10, 4, 3, 3], ["产值(亿元)", "100", "50", "30", "20②"]])]))
    assert [(t.parent, t.regions) for t in r.tables] == [("全市", ["甲县", "乙县", "丙区"])] and r.findings == []


@pytest.mark.parametrize("raw,value,bound", [
    ("增长8%", 8.0, Bound.EXACT), ("同比增长10%以上", 10.0, Bound.AT_LEAST), ("力争增长8%", 8.0, Bound.AT_LEAST),
    ("增长8%左右", 8.0, Bound.ABOUT), ("提升至20%", 20.0, Bound.EXACT),
    ("提高到35%以上", 35.0, Bound.AT_LEAST), ("增加2家", 2.0, Bound.EXACT),
])
def test_a_figure_written_with_its_growth_verb(raw, value, bound):
    """增长8% was 定性表述 (not checked); the verb says the figure grows, the figure is the target."""
    t = parse_target(raw)
    assert (t.is_number, t.value, t.bound, t.raw) == (True, value, bound, raw)


@pytest.mark.parametrize("raw", ["下降3%", "增长较快", "增长", "降低2个百分点"])
def test_a_decline_or_words_are_not_a_figure(raw):
    """下降3% is 3 under 能耗下降率 but −3 under 增加值增长: the cell alone cannot say, so it is not read."""
    assert not parse_target(raw).is_number
