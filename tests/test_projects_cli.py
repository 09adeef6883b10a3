"""`zhibiao projects` end to end: the bundled example, the JSON interface, write-back that replaces itself."""

from __future__ import annotations

import shutil

from openpyxl import load_workbook

from conftest import EXAMPLES
from zhibiao.workbook.plan import LEVEL_FILL

EXAMPLE = EXAMPLES / "重大项目示例.xlsx"
PROJECT_KEYS = ["name", "region", "category", "status", "reasons", "planned_start", "actual_start", "planned_finish",
                "actual_finish", "started", "start_due", "finished", "finish_due", "investment_plan", "investment_done",
                "investment_rate", "schedule", "cell"]
REGION_KEYS = ["region", "new_projects", "started", "start_rate", "start_schedule", "finish_due", "finished",
               "finish_rate", "investment_plan", "investment_done", "investment_rate", "investment_schedule",
               "green", "yellow", "red"]


def test_json_names_are_the_stable_interface(runner):
    result = runner.invoke("projects", EXAMPLE, "--json")
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert list(data) == ["projects", "regions", "ranking", "findings", "summary"]
    for project in data["projects"]:
        assert list(project)[:len(PROJECT_KEYS)] == PROJECT_KEYS
    for region in data["regions"]:
        assert list(region)[:len(REGION_KEYS)] == REGION_KEYS
    assert list(data["ranking"][0]) == ["region", "rank", "score", "method", "tied", "details"]
    first = data["projects"][0]
    assert first["planned_start"] == "2023-03-31" and first["actual_start"] == "2023-03-31"
    assert first["cell"] == "'重大项目 2023-06'!B4" and isinstance(first["reasons"], list)
    moulding = next(p for p in data["projects"] if p["category"] == "谋划")
    assert moulding["status"] is None and moulding["reasons"]
    huzhou = data["regions"][0]
    assert huzhou["start_schedule"] == 0.65 and huzhou["investment_schedule"] == 0.5
    assert data["summary"]["period"] == "2023-06" and data["summary"]["investment_unit"] == "万元"


def test_example_is_marked_invented():
    wb = load_workbook(EXAMPLE)
    assert "虚构" in wb["说明"]["A2"].value and "虚构" in wb["重大项目 2023-06"]["A1"].value


def test_terminal_output(runner):
    result = runner.invoke("projects", EXAMPLE)
    assert result.exit_code == 0
    assert "各地区开工率、竣工率、投资完成率" in result.stdout and "至6月底未开工" in result.stdout


def test_write_back_colours_rows_and_replaces_itself(runner, tmp_path):
    src = tmp_path / "清单.xlsx"
    shutil.copy(EXAMPLE, src)
    before = src.read_bytes()
    result = runner.invoke("projects", src, "-w")
    assert result.exit_code == 0, result.stderr
    assert src.read_bytes() == before  # the clerk's file is not touched without --in-place
    out = tmp_path / "清单.项目.xlsx"
    wb = load_workbook(out)
    assert {"项目结果", "项目赛马"} <= set(wb.sheetnames)
    results = wb["项目结果"]
    assert results["A2"].value == "项目名称" and results["D3"].value == "红"
    assert results["O3"].hyperlink.location.startswith("'重大项目 2023-06'!B")
    ws = wb["重大项目 2023-06"]
    red = next(r for r in range(4, 30) if "未开工" in (ws.cell(r, 2).comment.text if ws.cell(r, 2).comment else ""))
    assert ws.cell(red, 2).fill.fgColor.rgb == "FF" + LEVEL_FILL["red"]
    assert ws.cell(red, 7).fill.fgColor.rgb == "FF" + LEVEL_FILL["red"]  # the overdue planned start
    assert ws.cell(red, 13).fill.fgColor.rgb != "FF" + LEVEL_FILL["red"]  # not the whole row
    late = next(r for r in range(4, 30) if "推迟" in (ws.cell(r, 2).comment.text if ws.cell(r, 2).comment else ""))
    assert ws.cell(late, 9).fill.fgColor.rgb == "FF" + LEVEL_FILL["yellow"]  # the late actual start
    # again on the written copy, in place: one 项目结果, no stacked comments
    again = runner.invoke("projects", out, "--write", "--in-place")
    assert again.exit_code == 0, again.stderr
    wb = load_workbook(out)
    assert wb.sheetnames.count("项目结果") == 1
    assert wb["重大项目 2023-06"].cell(red, 2).comment.text.count("红灯：") == 1


