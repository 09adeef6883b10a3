"""The 校验 script through xlwings Server's custom_scripts_call, on book payloads built from the bundled examples."""

from __future__ import annotations

import json

import pytest
from conftest import FILES, HUZHOU
from openpyxl import Workbook as OpenpyxlWorkbook
from openpyxl import load_workbook
from xlserver import book_payload, on, replay, server  # noqa: F401  (fixture)

from zhibiao import check_workbook, read_workbook
from zhibiao.formats.xlwings_book import read_book
from zhibiao.grid import Grid, Workbook
from zhibiao.workbook.writeback import LEVEL_FILL, RESULT_SHEET, plan_findings


@pytest.fixture(scope="module")
def macros(server):  # noqa: F811
    from macros import zhibiao_macros

    return zhibiao_macros


def unmerged(path) -> Workbook:
    """What Office.js shows of a workbook: its values, no merged ranges."""
    return Workbook(None, [Grid(g.name, g.rows) for g in read_workbook(path).grids])


def result_rows(actions, position: int) -> list[list]:
    """The finding rows the script wrote to the results sheet (row 3 down)."""
    return next(a["values"] for a in on(actions, "setValues", position) if a["start_row"] == 2)


def test_validate_writes_the_results_sheet_and_marks(server, macros):  # noqa: F811
    actions = server.run(macros, "validate", book_payload(HUZHOU))
    book = unmerged(HUZHOU)
    report = check_workbook(book)
    plan = plan_findings(report, book)
    added = on(actions, "addSheet")
    assert [a["args"][1] for a in added] == [RESULT_SHEET, "_zhibiao"]
    results = added[0]["args"][0]
    summary = next(a for a in on(actions, "setValues", results) if a["start_row"] == 0)
    assert summary["values"] == [[report.headline()]]
    assert result_rows(actions, results) == plan.sheets[0].rows
    links = [a["values"][0][0] for a in on(actions, "setFormula", results)]
    assert links[0] == '=HYPERLINK("#{0}","{0}")'.format(report.findings[0].cell)
    # every marked cell on 任务分解 gets its level's colour and a note with the message
    colours = {(a["start_row"], a["start_column"]): a["args"][0] for a in on(actions, "setRangeColor", 0)}
    notes = {(a["start_row"], a["start_column"]): a["args"][1] for a in on(actions, "addNote", 0)}
    assert plan.marks
    for mark in plan.marks:
        assert colours[(mark.row, mark.col)] == "#" + LEVEL_FILL[mark.level]
        assert notes[(mark.row, mark.col)] == mark.comment
    assert notes[(16, 7)].startswith("提示：各地区分解合计15.1，高于全市目标15")
    # the 校验 column beside the table: verdict and kind per indicator
    status = {a["start_row"]: a["values"][0][0] for a in on(actions, "setValues", 0)}
    column = plan.columns[0]
    assert status == {column.header_row: "校验", **{row: text for row, (text, _) in column.values.items()}}
    assert status[16].startswith("超额分解") and status[3].startswith("需权重核验")
    assert on(actions, "activateSheet")[-1]["sheet_position"] == results


def test_validate_writes_what_check_write_writes(server, macros, runner, tmp_path):  # noqa: F811
    """The same 校验结果 rows and the same marked cells as `zhibiao check --write` on the same values."""
    src = tmp_path / "湖州.xlsx"
    wb = OpenpyxlWorkbook()
    ws = wb.active
    ws.title = "任务分解"
    for row in read_workbook(FILES / "huzhou_short.xlsx").grids[0].rows:
        ws.append(row)
    wb.save(src)
    result = runner.invoke("check", src, "--write", "-o", tmp_path / "out.xlsx")
    assert result.exit_code == 1, result.stderr
    written = load_workbook(tmp_path / "out.xlsx")
    cli_rows = [list(r) for r in written[RESULT_SHEET].iter_rows(min_row=3, values_only=True)]
    cli_fills = {(c.row - 1, c.column - 1): c.fill.fgColor.rgb[-6:] for row in written["任务分解"].iter_rows()
                 for c in row if c.comment is not None}

    actions = server.run(macros, "validate", book_payload(src))
    results = on(actions, "addSheet")[0]["args"][0]
    assert [[v if v != "" else None for v in row] for row in result_rows(actions, results)] == cli_rows
    noted = {(a["start_row"], a["start_column"]) for a in on(actions, "addNote", 0)}
    fills = {(a["start_row"], a["start_column"]): a["args"][0][1:] for a in on(actions, "setRangeColor", 0)
             if a["args"][0]}
    assert {cell: fills[cell] for cell in noted} == cli_fills


