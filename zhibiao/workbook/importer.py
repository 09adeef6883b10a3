"""Import (导入): a raw decomposition table (any format zhibiao reads: .xlsx, .xls, .docx, .pdf, .html …) into the template layout.

The core reads the table; inferred kinds go into 汇总方式 and 方向 for the clerk to review, target
cells are copied verbatim, and whatever has no place in the template is listed in 说明.
"""

from __future__ import annotations

import re
from copy import copy
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.styles import Font

from .. import steps
from ..api import check_workbook, find_tables
from ..basis import Basis, BasisColumn, find_basis
from ..errors import NoTableFound, UsageError
from ..formats import read_workbook
from ..kinds import DIRECTION_LABEL, KIND_LABEL, Kind, infer_direction, infer_kind, split_unit
from ..layout import IndicatorRow, Role, Table, TableKind
from .template import BASIS_SHEET, GUIDE_SHEET, TemplateRow, TemplateSpec, new_workbook
from .files import save_atomic
from .stream_save import StreamedWorkbook
from .write_openpyxl import line_count, put_value

_UNPLACED_ROLES = (Role.IGNORE, Role.SCORE_WEIGHT, Role.PERIOD)
_CHECKABLE = {Kind.SUM, Kind.WEIGHTED, Kind.UNIFORM, Kind.QUALITATIVE}


@dataclass
class ImportResult:
    """What an import wrote, and the notes on what it could not place."""

    path: Path
    table: str
    indicators: int
    regions: list[str]
    parent: str
    notes: list[str] = field(default_factory=list)
    year: int | None = None


def _split_table(book, sheet: str | None) -> tuple[Table, list[str]]:
    tables = find_tables(book, sheet)
    splits = [t for t in tables if t.kind is TableKind.SPLIT]
    if not splits:
        raise NoTableFound("没有找到按地区分解的指标表（目标体系表没有地区列，不能导入分解表模板）")
    notes = [f"工作表“{t.name}”（{'目标体系表' if t.kind is TableKind.TARGETS else '分解表'}，{len(t.rows)} 项指标）未导入，"
             "每次导入一张分解表，可用 --sheet 指定" for t in tables if t is not splits[0]]
    return splits[0], notes


def _basis_columns(book) -> tuple[Basis | None, list[str]]:
    basis = find_basis(book)
    return basis, [c.label for c in basis.columns] if basis else []


def _weight_label(row: IndicatorRow, basis: Basis) -> str | None:
    """The 基数 column a weighted row would be weighted by, as the 权重依据 dropdown names it."""
    weighting = infer_kind(row.name, row.unit, None, row.weight_hint).weighting
    if weighting is None:
        return row.weight_hint
    column = basis.match(weighting)
    return column.label if column else weighting.label


def _method(row: IndicatorRow, result) -> str:
    kind = Kind(result.kind) if result else None
    if kind not in _CHECKABLE:  # pending: the kind it will have once split
        kind = infer_kind(row.name, row.unit, row.method, row.weight_hint).kind
    return KIND_LABEL[kind]


def _merged_spans(table: Table) -> dict[int, dict[int, int]]:
    """Merges across one row's value cells that stay contiguous in the template: row -> {first index: last}."""
    index = {c.index: i for i, c in enumerate(table.value_columns)}
    spans: dict[int, dict[int, int]] = {}
    for r1, c1, r2, c2 in table.grid.merges:
        if r1 != r2 or c1 == c2:
            continue
        cols = list(range(c1, c2 + 1))
        if all(c in index for c in cols) and [index[c] for c in cols] == list(range(index[c1], index[c1] + len(cols))):
            spans.setdefault(r1, {})[index[c1]] = index[c2]
    return spans


def _unplaced(table: Table) -> list[str]:
    notes = []
    grid = table.grid
    for col in table.columns:
        if col.role not in _UNPLACED_ROLES or not col.label:
            continue
        filled = [(row.display_name, grid.value(row.row, col.index)) for row in table.rows]
        filled = [(name, v) for name, v in filled if v not in (None, "")]
        if filled:
            sample = "；".join(f"{name}：{v}" for name, v in filled[:5]) + ("……" if len(filled) > 5 else "")
            notes.append(f"“{col.label}”列（原表{grid.ref(table.header_rows[0], col.index)}）的 {len(filled)} 个单元格未导入：{sample}")
    last = table.rows[-1].row if table.rows else table.header_rows[1]
    for r in range(last + 1, grid.height):
        texts = [str(v).strip() for v in grid.rows[r] if v not in (None, "")]
        if texts:
            notes.append(f"表下文字（原表第{r + 1}行）：{' '.join(dict.fromkeys(texts))}")
    if table.parent is None:
        notes.append("原表没有上级（全市/合计）列，模板中的上级列为空，请补填")
    return notes


