"""The monthly round: collect returns, fill them as a district does (openpyxl, unlocked cells only), merge them."""

from __future__ import annotations

import os
import shutil

import openpyxl
import pytest

from conftest import EXAMPLES, HUZHOU, PINGHU
from returns_helpers import fill, on_schedule, unlocked
from zhibiao.progress import progress_file
from zhibiao.returns import collect_returns, merge_returns, write_merge
from zhibiao.returns.collect import RETURN_SHEET
from zhibiao.returns.identity import ID_SHEET

PROGRESS_EXAMPLE = EXAMPLES / "湖州2023进度示例.xlsx"
HUZHOU_REGIONS = ["吴兴", "南浔", "德清", "长兴", "安吉", "南太湖新区"]


def _values(path) -> dict:
    """Every sheet's cell values (and fills), to compare two saves of a workbook."""
    wb = openpyxl.load_workbook(path)
    return {ws.title: [[(c.value, c.fill.fgColor.rgb) for c in row] for row in ws.iter_rows()] for ws in wb.worksheets}


def test_collect_writes_one_protected_return_per_region(tmp_path):
    done = collect_returns(HUZHOU, "2023-06", tmp_path)
    assert list(done.files) == HUZHOU_REGIONS
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"2023-06 {r} 进度报送.xlsx" for r in HUZHOU_REGIONS)
    wb = openpyxl.load_workbook(done.files["吴兴"])
    ws = wb[RETURN_SHEET]
    assert ws.protection.sheet and wb.security.lockStructure
    assert [c.value for c in ws[3]] == ["序号", "指标名称", "单位", "年度目标", "上期累计", "本期累计（2023年1-6月）", "备注"]
    rows = range(4, 4 + 16)
    # the targets, names and units are locked; only 本期累计, 备注 and the 报送 block are open
    assert all(ws.cell(r, c).protection.locked is not False for r in rows for c in (1, 2, 3, 4, 5))
    assert {f"F{r}" for r in rows} | {f"G{r}" for r in rows} <= unlocked(ws)
    assert unlocked(ws) - {f"F{r}" for r in rows} - {f"G{r}" for r in rows} == {f"{c}{r}" for c in "CDE" for r in range(21, 25)}
    assert [ws.cell(r, 2).value for r in range(21, 25)] == ["报送单位", "填报人", "联系电话", "报送日期"]
    assert ws["D17"].value == 1500 and ws["C17"].value == "亩" and ws["D19"].value == "4.5(含\n南太湖新区)"
    numeric = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation if dv.type == "decimal"}
    assert "F17" in numeric and "亩" in numeric["F17"].prompt and numeric["F17"].errorStyle == "stop"
    hidden = wb[ID_SHEET]
    assert hidden.sheet_state == "veryHidden"
    pairs = {r[0].value: r[1].value for r in hidden.iter_rows(min_row=2)}
    assert pairs["地区"] == "吴兴" and pairs["期间"] == "2023-06" and pairs["来源工作簿"] == HUZHOU.name
    # 南太湖新区 has no target on the last row (`/`): that input stays locked
    other = openpyxl.load_workbook(done.files["南太湖新区"])[RETURN_SHEET]
    assert other["F19"].value == "不适用" and "F19" not in unlocked(other)


def test_collect_shows_last_period_and_password(tmp_path):
    done = collect_returns(PROGRESS_EXAMPLE, "2023-07", tmp_path, password="abc")
    assert str(done.previous) == "2023-06"
    ws = openpyxl.load_workbook(done.files["德清"])[RETURN_SHEET]
    assert ws["E3"].value == "上期累计（2023年1-6月）"
    assert ws["E4"].value == 1.7 and ws["E16"].value == 140  # 进度 2023-06, 德清
    assert ws.protection.password  # hashed, not empty


@pytest.mark.parametrize("city, regions", [(HUZHOU, HUZHOU_REGIONS), (PINGHU, None)], ids=["huzhou", "pinghu-towns"])
def test_round_trip(tmp_path, city, regions):
    src = tmp_path / city.name
    shutil.copy(city, src)
    done = collect_returns(src, "2023-06", tmp_path / "returns")
    if regions:
        assert list(done.files) == regions
    else:
        assert len(done.files) == 8  # 平湖's eight towns
    for path in done.files.values():
        fill(path, on_schedule(6))
    report = merge_returns(src, list(done.files.values()))
    assert str(report.period) == "2023-06" and report.created and report.missing == []
    assert [f.code for f in report.findings] == []
    out = write_merge(report)
    assert out.name == f"{src.stem}.合并.xlsx" and src.exists()
    progress = progress_file(out, "2023-06")
    reported = {(s.region, s.indicator): s.actual for s in progress.statuses if s.actual is not None}
    plan = on_schedule(6)
    for ind in report.source.indicators:
        for region in report.source.regions:
            expected = plan(ind.display_name, ind.targets[region], None)
            assert reported.get((region, ind.name)) == expected, (region, ind.name)
    assert not [f for f in progress.findings if f.code != "actual-missing" or f.region != report.source.parent]
    wb = openpyxl.load_workbook(out)
    status = wb[f"报送情况 2023-06"]
    assert [status.cell(r, 2).value for r in range(3, 3 + len(done.files))] == ["已报送"] * len(done.files)
    assert status.cell(3, 4).value == "张三" and status.cell(3, 6).value == "2023-07-05"
    # the same returns again, into the merged workbook itself: nothing changes
    before = _values(out)
    again = merge_returns(out, list(done.files.values()))
    assert again.writes == [] and not again.created
    write_merge(again, in_place=True)
    assert _values(out) == before