def test_second_validate_replaces_instead_of_stacking(server, macros):  # noqa: F811
    first_payload = book_payload(HUZHOU)
    first = server.run(macros, "validate", first_payload)
    second = server.run(macros, "validate", replay(first_payload, first))
    assert [a["args"][1] for a in on(second, "addSheet")] == ["_zhibiao"]  # 校验结果 is reused
    results = next(i for i, s in enumerate(replay(first_payload, first)["sheets"]) if s["name"] == RESULT_SHEET)
    assert on(second, "sheetClear", results)
    assert len(on(second, "deleteSheet") + on(second, "sheetDelete")) == 1  # the old record sheet
    # each old note is deleted before the same message is added again: one note per cell, not two
    deleted = [(a["start_row"], a["start_column"]) for a in on(second, "deleteNote", 0)]
    added = [(a["start_row"], a["start_column"]) for a in on(second, "addNote", 0)]
    assert sorted(deleted) == sorted(added) == sorted((a["start_row"], a["start_column"]) for a in on(first, "addNote", 0))
    records = next(a["values"] for a in on(second, "setValues") if a["values"][0][0] == "owner")
    assert len(records) == len(next(a["values"] for a in on(first, "setValues") if a["values"][0][0] == "owner"))
    assert json.loads(records[1][5])["value"] == "校验"


def test_validate_without_note_support_still_writes_results(server, macros):  # noqa: F811
    actions = server.run(macros, "validate", book_payload(HUZHOU, notes=False))
    assert not on(actions, "addNote")
    assert on(actions, "setRangeColor", 0) and [a["args"][1] for a in on(actions, "addSheet")][0] == RESULT_SHEET


def test_validate_escapes_text_that_would_start_a_formula(server, macros):  # noqa: F811
    table = [["指标名称", "吴兴", "南浔", "全市"], ["=企业数(家)", 1, 2, 10]]
    actions = server.run(macros, "validate", book_payload(HUZHOU, extra={"分解": table}))
    rows = result_rows(actions, on(actions, "addSheet")[0]["args"][0])
    assert ["'=企业数(家)"] == [r[1] for r in rows if r[6] == "split-short"]


def test_validate_without_a_table_alerts_and_changes_nothing(server, macros):  # noqa: F811
    payload = book_payload(FILES / "not_a_table.xlsx")
    actions = server.run(macros, "validate", payload)
    assert [a["func"] for a in actions] == ["alert"]
    assert "没有找到指标分解表" in actions[0]["args"][0]


def test_scripts_meta_names_the_button(server, macros):  # noqa: F811
    meta = {m["function_name"]: m for m in server.api.custom_scripts_meta(macros)}
    assert meta["validate"]["name"] == "校验"


class FakeRange:
    """What classic Excel answers about a cell's merged area (1-based, like xlwings)."""

    def __init__(self, row, column, shape=(1, 1)):
        self.row, self.column, self.shape = row, column, shape

    @property
    def merge_area(self):
        return self


class FakeSheet:
    def __init__(self, name, rows, merges, top_left=(1, 1)):
        self.name, self.rows, self.merges, self.top_left = name, rows, merges, top_left

    @property
    def used_range(self):
        sheet = self

        class Used:
            row, column = sheet.top_left
            merge_cells = None if sheet.merges else False

            def options(self, ndim):
                return type("V", (), {"value": sheet.rows})()

        return Used()

    def range(self, cell):
        r, c = cell
        for r1, c1, r2, c2 in self.merges:
            if r1 <= r - 1 <= r2 and c1 <= c - 1 <= c2:
                return FakeRange(r1 + 1, c1 + 1, (r2 - r1 + 1, c2 - c1 + 1))
        return FakeRange(r, c)


def test_read_book_takes_merges_where_the_engine_has_them():
    grid = read_workbook(HUZHOU).grids[0]
    book = type("B", (), {"name": "湖州.xlsx", "sheets": [FakeSheet(grid.name, grid.rows, grid.merges)]})()
    read = read_book(book)
    assert sorted(read.grids[0].merges) == sorted(grid.merges)
    assert check_workbook(read).flatten() == check_workbook(read_workbook(HUZHOU)).flatten()