def _template_rows(table: Table, results: dict[int, object], basis: Basis) -> list[TemplateRow]:
    """分解's rows: the lead columns inferred, the targets as the table holds them (converted as they are written)."""
    rows, spans = [], _merged_spans(table)
    for i, row in enumerate(table.rows):
        method = _method(row, results.get(row.row))
        lead = [row.seq or i + 1, row.category, row.display_name, row.unit or split_unit(row.name)[1], method,
                _weight_label(row, basis) if method == KIND_LABEL[Kind.WEIGHTED] else None,
                DIRECTION_LABEL[infer_direction(row.name, row.direction)]]
        rows.append(TemplateRow(lead, row.values, spans.get(row.row, {}), row.responsible))
    return rows


def _fill_basis(wb, spec: TemplateSpec, basis: Basis | None) -> None:
    if basis is None:
        return
    ws = wb[BASIS_SHEET]
    for c, label in enumerate(spec.basis, 2):
        column = next((col for col in basis.columns if col.label == label), None)
        if column is None:
            continue
        for r, region in enumerate(spec.regions, 2):
            if region in column.values:
                ws.cell(r, c, column.values[region])


def _write_notes(wb, src: Path, table: Table, notes: list[str]) -> None:
    ws = wb[GUIDE_SHEET]
    r = ws.max_row + 2
    ws.cell(r, 1, "导入记录").font = Font(bold=True, size=12)
    lines = [f"来源：{src.name} 的“{table.name}”，{len(table.rows)} 项指标；汇总方式、权重依据和方向是程序推断的，请逐项核对。"]
    lines += [f"未能放入模板：{n}" for n in notes] or ["原表内容已全部放入模板。"]
    for i, text in enumerate(lines, 1):
        cell = ws.cell(r + i, 1)
        put_value(cell, text)
        cell.alignment = copy(ws.cell(2, 1).alignment)
        ws.row_dimensions[r + i].height = 15 * line_count(text, ws.column_dimensions["A"].width) + 4


_YEAR = re.compile(r"(?<!\d)(20\d{2})(?:年|(?!\d))")


def target_year(table: Table, src: Path) -> int:
    """The year the split is for: from the annex title (2023年…任务分解表), else the file name, else this year."""
    import datetime as dt

    for text in (table.title or "", src.stem):
        if m := _YEAR.search(text):
            return int(m.group(1))
    return dt.date.today().year


def import_table(src: str | Path, out: str | Path, sheet: str | None = None, year: int | None = None) -> ImportResult:
    """Convert a raw table into the template layout and save it to out (the year from the title unless given)."""
    src, out = Path(src), Path(out)
    if out.exists() and src.exists() and out.resolve() == src.resolve():
        raise UsageError(f"输出文件不能是原表本身（会覆盖原表）：{out.name}，请另起一个文件名")
    book = read_workbook(src)
    table, notes = _split_table(book, sheet)
    source_basis, basis_labels = _basis_columns(book)
    defaults = TemplateSpec().basis
    extra = [b for b in defaults if split_unit(b)[0] not in {split_unit(x)[0] for x in basis_labels}]
    basis = basis_labels + extra
    report = check_workbook(book, table.name)
    results = {i.row: i for i in report.indicators if i.sheet == table.name}
    match_basis = source_basis or Basis(BASIS_SHEET, [BasisColumn(b, *split_unit(b), {"": 1.0}) for b in basis])
    notes += _unplaced(table)
    steps.begin(f"正在写入模板：{len(table.rows)} 项指标")
    # the large bodies (分解, 进度) are made as they are saved (workbook/body.py)
    spec = TemplateSpec(
        regions=[c.label for c in table.regions], parent=table.parent.label if table.parent else "全市",
        year=year or target_year(table, src), title=table.title, basis=basis, rows=max(50, len(table.rows) + 20),
        indicators=_template_rows(table, results, match_basis), streams=[],
    )
    wb = new_workbook(spec)
    _fill_basis(wb, spec, source_basis)
    _write_notes(wb, src, table, notes)
    steps.begin(f"正在保存 {out.name}")
    save_atomic(StreamedWorkbook(wb, spec.streams), out)
    return ImportResult(out, table.name, len(table.rows), spec.regions, spec.parent, notes, spec.year)

