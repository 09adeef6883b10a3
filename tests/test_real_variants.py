"""The 22 real tables (tests/files/real/) in the layouts other clerks and bureaus give them read as they do clean.

Each variant is built in code from build_real.py's transcription into a temporary directory, once per session,
and checked: the same tables, parent, regions, indicators (name, kind, verdict) and findings (code, indicator,
region, band, figures), each finding's cell mapped through the edit (tests/variant_grid.py follows every cell).
A variant that does not make sense for a table's layout is skipped for that table with the reason in SHAPES or
in the variant; a table a variant cannot be applied to is never silently left out (test_every_table_is_tried).
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass

import pytest
from openpyxl.utils import get_column_letter

from zhibiao import check_file
from zhibiao.errors import ZhibiaoError
from zhibiao.layout.header import header_label

from conftest import ROOT
from test_real_tables import _transcriptions  # build_real.TABLES, loaded once
from variant_grid import VariantGrid

REAL = ROOT / "tests" / "files" / "real"


@dataclass(frozen=True)
class Shape:
    """Where the parts of a transcription are (0-based rows and columns of build_real.py's rows)."""

    title: int | None  # the caption row
    header: tuple[int, int]  # first and last header row
    regions: tuple[int, int]  # first and last row of the regions (or targets), the parent row excluded
    parent: int | None  # the parent row (合计 / 全市 …)
    name: int = 0  # the column naming the regions
    seq: int | None = None  # a 序号 column
    remarks: int | None = None  # a 备注 column
    fixed_rows: str | None = None  # why the rows cannot be reordered or turned into columns


MEMBERS = "其中: member rows follow their county and 小计 rows their members: the order is the table's structure"
BLOCKS = "three 单位|金额 blocks side by side, read one under the other: columns and rows are the blocks' structure"
TARGETS = "a target list (项目 / 目标任务 / 监考单位), no regions"

SHAPES = {
    "yangzhou_2010_zaolin.xlsx": Shape(1, (3, 3), (5, 12), 4),
    "nongji_2017_shensong.xlsx": Shape(0, (1, 1), (3, 30), 2),
    "yanbian_2021_nenghao.xlsx": Shape(None, (0, 0), (1, 8), None, name=1, seq=0),
    "dazhou_2018_touzi.xlsx": Shape(0, (2, 3), (5, 13), 4),
    "jingyang_2016_mubiao.xlsx": Shape(0, (1, 1), (2, 25), None, name=1, fixed_rows=TARGETS),
    "taiyuan_2013_zhaoshang.xlsx": Shape(0, (1, 1), (3, 16), 2),
    "changsha_2004_zhaoshang.xlsx": Shape(1, (2, 3), (5, 9), 4, remarks=6, fixed_rows=MEMBERS),
    "linhe_2023_xiaomai.xlsx": Shape(0, (2, 2), (3, 13), 14, remarks=3),
    "putuo_2025_liangshi.xlsx": Shape(1, (2, 3), (4, 9), None),
    "changjiang_2022_gaobiao.xlsx": Shape(0, (3, 4), (6, 8), 5),
    "zhejiang_2018_canji.xlsx": Shape(1, (3, 3), (5, 26), 4, fixed_rows=BLOCKS),
    "haidong_2018_fupin.xlsx": Shape(0, (1, 1), (3, 8), 2, remarks=2),
    "chongqing_2017_shensong_jindu.xlsx": Shape(1, (3, 3), (4, 30), None, name=1, seq=0, remarks=6),
    "rongan_2023_jinju.xlsx": Shape(1, (2, 2), (4, 15), 3, remarks=2),
    "taicang_2019_nenghao.xlsx": Shape(0, (1, 1), (3, 9), 2),
    "jiaozuo_2018_fupin.xlsx": Shape(0, (1, 1), (2, 9), 11, remarks=4),
    "shangqiu_2019_fupin.xlsx": Shape(1, (2, 2), (3, 11), 12, remarks=2),
    "shangqiu_2020_shuili.xlsx": Shape(1, (2, 2), (3, 5), 6),
    "mancheng_2020_jiegou.xlsx": Shape(1, (2, 3), (4, 12), None, name=1, seq=0, remarks=5),
    "hebei_2009_chengjian.xlsx": Shape(None, (3, 3), (4, 14), None),
    "guangdong_2015_jigai.xlsx": Shape(1, (3, 3), (5, 16), 4),
    "sanming_2022_lishi_jianzhu.xlsx": Shape(None, (0, 0), (1, 6), 7),
}


class NotApplicable(Exception):
    """The variant makes no sense for this table's layout (the message says why)."""


# -- the variants ------------------------------------------------------------------------------------------
# Each edits a fresh grid of one table in place, or raises NotApplicable. Rows and columns are found through
# the grid (g.row(r0), g.col(c0)), so the Shape's original positions hold after earlier edits.

def _last_body_row(g: VariantGrid, s: Shape) -> int:
    return max(g.row(r) for r in (s.regions[1], s.parent) if r is not None)


def _body_rows(s: Shape) -> list[int]:
    rows = list(range(s.regions[0], s.regions[1] + 1))
    return sorted(rows + ([s.parent] if s.parent is not None else []))


def blank_row_under_header(g, s):
    g.insert_row(g.row(s.header[1]) + 1)


def blank_column_after_names(g, s):
    if s.fixed_rows == BLOCKS:
        raise NotApplicable(BLOCKS)
    g.insert_col(g.col(s.name) + 1)


def blank_column_left(g, s):
    g.insert_col(0)


def hidden_spacer_column(g, s):
    """An empty hidden column between the first two figure columns (a clerk's spacer)."""
    if s.fixed_rows == BLOCKS:
        raise NotApplicable(BLOCKS)
    g.insert_col(g.col(s.name) + 2)
    g.hidden.add(g.col(s.name) + 2)


def _merged_title(g, r):
    return next((m for m in g.merges if m[0] == m[2] == r), None)


def title_merged_or_not(g, s):
    """A caption merged across the table unmerged, one in a single cell merged across; a table without one
    gets one, merged."""
    if s.title is None:
        g.insert_row(0, ["任务分解表"])
        g.merges.append((0, 0, 0, g.width - 1))
        return
    r = g.row(s.title)
    m = _merged_title(g, r)
    if m:
        g.merges.remove(m)
    else:
        g.merges.append((r, 0, r, g.width - 1))


def title_far_above(g, s):
    if s.title is None:
        raise NotApplicable("no caption above the table")
    at = g.row(s.title) + 1
    g.insert_row(at)
    g.insert_row(at)


def title_missing(g, s):
    if s.title is None:
        raise NotApplicable("no caption above the table")
    g.delete_row(g.row(s.title))


def maker_and_note_below(g, s):
    """A 注 paragraph and a 制表单位 / 制表日期 line right under the table's last row."""
    at = _last_body_row(g, s) + 1
    g.insert_row(at, ["制表单位:市经信局", None, "制表日期:2023年3月1日"] if g.width > 2 else ["制表单位:市经信局"])
    g.insert_row(at, ["注:本表数据以统计部门核定数为准,增速按可比价计算。"])
    g.merges.append((at, 0, at, g.width - 1))


def maker_line_below(g, s):
    """A 制表单位 / 填报人 / 日期 line alone right under the table's last row, no 注 before it."""
    g.insert_row(_last_body_row(g, s) + 1, ["填报单位:(盖章)", None, "填报日期:2023年3月1日"] if g.width > 2 else ["填报单位:(盖章)"])


def sequence_column(g, s):
    """序号 removed where the table has one, added (1, 2, … for the regions; the parent row unnumbered) where not."""
    if s.seq is not None:
        g.delete_col(g.col(s.seq))
        return
    if s.fixed_rows in (MEMBERS, BLOCKS):
        raise NotApplicable(s.fixed_rows)
    values = {g.row(s.header[0]): "序号"}
    numbered = [r for r in range(s.regions[0], s.regions[1] + 1) if any(v is not None for v in g.values[g.row(r)])]
    values |= {g.row(r): k for k, r in enumerate(numbered, 1)}
    g.insert_col(0, values)
    if s.header[1] > s.header[0]:
        g.merges.append((g.row(s.header[0]), 0, g.row(s.header[1]), 0))


def remarks_column(g, s):
    """A 备注 column at the end, one remark in it."""
    if s.remarks is not None:
        raise NotApplicable("the table has a 备注 column")
    if s.fixed_rows == BLOCKS:
        raise NotApplicable(BLOCKS)
    at = g.width
    g.insert_col(at, {g.row(s.header[0]): "备注", g.row(s.regions[0]): "按季度报送进度"})
    if s.header[1] > s.header[0]:
        g.merges.append((g.row(s.header[0]), at, g.row(s.header[1]), at))


# the band a table printed with a one-row header gets; a two-row header loses its band where the labels
# under it name their columns on their own
NO_BAND_REMOVAL = {
    SHAPES["changsha_2004_zhaoshang.xlsx"]: "本年任务 / 其中:外省 name their column only under the band 市外境内资金",
    SHAPES["putuo_2025_liangshi.xlsx"]: "面積 / 產量 under 糧食, 水稻, 小麥 …: without the bands the columns repeat one name",
    SHAPES["changjiang_2022_gaobiao.xlsx"]: "the bands are the periods 到2025年 / 到2030年: without them the columns repeat",
}


def header_band(g, s):
    """A one-row header split in two: a merged band 分解任务 over the figures, the other labels merged down;
    a two-row header's band removed, its labels moved into one row."""
    if s.fixed_rows in (TARGETS, BLOCKS):
        raise NotApplicable(s.fixed_rows)
    h0, h1 = g.row(s.header[0]), g.row(s.header[1])
    if h0 == h1:
        text = [c for c in range(g.width) if g.values[h0][c] is not None]
        labels = [c for c in text if c not in (g.col(s.name),) + tuple(g.col(x) for x in (s.seq, s.remarks) if x is not None)]
        g.insert_row(h0)
        g.values[h0][labels[0]] = "分解任务"
        g.merges.append((h0, labels[0], h0, labels[-1]))
        for c in text:
            if c not in labels:
                g.values[h0][c], g.values[h0 + 1][c] = g.values[h0 + 1][c], None
                g.merges.append((h0, c, h0 + 1, c))
        return
    if s in NO_BAND_REMOVAL:
        raise NotApplicable(NO_BAND_REMOVAL[s])
    for c in range(g.width):
        if g.values[h1][c] is None:
            g.values[h1][c] = g.values[h0][c]
    g.merges = [m for m in g.merges if not (m[0] == h0 and m[1] <= m[3] and (m[2] == h0 or m[2] == h1))]
    g.delete_row(h0)


def regions_reversed(g, s):
    if s.fixed_rows:
        raise NotApplicable(s.fixed_rows)
    rows = [g.row(r) for r in range(s.regions[0], s.regions[1] + 1)]
    order = list(range(g.height))
    for at, old in zip(rows, reversed(rows)):
        order[at] = old
    g.reorder_rows(order)


def parent_moved(g, s):
    """The parent row first ↔ last."""
    if s.fixed_rows == BLOCKS:
        raise NotApplicable(BLOCKS)
    if s.parent is None:
        raise NotApplicable("no parent row")
    p, first, last = g.row(s.parent), g.row(s.regions[0]), g.row(s.regions[1])
    g.move_row(p, first if p > last else last)


def _body_cells(g, s):
    for r in _body_rows(s):
        for c in range(g.width):
            yield g.row(r), c


def _printed(value, fmt):
    if fmt in ("0.0", "0.00"):
        return f"{value:.{len(fmt) - 2}f}"
    return str(int(value)) if float(value).is_integer() else repr(value)


def _retype(g, s, how):
    changed = 0
    for r, c in _body_cells(g, s):
        v = g.values[r][c]
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            g.values[r][c] = how(_printed(v, g.formats.pop((r, c), None)))
            changed += 1
    if not changed:
        raise NotApplicable("no typed number")


def numbers_as_text(g, s):
    _retype(g, s, str)


FULL = str.maketrans("0123456789.-", "０１２３４５６７８９．－")


def fullwidth_digits(g, s):
    _retype(g, s, lambda t: t.translate(FULL))


def thousands_separators(g, s):
    """Figures typed as text with thousands separators (15,187; 1,116.7)."""
    def grouped(t):
        whole, dot, frac = t.partition(".")
        return f"{int(whole):,}{dot}{frac}" if whole.lstrip("-").isdigit() else t
    _retype(g, s, grouped)


def trailing_space(g, s):
    _retype(g, s, lambda t: t + " ")


def percent_typed(g, s):
    """In a (%) column, figures typed with % (3.4 → '3.4%'), or without where the page typed it ('78.5%' → 78.5)."""
    cols = [c for c in range(g.width) if any("%" in header_label(g.values[r][c]) for r in range(g.row(s.header[0]), g.row(s.header[1]) + 1))]
    if not cols:
        raise NotApplicable("no (%) column")
    for c in cols:
        for r in map(g.row, _body_rows(s)):
            v = g.values[r][c]
            if isinstance(v, (int, float)):
                g.values[r][c] = _printed(v, g.formats.pop((r, c), None)) + "%"
            elif isinstance(v, str) and v.endswith("%"):
                g.values[r][c] = float(v[:-1])


# turned, a band over two header rows becomes a merged category column beside the names; where the labels under
# the band are not names on their own, that is a different table, not the same one in another layout
NOT_TURNED = {
    SHAPES["putuo_2025_liangshi.xlsx"]: "面積 / 產量 under each crop band: turned, rows named 面積 and 產量 four times",
    SHAPES["changjiang_2022_gaobiao.xlsx"]: "period bands 到2025年 / 到2030年 over the same three names: turned, "
                                            "periods as a category column, a layout of its own (not this table's)",
    SHAPES["mancheng_2020_jiegou.xlsx"]: "a 合计 column adding up each row: turned, a 合计 row under the phases, "
                                         "which is what a regions-across table calls its parent column",
}


def transposed(g, s):
    """Regions as columns (the seeds' layout): the header and the body turned; the caption and notes stay rows, a
    序号 column is left out (a row of numbers over the regions is no one's layout)."""
    if s.fixed_rows:
        raise NotApplicable(s.fixed_rows)
    if s in NOT_TURNED:
        raise NotApplicable(NOT_TURNED[s])
    if s.seq is not None:
        g.delete_col(g.col(s.seq))
    g.values[g.row(s.header[0])][g.col(s.name)] = "指标名称"
    first = g.row(s.header[0])
    g.transpose_block(first, _last_body_row(g, s))
    last = first + g.width - 1
    for m in list(g.merges):
        if m[0] == m[2] and m[1] == 0 and not first <= m[0] <= last:
            g.merges.remove(m)  # a caption or note merged across the old width: across the new one
            g.merges.append((m[0], 0, m[0], g.width - 1))


def diagonal_corner(g, s):
    """The corner cell split by a diagonal line (斜线表头): 指标 top right over the indicators, the regions' label
    bottom left over the regions, typed as two lines."""
    if s.fixed_rows in (TARGETS, BLOCKS):
        raise NotApplicable(s.fixed_rows)
    r, c = g.row(s.header[0]), g.col(s.name)
    g.values[r][c] = f"      指标\n{g.values[r][c]}"


def transposed_diagonal_corner(g, s):
    """Regions as columns under a diagonal corner cell (斜线表头): the regions' label top right, 指标 bottom left,
    typed as two lines, the first pushed right with spaces."""
    if s.fixed_rows or s in NOT_TURNED:
        raise NotApplicable(s.fixed_rows or NOT_TURNED[s])
    corner = g.values[g.row(s.header[0])][g.col(s.name)]
    transposed(g, s)
    g.values[g.row(s.header[0])][g.col(s.name)] = f"      {corner}\n指标"


def transposed_parent_moved(g, s):
    """Regions as columns with the parent column at the other end (全市 first in a table printed 合计 last)."""
    parent_moved(g, s)
    transposed(g, s)


VARIANTS = [blank_row_under_header, blank_column_after_names, blank_column_left, hidden_spacer_column,
            title_merged_or_not, title_far_above, title_missing, maker_and_note_below, maker_line_below, sequence_column,
            remarks_column, header_band, regions_reversed, parent_moved, numbers_as_text, thousands_separators, fullwidth_digits,
            trailing_space, percent_typed, diagonal_corner, transposed, transposed_diagonal_corner,
            transposed_parent_moved]
REORDERS = {regions_reversed}

TABLES = {t.file: t for t in _transcriptions()}


def grid_of(t) -> VariantGrid:
    return VariantGrid.of(t.sheet, [list(r) for r in t.rows], t.merges, t.formats)


# -- what a clerk acts on --------------------------------------------------------------------------------

def _cell(sheet, pos):
    return f"{sheet}!{get_column_letter(pos[1] + 1)}{pos[0] + 1}" if pos else None


def summary(report, where=lambda r, c: (r, c), sheet=None, reordered=False) -> dict:
    """Tables, indicators and findings; positions through where, cells renamed to sheet."""
    tables = [(t.kind, t.parent, sorted(t.regions) if reordered else t.regions) for t in report.tables]
    indicators = [(i.name, i.kind, i.verdict) for i in report.indicators]
    findings = []
    for f in report.findings:
        pos = where(*f.position) if f.position else None
        findings.append((f.code, f.indicator, f.region, f.period, f.target, f.allocated, f.gap,
                         _cell(sheet or f.sheet, pos) if f.position else f.cell))
    return {"tables": tables, "indicators": indicators, "findings": sorted(findings, key=repr)}


@pytest.fixture(scope="module")
def variants(tmp_path_factory) -> dict:
    """{variant name: {table file: (expected, seen) or the reason it does not apply}}, each built and checked once."""
    out: dict = {}
    root = tmp_path_factory.mktemp("real_variants")
    base = {}
    for name, t in TABLES.items():
        base[name] = check_file(grid_of(t).save(root / f"clean_{name}"))
    for variant in VARIANTS:
        results = out.setdefault(variant.__name__, {})
        for name, t in TABLES.items():
            g = grid_of(t)
            try:
                variant(g, SHAPES[name])
            except NotApplicable as e:
                results[name] = str(e)
                continue
            path = g.save(root / f"{variant.__name__}_{name}")
            reordered = variant in REORDERS
            expected = summary(base[name], where=g.where, sheet=g.sheet, reordered=reordered)
            try:
                seen = summary(check_file(path), reordered=reordered)
            except ZhibiaoError as e:  # no table found: a difference like any other
                seen = {"error": str(e)}
            results[name] = (expected, seen)
    return out


def test_the_harness_writes_the_corpus_as_it_is(tmp_path):
    """The clean grid reads exactly like the committed workbook, findings and cells included."""
    for name, t in TABLES.items():
        assert summary(check_file(grid_of(t).save(tmp_path / name))) == summary(check_file(REAL / name)), name


def test_every_table_is_tried(variants):
    """Every corpus table has its shape, and most variants apply to it (a target list and side-by-side blocks the
    fewest: their rows are their structure)."""
    assert sorted(SHAPES) == sorted(TABLES) == sorted(p.name for p in REAL.glob("*.xlsx"))
    tried = {name: sum(not isinstance(variants[v.__name__][name], str) for v in VARIANTS) for name in TABLES}
    assert min(tried.values()) >= 10, tried
    assert sum(tried.values()) >= 0.8 * len(TABLES) * len(VARIANTS), tried


@pytest.mark.parametrize("variant", [v.__name__ for v in VARIANTS])
def test_variant_reads_like_the_clean_table(variants, variant):
    results = variants[variant]
    tried = {name: r for name, r in results.items() if not isinstance(r, str)}
    assert tried, f"{variant} applies to no table"
    wrong = {name: (exp, seen) for name, (exp, seen) in tried.items() if exp != seen}
    assert not wrong, "\n".join(_diff(name, exp, seen) for name, (exp, seen) in wrong.items())


def _diff(name, exp, seen) -> str:
    lines = [f"== {name}"]
    for key in exp.keys() | seen.keys():
        if exp.get(key) != seen.get(key):
            lines.append(f"  {key}: expected {exp.get(key)}")
            lines.append(f"  {' ' * len(key)}  seen     {seen.get(key)}")
    return "\n".join(lines)


def test_saved_as_csv_by_excel_in_gbk_reads_like_the_workbook(tmp_path):
    """Excel in Chinese saves "CSV (逗号分隔)" in the ANSI code page, GBK: every cell as shown, a merged cell's text in
    its first cell. No LibreOffice needed."""
    import csv
    import io

    wrong = {}
    for name, t in TABLES.items():
        if name in NOT_IN_CSV:
            continue
        out = io.StringIO()
        csv.writer(out).writerows([["" if v is None else v if isinstance(v, str) else _printed(v, t.formats.get((r, c)))
                                    for c, v in enumerate(row)] for r, row in enumerate(t.rows)])
        path = tmp_path / name.replace(".xlsx", ".csv")
        path.write_bytes(out.getvalue().encode("gbk"))  # the csv module ends rows with \r\n, as Excel does
        report = check_file(path)
        exp, seen = summary(check_file(REAL / name), sheet=report.tables[0].sheet), summary(report)
        if exp != seen:
            wrong[name] = (exp, seen)
    assert not wrong, "\n".join(_diff(name, exp, seen) for name, (exp, seen) in wrong.items())


# -- the same tables saved by LibreOffice --------------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
FORMATS = {"xls": "xls", "ods": "ods", "csv": "csv:Text - txt - csv (StarCalc):44,34,76"}  # CSV in UTF-8
# a CSV keeps a merged cell's text once, in its first cell: a 目标任务 printed once for two rows is a blank
NOT_IN_CSV = {"jingyang_2016_mubiao.xlsx": "目标任务 merged down two rows: a CSV cannot tell it from a blank"}


@pytest.fixture(scope="module")
def saved_by_libreoffice(tmp_path_factory) -> dict:
    """{format: {table file: (expected, seen)}}: each corpus workbook converted by LibreOffice (one call per format)."""
    if SOFFICE is None:
        pytest.skip("LibreOffice 未安装（apt-get install libreoffice-calc-nogui）：跳过 .xls/.ods/.csv 转换")
    root = tmp_path_factory.mktemp("real_saved")
    profile = f"-env:UserInstallation={(root / 'profile').as_uri()}"
    for filt in FORMATS.values():  # about 7 s a call on a loaded 2-core machine, most of it LibreOffice starting
        subprocess.run([SOFFICE, profile, "--headless", "--norestore", "--convert-to", filt, "--outdir", str(root),
                        *(str(REAL / name) for name in TABLES)], check=True, capture_output=True, timeout=300)
    out: dict = {}
    for ext in FORMATS:
        results = out[ext] = {}
        for name in TABLES:
            if ext == "csv" and name in NOT_IN_CSV:
                results[name] = NOT_IN_CSV[name]
                continue
            report = check_file(root / name.replace(".xlsx", f".{ext}"))
            sheet = report.tables[0].sheet if report.tables else None
            results[name] = (summary(check_file(REAL / name), sheet=sheet), summary(report))
    return out


@pytest.mark.parametrize("ext", list(FORMATS))
def test_saved_as_xls_ods_csv_reads_like_the_workbook(saved_by_libreoffice, ext):
    results = saved_by_libreoffice[ext]
    wrong = {name: r for name, r in results.items() if not isinstance(r, str) and r[0] != r[1]}
    assert not wrong, "\n".join(_diff(name, exp, seen) for name, (exp, seen) in wrong.items())


@pytest.mark.parametrize("typed,read", [
    ("      县(市、区)\n指标", "指标"),  # 斜线表头 over indicator rows: the corner heads the names
    ("      指标\n地区", "地区"),  # over region rows: the corner heads the regions
    ("单位\n名称", "单位名称"),  # one label broken over two lines, not a diagonal
    ("地区\n名称", "地区名称"),
    ("指标\n名称", "指标名称"),
    ("每万人口高价值发明专利\n拥有量(件)", "每万人口高价值发明专利拥有量(件)"),
])
def test_diagonal_corner_cell_is_read_by_the_part_naming_its_column(typed, read):
    from zhibiao.layout.roles import label

    assert label(typed) == read