def test_read_book_anchors_values_at_a1():
    sheet = FakeSheet("表", [["指标名称", "全市"], ["企业数", 3.0]], [], top_left=(3, 2))
    read = read_book(type("B", (), {"name": "b", "sheets": [sheet]})())
    assert read.grids[0].rows == [[], [], [None, "指标名称", "全市"], [None, "企业数", 3.0]]


def test_bas_buttons_run_existing_scripts():
    """The VBA's RunPython line is valid Python naming a script that exists."""
    import importlib
    import re

    from conftest import ROOT

    text = (ROOT / "macros" / "ZhibiaoButtons.bas").read_bytes().decode("ascii")
    commands = re.findall(r'RunPython "(.+)"', text)
    assert commands and "\r\n" in text  # the VBA editor imports CRLF files
    for command in commands:
        compile(command, "RunPython", "exec")
        module, func = re.search(r"import xlwings as xw, ([\w.]+) as zb; zb\.(\w+)\(xw\.Book\.caller\(\)\)$", command).groups()
        assert callable(getattr(importlib.import_module(module), func))


def test_template_xlwings_conf_points_at_the_functions():
    import importlib

    from zhibiao.workbook.template import TemplateSpec, new_workbook

    wb = new_workbook(TemplateSpec())
    conf = {row[0]: row[1] for row in wb["xlwings.conf"].iter_rows(max_col=2, values_only=True)}
    assert set(conf) == {"Interpreter_Win", "PYTHONPATH", "UDF Modules"}
    module = importlib.import_module(conf["UDF Modules"])
    assert {"zb_split", "zb_number", "zb_kind", "zb_check", "zb_light"} <= set(vars(module))
    assert wb.sheetnames[-1] == "xlwings.conf"


def test_generate_briefing_writes_beside_the_workbook(server, macros, tmp_path):  # noqa: F811
    payload = book_payload(HUZHOU)
    payload["book"]["name"] = str(tmp_path / "湖州2023区县分解.xlsx")  # a desktop book: its full name
    actions = server.run(macros, "generate_briefing", payload)
    assert [a["func"] for a in actions] == ["alert"]
    assert actions[0]["args"][0] == "已生成简报：\n湖州2023区县分解.简报.docx\n湖州2023区县分解.简报.html"
    assert actions[0]["args"][1] == "zhibiao 生成简报"
    html = (tmp_path / "湖州2023区县分解.简报.html").read_text(encoding="utf-8")
    assert "简报" in html and "高耗低效整治腾出能耗空间" in html
    assert (tmp_path / "湖州2023区县分解.简报.docx").stat().st_size > 0


def test_generate_briefing_in_the_browser_explains_where_to_run_it(server, macros):  # noqa: F811
    actions = server.run(macros, "generate_briefing", book_payload(HUZHOU))
    assert [a["func"] for a in actions] == ["alert"] and "zhibiao brief" in actions[0]["args"][0]
    assert actions[0]["args"][1] == "zhibiao 生成简报"


def test_generate_briefing_without_a_table_alerts_under_its_own_title(server, macros, tmp_path):  # noqa: F811
    payload = book_payload(FILES / "not_a_table.xlsx")
    payload["book"]["name"] = str(tmp_path / "not_a_table.xlsx")
    actions = server.run(macros, "generate_briefing", payload)
    assert [a["func"] for a in actions] == ["alert"]
    assert "没有找到指标分解表" in actions[0]["args"][0] and actions[0]["args"][1] == "zhibiao 生成简报"
    assert not list(tmp_path.iterdir())


def test_validate_record_sheet_escapes_a_sheet_name_that_would_start_a_formula(server, macros):  # noqa: F811
    table = [["指标名称", "吴兴", "南浔", "全市"], ["企业数(家)", 1, 2, 10]]
    actions = server.run(macros, "validate", book_payload(HUZHOU, extra={"=分解": table}))
    state = next(a["args"][0] for a in on(actions, "addSheet") if a["args"][1] == "_zhibiao")
    written = [v for a in on(actions, "setValues", state) for row in a["values"] for v in row]
    assert "'=分解" in written
    assert not [v for v in written if isinstance(v, str) and v.startswith(("=", "+", "-", "@"))]
