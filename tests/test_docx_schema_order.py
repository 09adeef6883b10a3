"""Every Word file zhibiao writes keeps WordprocessingML's element order: Word refuses a file whose property
elements are out of their schema sequence ("发现无法读取的内容"), though LibreOffice opens it."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest
from conftest import EXAMPLES
from lxml import etree

from zhibiao.briefing.kinds import KINDS, render_report

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DAY = dt.date(2023, 7, 12)

# ECMA-376 Part 1, wml.xsd: the sequences of the property elements zhibiao's templates and bodies write
SEQUENCES = {
    "tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark "
            "headers cellIns cellDel cellMerge tcPrChange",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing "
             "tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription tblPrChange",
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
           "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
           "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
           "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid "
           "vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl "
           "cs em lang eastAsianLayout specVanish oMath",
    "sectPr": "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType "
              "pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid printerSettings "
              "sectPrChange",
}
RANK = {parent: {name: i for i, name in enumerate(seq.split())} for parent, seq in SEQUENCES.items()}
# headerReference and footerReference may interleave (a choice repeated), so they share a rank
RANK["sectPr"]["footerReference"] = RANK["sectPr"]["headerReference"]


def out_of_order(xml: bytes) -> list[str]:
    """Each property element whose children break the schema's sequence, with the children as found."""
    bad, root = [], etree.fromstring(xml)
    for element in root.iter(*(W + parent for parent in SEQUENCES)):
        ranks = RANK[etree.QName(element).localname]
        names = [etree.QName(child).localname for child in element if etree.QName(child).namespace == W[1:-1]]
        known = [ranks[n] for n in names if n in ranks]
        if known != sorted(known):
            bad.append(f"{etree.QName(element).localname}: {' '.join(names)}")
    # a paragraph's, run's, cell's and table's own properties come first (w:tbl: w:tblPr then w:tblGrid)
    for parent, first in (("p", ["pPr"]), ("r", ["rPr"]), ("tc", ["tcPr"]), ("tbl", ["tblPr", "tblGrid"]),
                          ("tr", ["tblPrEx", "trPr"])):
        for element in root.iter(W + parent):
            names = [etree.QName(child).localname for child in element]
            placed = [n for n in names if n in first]
            if placed and names[:len(placed)] != [n for n in first if n in placed]:
                bad.append(f"{parent}: {' '.join(names[:4])}")
    return bad


def word_parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith("word/") and n.endswith(".xml")
                and not n.startswith("word/theme")}


def test_the_checker_finds_a_shading_before_the_width():
    xml = (f'<w:tbl xmlns:w="{W[1:-1]}"><w:tr><w:tc><w:tcPr><w:shd w:fill="FF0000"/><w:tcW w:w="800"/></w:tcPr>'
           '<w:p/></w:tc></w:tr></w:tbl>').encode()
    assert out_of_order(xml) == ["tcPr: shd tcW"]
    assert out_of_order(xml.replace(b'<w:shd w:fill="FF0000"/><w:tcW w:w="800"/>',
                                    b'<w:tcW w:w="800"/><w:shd w:fill="FF0000"/>')) == []
    assert out_of_order(f'<w:p xmlns:w="{W[1:-1]}"><w:r/><w:pPr/></w:p>'.encode()) == ["p: r pPr"]


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_report_kind_writes_its_properties_in_schema_order(kind, tmp_path):
    paths = render_report(kind, EXAMPLES / "湖州2023进度示例.xlsx", None, ("docx",), out_dir=tmp_path, today=DAY)
    for name, xml in word_parts(paths[0]).items():
        assert out_of_order(xml) == [], (kind, name)


@pytest.mark.parametrize("example", ["湖州2023区县分解.xlsx", "重大项目示例.xlsx", "平湖2023镇街道分解.xlsx"])
def test_briefings_of_the_other_examples_write_their_properties_in_schema_order(example, runner, tmp_path):
    result = runner.invoke("brief", EXAMPLES / example, "--format", "docx", "-o", tmp_path)
    assert result.exit_code == 0, result.stderr
    (docx,) = tmp_path.glob("*.docx")
    for name, xml in word_parts(docx).items():
        assert out_of_order(xml) == [], (example, name)
