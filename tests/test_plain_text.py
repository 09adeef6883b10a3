"""Workbook text, options and paths are printed as text: square brackets are never rich markup (issue 12, item 1)."""

from __future__ import annotations

from openpyxl import Workbook

HEADER = ["指标名称", "吴兴[/x]", "南浔[red]", "德清", "全市", "责任部门"]
ROWS = [
    ["制造业投资增长[/x](%)", "2000[/x]", 5, 6, 7, "经信局[/x]"],
    ["[red]工业企业数[/](家)", 1, 2, 3, 10, "[bold]统计局"],
]


def _book(path, sheets):
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _every(text, *pieces):
    for piece in pieces:
        assert piece in text, piece


def _one_error_line(result, *pieces):
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.exit_code == 2 and len(lines) == 1 and lines[0].startswith("错误："), result.stderr
    _every(lines[0], *pieces)


def test_check_prints_bracketed_names_values_regions_and_paths(runner, tmp_path):
    # "a[" + "/x]" : a folder and a file name that together read as a closing tag
    path = _book(tmp_path / "a[" / "x][red]分解.xlsx", {"分解": [HEADER, *ROWS]})
    result = runner.invoke("check", path)
    assert result.exit_code == 1, result.stderr
    _every(result.stdout, "x][red]分解.xlsx", "制造业投资增长[/x](%)", "[red]工业企业数[/](家)", "吴兴[/x]", "“2000[/x]”")
    assert "Traceback" not in result.stderr
    written = runner.invoke("check", path, "--write")
    assert written.exit_code == 1, written.stderr
    _every(written.stdout, "a[/x][red]分解.校验.xlsx")


def test_progress_terminal_tables_print_brackets_as_text(runner, tmp_path):
    actual = [HEADER, ["制造业投资增长[/x](%)", "7[/x]", 6, 7, 7, ""], ["[red]工业企业数[/](家)", 1, 1, 1, 3, ""]]
    path = _book(tmp_path / "a[" / "x]进度.xlsx", {"分解": [HEADER, *ROWS], "进度 2023-06": actual})
    result = runner.invoke("progress", path)
    assert result.exit_code == 1, result.stderr
    # the light matrix (indicator and region headers), the 赛马 table and its tie text, the findings
    _every(result.stdout, "x]进度.xlsx", "[red]工业企业数[/](家)", "吴兴[/x]", "南浔[red]", "与南浔[red]", "“7[/x]”")
    written = runner.invoke("progress", path, "--write")
    _every(written.stdout + written.stderr, "a[/x]进度.进度.xlsx")


def test_options_and_errors_print_brackets_as_text(runner, tmp_path):
    path = _book(tmp_path / "[bold]分解.xlsx", {"分解": [HEADER, *ROWS]})
    _one_error_line(runner.invoke("check", path, "--sheet", "[/x]"), "“[/x]”")
    _one_error_line(runner.invoke("progress", path, "--period", "[/x]"), "[bold]分解.xlsx")
    _one_error_line(runner.invoke("check", tmp_path / "[/red]" / "无.xlsx"), "[/red]")
    usage = runner.invoke("check", path, "--[/x]")  # a usage error adds the line that points at --help
    assert usage.exit_code == 2 and usage.stderr.splitlines()[0] == "错误：没有这个选项：--[/x]"
    _one_error_line(runner.invoke("new", "-o", tmp_path / "n.xlsx", "--parent", "[/x]"), "“[/x]”")


def test_emoji_codes_stay_as_typed(runner, tmp_path):
    path = _book(tmp_path / "分解.xlsx", {"分解": [HEADER[:1] + ["吴兴:smile:"] + HEADER[2:], *ROWS]})
    assert "吴兴:smile:" in runner.invoke("check", path).stdout
