"""The briefing's one data model: a dict of ready-to-print text and tables that both skins (docx, html) place."""

from __future__ import annotations

import datetime as dt
import re

from ..expr import cell_text, normalize_text
from ..layout import Table, TableKind
from ..report import VERDICT_LEVEL, Report
from ..settings import Settings, known
from . import split_prose
from .charts import STATUS_FILL
from .numbers import cn_ordinal, num
from .split_prose import bare_and_unit, gap_items, note_sentences, split_counts

# the red of the masthead and rules (GB/T 9704 says red; this is the red offices print)
RED = "C00000"
_YEAR = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")
_PLAIN = re.compile(r"^-?\d+(\.\d+)?$")
_FONT_SAFE = re.compile(r"[^\w\s.\-]")  # a font name goes into CSS and XML attributes: words only


class Headings:
    """Numbers the headings as they are used: 一、 二、 …; （一） （二） … restart under each."""

    def __init__(self) -> None:
        self.top = 0
        self.sub = 0

    def h1(self, text: str) -> str:
        self.top += 1
        self.sub = 0
        return f"{cn_ordinal(self.top)}、{text}"

    def h2(self, text: str) -> str:
        self.sub += 1
        return f"（{cn_ordinal(self.sub)}）{text}"


def font_name(settings: Settings, key: str) -> str:
    """A font from 设置, stripped to characters that are safe in CSS and Word XML."""
    name = _FONT_SAFE.sub("", settings.text(key)).strip()
    return name or str(known(key).default)


def cn_date(day: dt.date) -> str:
    """2023年6月30日."""
    return f"{day.year}年{day.month}月{day.day}日"


def issue_date(settings: Settings, today: dt.date) -> str:
    """印发日期 from 设置 (a date cell or text), else today."""
    value = settings.get("印发日期")
    if isinstance(value, (dt.date, dt.datetime)):
        return cn_date(value)
    text = settings.text("印发日期")
    return text or cn_date(today)


def target_year(report: Report, settings: Settings) -> str:
    """The year the targets are for: from a table title or the file name (湖州2023区县分解), else 设置's 年度."""
    for text in [t.title or "" for t in report.tables] + [report.source.rsplit("/", 1)[-1]]:
        if m := _YEAR.search(text):
            return m.group(0)
    return settings.text("年度")


def parent_targets(tables: list[Table]) -> dict[str, str]:
    """Indicator name → the parent's target as printed (1200, 完成省定目标), from the split tables."""
    out = {}
    for table in tables:
        if table.kind is not TableKind.SPLIT or table.parent is None:
            continue
        index = table.value_columns.index(table.parent)
        for row in table.rows:
            raw = row.values[index] if index < len(row.values) else None
            out[row.name] = normalize_text(cell_text(raw)) if raw not in (None, "") else "—"
    return out


def appendix(report: Report, tables: list[Table], parent: str) -> dict:
    """附件: every split indicator with its parent target, kind, verdict and 责任部门."""
    targets = parent_targets(tables)
    rows = []
    for i, ind in enumerate((x for x in report.indicators if x.table_kind == "split"), 1):
        bare, unit = bare_and_unit(ind.display_name)
        target = "待下达" if ind.verdict == "pending" else targets.get(ind.name, "—")
        if (ind.unit or unit) == "%" and _PLAIN.match(target):  # 7 in a (%) row is 7%, as the prose says it
            target += "%"
        rows.append({"seq": str(i), "name": bare, "unit": ind.unit or unit or "—", "target": target,
                     "kind": ind.kind_label, "verdict": ind.verdict_label, "responsible": ind.responsible or "—",
                     "flag": VERDICT_LEVEL.get(ind.verdict) == "error"})
    return {"title": "主要指标分解核对一览表", "parent": parent, "rows": rows}


