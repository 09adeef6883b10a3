"""赛马: rank regions per indicator, then overall with per-indicator weights (争先进位 or 目标完成)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from itertools import compress, groupby, repeat
from operator import add, attrgetter, not_, sub

from ..expr import format_number
from .rounding import round6
from .status import Status

_REGION_STATUS = attrgetter("region", "status")
_IS_PARENT, _INDICATOR = attrgetter("is_parent"), attrgetter("indicator")
STEP = 5.0  # 争先进位: each place below first costs 5% of the full 100 points
_POINTS = [max(0.0, 100.0 - STEP * (place - 1)) for place in range(22)]  # by place (0 unused); 0.0 from 21 on


@dataclass
class RankRow:
    """One region's overall place in the 赛马 (ties share a rank and say so)."""

    region: str
    rank: int
    score: float
    method: str
    tied: bool
    details: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"region": self.region, "rank": self.rank, "score": self.score, "method": self.method,
                "tied": self.tied, "details": self.details}


def places(values: dict[str, float], higher: bool) -> dict[str, int]:
    """Competition ranking (1, 2, 2, 4): a tie shares the better place (1 + how many are strictly better)."""
    figures = list(values.values())
    # round(v, 6): round6 gives the same floats, faster (rounding.py); ints (and anything else) as they were
    key = list(map(round6, figures)) if set(map(type, figures)) == {float} else list(map(round, figures, repeat(6)))
    ordered = sorted(key)
    if higher:  # 1 + n - (how many are at most v)
        return dict(zip(values, map(sub, repeat(1 + len(ordered)), map(bisect_right, repeat(ordered), key))))
    return dict(zip(values, map(add, repeat(1), map(bisect_left, repeat(ordered), key))))


def _by_place(places: dict[str, int]) -> dict[int, list[str]]:
    """The regions at each place, in the order of `places`."""
    groups: dict[int, list[str]] = {}
    for region, place in places.items():
        groups.setdefault(place, []).append(region)
    return groups


def _tied(places: dict[str, int]) -> dict[int, list[str]]:
    """The regions at each shared place, in the order of `places` (most places are not shared)."""
    if len(set(places.values())) == len(places):
        return {}
    shared = {place for place, n in Counter(places.values()).items() if n > 1}
    return _by_place({r: p for r, p in places.items() if p in shared})


