"""Kind inference from name and unit; the 汇总方式 column overrides."""

import pytest

from zhibiao.kinds import infer_direction, infer_kind

CASES = [
    ("高耗低效整治企业数(家)", "sum", None),
    ("高耗低效整治腾出用地面积(亩)", "sum", None),
    ("制造业投资 (亿元)", "sum", None),
    ("高价值发明专利拥有量 (件)", "sum", None),
    ("每万人口高价值发明专利\n拥有量(件)", "weighted", "population"),
    ("每万人口高价值发明专利拥有量（件/万人）", "weighted", "population"),
    ("规上工业亩均税收(万元/亩)", "weighted", "land"),
    ("规上制造业全员劳动生产率(万元/人)", "weighted", "employees"),
    ("规上工业增加值增长(%)", "weighted", "base_value"),
    ("数字经济核心产业制造业\n增加值增速(%)", "weighted", "base_value"),
    ("高新技术产业增加值占规上工业增加值比重(%)", "weighted", "denominator"),
    ("规上制造业企业研发费用相当于营业收入的比重(%)", "weighted", "denominator"),
    # a per-unit amount in money is carried, not split (三明 2022: 25万元 a building in every row and in 合计)
    ("建筑面积500㎡以上标准(万元)", "weighted", "denominator"),
    ("补助单价(元)", "weighted", "denominator"),
    ("累计建成高标准农田面积(万亩)", "sum", None),
    ("制定“浙江制造”标准(个)", "sum", None),
    ("补助资金(万元)", "sum", None),
]


@pytest.mark.parametrize("name,kind,basis", CASES)
def test_inferred_kind(name, kind, basis):
    info = infer_kind(name)
    assert (info.kind, info.weighting.basis if info.weighting else None) == (kind, basis)


def test_share_is_weighted_by_its_denominator():
    assert infer_kind("规上制造业企业研发费用占营业收入的比重(%)").weighting.label == "营业收入"
    assert infer_kind("规上工业增加值增长(%)").weighting.label == "上年规上工业增加值"
    # 上升或下降 (a change either way, as 目标体系 tables print energy use): the subject stops before 上升或
    assert infer_kind("万元地区生产总值能耗上升或下降(±%)").weighting.label == "上年万元地区生产总值能耗"
    assert infer_kind("单位工业增加值能耗增长或下降(%)").weighting.label == "上年单位工业增加值能耗"


def test_unit_column_counts_like_unit_in_name():
    assert infer_kind("规上工业亩均税收", "万元/亩").kind == "weighted"
    assert infer_kind("高耗低效整治企业数", "家").kind == "sum"


@pytest.mark.parametrize("method,kind", [("合计", "sum"), ("加权平均", "weighted"), ("统一", "uniform"), ("不汇总", "qualitative")])
def test_method_column_overrides(method, kind):
    info = infer_kind("规上工业亩均税收(万元/亩)", method=method)
    assert (info.kind, info.source) == (kind, "column")


def test_weight_hint_names_the_basis():
    info = infer_kind("某比率(%)", method="加权平均", weight_hint="营业收入(亿元)")
    assert (info.weighting.basis, info.weighting.label) == ("named", "营业收入(亿元)")


def test_direction():
    assert infer_direction("单位工业增加值能耗(吨标煤/万元)") == "lower"
    assert infer_direction("单位GDP能耗下降率(%)") == "higher"
    assert infer_direction("高耗低效整治腾出能耗空间(万吨标煤)") == "higher"
    assert infer_direction("规上工业亩均税收(万元/亩)", "越低越好") == "lower"
