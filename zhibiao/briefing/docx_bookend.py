"""The 版记 (抄送 / 印发 lines between rules) at the foot of the last page, as GB/T 9704 places it, in Word, WPS and
LibreOffice alike.

The body ends with a reserving paragraph exactly as tall as the 版记 (an exact line height), and that paragraph
anchors a text box holding the 版记 table, aligned to the bottom of the type area, with no text wrapping. The
reserving paragraph fits on the last page when the body leaves room for the 版记 and starts a new page when it
does not; the text box then sits at the foot of whichever page the paragraph lands on. Nothing wraps around
the box, so no application has to re-flow text before its anchor: a floating table anchored to the bottom
margin (what came before) is laid out inline by LibreOffice 7.4 (at the top of the last page) or, when
narrower than the type area, overlaps the body when the last page is full.

The template builders (reports/docx_parts.py) make the structure with `foot_anchor`; after rendering,
`fit_bookend` sizes the reserve and the box to the rendered lines (a long 抄送 list wraps).
"""

from __future__ import annotations

import math
import unicodedata

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

NAME = "版记"  # wp:docPr/@name of the text box: how fit_bookend finds it
FONT_PT = 14  # 版记 text: 4号仿宋
LINE_PT = 20  # exact line height of the 版记 paragraphs (the style's)
PAD_PT = 3  # space before and after each 版记 paragraph
INDENT_PT = 14  # the lines start and end one character in from the rules (the table has no cell padding)
HANG_EMS = 3  # 报送：/ 抄送： : a wrapped line starts under the first character after the colon (GB/T 9704 7.4.2)
RULES_PT = 3.5  # thick first and last rule (1.5 pt each) and the thin ones between, with room to spare
END_PT = 2  # the text box's closing paragraph (a table cannot end one) and rounding
EMU_PER_PT = 12700
_ID = 0  # docxtpl renumbers the ids; 0 leaves python-docx naming the first picture "Picture 1" (it takes max id + 1)
_WPS_MC = ('xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
           ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"')


def line_count(text: str, width_pt: float, hang: int = 0) -> int:
    """How many lines `text` takes at FONT_PT in a line `width_pt` wide (CJK one em, other characters half);
    lines after the first `hang` characters narrower (a hanging indent)."""
    ems = sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.5 for c in text.replace("\t", "\u3000\u3000"))
    per_line = max(int(width_pt / FONT_PT), 1)
    if ems <= per_line:
        return 1
    return 1 + math.ceil((ems - per_line) / max(per_line - hang, 1))


def height_pt(lines: list[str], width_pt: float) -> float:
    """The 版记 table's height: each row's wrapped lines on LINE_PT, its padding, the rules."""
    text_width = width_pt - 2 * INDENT_PT
    return sum(line_count(t, text_width, HANG_EMS if t[2:3] == "：" else 0) * LINE_PT + 2 * PAD_PT
               for t in lines) + RULES_PT + END_PT


def foot_anchor(tbl, width_pt: float, rows: int):
    """A paragraph reserving the 版记's height and anchoring a text box at the foot of the type area that holds
    `tbl` (moved into it). Sized for `rows` one-line rows until fit_bookend measures the rendered text."""
    height = height_pt([""] * rows, width_pt)
    cx, cy = round(width_pt * EMU_PER_PT), round(height * EMU_PER_PT)
    p = parse_xml(
        f'<w:p {nsdecls("w", "wp", "a")} {_WPS_MC}><w:pPr><w:spacing w:before="0" w:after="0" w:line="{round(height * 20)}"'
        ' w:lineRule="exact"/><w:ind w:firstLine="0" w:firstLineChars="0"/></w:pPr><w:r><mc:AlternateContent>'
        '<mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="251659264" behindDoc="0"'
        ' locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH>'
        '<wp:positionV relativeFrom="margin"><wp:align>bottom</wp:align></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="{_ID}" name="{NAME}"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
        '<wps:txbx><w:txbxContent><w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
        '<w:ind w:firstLine="0" w:firstLineChars="0"/></w:pPr></w:p></w:txbxContent></wps:txbx>'
        # the lines sit at the bottom of the box: the page's foot even when the estimate is a little generous
        '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="b" anchorCtr="0">'
        '<a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>'
        '</mc:Choice></mc:AlternateContent></w:r></w:p>')
    content = p.find(".//" + qn("w:txbxContent"))
    content.insert(0, tbl)
    return p


def fit_bookend(document) -> None:
    """Size the 版记's reserving paragraph and text box to its rendered lines (nothing when there is none)."""
    body = document.element.body
    found = [d for d in body.iter(qn("wp:docPr")) if d.get("name") == NAME]
    if not found:
        return
    anchor = found[-1].getparent()
    tbl = anchor.find(f".//{qn('w:txbxContent')}/{qn('w:tbl')}")
    extent = anchor.find(qn("wp:extent"))
    if tbl is None or extent is None:
        return
    width_pt = int(extent.get("cx")) / EMU_PER_PT
    rows = [_row_text(tr) for tr in tbl.iter(qn("w:tr"))]
    cy = round(height_pt(rows, width_pt) * EMU_PER_PT)
    extent.set("cy", str(cy))
    for ext in anchor.iter(qn("a:ext")):
        ext.set("cy", str(cy))
    paragraph = next(a for a in anchor.iterancestors() if a.tag == qn("w:p"))
    spacing = paragraph.find(f"{qn('w:pPr')}/{qn('w:spacing')}")
    spacing.set(qn("w:line"), str(round(cy / EMU_PER_PT * 20)))


def _row_text(tr) -> str:
    """A row's text, a tab as a tab."""
    tab, text = qn("w:tab"), qn("w:t")
    return "".join("\t" if el.tag == tab else el.text or "" for r in tr.iter(qn("w:r")) for el in r if el.tag in (tab, text))
