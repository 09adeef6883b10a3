"""Messy layouts of the real seed tables, as clerks keep them, give the same findings as the clean tables.

Every variant is built in code from xlsx_templates/seed_data.py into tmp_path; no binary fixtures.
"""

from __future__ import annotations

import copy
import sys
from dataclasses import dataclass, field

import pytest
from docx import Document
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from zhibiao import check_file
from zhibiao.expr import normalize_text
from zhibiao.kinds import split_unit

from conftest import ROOT

sys.path.insert(0, str(ROOT / "xlsx_templates"))
import seed_data as sd  # noqa: E402

HZ, PH = sd.HUZHOU_SPLIT_2023, sd.PINGHU_SPLIT_2023
TARGETS = [sd.HUZHOU_TARGETS_2023, sd.TONGLU_TARGETS_2024, sd.PINGHU_TARGETS_2023_2027]
SPLITS = [HZ, PH]


# -- building sheets -------------------------------------------------------------

@dataclass
class Sheet:
    """A sheet to write: rows of cell values, merges (0-based, inclusive), hidden columns, number formats."""

    name: str
    rows: list[list]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    hidden: set[int] = field(default_factory=set)
    formats: dict[tuple[int, int], str] = field(default_factory=dict)
    header: int = 1  # row of the header
    data: list[int] = field(default_factory=list)  # rows holding the seed's data rows, in order

    @property
    def width(self) -> int:
        return max(len(r) for r in self.rows)

    def col(self, label: str) -> int:
        return next(c for c, v in enumerate(self.rows[self.header]) if v == label)

    def insert_row(self, at: int, values: list | None = None) -> None:
        self.rows.insert(at, list(values or [None] * self.width))
        self.merges = [(r1 + (r1 >= at), c1, r2 + (r2 >= at), c2) for r1, c1, r2, c2 in self.merges]
        self.formats = {(r + (r >= at), c): f for (r, c), f in self.formats.items()}
        self.header += self.header >= at
        self.data = [r + (r >= at) for r in self.data]

    def insert_col(self, at: int, label, values: list | None = None) -> None:
        """Insert a column; values follow the data rows; a merge spanning the position widens."""
        values = values or [None] * len(self.data)
        for r, row in enumerate(self.rows):
            row.insert(at, label if r == self.header else None)
        for r, v in zip(self.data, values):
            self.rows[r][at] = v
        self.merges = [(r1, c1 + (c1 >= at), r2, c2 + (c2 >= at)) for r1, c1, r2, c2 in self.merges]
        self.hidden = {c + (c >= at) for c in self.hidden}
        self.formats = {(r, c + (c >= at)): f for (r, c), f in self.formats.items()}

    def move_col(self, src: int, dst: int) -> None:
        """Move a column without merges on it."""
        for row in self.rows:
            row.insert(dst, row.pop(src))


def seed_sheet(table: dict, name: str = "分解", title: str | None = None) -> Sheet:
    """A seed table as bundled: merged title, header, data, merges, a blank row and a merged 注 row."""
    width = len(table["header"])
    data = [list(r) for r in copy.deepcopy(table["rows"])]
    rows = [[title or table["title"]] + [None] * (width - 1), list(table["header"]), *data,
            [None] * width, ["注：数值照原文录入。"] + [None] * (width - 1)]
    merges = [(0, 0, 0, width - 1), (len(rows) - 1, 0, len(rows) - 1, width - 1)]
    merges += [(2 + m["row"], m["col"], 1 + m["row"] + m["rowspan"], m["col"] + m["colspan"] - 1) for m in table["merges"]]
    return Sheet(name, rows, merges, data=list(range(2, 2 + len(data))))


def save(tmp_path, *sheets: Sheet, name: str = "variant.xlsx"):
    """Write sheets into one workbook."""
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in sheets:
        ws = wb.create_sheet(sheet.name)
        for r, row in enumerate(sheet.rows, 1):
            for c, v in enumerate(row, 1):
                if v is not None:
                    ws.cell(r, c, v)
        for (r, c), fmt in sheet.formats.items():
            ws.cell(r + 1, c + 1).number_format = fmt
        for r1, c1, r2, c2 in sheet.merges:
            ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
        for c in sheet.hidden:
            ws.column_dimensions[get_column_letter(c + 1)].hidden = True
    path = tmp_path / name
    wb.save(path)
    return path


