"""Target expressions (目标值): parse what clerks write in a cell into a typed value."""

from __future__ import annotations

import math
from itertools import compress, count, repeat
from operator import is_
import re
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import lru_cache

from .expr_words import (  # noqa: F401 (re-exported: callers import these from expr)
    _DECLINE, _GROWTH, CONTROL_CHARS, YEAR, cell_text, counts_points, fall_sign, fold_text, found_after, name_key, normalize_text,
    without_footnote, without_unit, year_in,
)


class ValueType(StrEnum):
    NUMBER = "number"
    RANGE = "range"
    NOT_APPLICABLE = "not_applicable"
    PENDING = "pending"
    QUALITATIVE = "qualitative"
    BLANK = "blank"
    UNPARSED = "unparsed"


class Bound(StrEnum):
    EXACT = "exact"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    ABOUT = "about"


@dataclass(frozen=True, slots=True)
class Target:
    """A parsed target value; `value` is the number (a range's low end), `high` a range's top."""

    type: ValueType
    value: float | None = None
    high: float | None = None
    bound: Bound = Bound.EXACT
    decimals: int = 0
    percent: bool = False
    includes: str | None = None  # 4.5(含南太湖新区): this figure includes that region's
    raw: str | None = None
    # 下降3% (a QUALITATIVE target): the figure of the fall, 3; its sign is the indicator's (as_indicator)
    fall: Target | None = None
    # 提高1个百分点 (a QUALITATIVE target): a rise in points, the figure only of a change counted in points (as_indicator)
    rise: Target | None = None
    # a number or a range: set once here, read as a plain attribute by the checks' per-cell passes
    is_number: bool = field(default=False, init=False, repr=False, compare=False)
    # a figure or 不适用 that names no other region (150家, 8.4左右, /): nothing for the cell checks to say
    quiet: bool = field(default=False, init=False, repr=False, compare=False)
    # a fall or a rise its indicator reads (as_indicator): one attribute for a row's pass to look at
    changed: bool = field(default=False, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        kind = self.type
        object.__setattr__(self, "is_number", kind is ValueType.NUMBER or kind is ValueType.RANGE)
        object.__setattr__(self, "quiet", (self.is_number or kind is ValueType.NOT_APPLICABLE) and not self.includes)
        object.__setattr__(self, "changed", self.fall is not None or self.rise is not None)

    def to_json(self) -> dict:
        out = {"type": str(self.type), "raw": self.raw}
        if self.is_number:
            out.update(value=self.value, bound=str(self.bound))
            if self.high is not None:
                out["high"] = self.high
            if self.percent:
                out["percent"] = True
            if self.includes:
                out["includes"] = self.includes
        return out


BLANK = Target(ValueType.BLANK)

_NA = {"/", "-", "—", "——", "--", "－", "―", "\\", "／", "×", "无", "不适用", "n/a", "na", "–", "\u2212"}
# linear on any length: literal alternations; "A … B" is A found, then B searched after it (never `A.*B`)
_PENDING_RE = re.compile(r"^待|待定|另行下达|另行分解|暂缓下达")
_PENDING_AFTER = re.compile(r"下达|确定|分解")
_QUALITATIVE_WORDS = re.compile(
    r"完成|高于|低于|快于|慢于|同步|持平|稳中有|确保|实现|保持|争创|省定|市定|下达|GDP|百分点|平均水平|前列|突破|提升|增长|下降"
)
_QUALITATIVE_AFTER = ((re.compile("不低于"), re.compile(r"[\u4e00-\u9fff]")), (re.compile("达到"), re.compile("水平|要求")))
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NUM = r"[-+]?\d+(?:\.\d+)?"
_PREFIX = r"(?P<prefix>力争|不低于|不少于|不小于|至少|大于等于|≥|>=|＞=|大于|>|超过|达到|约|不高于|不超过|不大于|小于等于|≤|<=|小于|<|低于|控制在)?"
_MULT = r"(?P<mult>[万亿])?"
# units are made of unit characters only, so 6个多 or 12项目标 stay unparsed instead of losing their words
_UNIT_CHARS = "个家项亩件人台户次株吨座套条所元万亿千百标准煤瓦米公里平方场批本篇名位款份处辆只张部间栋千克度时天年月分点"
_UNIT = rf"(?P<unit>(?:[{_UNIT_CHARS}A-Za-z/·²³]){{0,6}}?)"
_SUFFIX = r"(?P<suffix>及以上|以上|左右|上下|及以下|以下|以内|内)?"
_SINGLE = re.compile(rf"^{_PREFIX}(?P<num>{_NUM}){_MULT}(?P<pct>%)?{_UNIT}{_SUFFIX}$")
_RANGE = re.compile(
    rf"^(?P<lo>{_NUM})(?P<pct1>%)?(?:[\u4e00-\u9fff]{{0,2}}?)\s*(?:-|~|～|至|到|—|－)\s*(?P<hi>{_NUM}){_MULT}(?P<pct>%)?{_UNIT}$"
)
_INCLUDED = re.compile(r"^(?P<body>.+?)[(（]含(?P<what>[^()（）]+)[)）]$")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?:\D|$))")
# a 万/亿 right after the number multiplies only before nothing or a counting unit: 1.2万 = 12000,
# 1.2万亩 = 12000 亩, but 1.2万元 and 15万吨标煤 are units of their own.
_COUNT_UNITS = set("个家项亩件人台户次株吨座套条所") | {""}
_QUALIFIER_IN_UNIT = re.compile(r"以上|以下|左右|以内|上下|不|低于|高于|力争|约")
_AT_LEAST = {"力争", "不低于", "不少于", "不小于", "至少", "大于等于", "≥", ">=", "＞=", "大于", ">", "超过", "达到"}
_AT_MOST = {"不高于", "不超过", "不大于", "小于等于", "≤", "<=", "小于", "<", "低于", "控制在"}



