"""Findings of the round (报送) and of the levels (层级): the codes of zhibiao.codes, with the return's file."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..codes import CODES, SEVERITY_ORDER
from ..report import Coded

# the JSON interface: every finding has these keys (null when not applicable)
JSON_FIELDS = ("code", "severity", "region", "indicator", "cell", "message", "file", "value", "previous",
               "expected", "raw", "target_cell", "lower_cell", "gap")


@dataclass
class RoundFinding(Coded):
    """One problem with a return or a level; `cell` is in the return (merge) or the upper workbook (levels)."""

    JSON_FIELDS = JSON_FIELDS

    code: str
    message: str
    region: str | None = None
    indicator: str | None = None
    cell: str | None = None  # in the return (merge), in the upper workbook (levels)
    file: str | None = None  # the return's (or lower workbook's) file name
    value: float | None = None
    previous: float | None = None
    expected: float | None = None
    raw: str | None = None
    target_cell: str | None = None  # merge: the cell of the city's 进度 sheet the figure goes to
    lower_cell: str | None = None  # levels: the lower workbook's cell
    gap: float | None = None
    # (sheet, row, col) 0-based on the city workbook, for marking the cell; not part of the JSON
    mark: tuple[str, int, int] | None = field(default=None, repr=False, compare=False)


def make(code: str, fields: dict | None = None, **where) -> RoundFinding:
    """A finding whose message is the code's template filled with `fields`."""
    message = CODES[code][1].format(**(fields or {}))
    return RoundFinding(code, message, **where)


def order(f: RoundFinding) -> tuple:
    """Errors first; otherwise in the order found (regions and indicators as in the split)."""
    return SEVERITY_ORDER[f.severity]