# -- comparing ---------------------------------------------------------------------

def findings(report) -> list[tuple]:
    """What a clerk acts on: code, indicator without its unit, region."""
    return sorted((f.code, split_unit(f.indicator)[0] if f.indicator else None, f.region) for f in report.findings)


def indicators(report) -> list[tuple]:
    return [(split_unit(i.name)[0], i.kind, i.verdict) for i in report.indicators]


def clean(tmp_path, table) -> object:
    return check_file(save(tmp_path, seed_sheet(table), name="clean.xlsx"))


def same_as_clean(tmp_path, table, sheet_or_path) -> object:
    """Check the variant and assert it reads exactly like the clean table."""
    path = sheet_or_path if not isinstance(sheet_or_path, Sheet) else save(tmp_path, sheet_or_path)
    report, base = check_file(path), clean(tmp_path, table)
    assert findings(report) == findings(base)
    assert indicators(report) == indicators(base)
    assert [(t.kind, t.regions, t.periods) for t in report.tables] == [(t.kind, t.regions, t.periods) for t in base.tables]
    return report


def ids(tables):
    return [t["key"] for t in tables]


def test_clean_builder_reads_like_the_bundled_examples(tmp_path):
    from conftest import HUZHOU, PINGHU

    for table, bundled in ((HZ, HUZHOU), (PH, PINGHU)):
        assert findings(clean(tmp_path, table)) == findings(check_file(bundled))
        assert findings(clean(tmp_path, table))  # not vacuous: the seeds have findings


# -- the parent column ---------------------------------------------------------------

@pytest.mark.parametrize("label", ["全市合计", "合 计", "全县", "市级", "总计", "全市\n（合计）", "全市(合计)", "合计数"])
@pytest.mark.parametrize("table", SPLITS, ids=ids(SPLITS))
def test_parent_header_spellings(tmp_path, table, label):
    sheet = seed_sheet(table)
    sheet.rows[1][sheet.col("全市")] = label
    report = same_as_clean(tmp_path, table, sheet)
    assert report.tables[0].parent == normalize_text(label)


@pytest.mark.parametrize("table", SPLITS, ids=ids(SPLITS))
def test_parent_as_first_value_column(tmp_path, table):
    """Regions as the parent's children: 全市 right after the name column."""
    sheet = seed_sheet(table)
    sheet.merges = [m for m in sheet.merges if m[0] in (0, len(sheet.rows) - 1)]  # pending rows unmerged
    name = sheet.col("指标名称") if "指标名称" in table["header"] else 0
    sheet.move_col(sheet.col("全市"), name + 1)
    same_as_clean(tmp_path, table, sheet)


# -- the header ----------------------------------------------------------------------

@pytest.mark.parametrize("title", ["全市主要指标分解表", "全市先进制造业集群培育工程2023年目标任务分解表"])
def test_title_naming_the_parent(tmp_path, title):
    sheet = seed_sheet(HZ, title=title)
    report = same_as_clean(tmp_path, HZ, sheet)
    assert report.tables[0].title == title
    unmerged = seed_sheet(HZ, title=title)
    unmerged.merges = unmerged.merges[1:]
    same_as_clean(tmp_path, HZ, unmerged)


@pytest.mark.parametrize("label", ["指标名称及单位", "指标名称（单位）", "指标及单位"])
@pytest.mark.parametrize("table", SPLITS + TARGETS, ids=ids(SPLITS + TARGETS))
def test_name_header_with_unit(tmp_path, table, label):
    sheet = seed_sheet(table)
    header = sheet.rows[1]
    c = next((c for c, v in enumerate(header) if v in ("指标名称", "二级指标")), 0)
    header[c] = label
    same_as_clean(tmp_path, table, sheet)


@pytest.mark.parametrize("table,renames", [
    (HZ, {"南太湖新区": "南太湖\n新区", "长兴": "长 兴"}),
    (PH, {"曹桥街道": "曹 桥 街 道", "独山港区": "独山\n港区", "经开区": "经 开 区"}),
])
def test_region_headers_with_spaces_and_line_breaks(tmp_path, table, renames):
    sheet = seed_sheet(table)
    for old, new in renames.items():
        sheet.rows[1][sheet.col(old)] = new
    report = same_as_clean(tmp_path, table, sheet)
    assert report.tables[0].regions == table["regions"]


