"""分解缺口 in plain Chinese: one paragraph per gap, one sentence per kind of note."""

from __future__ import annotations

from ..codes import Severity
from ..expr import parse_target
from ..kinds import split_unit
from ..report import VERDICT_LEVEL, Finding, Report
from .numbers import percent, quantity

LOWER = "各地区"  # the regions, as a sentence names them
EACH = 3  # up to this many findings of a kind get a sentence each; more are said together


def bare_and_unit(name: str | None) -> tuple[str, str]:
    """规上工业亩均税收(万元/亩) → (规上工业亩均税收, 万元/亩)."""
    bare, unit = split_unit(name or "")
    return bare, unit or ""


def units_of(report: Report) -> dict[str, str]:
    """Indicator name → its unit, from the name's brackets or the 单位 column."""
    return {ind.name: ind.unit for ind in report.indicators if ind.unit}


def gap_text(f: Finding, parent: str, units: dict[str, str] | None = None) -> str:
    """The sentence for one error finding, numbers written as bureau prose (缺口500亩, with the unit wherever it sits)."""
    bare, unit = bare_and_unit(f.indicator)
    unit = unit or (units or {}).get(f.indicator or "", "")
    q = lambda x: quantity(x, unit)  # noqa: E731 - a local shorthand keeps the sentences readable
    if f.code == "split-short":
        return f"{parent}目标{q(f.target)}，{LOWER}分解合计{q(f.allocated)}，缺口{q(f.gap)}，目标未能分解到位。"
    if f.code == "split-over-cap":
        return f"{parent}上限{q(f.target)}，{LOWER}分解合计{q(f.allocated)}，超出上限{q(f.gap)}，需压减分解。"
    if f.code == "weighted-short":
        return f"按基数加权推算，{LOWER}分解目标折合{parent}{q(f.implied)}，低于{parent}目标{q(f.target)}，相差{q(f.gap)}。"
    if f.code == "weighted-infeasible":
        return f"{f.message}，分解方案需要调整。"
    if f.code == "uniform-below":
        return f"{f.region}分解目标低于{parent}统一目标{q(f.target)}。"
    return f"{f.message}。"


def gap_items(report: Report, parent: str, responsible: dict[str, str]) -> list[dict]:
    """The error findings as {title, text, suggestion, responsible, cell}, in the report's order."""
    items = []
    units = units_of(report)
    for f in report.findings:
        if f.severity is not Severity.ERROR:
            continue
        bare, _ = bare_and_unit(f.indicator)
        items.append({
            "title": bare or f.cell or "",
            "text": gap_text(f, parent, units),
            "suggestion": f"建议{f.suggestion.rstrip('。')}。" if f.suggestion else "",
            "responsible": responsible.get(f.indicator or "", "") or "",
            "cell": f.cell or "",
        })
    return items


def _names(findings: list[Finding], limit: int = 3) -> str:
    names = list(dict.fromkeys(bare_and_unit(f.indicator)[0] for f in findings if f.indicator))
    head = "、".join(names[:limit])
    return f"{head}等{len(names)}项指标" if len(names) > limit else (f"{head}{len(names)}项指标" if len(names) > 1 else head)