def _decimals(number: str) -> int:
    return len(number.split(".")[1]) if "." in number else 0


def float_decimals(x: float) -> int:
    """Decimals a stored float shows (capped at 6: more is float noise, not printed precision)."""
    if x == int(x):
        return 0
    text = repr(x)
    if "e" in text:
        return 6
    return min(6, len(text) - text.index(".") - 1)


# The largest figure zhibiao checks: beyond 2**53 (about 9.0e15, 9千万亿) a float no longer holds every whole
# number, so sums, gaps and fixes lose their units; no bureau target comes near it (China's GDP is about 1.3e14
# 元). NaN, ±inf and anything larger (1e308, a 400-digit figure typed as text) is an unparsed value.
MAX_FIGURE = float(2**53)


def checkable(x: float) -> bool:
    """A figure the checks can add, compare and spread: finite and within ±MAX_FIGURE (False for NaN)."""
    return -MAX_FIGURE <= x <= MAX_FIGURE


def number_text(x) -> str:
    """A number no check can use, as a message shows it: 1e+308, inf, nan, or a long integer cut short."""
    if isinstance(x, float):
        return f"{x:g}"
    text = str(x)
    return text if len(text) <= 24 else f"{text[:12]}…（{len(text)}位）"


def parse_target(raw) -> Target:
    """Parse one cell value (number, text or None) into a Target."""
    kind = type(raw)
    if kind is float or kind is int:
        if not checkable(raw):  # int first: float() of a 400-digit int raises
            return Target(ValueType.UNPARSED, raw=number_text(raw))
        return Target(ValueType.NUMBER, float(raw), decimals=float_decimals(raw) if kind is float else 0)
    if raw is None:
        return BLANK
    if isinstance(raw, str):
        return _parse_text(raw)
    return Target(ValueType.UNPARSED, raw=str(raw))


_PARSED: dict = {None: BLANK}  # text -> Target (str keys only: no 1 / 1.0 / True to tell apart), and blank
_PARSED_MAX = 200_000


def parse_targets(values) -> list[Target]:
    """parse_target of many cell values: text seen before costs one dict lookup, at C speed (a row written
    mostly as text, 150家 / 1.2万 / ≥12, has a thousand such cells); only the rest is parsed one by one."""
    values = list(values)
    try:
        out = list(map(_PARSED.get, values))
    except TypeError:  # a value that cannot be a key
        return [parse_target(v) for v in values]
    for k in list(compress(count(), map(is_, out, repeat(None)))):
        raw = values[k]
        out[k] = target = parse_target(raw)
        if type(raw) is str:
            if len(_PARSED) >= _PARSED_MAX:
                _PARSED.clear()
                _PARSED[None] = BLANK
            _PARSED[raw] = target
    return out


_FLIPPED = {Bound.AT_LEAST: Bound.AT_MOST, Bound.AT_MOST: Bound.AT_LEAST}


def as_indicator(target: Target, indicator: str | None, unit: str | None = None) -> Target:
    """A fall (下降3%) as a figure of this indicator: 3 under a name that says the fall (单位GDP能耗下降率), −3
    under a growth (规上工业增加值增长); any other target, and a fall under a level (能耗总量), as it is. A rise in
    points (提高1个百分点) is the figure under a change counted in points (占比提高(个百分点)) and unread under anything
    else: a share's level or a growth rate in % that rises 1 point is not 1."""
    figure = target.fall
    if figure is None:
        if target.rise is not None and counts_points(indicator, unit):
            return replace(target.rise, raw=target.raw)
        return target
    points = "百分点" in target.raw
    sign = fall_sign(indicator, unit, figure.percent or points, points)
    if sign > 0:
        return replace(figure, raw=target.raw)
    if sign == 0:
        return target
    if figure.type is ValueType.RANGE:  # 下降2-3% under a growth: −3 to −2
        return replace(figure, value=-figure.high, high=-figure.value or 0.0, raw=target.raw)
    return replace(figure, value=-figure.value or 0.0, bound=_FLIPPED.get(figure.bound, figure.bound), raw=target.raw)


