"""Paths that were quadratic stay linear: each is timed at 1× and 4× its size and compared by ratio
(CPU time, best of 3; linear work gives about 4, the quadratic versions gave 10–16), or its
operations are counted. Never an absolute time."""

from __future__ import annotations

import gc
import time

import pytest

from openpyxl import Workbook as OpenpyxlWorkbook

from zhibiao.grid import Grid, Workbook
from zhibiao.progress.rank import places
from zhibiao.progress.report import progress_workbook
from zhibiao.workbook import package_copy, write_file, write_openpyxl
from zhibiao.workbook.plan import Mark, ResultSheet, WritePlan

LINEAR = 7.0  # bound on the 4× / 1× ratio


def _cpu(call, repeat: int = 3) -> float:
    """Best of `repeat`, the collector off while timing: late in the suite the heap is large and a full collection
    landing in one run (0.1 s and more) is not the code measured (test_progress_is_linear_in_regions read 7.8 once)."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            call()
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best


def _ratio(make, small: int) -> float:
    """CPU time of make(4 × small)() over make(small)(); each call is timed after one warm-up."""
    calls = [make(small), make(4 * small)]
    calls[0]()
    return _cpu(calls[1]) / _cpu(calls[0])


@pytest.mark.parametrize("copied", [True, False], ids=["package copy", "openpyxl"])
def test_write_back_is_linear_in_marks_and_result_rows(tmp_path, monkeypatch, copied):
    """Both ways of writing: a first write copies the package (package_copy), a second one loads it in openpyxl."""
    if not copied:
        monkeypatch.setattr(write_file, "_copied", lambda *args: False)
    src = tmp_path / "src.xlsx"
    wb = OpenpyxlWorkbook()
    ws = wb.active
    ws.title = "进度"
    for r in range(400):
        ws.append([f"指标{r}"] + [float(c) for c in range(40)])
    wb.save(src)

    def make(n: int):
        marks = [Mark("进度", r, 1 + c, "red", f"红灯：完成{r}%") for r in range(n // 40) for c in range(40)]
        rows = [[f"指标{i}", "地区", 1.5, 2.0, "50%", "50%", 3.2, "红", "落后", f"进度!B{i + 1}", "处"] for i in range(n)]
        sheet = ResultSheet("进度结果", ["指标"] * 11, rows, {(i, 9): f"进度!B{i + 1}" for i in range(n)}, ["red"] * n, "汇总")
        plan = WritePlan([sheet], marks, [], ("进度结果",))
        if copied:  # the way a first write goes
            copy = package_copy.prepare(src, plan)
            assert copy is not None
            copy.close()
        return lambda: write_openpyxl.write(src, plan, tmp_path / f"out{n}.xlsx")

    assert _ratio(make, 2000) < LINEAR


def test_state_records_are_counted_not_rescanned(monkeypatch):
    """_zhibiao's rows are appended by a counter: Worksheet.max_row (a scan of every cell) is not asked per record."""
    from openpyxl.worksheet.worksheet import Worksheet

    asked = []
    real = Worksheet.max_row
    monkeypatch.setattr(Worksheet, "max_row", property(lambda ws: asked.append(1) or real.fget(ws)))
    records = [write_openpyxl.record("o", "cell", "S", f"A{i}", {"fill": "x"}, {"fill": "y"}) for i in range(500)]
    write_openpyxl._save_records(OpenpyxlWorkbook(), records)
    assert len(asked) < 5


def test_race_places_are_linear_in_regions():
    """Places were counted region against region (quadratic); a region's ties come from one grouping."""
    def make(n: int):
        values = {f"地区{j}": float((j * 7919) % n) for j in range(n)}
        return lambda: (places(values, True), places(values, False))

    assert _ratio(make, 5000) < LINEAR
    assert places({"甲": 3.0, "乙": 5.0, "丙": 5.0, "丁": 1.0}, True) == {"甲": 3, "乙": 1, "丙": 1, "丁": 4}
    assert places({"甲": 3.0, "乙": 5.0, "丙": 5.0, "丁": 1.0}, False) == {"甲": 2, "乙": 3, "丙": 3, "丁": 1}