def rank_regions(statuses: list[Status], regions: list[str], weights: dict[str, float], method: str,
                 per_indicator: bool = True, as_tuples: bool = False) -> list[RankRow]:
    """The overall 赛马 table; an indicator takes part when at least two regions have a light on it.

    Without `per_indicator` each row's details leave out "indicators" (every indicator's place and points for the
    region: 100,000 dicts at 1,000 × 100), for a caller that prints the places, scores, lights and ties only.
    With `as_tuples` they hold tuples, for ranking_json to make into to_json's dicts a region at a time."""
    by_indicator: dict[str, list[Status]] = {}
    for indicator, group in groupby(compress(statuses, map(not_, map(_IS_PARENT, statuses))), _INDICATOR):
        cells = by_indicator.get(indicator)
        if cells is None:
            by_indicator[indicator] = list(group)
        else:  # the same name again further down: one indicator
            cells += group
    earned = {r: 0.0 for r in regions}
    possible = {r: 0.0 for r in regions}
    rows = {r: [] for r in regions}  # each region's details as tuples, made into dicts below
    entered: list[Status] = []  # every entrant, for the lights each region's details count
    by_target = method == "目标完成"
    for indicator, cells in by_indicator.items():
        weight = weights.get(indicator, 1.0)
        lit = [s for s in cells if s.status is not None]
        if weight <= 0 or len(lit) < 2:
            continue
        # a region with a numeric target but no figure takes part and scores nothing
        entrants = [s for s in cells if s.status is not None or s.target is not None]
        entered += entrants
        values = {}
        for s in lit:  # additive indicators race on completion, rates on the value itself
            v = s.completion if s.kind == "sum" and s.completion is not None else s.actual
            if v is not None:
                values[s.region] = v
        ranks = places(values, lit[0].direction == "higher")
        tied = _tied(ranks) if per_indicator else {}
        place_of, value_of = ranks.get, values.get
        for s in entrants:
            region = s.region
            place = place_of(region)
            if place is None:
                points, note = 0.0, s.note or "无实际值"
            elif by_target:
                points, note = (100.0 if s.status == "green" and (s.lag is None or s.lag <= 0) else 0.0), None
            else:
                points, note = _POINTS[place] if place < len(_POINTS) else 0.0, None
            earned[region] += weight * points
            possible[region] += weight
            if per_indicator:
                rows[region].append((indicator, place, points, weight,
                                     "completion" if s.kind == "sum" and s.completion is not None else "actual",
                                     value_of(region), s.status,
                                     [r for r in tied[place] if r != region] if tied and place in tied else None, note))
    # made into dicts a region at a time: each region's dicts side by side in memory, where its JSON is written
    # in one run (made above, a region's dicts lay 100 apart: checking and writing them cost twice as much)
    details = {region: mine if as_tuples else _detail_dicts(mine) for region, mine in rows.items()} if per_indicator else None
    counted = Counter(map(_REGION_STATUS, entered))  # (region, light) as the details hold them, counted at C speed
    scores = {r: round(earned[r] / possible[r], 4) if possible[r] else 0.0 for r in regions}
    overall = places(scores, True)
    order = {r: i for i, r in reversed(list(enumerate(regions)))}
    at_overall = _by_place({r: overall[r] for r in regions})
    rows = []
    for r in sorted(regions, key=lambda r: (overall[r], order[r])):
        group = at_overall[overall[r]]
        lights = {c: counted[r, c] for c in ("green", "yellow", "red")}
        tie = (f"与{_mates(group, r)}并列第{overall[r]}名：加权得分同为{format_number(scores[r], 2)}，"
               f"名次不再细分，下一名次顺延") if len(group) > 1 else None
        rows.append(RankRow(r, overall[r], scores[r], method, len(group) > 1, {
            **({"indicators": details[r]} if per_indicator else {}), "weight_total": possible[r], "lights": lights,
            "tie": tie,
        }))
    return rows


TIE_NAMED = 5  # a tie with up to this many others names them all; a larger one names the first few and counts them


def _mates(group: list[str], region: str) -> str:
    """The others at a region's shared place: 乙区、丙区, or 甲区、乙区、丙区等12个地区 when many share it (past 20
    regions 争先进位 gives most of them 0 points: each of 30 tied regions named the 29 others)."""
    others = len(group) - 1
    if others <= TIE_NAMED:
        return "、".join(o for o in group if o != region)
    shown = [o for o in group[:4] if o != region][:3]
    return f"{'、'.join(shown)}等{others}个地区"


def _detail_dicts(mine: list[tuple]) -> list[dict]:
    return [{"indicator": indicator, "place": place, "points": points, "weight": weight, "by": by, "value": value,
             "status": status, "tied_with": [] if tied_with is None else tied_with, "note": note}
            for indicator, place, points, weight, by, value, status, tied_with, note in mine]


def ranking_json(row: RankRow) -> dict:
    """RankRow.to_json() of a row from rank_regions(as_tuples=True): its details' dicts made as its JSON is written,
    each region's checked and written while they are still in the cache (made all at once beforehand, 100,000
    dicts at 1,000 × 100, the first ones were long out of it)."""
    details = row.details
    return {"region": row.region, "rank": row.rank, "score": row.score, "method": row.method, "tied": row.tied,
            "details": {"indicators": _detail_dicts(details["indicators"]), "weight_total": details["weight_total"],
                        "lights": details["lights"], "tie": details["tie"]}}
