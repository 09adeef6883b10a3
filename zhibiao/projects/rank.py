"""赛马 of the regions on their project rates, scored as `zhibiao progress` scores indicators.

Three measures: 开工率 (met when at or above the 开工 schedule), 竣工率 (met when no finish is overdue) and
投资完成率 (met when at or above 序时进度). A measure takes part when at least two regions have a value; a region
without a denominator there (no 新建 project, nothing due) is left out of it, as a `/` target is.
争先进位: first place 100, each place below 5 less; 目标完成: 100 when met, else 0. The score is the mean.
"""

from __future__ import annotations

from ..expr import format_number
from ..progress import STEP, RankRow, places
from .rates import Rates

MEASURES = [("start_rate", "开工率"), ("finish_rate", "竣工率"), ("investment_rate", "投资完成率")]


def _met(r: Rates, measure: str) -> bool:
    if measure == "start_rate":
        return r.start_rate is not None and r.start_rate >= (r.start_schedule or 0) - 1e-9
    if measure == "finish_rate":
        return r.finish_overdue == 0
    return r.investment_rate is not None and r.investment_rate >= (r.investment_schedule or 0) - 1e-9


def rank_regions(rates: list[Rates], method: str) -> list[RankRow]:
    """The overall 赛马 table of the regions (ties share a rank and say with whom)."""
    names = [r.region for r in rates]
    earned = {n: 0.0 for n in names}
    counted = {n: 0 for n in names}
    details: dict[str, list[dict]] = {n: [] for n in names}
    for measure, label in MEASURES:
        values = {r.region: getattr(r, measure) for r in rates if getattr(r, measure) is not None}
        if len(values) < 2:
            continue
        ranks = places(values, True)
        for r in rates:
            place = ranks.get(r.region)
            if place is None:
                continue
            met = _met(r, measure)
            points = (100.0 if met else 0.0) if method == "目标完成" else max(0.0, 100.0 - STEP * (place - 1))
            earned[r.region] += points
            counted[r.region] += 1
            details[r.region].append({"measure": measure, "label": label, "place": place, "points": points,
                                      "value": values[r.region], "met": met,
                                      "tied_with": [o for o, p in ranks.items() if p == place and o != r.region]})
    scores = {n: round(earned[n] / counted[n], 4) if counted[n] else 0.0 for n in names}
    overall = places(scores, True)
    rows = []
    for n in sorted(names, key=lambda n: (overall[n], names.index(n))):
        mates = [o for o in names if o != n and overall[o] == overall[n]]
        tie = (f"与{'、'.join(mates)}并列第{overall[n]}名：得分同为{format_number(scores[n], 2)}，名次不再细分，下一名次顺延"
               if mates else None)
        lights = next(({"green": r.green, "yellow": r.yellow, "red": r.red} for r in rates if r.region == n), {})
        rows.append(RankRow(n, overall[n], scores[n], method, bool(mates),
                            {"measures": details[n], "lights": lights, "tie": tie}))
    return rows