@lru_cache(maxsize=65536)
def _parse_text(raw: str) -> Target:
    body = without_footnote(raw)
    if len(body) < len(raw):
        figure = _parse_text(body)
        if figure.is_number or figure.fall or figure.rise:  # the figure, its mark kept in the text shown
            return replace(figure, raw=fold_text(raw))
    text = normalize_text(raw)
    if not text:
        return BLANK
    grown = _GROWTH.match(text)
    if grown:  # 增长8% is 8 (a growth is the figure itself); 提高1个百分点 is a change in points, read by as_indicator
        figure = _parse_text(grown["lead"] + grown["rest"])
        if figure.is_number and "百分点" in grown["rest"]:
            return Target(ValueType.QUALITATIVE, raw=fold_text(raw), rise=figure)
        if figure.is_number:
            return replace(figure, raw=fold_text(raw))
    fell = _DECLINE.match(text)
    if fell:  # 下降3%: unread here, as the sign is the indicator's; as_indicator reads it where the name is known
        figure = _parse_text(fell["lead"] + fell["rest"])
        if figure.is_number:
            return Target(ValueType.QUALITATIVE, raw=fold_text(raw), fall=figure)
    # keep the original text, white space folded, for messages
    shown = fold_text(raw)
    if text.lower() in _NA:
        return Target(ValueType.NOT_APPLICABLE, raw=shown)
    if _PENDING_RE.search(text) or found_after(text, "待", _PENDING_AFTER):
        return Target(ValueType.PENDING, raw=shown)
    included = _INCLUDED.match(text)
    if included:
        inner = _parse_number(included["body"], shown)
        if inner is not None and checkable(inner.value) and checkable(inner.high or 0.0):
            return Target(
                inner.type, inner.value, inner.high, inner.bound, inner.decimals, inner.percent,
                includes=included["what"], raw=shown,
            )
    number = _parse_number(text, shown)
    if number is not None:
        return number if checkable(number.value) and checkable(number.high or 0.0) else Target(ValueType.UNPARSED, raw=shown)
    if _CJK.search(text) and (not re.search(r"\d", text) or _QUALITATIVE_WORDS.search(text)
                              or any(found_after(text, first, then) for first, then in _QUALITATIVE_AFTER)):
        return Target(ValueType.QUALITATIVE, raw=shown)
    return Target(ValueType.UNPARSED, raw=shown)


def _scale(mult: str | None, unit: str) -> float | None:
    if not mult:
        return 1.0
    if unit not in _COUNT_UNITS:
        return None
    return 1e4 if mult == "万" else 1e8


def _scaled_decimals(number: str, factor: float) -> int:
    return max(0, _decimals(number) - round(math.log10(factor)))


def _parse_number(text: str, shown: str) -> Target | None:
    text = _THOUSANDS.sub("", text)
    if "\u2212" in text:  # −3% with the minus sign of a Word or PDF copy (NFKC keeps it)
        text = text.replace("\u2212", "-")
    m = _SINGLE.match(text)
    if m and _QUALIFIER_IN_UNIT.search(m["unit"] or ""):
        m = None  # 3个左右以上: two qualifiers, not a target anyone can hold to
    if m:
        unit = m["unit"] or ""
        factor = _scale(m["mult"], unit)
        if factor is None:  # 万元 / 亿元 as a unit: the number is in that unit
            factor = 1.0
        prefix, suffix = m["prefix"], m["suffix"]
        if prefix in _AT_LEAST or suffix in ("以上", "及以上"):
            bound = Bound.AT_LEAST
        elif prefix in _AT_MOST or suffix in ("以下", "及以下", "以内", "内"):
            bound = Bound.AT_MOST
        elif prefix == "约" or suffix in ("左右", "上下"):
            bound = Bound.ABOUT
        else:
            bound = Bound.EXACT
        return Target(
            ValueType.NUMBER, float(m["num"]) * factor, bound=bound,
            decimals=_scaled_decimals(m["num"], factor), percent=bool(m["pct"]), raw=shown,
        )
    m = _RANGE.match(text)
    if m:
        factor = _scale(m["mult"], m["unit"] or "") or 1.0
        lo, hi = float(m["lo"]) * factor, float(m["hi"]) * factor
        if lo > hi:
            return None
        return Target(
            ValueType.RANGE, lo, hi, Bound.EXACT,
            decimals=max(_scaled_decimals(m["lo"], factor), _scaled_decimals(m["hi"], factor)),
            percent=bool(m["pct"] or m["pct1"]), raw=shown,
        )
    return None


def format_number(x: float | None, decimals: int = 2, grouped: bool = True) -> str:
    """At most `decimals` decimals, no trailing zeros; thousands grouped (12,000) from 10000 unless grouped=False."""
    if x is None:
        return "—"
    digits = max(decimals, 0)
    text = f"{x:,.{digits}f}" if grouped and abs(x) >= 10000 else f"{x:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
