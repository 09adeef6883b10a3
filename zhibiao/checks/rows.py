"""One table's rows: parse the cells, pick the check the row's kind demands, record findings."""

from __future__ import annotations

import math
from operator import attrgetter

from ..basis import Basis
from ..codes import CODES
from ..expr import as_indicator, Bound, fold_text, format_number, parse_target, parse_targets, Target, ValueType, year_in
from ..kinds import Direction, infer_direction, infer_kind, Kind, KindInfo, split_unit
from ..layout import IndicatorRow, Role, Table
from ..report import Finding, IndicatorResult, VERDICT_LABEL
from .numbers import _MESSAGE_ONLY, num, Numbers, odd_cells, read_changes, tolerance, unread_change
from . import trajectory
from .rates import RateChecks
from .sums import SumChecks


_INCLUDES, _QUIET = attrgetter("includes"), attrgetter("quiet")


class RowChecker(SumChecks, RateChecks):
    """Checks one table's rows, appending findings to a shared list."""

    def __init__(self, table: Table, basis: Basis | None, findings: list[Finding]):
        self.table = table
        self.basis = basis
        self.findings = findings
        self.grid = table.grid
        self.parent_label = table.parent_name
        regions = table.regions
        self.region_names = [c.label for c in regions]
        self.region_cols = [c.index for c in regions]
        self.parent_col = table.parent.index if table.parent else None
        self.name_col = table.column(Role.NAME).index
        # subtotals: the parent is checked against the top level only, each subtotal against its members
        position = {c.index: j for j, c in enumerate(regions)}
        self.top = [j for j, c in enumerate(regions) if c.group is None]
        self.groups: dict[int, list[int]] = {}
        for j, c in enumerate(regions):
            if c.group is not None:
                self.groups.setdefault(position[c.group], []).append(j)
        self.flat = len(self.top) == len(regions)
        self._blank_regions: dict[int, bool] = {}

    def add(self, code: str, row: IndicatorRow | None, col: int | None, kind: KindInfo | None, region: str | None = None,
            message: str | None = None, **fields) -> Finding:
        """Record a finding on this row (message filled from the code's template) and return it."""
        extra = {k: fields.pop(k) for k in _MESSAGE_ONLY if k in fields}
        period = fields.pop("period", row.period if row is not None else None)
        fmt = {
            "parent": self.parent_label, "region": region or "", "raw": fields.get("raw") or "", "period": period or "",
            "target_text": num(fields.get("target")), "allocated_text": num(fields.get("allocated")),
            "implied_text": num(fields.get("implied")), "gap_text": num(fields.get("gap")), **extra,
        }
        message = message or CODES[code][1].format(**fmt)
        at = (row.row if row is not None else fields.pop("at_row"), col) if col is not None else None
        finding = Finding(
            code, message, indicator=row.name if row is not None else None, region=region,
            cell=self.grid.ref(*at) if at else None, kind=str(kind.kind) if kind else None, sheet=self.grid.name,
            position=self.grid.to_sheet(*at) if at else None, period=period, **fields,
        )
        self.findings.append(finding)
        return finding

    def blank_region(self, j: int) -> bool:
        """Region j has no figure in any row (a column or row left empty): reported once, not per cell."""
        if j not in self._blank_regions:  # one row alone says nothing about a region left out
            rows = self.table.rows
            self._blank_regions[j] = len(rows) > 1 and all(parse_target(r.values[j]).type is ValueType.BLANK for r in rows)
        return self._blank_regions[j]

    # -- split tables -------------------------------------------------------
    def check_split(self, row: IndicatorRow) -> IndicatorResult:
        """Check one split row by its kind: cells, then sum, uniform or weighted against the parent."""
        n = len(self.region_cols)
        raw_regions = row.values[:n]
        raw_parent = row.values[n] if self.parent_col is not None else None
        kind = infer_kind(row.name, row.unit, row.method, row.weight_hint)
        direction = infer_direction(row.name, row.direction)
        # plain numbers stay floats (the common case, and the fast one); only other cells become Targets
        positions = odd_cells(raw_regions)
        # a fall (下降3%) is read by the row's name: 3 under 能耗下降率, −3 under 增加值增长, unread under a level;
        # a rise in points (提高1个百分点) only under a change counted in points
        parsed = read_changes(parse_targets(map(raw_regions.__getitem__, positions)), row.name, row.unit)
        odd = list(zip(positions, parsed))
        parent = as_indicator(parse_target(raw_parent), row.name, row.unit) if self.parent_col is not None else None
        if parent is not None and parent.is_number and parent.bound is Bound.AT_MOST and not row.direction:
            direction = Direction.LOWER  # 不超过… / 控制在…以内: lower is better

        if len(odd) == n and all(t.type is ValueType.BLANK for _, t in odd) and (parent is None or parent.type is ValueType.BLANK):
            self.add("indicator-blank", row, self.name_col, kind)
            return self._result(row, kind, direction, "blank")

        # a whole row not split yet: one finding
        parent_pending = parent is not None and parent.type is ValueType.PENDING
        # a merged 待…下达 cell over the row arrives, from hosts that do not report merges (Excel UDFs,
        # Office.js), as one pending cell and blanks: pending and blank only means the whole row is pending
        region_pending = n and len(odd) == n and all(t.type in (ValueType.PENDING, ValueType.BLANK) for _, t in odd) \
            and any(t.type is ValueType.PENDING for _, t in odd) and (parent is None or parent.type is ValueType.BLANK)
        if parent_pending or region_pending:
            first = next((j for j, t in odd if t.type is ValueType.PENDING), 0)
            pending = parent if parent_pending else odd[first][1]
            col = self.parent_col if parent_pending else self.region_cols[first]
            kind = KindInfo(Kind.PENDING, source="data")
            self.add("pending", row, self.grid.origin(row.row, col)[1], kind, raw=pending.raw)
            return self._result(row, kind, direction, "pending")

        textual_parent = parent is not None and parent.type in (ValueType.QUALITATIVE, ValueType.NOT_APPLICABLE)
        complete, blanks = self._cells(row, kind, odd, textual_parent, parsed)
        if parent is None:
            self._missing(row, kind, blanks)
            return self._result(row, kind, direction, "no-parent" if complete and not blanks else "incomplete")
        if parent.type is ValueType.BLANK:
            self._missing(row, kind, blanks)
            self.add("parent-missing", row, self.parent_col, kind)
            return self._result(row, kind, direction, "incomplete")
        if parent.type is ValueType.UNPARSED:
            self._missing(row, kind, blanks)
            self.add("unparsed-value", row, self.parent_col, kind, raw=parent.raw)
            return self._result(row, kind, direction, "unparsed")
        if parent.type in (ValueType.QUALITATIVE, ValueType.NOT_APPLICABLE):
            self._missing(row, kind, blanks)
            kind = KindInfo(Kind.QUALITATIVE, source="data")
            if parent.type is ValueType.QUALITATIVE:
                change = unread_change(parent, row.name, f"{self.parent_label}目标")
                self.add("parent-qualitative", row, self.parent_col, kind, raw=parent.raw, **change)
            return self._result(row, kind, direction, "qualitative")
        top_blanks = blanks if self.flat else [j for j in blanks if j in self.top]
        if top_blanks and complete and self._covered(row, kind, direction, raw_regions, odd, parent, top_blanks):
            self._missing(row, kind, [j for j in blanks if j not in top_blanks])
            numbers = self._numbers(raw_regions, [(j, t) for j, t in odd if j not in top_blanks], top_blanks)
        else:
            self._missing(row, kind, blanks)
            if not complete or top_blanks:
                return self._result(row, kind, direction, "incomplete")
            numbers = self._numbers(raw_regions, odd)
        if not numbers.values:
            return self._result(row, kind, direction, "incomplete")
        if kind.kind is Kind.WEIGHTED and kind.source == "inferred":
            p, eps = parent.value, 1e-9 * max(abs(parent.value), 1.0)
            if p - eps <= min(numbers.values) and max(numbers.values) <= p + eps:
                kind = KindInfo(Kind.UNIFORM, kind.weighting, "data")
        if kind.kind is Kind.SUM:
            verdict = self._sum(row, kind, direction, numbers, parent)
            if self.groups:
                verdict = self._subtotals(row, kind, raw_regions, odd) or verdict
        elif kind.kind is Kind.UNIFORM:
            verdict = self._uniform(row, kind, direction, numbers, parent)
        elif kind.kind is Kind.WEIGHTED:
            verdict = self._weighted(row, kind, direction, numbers, parent)
        else:
            verdict = "qualitative"
        return self._result(row, kind, direction, verdict)

    def _numbers(self, raw_regions: list, odd: list[tuple[int, Target]], skip=()) -> Numbers:
        """The figures the parent is checked against: the top level (a subtotal, not its members), blanks left out."""
        if self.flat and not skip:
            return Numbers(self.region_names, raw_regions, odd)
        keep = [j for j in self.top if j not in skip]
        parsed = dict(odd)
        names = [self.region_names[j] for j in keep]
        raw = [raw_regions[j] if j not in parsed else parsed[j].raw for j in keep]
        return Numbers(names, raw, [(k, parsed[j]) for k, j in enumerate(keep) if j in parsed])

    def _cells(self, row: IndicatorRow, kind: KindInfo, odd: list[tuple[int, Target]], textual_parent: bool,
               targets: list[Target]) -> tuple[bool, list[int]]:
        """Cell findings: unparsed, pending; blanks are returned (missing or covered is decided with the parent).

        Returns whether the row has no unusable cell, and the positions of its blank cells.
        """
        # the common odd cell (150家, /) needs nothing here (`targets`: odd's, in order); only a row with
        # another kind of cell is looked at one cell at a time
        if all(map(_QUIET, targets)):
            return True, []
        included = set(filter(None, map(_INCLUDES, targets)))
        complete = True
        blanks = []
        for j, t in odd:
            name, col, typ = self.region_names[j], self.region_cols[j], t.type
            if typ is ValueType.NUMBER or typ is ValueType.RANGE or typ is ValueType.NOT_APPLICABLE:
                if t.includes and not any(t.includes in r for r in self.region_names):
                    self.add("included-unmatched", row, col, kind, name, raw=t.raw, included=t.includes)
                continue
            if typ is ValueType.BLANK:
                if name not in included:
                    blanks.append(j)
                continue
            if typ is ValueType.UNPARSED:
                self.add("unparsed-value", row, col, kind, name, raw=t.raw)
            elif typ is ValueType.PENDING:
                self.add("pending", row, col, kind, name, raw=t.raw)
            elif typ is ValueType.QUALITATIVE and not textual_parent:
                self.add("unparsed-value", row, col, kind, name, raw=t.raw, **unread_change(t, row.name))  # words where a number is due
            complete = False
        return complete, blanks

    def _missing(self, row: IndicatorRow, kind: KindInfo, blanks: list[int]) -> None:
        for j in blanks:
            if not self.blank_region(j):
                self.add("missing-value", row, self.region_cols[j], kind, self.region_names[j])

    def _covered(self, row, kind, direction, raw_regions, odd, parent: Target, blanks: list[int]) -> bool:
        """Blanks in a sum whose filled cells already reach the parent: notes, not warnings."""
        if kind.kind is not Kind.SUM or direction is not Direction.HIGHER or parent.bound is Bound.AT_MOST:
            return False
        numbers = self._numbers(raw_regions, [(j, t) for j, t in odd if j not in blanks], blanks)
        if not numbers.values:
            return False
        allocated = math.fsum(numbers.values)
        decimals = max(parent.decimals, numbers.decimals())
        if allocated < parent.value - tolerance(decimals, parent.value, allocated):
            return False
        for j in blanks:
            if not self.blank_region(j):
                self.add("missing-value-covered", row, self.region_cols[j], kind, self.region_names[j],
                         target=parent.value, allocated=allocated)
        return True

    def _subtotals(self, row: IndicatorRow, kind: KindInfo, raw_regions: list, odd) -> str | None:
        """Each subtotal against its members, the way the parent is checked against the top level."""
        parsed = dict(odd)
        verdict = None
        for owner, members in self.groups.items():
            cells = [owner, *members]
            values = []
            for j in cells:
                t = parsed.get(j)
                if t is None:
                    values.append(raw_regions[j])
                elif t.is_number:
                    values.append(t.value)
                else:
                    break
            else:
                own, parts = values[0], values[1:]
                total = math.fsum(parts)
                decimals = max([_shown(raw_regions[j], parsed.get(j)) for j in cells])
                tol = tolerance(decimals, own, total)
                name, col = self.region_names[owner], self.region_cols[owner]
                if total < own - tol:
                    self.add("subtotal-short", row, col, kind, name, target=own, allocated=total,
                             gap=round(own - total, decimals + 2))
                    verdict = "short"
                elif total > own + tol:
                    self.add("subtotal-over", row, col, kind, name, target=own, allocated=total,
                             gap=round(total - own, decimals + 2))
        return verdict

    def _result(self, row: IndicatorRow, kind: KindInfo, direction: Direction, verdict: str) -> IndicatorResult:
        return IndicatorResult(
            sheet=self.grid.name, row=row.row, cell=self.grid.ref(row.row, self.name_col), name=row.name,
            display_name=row.display_name, unit=row.unit or split_unit(row.name)[1], kind=str(kind.kind),
            kind_label=kind.label, kind_source=kind.source,
            weighting=kind.weighting.label if kind.weighting and kind.kind is Kind.WEIGHTED else None,
            direction=str(direction), verdict=verdict, verdict_label=VERDICT_LABEL[verdict],
            category=row.category, responsible=row.responsible, table_kind=str(self.table.kind), period=row.period,
        )

    # -- target systems -----------------------------------------------------
    def check_targets(self, row: IndicatorRow) -> IndicatorResult:
        """Check one target-system row: every period's value parses."""
        kind = infer_kind(row.name, row.unit, row.method, row.weight_hint)
        direction = infer_direction(row.name, row.direction)
        verdict = "parsed"
        for col, raw in zip(self.table.periods, row.values):
            t = parse_target(raw)
            if t.type is ValueType.UNPARSED:
                self.add("unparsed-value", row, col.index, kind, col.label, raw=t.raw, period=col.label)
                verdict = "unparsed"
            elif t.type is ValueType.BLANK:
                self.add("target-missing", row, col.index, kind, col.label, period=col.label)
            elif t.type is ValueType.PENDING and self.grid.is_merge_origin(row.row, col.index):
                self.add("pending", row, col.index, kind, col.label, raw=t.raw, period=col.label)
            elif t.is_number and t.bound is Bound.AT_MOST and not row.direction:
                direction = Direction.LOWER  # 低于4.1 / 控制在…以内 / 不高于: lower is better
        result = self._result(row, kind, direction, verdict)
        result.implied_growth = self._trajectory(row, kind, direction, result.unit) or None
        return result

    def _trajectory(self, row: IndicatorRow, kind: KindInfo, direction: Direction, unit: str | None) -> list[dict]:
        """The implied annual rates between year columns, with findings for reversed and steep steps."""
        points = []
        for col, raw in zip(self.table.periods, row.values):
            year = year_in(col.label)
            if year is not None:
                points.append((year, parse_target(raw), fold_text(col.label), self.grid.ref(row.row, col.index)))
        steps = trajectory.implied_steps(points, unit)
        cols = {fold_text(c.label): c for c in self.table.periods}
        for code, step, fields in trajectory.problems(row.name, direction, steps):
            col = cols[step["to"]]
            if code == "trajectory-reversed":
                change = "下降" if step["to_value"] < step["from_value"] else "上升"
                self.add(code, row, col.index, kind, None, from_label=step["from"], to_label=step["to"],
                         from_text=format_number(step["from_value"], 4), to_text=format_number(step["to_value"], 4),
                         from_cell=step["from_cell"], change=change, **fields)
            else:
                self.add(code, row, col.index, kind, None, from_label=step["from"], to_label=step["to"],
                         step_text=trajectory.describe(step), **fields)
        return steps


def _shown(raw, target: Target | None) -> int:
    if target is not None:
        return target.decimals
    from ..expr import float_decimals
    return float_decimals(float(raw)) if isinstance(raw, (int, float)) else 0
