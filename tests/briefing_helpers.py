"""Shared by the briefing tests: an in-memory workbook whose names carry markup, and docx XML readers."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from lxml import etree

from zhibiao.grid import Grid, Workbook

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
DAY = dt.date(2023, 7, 12)
EVIL_REGION = "南浔<script>alert(1)</script>"
EVIL_INDICATOR = "A&B<i>整治</i>企业数(家)"
EVIL_DEPT = "市经信局&<b>科技局</b>"


def evil_book(settings: list[tuple[str, str]] | None = None) -> Workbook:
    """Three regions, a gap in the first indicator, and a 进度 sheet where 南浔<script>… lags on everything."""
    header = ["指标名称", "吴兴", EVIL_REGION, "德清&安吉", "全市", "责任部门"]
    split = Grid("任务分解", [header,
                             [EVIL_INDICATOR, 150, 250, 150, 600, EVIL_DEPT],
                             ["规上工业增加值增长(%)", 7, 6, 8, 7, "市经信局"],
                             ["腾出用地面积(亩)", 4000, 4000, 4000, 12000, "市自然资源局"]])
    progress = Grid("进度 2023-06", [header,
                                   [EVIL_INDICATOR, 100, 60, 80, 240, None],
                                   ["规上工业增加值增长(%)", 7.5, 3, 8.1, 6.4, None],
                                   ["腾出用地面积(亩)", 2000, 1500, 2500, 6000, None]])
    grids = [split, progress]
    if settings:
        grids.append(Grid("设置", [["项目", "值"]] + [list(row) for row in settings]))
    return Workbook(None, grids)


def docx_part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def style(styles: etree._Element, name: str) -> etree._Element:
    found = styles.xpath(f"//w:style[w:name/@w:val='{name}']", namespaces=NS)
    assert found, name
    return found[0]


def east_asia(style_element: etree._Element) -> str:
    return style_element.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia")