def build_context(report: Report | None, tables: list[Table], settings: Settings, progress=None,
                  today: dt.date | None = None, projects=None) -> dict:
    """Everything the briefing says, as text and rows; the templates only place it.

    `projects` (a ProjectsReport) adds 重大项目推进情况; with `report` None the briefing is that section alone.
    """
    today = today or dt.date.today()
    if report is None:
        return _projects_only(projects, settings, today)
    parent = next((t.parent for t in report.tables if t.kind == "split" and t.parent), None) or settings.text("上级名称") or "全市"
    responsible = {}
    for ind in report.indicators:
        if ind.responsible:
            responsible[ind.name] = responsible[ind.display_name] = ind.responsible
    heads = Headings()
    period_label = progress.period_label if progress else ""
    year = progress.period[:4] if progress else target_year(report, settings)
    issue = settings.text("期号") or (str(progress.month) if progress else "1")
    counts = split_counts(report)

    summary_heading = heads.h1("总体情况")
    summary = _summary(report, counts, parent, progress, period_label, year)

    split_heading = heads.h1("分解核对情况")
    gaps = gap_items(report, parent, responsible)
    split = {
        "heading": split_heading,
        "gaps_heading": heads.h2("分解缺口"),
        "gaps": gaps,
        "gaps_none": "" if gaps else f"各项指标{split_prose.LOWER}分解均能覆盖{parent}目标，未发现分解缺口。",
        "notes_heading": heads.h2("需关注的情况"),
        "notes": note_sentences(report, parent),
    }

    progress_ctx = warnings_ctx = None
    if progress is not None:
        progress_ctx = _progress_section(progress, heads, period_label)
        warnings_ctx = _warnings_section(progress, heads)
    projects_ctx = None
    if projects is not None and projects.statuses:
        from .projects_prose import projects_section

        projects_ctx = projects_section(projects, heads.h1("重大项目推进情况"), heads.h2("各地区推进情况"), heads.h2("红灯项目"))
        summary.append("重大项目方面，" + projects_ctx["overview"].split("，", 1)[1])
    fonts = _fonts(settings)
    title_text = settings.text("简报标题") or "工业经济运行简报"
    return {
        "header": {"title": title_text, "issue": f"第{issue}期", "issuer": settings.text("编发单位"),
                   "date": issue_date(settings, today)},
        "headline": settings.text("简报正文标题") or (f"{period_label}{parent}制造业主要指标分解与推进情况" if progress
                                                   else f"{year}年{parent}主要指标任务分解核对情况"),
        "summary": {"heading": summary_heading, "paragraphs": summary},
        "split": split,
        "progress": progress_ctx,
        "warnings": warnings_ctx,
        "projects": projects_ctx,
        "appendix": appendix(report, tables, parent),
        "footer": {"send_to": settings.text("报送"), "copy_to": settings.text("抄送"),
                   "issuer": settings.text("编发单位"), "date": issue_date(settings, today)},
        "fonts": fonts,
        "colors": {"red": RED},
        "fills": {light: STATUS_FILL[light] for light in ("green", "yellow", "red")},
        "source": report.source,
    }


def _fonts(settings: Settings) -> dict:
    return {key: font_name(settings, setting) for key, setting in (
        ("title", "标题字体"), ("body", "正文字体"), ("h1", "一级标题字体"), ("h2", "二级标题字体"), ("latin", "数字字体"))}


def _projects_only(projects, settings: Settings, today: dt.date) -> dict:
    """A workbook holding only a project list: masthead, a short summary, 重大项目推进情况, the footer."""
    from .projects_prose import overview, projects_section

    heads = Headings()
    summary_heading = heads.h1("总体情况")
    paragraphs = [overview(projects)]
    if projects.ranking:
        top = "、".join(f"{r.region}（{num(r.score, 1)}分）" for r in projects.ranking[:3])
        paragraphs.append(f"各地区重大项目赛马（开工率、竣工率、投资完成率，按“{projects.rules.method}”计分）前三位为{top}。")
    section = projects_section(projects, heads.h1("重大项目推进情况"), heads.h2("各地区推进情况"), heads.h2("红灯项目"))
    section["overview"] = ""  # said in the summary already
    date = issue_date(settings, today)
    return {
        "header": {"title": settings.text("简报标题") or "工业经济运行简报", "issue": f"第{settings.text('期号') or projects.month}期",
                   "issuer": settings.text("编发单位"), "date": date},
        "headline": f"{projects.period_label}{projects.parent}重大项目推进情况",
        "summary": {"heading": summary_heading, "paragraphs": paragraphs},
        "split": None, "progress": None, "warnings": None, "appendix": None, "projects": section,
        "footer": {"send_to": settings.text("报送"), "copy_to": settings.text("抄送"), "issuer": settings.text("编发单位"),
                   "date": date},
        "fonts": _fonts(settings), "colors": {"red": RED},
        "fills": {light: STATUS_FILL[light] for light in ("green", "yellow", "red")},
        "source": projects.source,
    }


