"""The 亮晒 board with more indicators than fit across the landscape page: bands of indicators, one table each."""

from __future__ import annotations

import datetime as dt
import re
import struct
import zipfile

import pytest
from conftest import EXAMPLES
from test_docx_schema_order import out_of_order, word_parts

from zhibiao.briefing.kinds import render_report, report_context
from zhibiao.briefing.lights import MIN_REGION_MM
from zhibiao.briefing.showcase import BOARD_FREE_MM, band_sizes, cell_twips
from zhibiao.briefing.skins import MAX_PNG_HEIGHT, chromium
from zhibiao.formats import read_workbook
from zhibiao.grid import Grid, Workbook

DAY = dt.date(2023, 7, 12)
# the most indicator columns the board's free width holds at the narrowest readable column
LIMIT = int(BOARD_FREE_MM // MIN_REGION_MM)
REGIONS = ["吴兴", "南浔", "德清", "长兴", "安吉"]


def board_book(indicators: int, regions: list[str] = REGIONS) -> Workbook:
    """`indicators` cumulative indicators over the districts and 全市, half a year's figures: every light on."""
    header = ["指标名称"] + regions + ["全市"]
    targets = [[f"指标{i}(家)"] + [100] * len(regions) + [100 * len(regions)] for i in range(1, indicators + 1)]
    june = [[f"指标{i}(家)"] + [(i * 7 + j * 13) % 90 + 5 for j in range(len(regions))] + [50 * len(regions)]
            for i in range(1, indicators + 1)]
    march = [[row[0]] + [v // 2 for v in row[1:]] for row in june]
    return Workbook(None, [Grid("任务分解", [header] + targets), Grid("进度 2023-03", [header] + march),
                           Grid("进度 2023-06", [header] + june)])


def test_band_sizes_follow_the_width_rule():
    assert BOARD_FREE_MM / LIMIT >= MIN_REGION_MM > BOARD_FREE_MM / (LIMIT + 1)
    assert band_sizes(LIMIT) == [LIMIT]
    assert band_sizes(LIMIT + 1) == [(LIMIT + 2) // 2, (LIMIT + 1) // 2]  # two, as even as can be
    for n in (1, LIMIT - 1, 2 * LIMIT, 2 * LIMIT + 1, 100, 1000):
        sizes = band_sizes(n)
        assert sum(sizes) == n and max(sizes) <= LIMIT and max(sizes) - min(sizes) <= 1
        assert len(sizes) == -(-n // LIMIT)  # no more tables than the width asks for
    assert band_sizes(0) == [0]
    assert cell_twips(LIMIT) * LIMIT <= round(BOARD_FREE_MM * 1440 / 25.4)


def test_a_board_that_fits_is_one_table_as_before():
    ctx = report_context("亮晒", board_book(LIMIT), None, DAY)
    assert len(ctx["columns"]) == LIMIT
    (band,) = ctx["bands"]
    assert band["caption"] == "" and band["columns"] == ctx["columns"] and band["rows"] == ctx["rows"]
    assert band["cell_twips"] == ctx["layout"]["cell_twips"]
    assert "表列出" not in ctx["legend_note"]


def test_one_past_the_limit_splits_into_two_bands():
    ctx = report_context("亮晒", board_book(LIMIT + 1), None, DAY)
    bands = ctx["bands"]
    assert [len(b["columns"]) for b in bands] == band_sizes(LIMIT + 1)
    assert [b["caption"] for b in bands] == [f"表1　第1—{len(bands[0]['columns'])}项指标",
                                             f"表2　第{len(bands[0]['columns']) + 1}—{LIMIT + 1}项指标"]
    assert [c for b in bands for c in b["columns"]] == ctx["columns"]  # the full board's keys stay for templates
    for band in bands:
        assert [r["region"] for r in band["rows"]] == [r["region"] for r in ctx["rows"]]  # by rank in every band
        assert band["cell_twips"] == cell_twips(len(band["columns"]))
    for i, row in enumerate(ctx["rows"]):
        assert [c for b in bands for c in b["rows"][i]["cells"]] == row["cells"]
        assert all(b["rows"][i]["score"] == row["score"] and b["rows"][i]["rank"] == row["rank"] for b in bands)
    assert "分2表列出" in ctx["legend_note"]


def test_banded_board_in_word_and_html(tmp_path):
    book = board_book(LIMIT + 1)
    docx, html = render_report("亮晒", book, None, ("docx", "html"), out_dir=tmp_path, stem="亮晒", today=DAY)
    parts = word_parts(docx)
    for name, xml in parts.items():
        assert out_of_order(xml) == [], name
    body = parts["word/document.xml"].decode()
    tables = body.split("<w:tbl>")[1:]
    assert len(tables) == 2 and body.count("<w:tblHeader/>") == 2  # the header row repeats on each page
    sizes = band_sizes(LIMIT + 1)
    for table, size in zip(tables, sizes):
        first_row = table.split("</w:tr>")[0]
        assert first_row.count("<w:tc>") == size + 4  # 地区, the band's indicators, 得分, 名次, 升降
        assert table.count(">吴兴<") == 1
        assert f'w:w="{cell_twips(size)}"' in first_row
    assert "表1　第1—" in body and "表2　第" in body
    text = html.read_text(encoding="utf-8")
    assert text.count('<table class="board">') == 2 and text.count('<p class="caption">表') == 2


def test_the_bundled_example_is_one_table_without_a_caption(tmp_path):
    book = read_workbook(EXAMPLES / "湖州2023进度示例.xlsx")
    ctx = report_context("亮晒", book, None, DAY)
    assert len(ctx["bands"]) == 1 and ctx["bands"][0]["rows"] == ctx["rows"]
    (docx,) = render_report("亮晒", book, None, ("docx",), out_dir=tmp_path, today=DAY)
    with zipfile.ZipFile(docx) as z:
        body = z.read("word/document.xml").decode()
    assert body.count("<w:tbl>") == 1 and not re.search(r"表1　第\d", body)


@pytest.mark.parametrize("indicators", [LIMIT, LIMIT + 1])
def test_columns_keep_the_order_the_indicators_first_appear(indicators):
    ctx = report_context("亮晒", board_book(indicators), None, DAY)
    assert [c["name"] for c in ctx["columns"]] == [f"指标{i}" for i in range(1, indicators + 1)]


@pytest.mark.skipif(chromium() is None, reason="needs chromium for the PNG")
def test_the_png_holds_every_band_not_only_the_first_screen(tmp_path):
    book = board_book(2 * LIMIT + 1, [f"乡镇{i}" for i in range(1, 41)])  # three tables of 40 rows
    (png,) = render_report("亮晒", book, None, ("png",), out_dir=tmp_path, today=DAY)
    width, height = struct.unpack(">II", png.read_bytes()[16:24])  # IHDR
    assert width == 1123 and 3 * 40 * 18 < height <= MAX_PNG_HEIGHT  # 120 rows of at least 18 px each


@pytest.mark.skipif(chromium() is None, reason="needs chromium for the PNG")
def test_a_board_taller_than_the_tallest_picture_is_said_to_be_cut(runner, tmp_path, monkeypatch):
    """The clerk is told, in one line, that the PNG holds the top of the board only and where the rest is."""
    from zhibiao.briefing import skins

    monkeypatch.setattr(skins, "MAX_PNG_HEIGHT", 600)
    book = board_book(LIMIT, [f"乡镇{i}" for i in range(1, 41)])  # 40 rows: taller than 600 px
    with pytest.warns(skins.PictureCutWarning, match="只含页面上部 600 像素"):
        (png,) = render_report("亮晒", book, None, ("png",), out_dir=tmp_path, today=DAY)
    assert struct.unpack(">II", png.read_bytes()[16:24])[1] == 600


# every run of digits in a header cell: are its characters all on one line box (same top)?
SPLIT_NUMBER_PROBE = """<script>
window.addEventListener('load', () => {
  const split = [];
  for (const th of document.querySelectorAll('table.board th')) {
    const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/[0-9]{2,}/g)) {
        const tops = new Set();
        for (let i = m.index; i < m.index + m[0].length; i++) {
          const range = document.createRange();
          range.setStart(node, i); range.setEnd(node, i + 1);
          tops.add(Math.round(range.getBoundingClientRect().top));
        }
        if (tops.size > 1) split.push(th.textContent);
      }
    }
  }
  document.body.setAttribute('data-split', JSON.stringify(split));
});
</script>"""


@pytest.mark.skipif(chromium() is None, reason="needs chromium to lay the HTML out")
def test_header_cells_never_break_inside_a_number(tmp_path):
    """指标10 once broke as 指标1 / 0 (word-break: break-all); Chinese may break between characters, a number never."""
    import json
    import subprocess

    (html,) = render_report("亮晒", board_book(100), None, ("html",), out_dir=tmp_path, today=DAY)
    html.write_text(html.read_text(encoding="utf-8").replace("</body>", SPLIT_NUMBER_PROBE + "</body>"), encoding="utf-8")
    dom = subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path}/chr",
                          "--window-size=1123,794", "--virtual-time-budget=5000", "--dump-dom", html.as_uri()],
                         capture_output=True, text=True, timeout=120).stdout
    found = re.search(r'data-split="([^"]*)"', dom)
    assert found, dom[-500:]
    assert json.loads(found.group(1).replace("&quot;", '"')) == []


def test_word_header_puts_the_basis_on_its_own_line(tmp_path):
    """As the HTML (name<br>（basis）): in Word the name and （完成率） ran on in one flow (指标1（完 / 成 / 率）)."""
    (docx,) = render_report("亮晒", board_book(3), None, ("docx",), out_dir=tmp_path, today=DAY)
    with zipfile.ZipFile(docx) as z:
        body = z.read("word/document.xml").decode()
    first_row = body.split("<w:tbl>")[1].split("</w:tr>")[0]
    pieces = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>|<w:br/>")  # a line break read as |
    heads = ["".join(m.group(1) if m.group(1) is not None else "|" for m in pieces.finditer(cell))
             for cell in first_row.split("<w:tc>")[1:]]
    assert heads[1:4] == ["指标1|（完成率）", "指标2|（完成率）", "指标3|（完成率）"]
