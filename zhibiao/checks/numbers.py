"""The numbers of one row: parsed region values, printed precision, tolerance and proportional fixes."""

from __future__ import annotations

import math
from collections import deque
from itertools import compress, count, repeat
from operator import attrgetter, is_not, itemgetter, setitem

from ..expr import as_indicator, checkable, float_decimals, fold_text, format_number, MAX_FIGURE, Target
from ..expr_words import growth_named


_FLOAT = float
_ONLY_FLOATS = frozenset([float])
_DECIMALS = attrgetter("decimals")
_AFTER_POINT = itemgetter(2)
_MESSAGE_ONLY = ("included", "weight_label", "low_text", "high_text", "value_text", "from_label", "to_label",
                 "from_text", "to_text", "from_cell", "change", "why", "step_text", "previous")


_CHANGED = attrgetter("changed")


def read_changes(targets: list[Target], name: str, unit: str | None) -> list[Target]:
    """The row's cells with each fall (下降3%) or rise in points (提高1个百分点) read as its indicator demands
    (expr.as_indicator)."""
    return [as_indicator(t, name, unit) for t in targets] if any(map(_CHANGED, targets)) else targets


def unread_change(target: Target, name: str, whose: str = "") -> dict:
    """A finding's message and suggestion for a fall its indicator cannot read (能耗总量 下降3%), or a rise in points
    under an indicator not counted in points (研发投入占比(%) 提高1个百分点); {} for other cells."""
    if target.rise is not None:
        return {"message": f"{whose}“{target.raw}”是比基期的变化（增减的百分点），不是“{fold_text(name)}”本身，"
                           "无法折算为目标值，不作数值核对",
                "suggestion": "填写目标值本身；如按提高的百分点考核，把指标名写成“…提高(个百分点)”"}
    if target.fall is None:
        return {}
    if "百分点" in (target.raw or "") and growth_named(name):
        return {"message": f"{whose}“{target.raw}”是增速比基期的变化（增减的百分点），不是“{fold_text(name)}”本身，"
                           "无法折算为目标值，不作数值核对",
                "suggestion": "填写目标增速本身，如“增长5%”，负增长填负数，如 -3"}
    return {"message": f"{whose}“{target.raw}”是比基期的降幅或减少量，而“{fold_text(name)}”不是增速、降幅类指标，"
                       "无法折算为目标值，不作数值核对",
            "suggestion": "填写目标值本身；如按降幅考核，把指标名写成“…下降率(%)”"}


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


def odd_cells(values: list) -> list[int]:
    """Cells a row cannot total as they are: the non-floats, and floats no check can use (NaN, ±inf, > MAX_FIGURE).

    The common row is all ordinary floats: one C-speed sum of magnitudes (which stops at the first text cell)
    and one set of the cells' types clear it; only a row whose magnitudes add up beyond MAX_FIGURE (or to NaN)
    is looked at cell by cell. Every pass runs at C speed, however many cells are text.
    """
    try:
        magnitude = sum(map(abs, values))
    except Exception:  # text, blanks, dates: the row has odd cells
        magnitude = None
    if magnitude is not None and set(map(type, values)) <= _ONLY_FLOATS:
        others: list[int] = []
    else:
        others = list(compress(count(), map(is_not, map(type, values), repeat(_FLOAT))))
        floats = values.copy()  # one memcpy, the odd cells as 0.0, so one sum covers the floats
        deque(map(setitem, repeat(floats), others, repeat(0.0)), maxlen=0)
        magnitude = sum(map(abs, floats))
    # a plain sum of magnitudes is at least the largest one, so it clears a row exactly when fsum would
    # (inf on overflow, NaN for NaN: both fail the comparison)
    if magnitude <= MAX_FIGURE:
        return others
    huge = [j for j, v in enumerate(values) if type(v) is _FLOAT and not checkable(v)]
    return sorted(others + huge)


class Numbers:
    """The numeric splits of one row, as parallel lists of region names and values."""

    def __init__(self, names: list[str], raw: list, odd: list[tuple[int, Target]]):
        self.targets: dict[str, Target] = {}
        if not odd:
            self.names, self.values = names, raw
            return
        self.names, self.values = list(names), list(raw)
        values, targets = self.values, self.targets
        for j, t in reversed(odd):
            if t.is_number:
                values[j] = t.value
                targets[names[j]] = t
            else:
                del self.names[j], values[j]

    def items(self, positions: list[int] | None = None):
        """The values as Value objects (only those at `positions`, when given)."""
        if positions is None:
            positions = range(len(self.values))
        names, values, targets = self.names, self.values, self.targets
        for j in positions:
            yield Value(names[j], values[j], targets.get(names[j]))

    def decimals(self) -> int:
        values = self.values
        whole = all(map(float.is_integer, values))
        shown = 0 if whole else shown_decimals(set(values))
        return max(shown, max(map(_DECIMALS, self.targets.values()), default=0))

    def lowest(self) -> Value:
        j = self.values.index(min(self.values))
        return Value(self.names[j], self.values[j], self.targets.get(self.names[j]))

    def highest(self) -> Value:
        j = self.values.index(max(self.values))
        best = Value(self.names[j], self.values[j], self.targets.get(self.names[j]))
        ranges = [Value(name, t.value, t) for name, t in self.targets.items() if t.high is not None]
        return max([best] + ranges, key=lambda v: v.high)


def shown_decimals(values: set[float]) -> int:
    """max(map(float_decimals, values)) for checkable floats, not all whole, at C speed: the digits after the
    point of each repr (a whole value's "x.0" counts 1, below a value that is not whole), capped at 6."""
    texts = list(map(repr, values))
    if "e" in "".join(texts):  # 1e-05: float_decimals says 6
        return max(map(float_decimals, values))
    return min(6, max(map(len, map(_AFTER_POINT, map(str.partition, texts, repeat("."))))))


def proportional(gap: float, numbers: Numbers, decimals: int, verb: str, sign: str) -> tuple[dict[str, float], str]:
    """A gap spread over the regions in proportion to their splits, and the suggestion that says so."""
    parts = spread(gap, dict(zip(numbers.names, numbers.values)), decimals)
    text = f"按现有分解比例{verb}：" + "，".join(f"{k}{sign}{format_number(x, decimals)}" for k, x in parts.items() if x)
    return parts, text


def num(x) -> str:
    if x is None:
        return ""
    return format_number(x, 4)
