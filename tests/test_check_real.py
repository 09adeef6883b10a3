"""The real seed tables give their real findings, and messy variants give the same."""

from __future__ import annotations

import pytest

from zhibiao import check_file
from zhibiao.report import Report

from conftest import EXAMPLES, FILES, HUZHOU, PINGHU


def codes(report: Report, *wanted: str) -> list[list]:
    return [[f.code, f.indicator] for f in report.findings if not wanted or f.code in wanted]


def kind_of(report: Report, name: str) -> str:
    return next(i.kind for i in report.indicators if i.name == name)


# -- 湖州 2023 -----------------------------------------------------------------

def test_huzhou_has_no_errors_or_warnings():
    report = check_file(HUZHOU)
    assert report.valid
    assert report.count("warning") == 0


def test_huzhou_energy_space_is_over_allocated():
    f = next(f for f in check_file(HUZHOU).findings if f.code == "split-over")
    assert (f.indicator, f.target, f.allocated, f.gap, f.cell) == (
        "高耗低效整治腾出能耗空间(万吨标煤)", 15.0, 15.1, 0.1, "任务分解!H17")
    assert f.severity == "info"


def test_huzhou_pending_rows():
    report = check_file(HUZHOU)
    assert codes(report, "pending") == [
        ["pending", "“浙江制造”标准(项)"], ["pending", "“品字标浙江制造”认证企业(家)"]]
    assert kind_of(report, "“浙江制造”标准(项)") == "pending"


def test_huzhou_included_elsewhere_and_its_slash_are_understood():
    report = check_file(HUZHOU)
    energy = [f for f in report.findings if f.indicator == "单位GDP能耗下降率(%)"]
    assert [f.code for f in energy] == ["parent-qualitative"]
    assert kind_of(report, "单位GDP能耗下降率(%)") == "qualitative"


def test_huzhou_sums_add_up_exactly():
    verdicts = {i.name: i.verdict for i in check_file(HUZHOU).indicators}
    assert verdicts["高耗低效整治企业数(家)"] == "ok"
    assert verdicts["高耗低效整治腾出用地面积(亩)"] == "ok"


def test_huzhou_kinds():
    report = check_file(HUZHOU)
    assert kind_of(report, "规上工业亩均税收(万元/亩)") == "weighted"
    assert kind_of(report, "制造业投资增长(%)") == "uniform"
    assert kind_of(report, "规上制造业全员劳动生产率(万元/人)") == "uniform"
    assert kind_of(report, "每万人口高价值发明专利拥有量(件)") == "weighted"
    assert kind_of(report, "高耗低效整治企业数(家)") == "sum"


# -- 平湖 2023 -----------------------------------------------------------------

def test_pinghu_over_allocations():
    over = {f.indicator: (f.allocated, f.target) for f in check_file(PINGHU).findings if f.code == "split-over"}
    assert over == {"“浙江制造”标准(项)": (12.0, 5.0), "“品字标浙江制造”认证企业(家)": (12.0, 7.0)}


def test_pinghu_exact_sums():
    verdicts = {i.name: (i.kind, i.verdict) for i in check_file(PINGHU).indicators}
    for name in ("制造业投资(亿元)", "高价值发明专利拥有量(件)", "高耗低效整治企业数(家)",
                 "高耗低效整治腾出用地面积(亩)", "高耗低效整治腾出能耗空间(万吨标准煤)"):
        assert verdicts[name] == ("sum", "ok"), name


def test_pinghu_patent_count_is_additive_not_weighted():
    report = check_file(PINGHU)
    assert kind_of(report, "高价值发明专利拥有量(件)") == "sum"


def test_pinghu_dash_is_not_missing_and_no_errors():
    report = check_file(PINGHU)
    assert report.valid and report.count("warning") == 0
    assert not [f for f in report.findings if f.region == "当湖街道"]


def test_pinghu_pending_row_merged_across_towns():
    assert codes(check_file(PINGHU), "pending") == [["pending", "规上工业单位工业增加值能耗下降(%)"]]


# -- variants ------------------------------------------------------------------

BASELINE = [["split-over", "高耗低效整治腾出能耗空间"], ["pending", "“浙江制造”标准"], ["pending", "“品字标浙江制造”认证企业"]]


