"""The template: sheets, dropdowns, formulas, and the core reading it exactly as it reads raw tables."""

from __future__ import annotations

import sys

import openpyxl
import pytest

from conftest import ROOT
from zhibiao import UsageError, check_file, find_tables, read_workbook
from zhibiao.layout import Role
from zhibiao.settings import SETTINGS, read_settings
from zhibiao.workbook.template import SHEET_BUILDERS, TemplateSpec, build_template, new_workbook

REGIONS = ["吴兴", "南浔", "德清"]


@pytest.fixture
def template(tmp_path):
    return build_template(tmp_path / "分解表.xlsx", REGIONS, "全市", 2025)


def _fill(path, rows, basis=None):
    """Type rows into 分解 (C 指标名称, E 汇总方式, F 权重依据, H.. regions, K 全市) as a clerk would."""
    wb = openpyxl.load_workbook(path)
    ws = wb["分解"]
    for r, (name, method, weight, values) in enumerate(rows, 3):
        ws.cell(r, 3, name)
        ws.cell(r, 5, method)
        ws.cell(r, 6, weight)
        for c, v in enumerate(values, 8):
            ws.cell(r, c, v)
    for r, values in enumerate(basis or [], 2):
        for c, v in enumerate(values, 2):
            wb["基数"].cell(r, c, v)
    wb.save(path)
    return path


def test_sheets_and_header(template):
    wb = openpyxl.load_workbook(template)
    mine = ["说明", "分解", "基数", "设置"]
    assert [n for n in wb.sheetnames if n in mine] == mine and wb.sheetnames[:2] == mine[:2]
    ws = wb["分解"]
    assert [c.value for c in ws[2]] == ["序号", "类别", "指标名称", "单位", "汇总方式", "权重依据", "方向",
                                        "吴兴", "南浔", "德清", "全市", "分解合计", "差额", "责任部门"]
    assert ws["A1"].value == "2025年主要指标任务分解表"
    assert ws.freeze_panes == "D3" and ws["A2"].font.b
    assert ws.column_dimensions["C"].width == 34
    assert [c.value for c in wb["基数"][1]][:3] == ["地区", "规上工业用地面积(亩)", "上年规上工业增加值(亿元)"]
    assert [c.value for c in wb["基数"]["A"][1:4]] == REGIONS


