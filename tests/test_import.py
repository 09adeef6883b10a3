"""Import: raw tables into the template layout, kinds for review, values verbatim, same findings."""

from __future__ import annotations

import openpyxl
import pytest

from conftest import EXAMPLES, FILES, HUZHOU, PINGHU
from zhibiao import NoTableFound, check_file
from zhibiao.workbook.importer import import_table

FIELDS = ["code", "indicator", "region"]


@pytest.mark.parametrize("source", [
    HUZHOU, EXAMPLES / "湖州2023区县分解.docx", PINGHU, FILES / "huzhou.docx", FILES / "huzhou_short.xlsx",
    FILES / "huzhou_weighted_basis.xlsx", FILES / "huzhou_heji_unit.xlsx", FILES / "huzhou_two_row_header.xlsx",
    FILES / "huzhou_text_values.xlsx", FILES / "huzhou_infeasible.xlsx",
], ids=lambda p: p.name)
def test_round_trip_gives_the_same_findings(source, tmp_path):
    out = import_table(source, tmp_path / "分解表.xlsx").path
    assert check_file(out).flatten(FIELDS) == check_file(source).flatten(FIELDS)


@pytest.fixture
def huzhou(tmp_path):
    result = import_table(HUZHOU, tmp_path / "分解表.xlsx")
    return result, openpyxl.load_workbook(result.path)


def _row(ws, name):
    for row in ws.iter_rows(min_row=3, values_only=True):
        if row[2] == name:
            return row
    raise KeyError(name)


def test_kinds_go_into_the_method_column_for_review(huzhou):
    _, wb = huzhou
    ws = wb["分解"]
    # 序号 类别 指标名称 单位 汇总方式 权重依据 方向
    assert _row(ws, "高耗低效整治企业数(家)")[3:7] == ("家", "合计", None, "越高越好")
    assert _row(ws, "规上工业亩均税收(万元/亩)")[4:6] == ("加权平均", "规上工业用地面积(亩)")
    assert _row(ws, "规上工业增加值增长(%)")[4:6] == ("加权平均", "上年规上工业增加值(亿元)")
    assert _row(ws, "每万人口高价值发明专利拥有量(件)")[4:6] == ("加权平均", "常住人口(万人)")
    assert _row(ws, "制造业投资增长(%)")[4:6] == ("统一", None)
    assert _row(ws, "单位GDP能耗下降率(%)")[4] == "不汇总"
    assert _row(ws, "“浙江制造”标准(项)")[4] == "合计"  # pending now; a sum once the province sets it


def test_values_are_kept_verbatim(huzhou):
    _, wb = huzhou
    ws = wb["分解"]
    row = _row(ws, "单位GDP能耗下降率(%)")
    assert row[7:14] == ("4.5(含\n南太湖新区)", 4.8, 5.2, 7.6, 6.3, "/", "完成省定\n目标")
    pending = _row(ws, "“浙江制造”标准(项)")
    assert pending[7] == "待省下达任务指标后再分解" and pending[8:14] == (None,) * 6
    r = next(c.row for c in ws["C"] if c.value == "“浙江制造”标准(项)")
    assert f"H{r}:N{r}" in {str(m) for m in ws.merged_cells.ranges}


def test_word_numbers_become_numbers_so_the_formulas_add_them(tmp_path):
    ws = openpyxl.load_workbook(import_table(FILES / "huzhou.docx", tmp_path / "x.xlsx").path)["分解"]
    assert _row(ws, "高耗低效整治企业数(家)")[7:14] == (150, 250, 250, 250, 250, 50, 1200)
    assert _row(ws, "规上制造业全员劳动生产率(万元/人)")[7] == 29.6


def test_unplaced_content_is_noted(huzhou):
    result, wb = huzhou
    assert len(result.notes) == 1 and result.notes[0].startswith("表下文字（原表第20行）：注：数据来源")
    guide = [c.value for c in wb["说明"]["A"] if c.value]
    assert "导入记录" in guide
    assert any(line.startswith("未能放入模板：表下文字") for line in guide)


def test_basis_sheet_is_carried_over(tmp_path):
    ws = openpyxl.load_workbook(import_table(FILES / "huzhou_weighted_basis.xlsx", tmp_path / "x.xlsx").path)["基数"]
    assert [c.value for c in ws[1]][:3] == ["地区", "规上工业用地面积(亩)", "上年规上工业增加值(亿元)"]
    assert [c.value for c in ws[2]][:3] == ["吴兴", 55000, 300]


def test_target_system_cannot_be_imported(runner, tmp_path):
    with pytest.raises(NoTableFound):
        import_table(EXAMPLES / "湖州2023目标体系.xlsx", tmp_path / "x.xlsx")
    result = runner.invoke("import", EXAMPLES / "湖州2023目标体系.xlsx", "-o", tmp_path / "x.xlsx")
    assert result.exit_code == 2 and "目标体系表" in result.stderr


def test_cli_import(runner, tmp_path):
    src = tmp_path / "附件.docx"
    src.write_bytes(FILES.joinpath("huzhou.docx").read_bytes())
    result = runner.invoke("import", src)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "附件.分解表.xlsx").exists()
    assert "16 项指标" in result.stdout and "汇总方式" in result.stdout
    assert runner.invoke("import", src).exit_code == 2  # will not overwrite without --force
    assert runner.invoke("check", tmp_path / "附件.分解表.xlsx").exit_code == 0


def test_the_year_comes_from_the_title_or_the_option(tmp_path):
    import openpyxl

    from zhibiao.workbook.importer import import_table

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2023年主要指标各区县任务分解表"])
    ws.append(["指标名称", "吴兴", "南浔", "全市"])
    ws.append(["高耗低效整治企业数(家)", 150, 250, 400])
    src = tmp_path / "附件.xlsx"
    wb.save(src)
    assert import_table(src, tmp_path / "a.xlsx").year == 2023
    assert openpyxl.load_workbook(tmp_path / "a.xlsx")["设置"]["B3"].value == 2023
    assert import_table(src, tmp_path / "b.xlsx", year=2024).year == 2024
