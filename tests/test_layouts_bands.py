"""Period bands and unit lines in tables with regions as COLUMNS (issue 10): the 湖州 2023 split repeated under
`2023年` / `2024年`, the 昌江 高标准农田 table printed across with `到2025年规划指标(万亩)` bands or a 单位 line.

Each band is checked on its own and every finding names its band (`period`); the unit printed outside the
indicator name (band header, line above) decides the kind. Expected findings are worked out by hand below.
"""

from __future__ import annotations

import sys

from zhibiao import Grid, Workbook, check_file, check_workbook

from conftest import ROOT
from test_layout_variants import Sheet, save

sys.path.insert(0, str(ROOT / "xlsx_templates"))
import seed_data as sd  # noqa: E402

HZ = sd.HUZHOU_SPLIT_2023
REGIONS = HZ["header"][1:8]  # 吴兴 … 南太湖新区, 全市


def found(report) -> list[tuple]:
    return sorted((f.code, f.indicator, f.region, f.cell, f.period) for f in report.findings)


def huzhou_bands(unit_line: str | None = None, merged: bool = True) -> Sheet:
    """The 湖州 seed split under a `2023年` band (as published) and a `2024年` band with three figures changed:
    吴兴's 高耗低效整治企业数 150 → 100, 品字标 still pending, 浙江制造标准 now split 1+1+1+1+1+0 = 5."""
    rows_2024 = {r[0]: list(r[1:8]) for r in HZ["rows"]}
    rows_2024["高耗低效整治企业数(家)"][0] = 100
    rows_2024["“浙江制造”标准(项)"] = [1, 1, 1, 1, 1, 0, 5]
    width = 16
    rows = [[HZ["title"]] + [None] * (width - 1)]
    if unit_line:
        rows.append([None] * (width - 1) + [unit_line])
    top = len(rows)
    rows.append([None, "2023年"] + [None] * 6 + ["2024年"] + [None] * 6 + ["责任部门"])
    rows.append([None] + REGIONS + REGIONS + [None])
    if not merged:  # a table pasted without merges: each band's label in its first cell only
        rows[top + 1][15] = None
    data = []
    for r in HZ["rows"]:
        data.append(len(rows))
        rows.append([r[0]] + list(r[1:8]) + rows_2024[r[0]] + [r[8]])
    rows += [[None] * width, ["注：数值照原文录入。"] + [None] * (width - 1)]
    merges = []
    if merged:
        merges = [(0, 0, 0, width - 1), (top, 0, top + 1, 0), (top, 1, top, 7), (top, 8, top, 14), (top, 15, top + 1, 15)]
        for m in HZ["merges"]:  # the pending rows' merged 待…下达 cells, in each band that is still pending
            r = data[m["row"]]
            merges.append((r, 1, r, 7))
            if rows[r][9] is None:
                merges.append((r, 8, r, 14))
    return Sheet("分解", rows, merges, header=top + 1, data=data)


def grid_of(sheet: Sheet) -> Grid:
    return Grid(sheet.name, sheet.rows, sheet.merges)


# the seed's own findings (test_check_real), one row lower under the band header, with the band named
WEIGHTED = ["规上工业增加值增长(%)", "规上工业亩均税收(万元/亩)", "规上工业亩均增加值(万元/亩)",
            "规上制造业企业研发费用相当于营业收入的比重(%)", "高新技术产业增加值占规上工业增加值比重(%)",
            "每万人口高价值发明专利拥有量(件)"]
WEIGHTED_ROWS = [5, 7, 8, 10, 11, 12]


