"""The Excel custom functions, called through xlwings Server's own entry points with Office.js-shaped payloads."""

from __future__ import annotations

import re

import pytest
from conftest import FILES, HUZHOU
from xlserver import server  # noqa: F401  (fixture)

from zhibiao import check_file, read_workbook

CJK = re.compile(r"[\u4e00-\u9fff]")
ERROR_VALUE = {"type": "Error", "errorType": "Value"}


@pytest.fixture(scope="module")
def udfs(server):  # noqa: F811
    from udfs import zhibiao_udfs

    return zhibiao_udfs


def office(rows):
    """Values as Office.js sends a range: a 2-D matrix, "" for an empty cell."""
    return [["" if v is None else v for v in row] for row in rows]


def indicator_rows(path) -> list[list]:
    """The indicator rows of a split sheet, as the clerk would select them."""
    grid = read_workbook(path).grids[0]
    return [grid.rows[i.row] for i in check_file(path).indicators]


def test_meta_lists_every_function_with_chinese_help(server, udfs):  # noqa: F811
    meta = server.meta(udfs)
    functions = {f["name"]: f for f in meta["functions"]}
    assert sorted(functions) == ["ZB_CHECK", "ZB_KIND", "ZB_LIGHT", "ZB_NUMBER", "ZB_PROJECT", "ZB_SPLIT"]
    for f in functions.values():
        assert CJK.search(f["description"]), f["name"]
        for p in f["parameters"]:
            assert CJK.search(p["description"]), (f["name"], p["name"])
            assert p["dimensionality"] == "matrix"
    optional = {name: [p["name"] for p in f["parameters"] if p.get("optional")] for name, f in functions.items()}
    assert optional == {"ZB_CHECK": ["basis"], "ZB_KIND": ["units"], "ZB_LIGHT": ["kind", "rule", "schedule"],
                        "ZB_NUMBER": ["names"], "ZB_PROJECT": [], "ZB_SPLIT": ["kind", "weights"]}


def test_number_parses_messy_cells(server, udfs):  # noqa: F811
    cells = [["1.2万", "", "/"], [150, "200家以上", "abc"], ["１２０", "待定", "完成省定目标"], ["1,200", "1-2个", "4.5(含\n南太湖新区)"]]
    assert server.call(udfs, "zb_number", cells) == [
        [12000.0, "", "不适用"], [150, 200.0, ERROR_VALUE], [120.0, "待下达", "定性目标"], [1200.0, 1.0, 4.5]]


def test_a_fall_is_read_by_the_indicator_named(server, udfs):  # noqa: F811
    """下降3% is 3 for a 下降率, −3 for a growth, 定性目标 under a level or with no name, as the CLI reads it."""
    cells = [["下降3%", "力争下降2%", 4.0]] * 3 + [["下降3%", "", "/"]]
    names = [["单位GDP能耗下降率(%)"], ["规上工业增加值增长(%)"], ["能耗总量(万吨标准煤)"], [""]]
    assert server.call(udfs, "zb_number", cells, names) == [
        [3.0, 2.0, 4.0], [-3.0, -2.0, 4.0], ["定性目标", "定性目标", 4.0], ["定性目标", "", "不适用"]]
    # ZB_SPLIT and ZB_LIGHT with the indicator's name: the plain figures' answers
    typed = server.call(udfs, "zb_split", [["下降3%"]], [["下降2%", "下降4%"]], [["规上工业增加值增长(%)"]], [[100, 300]])
    plain = server.call(udfs, "zb_split", [[-3]], [[-2, -4]], [["规上工业增加值增长(%)"]], [[100, 300]])
    assert typed == plain == [["有缺口", 0.5, "加权平均（按权重）"]]  # (100 × −2 + 300 × −4) / 400 = −3.5
    kind = [["单位GDP能耗下降率(%)"]]
    typed = server.call(udfs, "zb_light", [["下降3.3%", 2.0, "下降3.4%"]], [["下降3%", "力争下降4%", "下降3.5%"]], [[6]], kind, None, None)
    plain = server.call(udfs, "zb_light", [[3.3, 2.0, 3.4]], [[3.0, "≥4", 3.5]], [[6]], kind, None, None)
    assert typed == plain == [["绿", "红", "黄"]]
    assert server.call(udfs, "zb_light", [["下降3.3%"]], [["下降3%"]], [[6]], None, None, None) == [["—"]]


