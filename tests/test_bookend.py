"""The 版记 at the foot of the last page (GB/T 9704): a text box at the foot of the type area, anchored by a last
paragraph as tall as the box; sized to its rendered lines; LibreOffice puts it there, on the body's last page
when there is room and on a page of its own otherwise."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import pytest
from briefing_helpers import DAY, evil_book
from conftest import EXAMPLES
from docx.oxml.ns import qn
from lxml import etree
from test_report_layout import with_settings

from zhibiao.briefing import render_briefing
from zhibiao.briefing.docx_bookend import EMU_PER_PT, LINE_PT, NAME, line_count
from zhibiao.briefing.kinds import render_report

WPS = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"
FOOT_PT = 842 - 35 * 72 / 25.4  # the type area's bottom on A4 with GB/T 9704's 35 mm bottom margin


def document(path) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("word/document.xml"))


def bookend(root) -> dict:
    """What the layout relies on: the 版记 box's anchor, its reserving paragraph and the table inside."""
    body = root.find(qn("w:body"))
    last = body.findall(qn("w:p"))[-1]
    (anchor,) = last.iter(qn("wp:anchor"))
    pos_v, pos_h = anchor.find(qn("wp:positionV")), anchor.find(qn("wp:positionH"))
    spacing = last.find(f"{qn('w:pPr')}/{qn('w:spacing')}")
    (tbl,) = anchor.iter(qn("w:tbl"))
    return {
        "last_in_body": body[-2] is last,  # only w:sectPr after it
        "name": anchor.find(qn("wp:docPr")).get("name"),
        "v": (pos_v.get("relativeFrom"), pos_v.findtext(qn("wp:align"))),
        "h": (pos_h.get("relativeFrom"), pos_h.findtext(qn("wp:align"))),
        "wrap_none": anchor.find(qn("wp:wrapNone")) is not None,
        "text_at_bottom": anchor.find(f".//{WPS}bodyPr").get("anchor"),
        "reserve_pt": (spacing.get(qn("w:line")), spacing.get(qn("w:lineRule"))),
        "box_pt": int(anchor.find(qn("wp:extent")).get("cy")) / EMU_PER_PT,
        "rows": ["".join(t.text for t in tr.iter(qn("w:t"))) for tr in tbl.iter(qn("w:tr"))],
        "floating_tables": len(list(root.iter(qn("w:tblpPr")))),
    }


def test_briefing_bookend_is_a_box_at_the_foot_reserved_by_the_last_paragraph(tmp_path):
    (docx,) = render_briefing(EXAMPLES / "湖州2023进度示例.xlsx", formats=("docx",), out_dir=tmp_path, today=DAY)
    found = bookend(document(docx))
    assert found["last_in_body"] and found["name"] == NAME and found["wrap_none"]
    assert found["v"] == ("margin", "bottom") and found["h"] == ("margin", "center")
    assert found["text_at_bottom"] == "b" and found["floating_tables"] == 0
    # the reserve is exactly as tall as the box (twentieths of a point), three one-line rows
    assert found["reserve_pt"] == (str(round(found["box_pt"] * 20)), "exact")
    assert 3 * (LINE_PT + 6) < found["box_pt"] < 4 * (LINE_PT + 6)
    assert found["rows"] == ["报送：市委、市人大、市政府、市政协领导", "抄送：各区县人民政府（管委会），市级有关部门",
                             "市经济和信息化局2023年7月12日印发"]


def test_a_long_line_makes_the_box_and_its_reserve_taller(tmp_path):
    source = EXAMPLES / "湖州2023进度示例.xlsx"
    (short,) = render_briefing(source, formats=("docx",), out_dir=tmp_path, stem="short", today=DAY)
    copy_to = "、".join(f"第{n}区县人民政府" for n in range(1, 9))  # 63 characters: three lines
    book = with_settings(source, tmp_path, [("抄送", copy_to)])
    (long,) = render_briefing(book, formats=("docx",), out_dir=tmp_path, stem="long", today=DAY)
    before, after = bookend(document(short)), bookend(document(long))
    assert after["rows"][1] == f"抄送：{copy_to}"
    assert after["box_pt"] - before["box_pt"] == pytest.approx(2 * LINE_PT, abs=0.01)
    assert after["reserve_pt"] == (str(round(after["box_pt"] * 20)), "exact")


def test_line_count():
    width = 28 * 14 + 5  # 28 characters of 14 pt
    assert line_count("", width) == 1
    assert line_count("抄" * 28, width) == 1 and line_count("抄" * 29, width) == 2
    assert line_count("a" * 56, width) == 1 and line_count("a" * 57, width) == 2  # Latin letters: half a character
    assert line_count("市经济和信息化局\t2023年7月12日印发", width) == 1


