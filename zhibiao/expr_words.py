"""Words in cells and names: text as the sheet shows it, footnote marks, the verbs a figure is written with."""

from __future__ import annotations

import re
import unicodedata


# what XML, and so a worksheet, cannot hold; Excel stores such a character typed by a program as _x0007_
CONTROL_CHARS = re.compile(r"[\000-\010\013\014\016-\037]")


def normalize_text(text: str) -> str:
    """Full-width to half-width, all white space and control characters removed."""
    text = "".join(unicodedata.normalize("NFKC", text).split())
    return text if text.isprintable() else CONTROL_CHARS.sub("", text)


_NAME_FOLD = str.maketrans({"（": "(", "）": ")", "【": "[", "】": "]", "“": '"', "”": '"', "‘": "'", "’": "'"})


def name_key(text: str) -> str:
    """An indicator or region name as matched across tables and versions: NFKC, no white space, one kind of bracket and quote."""
    return normalize_text(str(text)).translate(_NAME_FOLD)


_UNIT_IN_KEY = re.compile(r"\([^()]*\)$")
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def without_unit(key: str) -> str:
    """A name key without its trailing unit in brackets (the key itself when that is all it is)."""
    return _UNIT_IN_KEY.sub("", key) or key


def year_in(*texts) -> int | None:
    """The year named by the first text that names exactly one (2023年目标值 -> 2023), else None."""
    for text in texts:
        years = {int(y) for y in YEAR.findall(str(text or ""))}
        if len(years) == 1:
            return years.pop()
    return None


def fold_text(text: str) -> str:
    """Join the lines of a cell as printed: no space at a line break, runs of spaces folded."""
    lines = [" ".join(line.split()) for line in str(text).splitlines()]
    text = "".join(line for line in lines if line)
    return text if text.isprintable() else CONTROL_CHARS.sub("", text)  # a BEL in a cell prints as nothing


def cell_text(value) -> str:
    """A cell value as the sheet shows it: a whole float without .0 (2023.0 -> 2023), None as ''."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


_MARK = r"[*＊※#＃△▲☆★†‡\u2460-\u24ff\u2776-\u2793\u3251-\u325f\u32b1-\u32bf]|[(（](?:注\s*[\d\u2460-\u2473]*|预计|快报|初步|初值|估计|预估|暂定)[)）]"
# a footnote mark after a figure: 20①, 12.5¹, 20*, 30(注2), and what the figure is: 5.2(预计), 12.3(快报).
# NFKC would make ① and ¹ digits (20① -> 201), so the marks go before the text is normalized; a superscript
# digit after a Latin letter is a unit's (m²), not a mark
_FOOTNOTE = re.compile(rf"\s*(?:(?:{_MARK})|(?<![A-Za-z\s])[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+)(?:\s*(?:{_MARK}))*\s*$")


# the last characters a text with a footnote mark can have: one set lookup before the pattern for every other text
_FOOTNOTE_ENDS = frozenset("*＊※#＃△▲☆★†‡)）\u00b9\u00b2\u00b3\u2070 \t\r\n\u3000") | frozenset(
    map(chr, [*range(0x2074, 0x207A), *range(0x2460, 0x2500), *range(0x2776, 0x2794), *range(0x3251, 0x3260),
              *range(0x32B1, 0x32C0)]))


def found_after(text: str, first, then) -> bool:
    """`first` somewhere, and `then` after its first occurrence (what `first.*then` asks, in one pass)."""
    if isinstance(first, str):
        at = text.find(first)
        return at >= 0 and then.search(text, at + len(first)) is not None
    found = first.search(text)
    return found is not None and then.search(text, found.end()) is not None


# a figure written with its verb: 增长8%, 同比增长10%以上, 力争增长8%, 提高1个百分点, 提升至20%
_GROWTH = re.compile(r"^(?P<lead>力争|约|)(?:同比)?(?:增长|提高|提升|增加)(?:至|到)?(?P<rest>.*\d.*)$")


# a fall written with its verb: 下降2.1%, 同比下降3%, 负增长3% (a growth of −3); a name that itself names the fall (单位GDP能耗下降率, 降幅)
_DECLINE = re.compile(r"^(?P<lead>力争|约|)(?:同比|比上年|较上年)?(?:下降|降低|减少|回落|压减|削减|负增长)(?P<rest>.*\d.*)$")
_NAMES_DECLINE = re.compile(r"下降|降低|降幅|减少|压减|削减|回落")
# a growth or rate whose fall is a negative figure (规上工业增加值增长, 增速, 涨幅); not 增加值, a level
_NAMES_GROWTH = re.compile(r"增长|增速|增幅|涨幅|提高|提升|上升")
_UNIT_IN_NAME = re.compile(r"[(（]([^()（）]*)[)）]$")
_PERCENT_UNIT = re.compile(r"%|‰|百分点")


def fall_sign(indicator: str | None, unit: str | None = None, percent: bool = False, points: bool = False) -> int:
    """How a fall (下降3%) reads under this indicator: 1 where the name says the fall itself (单位GDP能耗下降率,
    降幅, 压减), −1 under a growth in % (规上工业增加值增长), 0 under a level (能耗总量, 增加值(亿元)): a change
    from the base year is not the level, so it stays unread. A fall in % under a unit that is not (万吨) is 0; so
    is a fall in 百分点 (points) under a growth rate in %: 增速下降3个百分点 is the rate's change, not the rate
    (under a change counted in points, 占比提高(个百分点), it is the figure)."""
    name = normalize_text(indicator or "")
    in_name = _UNIT_IN_NAME.search(name)
    unit = normalize_text(unit) if unit else (in_name[1] if in_name else "")
    bare = name[:in_name.start()] if in_name else name
    in_percent = not unit or bool(_PERCENT_UNIT.search(unit))
    if _NAMES_DECLINE.search(bare):
        return 1 if in_percent or not percent else 0
    if not (_NAMES_GROWTH.search(bare) and in_percent):
        return 0
    return 0 if points and "百分点" not in unit else -1


def counts_points(indicator: str | None, unit: str | None = None) -> bool:
    """An indicator counted in points of change (占比提高(个百分点), or 百分点 in its 单位 column)."""
    if unit:
        return "百分点" in normalize_text(unit)
    in_name = _UNIT_IN_NAME.search(normalize_text(indicator or ""))
    return bool(in_name) and "百分点" in in_name[1]


def growth_named(indicator: str | None) -> bool:
    """A name that says a growth or rise (规上工业增加值增长, 增速) and no fall."""
    bare = normalize_text(indicator or "")
    return bool(_NAMES_GROWTH.search(bare)) and not _NAMES_DECLINE.search(bare)


def without_footnote(text: str) -> str:
    """A label without the footnote mark after it (全市①, 乙县*): else NFKC makes 全市① 全市1."""
    mark = _FOOTNOTE.search(text) if text[-1:] in _FOOTNOTE_ENDS else None
    return text[:mark.start()] if mark and mark.start() else text