def test_names_across_are_read_per_column(server, udfs):  # noqa: F811
    """Indicators across (regions down): one name per column, each column's 下降3% read by its own name."""
    across = [["单位GDP能耗下降率(%)", "规上工业增加值增长(%)"]]
    assert server.call(udfs, "zb_number", [["下降3%", "下降3%"], ["下降2%", "下降1%"]], across) == [[3.0, -3.0], [2.0, -1.0]]
    lights = server.call(udfs, "zb_light", [[3.3, -1.0]], [["下降3%", "下降3%"]], [[6]], across, None, None)
    assert lights == [["绿", "绿"]]  # −1 against a growth target of −3; the 下降率's 3 would have made it 红


def test_kind_for_names_and_units(server, udfs):  # noqa: F811
    names = [["规上工业亩均税收(万元/亩)"], ["每万人口高价值发明专利\n拥有量(件)"], ["高价值发明专利拥有量(件)"],
             ["高耗低效整治企业数"], [""]]
    units = [[""], [""], [""], ["家"], [""]]
    assert server.call(udfs, "zb_kind", names, units) == [
        ["加权平均（按用地面积(亩)）"], ["加权平均（按人口）"], ["合计"], ["合计"], [""]]


def _split_call(server, udfs, path):  # noqa: F811
    rows = indicator_rows(path)
    parent = office([[r[7]] for r in rows])
    regions = office([r[1:7] for r in rows])
    names = office([[r[0]] for r in rows])
    return rows, server.call(udfs, "zb_split", parent, regions, names, None)


@pytest.mark.parametrize("path", [HUZHOU, FILES / "huzhou_short.xlsx", FILES / "huzhou_infeasible.xlsx"],
                         ids=lambda p: p.stem)
def test_split_agrees_with_the_cli_row_by_row(server, udfs, path):  # noqa: F811
    rows, got = _split_call(server, udfs, path)
    report = check_file(path)
    gaps = {f.position[0]: (-f.gap if f.code == "split-over" else f.gap)
            for f in report.findings if f.code in ("split-short", "split-over", "weighted-infeasible")}
    assert len(got) == len(rows) == len(report.indicators)
    for out, ind in zip(got, report.indicators):
        assert out[0] == ind.verdict_label, ind.name
        assert out[2] == ind.kind_label, ind.name
        assert out[1] == gaps.get(ind.row, 0 if ind.verdict == "ok" else ""), ind.name


def test_split_short_and_over_gaps(server, udfs):  # noqa: F811
    regions = [[150, 250, 250, 250, 250, 50], [4, 3.5, 2, 3.5, 2, 0.1], ["", "", "", "", "", ""]]
    got = server.call(udfs, "zb_split", [[1300], [15], [""]], regions, [["合计"], ["合计"], [""]], None)
    assert got == [["有缺口", 100, "合计"], ["超额分解", -0.1, "合计"], ["", "", ""]]


def test_split_with_weights_and_a_single_kind(server, udfs):  # noqa: F811
    # (48×100 + 30×300 + 37×200) / 600 = 35.33, short of 40 by 4.67
    got = server.call(udfs, "zb_split", [[40]], [[48, 30, 37]], None, [[100, 300, 200]])
    assert got == [["有缺口", 4.67, "加权平均（按权重）"]]
    got = server.call(udfs, "zb_split", [[35]], [[48, 30, 37]], [["加权平均"]], [[100], [300], [200]])
    assert got[0][:2] == ["通过", 0]


def test_split_bad_shapes_come_back_as_text(server, udfs):  # noqa: F811
    got = server.call(udfs, "zb_split", [[1], [2]], [[1, 1]], None, None)
    assert got == [["错误：上级目标有 2 行，各地区分解有 1 行，行数应一致"]]
    got = server.call(udfs, "zb_split", [[1]], [[1, 1]], None, [[1, 2, 3]])
    assert got == [["错误：权重应有 2 个（与地区一一对应）"]]


def test_check_spills_the_findings_of_a_real_table(server, udfs):  # noqa: F811
    grid = read_workbook(FILES / "huzhou_short.xlsx").grids[0]
    got = server.call(udfs, "zb_check", office(grid.rows), None)
    assert got[0] == ["级别", "代码", "指标", "地区", "位置", "说明", "建议"]
    short = [row for row in got if row[1] == "split-short"]
    assert len(short) == 1
    level, code, indicator, region, where, message, suggestion = short[0]
    assert (level, indicator, where) == ("错误", "高耗低效整治企业数(家)", "区域第14行第8列")
    assert message.startswith("各地区分解合计") and suggestion.startswith("按现有分解比例补足")
    # the same findings as the CLI, merged 待下达 rows included (Excel passes them as first cell + blanks)
    cli = {(f.code, f.indicator) for f in check_file(FILES / "huzhou_short.xlsx").findings}
    assert {(r[1], r[2]) for r in got[1:]} == cli