def huzhou_expected(shift: int = 0) -> list[tuple]:
    def at(col: str, row: int) -> str:
        return f"分解!{col}{row + shift}"

    out = []
    for band, parent, first in (("2023年", "H", "B"), ("2024年", "O", "I")):
        out += [("weights-needed", n, None, at(parent, r), band) for n, r in zip(WEIGHTED, WEIGHTED_ROWS)]
        out += [("pending", "“品字标浙江制造”认证企业(家)", None, at(first, 15), band),
                ("split-over", "高耗低效整治腾出能耗空间(万吨标煤)", None, at(parent, 18), band),
                ("parent-qualitative", "单位GDP能耗下降率(%)", None, at(parent, 19), band)]
    out += [("pending", "“浙江制造”标准(项)", None, at("B", 14), "2023年"),
            # 2024年: 100+250+250+250+250+50 = 1150 against 1200
            ("split-short", "高耗低效整治企业数(家)", None, at("O", 16), "2024年")]
    return sorted(out)


def test_huzhou_split_under_two_year_bands_checks_each_band_on_its_own():
    r = check_workbook(Workbook(None, [grid_of(huzhou_bands())]))
    [table] = r.tables
    assert (table.orientation, table.parent, table.regions) == ("across", "全市", REGIONS[:6])
    assert table.title == HZ["title"]
    assert len(r.indicators) == 32
    assert found(r) == huzhou_expected()
    short = next(f for f in r.findings if f.code == "split-short")
    assert (short.target, short.allocated, short.position) == (1200, 1150, (15, 14))
    assert "2024年" in short.message or short.period == "2024年"
    verdicts = {(i.name, i.verdict) for i in r.indicators[16:]}
    assert ("“浙江制造”标准(项)", "ok") in verdicts and ("高耗低效整治企业数(家)", "short") in verdicts


def test_huzhou_bands_from_a_file_and_without_merges_read_the_same(tmp_path):
    from_file = check_file(save(tmp_path, huzhou_bands(), name="bands.xlsx"))
    assert found(from_file) == huzhou_expected()
    # pasted without merges: each band label in its first cell, the pending text in the first region's cell
    # (the others blank), so each pending row is pending in its band as before
    plain = check_workbook(Workbook(None, [grid_of(huzhou_bands(merged=False))]))
    assert found(plain) == huzhou_expected()


def test_a_unit_line_above_a_banded_table_is_the_tables_unit_and_the_names_keep_theirs():
    r = check_workbook(Workbook(None, [grid_of(huzhou_bands(unit_line="单位：万元"))]))
    assert found(r) == huzhou_expected(shift=1)
    assert r.tables[0].title == HZ["title"]  # the unit line is not the title
    assert {i.unit for i in r.indicators if i.name.startswith("高耗低效整治企业数")} == {"家"}


# -- 昌江区 2022 高标准农田 (tests/files/real/changjiang_2022_gaobiao.xlsx), printed with regions across --------------

CJ_NAMES = ["累计建成高标准农田面积", "累计改造提升高标准农田面积", "累计新增高效节水灌溉面积"]
CJ_REGIONS = ["全区", "鲇鱼山镇", "丽阳镇", "荷塘乡"]
CJ_VALUES = [[5.56, 2.70, 2.76, 0.20], [0.80, 0.40, 0.40, None], [None, None, None, None]]


def changjiang_across(bands: tuple[str, str], unit_line: str | None = None) -> Grid:
    rows = [["关于征求2021-2030年高标准农田建设规划任务意见的函"] + [None] * 8]
    if unit_line:
        rows.append([unit_line] + [None] * 8)
    top = len(rows)
    rows.append(["指标", bands[0], None, None, None, bands[1], None, None, None])
    rows.append([None] + CJ_REGIONS + CJ_REGIONS)
    rows += [[name] + values + values for name, values in zip(CJ_NAMES, CJ_VALUES)]
    merges = [(0, 0, 0, 8), (top, 0, top + 1, 0), (top, 1, top, 4), (top, 5, top, 8)]
    return Grid("函", rows, merges)