def _progress_book(regions: int) -> Workbook:
    header = ["指标名称"] + [f"地区{j}" for j in range(regions)] + ["全市"]
    split = [header] + [[f"指标{i}(家)"] + [10.0] * regions + [10.0 * regions] for i in range(20)]
    # figures all different: tied regions list each other (a tie of k regions writes k × (k - 1) names), and
    # with a handful of values among 400 regions that output alone would grow with the square of the regions
    actual = [header] + [[f"指标{i}(家)"] + [j % 9 + j / 1000 for j in range(regions)] + [4.0 * regions] for i in range(20)]
    return Workbook(None, [Grid("分解", split), Grid("进度 2023-06", actual)])


def test_progress_is_linear_in_regions():
    """The 进度 sheet's value columns were looked up per cell (quadratic in regions)."""
    def make(n: int):
        book = _progress_book(n)
        return lambda: progress_workbook(book).dumps()

    assert _ratio(make, 100) < LINEAR


def test_uniform_rows_need_no_tolerance_per_equal_cell(monkeypatch):
    """A uniform row computes a tolerance only for the cells short of the parent (it was one per cell)."""
    from zhibiao.api import check_workbook
    from zhibiao.checks import rates

    calls = []
    real = rates.tolerance
    monkeypatch.setattr(rates, "tolerance", lambda *a: calls.append(a) or real(*a))
    values = [12.0] * 1000
    values[10] = values[500] = values[900] = 11.0
    header = ["指标名称", "汇总方式"] + [f"地区{j}" for j in range(1000)] + ["全市"]
    grid = Grid("分解", [header, ["制造业投资增长(%)", "统一"] + values + [12.0]])
    report = check_workbook(Workbook(None, [grid]))
    assert [f.region for f in report.findings if f.code == "uniform-below"] == ["地区10", "地区500", "地区900"]
    assert len(calls) == 3


def test_progress_is_linear_in_indicators():
    """Rows of the split and of the 进度 sheet are paired by name and their cells evaluated row by row."""
    def make(n: int):
        header = ["指标名称", "甲区", "乙区", "丙区", "全市"]
        split = [header] + [[f"指标{i}(家)", 10.0, 20.0, 30.0, 60.0] for i in range(n)]
        actual = [header] + [[f"指标{i}(家)", float(i % 7), 9.0, "", 20.0] for i in reversed(range(n))]
        book = Workbook(None, [Grid("分解", split), Grid("进度 2023-06", actual)])
        return lambda: progress_workbook(book).dumps()

    assert _ratio(make, 300) < LINEAR


def test_uncached_formula_notes_are_found_by_position(monkeypatch):
    """Each actual that is a formula without a saved result finds its status by position (was a comparison with
    every status per finding: quadratic in a 进度 sheet of formulas). Positions count their comparisons."""
    from zhibiao.progress import match
    from zhibiao.progress.status import Status
    from zhibiao.report import Finding

    compared = []

    class At(tuple):
        def __eq__(self, other):
            compared.append(1)
            return tuple.__eq__(self, other)

        __hash__ = tuple.__hash__

    def status(i: int) -> Status:
        return Status("指标", f"地区{i}", None, 1.0, None, None, None, None, "sum", "higher", f"B{i}", None, None,
                      position=At((i, 1)))

    n = 2000
    statuses = [status(i) for i in range(n)]
    findings = [Finding("formula-uncached", "", position=At((i, 1))) for i in range(0, n, 2)]
    monkeypatch.setattr(match, "mark_uncached_formulas", lambda book, found, codes: found)
    match.explain_uncached(None, findings, statuses)
    assert len(compared) < 4 * n
    assert [s.note is not None for s in statuses[:4]] == [True, False, True, False]
