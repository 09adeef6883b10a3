"""zhibiao demo: the bundled 湖州 example through check, progress and the briefing."""

from __future__ import annotations

from .app import EXAMPLES, app, fail, out
from .check import print_report


@app.command("demo", short_help="用内置示例演示。", help="用内置的湖州 2023 年区县分解表演示核对、进度和简报，再用虚构的重大项目清单演示 zhibiao projects。")
def demo_cmd() -> None:
    from ..api import check_file

    path = EXAMPLES / "湖州2023区县分解.xlsx"
    if not path.exists():
        fail(f"找不到内置示例：{path}（请在源码目录中运行）")
    out.print(f"示例：{path.relative_to(EXAMPLES.parent.parent)}（来源：湖政办发〔2023〕22号 附件1 主要指标各区县任务分解表）\n")
    report = check_file(path)
    print_report(report, path.name)
    _demo_progress()
    _demo_round()
    _demo_briefing()
    _demo_projects()


def _demo_progress() -> None:
    """The progress part of the demo: the same 湖州 targets with invented half-year figures."""
    from ..progress.report import progress_file
    from ..progress.terminal import print_progress

    path = EXAMPLES / "湖州2023进度示例.xlsx"
    if not path.exists():
        fail(f"找不到内置示例：{path}（请在源码目录中运行）")
    out.print(f"\n进度示例：{path.relative_to(EXAMPLES.parent.parent)}（目标同上；实际完成数为演示虚构，并非统计数据）\n")
    print_progress(out, progress_file(path), path.name)


def _demo_briefing() -> None:
    """The briefing part of the demo, written into demo-output/."""
    from ..briefing import render_briefing

    path = EXAMPLES / "湖州2023进度示例.xlsx"
    target = EXAMPLES.parent.parent / "demo-output"
    from .brief import briefing_fonts
    from ..briefing.fonts import substitution_note
    from ..formats import read_workbook

    book = read_workbook(path)  # read once: the briefing and its font note
    out.print("\n简报（进度数据为演示虚构）：")
    for written in render_briefing(book, out_dir=target, stem="湖州2023简报示例"):
        out.print(f"  {written}")
    if note := substitution_note(briefing_fonts(book)):
        out.print(f"  提示：{note}", markup=False)


def _demo_projects() -> None:
    """The major-project part of the demo: an invented project list, its lights and its briefing."""
    from ..briefing import render_briefing
    from ..projects.report import projects_file
    from ..projects.terminal import print_projects

    path = EXAMPLES / "重大项目示例.xlsx"
    if not path.exists():
        fail(f"找不到内置示例：{path}（请在源码目录中运行）")
    out.print(f"\n重大项目示例：{path.relative_to(EXAMPLES.parent.parent)}（项目和数字均为演示虚构，并非实际项目）\n")
    print_projects(out, projects_file(path), path.name)
    target = EXAMPLES.parent.parent / "demo-output"
    out.print("\n重大项目简报（演示虚构）：")
    for written in render_briefing(path, out_dir=target, stem="重大项目简报示例"):
        out.print(f"  {written}")


def _demo_round() -> None:
    """One monthly round: July returns collected, filled as districts would (invented figures), merged."""
    from ..returns import collect_returns, merge_returns, write_merge
    from .merge import print_merge

    path = EXAMPLES / "湖州2023进度示例.xlsx"
    target = EXAMPLES.parent.parent / "demo-output"
    done = collect_returns(path, "2023-07", target / "报送表 2023-07")
    out.print(f"\n月调度示例：zhibiao collect 生成 {len(done.files)} 份报送表（{done.folder.name}），"
              "各区县填报（演示虚构：南浔一项数字多打了一个0，安吉未报送），zhibiao merge 合并：")
    del done.files["安吉"]
    for region, file in done.files.items():
        _fill_like_a_district(file, slip=region == "南浔")
    report = merge_returns(path, list(done.files.values()))
    print_merge(report)
    out.print(f"  {write_merge(report, target / '湖州2023进度示例.合并.xlsx')}", markup=False)


def _fill_like_a_district(path, slip: bool) -> None:
    """Invented July figures: June's cumulative carried on by a month (rates as June's), typed into the open cells."""
    import openpyxl

    from ..returns.collect import HEADER_ROW, RETURN_SHEET

    wb = openpyxl.load_workbook(path)
    ws = wb[RETURN_SHEET]
    for r in range(HEADER_ROW + 1, ws.max_row + 1):
        june, cell = ws.cell(r, 5).value, ws.cell(r, 6)
        if cell.protection.locked is False and isinstance(june, (int, float)) and isinstance(ws.cell(r, 1).value, int):
            additive = "%" not in str(ws.cell(r, 3).value) and "/" not in str(ws.cell(r, 3).value)
            cell.value = round(june * 7 / 6, 2) if additive else june
            if slip and "企业数" in str(ws.cell(r, 2).value):
                cell.value = cell.value * 10
        if ws.cell(r, 2).value == "填报人":
            ws.cell(r, 3).value = "（演示）"
    wb.save(path)