def test_check_with_a_basis_range(server, udfs):  # noqa: F811
    table = [["指标名称", "吴兴", "南浔", "全市"], ["规上工业亩均税收(万元/亩)", 48, 30, 40]]
    basis = [["地区", "规上工业用地面积(亩)"], ["吴兴", 100], ["南浔", 300]]
    got = server.call(udfs, "zb_check", table, basis)
    assert [r[1] for r in got[1:]] == ["weighted-short"]
    assert server.call(udfs, "zb_check", table, None)[1][1] == "weights-needed"


def test_check_without_a_table_is_a_readable_message(server, udfs):  # noqa: F811
    got = server.call(udfs, "zb_check", [["hello", 1], ["", 2]], None)
    assert len(got) == 1 and got[0][0].startswith("错误：") and "没有找到指标分解表" in got[0][0]


def test_check_of_a_clean_table_says_so(server, udfs):  # noqa: F811
    got = server.call(udfs, "zb_check", [["指标名称", "吴兴", "南浔", "全市"], ["企业数(家)", 1, 2, 3]], None)
    assert got[1][0] == "通过" and got[1][5].startswith("共检查 1 张表、1 项指标")


def test_light_by_kind_schedule_and_rule(server, udfs):  # noqa: F811
    # June: an additive target is due at 6/12; 40 of 120 is 16.7 points behind
    got = server.call(udfs, "zb_light", [[60, 40, 20, "", 5]], [[120, 120, 120, 120, "待定"]], [[6]], None, None, None)
    assert got == [["绿", "红", "红", "—", "—"]]
    got = server.call(udfs, "zb_light", [[60, 40, 20]], [[120]], [[6]], None, [["银川"]], None)
    assert got == [["绿", "黄", "红"]]
    # a rate compares with the target itself; energy use is better when lower
    got = server.call(udfs, "zb_light", [[30, 37], [4, 6]], [[37], [5]], [[6]],
                      [["规上工业亩均税收(万元/亩)"], ["单位GDP能耗(吨标煤/万元)"]], None, None)
    assert got == [["红", "绿"], ["绿", "红"]]
    # the seed's own schedule: 30% due by the end of Q1
    assert server.call(udfs, "zb_light", [[25, 30]], [[100]], [[3]], None, None, [["30/65/85/100"]]) == [["黄", "绿"]]


def test_light_bad_arguments_come_back_as_text(server, udfs):  # noqa: F811
    assert server.call(udfs, "zb_light", [[1]], [[2]], [[13]], None, None, None) == [["错误：月份应为 1 到 12 的整数"]]
    assert server.call(udfs, "zb_light", [[1]], [[2]], [[3]], None, [["宽松"]], None)[0][0].startswith("错误：亮灯规则")
    assert server.call(udfs, "zb_light", [[1]], [[2]], [[3]], None, None, [["30/20"]])[0][0].startswith("错误：序时进度")


def test_project_lights_agree_with_the_cli_rules(server, udfs):  # noqa: F811
    # June 2023: start overdue (red), late start (yellow), on time with investment at 序时 (green),
    # 40% of plan is exactly 10 points behind (yellow), a start due the day after the period (green), nothing typed (—)
    rows = [["2023年3月", "", "2024年", "", 100, 50],
            ["一季度", "2023-05", "2024年", "", "", ""],
            ["2023.03", "已开工", "2023年底", "", 100, 50],
            ["2023-03", 45000, "", "", 100, 40],
            [45108, "", "", "", "", ""],
            ["", "", "", "", "", ""]]
    cols = [office([[r[i]] for r in rows]) for i in range(6)]
    assert server.call(udfs, "zb_project", *cols, [["2023-06"]]) == [["红"], ["黄"], ["绿"], ["黄"], ["绿"], ["—"]]
    assert server.call(udfs, "zb_project", *cols, [[6]]) == [["红"], ["黄"], ["绿"], ["黄"], ["绿"], ["—"]]
    assert server.call(udfs, "zb_project", *cols, [[13]])[0][0].startswith("错误：月份")


def test_unexpected_errors_never_raise_into_excel(server, udfs, monkeypatch):  # noqa: F811
    def boom(*_):
        raise RuntimeError("坏了")

    monkeypatch.setattr(udfs, "check_workbook", boom)
    assert server.call(udfs, "zb_check", [["指标名称", "全市"]], None) == [["错误：处理时出错（RuntimeError: 坏了）"]]
