"""Indicator kinds (指标汇总方式): how a parent target relates to its regions' splits."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from .expr import normalize_text


class Kind(StrEnum):
    SUM = "sum"  # additive quantity: Σ regions ≥ parent
    WEIGHTED = "weighted"  # ratio, share, growth, per capita: parent = weighted mean
    UNIFORM = "uniform"  # every region carries the parent figure
    QUALITATIVE = "qualitative"  # text, not checkable by arithmetic
    PENDING = "pending"  # not split yet


KIND_LABEL = {
    Kind.SUM: "合计",
    Kind.WEIGHTED: "加权平均",
    Kind.UNIFORM: "统一",
    Kind.QUALITATIVE: "不汇总",
    Kind.PENDING: "待下达",
}
# 汇总方式 column values -> kind
_METHOD_WORDS = [
    (re.compile(r"加权"), Kind.WEIGHTED),
    (re.compile(r"统一|一致|同一"), Kind.UNIFORM),
    (re.compile(r"不汇总|定性|不核|不计"), Kind.QUALITATIVE),
    (re.compile(r"合计|求和|相加|累加|汇总|加总"), Kind.SUM),
    (re.compile(r"待"), Kind.PENDING),
]


class Direction(StrEnum):
    HIGHER = "higher"  # 越高越好
    LOWER = "lower"  # 越低越好


DIRECTION_LABEL = {Direction.HIGHER: "越高越好", Direction.LOWER: "越低越好"}


@dataclass(frozen=True)
class Weighting:
    """What a weighted mean is weighted by, and how to find it in a 基数 sheet."""

    basis: str  # land | employees | population | base_value | denominator | named
    label: str  # Chinese, for messages: 用地面积(亩), 上年规上工业增加值, 营业收入
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class KindInfo:
    """An indicator's kind, with where it came from (shown to the clerk so they can correct it)."""

    kind: Kind
    weighting: Weighting | None = None
    source: str = "inferred"  # inferred | column | data

    @property
    def label(self) -> str:
        text = KIND_LABEL[self.kind]
        if self.kind is Kind.WEIGHTED and self.weighting:
            text += f"（按{self.weighting.label}）"
        return text


LAND = Weighting("land", "用地面积(亩)", ("用地", "面积", "亩"))
EMPLOYEES = Weighting("employees", "从业人员(人)", ("从业", "职工", "员工", "就业", "人员"))
POPULATION = Weighting("population", "人口", ("人口",))

_UNIT_IN_NAME = re.compile(r"[(（]([^()（）]*)[)）]$")
_GROWTH = re.compile(r"(增长率|增长|增速|增幅|提高|提升|下降率|下降|降幅|降低率|降低)")
# Patterns stay linear on a 32,767-character name: literal alternations only; what lies between two key words
# is found with str.find and slicing, not with a lazy group (`(?P<den>.+?)比重` retries from every position).
_SHARE_PREFIX = re.compile(r"占|相当于")
_SHARE_WORD = re.compile(r"的?(?:比重|比例|之比|比率|份额)")
_SHARE_ALONE = re.compile(r"比重|比例|占比")
_RATE = re.compile(r"率|覆盖|指数|强度|密度|亩均|人均|均值|平均")
_PER_CAPITA = re.compile(r"每万人口|每万人|每千人|每百人|人均|户均|每万名")
# a per-unit amount in money (奖补标准(万元), 补助标准(元), 单价(元)): what one building, mu or person gets, the same
# figure in the parent row and every region, never split; not 高标准农田 (an area), not a count of 标准 (个)
_PER_UNIT = re.compile(r"(?<!高)(?:标准|单价)$")
_MONEY = ("元", "千元", "万元", "亿元")
_LOWER = re.compile(r"能耗|排放|耗水|PM2\.?5|亏损|事故|投诉|污染|能源消费|煤炭消费|用水总量|用能总量")
_LOWER_EXCEPT = re.compile(r"下降|降幅|降低|减少|压减|腾出|节约|整治|淘汰|削减")


def _share(bare: str) -> str | None:
    """A share (占…比重, 相当于…的比例, …占比): its denominator or subject ("" when unnamed); None for no share.

    The leftmost of: 占/相当于 X (的)比重 (X the denominator), X 占比 (X the subject), a bare 比重 / 比例 / 占比.
    """
    found = []  # (position, order among the alternatives, what)
    prefix = _SHARE_PREFIX.search(bare)
    if prefix:
        word = _SHARE_WORD.search(bare, prefix.end() + 1)
        if word:
            found.append((prefix.start(), 0, bare[prefix.end():word.start()]))
    subject = bare.find("占比", 1)
    if subject > 0:
        found.append((0, 1, bare[:subject]))
    alone = _SHARE_ALONE.search(bare)
    if alone:
        found.append((alone.start(), 2, ""))
    return min(found)[2] if found else None