def test_each_problem_is_found_and_flagged_figures_still_merged(tmp_path):
    src = tmp_path / "湖州.xlsx"
    shutil.copy(PROGRESS_EXAMPLE, src)
    done = collect_returns(src, "2023-07", tmp_path / "r")
    f = done.files
    grow = lambda name, target, previous: previous * 1.1 if isinstance(previous, (int, float)) else None  # noqa: E731

    def but(name_part, value):
        return lambda name, target, previous: value if name_part in name else grow(name, target, previous)

    fill(f["吴兴"], but("腾出用地面积", 900))  # 1020 by June: the cumulative falls
    fill(f["南浔"], but("高耗低效整治企业数", 1310000))  # 131 in June: 元 for 万元
    fill(f["德清"], grow)
    wb = openpyxl.load_workbook(f["德清"])
    wb[RETURN_SHEET]["D17"] = 2500  # the district edits its own target (the sheet has no password)
    wb.save(f["德清"])
    fill(f["长兴"], but("亩均税收", "见备注"))  # text past the validation (pasted)
    os.remove(f["安吉"])  # 安吉 sends nothing
    first = fill(f["南太湖新区"], grow, save_as=tmp_path / "南太湖新区 第一次.xlsx")
    os.utime(first, (1_000_000_000, 1_000_000_000))
    fill(f["南太湖新区"], but("企业数", 33), save_as=tmp_path / "南太湖新区 更正.xlsx")
    june = collect_returns(src, "2023-06", tmp_path / "june").files["吴兴"]
    fill(june, grow)
    stranger = fill(f["德清"], grow, save_as=tmp_path / "余杭.xlsx")
    wb = openpyxl.load_workbook(stranger)
    wb[ID_SHEET]["B7"] = "余杭"
    wb.save(stranger)
    broken = tmp_path / "坏文件.xlsx"
    broken.write_bytes(b"not a workbook")
    returns = [f["吴兴"], f["南浔"], f["德清"], f["长兴"], first, tmp_path / "南太湖新区 更正.xlsx", june, stranger, broken]
    report = merge_returns(src, returns)
    found = sorted({(x.code, x.region) for x in report.findings}, key=str)
    assert found == sorted({
        ("return-decreasing", "吴兴"), ("return-outlier", "南浔"), ("return-target-changed", "德清"),
        ("return-unparsed", "长兴"), ("return-missing", "安吉"), ("return-duplicate", "南太湖新区"),
        ("return-wrong-period", "吴兴"), ("return-unknown-region", None), ("return-unparsed", None),
    }, key=str)
    by_code = {x.code: x for x in report.findings}
    assert by_code["return-decreasing"].cell == "进度报送!F17" and by_code["return-decreasing"].previous == 1020
    assert by_code["return-outlier"].value == 1310000
    assert by_code["return-target-changed"].cell == "进度报送!D17"
    assert by_code["return-duplicate"].file == "南太湖新区 更正.xlsx"
    assert report.missing == ["安吉"]
    out = write_merge(report)
    ws = openpyxl.load_workbook(out)["进度 2023-07"]
    assert ws["B16"].value == "高耗低效整治腾出用地面积(亩)"
    assert ws["C16"].value == 900 and ws["C16"].fill.fgColor.rgb.endswith("FFC7CE")  # merged and marked
    assert "低于上期" in ws["C16"].comment.text
    assert ws["D15"].value == 1310000 and ws["D15"].comment is not None
    assert ws["H15"].value == 33  # the correction won
    assert ws["B6"].value == "规上工业亩均税收(万元/亩)" and ws["F6"].value is None  # 长兴's was text: not merged
    assert ws["G3"].value is None  # 安吉: nothing
    status = openpyxl.load_workbook(out)["报送情况 2023-07"]
    states = {status.cell(r, 1).value: status.cell(r, 2).value for r in range(3, 9)}
    assert states == {"吴兴": "已报送", "南浔": "已报送", "德清": "已报送", "长兴": "已报送", "安吉": "未报送", "南太湖新区": "已报送"}


