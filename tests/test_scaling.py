"""Paths that were quadratic stay linear. Where the quadratic version did an operation per row again and again
(rescans of a sheet, comparisons, lookups, tolerance() calls), that operation is counted at two sizes: exact, never
flaky. Where only time will do, CPU time at 1× and 8× the size is compared by ratio (best of N, the collector off:
tests/cpu_time.py), never an absolute time; the bound, LINEAR, sits midway on a log scale between what the linear
code gives (7–8) and what the quadratic versions put back gave (30 and more). Each test says what both gave."""

from __future__ import annotations

from collections import Counter

import pytest

from openpyxl import Workbook as OpenpyxlWorkbook

from cpu_time import best_cpu
from zhibiao.grid import Grid, Workbook
from zhibiao.progress.rank import places
from zhibiao.progress.report import progress_workbook
from zhibiao.workbook import package_copy, write_file, write_openpyxl
from zhibiao.workbook.plan import Mark, ResultSheet, WritePlan

LINEAR = 15.0  # bound on the CPU-time ratio at 8× the size over 1×: linear gives about 8, quadratic about 64


def _ratio(make, small: int, repeat: int = 3) -> float:
    """CPU time of make(8 × small)() over make(small)(); each timed after one warm-up."""
    calls = [make(small), make(8 * small)]
    calls[0]()
    return best_cpu(calls[1], repeat) / best_cpu(calls[0], repeat)


def _counting(monkeypatch, owner, names, counts: Counter) -> None:
    """Count each use of the properties or methods `names` of `owner` in `counts`."""
    for name in names:
        real = owner.__dict__[name]
        if isinstance(real, property):
            wrapped = property(lambda obj, real=real, name=name: counts.update([name]) or real.fget(obj))
        else:
            def wrapped(*args, real=real, name=name, **kwargs):
                counts.update([name])
                return real(*args, **kwargs)
        monkeypatch.setattr(owner, name, wrapped)


@pytest.mark.parametrize("copied", [True, False], ids=["package copy", "openpyxl"])
def test_write_back_is_linear_in_marks_and_result_rows(tmp_path, monkeypatch, copied):
    """Both ways of writing: a first write copies the package (package_copy), a second one loads it in openpyxl.

    Counted, at 400 and 1,600 marks and result rows: openpyxl's scans of a whole sheet (max_row and its kind, each
    a pass over every cell) and the parts read from the zips stay as many. _zhibiao's records appended with
    ws.max_row and ws[row] per record (before 4ca9e1d), put back: max_row asked 401 → 1,601 times.
    Timed at 500 and 4,000: the package copy gives 5.7–6.3, openpyxl's way 3.8 (loading the workbook is a fixed
    cost); those records put back gave 27. No quadratic version of the package copy is known: it is timed anyway."""
    import zipfile

    from openpyxl.worksheet.worksheet import Worksheet

    if not copied:
        monkeypatch.setattr(write_file, "_copied", lambda *args: False)
    src = tmp_path / "src.xlsx"
    wb = OpenpyxlWorkbook()
    ws = wb.active
    ws.title = "进度"
    for r in range(50):  # small: loading it is the fixed cost of openpyxl's way
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

    assert _ratio(make, 500) < LINEAR
    with monkeypatch.context() as m:
        counts = [Counter(), Counter()]
        for n, counted in zip((400, 1600), counts):
            write = make(n)
            _counting(m, Worksheet, ["max_row", "max_column", "min_row", "min_column", "calculate_dimension"], counted)
            _counting(m, zipfile.ZipFile, ["open", "read"], counted)
            write()
            m.undo()
    assert counts[0] == counts[1] and counts[0]["open"] > 0, counts
    assert counts[0]["max_row"] == (0 if copied else 1), counts


def test_state_records_are_counted_not_rescanned(monkeypatch):
    """_zhibiao's rows are appended by a counter: Worksheet.max_row (a scan of every cell) is not asked per record."""
    from openpyxl.worksheet.worksheet import Worksheet

    asked = []
    real = Worksheet.max_row
    monkeypatch.setattr(Worksheet, "max_row", property(lambda ws: asked.append(1) or real.fget(ws)))
    records = [write_openpyxl.record("o", "cell", "S", f"A{i}", {"fill": "x"}, {"fill": "y"}) for i in range(500)]
    write_openpyxl._save_records(OpenpyxlWorkbook(), records)
    assert len(asked) < 5


def _counted(compare):
    def counted(self, other):
        _Figure.compared += 1
        return compare(self, other)
    return counted


class _Figure(float):
    """A figure that counts its comparisons (and stays one when rounded)."""

    compared = 0
    __lt__, __le__, __gt__, __ge__ = map(_counted, (float.__lt__, float.__le__, float.__gt__, float.__ge__))
    __eq__, __hash__ = _counted(float.__eq__), float.__hash__

    def __round__(self, ndigits=None):
        return _Figure(float.__round__(self, ndigits))


