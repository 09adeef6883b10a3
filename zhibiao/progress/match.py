"""Pair the split's rows and regions with the 进度 sheet's cells and evaluate each pair."""

from __future__ import annotations

import math

from .. import steps
from ..api import mark_uncached_formulas
from ..basis import find_basis
from ..checks import check_table
from ..codes import CODES
from ..expr import MAX_FIGURE, ValueType, as_indicator, normalize_text, parse_target
from ..grid import Grid, Workbook
from ..kinds import Direction, infer_direction, infer_kind, split_unit
from ..layout import IndicatorRow, Role, Table
from .period import ProgressSheet
from .rounding import ROUND6_LIMIT
from .rules import Rules
from .status import Status, direction_of, evaluate, no_light_reason, target_value
from ..report import Finding


def _key(name: str) -> str:
    """Match names across sheets: white space, quotes and full-width brackets ignored (NFKC folds （） to ())."""
    return normalize_text(name).replace("“", "").replace("”", "").replace('"', "")


def _is_percent(row: IndicatorRow) -> bool:
    """A row whose figures are percentages: (%) in the name or % in its 单位 cell."""
    return "%" in row.name or "%" in (row.unit or "")


def split_checked(target: Table, results: list) -> dict:
    """Builder's `shared` dict for a split already checked: check_table's results for it (the briefing has them
    from check_workbook), each row's parsed targets filled in as they are first needed."""
    return {"target": target, "results": results, "rows": {}, "target_cols": [c.index for c in target.value_columns]}


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
            shared.update(split_checked(target, check_table(target, find_basis(book), scratch)))
        self.results, self._rows, self._target_cols = shared["results"], shared["rows"], shared["target_cols"]
        self._names = [c.label for c in target.regions] + ([target.parent_name] if target.parent else [])

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

    def _split_row(self, trow: IndicatorRow) -> tuple[list, list[str], dict[str, str]]:
        """The row's targets, its cells in the split and the regions whose figure another's includes (once per
        row, whatever the period). A plain figure stays a float (most cells); the rest are parsed into Targets."""
        known = self._rows.get(trow.row)
        if known is None:
            low, high = -MAX_FIGURE, MAX_FIGURE  # expr.checkable, inline
            targets = [float(v) if (type(v) is float or type(v) is int) and low <= v <= high
                       else as_indicator(parse_target(v), trow.name, trow.unit) for v in trow.values]
            included = {t.includes: name for t, name in zip(targets, self._names) if type(t) is not float and t.includes}
            known = self._rows[trow.row] = (targets, self.target.grid.refs(trow.row, self._target_cols), included)
        return known

    def _row(self, trow: IndicatorRow, arow: IndicatorRow | None, result, columns) -> None:
        targets, target_cells, included = self._split_row(trow)
        inferred = infer_kind(trow.name, trow.unit, trow.method, trow.weight_hint)
        row_kind = result.kind if result.kind in ("sum", "weighted", "uniform") else str(inferred.kind)
        declared = infer_direction(trow.name, trow.direction or (arow.direction if arow else None))
        expected = self.rules.schedule_for(trow.name).at(self.month)
        percent_row = _is_percent(trow)
        unit = trow.unit or split_unit(trow.name)[1]
        # what every plain cell of the row shares (the fast path below: a figure against a figure)
        higher, direction = declared is Direction.HIGHER, str(declared)
        schedule = expected if row_kind == "sum" else 1.0
        bands, grid, statuses = self.rules.bands, self.grid, self.statuses
        green_within, yellow_max, limit, isfinite = bands.green_within, bands.yellow_max, ROUND6_LIMIT, math.isfinite
        low, high = -MAX_FIGURE, MAX_FIGURE
        name, responsible, display, category = trow.name, trow.responsible, trow.display_name, trow.category
        cells = {}
        same_place = type(grid).to_sheet is Grid.to_sheet  # a sheet read as it is: (row, col) is its own place
        if arow is not None:
            at_row = arow.row
            values, actual_at = arow.values, self._actual_at
            present = [ai for _, _, ai, _ in columns if ai is not None]
            # a percent cell (7.5% is stored 0.075) in a (%) row means what it shows, as the split is read: the
            # reader already did this when the 进度 row itself names the unit; the template's 进度 sheet has no 单位
            # column, so the split's row says it here
            shown_cells = grid.percent_cells() if percent_row and not _is_percent(arow) else None
            cells = dict(zip(present, grid.refs(arow.row, present)))
        for region, ti, ai, is_parent in columns:
            t = targets[ti]
            if ai is None or arow is None:
                self._cell(trow, arow, ai, t, None, region, ti, is_parent, row_kind, declared, expected, included,
                           unit, target_cells)
                continue
            raw = values[actual_at[ai]]
            if shown_cells and type(raw) is float and (at_row, ai) in shown_cells:
                raw = round(raw * 100, 9)
            kind = type(raw)
            if type(t) is float and t > 0 and (kind is float or kind is int) and low <= raw <= high:
                # status.evaluate for a plain target and figure, inline: the same arithmetic, round(x, 6) as
                # rounding.round6 works it out (its note) and Bands.light_rounded's comparisons
                av = raw if kind is float else float(raw)
                completion = av / t
                lag = (schedule - completion) * 100 if higher else (completion - schedule) * 100
                y = lag * 1e6
                if -limit < y < limit:
                    n = round(y)
                    lag = n / 1e6 if n and -0.4999 < y - n < 0.4999 else round(lag, 6)
                elif isfinite(lag):
                    lag = round(lag, 6)
                else:  # a figure near the float limit (1e308): no ratio to light
                    lag = None
                if lag is not None:  # finite, and so is completion
                    y = completion * 1e6
                    n = round(y) if -limit < y < limit else 0
                    statuses.append(Status(
                        name, region, av, t, n / 1e6 if n and -0.4999 < y - n < 0.4999 else round(completion, 6),
                        schedule, "green" if lag <= 0 or lag < green_within else "yellow" if lag <= yellow_max else "red",
                        lag, row_kind, direction, cells[ai], responsible, None, display, unit, category, is_parent,
                        target_cells[ti], (at_row, ai) if same_place else grid.to_sheet(at_row, ai)))
                    continue
            self._cell(trow, arow, ai, t, raw, region, ti, is_parent, row_kind, declared, expected, included, unit,
                       target_cells, cells.get(ai))

    def _cell(self, trow: IndicatorRow, arow: IndicatorRow | None, ai: int | None, target, raw_actual, region: str,
              ti: int, is_parent: bool, row_kind: str, declared: Direction, expected: float, included: dict,
              unit: str | None, target_cells: list[str], cell: str | None = None) -> None:
        """One indicator × region, whatever its target and figure: text, ranges, bounds, blanks, missing cells."""
        if type(target) is float:
            target = parse_target(trow.values[ti])
        actual = as_indicator(parse_target(raw_actual), trow.name, trow.unit)  # 下降2.1%: its sign is the indicator's
        at = (arow.row, ai) if arow is not None and ai is not None else None  # in the grid read (maybe transposed)
        position = self.grid.to_sheet(*at) if at else None
        kind = {"pending": "pending", "qualitative": "qualitative"}.get(str(target.type), row_kind)
        direction = direction_of(target, declared) if target.is_number else declared
        status = Status(
            indicator=trow.name, region=region, actual=actual.value if actual.is_number else None,
            target=None, completion=None, schedule=None, status=None, lag=None, kind=kind,
            direction=str(direction), cell=cell if at else None,
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
            return
        status.target = target_value(target, direction)
        if arow is None or ai is None:
            status.note = "进度表中没有该指标" if arow is None else "进度表中没有该地区"
            return
        if not actual.is_number:
            if actual.type in (ValueType.BLANK, ValueType.NOT_APPLICABLE):
                shown = f"（填为“{actual.raw}”）" if actual.raw else ""
                status.note = f"实际值未填报{shown}，不按0计，不亮灯"
                self._add("actual-missing", trow, region, at, raw=actual.raw,
                          message=CODES["actual-missing"][1].format(region=region, period=self.chosen.period.label, shown=shown))
            else:
                status.note = "实际值无法识别，不亮灯"
            return
        outcome = evaluate(target, actual, row_kind == "sum", direction, expected, self.rules.bands)
        status.target, status.completion, status.schedule = outcome.target, outcome.completion, outcome.schedule
        status.status, status.lag, status.note = outcome.status, outcome.lag, outcome.note
        if outcome.status is None:  # beyond what a ratio can hold
            raw = f"{actual.value:g}"
            self._add("actual-unparsed", trow, region, at, raw=raw,
                      message=CODES["actual-unparsed"][1].format(raw=raw))

    def _add(self, code: str, row: IndicatorRow, region: str | None, position, message: str, grid=None, **fields) -> None:
        grid = grid or self.grid
        if isinstance(position, int):  # a column index: the row's own cell in that column
            position = (row.row, position)
        self.findings.append(Finding(
            code, message, indicator=row.name, region=region, cell=grid.ref(*position) if position else None,
            sheet=fields.pop("sheet", grid.name), position=grid.to_sheet(*position) if position else None, **fields))


def explain_uncached(book: Workbook, findings: list[Finding], statuses: list[Status]) -> None:
    """A blank actual that is really a formula without a cached value says so, in its finding and its status."""
    marked = mark_uncached_formulas(book, findings, ("actual-missing", "progress-unmatched"))
    if not marked:
        return
    at: dict[tuple[int, int], list[Status]] = {}  # one pass over the statuses, not one per finding
    for s in statuses:
        at.setdefault(s.position, []).append(s)
    for finding in marked:
        for s in at.get(finding.position, ()):
            s.note = "实际值单元格是公式但没有保存计算结果，不亮灯"
