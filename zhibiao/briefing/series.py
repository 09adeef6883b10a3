"""Every 进度 sheet of the report's year, evaluated: the months a 月报 compares and a 年报 sums up."""

from __future__ import annotations

from ..api import find_tables
from ..errors import UsageError
from ..grid import Workbook
from ..progress.period import choose_sheet, progress_sheets
from ..progress.report import ProgressReport, progress_workbook


def progress_series(book: Workbook, period: str | None = None) -> list[ProgressReport]:
    """The chosen period (the latest by default) and every earlier dated 进度 sheet of its year, oldest first."""
    chosen = choose_sheet(book, period)
    year, month = chosen.period.year, chosen.period.month
    periods = sorted({s.period for s in progress_sheets(book)
                      if s.period is not None and s.period.year == year and s.period.month <= month})
    tables, shared = find_tables(book), {}  # the split found, checked and parsed once, not once per period
    series = [progress_workbook(book, str(p), tables=tables, shared=shared) for p in periods]
    filled = [r for r in series if not r.empty]
    if not filled or filled[-1].period != str(chosen.period):
        raise UsageError(f"进度工作表“{chosen.grid.name}”（{chosen.period.label}）还没有填报实际数，无法生成报告")
    return filled


def previous(series: list[ProgressReport], quarter: bool = False) -> ProgressReport | None:
    """The period before the last one (the last quarter's end when `quarter`), or None."""
    last = series[-1]
    earlier = [r for r in series[:-1] if not quarter or r.month % 3 == 0]
    if quarter:
        earlier = [r for r in earlier if r.month <= last.month - 1]
    return earlier[-1] if earlier else None
