"""时间节点 as clerks type them: Excel dates, 2023-03, 2023.03, 2023年3月底, 3月, 一季度, 2024年, 已开工.

A node is a span of days (a month, a quarter, a year, one day): a planned node is due once its last day
has passed, an actual node happened once its first day has come. `已开工` is done with no date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from ..expr import fold_text, normalize_text

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_DONE = re.compile(r"^(已|均已|已经)(开工|竣工|完工|建成|投产|开建|动工|开始建设|完成)|^(√|✓|是)$")
_NONE = re.compile(r"^(/|／|-|－|—|——|--|\\|无|暂无|未开工|未竣工|尚未开工|尚未竣工|未完工|待定|待确定|未定|未明确|否)$")
_Y = r"(?P<y>(?:19|20)\d{2})"
_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("day", re.compile(_Y + r"(?:[-/.]|年)(?P<m>\d{1,2})(?:[-/.]|月)(?P<d>\d{1,2})日?(?:前|之前)?$")),
    ("day", re.compile(_Y + r"(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])$")),
    ("month", re.compile(_Y + r"(?:[-/.]|年)(?P<m>\d{1,2})(?:月)?(?P<part>份|底|末|初|上旬|中旬|下旬|前|之前|内)?$")),
    ("month", re.compile(_Y + r"(?P<m>0[1-9]|1[0-2])$")),
    ("quarter", re.compile(_Y + r"年?(?:第)?(?P<q>[一二三四1-4])季度?(?:末|底|内|前)?$")),
    ("quarter", re.compile(_Y + r"年?[Qq](?P<q>[1-4])$")),
    ("half", re.compile(_Y + r"年?(?P<h>[上下])半年(?:末|底|内|前)?$")),
    ("year", re.compile(_Y + r"年?(?:度|底|末|内|年底|年末|年内|全年)?$")),
    ("month", re.compile(r"^(?P<m>\d{1,2})月(?P<part>份|底|末|初|上旬|中旬|下旬|前|之前|内)?$")),
    ("day", re.compile(r"^(?P<m>\d{1,2})月(?P<d>\d{1,2})日?$")),
    ("quarter", re.compile(r"^(?:第)?(?P<q>[一二三四1-4])季度?(?:末|底|内|前)?$")),
    ("half", re.compile(r"^(?P<h>[上下])半年(?:末|底|内|前)?$")),
    ("year", re.compile(r"^(?:年底|年末|年内|本年|当年|今年)$")),
]
_PART_DAYS = {"初": (1, 10), "上旬": (1, 10), "中旬": (11, 20), "下旬": (21, 31)}


@dataclass(frozen=True)
class NodeDate:
    """A 时间节点: the span of days it names, `done` without a date (已开工), blank, or unparsed."""

    text: str  # as typed (folded), '' for a blank cell
    kind: str  # day | month | quarter | half | year | done | blank | unparsed
    first: dt.date | None = None
    last: dt.date | None = None
    ambiguous: bool = False  # 2023.1 as a number: January, or October typed 2023.10

    @property
    def is_date(self) -> bool:
        return self.first is not None

    @property
    def done(self) -> bool:
        """Something happened: a date or a word such as 已开工."""
        return self.first is not None or self.kind == "done"

    def iso(self) -> str | None:
        """The last day of the span, as ISO: the deadline a planned node sets (2023年3月 → 2023-03-31)."""
        return self.last.isoformat() if self.last else None

    def label(self) -> str:
        """The node in bureau Chinese: 2023年3月, 2023年一季度, 2024年, 2023年3月15日."""
        if self.first is None:
            return self.text
        y, m = self.first.year, self.first.month
        if self.kind == "day":
            return f"{y}年{m}月{self.first.day}日"
        if self.kind == "month":
            part = {1: "上旬", 11: "中旬", 21: "下旬"}.get(self.first.day) if self.last.day != _month_end(y, m).day or self.first.day != 1 else None
            return f"{y}年{m}月{part or ''}"
        if self.kind == "quarter":
            return f"{y}年{'一二三四'[(m - 1) // 3]}季度"
        if self.kind == "half":
            return f"{y}年{'上' if m == 1 else '下'}半年"
        return f"{y}年"


BLANK_NODE = NodeDate("", "blank")


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def period_end(year: int, month: int) -> dt.date:
    """The last day of a reporting period (cumulative to the end of the month)."""
    return _month_end(year, month)


def _span(kind: str, year: int, parts: dict) -> tuple[dt.date, dt.date] | None:
    if kind == "day":
        m, d = int(parts["m"]), int(parts["d"])
        try:
            day = dt.date(year, m, d)
        except ValueError:
            return None
        return day, day
    if kind == "month":
        m = int(parts["m"])
        if not 1 <= m <= 12:
            return None
        end = _month_end(year, m)
        lo, hi = _PART_DAYS.get(parts.get("part") or "", (1, end.day))
        return dt.date(year, m, lo), dt.date(year, m, min(hi, end.day))
    if kind == "quarter":
        q = _CN[parts["q"]]
        return dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q)
    if kind == "half":
        first = 1 if parts["h"] == "上" else 7
        return dt.date(year, first, 1), _month_end(year, first + 5)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _from_number(value: float, shown: str) -> NodeDate:
    if value == int(value):
        n = int(value)
        if 1900 <= n <= 2100:
            return NodeDate(shown, "year", dt.date(n, 1, 1), dt.date(n, 12, 31))
        if 190001 <= n <= 210012:  # 202303
            return parse_node(f"{n // 100}-{n % 100}", shown=shown)
        if 19000101 <= n <= 21001231:  # 20230315
            return parse_node(f"{n // 10000}-{n // 100 % 100}-{n % 100}", shown=shown)
        if 20000 <= n <= 80000:  # an Excel date serial the reader did not turn into a date
            day = _EXCEL_EPOCH + dt.timedelta(days=n)
            return NodeDate(shown, "day", day, day)
        return NodeDate(shown, "unparsed")
    text = repr(float(value))
    whole, _, frac = text.partition(".")
    if "e" in text or not 1900 <= int(whole) <= 2100 or len(frac) > 2:
        return NodeDate(shown, "unparsed")
    node = parse_node(f"{whole}.{frac}", shown=shown)
    # Excel keeps 2023.10 as the number 2023.1: one digit 1 may be either month
    return NodeDate(node.text, node.kind, node.first, node.last, ambiguous=frac == "1")


def parse_node(value, year: int | None = None, shown: str | None = None) -> NodeDate:
    """One cell of a date column; `year` completes year-less text (3月, 一季度) — the list's year."""
    if value is None or value == "":
        return BLANK_NODE
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return NodeDate(shown or value.isoformat(), "day", value, value)
    if isinstance(value, bool):
        return NodeDate(str(value), "unparsed")
    if isinstance(value, (int, float)):
        return _from_number(float(value), shown or fold_text(f"{value:g}" if isinstance(value, float) else str(value)))
    node = _parse_text(str(value), year)
    return NodeDate(shown, node.kind, node.first, node.last) if shown and shown != node.text else node


@lru_cache(maxsize=8192)
def _parse_text(value: str, year: int | None) -> NodeDate:
    """Text typed into a date cell; lists repeat the same few spellings, so the answers are kept."""
    raw = fold_text(value)
    text = normalize_text(value).rstrip("。.")
    shown = raw
    if not text:
        return BLANK_NODE
    if _NONE.match(text):
        return NodeDate(shown, "blank")
    if _DONE.match(text):
        return NodeDate(shown, "done")
    text = re.sub(r"^(计划|预计|力争|争取|确保)", "", text)
    text = re.sub(r"(开工|竣工|完工|投产|建成|开建|动工)$", "", text)
    for kind, pattern in _PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        parts = m.groupdict()
        y = int(parts["y"]) if parts.get("y") else year
        if y is None:
            return NodeDate(shown, "unparsed")
        span = _span(kind, y, parts)
        if span is None:
            return NodeDate(shown, "unparsed")
        return NodeDate(shown, kind, *span)
    return NodeDate(shown, "unparsed")


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole calendar months from one date's month to another's (March → May is 2)."""
    return (later.year - earlier.year) * 12 + later.month - earlier.month