def _stripped(report):
    from zhibiao.kinds import split_unit

    return [[f.code, split_unit(f.indicator)[0]] for f in report.findings if f.code in ("split-over", "pending", "split-short")]


@pytest.mark.parametrize("name", [
    "huzhou_plain.xlsx", "huzhou_title_notes.xlsx", "huzhou_two_row_header.xlsx", "huzhou_heji_unit.xlsx",
    "huzhou_text_values.xlsx", "huzhou.docx",
])
def test_variants_give_the_same_findings(name):
    report = check_file(FILES / name)
    assert sorted(_stripped(report)) == sorted(BASELINE)
    assert report.valid and report.count("warning") == 0
    assert report.tables[0].regions == ["吴兴", "南浔", "德清", "长兴", "安吉", "南太湖新区"]


def test_bundled_docx_matches_the_workbook():
    a, b = check_file(HUZHOU), check_file(EXAMPLES / "湖州2023区县分解.docx")
    assert [[f.code, f.indicator, f.region] for f in a.findings] == [[f.code, f.indicator, f.region] for f in b.findings]
    assert b.findings[0].cell.startswith("表1第")


def test_heji_column_before_regions_is_the_parent():
    report = check_file(FILES / "huzhou_heji_unit.xlsx")
    assert report.tables[0].parent == "合计"
    ind = next(i for i in report.indicators if i.name == "规上工业亩均税收")
    assert (ind.unit, ind.kind) == ("万元/亩", "weighted")


def test_shortfall_from_one_changed_cell():
    report = check_file(FILES / "huzhou_short.xlsx")
    short = [f for f in report.findings if f.code == "split-short"]
    assert len(short) == 1 and not report.valid
    f = short[0]
    assert (f.indicator, f.target, f.allocated, f.gap) == ("高耗低效整治企业数(家)", 1200.0, 1150.0, 50.0)
    assert sum(f.adjustments.values()) == 50
    assert f.adjustments["吴兴"] < f.adjustments["南浔"]  # in proportion to the current splits
    assert "吴兴+" in f.suggestion


def test_weighted_shortfall_with_basis_sheet():
    report = check_file(FILES / "huzhou_weighted_basis.xlsx")
    errors = [f for f in report.findings if f.severity == "error"]
    assert [f.code for f in errors] == ["weighted-short"]
    f = errors[0]
    assert f.indicator == "规上工业亩均税收(万元/亩)"
    assert f.implied == pytest.approx(10630 / 300, abs=1e-4)
    assert f.gap == pytest.approx(37 - 10630 / 300, abs=1e-2)
    assert "规上工业用地面积" in f.message
    # the other weighted rows are verified by the weights, so no weights-needed notes for them
    assert not [x for x in report.findings if x.code == "weights-needed" and "亩均增加值" in x.indicator]


def test_weighted_infeasible_without_weights():
    report = check_file(FILES / "huzhou_infeasible.xlsx")
    assert [[f.code, f.indicator, f.gap] for f in report.findings if f.severity == "error"] == [
        ["weighted-infeasible", "规上工业亩均税收(万元/亩)", 1.0]]


# -- target systems ------------------------------------------------------------

@pytest.mark.parametrize("name,rows,periods", [
    ("湖州2023目标体系.xlsx", 83, ["2023年目标值"]),
    ("桐庐2024目标体系.xlsx", 41, ["2024年目标值"]),
    ("平湖2023-2027主要目标体系.xlsx", 17, ["2023年", "2025年", "2027年"]),
])
def test_target_systems_parse_every_target(name, rows, periods):
    report = check_file(EXAMPLES / name)
    assert [(t.kind, t.indicators, t.periods, t.regions) for t in report.tables] == [("targets", rows, periods, [])]
    assert not report.findings


def test_target_system_keeps_categories_across_merged_cells():
    report = check_file(EXAMPLES / "湖州2023目标体系.xlsx")
    cats = {i.category for i in report.indicators}
    assert {"牵引性目标", "空间腾换行动", "强化要素保障"} <= cats
    last = report.indicators[-1]
    assert (last.name, last.category) == ("新增高技能人才(万人)", "强化要素保障")
