"""Check each split the way its indicator's kind demands (the rules live here, once)."""

from __future__ import annotations

import math

from .basis import Basis
from .codes import CODES
from .expr import Bound, Target, ValueType, float_decimals, format_number, parse_target
from .kinds import Direction, Kind, KindInfo, infer_direction, infer_kind, split_unit
from .layout import IndicatorRow, Role, Table, TableKind
from .report import VERDICT_LABEL, Finding, IndicatorResult

_FLOAT = float
_MESSAGE_ONLY = ("included", "weight_label", "low_text", "high_text", "value_text", "period")


def tolerance(decimals: int, *values: float) -> float:
    """Half a unit of the finest printed digit, plus float noise."""
    scale = max((abs(v) for v in values), default=1.0)
    return 0.5 * 10.0 ** (-decimals) + 1e-9 * scale


def spread(gap: float, shares: dict[str, float], decimals: int) -> dict[str, float]:
    """Spread a gap over regions in proportion to their splits, rounded so the parts add up (largest remainder)."""
    total = sum(shares.values())
    if total <= 0:
        shares = {k: 1.0 for k in shares}
        total = float(len(shares))
    unit = 10.0 ** (-decimals)
    steps = round(gap / unit)
    exact = {k: steps * v / total for k, v in shares.items()}
    floors = {k: math.floor(x) for k, x in exact.items()}
    left = steps - sum(floors.values())
    for k in sorted(exact, key=lambda k: exact[k] - floors[k], reverse=True)[:left]:
        floors[k] += 1
    return {k: round(n * unit, decimals) for k, n in floors.items()}


class Value:
    """A region's numeric split: the number, and the parsed Target when the cell was text."""

    __slots__ = ("name", "value", "target")

    def __init__(self, name: str, value: float, target: Target | None = None):
        self.name, self.value, self.target = name, value, target

    @property
    def high(self) -> float:
        t = self.target
        return t.high if t is not None and t.high is not None else self.value

    @property
    def decimals(self) -> int:
        return self.target.decimals if self.target is not None else float_decimals(self.value)


def _non_floats(values: list) -> list[int]:
    """Positions of the cells that are not plain floats, found at C speed (list.index per odd cell)."""
    types = list(map(type, values))
    found = []
    for t in set(types):
        if t is _FLOAT:
            continue
        j = -1
        while True:
            try:
                j = types.index(t, j + 1)
            except ValueError:
                break
            found.append(j)
    found.sort()
    return found


class Numbers:
    """The numeric splits of one row, as parallel lists of region names and values."""

    def __init__(self, names: list[str], raw: list, odd: list[tuple[int, Target]]):
        self.targets: dict[str, Target] = {}
        if not odd:
            self.names, self.values = names, raw
            return
        self.names, self.values = list(names), list(raw)
        for j, t in reversed(odd):
            if t.is_number:
                self.values[j] = t.value
                self.targets[names[j]] = t
            else:
                del self.names[j], self.values[j]

    def items(self):
        for name, x in zip(self.names, self.values):
            yield Value(name, x, self.targets.get(name))

    def decimals(self) -> int:
        values = self.values
        whole = all(map(float.is_integer, values))
        shown = 0 if whole else max(map(float_decimals, set(values)), default=0)
        return max(shown, max((t.decimals for t in self.targets.values()), default=0))

    def lowest(self) -> Value:
        j = self.values.index(min(self.values))
        return Value(self.names[j], self.values[j], self.targets.get(self.names[j]))

    def highest(self) -> Value:
        j = self.values.index(max(self.values))
        best = Value(self.names[j], self.values[j], self.targets.get(self.names[j]))
        ranges = [Value(name, t.value, t) for name, t in self.targets.items() if t.high is not None]
        return max([best] + ranges, key=lambda v: v.high)