@pytest.mark.parametrize("kind", [float, _Figure], ids=["floats", "other numbers"])
def test_race_places_are_linear_in_regions(monkeypatch, kind):
    """Places were counted region against region (before 68d8c11): 2,000,000 comparisons at 1,000 regions (both
    directions), 16× that at 4,000. Sorting and bisecting: 37,005 → 172,497, 4.7× (n log n). Counted both ways
    places rounds (floats by round6, other numbers by round); the region-against-region version, put back, rounds
    floats with round and so leaves nothing to count on the first way: it fails there by the count's floor."""
    from zhibiao.progress import rank

    monkeypatch.setattr(rank, "round6", lambda x, real=rank.round6: _Figure(real(x)))  # floats' way of rounding

    def compared(n: int) -> int:
        values = {f"地区{j}": kind((j * 7919) % n) for j in range(n)}
        _Figure.compared = 0
        places(values, True), places(values, False)
        return _Figure.compared

    small, large = compared(1000), compared(4000)
    assert small > 1000 and large < 8 * small, (small, large)
    assert places({"甲": 3.0, "乙": 5.0, "丙": 5.0, "丁": 1.0}, True) == {"甲": 3, "乙": 1, "丙": 1, "丁": 4}
    assert places({"甲": 3.0, "乙": 5.0, "丙": 5.0, "丁": 1.0}, False) == {"甲": 2, "乙": 3, "丙": 3, "丁": 1}


def _progress_book(regions: int) -> Workbook:
    header = ["指标名称"] + [f"地区{j}" for j in range(regions)] + ["全市"]
    split = [header] + [[f"指标{i}(家)"] + [10.0] * regions + [10.0 * regions] for i in range(20)]
    # figures all different: tied regions list each other (a tie of k regions writes k × (k - 1) names), and
    # with a handful of values among 400 regions that output alone would grow with the square of the regions
    actual = [header] + [[f"指标{i}(家)"] + [j % 9 + j / 1000 for j in range(regions)] + [4.0 * regions] for i in range(20)]
    return Workbook(None, [Grid("分解", split), Grid("进度 2023-06", actual)])


def test_progress_is_linear_in_regions(monkeypatch):
    """The 进度 sheet's value columns were looked up per cell (quadratic in regions, before 30945c1 and 68d8c11).

    Counted: Table.value_columns is built as often at 400 regions as at 100 (per cell, put back: 4,000 → 16,000).
    Timed at 100 and 800 regions, the report and its statuses' JSON: 7–8; the per-cell lookup put back gave 34–35.
    Not timed: the overall 赛马 table, whose tie texts grow with the square of a tie (each of k regions tied at
    0 points lists the k − 1 others, and at most 20 places score), so dumps() gives 5.8 at 4× even when linear."""
    from zhibiao.json_text import dumps_indented
    from zhibiao.layout import Table

    def make(n: int):
        book = _progress_book(n)
        return lambda: dumps_indented([s.to_json() for s in progress_workbook(book).statuses])

    assert _ratio(make, 100, 5) < LINEAR
    builds = []
    for n in (100, 400):
        book = _progress_book(n)
        with monkeypatch.context() as m:
            counts = Counter()
            _counting(m, Table, ["value_columns"], counts)
            progress_workbook(book).dumps()
        builds.append(counts["value_columns"])
    assert builds[0] == builds[1] and builds[0] > 0, builds


class _Places(dict):
    """Places by region that count the entries their readers pass over (a whole pass each time they are read)."""

    visited = 0

    def _pass(self):
        _Places.visited += len(self)

    def items(self):
        self._pass()
        return dict.items(self)

    def values(self):
        self._pass()
        return dict.values(self)

    def keys(self):
        self._pass()
        return dict.keys(self)

    def __iter__(self):
        self._pass()
        return dict.__iter__(self)


def test_race_ties_are_grouped_once_per_indicator(monkeypatch):
    """Each region's tied_with went through every region's place on the indicator (before 68d8c11: a pass per
    entrant; put back, 200,000 → 3,200,000 places passed over at 100 → 400 regions of 20 indicators). Ties are
    grouped once per indicator: 2,000 → 8,000. Counted, as the 赛马 table is not timed
    (test_progress_is_linear_in_regions)."""
    from zhibiao.progress import rank

    monkeypatch.setattr(rank, "places", lambda values, higher, real=rank.places: _Places(real(values, higher)))
    visited = []
    for n in (100, 400):
        report = progress_workbook(_progress_book(n))
        _Places.visited = 0
        rank.rank_regions(report.statuses, report.regions, report.weights, report.rules.method)
        visited.append(_Places.visited)
    assert visited[0] >= 20 * 100 and visited[1] <= 4 * visited[0], visited


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


def test_progress_is_linear_in_indicators(monkeypatch):
    """Rows of the split and of the 进度 sheet are paired by name (a dict of their keys) and their cells evaluated row
    by row. The 进度 rows come in reverse order, so a pairing that scanned them would be quadratic.

    Counted: match._key, the name each row is paired by, at 300 and 1,200 indicators: 4× (a scan put back: 16×).
    Timed at 150 and 1,200 indicators, the whole report's JSON: 7–8; the scan put back gave 30."""
    from zhibiao.progress import match

    def book(n: int) -> Workbook:
        header = ["指标名称", "甲区", "乙区", "丙区", "全市"]
        split = [header] + [[f"指标{i}(家)", 10.0, 20.0, 30.0, 60.0] for i in range(n)]
        actual = [header] + [[f"指标{i}(家)", float(i % 7), 9.0, "", 20.0] for i in reversed(range(n))]
        return Workbook(None, [Grid("分解", split), Grid("进度 2023-06", actual)])

    def make(n: int):
        b = book(n)
        return lambda: progress_workbook(b).dumps()

    assert _ratio(make, 150) < LINEAR
    keys = []
    for n in (300, 1200):
        b = book(n)
        with monkeypatch.context() as m:
            counts = Counter()
            _counting(m, match, ["_key"], counts)
            progress_workbook(b)
        keys.append(counts["_key"])
    assert 300 <= keys[0] and keys[1] <= 4 * keys[0], keys


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