def note_sentences(report: Report, parent: str) -> list[str]:
    """Warnings and notes, one sentence per kind: 加压分解, 需补充基数, 待下达, 定性, 未填写. A kind found for more
    than EACH indicators is said once for all of them (a county's 30 加压分解 indicators are one sentence, not 30
    paragraphs of the 简报); each indicator's own figures are in the 附件 table and the check's results."""
    by_code: dict[str, list[Finding]] = {}
    for f in report.findings:
        if f.severity is not Severity.ERROR:
            by_code.setdefault(f.code, []).append(f)
    out = []
    units = units_of(report)
    over = by_code.get("split-over", [])
    if len(over) > EACH:
        out.append(_over_together(over, parent, units))
    for f in over if len(over) <= EACH else ():
        bare, unit = bare_and_unit(f.indicator)
        unit = unit or units.get(f.indicator or "", "")
        out.append(f"{bare}{LOWER}分解合计{quantity(f.allocated, unit)}，高于{parent}目标{quantity(f.target, unit)}"
                   f"（超出{quantity(f.gap, unit)}），属加压分解。")
    if found := by_code.get("weights-needed"):
        out.append(f"{_names(found)}属加权平均类指标，{parent}目标处于{LOWER}分解值区间内，"
                   f"需在“基数”表中补充用地面积、上年增加值等基数后方可精确核验。")
    if found := by_code.get("pending"):
        raw = found[0].raw or "待下达"
        out.append(f"{_names(found)}{raw}。")
    qualitative = by_code.get("parent-qualitative", [])
    # 下降3% under a level (能耗总量), 提高1个百分点 under a share in %: not qualitative, a change the level cannot be read from
    falls = [f for f in qualitative if _a_change(f.raw)]
    qualitative = [f for f in qualitative if f not in falls]
    if len(falls) > EACH:
        out.append(f"{_names(falls)}的{parent}目标写成比基期的变化（如“{num_text(falls[0].raw)}”），不是指标本身的目标值，"
                   "无法折算，不作数值核对。")
    for f in falls if len(falls) <= EACH else ():
        bare = bare_and_unit(f.indicator)[0]
        out.append(f"{bare}的{parent}目标“{num_text(f.raw)}”是比基期的变化，不是{bare}本身的目标值，无法折算，不作数值核对。")
    if len(qualitative) > EACH:
        out.append(f"{_names(qualitative)}为定性目标，不作数值核对。")
    for f in qualitative if len(qualitative) <= EACH else ():
        out.append(f"{bare_and_unit(f.indicator)[0]}为定性目标（{num_text(f.raw)}），不作数值核对。")
    if found := by_code.get("missing-value"):
        where = "、".join(f"{bare_and_unit(f.indicator)[0]}（{f.region}）" for f in found[:5])
        more = f"等{len(found)}处" if len(found) > 5 else ""
        out.append(f"{where}{more}目标值尚未填写，请补充。")
    for code, found in by_code.items():
        if code in _SAID:
            continue
        for f in found[:EACH]:
            out.append(f"{bare_and_unit(f.indicator)[0] + '：' if f.indicator else ''}{f.message}。")
        if len(found) > EACH:
            rest = found[EACH:]
            named = _names(rest) if all(f.indicator for f in rest) else ""
            out.append(f"另有{named or f'{len(rest)}处'}同类情况。")
    return out


def _over_together(over: list[Finding], parent: str, units: dict[str, str]) -> str:
    """加压分解 of many indicators in one sentence, naming the one split furthest above its target (relatively:
    the indicators' units differ)."""
    relative = [f for f in over if f.target and f.target > 0 and f.gap is not None]
    sentence = f"{_names(over)}{LOWER}分解合计高于{parent}目标，属加压分解"
    if not relative:
        return sentence + "。"
    top = max(relative, key=lambda f: f.gap / f.target)
    bare, unit = bare_and_unit(top.indicator)
    unit = unit or units.get(top.indicator or "", "")
    return (f"{sentence}；其中{bare}超出比例最大，{LOWER}分解合计{quantity(top.allocated, unit)}，"
            f"比{parent}目标{quantity(top.target, unit)}高{percent(top.gap / top.target)}。")


def _a_change(raw: str | None) -> bool:
    """A target written as a change from the base year (下降3%, 提高1个百分点), read by its indicator or not at all."""
    target = parse_target(raw)
    return target.fall is not None or target.rise is not None


_SAID = {"split-over", "weights-needed", "pending", "parent-qualitative", "missing-value"}


def num_text(raw: str | None) -> str:
    """Raw cell text on one line (a line break inside a cell is not a sentence break)."""
    return "".join((raw or "").split())


def split_counts(report: Report) -> dict[str, int]:
    """How many indicators passed, have gaps, are pending or need weights (for the summary)."""
    counts = {"total": 0, "ok": 0, "gap": 0, "pending": 0, "weights": 0, "other": 0}
    for ind in report.indicators:
        if ind.table_kind != "split":
            continue
        counts["total"] += 1
        if VERDICT_LEVEL.get(ind.verdict) == "error":
            key = "gap"
        else:
            key = {"ok": "ok", "over": "ok", "under-cap": "ok", "pending": "pending",
                   "needs-weights": "weights"}.get(ind.verdict, "other")
        counts[key] += 1
    return counts

