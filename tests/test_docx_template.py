"""Our docxtpl Template's cheap listing and grid passes give exactly what docxtpl's own passes give."""

from __future__ import annotations

import random
import re
import zipfile

import jinja2
import pytest

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


# --- the rendered body parsed inside its document (docx_body.py) gives what docxtpl's move gives ---

def _template(path, extra_xml: list[str]):
    """A Word template: a loop of paragraphs with spaces (xml:space), a table row loop, and raw body XML."""
    from docx import Document

    doc = Document()
    doc.add_paragraph("{% for x in items %}")
    doc.add_paragraph("第 {{ x }} 行 ")
    doc.add_paragraph("{% endfor %}")
    table = doc.add_table(rows=3, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "地区", "数值"
    table.cell(1, 0).text = "{%tr for x in items %}"
    table.cell(2, 0).text, table.cell(2, 1).text = "{{ x }}", "{{ x * 2 }} 件"
    table.add_row().cells[0].text = "{%tr endfor %}"
    for i, _ in enumerate(extra_xml):
        doc.add_paragraph(f"RAW{i}")
    doc.save(path)
    # the raw XML goes in as text: parsed and moved in by python-docx, its declarations would be tidied already
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    xml = parts["word/document.xml"].decode()
    for i, raw in enumerate(extra_xml):
        xml = re.sub(rf"<w:p>(?:(?!<w:p>).)*?RAW{i}</w:t></w:r></w:p>", lambda _: raw, xml, count=1, flags=re.DOTALL)
        assert raw in xml
    parts["word/document.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def _rendered(cls, path, context) -> bytes:
    tpl = cls(str(path))
    tpl.render(context, autoescape=True)
    return tpl.docx.part.blob


_NS = {  # a new namespace declared twice, nested (the inner one is dropped) and side by side (both kept)
    "nested": f'<w:p xmlns:w="{W}" xmlns:x="urn:x"><w:r><w:t>a</w:t></w:r>'
              f'<w:customXml xmlns:x="urn:x" w:element="x:e"><w:r xmlns:w="{W}"><w:t>b</w:t></w:r></w:customXml></w:p>',
    "siblings": f'<w:p xmlns:w="{W}"><w:customXml xmlns:x="urn:x" w:element="a"/><w:customXml xmlns:x="urn:x" w:element="b"/></w:p>',
    "shadowed": f'<w:p xmlns:w="{W}" xmlns:x="urn:y"><w:customXml xmlns:x="urn:x"><w:r xmlns:x="urn:y"/></w:customXml></w:p>',
    # the document's own w namespace under another prefix: the move renames it, so the body is moved
    "renamed": f'<w:p xmlns:w="{W}"><ww:r xmlns:ww="{W}"><ww:t>c</ww:t></ww:r></w:p>',
    "default": f'<w:p xmlns:w="{W}"><w:r><w:t>d</w:t><e xmlns="urn:z"><f/></e></w:r></w:p>',
}


@pytest.mark.parametrize("chunk", [1 << 20, 7])  # the parser fed the document in pieces, however small
def test_body_parsed_in_place_gives_docxtpls_document(tmp_path, monkeypatch, chunk):
    from zhibiao.briefing import docx_body

    monkeypatch.setattr(docx_body, "_CHUNK", chunk)
    context = {"items": [1, 2, "a < b & c", "长文本" * 9]}
    for name, xml in [("plain", None), *_NS.items()]:
        path = _template(tmp_path / f"{name}.docx", [xml] if xml else [])
        assert _rendered(Template, path, context) == _rendered(DocxTemplate, path, context), name


def test_body_parsed_in_place_only_when_the_move_would_just_drop_declarations(tmp_path):
    from docx import Document

    from zhibiao.briefing.docx_body import in_document, without_redundant_namespaces

    root = Document(str(_template(tmp_path / "t.docx", []))).element
    body = f'<w:body xmlns:w="{W}" xmlns:x="urn:x"><w:p><w:r xmlns:x="urn:x" xmlns:w="{W}"/></w:p><w:sectPr/></w:body>'
    xml = "".join(in_document(root, body))
    assert xml.count("<w:body") == 1 and 'xmlns:w="' not in xml[xml.index("<w:body"):]
    assert xml[xml.index("<w:body"):].count('xmlns:x="urn:x"') == 1  # kept on w:body, dropped on w:r
    assert "".join(without_redundant_namespaces(body, [("w", W)])) == xml[xml.index("<w:body"):xml.index("</w:body>") + 9]
    assert without_redundant_namespaces(f'<w:body xmlns:ww="{W}"/>', [("w", W)]) is None
    assert without_redundant_namespaces('<w:body xmlns="urn:z"/>', [("w", W)]) is None


def _spaced_template(path, runs: int):
    """A loop of paragraphs of `runs` runs each holding spaces: each rendered run carries an xml:space attribute."""
    from docx import Document

    doc = Document()
    doc.add_paragraph("{% for x in items %}")
    paragraph = doc.add_paragraph()
    for _ in range(runs):
        paragraph.add_run(" 行 ")
    doc.add_paragraph("{% endfor %}")
    doc.save(path)
    return path


def test_rendering_a_body_does_not_move_it_with_lxml(tmp_path, monkeypatch):
    """docxtpl moves the rendered body into the document with lxml, quadratic in its xml:space attributes; ours is
    parsed inside the document and nothing is moved (docxtpl's move, put back, moves every element of the body)."""
    moved = []
    real = DocxTemplate.map_tree
    monkeypatch.setattr(DocxTemplate, "map_tree", lambda self, tree: moved.append(len(list(tree.iter()))) or real(self, tree))
    path = _template(tmp_path / "t.docx", [])
    for n in (100, 400):
        _rendered(Template, path, {"items": list(range(n))})
    assert moved == []
    _rendered(DocxTemplate, path, {"items": list(range(100))})
    assert moved[0] > 100  # the counter sees a move


def test_rendering_a_body_is_linear_in_its_size(tmp_path):
    """8× the rows (500 → 4,000 paragraphs of 20 spaced runs), CPU time best of five with the collector off: ours gives
    5–6 (the fixed cost weighs at 500 rows), docxtpl's move put back gave 31–32 (its cost grows with the square of
    the xml:space attributes; on the plain template it gave only 5–7 at 4× rows). The bound, 13, is midway on a log
    scale."""
    from cpu_time import best_cpu

    path = _spaced_template(tmp_path / "spaced.docx", 20)

    def render(n: int):
        return lambda: _rendered(Template, path, {"items": range(n)})

    render(100)()
    assert best_cpu(render(4000)) / best_cpu(render(500)) < 13


def test_grids_from_first_rows_in_the_grid_pass_as_sync_grids_after_rendering(tmp_path):
    """grids_follow_first_row gives what docxtpl's render followed by docx_style.sync_grids gives."""
    from zhibiao.briefing.docx_style import sync_grids

    no_widths = (f'<w:tbl xmlns:w="{W}"><w:tblPr/><w:tblGrid><w:gridCol w:w="1000"/><w:gridCol w:w="1000"/>'
                 '</w:tblGrid><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>')  # docxtpl's fix: one column goes
    widths = (f'<w:tbl xmlns:w="{W}"><w:tblPr/><w:tblGrid><w:gridCol w:w="1000"/><w:gridCol w:w="1000"/></w:tblGrid>'
              '<w:tr><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="1500"/></w:tcPr><w:p/></w:tc>'
              '<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="500"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>')  # sync: 1500, 500
    path = _template(tmp_path / "grids.docx", [no_widths, widths])
    context = {"items": [1, 2, 3]}
    theirs = DocxTemplate(str(path))
    theirs.render(context, autoescape=True)
    sync_grids(theirs.docx)
    ours = Template(str(path))
    ours.grids_follow_first_row = True
    ours.render(context, autoescape=True)
    assert ours.docx.part.blob == theirs.docx.part.blob
    assert b'<w:tblGrid><w:gridCol w:w="2000"/></w:tblGrid>' in ours.docx.part.blob
    assert b'<w:tblGrid><w:gridCol w:w="1500"/><w:gridCol w:w="500"/></w:tblGrid>' in ours.docx.part.blob


# --- the passes over the whole rendered body give what docxtpl's (and the listing check's regexes) give ---

_TEXT_RE = re.compile(r"<w:t(?: [^>]*)?>.*?</w:t>", re.DOTALL)
_PIECES = ["<w:p>", "</w:p>", '<w:p w:rsidR="1">', "<w:r>", "</w:r>", "<w:tab/>", "<w:tbl>", "</w:tbl>", "<w:tc>",
           "<w:tr>", "<w:tcPr/>", "\n", "\t", "  ", "<wp:docPr/>", "<w:pPr/>", "<w:pStyle/>", "<w:p>\n"]
_TEXTS = ["第一行", "a\tb", "x\ny", "\a", "\f", " ", "", "{_{ x }_}", "{_% y %_}", "<w:p", "&lt;w:p&gt;"]


def _random_body(rng: random.Random) -> str:
    out = []
    for _ in range(rng.randrange(1, 40)):
        if rng.random() < 0.3:
            tag = rng.choice(["<w:t>", '<w:t xml:space="preserve">'])
            out.append(tag + rng.choice(_TEXTS).replace("<", "&lt;") + "</w:t>")
        else:
            out.append(rng.choice(_PIECES))
    return "".join(out)


def test_listing_check_finds_what_the_text_regex_finds():
    rng = random.Random(13)
    for _ in range(3000):
        xml = _random_body(rng)
        assert has_listing(xml) == any(re.search(r"[\t\a\n\f]", t) for t in _TEXT_RE.findall(xml)), xml


def test_paragraph_passes_give_docxtpls_text():
    rng = random.Random(7)
    seen = []

    class Env:
        def from_string(self, source):
            seen.append(source)
            return jinja2.Environment().from_string(source)

    for _ in range(500):
        xml = _random_body(rng) + "{{ extra }}"
        context = {"extra": rng.choice(["", "<w:p>", "\n<w:p>", "\n<w:p x=\"1\">", "\n\n<w:p ", "{_{"])}
        tpl = Template.__new__(Template)
        tpl.resolve_listing = lambda x: x  # the listing pass is checked above
        ours = tpl.render_xml_part(xml, None, context, Env())
        theirs = DocxTemplate.render_xml_part(tpl, xml, None, context, Env())
        assert ours == theirs
        assert seen[-1] == seen[-2]  # the same source given to Jinja


def _render_with(cls, path, env, context) -> bytes:
    tpl = cls(str(path))
    tpl.render(context, jinja_env=env, autoescape=True)
    return tpl.docx.part.blob


def test_body_compiled_once_renders_what_docxtpl_renders(tmp_path):
    from zhibiao.briefing.jinja import Environment
    from zhibiao.briefing.jinja_cache import TemplateCache

    path = _template(tmp_path / "模板.docx", [])
    folder = tmp_path / "cache"
    folder.mkdir()
    cache = TemplateCache(str(folder))
    context = {"items": ["<甲>", 2, "丙"]}
    theirs = _render_with(DocxTemplate, path, Environment(), context)
    first = _render_with(Template, path, Environment(bytecode_cache=cache), context)
    kept = len(list(folder.iterdir()))  # the body's compiled template, and the document properties'
    again = _render_with(Template, path, Environment(bytecode_cache=cache), context)  # from the cache
    assert first == again == theirs and len(list(folder.iterdir())) == kept
    # another template (one more paragraph) is compiled anew, never given the first one's code
    other = _template(tmp_path / "另一个.docx", ["<w:p><w:r><w:t>{{ items | length }}</w:t></w:r></w:p>"])
    assert _render_with(Template, other, Environment(bytecode_cache=cache), context) == \
        _render_with(DocxTemplate, other, Environment(), context)
    assert len(list(folder.iterdir())) == kept + 1


@pytest.mark.parametrize("raw, error", [
    ([], jinja2.UndefinedError),  # items missing: raised while rendering
    (["<w:p><w:r><w:t>{{ items | }}</w:t></w:r></w:p>"], jinja2.TemplateSyntaxError),  # raised while compiling
])
def test_an_error_in_a_cached_body_is_docxtpls_error(tmp_path, raw, error):
    from jinja2 import StrictUndefined

    from zhibiao.briefing.jinja import Environment
    from zhibiao.briefing.jinja_cache import TemplateCache

    path = _template(tmp_path / "模板.docx", raw)
    cache = TemplateCache(str(tmp_path))
    caught = []
    for cls, env in ((DocxTemplate, Environment(undefined=StrictUndefined)),
                     (Template, Environment(undefined=StrictUndefined, bytecode_cache=cache)),
                     (Template, Environment(undefined=StrictUndefined, bytecode_cache=cache))):
        with pytest.raises(error) as info:
            _render_with(cls, path, env, {})
        caught.append((str(info.value), getattr(info.value, "lineno", None), list(getattr(info.value, "docx_context", []))))
    assert caught[0] == caught[1] == caught[2]
    assert error is not jinja2.TemplateSyntaxError or caught[0][2]  # the template's own lines quoted