@pytest.mark.parametrize("table", SPLITS, ids=ids(SPLITS))
def test_unit_row_under_the_header(tmp_path, table):
    """A row of 单位：… cells right under the header is part of the header, not an indicator."""
    sheet = seed_sheet(table)
    units = ["单位：见指标" if v in table["regions"] + ["全市"] else None for v in sheet.rows[1]]
    units[next(c for c, v in enumerate(sheet.rows[1]) if v in (None, "指标名称"))] = "（单位）"
    sheet.insert_row(2, units)
    same_as_clean(tmp_path, table, sheet)


@pytest.mark.parametrize("table", SPLITS, ids=ids(SPLITS))
def test_units_in_their_own_column_and_header_row(tmp_path, table):
    """Units moved out of the names into a 单位 column whose header sits in a second header row."""
    sheet = seed_sheet(table)
    name = sheet.col("指标名称") if "指标名称" in table["header"] else 0
    units = []
    for r in sheet.data:
        bare, unit = split_unit(sheet.rows[r][name])
        sheet.rows[r][name] = bare
        units.append(unit)
    sheet.insert_col(name + 1, "计量单位", units)
    # a two-row header: 指标 over 名称/单位, the region labels merged down
    sheet.insert_row(2)
    top, low = sheet.rows[1], sheet.rows[2]
    top[name], top[name + 1], low[name], low[name + 1] = "指标", None, "名称", "计量单位"
    sheet.merges.append((1, name, 1, name + 1))
    sheet.merges += [(1, c, 2, c) for c in range(sheet.width) if c not in (name, name + 1)]
    same_as_clean(tmp_path, table, sheet)


# -- extra columns -------------------------------------------------------------------

CATS = {"huzhou_split_2023": [("质量效益", 10), ("腾笼换鸟", 6)], "pinghu_split_2023": [("发展质效", 5), ("创新动能", 4), ("腾笼换鸟", 6)]}


def category_values(table) -> list[str]:
    return [name for name, n in CATS[table["key"]] for _ in range(n)]


@pytest.mark.parametrize("merged", [False, True], ids=["filled", "merged"])
@pytest.mark.parametrize("label,name_label", [("类别", None), ("一级指标", "二级指标")])
@pytest.mark.parametrize("table", SPLITS, ids=ids(SPLITS))
def test_category_column_in_a_split(tmp_path, table, label, name_label, merged):
    sheet = seed_sheet(table)
    name = sheet.col("指标名称") if "指标名称" in table["header"] else 0
    cats = category_values(table)
    if name_label:
        sheet.rows[1][name] = name_label
    sheet.insert_col(name, label, cats)
    if merged:
        start = 0
        for cat, n in CATS[table["key"]]:
            first = sheet.data[start]
            for r in sheet.data[start + 1:start + n]:
                sheet.rows[r][name] = None
            sheet.merges.append((first, name, first + n - 1, name))
            start += n
    report = same_as_clean(tmp_path, table, sheet)
    assert [i.category for i in report.indicators] == cats


@pytest.mark.parametrize("style", [["（一）", "（二）"], ["1.", "2."], ["①", "②"], ["一、", "二、"]], ids=["paren", "dot", "circled", "comma"])
@pytest.mark.parametrize("table", SPLITS + TARGETS, ids=ids(SPLITS + TARGETS))
def test_sequence_numbers_written_differently(tmp_path, table, style):
    sheet = seed_sheet(table)
    seqs = _seq(style, len(sheet.data))
    if "序号" in table["header"]:
        for r, s in zip(sheet.data, seqs):
            sheet.rows[r][0] = s
    else:
        sheet.insert_col(0, "序号", seqs)
    same_as_clean(tmp_path, table, sheet)


def _seq(style, n):
    cn = "一二三四五六七八九十"
    circled = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
    out = []
    for k in range(1, n + 1):
        if style[0] == "（一）":
            out.append(f"（{_cn(k, cn)}）")
        elif style[0] == "一、":
            out.append(f"{_cn(k, cn)}、")
        elif style[0] == "①":
            out.append(circled[(k - 1) % 20])
        else:
            out.append(f"{k}.")
    return out


