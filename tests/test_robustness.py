"""Inputs a clerk really produces: unusable ones exit 2 with one Chinese line, odd data becomes findings, nothing is lost."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import docx
import pytest
from openpyxl import Workbook, load_workbook

from conftest import EXAMPLES, HUZHOU

HEADER = ["指标名称", "吴兴", "南浔", "德清", "全市", "责任部门"]
PROGRESS = EXAMPLES / "湖州2023进度示例.xlsx"


def _book(path, rows, sheet="分解", extra=None):
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    for name, more in (extra or {}).items():
        other = wb.create_sheet(name)
        for row in more:
            other.append(row)
    wb.save(path)
    return path


def _state(path):
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def _refused(result, *words):
    """Exit 2, one line on stderr starting 错误：, no traceback, no catch-all, no English from a library."""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.exit_code == 2, result.stderr
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("错误：") and "处理时出错" not in lines[0] and "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0], lines[0]


def _strict_json(text):
    """JSON as other tools parse it: Infinity and NaN are not JSON."""
    def refuse(constant):
        raise ValueError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


# -- one line, in Chinese ------------------------------------------------------------------------------
def test_a_long_error_stays_one_line_in_a_pipe(runner, tmp_path):
    # rich folds stderr at 80 columns when it is not a terminal; a log then shows half a message per line
    path = _book(tmp_path / "一个名字相当长的二〇二四年度主要经济指标任务分解表（征求意见稿）.xlsx", [["2024年主要指标"]])
    _refused(runner.invoke("check", path), "没有找到指标分解表")


def test_a_wrong_choice_is_explained_in_chinese(runner):
    result = runner.invoke("brief", HUZHOU, "--format", "pdf")
    assert result.exit_code == 2
    assert "Invalid value" not in result.stderr and "is not one of" not in result.stderr
    assert "--format" in result.stderr and "docx、html、both" in result.stderr


def test_a_wrong_number_is_explained_in_chinese(runner, tmp_path):
    result = runner.invoke("new", "-o", tmp_path / "t.xlsx", "--year", "二〇二四")
    assert result.exit_code == 2
    assert "not a valid integer" not in result.stderr and "--year" in result.stderr and "整数" in result.stderr


# -- files that hold no table ----------------------------------------------------------------------------
def test_an_empty_template_says_the_table_is_not_filled_in(runner, tmp_path):
    path = tmp_path / "分解表.xlsx"
    assert runner.invoke("new", "-o", path).exit_code == 0
    for args in (["check", path], ["check", path, "--sheet", "分解"], ["progress", path], ["brief", path],
                 ["import", path, "-o", tmp_path / "导入.xlsx"]):
        _refused(runner.invoke(*args), "分解", "只有表头，还没有填写指标")


def test_a_raw_table_with_only_its_header_says_so(runner, tmp_path):
    path = _book(tmp_path / "表.xlsx", [["2024年任务分解表"], HEADER])
    _refused(runner.invoke("check", path, "--json"), "只有表头")


def test_an_empty_workbook_says_it_is_empty(runner, tmp_path):
    path = tmp_path / "空.xlsx"
    Workbook().save(path)
    _refused(runner.invoke("check", path), "是空的")


def test_a_word_file_without_tables_says_so(runner, tmp_path):
    document = docx.Document()
    document.add_paragraph("关于报送2024年主要指标分解情况的函")
    path = tmp_path / "函.docx"
    document.save(path)
    _refused(runner.invoke("check", path), "没有表格")


@pytest.mark.parametrize("content", [b"", bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504], ids=["zero-byte", "ole-encrypted"])
def test_an_unreadable_workbook_exits_2(runner, tmp_path, content):
    path = tmp_path / "加密.xlsx"
    path.write_bytes(content)
    for command in ("check", "progress", "brief", "import"):
        _refused(runner.invoke(command, path), "无法读取工作簿")


# -- nothing is lost ------------------------------------------------------------------------------------
def test_import_onto_its_own_input_is_refused(runner, tmp_path):
    path = tmp_path / "分解.xlsx"
    shutil.copy(HUZHOU, path)
    before = _state(path)
    _refused(runner.invoke("import", path, "-o", path, "--force"), "原表")
    assert _state(path) == before


def test_a_briefing_never_overwrites_its_word_input(runner, tmp_path):
    path = tmp_path / "附件.docx"
    shutil.copy(EXAMPLES / "湖州2023区县分解.docx", path)
    before = _state(path)
    _refused(runner.invoke("brief", path, "-o", path), "输入文件")
    assert _state(path) == before


def test_every_command_leaves_the_input_alone(runner, tmp_path):
    path = tmp_path / "我的 文件" / "湖州 进度.xlsm"  # spaces, Chinese, a macro-enabled name
    path.parent.mkdir()
    load_workbook(PROGRESS).save(path)
    before = _state(path)
    runs = [
        ["check", path, "--json"], ["check", path, "--write"], ["progress", path, "--json"],
        ["progress", path, "--write"], ["brief", path, "-o", tmp_path / "简报"], ["import", path, "-o", tmp_path / "导入.xlsx"],
    ]
    for args in runs:
        result = runner.invoke(*args)
        assert result.exit_code in (0, 1), (args, result.stderr)
        if "--json" in args:
            _strict_json(result.stdout)
        assert _state(path) == before, args
    assert (path.parent / "湖州 进度.校验.xlsm").exists() and (path.parent / "湖州 进度.进度.xlsm").exists()


# -- where output goes ----------------------------------------------------------------------------------
def test_new_refuses_a_name_that_is_not_xlsx(runner, tmp_path):
    _refused(runner.invoke("new", "-o", tmp_path / "分解表.xls"), ".xlsx")
    assert not (tmp_path / "分解表.xls").exists()


def test_new_refuses_a_folder(runner, tmp_path):
    for extra in ([], ["--force"]):
        _refused(runner.invoke("new", "-o", tmp_path, *extra), "文件夹")


def test_new_refuses_an_empty_region_list_and_a_wrong_year(runner, tmp_path):
    _refused(runner.invoke("new", "-o", tmp_path / "a.xlsx", "--regions", "，，"), "至少需要一个地区")
    _refused(runner.invoke("new", "-o", tmp_path / "b.xlsx", "--year", "24"), "年度")
    result = runner.invoke("new", "-o", tmp_path / "c.xlsx", "--regions", "吴兴,南浔,德清,吴兴")
    _refused(result, "地区名称有重复")
    assert result.stderr.strip().endswith("吴兴") and "南浔" not in result.stderr  # only the repeated name


def test_writing_under_a_file_says_so(runner, tmp_path):
    blocker = tmp_path / "结果"
    blocker.write_text("")
    source = tmp_path / "分解.xlsx"
    shutil.copy(HUZHOU, source)
    _refused(runner.invoke("check", source, "-o", blocker / "分解.校验.xlsx"), "不是文件夹")
    _refused(runner.invoke("brief", source, "-o", blocker / "简报"), "不是文件夹")


def test_an_unwritable_folder_says_so(runner, tmp_path, monkeypatch):
    import tempfile

    source = tmp_path / "分解.xlsx"
    shutil.copy(HUZHOU, source)
    before = _state(source)

    def denied(*args, **kwargs):  # as root, chmod cannot make a folder read-only; the OS answer is the same
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    _refused(runner.invoke("check", source, "--in-place"), "权限")
    assert _state(source) == before


# -- odd data is a finding, not a crash -------------------------------------------------------------------
def test_figures_near_the_float_limit_are_findings(runner, tmp_path):
    path = _book(tmp_path / "大数.xlsx", [HEADER, ["高耗低效整治企业数(家)", 1e308, 1e308, 1e308, 1e308, "经信局"]])
    result = runner.invoke("check", path, "--json")
    assert result.exit_code == 1, result.stderr
    found = _strict_json(result.stdout)["findings"]
    # beyond MAX_FIGURE no sum or gap keeps its units: every such cell is unparsed, none is added
    assert [(f["code"], f["cell"]) for f in found] == [("unparsed-value", f"分解!{c}2") for c in "BCDE"]
    assert runner.invoke("brief", path, "-o", tmp_path / "简报").exit_code == 0


def test_an_absurd_actual_gets_no_light_and_valid_json(runner, tmp_path):
    rows = [HEADER, ["高耗低效整治企业数(家)", 10, 20, 30, 60, "经信局"]]
    path = _book(tmp_path / "进度.xlsx", rows,
                 extra={"进度 2023-06": [HEADER, ["高耗低效整治企业数(家)", 5, 1e308, 15, 30, "经信局"]]})
    result = runner.invoke("progress", path, "--json")
    assert result.exit_code == 1, result.stderr
    data = _strict_json(result.stdout)
    status = next(s for s in data["statuses"] if s["region"] == "南浔")
    assert status["status"] is None and status["lag"] is None
    assert any(f["code"] == "actual-unparsed" and f["region"] == "南浔" for f in data["findings"])


def test_the_briefing_chart_leaves_out_a_completion_no_axis_can_hold(runner, tmp_path):
    rows = [HEADER, ["高耗低效整治企业数(家)", 1, 20, 30, 60, "经信局"]]
    path = _book(tmp_path / "进度.xlsx", rows,
                 extra={"进度 2023-06": [HEADER, ["高耗低效整治企业数(家)", 1.7e306, 10, 15, 30, "经信局"]]})
    result = runner.invoke("brief", path, "-o", tmp_path / "简报")
    assert result.exit_code == 0, result.stderr
    assert "RuntimeWarning" not in result.stderr


def test_a_long_briefing_title_is_cut_for_the_document_properties(runner, tmp_path):
    path = _book(tmp_path / "分解.xlsx", [HEADER, ["高耗低效整治企业数(家)", 10, 20, 30, 60, "经信局"]],
                 extra={"设置": [["项目", "值"], ["简报标题", "关于" + "全市工业经济" * 50 + "的简报"], ["期号", "2024年第6"]]})
    result = runner.invoke("brief", path, "-o", tmp_path / "简报", "--format", "docx")
    assert result.exit_code == 0, result.stderr
    title = docx.Document(str(tmp_path / "简报" / "分解.简报.docx")).core_properties.title
    assert len(title) == 255 and title.startswith("关于全市工业经济") and title.endswith("…")


@pytest.mark.parametrize("sheet", ["O'Brien 表", "分解(2024)", "𠀋城区"])
def test_odd_sheet_and_region_names_round_trip(runner, tmp_path, sheet):
    header = ["指标名称", "𠀋城区", "南浔", "全市", "责任部门"]
    path = _book(tmp_path / "表.xlsx", [header, ["高耗低效整治企业数(家)😀", 10, 20, 25, "经信局"]], sheet=sheet)
    result = runner.invoke("check", path, "--json", "--write")
    assert result.exit_code == 0, result.stderr
    data = _strict_json(result.stdout)
    assert data["findings"][0]["code"] == "split-over" and data["findings"][0]["sheet"] == sheet
    written = load_workbook(tmp_path / "表.校验.xlsx")
    assert written[sheet]["D2"].comment is not None


# -- refused before any work is shown ---------------------------------------------------------------------
def test_progress_refuses_a_wrong_output_before_printing(runner, tmp_path):
    path = tmp_path / "进度.xlsx"
    shutil.copy(PROGRESS, path)
    before = _state(path)
    result = runner.invoke("progress", path, "--write", "-o", path, "--json")
    _refused(result, "--in-place")
    assert result.stdout == "" and _state(path) == before  # no JSON for a run that exits 2


def test_a_briefing_file_name_must_be_docx_or_html(runner, tmp_path):
    _refused(runner.invoke("brief", HUZHOU, "-o", tmp_path / "简报.pdf"), ".docx 或 .html")
    assert not (tmp_path / "简报.pdf").exists()
    assert runner.invoke("brief", HUZHOU, "-o", tmp_path / "2023.06").exit_code == 0  # a dotted folder is a folder


def test_a_workbook_renamed_docx_is_read_for_what_it_is(runner, tmp_path):
    path = tmp_path / "附件.docx"
    shutil.copy(HUZHOU, path)
    result = runner.invoke("check", path, "--json")
    assert result.exit_code == runner.invoke("check", HUZHOU).exit_code
    assert result.json()["findings"] == runner.invoke("check", HUZHOU, "--json").json()["findings"]


def test_a_workbook_openpyxl_cannot_load_is_explained_in_chinese(runner, tmp_path, monkeypatch):
    import openpyxl

    def fails(*args, **kwargs):
        raise AttributeError("'list' object has no attribute 'find'")

    monkeypatch.setattr(openpyxl, "load_workbook", fails)
    path = tmp_path / "分解.xlsx"
    shutil.copy(HUZHOU, path)
    result = runner.invoke("check", path, "--write")
    _refused(result, "无法打开工作簿进行写回", "另存")
    assert "object has no attribute" not in result.stderr


def test_new_files_get_the_usual_mode_not_private(runner, tmp_path):
    """mkstemp makes files 0600; a template on a shared folder must be readable by colleagues."""
    import os

    out = tmp_path / "模板.xlsx"
    assert runner.invoke("new", "-o", out).exit_code == 0
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask


@pytest.mark.parametrize("command", ["check", "progress", "brief", "import"])
def test_a_file_without_read_permission_says_so_in_one_line(tmp_path, command):
    import os
    import subprocess
    import sys
    import tempfile

    from conftest import ROOT

    folder = Path(tempfile.mkdtemp())  # pytest's own folders are private to root
    folder.chmod(0o777)
    path = folder / "分解.xlsx"
    shutil.copy(HUZHOU, path)
    path.chmod(0)

    output = {"brief": ["-o", str(folder / "简报")], "import": ["-o", str(folder / "导入.xlsx")]}.get(command, [])
    command_line = [sys.executable, "-m", "zhibiao", command, str(path), *output]
    if os.geteuid() == 0:  # root reads any file: run as an ordinary user, as a clerk is
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv (util-linux) to drop to an ordinary user")
        command_line = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command_line]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if os.geteuid() == 0:  # a checkout inside a folder private to root (mktemp -d) is out of the user's reach
        probe = subprocess.run([*command_line[:4], sys.executable, "-c", "import zhibiao"], env=env, cwd=folder,
                               capture_output=True, text=True, timeout=120)
        if probe.returncode != 0:
            shutil.rmtree(folder)
            pytest.skip("an ordinary user cannot read this checkout (it lies in a folder private to root)")
    run = subprocess.run(command_line, env=env, capture_output=True, text=True, cwd=folder, timeout=300)
    shutil.rmtree(folder)
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert run.returncode == 2 and len(lines) == 1, run.stderr
    assert lines[0] == "错误：无法打开文件（没有读取权限或文件正被占用）：分解.xlsx"


def test_a_name_longer_than_the_page_gives_no_matplotlib_warning():
    import warnings

    from zhibiao.briefing.charts import Bar, completion_chart

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        chart = completion_chart([Bar("吴兴" * 16000, 0.5, "green"), Bar("南浔", 0.3, "red")], 0.5, "序时进度", "完成率")
    assert [str(w.message) for w in caught] == []
    assert "吴兴吴兴" in chart.svg and "…" in chart.svg


@pytest.mark.parametrize("damage", [lambda xml: xml[: len(xml) // 2], lambda xml: xml.replace(b"<v>", b"<v>x1y", 3),
                                    lambda xml: xml.replace(b'r="B3"', b'r="B&zz;3"', 1)], ids=["cut", "letters", "entity"])
def test_a_damaged_sheet_is_one_chinese_line_without_the_parser_s_english(runner, tmp_path, damage):
    import re
    import zipfile

    path = tmp_path / "坏.xlsx"
    with zipfile.ZipFile(HUZHOU) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            out.writestr(info, damage(data) if info.filename.startswith("xl/worksheets/sheet1") else data)
    result = runner.invoke("check", path)
    _refused(result, "任务分解", "已损坏", "另存")
    assert not re.search(r"[A-Za-z]{3,}", result.stderr.replace("Excel", "").replace("WPS", "").replace("xlsx", ""))
