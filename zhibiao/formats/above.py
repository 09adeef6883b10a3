"""Text printed just above a table in a document (its title, a 单位：… line), kept as rows on top of the grid.

On a sheet such lines are rows the layout reads as title and unit rows; in a Word, web or PDF annex
they are paragraphs outside the table, so the readers put them back on top (`Grid.lines_above` keeps
references counting the table's own rows).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..grid import Grid

LINES_ABOVE = 3  # 附件1 / the title / 单位：…
LINE_MAX = 60  # a longer line is the notice's prose, not the table's caption


def caption_lines(backwards: Iterable[str]) -> list[str]:
    """The last short lines before a table, given nearest first; a long line (prose) or a blank run ends them."""
    found: list[str] = []
    for line in backwards:
        line = line.strip()
        if not line:
            continue
        if len(line) > LINE_MAX:
            break
        found.insert(0, line)
        if len(found) == LINES_ABOVE:
            break
    return found


def with_lines_above(grid: Grid, lines: list[str]) -> Grid:
    """The grid with `lines` as one-cell rows on top; merged ranges moved down with the table."""
    if not lines:
        return grid
    k, width = len(lines), max(grid.width, 1)
    rows = [[line] + [None] * (width - 1) for line in lines] + grid.rows
    merges = [(r1 + k, c1, r2 + k, c2) for r1, c1, r2, c2 in grid.merges]
    return Grid(grid.name, rows, merges, style=grid.style, hidden=grid.hidden, lines_above=k)
