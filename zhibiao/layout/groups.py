"""Subtotals among the regions: `其中:` members, `…小计` / `一、…` headings, indented members.

A group's members are the rows (or columns) after its owner; the group closes when the members add up to
the owner in most of the indicators both have figures for, so a misprinted subtotal does not swallow the
regions after it. The parent is then checked against the top level only (no double counting) and every
subtotal against its own members.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ..expr import normalize_text, parse_target
from .model import Table

_MEMBER = re.compile(r"^其中[:：]?")
_HEADING = re.compile(r"(小计|合计)$|^[一二三四五六七八九十]+、|^[(（][一二三四五六七八九十]+[)）]")


_LEVEL = re.compile(r"([省市县区镇乡])$")


@dataclass
class _Group:
    owner: int
    members: list[int] = field(default_factory=list)
    closed: bool = False
    heading: bool = False  # 一、… / …小计: members run to the next heading


def _peer(owner: str, name: str) -> bool:
    """望城县 after 长沙县's members: a region of the owner's own level ends a 其中 group that did not add up."""
    a, b = _LEVEL.search(owner), _LEVEL.search(name)
    return bool(a and b and a.group(1) == b.group(1))


def _number(raw) -> float | None:
    if type(raw) is float or type(raw) is int:
        return float(raw)
    t = parse_target(raw)
    return t.value if t.is_number else None


def assign_groups(table: Table) -> None:
    """Mark each region's subtotal (Column.group) and the subtotals themselves (Column.subtotal)."""
    regions = table.regions
    printed = [c.printed if c.printed is not None else c.label for c in regions]
    folded = [normalize_text(p) for p in printed]
    indented = [p[:1] in (" ", "\u3000") for p in printed]
    if len(regions) < 2 or not any(_MEMBER.match(f) or _HEADING.search(f) for f in folded) and not any(indented):
        return
    values = [[_number(row.values[j]) for row in table.rows] for j in range(len(regions))]
    stack: list[_Group] = []
    groups: list[_Group] = []
    owner_of: dict[int, int] = {}

    def join(j: int) -> None:
        while stack and (stack[-1].closed or not stack[-1].heading and not _MEMBER.match(folded[j])
                         and _peer(folded[stack[-1].owner], folded[j])):
            stack.pop()
        if stack:
            g = stack[-1]
            g.members.append(j)
            owner_of[j] = g.owner
            g.closed = _adds_up(values, g)

    for j, text in enumerate(folded):
        if _HEADING.search(text) and not _MEMBER.match(text):
            stack.clear()
            g = _Group(j, heading=True)
            groups.append(g)
            stack.append(g)
            continue
        if (_MEMBER.match(text) or (indented[j] and j and not indented[j - 1])) and j:
            while stack and stack[-1].closed:
                stack.pop()
            if not (stack and stack[-1].owner == j - 1):
                g = _Group(j - 1)
                groups.append(g)
                stack.append(g)
        join(j)
    for g in groups:
        if not g.members:
            continue
        regions[g.owner].subtotal = True
        for j in g.members:
            regions[j].group = regions[g.owner].index
    seen: dict[str, int] = {}
    for c in regions:
        seen[c.label] = seen.get(c.label, 0) + 1
    by_index = {c.index: c for c in regions}
    for c in regions:
        if seen[c.label] > 1 and c.group is not None:
            c.label = by_index[c.group].label + c.label


def _adds_up(values: list[list[float | None]], g: _Group) -> bool:
    """The members add up to the owner in more indicators than they do not."""
    equal = unequal = 0
    for k, own in enumerate(values[g.owner]):
        parts = [values[j][k] for j in g.members]
        if own is None or any(p is None for p in parts):
            continue
        total = math.fsum(parts)
        if abs(total - own) <= 1e-6 * max(1.0, abs(own)) + 0.005:
            equal += 1
        else:
            unequal += 1
    return equal > unequal