def split_unit(name: str) -> tuple[str, str | None]:
    """Indicator name and the unit in its trailing parentheses: 规上工业亩均税收(万元/亩)."""
    text = normalize_text(name)
    m = _UNIT_IN_NAME.search(text)
    if not m:
        return text, None
    return text[: m.start()], m.group(1) or None


def kind_from_method(method: str | None, weight_hint: str | None = None) -> KindInfo | None:
    """The kind a 汇总方式 cell asks for, if it names one."""
    if not method:
        return None
    text = normalize_text(str(method))
    for pattern, kind in _METHOD_WORDS:
        if pattern.search(text):
            weighting = None
            if kind is Kind.WEIGHTED and weight_hint:
                hint = normalize_text(weight_hint)
                weighting = Weighting("named", hint, (split_unit(hint)[0],))
            return KindInfo(kind, weighting, "column")
    return None


def infer_kind(name: str, unit: str | None = None, method: str | None = None, weight_hint: str | None = None) -> KindInfo:
    """Infer the kind from name and unit; a 汇总方式 value overrides, a 权重依据 value names the weight."""
    explicit = kind_from_method(method, weight_hint)
    if explicit:
        return explicit
    bare, unit_in_name = split_unit(name)
    unit = normalize_text(unit) if unit else unit_in_name
    unit = unit or ""
    if weight_hint:
        hint = normalize_text(weight_hint)
        named = Weighting("named", hint, (split_unit(hint)[0],))
    else:
        named = None

    def weighted(w: Weighting) -> KindInfo:
        return KindInfo(Kind.WEIGHTED, named or w)

    # per capita: the name decides (每万人口高价值发明专利拥有量 vs 高价值发明专利拥有量, both 件)
    if _PER_CAPITA.search(bare) or unit.endswith("/万人"):
        return weighted(POPULATION)
    if "/" in unit:
        denominator = unit.split("/", 1)[1]
        if denominator.endswith("亩") or denominator in ("平方米", "公顷", "平方公里"):
            return weighted(LAND)
        if denominator == "人":
            return weighted(EMPLOYEES)
        return weighted(Weighting("denominator", denominator, (denominator,)))
    share = _share(bare)
    if share is not None and (unit in ("%", "个百分点", "") or "%" in unit):
        den = share
        if den:
            den = re.sub(r"^(全市|全县|全区)", "", den)
            return weighted(Weighting("denominator", den, (den,)))
        return weighted(Weighting("denominator", "分母", ()))
    growth = _GROWTH.search(bare)
    if growth and (unit in ("%", "个百分点", "") or "%" in unit):
        # 能耗上升或下降(±%): the subject is 能耗, not 能耗上升或
        subject = re.sub(r"(上升|增长|增加|提高|提升|下降|降低|减少)?[或和及、/]$", "", bare[: growth.start()])
        subject = subject.rstrip("的") or bare
        subject = re.sub(r"^(年度|同比|全年)", "", subject)
        return weighted(Weighting("base_value", f"上年{subject}", (subject,)))
    if "%" in unit or unit == "个百分点" or _RATE.search(bare) and not unit:
        return weighted(Weighting("denominator", "分母", ()))
    if _RATE.search(bare) and unit and unit not in ("个", "家", "项", "件", "亩", "人", "台", "亿元", "万元"):
        return weighted(Weighting("denominator", "分母", ()))
    if unit in _MONEY and _PER_UNIT.search(bare):
        return weighted(Weighting("denominator", "分母", ()))
    return KindInfo(Kind.SUM)


def infer_direction(name: str, declared: str | None = None) -> Direction:
    """越低越好 for energy use, emissions and the like; a 方向 cell overrides."""
    if declared:
        text = normalize_text(str(declared))
        if re.search(r"低|小|少|逆向|负向", text):
            return Direction.LOWER
        if re.search(r"高|大|多|正向", text):
            return Direction.HIGHER
    bare, _ = split_unit(name)
    if _LOWER.search(bare) and not _LOWER_EXCEPT.search(bare):
        return Direction.LOWER
    return Direction.HIGHER
