"""Pair the split's rows and regions with the 进度 sheet's cells and evaluate each pair."""

from __future__ import annotations

from .. import steps
from ..api import mark_uncached_formulas
from ..basis import find_basis
from ..checks import check_table
from ..codes import CODES
from ..expr import ValueType, normalize_text, parse_target
from ..grid import Workbook
from ..kinds import infer_direction, infer_kind, split_unit
from ..layout import IndicatorRow, Role, Table
from .period import ProgressSheet
from .rules import Rules
from .status import Status, direction_of, evaluate, no_light_reason, target_value
from ..report import Finding


def _key(name: str) -> str:
    """Match names across sheets: white space, quotes and full-width brackets ignored (NFKC folds （） to ())."""
    return normalize_text(name).replace("“", "").replace("”", "").replace('"', "")


def _is_percent(row: IndicatorRow) -> bool:
    """A row whose figures are percentages: (%) in the name or % in its 单位 cell."""
    return "%" in row.name or "%" in (row.unit or "")


class Builder:
    """Walks the split's rows and regions, pairs each with the 进度 sheet's cell, and evaluates it."""

    def __init__(self, target: Table, actuals: Table, chosen: ProgressSheet, rules: Rules, findings: list[Finding], book,
                 shared: dict | None = None):
        self.target, self.actuals, self.chosen, self.rules, self.findings = target, actuals, chosen, rules, findings
        self.grid = actuals.grid
        self.month = chosen.period.month
        self.statuses: list[Status] = []
        self.weights: dict[str, float] = {}
        self.matched: set[int] = set()  # rows of the 进度 sheet paired with a split row
        # Table.value_columns is built on each access: once here, not once per cell
        self._actual_at = {c.index: i for i, c in reversed(list(enumerate(actuals.value_columns)))}
        # the split's side (its check, each row's parsed targets and their cells) is the same for every 进度
        # sheet: a caller evaluating many periods passes one `shared` dict and it is worked out once
        shared = {} if shared is None else shared
        if shared.get("target") is not target:
            scratch: list[Finding] = []  # the split's own problems are `zhibiao check`'s business
            shared.clear()
            shared.update(target=target, results=check_table(target, find_basis(book), scratch), rows={},
                          target_cols=[c.index for c in target.value_columns])
        self.results, self._rows, self._target_cols = shared["results"], shared["rows"], shared["target_cols"]

    def run(self) -> None:
        """Evaluate every indicator × region of the split; unmatched rows and regions become findings."""
        rows = {}
        for row in self.actuals.rows:
            rows.setdefault(_key(row.name), row)
            rows.setdefault(_key(split_unit(row.name)[0]), row)
        matched = self.matched
        columns = self._columns()
        self._weights()
        counted = steps.counted(self.target.rows, f"正在评价 {len(self.target.rows)} 项指标的进度")
        for trow, result in zip(counted, self.results):
            arow = rows.get(_key(trow.name)) or rows.get(_key(split_unit(trow.name)[0]))
            if arow is None:
                self._add("progress-row-missing", trow, None, None, sheet=self.grid.name,
                          message=CODES["progress-row-missing"][1].format(sheet=self.grid.name))
            else:
                matched.add(arow.row)
            self._row(trow, arow, result, columns)
        name_col = next(c.index for c in self.actuals.columns if c.role is Role.NAME)
        for arow in self.actuals.rows:
            if arow.row not in matched:
                self._add("progress-unmatched", arow, None, name_col, raw=arow.display_name,
                          message=CODES["progress-unmatched"][1].format(raw=arow.display_name, what="指标"))

    def _columns(self) -> list[tuple[str, int, int | None, bool]]:
        """(region, target column, 进度 column or None, is parent) for the split's regions and parent."""
        have = {_key(c.label): c.index for c in self.actuals.regions}
        out = []
        for i, col in enumerate(self.target.regions):
            out.append((col.label, i, have.pop(_key(col.label), None), False))
        if self.target.parent:
            parent = self.actuals.parent.index if self.actuals.parent else None
            out.append((self.target.parent_name, len(self.target.regions), parent, True))
        header = self.actuals.header_rows[0]
        for label, index in have.items():
            self.findings.append(Finding(
                "progress-unmatched", CODES["progress-unmatched"][1].format(raw=label, what="地区"),
                region=label, raw=label, cell=self.grid.ref(header, index), sheet=self.grid.name,
                position=self.grid.to_sheet(header, index)))
        for region, _, index, is_parent in out:
            if index is None and not is_parent:
                self.findings.append(Finding(
                    "progress-region-missing", CODES["progress-region-missing"][1].format(region=region, sheet=self.grid.name),
                    region=region, sheet=self.grid.name))
        return out

    def _weights(self) -> None:
        """赛马权重 column of the split: a blank cell there means the indicator is not raced."""
        given = any(r.score_weight not in (None, "") for r in self.target.rows)
        for row in self.target.rows:
            if not given:
                self.weights[row.name] = 1.0
                continue
            t = parse_target(row.score_weight)
            if t.type is ValueType.BLANK:
                self.weights[row.name] = 0.0
            elif t.is_number and t.value >= 0:
                self.weights[row.name] = t.value
            else:
                self.weights[row.name] = 0.0
                self._add("weight-invalid", row, None, None, grid=self.target.grid, raw=str(row.score_weight),
                          message=CODES["weight-invalid"][1].format(raw=row.score_weight))

    def _split_row(self, trow: IndicatorRow) -> tuple[list, list[str]]:
        """The row's targets, parsed, and their cells in the split (once per row, whatever the period)."""
        known = self._rows.get(trow.row)
        if known is None:
            ref, cols = self.target.grid.ref, self._target_cols
            known = self._rows[trow.row] = ([parse_target(v) for v in trow.values],
                                            [ref(trow.row, col) for col in cols])
        return known

    def _row(self, trow: IndicatorRow, arow: IndicatorRow | None, result, columns) -> None:
        targets, target_cells = self._split_row(trow)
        included = {t.includes: name for t, (name, *_rest) in zip(targets, columns) if t.includes}
        inferred = infer_kind(trow.name, trow.unit, trow.method, trow.weight_hint)
        row_kind = result.kind if result.kind in ("sum", "weighted", "uniform") else str(inferred.kind)
        declared = infer_direction(trow.name, trow.direction or (arow.direction if arow else None))
        expected = self.rules.schedule_for(trow.name).at(self.month)
        percent_row = _is_percent(trow)
        unit = trow.unit or split_unit(trow.name)[1]
        for region, ti, ai, is_parent in columns:
            target = targets[ti]
            raw_actual = arow.values[self._actual_at[ai]] if arow is not None and ai is not None else None
            if percent_row and arow is not None and ai is not None:
                raw_actual = self._as_shown(arow, ai, raw_actual)
            actual = parse_target(raw_actual)
            at = (arow.row, ai) if arow is not None and ai is not None else None  # in the grid read (maybe transposed)
            position = self.grid.to_sheet(*at) if at else None
            kind = {"pending": "pending", "qualitative": "qualitative"}.get(str(target.type), row_kind)
            direction = direction_of(target, declared) if target.is_number else declared
            status = Status(
                indicator=trow.name, region=region, actual=actual.value if actual.is_number else None,
                target=None, completion=None, schedule=None, status=None, lag=None, kind=kind,
                direction=str(direction), cell=self.grid.ref(*at) if at else None,
                responsible=trow.responsible, note=None, display_name=trow.display_name,
                unit=unit, category=trow.category, is_parent=is_parent,
                target_cell=target_cells[ti], position=position,
            )
            self.statuses.append(status)
            if actual.type is ValueType.UNPARSED or (actual.type in (ValueType.QUALITATIVE, ValueType.PENDING) and target.is_number):
                self._add("actual-unparsed", trow, region, at, raw=actual.raw,
                          message=CODES["actual-unparsed"][1].format(raw=actual.raw))
            reason = no_light_reason(target, included.get(region))
            if reason:
                status.note = reason
                continue
            status.target = target_value(target, direction)
            if arow is None or ai is None:
                status.note = "进度表中没有该指标" if arow is None else "进度表中没有该地区"
                continue
            if not actual.is_number:
                if actual.type in (ValueType.BLANK, ValueType.NOT_APPLICABLE):
                    shown = f"（填为“{actual.raw}”）" if actual.raw else ""
                    status.note = f"实际值未填报{shown}，不按0计，不亮灯"
                    self._add("actual-missing", trow, region, at, raw=actual.raw,
                              message=CODES["actual-missing"][1].format(region=region, period=self.chosen.period.label, shown=shown))
                else:
                    status.note = "实际值无法识别，不亮灯"
                continue
            outcome = evaluate(target, actual, row_kind == "sum", direction, expected, self.rules.bands)
            status.target, status.completion, status.schedule = outcome.target, outcome.completion, outcome.schedule
            status.status, status.lag, status.note = outcome.status, outcome.lag, outcome.note
            if outcome.status is None:  # beyond what a ratio can hold
                raw = f"{actual.value:g}"
                self._add("actual-unparsed", trow, region, at, raw=raw,
                          message=CODES["actual-unparsed"][1].format(raw=raw))

    def _as_shown(self, arow: IndicatorRow, col: int, value):
        """A percent cell (7.5% is stored 0.075) in a (%) row means what it shows, as the split is read.

        The reader already did this when the 进度 row itself names the unit; the template's 进度 sheet
        has no 单位 column, so the split's row says it here.
        """
        if type(value) is float and not _is_percent(arow) and (arow.row, col) in self.grid.percent_cells():
            return round(value * 100, 9)
        return value

    def _add(self, code: str, row: IndicatorRow, region: str | None, position, message: str, grid=None, **fields) -> None:
        grid = grid or self.grid
        if isinstance(position, int):  # a column index: the row's own cell in that column
            position = (row.row, position)
        self.findings.append(Finding(
            code, message, indicator=row.name, region=region, cell=grid.ref(*position) if position else None,
            sheet=fields.pop("sheet", grid.name), position=grid.to_sheet(*position) if position else None, **fields))


def explain_uncached(book: Workbook, findings: list[Finding], statuses: list[Status]) -> None:
    """A blank actual that is really a formula without a cached value says so, in its finding and its status."""
    for finding in mark_uncached_formulas(book, findings, ("actual-missing", "progress-unmatched")):
        for s in statuses:
            if s.position == finding.position:
                s.note = "实际值单元格是公式但没有保存计算结果，不亮灯"
