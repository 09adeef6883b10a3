"""zhibiao (指标): check target-decomposition workbooks, track progress, write briefings."""

from .api import check_file, check_workbook, find_tables
from .codes import CODES, Severity
from .errors import InputError, NoTableFound, UnreadableFile, UsageError, ZhibiaoError
from .expr import Bound, Target, ValueType, parse_target
from .formats import read_workbook
from .grid import Grid, Workbook
from .kinds import Direction, Kind, KindInfo, infer_direction, infer_kind
from .layout import Table, TableKind, detect_table
from .report import Finding, IndicatorResult, Report


def __getattr__(name: str):
    """Progress names load on first use, so `zhibiao check` does not pay for them at start-up."""
    if name in _PROGRESS:
        from . import progress

        return getattr(progress, name)
    raise AttributeError(f"module 'zhibiao' has no attribute {name!r}")


_PROGRESS = ("ProgressReport", "RankRow", "Status", "progress_file", "progress_workbook")

__version__ = "0.1.0"

__all__ = [
    "CODES", "Bound", "Direction", "Finding", "Grid", "IndicatorResult", "InputError", "Kind", "KindInfo",
    "NoTableFound", "Report", "Severity", "Table", "TableKind", "Target", "UnreadableFile", "UsageError",
    "ValueType", "Workbook", "ZhibiaoError", "check_file", "check_workbook", "detect_table", "find_tables",
    "infer_direction", "infer_kind", "parse_target", "read_workbook", *_PROGRESS,
]