def test_check_and_progress_ignore_the_written_sheets(runner, tmp_path):
    src = tmp_path / "清单.xlsx"
    shutil.copy(EXAMPLE, src)
    runner.invoke("projects", src, "-w")
    again = runner.invoke("projects", tmp_path / "清单.项目.xlsx", "--json")
    assert again.exit_code == 0 and again.json()["summary"]["sheet"] == "重大项目 2023-06"


def test_bad_input_is_one_chinese_line(runner, tmp_path):
    result = runner.invoke("projects", EXAMPLES / "湖州2023区县分解.xlsx")
    assert result.exit_code == 2 and "没有重大项目清单" in result.stderr and "Traceback" not in result.stderr
    result = runner.invoke("projects", EXAMPLE, "--period", "2023-09")
    assert result.exit_code == 2 and "已有期间：2023-06" in result.stderr
    result = runner.invoke("projects", EXAMPLE, "-o", tmp_path / "x.xlsx", "--in-place")
    assert result.exit_code == 2 and "--in-place" in result.stderr


def test_template_project_sheet_reads_back(tmp_path):
    from openpyxl import load_workbook as load

    from zhibiao.formats import read_workbook
    from zhibiao.projects import CATEGORIES, read_projects
    from zhibiao.workbook.template import TemplateSpec, new_workbook

    wb = new_workbook(TemplateSpec(["吴兴", "南浔"], year=2024))
    assert wb.sheetnames.index("重大项目") == wb.sheetnames.index("进度") + 1
    ws = wb["重大项目"]
    ws["B1"] = "2024-06"
    for c, v in enumerate([1, "甲项目", "吴兴", "新建", 3, 10000, "2024年3月", "2025年", None, None, 4000, "", "局", 2024], 1):
        ws.cell(3, c, v)  # the first row under the header
    path = tmp_path / "模板.xlsx"
    wb.save(path)
    validations = {dv.type: dv for dv in load(path)["重大项目"].data_validations.dataValidation if dv.type != "list"}
    lists = [dv.formula1 for dv in load(path)["重大项目"].data_validations.dataValidation if dv.type == "list"]
    assert f'"{",".join(CATEGORIES)}"' in lists and '"吴兴,南浔"' in lists
    assert str(validations["date"].sqref).startswith("G3:G202") and validations["date"].errorStyle == "warning"
    plist = read_projects(read_workbook(path))
    assert str(plist.period) == "2024-06" and [p.name for p in plist.projects] == ["甲项目"]
    p = plist.projects[0]
    assert (p.category, p.total_investment, p.investment_plan, p.planned_start.label(), p.intro_year) == (
        "新建", 30000.0, 10000.0, "2024年3月", 2024)


def test_demo_shows_the_project_example(runner):
    result = runner.invoke("demo")
    assert result.exit_code == 0, result.stderr
    assert "重大项目示例" in result.stdout and "演示虚构" in result.stdout and "重大项目简报示例.docx" in result.stdout


def test_check_on_a_project_list_points_to_projects(runner):
    """A clerk who runs check on the 重大项目 workbook is told which command reads it, in one line."""
    result = runner.invoke("check", EXAMPLE)
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert "\n" not in line and "重大项目清单" in line and "zhibiao projects 重大项目示例.xlsx" in line
