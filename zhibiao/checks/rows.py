"""One table's rows: parse the cells, pick the check the row's kind demands, record findings."""

from __future__ import annotations

from ..basis import Basis
from ..codes import CODES
from ..expr import fold_text, format_number, parse_target, Target, ValueType
from ..kinds import Direction, infer_direction, infer_kind, Kind, KindInfo, split_unit
from ..layout import IndicatorRow, Role, Table
from ..report import Finding, IndicatorResult, VERDICT_LABEL
from .numbers import _MESSAGE_ONLY, _non_floats, num, Numbers
from . import trajectory
from .rates import RateChecks
from .sums import SumChecks


class RowChecker(SumChecks, RateChecks):
    """Checks one table's rows, appending findings to a shared list."""

    def __init__(self, table: Table, basis: Basis | None, findings: list[Finding]):
        self.table = table
        self.basis = basis
        self.findings = findings
        self.grid = table.grid
        self.parent_label = table.parent_name
        self.region_names = [c.label for c in table.regions]
        self.region_cols = [c.index for c in table.regions]
        self.parent_col = table.parent.index if table.parent else None
        self.name_col = table.column(Role.NAME).index

    def add(self, code: str, row: IndicatorRow, col: int | None, kind: KindInfo | None, region: str | None = None, **fields) -> Finding:
        """Record a finding on this row (message filled from the code's template) and return it."""
        extra = {k: fields.pop(k) for k in _MESSAGE_ONLY if k in fields}
        fmt = {
            "parent": self.parent_label, "region": region or "", "raw": fields.get("raw") or "",
            "target_text": num(fields.get("target")), "allocated_text": num(fields.get("allocated")),
            "implied_text": num(fields.get("implied")), "gap_text": num(fields.get("gap")), **extra,
        }
        message = CODES[code][1].format(**fmt)
        position = (row.row, col) if col is not None else None
        finding = Finding(
            code, message, indicator=row.name, region=region,
            cell=self.grid.ref(*position) if position else None,
            kind=str(kind.kind) if kind else None, sheet=self.grid.name, position=position, **fields,
        )
        self.findings.append(finding)
        return finding

    # -- split tables -------------------------------------------------------
    def check_split(self, row: IndicatorRow) -> IndicatorResult:
        """Check one split row by its kind: cells, then sum, uniform or weighted against the parent."""
        n = len(self.region_cols)
        raw_regions = row.values[:n]
        raw_parent = row.values[n] if self.parent_col is not None else None
        kind = infer_kind(row.name, row.unit, row.method, row.weight_hint)
        direction = infer_direction(row.name, row.direction)
        # plain numbers stay floats (the common case, and the fast one); only other cells become Targets
        odd = [(j, parse_target(raw_regions[j])) for j in _non_floats(raw_regions)]
        parent = parse_target(raw_parent) if self.parent_col is not None else None

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
        complete = self._cells(row, kind, odd, textual_parent)
        if parent is None:
            return self._result(row, kind, direction, "ok" if complete else "incomplete")
        if parent.type is ValueType.BLANK:
            self.add("parent-missing", row, self.parent_col, kind)
            return self._result(row, kind, direction, "incomplete")
        if parent.type is ValueType.UNPARSED:
            self.add("unparsed-value", row, self.parent_col, kind, raw=parent.raw)
            return self._result(row, kind, direction, "unparsed")
        if parent.type in (ValueType.QUALITATIVE, ValueType.NOT_APPLICABLE):
            kind = KindInfo(Kind.QUALITATIVE, source="data")
            if parent.type is ValueType.QUALITATIVE:
                self.add("parent-qualitative", row, self.parent_col, kind, raw=parent.raw)
            return self._result(row, kind, direction, "qualitative")
        if not complete:
            return self._result(row, kind, direction, "incomplete")
        numbers = Numbers(self.region_names, raw_regions, odd)
        if not numbers.values:
            return self._result(row, kind, direction, "incomplete")
        if kind.kind is Kind.WEIGHTED and kind.source == "inferred":
            p, eps = parent.value, 1e-9 * max(abs(parent.value), 1.0)
            if p - eps <= min(numbers.values) and max(numbers.values) <= p + eps:
                kind = KindInfo(Kind.UNIFORM, kind.weighting, "data")
        if kind.kind is Kind.SUM:
            verdict = self._sum(row, kind, direction, numbers, parent)
        elif kind.kind is Kind.UNIFORM:
            verdict = self._uniform(row, kind, direction, numbers, parent)
        elif kind.kind is Kind.WEIGHTED:
            verdict = self._weighted(row, kind, direction, numbers, parent)
        else:
            verdict = "qualitative"
        return self._result(row, kind, direction, verdict)

    def _cells(self, row: IndicatorRow, kind: KindInfo, odd: list[tuple[int, Target]], textual_parent: bool) -> bool:
        """Cell findings: missing, unparsed, pending; False when the row cannot be totalled."""
        included = {t.includes for _, t in odd if t.includes}
        complete = True
        for j, t in odd:
            name, col, typ = self.region_names[j], self.region_cols[j], t.type
            if typ is ValueType.NUMBER or typ is ValueType.RANGE or typ is ValueType.NOT_APPLICABLE:
                if t.includes and not any(t.includes in r for r in self.region_names):
                    self.add("included-unmatched", row, col, kind, name, raw=t.raw, included=t.includes)
                continue
            if typ is ValueType.BLANK:
                if name in included:
                    continue
                self.add("missing-value", row, col, kind, name)
            elif typ is ValueType.UNPARSED:
                self.add("unparsed-value", row, col, kind, name, raw=t.raw)
            elif typ is ValueType.PENDING:
                self.add("pending", row, col, kind, name, raw=t.raw)
            elif typ is ValueType.QUALITATIVE and not textual_parent:
                self.add("unparsed-value", row, col, kind, name, raw=t.raw)  # words where a number is due
            complete = False
        return complete

    def _result(self, row: IndicatorRow, kind: KindInfo, direction: Direction, verdict: str) -> IndicatorResult:
        return IndicatorResult(
            sheet=self.grid.name, row=row.row, cell=self.grid.ref(row.row, self.name_col), name=row.name,
            display_name=row.display_name, unit=row.unit or split_unit(row.name)[1], kind=str(kind.kind),
            kind_label=kind.label, kind_source=kind.source,
            weighting=kind.weighting.label if kind.weighting and kind.kind is Kind.WEIGHTED else None,
            direction=str(direction), verdict=verdict, verdict_label=VERDICT_LABEL[verdict],
            category=row.category, responsible=row.responsible, table_kind=str(self.table.kind),
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
                self.add("unparsed-value", row, col.index, kind, col.label, raw=t.raw)
                verdict = "unparsed"
            elif t.type is ValueType.BLANK:
                self.add("target-missing", row, col.index, kind, col.label, period=col.label)
            elif t.type is ValueType.PENDING and self.grid.is_merge_origin(row.row, col.index):
                self.add("pending", row, col.index, kind, col.label, raw=t.raw)
        result = self._result(row, kind, direction, verdict)
        result.implied_growth = self._trajectory(row, kind, direction, result.unit) or None
        return result

    def _trajectory(self, row: IndicatorRow, kind: KindInfo, direction: Direction, unit: str | None) -> list[dict]:
        """The implied annual rates between year columns, with findings for reversed and steep steps."""
        points = []
        for col, raw in zip(self.table.periods, row.values):
            year = trajectory.year_of(col.label)
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