def _summary(report: Report, counts: dict, parent: str, progress, period_label: str, year: str) -> list[str]:
    """The key numbers in two or three paragraphs."""
    paras = []
    parts = [f"{counts['ok']}项分解能够覆盖{parent}目标"]
    if counts["gap"]:
        parts.append(f"{counts['gap']}项存在分解缺口")
    if counts["weights"]:
        parts.append(f"{counts['weights']}项加权类指标需补充基数后核验")
    if counts["pending"]:
        parts.append(f"{counts['pending']}项待上级下达后分解")
    if counts["other"]:
        parts.append(f"{counts['other']}项为定性目标或未填全")
    split = (f"{year}年{parent}共分解主要指标{counts['total']}项。经逐项核对，" + "；".join(parts) + "。"
             + ("" if counts["gap"] else "未发现分解缺口。"))
    if progress is None:
        return [split]
    from .progress_prose import lights_sentence, parent_sentences, ranking_sentence

    lit = len({s.indicator for s in progress.statuses if s.status})
    text = f"{period_label}，{len(progress.regions)}个地区{lit}项指标纳入亮灯评价，{lights_sentence(progress)}。"
    worst = parent_sentences(progress)
    if worst:
        text += f"{parent}层面，" + "；".join(worst) + "。"
    elif any(s.is_parent and s.status for s in progress.statuses):
        text += f"{parent}层面各项指标均达到序时进度或目标要求。"
    paras.append(text)
    paras.append(split)
    paras.append("赛马比拼方面，" + ranking_sentence(progress))
    return paras


def _progress_section(progress, heads: Headings, period_label: str) -> dict:
    from .lights import lights_table
    from .progress_prose import chart_caption, completion_by_region, data_notes, ranking_rows, ranking_sentence

    table = lights_table(progress)
    bands = progress.rules.bands.describe() if progress.rules else ""
    unlit = table["unlit"]
    unlit_text = (f"{'、'.join(unlit[:3])}{'等' if len(unlit) > 3 else ''}{len(unlit)}项指标为定性、待下达或无数值目标，不亮灯。"
                  if unlit else "")
    chart = completion_by_region(progress)
    return {
        "heading": heads.h1("推进进度"),
        "lights_heading": heads.h2("红黄绿亮灯情况"),
        "lights_intro": (f"截至{period_label}，各地区主要指标亮灯情况见下表。累计类指标按完成年度目标的比例与序时进度比较，"
                         f"比率类指标按实际值与目标值比较。{unlit_text}"),
        "legend": ("累计类指标为完成年度目标的比例，与序时进度比较；比率类指标为实际值，与目标比较。"
                   + (f"亮灯标准：{bands}。" if bands else "") + table["note"]),
        "data_notes": data_notes(progress),
        "lights": table,
        "ranking_heading": heads.h2("赛马排名"),
        "ranking_intro": ranking_sentence(progress),
        "ranking": ranking_rows(progress),
        "chart": chart,
        "chart_caption": chart_caption(chart),
    }


def _warnings_section(progress, heads: Headings) -> dict:
    from .lights import WHERE_ALL, red_items
    from .progress_prose import tally

    rows, more = red_items(progress)
    if not rows:
        intro = "本期没有亮红灯的指标。"
    elif more:
        intro = (f"本期{tally(progress, 'red')}亮红灯，下表列出落后最多的{len(rows)}个，其余{more}个地区次见{WHERE_ALL}。"
                 "请责任部门会同相关地区分析原因，制定针对性措施，加快推进。")
    else:
        intro = f"以下{tally(progress, 'red')}亮红灯，请责任部门会同相关地区分析原因，制定针对性措施，加快推进。"
    return {"heading": heads.h1("预警清单"), "intro": intro, "rows": rows}
