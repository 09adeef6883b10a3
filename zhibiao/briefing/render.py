"""render_briefing: a workbook in, the briefing files out (the one entry point for the CLI and the Excel macro)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .. import steps
from ..api import check_workbook, find_tables
from ..errors import NoTableFound, UsageError
from ..formats import read_workbook
from ..grid import Workbook
from ..layout import TableKind
from ..progress.match import split_checked
from ..progress.report import progress_workbook
from ..progress.period import progress_sheets
from ..projects.reader import project_sheets
from ..projects.report import projects_workbook
from ..settings import read_settings
from .context import build_context
from .outputs import write_outputs

FORMATS = ("docx", "html")


def briefing_context(source: str | Path | Workbook, period: str | None = None, today: dt.date | None = None) -> dict:
    """Check the workbook, evaluate its 进度 sheet if it has one, and build the briefing's context."""
    book = source if isinstance(source, Workbook) else read_workbook(source)
    projects = problem = None
    if project_sheets(book):
        try:
            projects = projects_workbook(book, period)
            projects = projects if projects.statuses else None  # an empty list (the template's) says nothing
        except (NoTableFound, UsageError) as exc:  # an undated or empty list must not stop the split's briefing
            problem = exc
    tables: list = []
    checked: list = []  # each table's check results, the split's handed to the progress part (not checked twice)
    try:
        tables = find_tables(book)
        report = check_workbook(book, tables=tables, checked=checked)
    except NoTableFound as exc:
        if projects is None:
            raise (problem or exc) from None
        report = None  # a workbook holding only a project list: the briefing is about the projects
    if report is not None and not any(t.kind == "split" for t in report.tables):
        if projects is None:
            if problem is not None:
                raise problem
            where = book.path.name if book.path else "工作簿"
            raise NoTableFound(f"{where} 中只有目标体系表，没有分解到各地区的指标分解表，无法生成简报")
        report = None
    progress = None
    if report is not None and progress_sheets(book):
        split = next(i for i, t in enumerate(tables) if t.kind is TableKind.SPLIT)
        progress = progress_workbook(book, period, tables=tables, shared=split_checked(tables[split], checked[split]))
        if progress.empty:  # a 进度 sheet with no figures yet is no progress: the split part only
            progress = None
    elif period is not None and projects is None:
        raise UsageError(f"工作簿中没有进度工作表，无法按期间 {period} 生成简报（去掉 --period 只生成分解核对部分）")
    steps.begin("正在整理简报内容")
    if report is None:
        return build_context(None, [], read_settings(book), None, today, projects)
    return build_context(report, tables, read_settings(book), progress, today, projects)


def render_briefing(source: str | Path | Workbook, period: str | None = None, formats=FORMATS,
                    out_dir: str | Path | None = None, stem: str | None = None, today: dt.date | None = None,
                    template_dir: Path | None = None) -> list[Path]:
    """Write the briefing as .docx and/or .html beside the input (or into out_dir); returns the paths written."""
    from .docx import render_docx
    from .html import write_html

    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise UsageError(f"不支持的简报格式：{'、'.join(unknown) or '（空）'}，可选 docx、html")
    book = source if isinstance(source, Workbook) else read_workbook(source)
    context = briefing_context(book, period, today)

    def write(fmt: str, path: Path) -> None:
        steps.begin(f"正在生成 {path.name}")
        if fmt == "docx":
            render_docx(context, path, template_dir)
        else:
            write_html(context, path, template_dir)

    return write_outputs(book, "简报", formats, out_dir, stem, write)