def changjiang_expected(row: int, periods: tuple[str, str]) -> list[tuple]:
    """Both bands hold the same figures: 2.70+2.76+0.20 = 5.66 over 5.56; 0.40+0.40 already reach 0.80, so
    荷塘乡's blank is covered, which holds only for a sum (the area is in 万亩, whatever 提升 suggests);
    the third indicator is blank in both bands."""
    out = []
    for period, (parent, hetang) in zip(periods, (("B", "E"), ("F", "I"))):
        out += [("split-over", CJ_NAMES[0], None, f"函!{parent}{row}", period),
                ("missing-value-covered", CJ_NAMES[1], "荷塘乡", f"函!{hetang}{row + 1}", period),
                ("indicator-blank", CJ_NAMES[2], None, f"函!A{row + 2}", period)]
    return sorted(out)


def test_a_unit_in_the_band_header_makes_an_improvement_area_a_sum():
    r = check_workbook(Workbook(None, [changjiang_across(("到2025年规划指标(万亩)", "到2030年规划指标(万亩)"))]))
    periods = ("到2025年规划指标", "到2030年规划指标")
    assert found(r) == changjiang_expected(4, periods)
    assert [(i.unit, i.kind) for i in r.indicators[:2]] == [("万亩", "sum"), ("万亩", "sum")]


def test_a_unit_line_above_makes_an_improvement_area_a_sum_across():
    r = check_workbook(Workbook(None, [changjiang_across(("到2025年", "到2030年"), unit_line="单位：万亩")]))
    assert found(r) == changjiang_expected(5, ("到2025年", "到2030年"))
    assert r.tables[0].title == "关于征求2021-2030年高标准农田建设规划任务意见的函"
    # without the unit, 改造提升 reads as a growth (a weighted mean): the unit is what makes it a sum
    bare = check_workbook(Workbook(None, [changjiang_across(("到2025年", "到2030年"))]))
    assert {i.kind for i in bare.indicators if i.name == CJ_NAMES[1]} == {"weighted"}


def test_bands_need_repeated_regions_under_them():
    # a target system's year columns over 目标值 / 基数 are not bands over regions
    r = check_workbook(Workbook(None, [Grid("目标", [
        ["指标名称", "2023年", None, "2025年", None],
        [None, "目标值", "基数", "目标值", "基数"],
        ["制造业投资(亿元)", 118, 100, 130, 110],
    ], [(0, 1, 0, 2), (0, 3, 0, 4)])]))
    assert all(t.kind != "split" for t in r.tables)


def test_each_band_is_held_against_its_own_year_in_a_target_system():
    system = Grid("目标体系", [["指标名称", "2023年", "2024年"], ["高耗低效整治企业数(家)", 1200, 1300]])
    r = check_workbook(Workbook(None, [grid_of(huzhou_bands()), system]))
    mismatch = [(f.cell, f.period, f.target, f.position) for f in r.findings if f.code == "target-mismatch"]
    assert mismatch == [("分解!O16", "2024年", 1200, (15, 14))]


def test_write_back_of_a_banded_table_says_each_bands_verdict_in_one_column(tmp_path):
    import openpyxl

    from zhibiao.workbook.writeback import plan_findings, write_plan

    src = save(tmp_path, huzhou_bands(), name="bands.xlsx")
    report = check_file(src)
    out = write_plan(src, plan_findings(report), out=tmp_path / "bands.校验.xlsx")
    ws = openpyxl.load_workbook(out)["分解"]
    assert ws["Q2"].value == "校验"  # beside the band header, right of 责任部门
    assert ws["Q16"].value == "2023年：通过 · 合计；2024年：有缺口 · 合计"
    assert ws["Q16"].fill.fgColor.rgb.endswith("FFC7CE")  # the worst band's level: an error
    assert ws["Q4"].value == "2023年：通过 · 统一；2024年：通过 · 统一"
    assert ws["O16"].fill.fgColor.rgb.endswith("FFC7CE") and ws["H16"].fill.fgColor.rgb == "00000000"