def test_a_different_figure_is_never_overwritten_without_replace(tmp_path):
    src = tmp_path / "湖州.xlsx"
    shutil.copy(HUZHOU, src)
    path = collect_returns(src, "2023-06", tmp_path / "r").files["吴兴"]
    fill(path, on_schedule(6))
    write_merge(merge_returns(src, [path]), in_place=True)
    fill(path, lambda name, target, previous: 80 if "企业数" in name else on_schedule(6)(name, target, previous))
    conflict = merge_returns(src, [path])
    assert [(x.code, x.value, x.raw) for x in conflict.findings if x.region == "吴兴"] == [("return-conflict", 80, "75")]
    write_merge(conflict, in_place=True)
    assert openpyxl.load_workbook(src)["进度 2023-06"]["C15"].value == 75
    replaced = merge_returns(src, [path], replace=True)
    assert [x.code for x in replaced.findings if x.region == "吴兴"] == ["return-replaced"]
    write_merge(replaced, in_place=True)
    ws = openpyxl.load_workbook(src)["进度 2023-06"]
    assert ws["C15"].value == 80
    # 南浔 reports later, on its own: 吴兴 stays received
    later = merge_returns(src, [fill(collect_returns(src, "2023-06", tmp_path / "r2").files["南浔"], on_schedule(6))])
    assert "吴兴" not in later.missing and "南浔" not in later.missing and "德清" in later.missing


def test_recognised_without_the_hidden_sheet(tmp_path):
    src = tmp_path / "湖州.xlsx"
    shutil.copy(HUZHOU, src)
    path = collect_returns(src, "2023-06", tmp_path / "r").files["长兴"]
    wb = openpyxl.load_workbook(path)
    wb.security = None
    del wb[ID_SHEET]
    wb.save(tmp_path / "长兴区2023年6月报表.xlsx")  # from the file name
    wb.save(tmp_path / "报表.xlsx")  # from the title
    fill(tmp_path / "长兴区2023年6月报表.xlsx", on_schedule(6))
    fill(tmp_path / "报表.xlsx", on_schedule(6))
    by_name = merge_returns(src, [tmp_path / "长兴区2023年6月报表.xlsx"])
    assert [(r["region"], r["recognised_by"]) for r in by_name.returns] == [("长兴", "文件名")]
    by_title = merge_returns(src, [tmp_path / "报表.xlsx"])
    assert [(r["region"], r["period"], r["recognised_by"]) for r in by_title.returns] == [("长兴", "2023-06", "标题")]


def test_percent_typed_as_percent_reads_as_shown(tmp_path):
    src = tmp_path / "湖州.xlsx"
    shutil.copy(HUZHOU, src)
    path = collect_returns(src, "2023-06", tmp_path / "r").files["吴兴"]
    fill(path, on_schedule(6))
    wb = openpyxl.load_workbook(path)
    ws = wb[RETURN_SHEET]
    ws["F5"].value, ws["F5"].number_format = 0.075, "0.0%"  # 7.5% typed into 规上工业增加值增长(%)
    wb.save(path)
    report = merge_returns(src, [path])
    assert [w.value for w in report.writes if (w.row, w.col) == (3, 2)] == [7.5]


def test_cli_collect_and_merge(tmp_path, runner):
    src = tmp_path / "湖州.xlsx"
    shutil.copy(HUZHOU, src)
    made = runner.invoke("collect", src, "--period", "2023-06", "-o", tmp_path / "r")
    assert made.exit_code == 0 and "已生成 6 份报送表" in made.stdout
    for path in sorted((tmp_path / "r").iterdir())[:5]:
        fill(path, on_schedule(6))
    merged = runner.invoke("merge", src, tmp_path / "r", "--json")
    assert merged.exit_code == 0, merged.stderr
    data = merged.json()
    assert set(data) == {"returns", "missing", "findings", "summary"}
    assert len(data["missing"]) == 1 and [f["code"] for f in data["findings"]] == ["return-blank"]
    assert {"code", "severity", "region", "indicator", "cell", "message"} <= set(data["findings"][0])
    assert (tmp_path / "湖州.合并.xlsx").exists() and "已写入" in merged.stderr
    text = runner.invoke("merge", src, tmp_path / "r", "-o", tmp_path / "out.xlsx")
    assert "报送情况" in text.stdout and text.exit_code == 0


@pytest.mark.parametrize("args, words", [
    (["collect", HUZHOU, "--period", "六月"], "无法识别的期间"),
    (["merge", HUZHOU], "请在 FILE 后列出报送表"),
    (["merge", HUZHOU, HUZHOU, "--in-place", "-o", "x.xlsx"], "不能同时使用"),
    (["merge", HUZHOU, EXAMPLES / "湖州2023区县分解.docx"], "无法从报送表识别期间"),
])
def test_cli_bad_input_is_one_line(runner, tmp_path, args, words):
    result = runner.invoke(*args)
    assert result.exit_code == 2 and words in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_file_that_is_no_return_is_a_finding(runner, tmp_path):
    result = runner.invoke("merge", HUZHOU, EXAMPLES / "湖州2023区县分解.docx", "--period", "2023-06", "--json",
                           "-o", tmp_path / "out.xlsx")
    assert result.exit_code == 1
    assert [(f["code"], f["file"]) for f in result.json()["findings"] if f["severity"] == "error"] == [
        ("return-unparsed", "湖州2023区县分解.docx")]