def _cn(k, cn):
    if k <= 10:
        return cn[k - 1]
    tens, ones = divmod(k, 10)
    return ("" if tens == 1 else cn[tens - 1]) + "十" + (cn[ones - 1] if ones else "")


@pytest.mark.parametrize("table", SPLITS + TARGETS, ids=ids(SPLITS + TARGETS))
def test_remarks_column_at_the_end(tmp_path, table):
    sheet = seed_sheet(table)
    remarks = ["含南太湖新区", None, "约束性", "预期性", "2022年实际12.5"] * 20
    sheet.insert_col(sheet.width, "备注", remarks[:len(sheet.data)])
    same_as_clean(tmp_path, table, sheet)


@pytest.mark.parametrize("table", SPLITS, ids=ids(SPLITS))
def test_hidden_spacer_column(tmp_path, table):
    sheet = seed_sheet(table)
    at = sheet.col(table["regions"][2])
    sheet.insert_col(at, None)
    sheet.hidden.add(at)
    same_as_clean(tmp_path, table, sheet)


# -- rows around and between -----------------------------------------------------------

NOTES = ["备注：南太湖新区单位GDP能耗下降率计入吴兴区。", "说明：1.带*的为约束性指标。", "注：1.数据来源于统计部门。",
         "注：2.增速按可比价计算。", "资料来源：市统计局。", "注", "填报说明：按季度更新。"]


@pytest.mark.parametrize("merged", [True, False], ids=["merged", "loose"])
@pytest.mark.parametrize("table", SPLITS + TARGETS, ids=ids(SPLITS + TARGETS))
def test_notes_below(tmp_path, table, merged):
    sheet = seed_sheet(table)
    last = len(sheet.rows) - 1
    sheet.rows[last][0] = NOTES[0]
    for k, text in enumerate(NOTES[1:]):
        col = 1 if k % 2 else 0
        sheet.rows.append([None] * sheet.width)
        sheet.rows[-1][col] = text
        if merged:
            sheet.merges.append((len(sheet.rows) - 1, col, len(sheet.rows) - 1, sheet.width - 1))
    same_as_clean(tmp_path, table, sheet)


@pytest.mark.parametrize("table", SPLITS + TARGETS, ids=ids(SPLITS + TARGETS))
def test_blank_rows_between_data_rows(tmp_path, table):
    sheet = seed_sheet(table)
    for r in sorted(sheet.data[1::4], reverse=True):
        if not any(m[0] < r <= m[2] for m in sheet.merges):  # not inside a vertical merge
            sheet.insert_row(r)
    same_as_clean(tmp_path, table, sheet)


@pytest.mark.parametrize("table", SPLITS, ids=ids(SPLITS))
def test_header_repeated_inside_the_table(tmp_path, table):
    """A table pasted from a paged annex repeats its header row part-way down."""
    sheet = seed_sheet(table)
    sheet.insert_row(sheet.data[7], list(sheet.rows[1]))
    same_as_clean(tmp_path, table, sheet)


# -- cell values -----------------------------------------------------------------------

@pytest.mark.parametrize("table", SPLITS, ids=ids(SPLITS))
def test_numbers_with_trailing_units(tmp_path, table):
    sheet = seed_sheet(table)
    name = sheet.col("指标名称") if "指标名称" in table["header"] else 0
    first, last = sheet.col(table["regions"][0]), sheet.col("全市")
    changed = 0
    for r in sheet.data:
        unit = split_unit(sheet.rows[r][name])[1]
        if unit in ("家", "项", "亩", "件", "亿元", "万吨标煤", "万吨标准煤"):
            for c in range(first, last + 1):
                v = sheet.rows[r][c]
                if isinstance(v, (int, float)):
                    sheet.rows[r][c] = f"{v:g}{unit}"
                    changed += 1
    assert changed > 20
    same_as_clean(tmp_path, table, sheet)


# -- other sheets and tables ---------------------------------------------------------------

def progress_sheet(table, name):
    """A monthly 进度 sheet laid out like the split (indicator rows × region columns), actuals half done."""
    sheet = seed_sheet(table, name=name, title="1-6月进度")
    for r in sheet.data:
        sheet.rows[r] = [v / 2 if isinstance(v, (int, float)) and not isinstance(v, bool) else v for v in sheet.rows[r]]
    return sheet