def test_reports_end_with_the_same_bookend(tmp_path):
    for kind in ("月报", "年报"):
        docx, = render_report(kind, EXAMPLES / "湖州2023进度示例.xlsx", None, ("docx",), out_dir=tmp_path, stem=kind,
                              today=DAY)
        found = bookend(document(docx))
        assert found["v"] == ("margin", "bottom") and found["wrap_none"] and found["floating_tables"] == 0, kind
        assert found["rows"][-1].endswith("印发") and found["reserve_pt"][0] == str(round(found["box_pt"] * 20)), kind


TOOLS = ("soffice", "pdftotext")


@pytest.mark.skipif(any(shutil.which(t) is None for t in TOOLS),
                    reason="LibreOffice 或 pdftotext 未安装（apt-get install libreoffice-writer-nogui poppler-utils）")
def test_libreoffice_prints_the_bookend_at_the_foot_of_the_last_page(tmp_path):
    """湖州's 附件 ends near the foot of its page (the 版记 goes to the foot of the next one); a three-indicator
    附件 leaves most of its page empty: the 版记 sits at its foot, below the body."""
    for source, stem in ((EXAMPLES / "湖州2023进度示例.xlsx", "hz"), (evil_book(), "short")):
        (docx,) = render_briefing(source, formats=("docx",), out_dir=tmp_path, stem=stem, today=DAY)
        subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)], capture_output=True, timeout=300,
                       check=True)
        boxes = subprocess.run(["pdftotext", "-bbox", str(tmp_path / f"{stem}.pdf"), "-"], capture_output=True,
                               text=True, check=True).stdout
        pages = boxes.split("<page ")[1:]
        words = [[(float(y0), float(y1), text) for y0, y1, text in
                  re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', page)] for page in pages]
        last = words[-1]
        (issued,) = [w for w in last if w[2].endswith("印发")]
        assert FOOT_PT - 12 < issued[1] <= FOOT_PT + 1, stem  # its last line on the type area's bottom
        (sent,) = [w for w in last if w[2].startswith("报送")]
        body = [w for w in last if w[1] < sent[0] and not re.fullmatch(r"[—\d]+", w[2])]
        assert not any("报送" in w[2] for page in words[:-1] for w in page), stem
        if stem == "short":  # room on the body's last page: the 版记 shares it, with space between
            assert body and sent[0] - max(w[1] for w in body) > 100


@pytest.mark.skipif(any(shutil.which(t) is None for t in TOOLS),
                    reason="LibreOffice 或 pdftotext 未安装（apt-get install libreoffice-writer-nogui poppler-utils）")
def test_libreoffice_prints_every_row_of_the_monthly_ranking(tmp_path):
    """The 月报's 表2 header lands near a page's foot: LibreOffice 7.4 printed no body row when the repeated header
    row was unbreakable (now it moves with the first body row)."""
    (docx,) = render_report("月报", EXAMPLES / "湖州2023进度示例.xlsx", None, ("docx",), out_dir=tmp_path, stem="月报",
                            today=DAY)
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)], capture_output=True, timeout=300,
                   check=True)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "月报.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    ranked = re.findall(r"^\s*([1-6])\s+(\S+)\s+\d+\.\d\s+\d+\s+\d+\s+\d+", text, re.MULTILINE)
    assert [rank for rank, _ in ranked] == ["1", "2", "3", "4", "5", "6"], ranked


TYPE_AREA_PT = 156 * 72 / 25.4  # GB/T 9704: the type area is 156 mm wide, and so are the 版记's rules


@pytest.mark.skipif(any(shutil.which(t) is None for t in TOOLS),
                    reason="LibreOffice 或 pdftotext 未安装（apt-get install libreoffice-writer-nogui poppler-utils）")
def test_bookend_lines_sit_one_character_in_from_the_rules(tmp_path):
    """GB/T 9704 7.4: 报送 / 抄送 and the 印发机关 one character (the line's 14 pt) in from the rules' left end,
    the 印发日期 one character in from their right end; the rules as wide as the type area (the cells' own 5.4 pt
    padding once put the text 1.4 characters in, and drew the rules 5.4 pt short)."""
    import pdfplumber

    for kind in ("简报", "月报"):
        (docx,) = render_report(kind, EXAMPLES / "湖州2023进度示例.xlsx", None, ("docx",), out_dir=tmp_path, stem=kind,
                                today=DAY)
        subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)], capture_output=True, timeout=300,
                       check=True)
        with pdfplumber.open(tmp_path / f"{kind}.pdf") as pdf:
            page = pdf.pages[-1]
            rules = [r for r in page.lines if r["x1"] - r["x0"] > 300]
            left, right = min(r["x0"] for r in rules), max(r["x1"] for r in rules)
            rows: dict[int, list] = {}
            for c in page.chars:
                rows.setdefault(round(c["top"]), []).append(c)
        assert right - left == pytest.approx(TYPE_AREA_PT, abs=0.5), kind
        lines = {"".join(c["text"] for c in chars): chars for chars in rows.values()}
        said = [text for text in lines if text.startswith(("报送", "抄送")) or text.endswith("印发")]
        assert len(said) == 3, (kind, said)  # 报送, 抄送, 印发 (设置 of the example)
        for text in said:
            chars = sorted(lines[text], key=lambda c: c["x0"])
            assert chars[0]["x0"] - left == pytest.approx(chars[0]["size"], abs=0.5), (kind, text)
            if text.endswith("印发"):
                assert right - chars[-1]["x1"] == pytest.approx(chars[-1]["size"], abs=0.5), (kind, text)


