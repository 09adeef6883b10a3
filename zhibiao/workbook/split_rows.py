"""The rows of the template's 分解 sheet: the indicators filled in (zhibiao import), then blank rows, each with
its 分解合计 and 差额 formulas; what each cell holds, its look, and the row's height."""

from __future__ import annotations

import re
from itertools import compress, count, repeat
from operator import gt

from .body import Row
from .plan import FORMULA_START
from .result_sheet import _lines
from .spec import DIFF, LEAD, RESPONSIBLE, TOTAL, TemplateRow, TemplateSpec
from .stream_rows import Formula

_PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_MAX_TEXT = 32767  # what a cell keeps of a longer text (openpyxl cuts it)
_NUMBERS = (int, float, bool)
_SIMPLE = {type(None), str, int, float, bool}


def cell_value(raw):
    """A target as written; a plain number from a Word table becomes a number, so formulas can add it."""
    if isinstance(raw, str) and _PLAIN_NUMBER.match(raw.strip()):
        number = float(raw.strip())
        return int(number) if number.is_integer() and "." not in raw else number
    return raw


def total_formula(regions: str, method: str) -> str:
    """分解合计: the regions' sum on a 合计 row, blank while a region holds a figure as text.

    SUM skips text, so `90家` would be left out and the 差额 would contradict the check; a cell that
    reads not applicable (`/`, `-`, `—`) is no figure and does not blank it.
    """
    text = f"COUNTA({regions})-COUNT({regions})"
    not_applicable = "+".join(f'COUNTIF({regions},"{mark}")' for mark in ("/", "-", "—"))
    return f'=IF(AND({method}="合计",COUNT({regions})>0,{text}={not_applicable}),ROUND(SUM({regions}),6),"")'


def split_widths(spec: TemplateSpec) -> list[float]:
    """分解's column widths."""
    widths = {"序号": 6, "类别": 12, "指标名称": 34, "单位": 9, "汇总方式": 11, "权重依据": 25, "方向": 10,
              spec.parent: 10, TOTAL: 10, DIFF: 9, RESPONSIBLE: 14}
    return [widths.get(label, max(9, 2 * len(label) + 2)) for label in spec.header()]


class SplitRows:
    """make(r, full) for body.Body: the 分解 row r. Keys are (look, text marked as text); looks are "center",
    "left" (类别, 指标名称, 责任部门) and "calc" (the formula columns)."""

    def __init__(self, spec: TemplateSpec):
        header = spec.header()
        self.spec, self.width = spec, len(header)
        self.total, self.diff, self.responsible = spec.col(TOTAL), spec.col(DIFF), spec.col(RESPONSIBLE)
        left = {spec.col("类别"), spec.col("指标名称"), self.responsible}
        self.looks = ["calc" if c in (self.total, self.diff) else "left" if c in left else "center" for c in range(self.width)]
        self.keys = tuple((look, False) for look in self.looks)
        self.slots = len(spec.regions) + 1  # the value columns: the regions, the parent
        self.rooms = [max(w - 1.5, 1) for w in split_widths(spec)]
        self.target_rooms = self.rooms[len(LEAD):len(LEAD) + self.slots]
        self.letters = {label: spec.letter(label) for label in (TOTAL, DIFF, "汇总方式", spec.parent)}
        self.regions = f"{spec.letter(spec.regions[0])}{{r}}:{spec.letter(spec.regions[-1])}{{r}}"

    def formulas(self, r: int) -> tuple[Formula, Formula]:
        total, diff, method, parent = (self.letters[k] for k in (TOTAL, DIFF, "汇总方式", self.spec.parent))
        return (Formula(total_formula(self.regions.format(r=r), f"${method}{r}")),
                Formula(f'=IF(AND(ISNUMBER({total}{r}),ISNUMBER({parent}{r})),ROUND({total}{r}-{parent}{r},6),"")'))

    def __call__(self, r: int, full: bool) -> Row:
        values = [None] * self.width
        values[self.total], values[self.diff] = self.formulas(r)
        i = r - self.spec.first_row
        if i >= len(self.spec.indicators):
            return Row(values, self.keys)
        return self.filled(values, self.spec.indicators[i], full)

    def filled(self, values: list, row: TemplateRow, full: bool) -> Row:
        lead = len(LEAD)
        values[:lead] = row.lead
        targets = row.values
        if len(targets) > self.slots:  # more targets than value columns: never from a table read
            raise ValueError(f"{len(targets)} targets for {self.slots} columns")
        values[lead:lead + len(targets)] = targets
        texts = list(compress(count(lead), map(isinstance, targets, repeat(str))))
        for j in texts:
            values[j] = cell_value(values[j])
        covered = [j for first, last in row.spans.items() for j in range(first + 1, last + 1)]
        for j in covered:
            values[lead + j] = None
        values[self.responsible] = row.responsible
        keys = self.keys
        marked = [c for c in (*range(lead), *texts, self.responsible) if _marked(values[c])]
        if marked:
            keys = list(keys)
            for c in marked:
                keys[c] = (self.looks[c], True)
            keys = tuple(keys)
        merges = tuple((lead + first, lead + last) for first, last in row.spans.items())
        height = None
        if full:
            if row.spans:
                lines = self.every_line(values, {self.total, self.diff} | {lead + j for j in row.spans} | {lead + j for j in covered})
            else:
                lines = self.lines(values, lead + len(targets), texts)
            height = 15 * lines + 3 if lines > 1 else None  # wrapped names and values show whole, as in the source
        return Row(values, keys, height, merges)

    def lines(self, values: list, end: int, texts: list[int]) -> int:
        """every_line(values, the formula columns) for a row without merges, a cell at a time only where text may
        wrap: the lead columns, the targets written as text, 责任部门; the numbers as a whole."""
        lead, rooms = len(LEAD), self.rooms
        targets = values[lead:end]
        if not set(map(type, targets)) <= _SIMPLE:
            return self.every_line(values, {self.total, self.diff})
        most = max(_lines(_cut(values[c]), rooms[c]) for c in (*range(lead), *texts, self.responsible))
        # a number's digits are ASCII, one unit each: it wraps only when they outrun its column's room
        lengths = map(len, map(str, targets))
        for j in compress(count(), map(gt, lengths, self.target_rooms)):
            if isinstance(targets[j], _NUMBERS):
                most = max(most, _lines(targets[j], rooms[lead + j]))
        return most

    def every_line(self, values: list, skip: set[int]) -> int:
        """The most lines a cell of the row wraps to (zhibiao.workbook.result_sheet.line_count), skipped columns aside."""
        return max(_lines(_cut(value), room) for c, (value, room) in enumerate(zip(values, self.rooms)) if c not in skip)


def _cut(value):
    """What a cell keeps of a value (openpyxl cuts text at 32,767 characters)."""
    return value[:_MAX_TEXT] if value.__class__ is str else value


def _marked(value) -> bool:
    """Text that would start a formula: put_value writes it as text, marked so (quotePrefix)."""
    return isinstance(value, str) and value.startswith(FORMULA_START)
