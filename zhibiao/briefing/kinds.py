"""The report kinds (简报, 月报, 亮晒, 年报, and the bureau's own templates) and the one function that writes any of them.

A kind is a context function and its templates in reports/ (NAME.html.j2 and NAME.docx); the bureau may add
NAME.html.j2 / NAME.docx in 模板/ beside the workbook (or the folder 设置 → 报告模板目录 names).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..errors import UsageError
from ..formats import read_workbook
from ..grid import Workbook
from ..settings import read_settings
from .jinja import TEMPLATES
from .outputs import write_outputs


@dataclass(frozen=True)
class Kind:
    name: str
    summary: str  # one line for --list
    context: Callable[[Workbook, str | None, dt.date | None], dict]
    template: str  # file stem in reports/
    formats: tuple[str, ...] = ("docx", "html")
    png_size: tuple[int, int] = (1123, 794)  # A4 landscape at 96 dpi
    png_full_page: bool = False  # the PNG as tall as the page (a board longer than one screen), else its first screen
    extra: dict = field(default_factory=dict)


def _brief(book, period, today):
    from .render import briefing_context

    return briefing_context(book, period, today)


def _monthly(book, period, today):
    from .monthly import monthly_context
    from .series import progress_series

    return monthly_context(progress_series(book, period), read_settings(book), today)


def _showcase(book, period, today):
    from .series import progress_series
    from .showcase import showcase_context

    return showcase_context(progress_series(book, period), read_settings(book), today)


def _annual(book, period, today):
    from .annual import annual_context
    from .series import progress_series

    return annual_context(progress_series(book, period), read_settings(book), today)


KINDS = {k.name: k for k in (
    Kind("简报", "工业经济运行简报（红头公文版式）：分解核对、红黄绿进度、赛马排名、预警清单（即 zhibiao brief）", _brief, "briefing"),
    Kind("月报", "运行分析报告：总体运行（比上月变化）、分指标分析、分地区分析、存在问题、下步建议（待编辑）、走势图", _monthly, "monthly"),
    Kind("亮晒", "季度亮晒表：一页横版，各地区×各指标红黄绿及数值、得分、排名、较上季度升降，可输出 PNG", _showcase,
         "showcase", ("docx", "html", "png"), png_full_page=True),
    Kind("年报", "年度考评：各指标、各地区全年完成情况，各季度亮灯，年度赛马得分（设置计分期间与权重），附表", _annual, "annual"),
)}
CONTEXT_KIND = "月报"  # what a bureau template with a new name is rendered from


def bureau_dir(book: Workbook) -> Path | None:
    """设置 → 报告模板目录 (relative to the workbook), else 模板/ beside the workbook, when it exists."""
    base = book.path.parent if book.path else Path.cwd()
    named = read_settings(book).text("报告模板目录")
    if named:
        folder = Path(named) if Path(named).is_absolute() else base / named
        if not folder.is_dir():
            raise UsageError(f"设置中的报告模板目录不存在：{folder}")
        return folder
    folder = base / "模板"
    return folder if folder.is_dir() else None


def bureau_templates(folder: Path | None) -> dict[str, dict[str, Path]]:
    """NAME → {"html": path, "docx": path} from the bureau's folder."""
    found: dict[str, dict[str, Path]] = {}
    if folder is None:
        return found
    for path in sorted(folder.iterdir()):
        if path.name.endswith(".html.j2"):
            found.setdefault(path.name[: -len(".html.j2")], {})["html"] = path
        elif path.suffix.lower() == ".docx" and not path.name.startswith("~$"):
            found.setdefault(path.stem, {})["docx"] = path
    return found


def list_kinds(book: Workbook | None = None) -> list[tuple[str, str]]:
    """(name, one line) for every kind, the bureau's templates included when a workbook is given."""
    rows = [(k.name, k.summary) for k in KINDS.values()]
    if book is not None:
        for name, files in bureau_templates(bureau_dir(book)).items():
            what = "、".join({"html": "HTML", "docx": "Word"}[f] for f in files)
            if name in KINDS:
                rows.append((name, f"本单位模板（{what}），替换内置{name}模板"))
            else:
                rows.append((name, f"本单位模板（{what}），数据同 {CONTEXT_KIND}（zhibiao report --context 查看）"))
    return rows


def report_context(kind: str, book: Workbook, period: str | None = None, today: dt.date | None = None) -> dict:
    if kind in KINDS:
        return KINDS[kind].context(book, period, today)
    if kind in bureau_templates(bureau_dir(book)):
        return KINDS[CONTEXT_KIND].context(book, period, today)
    raise UsageError(f"没有“{kind}”这种报告，可选：{'、'.join(n for n, _ in list_kinds(book))}")


def context_json(context: dict) -> str:
    """The context as JSON: what a template can use (charts as their data)."""
    def plain(value):
        if hasattr(value, "to_json"):
            return value.to_json()
        if hasattr(type(value), "__dataclass_fields__") and "svg" in type(value).__dataclass_fields__:
            return {"chart": "图表（HTML 中为 SVG，Word 中为图片）", "width_mm": getattr(value, "width_mm", None)}
        return str(value)

    return json.dumps(context, ensure_ascii=False, indent=2, default=plain)


def render_report(kind: str, source, period: str | None = None, formats=("docx", "html"), out_dir=None,
                  stem: str | None = None, today: dt.date | None = None) -> list[Path]:
    """Write one report kind beside the workbook (or into out_dir) in the asked formats; returns the paths."""
    from . import skins

    book = source if isinstance(source, Workbook) else read_workbook(source)
    bureau = bureau_templates(bureau_dir(book))
    builtin = KINDS.get(kind)
    if builtin is None and kind not in bureau:
        raise UsageError(f"没有“{kind}”这种报告，可选：{'、'.join(n for n, _ in list_kinds(book))}")
    if kind == "简报" and "简报" not in bureau:
        from .render import render_briefing

        return render_briefing(book, period, formats, out_dir, stem, today)
    if builtin:
        allowed = builtin.formats
    else:  # the bureau's own: what its folder holds, and a PNG of its HTML
        allowed = tuple(f for f in ("docx", "html") if f in bureau[kind]) + (("png",) if "html" in bureau[kind] else ())
    wrong = [f for f in formats if f not in allowed]
    if wrong or not formats:
        raise UsageError(f"{kind}不支持的格式：{'、'.join(wrong) or '（空）'}，可选 {'、'.join(allowed)}")
    templates = {"html": TEMPLATES / f"{builtin.template}.html.j2", "docx": TEMPLATES / f"{builtin.template}.docx"} if builtin else {}
    templates.update(bureau.get(kind, {}))
    context = report_context(kind, book, period, today)
    html = functools.cache(lambda: skins.render_html(context, templates["html"]))  # once for -f html,png

    def write(fmt: str, path: Path) -> None:
        if fmt == "docx":
            skins.render_docx(context, templates["docx"], path)
        elif fmt == "html":
            path.write_text(html(), encoding="utf-8")
        else:
            size = builtin.png_size if builtin else (1123, 794)
            skins.html_to_png(html(), path, *size,
                              full_page=bool(builtin and builtin.png_full_page))

    return write_outputs(book, kind, formats, out_dir, stem, write)