def basis_sheet(table, name, across: bool):
    """Base figures by region: regions down (how zhibiao reads weights) or across, like the split itself."""
    if across:
        rows = [["指标名称", *table["regions"], "全市"], ["企业个数(家)", *range(10, 10 + len(table["regions"])), 1.0]]
    else:
        rows = [["地区", "企业个数(家)"]] + [[region, 10 + k] for k, region in enumerate(table["regions"])]
    return Sheet(name, rows, header=0)


@pytest.mark.parametrize("across", [False, True], ids=["regions-down", "regions-across"])
@pytest.mark.parametrize("progress,basis", [("进度", "基数"), ("1-6月进度", "2022年基数"), ("进度表", "基期数据")])
@pytest.mark.parametrize("table", SPLITS, ids=ids(SPLITS))
def test_progress_and_basis_sheets_beside_the_split(tmp_path, table, progress, basis, across):
    """Only the split is checked; a 基数 sheet, however laid out, holds weights, not targets."""
    path = save(tmp_path, seed_sheet(table), progress_sheet(table, progress), basis_sheet(table, basis, across))
    report = same_as_clean(tmp_path, table, path)
    assert [t.sheet for t in report.tables] == ["分解"]


def test_target_system_below_the_split(tmp_path):
    """The 目标体系 under the 分解表 on one sheet: not data of the split; read as a table of its own."""
    split, targets = seed_sheet(HZ), seed_sheet(sd.HUZHOU_TARGETS_2023)
    offset = len(split.rows) + 2
    rows = split.rows + [[None] * split.width] * 2
    for row in targets.rows:
        rows.append(row + [None] * (split.width - len(row)))
    merges = split.merges + [(r1 + offset, c1, r2 + offset, c2) for r1, c1, r2, c2 in targets.merges]
    path = save(tmp_path, Sheet("分解", rows, merges))
    report = check_file(path)
    base = clean(tmp_path, HZ)
    split_findings = [f for f in findings(report) if f[1] in {split_unit(i.name)[0] for i in base.indicators}]
    assert findings(report) == findings(base) == split_findings
    assert [(t.kind, t.indicators) for t in report.tables] == [("split", 16), ("targets", 83)]
    named = check_file(path, sheet="分解")  # --sheet checks every table on that sheet, too
    assert [(t.kind, t.indicators) for t in named.tables] == [("split", 16), ("targets", 83)]


# -- percent cells stored as fractions ---------------------------------------------------------

def percent_sheet(table, row_prefix, parent_too):
    sheet = seed_sheet(table)
    name = sheet.col("指标名称") if "指标名称" in table["header"] else 0
    r = next(r for r in sheet.data if sheet.rows[r][name].startswith(row_prefix))
    last = sheet.col("全市") + (1 if parent_too else 0)
    for c in range(sheet.col(table["regions"][0]), last):
        sheet.rows[r][c] = round(sheet.rows[r][c] / 100, 6)
        sheet.formats[(r, c)] = "0.0%"
    return sheet


@pytest.mark.parametrize("parent_too", [True, False], ids=["whole-row", "regions-only"])
@pytest.mark.parametrize("table,prefix", [(HZ, "高新技术产业"), (PH, "高新技术产业"), (HZ, "规上工业增加值增长")])
def test_percent_formatted_fractions_read_as_shown(tmp_path, table, prefix, parent_too):
    """Excel stores 48% as 0.48: in a (%) row a cell formatted as percent means what it shows (48)."""
    same_as_clean(tmp_path, table, percent_sheet(table, prefix, parent_too))


def test_literal_percent_sign_in_a_format_is_not_a_fraction(tmp_path):
    """A custom format 0"%" prints 48 as 48%: the value already is the percent figure."""
    sheet = seed_sheet(PH)
    r = sheet.data[6]
    for c in range(sheet.col("当湖街道"), sheet.col("全市")):  # regions only: a misread would show
        sheet.formats[(r, c)] = '0"%"' if c % 2 else "0\\%"
    same_as_clean(tmp_path, PH, sheet)