# each 版记 line: the gap from its rules' left end to its first character and from its last character to the right
# end, in CSS px, with the line's font size
BOOKEND_PROBE = """<script>
window.addEventListener('load', () => {
  const gaps = [];
  for (const p of document.querySelectorAll('.distribution p')) {
    const box = p.getBoundingClientRect(), walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT), rects = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.data.length; i++) {
        if (!node.data[i].trim()) continue;
        const range = document.createRange();
        range.setStart(node, i); range.setEnd(node, i + 1);
        rects.push(range.getBoundingClientRect());
      }
    }
    gaps.push([p.textContent, rects[0].left - box.left, box.right - rects[rects.length - 1].right,
               parseFloat(getComputedStyle(p).fontSize)]);
  }
  document.body.setAttribute('data-gaps', JSON.stringify(gaps));
});
</script>"""


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs chromium to lay the HTML out")
def test_html_bookend_lines_sit_one_character_in_from_the_rules(tmp_path):
    """As in Word: the lines one character in from the rules' left end, the 印发日期 one in from the right end
    (the HTML's right padding was half a character)."""
    import html as html_lib
    import json

    for kind in ("简报", "月报", "年报"):
        (page,) = render_report(kind, EXAMPLES / "湖州2023进度示例.xlsx", None, ("html",), out_dir=tmp_path, stem=kind,
                                today=DAY)
        page.write_text(page.read_text(encoding="utf-8").replace("</body>", BOOKEND_PROBE + "</body>"), encoding="utf-8")
        dom = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path}/chr",
                              "--window-size=1240,1754", "--virtual-time-budget=5000", "--dump-dom", page.as_uri()],
                             capture_output=True, text=True, timeout=120).stdout
        gaps = json.loads(html_lib.unescape(re.search(r'data-gaps="([^"]*)"', dom).group(1)))
        assert [text.endswith("印发") for text, *_ in gaps] == [False] * (len(gaps) - 1) + [True], kind
        for text, left, right, size in gaps:
            assert left == pytest.approx(size, abs=1), (kind, text)
        text, left, right, size = gaps[-1]
        assert right == pytest.approx(size, abs=1), (kind, text)


@pytest.mark.skipif(any(shutil.which(t) is None for t in TOOLS + ("chromium",)),
                    reason="LibreOffice、pdftotext 或 chromium 未安装")
def test_a_wrapped_copy_to_line_starts_under_the_first_character_after_the_colon(tmp_path):
    """GB/T 9704 7.4.2: 抄送 回行时与冒号后的首字对齐 — in Word (LibreOffice's PDF) and in the HTML (Chromium's
    PDF) the wrapped lines of a long 抄送 start four characters in from the rules' left end, not one."""
    import pdfplumber

    copy_to = "、".join(f"第{n}区县人民政府" for n in range(1, 9))  # 63 characters: three lines
    book = with_settings(EXAMPLES / "湖州2023进度示例.xlsx", tmp_path, [("抄送", copy_to)])
    docx, page = render_report("简报", book, None, ("docx", "html"), out_dir=tmp_path, stem="long", today=DAY)
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)], capture_output=True, timeout=300,
                   check=True)
    printed = tmp_path / "long-html.pdf"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path}/chr",
                    "--no-pdf-header-footer", f"--print-to-pdf={printed}", page.as_uri()], capture_output=True,
                   timeout=120, check=True)
    for pdf_path in (tmp_path / "long.pdf", printed):
        with pdfplumber.open(pdf_path) as pdf:
            page_ = pdf.pages[-1]
            # the rules: lines in LibreOffice's PDF, thin filled rectangles in Chromium's
            left = min(r["x0"] for r in page_.lines + page_.rects if r["x1"] - r["x0"] > 300 and r["bottom"] - r["top"] < 3)
            rows: dict[int, list] = {}
            for c in page_.chars:
                rows.setdefault(round(c["top"]), []).append(c)
        lines = [sorted(chars, key=lambda c: c["x0"]) for _, chars in sorted(rows.items())]
        texts = ["".join(c["text"] for c in chars) for chars in lines]
        at = next(i for i, t in enumerate(texts) if t.startswith("抄送："))
        first, *wrapped = lines[at:at + 3]
        assert len(wrapped) == 2 and "印发" not in texts[at + 2], (pdf_path.name, texts[at:at + 3])
        assert first[0]["x0"] - left == pytest.approx(14, abs=0.5), pdf_path.name
        for chars in wrapped:
            assert chars[0]["x0"] - left == pytest.approx(4 * 14, abs=0.5), (pdf_path.name, "".join(c["text"] for c in chars))
