"""zhibiao (指标): check target-decomposition workbooks, track progress, write briefings."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

# Every public name loads on first use: `zhibiao --help` and `zhibiao check` import only what they run
# (the command line lives inside this package, so whatever this file imports, every command pays for).
_MODULES = {
    "api": ("check_file", "check_workbook", "find_tables"),
    "codes": ("CODES", "Severity"),
    "errors": ("InputError", "NoTableFound", "UnreadableFile", "UsageError", "ZhibiaoError"),
    "expr": ("Bound", "Target", "ValueType", "parse_target"),
    "formats": ("read_workbook",),
    "grid": ("Grid", "Workbook"),
    "kinds": ("Direction", "Kind", "KindInfo", "infer_direction", "infer_kind"),
    "layout": ("Table", "TableKind", "detect_table"),
    "report": ("Finding", "IndicatorResult", "Report"),
    "progress": ("ProgressReport", "RankRow", "Status", "progress_file", "progress_workbook"),
}
_HOME = {name: module for module, names in _MODULES.items() for name in names}

if TYPE_CHECKING:
    from .api import check_file, check_workbook, find_tables
    from .codes import CODES, Severity
    from .errors import InputError, NoTableFound, UnreadableFile, UsageError, ZhibiaoError
    from .expr import Bound, Target, ValueType, parse_target
    from .formats import read_workbook
    from .grid import Grid, Workbook
    from .kinds import Direction, Kind, KindInfo, infer_direction, infer_kind
    from .layout import Table, TableKind, detect_table
    from .progress import ProgressReport, RankRow, Status, progress_file, progress_workbook
    from .report import Finding, IndicatorResult, Report


def __getattr__(name: str):
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'zhibiao' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOME))


__version__ = "0.1.0"

__all__ = sorted(_HOME)
