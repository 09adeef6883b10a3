"""Column roles from the header and the data under it, and the indicator rows of a table."""

from __future__ import annotations

import re
import unicodedata

from ..expr import fold_text, parse_target, ValueType
from ..grid import Grid
from .header import header_label, is_header, is_title_row, note_or_stop
from .roles import is_ignored_label
from .model import NOTE_HEADING, SECTION_ROW, STARTS_HEADER, UNIT_CELL, YEAR, Column, IndicatorRow, Role, role_of, Table


def assign_roles(grid: Grid, labels: list[str], data_start: int, width: int) -> list[Column] | None:
    columns: list[Column] = []
    sample = range(data_start, min(grid.height, data_start + 40))
    for c, label in enumerate(labels):
        role = role_of(label) if label else None
        if role is None and label:
            if YEAR.fullmatch(label):
                role = Role.PERIOD
            else:
                role = Role.REGION
        if role is None:
            # an unlabeled column: the name column if it holds text, else a spacer
            texts = [header_label(grid.value(r, c)) for r in sample]
            texts = [t for t in texts if t]
            if texts and not any(col.role is Role.NAME for col in columns):
                wordy = sum(1 for t in texts if parse_target(t).type in (ValueType.QUALITATIVE, ValueType.UNPARSED))
                if wordy >= max(1, len(texts) // 2):
                    role = Role.NAME
            role = role or Role.IGNORE
        columns.append(Column(c, label, role))
    names = [col for col in columns if col.role is Role.NAME]
    if len(names) > 1:  # 指标 as a band over 一级/二级: the last name column is the indicator
        for col in names[:-1]:
            col.role = Role.CATEGORY
    if not any(col.role is Role.NAME for col in columns):
        return None
    name_col = next(col for col in columns if col.role is Role.NAME)
    for col in columns:
        if col.role is Role.REGION and col.index < name_col.index:
            col.role = Role.IGNORE  # text left of the name column is not a region
    return columns


def _repeats_header(cells: list, value_columns: list[Column]) -> bool:
    """The header row again (a table pasted from a paged annex): its value columns carry their labels."""
    first = value_columns[0]
    v = cells[first.index]
    if not isinstance(v, str) or header_label(v) != first.label:
        return False
    same = sum(1 for c in value_columns if header_label(cells[c.index]) == c.label)
    return same * 2 >= len(value_columns)


_PROSE = re.compile(r"[。；;！!？?]|" + NOTE_HEADING.pattern)  # a sentence, or a heading over a note
_SENTENCE_END = re.compile(r"[。！!？?]")
_UNIT_END = re.compile(r"[(（][^()（）]{1,8}[)）]$")  # …重点实验室(家): a name with its unit, not a note


def _alone(first_text: str, cells: list) -> bool:
    return all(not (t := header_label(v)) or t == first_text for v in cells)


def _prose_below(grid: Grid, row: int, width: int) -> bool:
    """Every filled row under this one, up to a note or another table's header, is a line of text alone."""
    for r in range(row + 1, grid.height):
        cells = grid.filled_row(r, width)
        labels = [header_label(v) for v in cells]
        first_text = next((t for t in labels if t), "")
        if not first_text:
            continue
        if note_or_stop(first_text) or is_header(labels):
            return True
        if not _alone(first_text, cells) or not (_PROSE.search(first_text) or len(first_text) > 25):
            return False  # an indicator row under it (新增省级企业技术中心；重点实验室(家), not filled in yet)
    return True


def _ends_table(first_text: str, cells: list, grid: Grid, row: int, width: int) -> bool:
    """A note below the table (注：…, or a line of prose alone in its row), or the header of another table (a
    目标体系 under the 分解表)."""
    if note_or_stop(first_text):
        return True
    if _PROSE.search(first_text) and _alone(first_text, cells):
        # a sentence is prose; a name with ； or ending in 说明 may be an indicator not filled in yet
        if _SENTENCE_END.search(first_text):
            return True
        return not _UNIT_END.search(first_text) and _prose_below(grid, row, width)
    if role_of(first_text) not in STARTS_HEADER or any(_is_figure(v) for v in cells):
        return False  # a row named 指标 with figures in it is data
    return is_header([header_label(v) for v in cells])


_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def figure(value) -> float | int | None:
    """A number that is not a year label (a header may hold 2023, 2025 as numbers): typed, or a plain number
    as text, as every cell of an HTML, Word, PDF or CSV table is ('2090', '1,250.5', full-width '１２．５'); else None."""
    if type(value) is str:
        text = value.strip()
        if not _PLAIN_NUMBER.fullmatch(text):
            if text.isascii():
                return None
            text = unicodedata.normalize("NFKC", text)  # typed full-width: １２．５
            if not _PLAIN_NUMBER.fullmatch(text):
                return None
        value = float(text.replace(",", ""))
    elif type(value) is not int and type(value) is not float:
        return None
    return None if 1900 <= value <= 2100 and float(value).is_integer() else value


def _is_figure(value) -> bool:
    return figure(value) is not None


def _is_unit_row(name: str, cells: list) -> bool:
    """A row of 单位：… or bare unit cells under the header: part of the header, not an indicator."""
    if name and not UNIT_CELL.match(name):
        return False
    texts = [t for t in map(header_label, cells) if t]
    return bool(texts) and all(UNIT_CELL.match(t) for t in texts)


def _shown_percent(grid: Grid, row: int, value_idx: list[int], values: list) -> list:
    """Cells formatted as percent hold fractions (Excel stores 48% as 0.48); a (%) row means what they show."""
    cells = grid.percent_cells()
    if not cells:
        return values
    return [round(v * 100, 9) if type(v) is float and (row, c) in cells else v for c, v in zip(value_idx, values)]


def indicator_rows(table: Table, start: int, width: int):
    grid = table.grid
    cols = {role: table.column(role) for role in Role}
    value_columns = table.value_columns
    value_idx = [c.index for c in value_columns]
    contiguous = value_idx == list(range(value_idx[0], value_idx[0] + len(value_idx))) if value_idx else False
    name_c = cols[Role.NAME].index
    unit_c = cols[Role.UNIT].index if cols[Role.UNIT] else None
    category = None
    table.end = grid.height
    for r in range(start, grid.height):
        cells = grid.filled_row(r, width)
        first_text = next((t for t in map(header_label, cells) if t), "")
        if not first_text:
            continue
        if value_columns and _repeats_header(cells, value_columns):
            continue
        if _ends_table(first_text, cells, grid, r, width):
            table.end = r
            return
        raw_name = cells[name_c]
        name = header_label(raw_name)
        if _is_unit_row(name, cells) or name and is_ignored_label(name):
            continue  # a 单位 row under the header, a 备注 row under the regions
        if contiguous:
            values = cells[value_idx[0]:value_idx[-1] + 1]  # a slice is a new list already: no second copy
            if type(values) is not list:
                values = list(values)
            values += [None] * (len(value_idx) - len(values))
        else:
            values = [cells[i] if i < len(cells) else None for i in value_idx]
        if "%" in name or unit_c is not None and "%" in header_label(cells[unit_c]):
            values = _shown_percent(grid, r, value_idx, values)
        if not name or (SECTION_ROW.match(name) and not any(header_label(v) for v in values)):
            if not any(header_label(v) for v in values):
                if SECTION_ROW.match(first_text) or sum(1 for v in cells if header_label(v)) == 1:
                    category = first_text
                continue
            name = f"第{r + 1}行"
        if r in grid.merged_rows and is_title_row(grid, r, [header_label(v) for v in cells]) and not any(grid.is_merge_origin(r, i) and header_label(cells[i]) for i in value_idx):
            # one merged cell across the row: a section heading
            category = first_text
            continue

        def text(role: Role):
            col = cols[role]
            if col is None:
                return None
            v = cells[col.index]
            return fold_text(str(v)) if header_label(v) else None

        cat = text(Role.CATEGORY)
        if cat:
            category = cat
        yield IndicatorRow(
            row=r,
            name=name,
            display_name=fold_text(str(raw_name)) if header_label(raw_name) else name,
            seq=text(Role.SEQ),
            category=category,
            unit=text(Role.UNIT),
            method=text(Role.METHOD),
            weight_hint=text(Role.WEIGHT),
            direction=text(Role.DIRECTION),
            responsible=text(Role.RESPONSIBLE),
            score_weight=cells[cols[Role.SCORE_WEIGHT].index] if cols[Role.SCORE_WEIGHT] else None,
            values=values,
        )