def test_fractions_without_format_information_are_not_passed_silently():
    """Hosts that give values only (Excel UDFs, Office.js) cannot tell 0.78 from 78%: the row fails loudly."""
    from zhibiao import Grid, Workbook, check_workbook

    row = ["高新技术产业增加值占规上工业增加值比重(%)", 0.78, 0.53, 0.683, 0.66, 0.673, 0.804, 66.0]
    report = check_workbook(Workbook(None, [Grid("分解", [HZ["header"][:8], row])]))
    assert [(f.code, f.severity) for f in report.findings] == [("weighted-infeasible", "error")]


def test_city_level_share_is_a_region_not_the_parent(tmp_path):
    """市级 heads the parent column; 市本级 is the city's own share, allocated like a region."""
    sheet = seed_sheet(HZ)
    sheet.insert_col(sheet.col("全市"), "市本级", [0 if isinstance(v, (int, float)) else v for v in
                                                 (sheet.rows[r][sheet.col("全市")] for r in sheet.data)])
    report = check_file(save(tmp_path, sheet))
    assert report.tables[0].regions == HZ["regions"] + ["市本级"] and report.tables[0].parent == "全市"


# -- Word -----------------------------------------------------------------------------------

def word_annex(tmp_path, table, repeat_every: int | None, name: str):
    """The split as a Word annex; with repeat_every, the header row recurs like on each printed page."""
    doc = Document()
    doc.add_paragraph(table["title"])
    rows = [table["header"]]
    for k, row in enumerate(table["rows"]):
        if repeat_every and k and k % repeat_every == 0:
            rows.append(table["header"])
        rows.append(row)
    t = doc.add_table(rows=len(rows), cols=len(table["header"]))
    pending = {m["row"] for m in table["merges"]}
    data_index = -1
    for i, row in enumerate(rows):
        if row is not table["header"]:
            data_index += 1
        for j, v in enumerate(row):
            if v is not None:
                t.cell(i, j).text = str(v)
        if row is not table["header"] and data_index in pending:
            m = next(m for m in table["merges"] if m["row"] == data_index)
            t.cell(i, m["col"]).merge(t.cell(i, m["col"] + m["colspan"] - 1))
    doc.add_paragraph("注：数值照原文录入。")
    path = tmp_path / name
    doc.save(path)
    return path


@pytest.mark.parametrize("table", SPLITS, ids=ids(SPLITS))
def test_word_annex_with_header_repeated_on_each_page(tmp_path, table):
    base = check_file(word_annex(tmp_path, table, None, "clean.docx"))
    report = check_file(word_annex(tmp_path, table, 5, "paged.docx"))
    assert [(f.code, f.indicator, f.region) for f in report.findings] == [(f.code, f.indicator, f.region) for f in base.findings]
    assert findings(base) == findings(clean(tmp_path, table))
    assert len(report.indicators) == len(table["rows"])


# -- regions as rows (the seeds transposed) ------------------------------------------------------

def transposed_sheet(table) -> Sheet:
    """The seed table with rows and columns swapped, as bureaus that 下达 targets print it: the title stays on
    top, the header becomes the first column (regions and 全市 down it, 责任部门 a row), the note stays below."""
    width = len(table["header"])
    block = [list(table["header"])] + [list(r) for r in copy.deepcopy(table["rows"])]
    cols = [[row[c] if c < len(row) else None for row in block] for c in range(width)]
    height = len(block)
    rows = [[table["title"]] + [None] * (height - 1), *cols, [None] * height, ["注：数值照原文录入。"] + [None] * (height - 1)]
    merges = [(0, 0, 0, height - 1), (len(rows) - 1, 0, len(rows) - 1, height - 1)]
    for m in table["merges"]:  # a merged pending row becomes a merged column: block row m["row"] + 1
        b = m["row"] + 1
        merges.append((1 + m["col"], b, m["col"] + m["colspan"], b + m["rowspan"] - 1))
    return Sheet("分解", rows, merges)


@pytest.mark.parametrize("table", SPLITS + TARGETS, ids=ids(SPLITS + TARGETS))
def test_transposed_seed_reads_like_the_seed(tmp_path, table):
    """Regions (or years) as rows, indicators as columns: the same findings, kinds and verdicts."""
    report = same_as_clean(tmp_path, table, transposed_sheet(table))
    assert report.tables[0].orientation == "down"
    if table in SPLITS:
        assert report.tables[0].parent == "全市" and report.tables[0].regions == table["regions"]