class RowChecker:
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
            "target_text": _num(fields.get("target")), "allocated_text": _num(fields.get("allocated")),
            "implied_text": _num(fields.get("implied")), "gap_text": _num(fields.get("gap")), **extra,
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

    def _sum(self, row, kind, direction, numbers: Numbers, parent: Target) -> str:
        try:
            allocated = math.fsum(numbers.values)
        except OverflowError:  # figures near the float limit (1e308) add up to no number: the largest is no target
            big = max(numbers.items(), key=lambda v: abs(v.value))
            col = self.region_cols[self.region_names.index(big.name)]
            self.add("unparsed-value", row, col, kind, big.name, raw=f"{big.value:g}")
            return "unparsed"
        diff = allocated - parent.value
        if abs(diff) <= 1e-9 * max(abs(parent.value), 1.0):
            return "ok"
        decimals = max(parent.decimals, numbers.decimals())
        tol = tolerance(decimals, parent.value, allocated)
        if direction is Direction.LOWER or parent.bound is Bound.AT_MOST:
            return self._cap(row, kind, numbers, parent, allocated, diff, tol, decimals)
        if diff < -tol:
            gap = round(parent.value - allocated, decimals + 2)
            adds, text = _proportional(gap, numbers, decimals, "补足", "+")
            self.add("split-short", row, self.parent_col, kind, target=parent.value, allocated=allocated,
                     gap=gap, suggestion=text, adjustments=adds)
            return "short"
        if diff > tol:
            self.add("split-over", row, self.parent_col, kind, target=parent.value, allocated=allocated,
                     gap=round(diff, decimals + 2))
            return "over"
        return "ok"

    def _cap(self, row, kind, numbers: Numbers, parent: Target, allocated: float, diff: float, tol: float, decimals: int) -> str:
        """A lower-is-better total (能耗总量, 不超过…) is a cap: allocating more than it is the error."""
        if diff > tol:
            gap = round(diff, decimals + 2)
            cuts, text = _proportional(gap, numbers, decimals, "压减", "-")
            self.add("split-over-cap", row, self.parent_col, kind, target=parent.value, allocated=allocated,
                     gap=gap, suggestion=text, adjustments={k: -x for k, x in cuts.items()})
            return "over-cap"
        if diff < -tol:
            self.add("split-under-cap", row, self.parent_col, kind, target=parent.value, allocated=allocated,
                     gap=round(-diff, decimals + 2))
            return "under-cap"
        return "ok"

    def _uniform(self, row, kind, direction, numbers: Numbers, parent: Target) -> str:
        verdict = "ok"
        higher = direction is Direction.HIGHER
        for v in numbers.items():
            short = parent.value - v.value if higher else v.value - parent.value
            if short > tolerance(max(parent.decimals, v.decimals) + 1, parent.value):
                col = self.region_cols[self.region_names.index(v.name)]
                self.add("uniform-below", row, col, kind, v.name, target=parent.value, gap=round(short, 6),
                         value_text=_num(v.value), suggestion=f"{v.name}应不{'低' if higher else '高'}于{_num(parent.value)}")
                verdict = "below"
        return verdict

    def _weighted(self, row, kind, direction, numbers: Numbers, parent: Target) -> str:
        higher = direction is Direction.HIGHER
        label = kind.weighting.label if kind.weighting else "权重"
        column = self.basis.match(kind.weighting) if self.basis else None
        weights = {}
        if column:
            weights = {name: column.values[name] for name in numbers.names if name in column.values}
        if column and len(weights) == len(numbers.names) and sum(weights.values()) > 0:
            implied = sum(weights[name] * x for name, x in zip(numbers.names, numbers.values)) / sum(weights.values())
            short = parent.value - implied if higher else implied - parent.value
            decimals = parent.decimals
            if short > tolerance(decimals + 1, parent.value):
                gap = round(short, decimals + 2)
                sign = "提高" if higher else "降低"
                self.add("weighted-short", row, self.parent_col, kind, target=parent.value, implied=round(implied, 6),
                         gap=gap, weight_label=column.label,
                         suggestion=f"各地区均{sign}{_num(gap)}即可达到目标（加权平均随之{sign}同样幅度）",
                         adjustments={name: gap if higher else -gap for name in numbers.names})
                return "short"
            return "ok"
        lo, hi = numbers.lowest(), numbers.highest()
        low, high = lo.value, hi.high
        tol = tolerance(max(parent.decimals, lo.decimals, hi.decimals) + 1, parent.value)
        if (higher and parent.value > high + tol) or (not higher and parent.value < low - tol):
            gap = round(parent.value - high if higher else low - parent.value, max(parent.decimals, hi.decimals) + 2)
            self.add("weighted-infeasible", row, self.parent_col, kind, target=parent.value, gap=gap,
                     low_text=_num(low), high_text=_num(high),
                     suggestion=f"至少应有地区分解值{'不低于' if higher else '不高于'}{_num(parent.value)}")
            return "infeasible"
        if (higher and parent.value <= low + tol) or (not higher and parent.value >= high - tol):
            return "ok"  # every region already meets the parent figure: any weights reach it
        why = "（基数表中无匹配的权重列）" if self.basis else ""
        self.add("weights-needed", row, self.parent_col, kind, target=parent.value,
                 weight_label=label + why, low_text=_num(low), high_text=_num(high))
        return "needs-weights"

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
        return self._result(row, kind, direction, verdict)


def _proportional(gap: float, numbers: Numbers, decimals: int, verb: str, sign: str) -> tuple[dict[str, float], str]:
    """A gap spread over the regions in proportion to their splits, and the suggestion that says so."""
    parts = spread(gap, dict(zip(numbers.names, numbers.values)), decimals)
    text = f"按现有分解比例{verb}：" + "，".join(f"{k}{sign}{format_number(x, decimals)}" for k, x in parts.items() if x)
    return parts, text


def _num(x) -> str:
    if x is None:
        return ""
    return format_number(x, 4)


def check_table(table: Table, basis: Basis | None, findings: list[Finding]) -> list[IndicatorResult]:
    """Check every row of one table."""
    checker = RowChecker(table, basis, findings)
    if table.kind is TableKind.SPLIT:
        return [checker.check_split(row) for row in table.rows]
    return [checker.check_targets(row) for row in table.rows]
