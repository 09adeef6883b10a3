"""Our docxtpl Template's cheap listing and grid passes give exactly what docxtpl's own passes give."""

from __future__ import annotations

import random

from docxtpl import DocxTemplate
from lxml import etree

from zhibiao.briefing.docx_template import Template, has_listing

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _body(tables: list[str], text: str = "正文") -> str:
    return (f'<w:body xmlns:w="{W}"><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/></w:rPr>'
            f'<w:t xml:space="preserve">{text}</w:t></w:r></w:p>{"".join(tables)}<w:sectPr/></w:body>')


def _table(grid: list[int | None], rows: list[list[int]]) -> str:
    """A table with the given gridCol widths (None: no width) and rows of cells, each cell spanning n columns."""
    cols = "".join(f'<w:gridCol w:w="{w}"/>' if w is not None else "<w:gridCol/>" for w in grid)
    body = ""
    for row in rows:
        spans = [f'<w:gridSpan w:val="{n}"/>' if n > 1 else "" for n in row]
        cells = "".join(f'<w:tc><w:tcPr>{span}<w:tcW w:w="100"/></w:tcPr><w:p><w:r><w:t>{n}</w:t></w:r></w:p></w:tc>'
                        for n, span in zip(row, spans))
        body += f"<w:tr>{cells}</w:tr>"
    return f"<w:tbl><w:tblPr/><w:tblGrid>{cols}</w:tblGrid>{body}</w:tbl>"


def _same_grids(xml: str) -> None:
    theirs = etree.tostring(DocxTemplate.fix_tables(Template.__new__(Template), xml))
    ours = etree.tostring(Template.fix_tables(Template.__new__(Template), xml))
    assert ours == theirs


def test_grids_as_docxtpl_fixes_them():
    cases = [
        [_table([3000, 2000], [[1, 1, 1, 1], [1, 1]])],  # a {%tc for %} loop added cells: columns added, width kept
        [_table([1000, 1000, 1000, 1000], [[1, 1], [2]])],  # grid wider than every row: columns removed
        [_table([1000, 1000, 1000], [[2, 1], [1, 1, 1]])],  # spans that fit: unchanged
        [_table([1000, 1000, 1000, 1000, 1000], [[2, 1], [3]])],  # spans counted when removing
        [_table([0, 0], [[1, 1, 1]])],  # no width to share: docxtpl adds nothing
        [_table([1500], [])],  # no rows: every column goes
        [_table([1234, 777], [[1, 1, 1]]), _table([100, 200, 300], [[1]])],
    ]
    rnd = random.Random(13)
    for _ in range(40):
        grid = [rnd.choice([500, 1000, 1333, 2471]) for _ in range(rnd.randint(1, 6))]
        rows = [[rnd.choice([1, 1, 1, 2, 3]) for _ in range(rnd.randint(1, 7))] for _ in range(rnd.randint(1, 4))]
        cases.append([_table(grid, rows)])
    for tables in cases:
        _same_grids(_body(tables))


def test_nested_table_rows_count_for_the_outer_table_as_in_docxtpl():
    inner = _table([500, 500, 500], [[1, 1, 1]])
    outer = _table([4000], [[1]]).replace("<w:t>1</w:t></w:r></w:p></w:tc>", f"<w:t>1</w:t></w:r></w:p>{inner}</w:tc>")
    _same_grids(_body([outer]))


def test_listing_pass_runs_only_when_a_text_holds_a_listing_character():
    plain = _body([_table([1000], [[1]])])
    assert not has_listing(plain)
    assert Template.resolve_listing(Template.__new__(Template), plain) == plain
    # a newline between tags (python-docx pretty-prints a picture's XML) is not in a text
    assert not has_listing(plain.replace("<w:tbl>", "\n  <w:tbl>"))
    for char in "\t\n\a\f":
        typed = _body([], f"第一行{char}第二行")
        assert has_listing(typed)
        ours = Template.resolve_listing(Template.__new__(Template), typed)
        assert ours == DocxTemplate.resolve_listing(Template.__new__(Template), typed) != typed