def test_dropdowns(template):
    ws = openpyxl.load_workbook(template)["分解"]
    lists = {str(dv.sqref).split(":")[0][0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists == {"E": '"合计,加权平均,统一,不汇总"', "G": '"越高越好,越低越好"', "F": "基数!$B$1:$M$1"}
    assert all(str(dv.sqref).endswith("52") for dv in ws.data_validations.dataValidation)


def test_native_formulas_and_shortfall_colour(template):
    ws = openpyxl.load_workbook(template)["分解"]
    # blank while a region's figure is text (90家): SUM would leave it out and contradict the check
    text = 'COUNTA(H3:J3)-COUNT(H3:J3)=COUNTIF(H3:J3,"/")+COUNTIF(H3:J3,"-")+COUNTIF(H3:J3,"—")'
    assert ws["L3"].value == f'=IF(AND($E3="合计",COUNT(H3:J3)>0,{text}),ROUND(SUM(H3:J3),6),"")'
    assert ws["M3"].value == '=IF(AND(ISNUMBER(L3),ISNUMBER(K3)),ROUND(L3-K3,6),"")'
    assert ws["L52"].value.startswith("=IF(AND($E52")
    (cf,) = list(ws.conditional_formatting)
    assert str(cf.sqref) == "K3:K52 M3:M52"
    assert cf.rules[0].formula == ['AND(ISNUMBER($M3),IF($G3="越低越好",$M3>0,$M3<0))']  # a cap is red when over


def test_settings_sheet_from_settings_list(template):
    ws = openpyxl.load_workbook(template)["设置"]
    assert [c.value for c in ws[1]] == ["项目", "值", "说明"]
    assert [r[0] for r in ws.iter_rows(min_row=2, values_only=True)] == [s.key for s in SETTINGS]
    settings = read_settings(read_workbook(template))
    assert settings.text("上级名称") == "全市" and settings.number("年度") == 2025
    with_choices = [s for s in SETTINGS if s.choices]
    assert len(ws.data_validations.dataValidation) == len(with_choices)


def test_core_reads_the_template_like_a_raw_table(template):
    _fill(template, [("高耗低效整治企业数(家)", "合计", None, [100, 200, 250, 600]),
                     ("规上工业亩均税收(万元/亩)", None, None, [30, 40, 35, 45])])
    (table,) = find_tables(read_workbook(template))
    roles = {c.label: c.role for c in table.columns}
    assert [c.label for c in table.regions] == REGIONS and table.parent.label == "全市"
    assert (roles["汇总方式"], roles["权重依据"], roles["方向"]) == (Role.METHOD, Role.WEIGHT, Role.DIRECTION)
    assert roles["分解合计"] is Role.IGNORE and roles["差额"] is Role.IGNORE
    report = check_file(template)
    assert report.flatten() == [["split-short", "高耗低效整治企业数(家)", None, "分解!K3"],
                                ["weighted-infeasible", "规上工业亩均税收(万元/亩)", None, "分解!K4"]]


def test_explicit_kind_and_weight_columns_decide(template):
    _fill(template, [("规上工业亩均税收(万元/亩)", "合计", None, [30, 40, 35, 120]),
                     ("某比率(%)", "加权平均", "营业收入(亿元)", [2, 4, 6, 3.5])],
          basis=[[None, None, None, 100], [None, None, None, 300], [None, None, None, 100]])
    report = check_file(template)
    kinds = {i.name: (i.kind, i.kind_source, i.weighting) for i in report.indicators}
    assert kinds["规上工业亩均税收(万元/亩)"] == ("sum", "column", None)
    assert kinds["某比率(%)"] == ("weighted", "column", "营业收入(亿元)")
    # (2*100 + 4*300 + 6*100) / 500 = 4.0 ≥ 3.5: the weight column is what makes this pass
    assert report.flatten() == [["split-short", "规上工业亩均税收(万元/亩)", None, "分解!K3"]]


def test_bad_names_are_refused():
    with pytest.raises(UsageError):
        new_workbook(TemplateSpec(["吴兴", "吴兴"]))
    with pytest.raises(UsageError):
        new_workbook(TemplateSpec(["吴兴"], parent="湖州市"))
    with pytest.raises(UsageError):
        new_workbook(TemplateSpec(["吴兴", "合计"]))


def test_a_feature_adds_a_sheet_by_appending_a_builder(monkeypatch):
    def build_extra(wb, spec):
        wb.create_sheet("附加").append(["指标名称"] + spec.regions)

    new_workbook(TemplateSpec(REGIONS))  # plugins registered first
    monkeypatch.setattr("zhibiao.workbook.template.SHEET_BUILDERS", SHEET_BUILDERS + [build_extra])
    wb = new_workbook(TemplateSpec(REGIONS))
    assert wb.sheetnames[-1] == "附加" and wb["附加"]["D1"].value == "德清"
    assert wb.active.title == "分解"


def test_cli_new(runner, tmp_path):
    path = tmp_path / "新表.xlsx"
    result = runner.invoke("new", "-o", path, "--regions", "甲镇，乙镇、丙街道", "--parent", "全县", "--year", "2026")
    assert result.exit_code == 0, result.stderr
    ws = openpyxl.load_workbook(path)["分解"]
    assert [c.value for c in ws[2]][7:11] == ["甲镇", "乙镇", "丙街道", "全县"]
    again = runner.invoke("new", "-o", path)
    assert again.exit_code == 2 and "--force" in again.stderr
    assert runner.invoke("new", "-o", path, "--force").exit_code == 0
    bad = runner.invoke("new", "-o", tmp_path / "x.xlsx", "--parent", "湖州")
    assert bad.exit_code == 2 and "上级列" in bad.stderr


def test_committed_template_is_the_built_one(tmp_path, monkeypatch):
    sys.path.insert(0, str(ROOT / "xlsx_templates"))
    import build_template

    monkeypatch.setattr(build_template, "OUT", tmp_path / "模板.xlsx")
    build_template.main()
    assert (tmp_path / "模板.xlsx").read_bytes() == (ROOT / "xlsx_templates" / "分解表模板.xlsx").read_bytes()
