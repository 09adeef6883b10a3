"""Build messy variants of the 湖州 2023 district split as test fixtures in tests/files/."""

# huzhou_weighted_basis.xlsx, sheet 基数 (illustrative values, not statistics):
#   region      land(亩)  上年增加值(亿元)  常住人口(万人)  营业收入(亿元)
#   吴兴         55000        300            60.2          1350
#   南浔         30000        150            53.5           600
#   德清         55000        330            55.3          1500
#   长兴         80000        250            67.8           900
#   安吉         45000        260            59.6          1170
#   南太湖新区   35000        250            44.5          1130
#   total       300000       1540           340.9          6650
# 规上工业亩均税收 in that file is 35, 44, 33, 27, 40, 46 (min 27, max 46, plain mean 37.5),
# land-weighted implied value = 10630 / 300000 * 1000 = 35.4333… < target 37 (shortfall ≈ 1.57).
# The other weighted indicators of that file meet their 全市 target with this basis:
#   规上工业亩均增加值 (land)                 199.7    ≥ 197
#   规上工业增加值增长 (上年增加值)              7.9318   ≥ 7
#   高新技术产业增加值占比 (上年增加值)          70.1214  ≥ 66
#   每万人口高价值发明专利拥有量 (常住人口)      19.2762  ≥ 19
#   研发费用相当于营业收入的比重 (营业收入)      2.6098   ≥ 2.6

import copy
import re
import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "xlsx_templates"))
import seed_data as sd  # noqa: E402
from build_examples import save_deterministic  # noqa: E402

HZ = sd.HUZHOU_SPLIT_2023
REGIONS = HZ["regions"]
N_REG = len(REGIONS)
PENDING = {m["row"] for m in HZ["merges"]}  # rows whose seven value cells are one merged text

THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")

BASIS = [  # 地区, 规上工业用地面积(亩), 上年规上工业增加值(亿元), 常住人口(万人), 营业收入(亿元)
    ["吴兴", 55000, 300, 60.2, 1350],
    ["南浔", 30000, 150, 53.5, 600],
    ["德清", 55000, 330, 55.3, 1500],
    ["长兴", 80000, 250, 67.8, 900],
    ["安吉", 45000, 260, 59.6, 1170],
    ["南太湖新区", 35000, 250, 44.5, 1130],
]


def seed_rows():
    """A deep copy of the seed rows: name, six regions, 全市, 责任部门."""
    return copy.deepcopy(HZ["rows"])


def row_index(rows, prefix):
    """Index of the row whose indicator name starts with prefix."""
    return next(i for i, r in enumerate(rows) if r[0].startswith(prefix))


def set_regions(rows, prefix, values):
    """Replace the six regional values of one indicator."""
    i = row_index(rows, prefix)
    rows[i][1:1 + N_REG] = list(values)


def split_unit(name):
    """Split "规上工业亩均税收(万元/亩)" into ("规上工业亩均税收", "万元/亩")."""
    m = re.fullmatch(r"(.*)\(([^()]*)\)", name, flags=re.S)
    return (m.group(1), m.group(2)) if m else (name, None)


def style_block(ws, top, left, bottom, right):
    """Thin borders and wrapping over a rectangular range."""
    for row in ws.iter_rows(min_row=top, max_row=bottom, min_col=left, max_col=right):
        for cell in row:
            cell.border = BORDER
            cell.alignment = WRAP


def widths(ws, values):
    """Set column widths A, B, … from a list."""
    for j, w in enumerate(values):
        ws.column_dimensions[get_column_letter(j + 1)].width = w


def write_plain(ws, rows, first_header="指标名称", top=1):
    """Header at row `top` (指标名称, regions, 全市, 责任部门), data below, pending rows merged B:H."""
    header = [first_header] + REGIONS + ["全市", "责任部门"]
    for j, v in enumerate(header, start=1):
        ws.cell(row=top, column=j, value=v).font = Font(bold=True)
    for i, r in enumerate(rows):
        for j, v in enumerate(r, start=1):
            ws.cell(row=top + 1 + i, column=j, value=v)
        if i in PENDING:
            ws.merge_cells(start_row=top + 1 + i, start_column=2, end_row=top + 1 + i, end_column=2 + N_REG)
    style_block(ws, top, 1, top + len(rows), len(header))
    widths(ws, [36] + [10] * N_REG + [10, 12])
    return top + len(rows)


def save(wb, name):
    """Save a workbook deterministically into tests/files/."""
    save_deterministic(wb.save, HERE / name)
    return name


def plain_workbook(rows, sheet="任务分解"):
    """A workbook with one plain-layout split sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    write_plain(ws, rows)
    return wb


def build_plain():
    """Header in row 1 with 指标名称 in A1; no title, no notes."""
    return save(plain_workbook(seed_rows()), "huzhou_plain.xlsx")


def build_title_notes():
    """Two title rows, header (A3 empty as in the seed), data, then two 注： rows."""
    wb = Workbook()
    ws = wb.active
    ws.title = "附件1"
    ncol = 1 + N_REG + 2
    ws.cell(row=1, column=1, value=HZ["title"]).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
    ws.cell(row=1, column=1).alignment = Alignment(horizontal="center")
    ws.cell(row=2, column=1, value="单位：见指标名称")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ncol)
    ws.cell(row=2, column=1).alignment = Alignment(horizontal="right")
    last = write_plain(ws, seed_rows(), first_header=None, top=3)
    notes = [
        "注：1.南太湖新区的单位GDP能耗下降率计入吴兴区（吴兴列“4.5(含南太湖新区)”，南太湖新区列“/”）。",
        "注：2.“浙江制造”标准、“品字标浙江制造”认证企业待省下达任务指标后再分解。",
    ]
    for k, text in enumerate(notes):
        r = last + 1 + k
        ws.cell(row=r, column=1, value=text)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncol)
    return save(wb, "huzhou_title_notes.xlsx")


def build_two_row_header():
    """序号 column; a two-row header with a merged 各区县 band and 南太湖\\n新区."""
    wb = Workbook()
    ws = wb.active
    ws.title = "任务分解"
    regions = [("南太湖\n新区" if r == "南太湖新区" else r) for r in REGIONS]
    first_reg, last_reg = 3, 2 + N_REG
    city, dept = last_reg + 1, last_reg + 2
    ws.cell(row=1, column=1, value="序号")
    ws.cell(row=1, column=2, value="指标名称")
    ws.cell(row=1, column=first_reg, value="各区县")
    ws.cell(row=1, column=city, value="全市")
    ws.cell(row=1, column=dept, value="责任部门")
    for j, name in enumerate(regions):
        ws.cell(row=2, column=first_reg + j, value=name)
    for col in (1, 2, city, dept):
        ws.merge_cells(start_row=1, start_column=col, end_row=2, end_column=col)
    ws.merge_cells(start_row=1, start_column=first_reg, end_row=1, end_column=last_reg)
    for i, r in enumerate(seed_rows()):
        row = 3 + i
        ws.cell(row=row, column=1, value=i + 1)
        for j, v in enumerate(r, start=2):
            ws.cell(row=row, column=j, value=v)
        if i in PENDING:
            ws.merge_cells(start_row=row, start_column=first_reg, end_row=row, end_column=city)
    style_block(ws, 1, 1, 2 + len(HZ["rows"]), dept)
    for cell in list(ws[1]) + list(ws[2]):
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    widths(ws, [6, 36] + [9] * N_REG + [9, 12])
    return save(wb, "huzhou_two_row_header.xlsx")


def build_heji_unit():
    """Separate 单位 column, 合计 before the regions, 责任单位, a blank spacer column between 德清 and 长兴."""
    wb = Workbook()
    ws = wb.active
    ws.title = "任务分解"
    spacer_after = REGIONS.index("德清")  # spacer goes right after this region
    regions = REGIONS[:spacer_after + 1] + [None] + REGIONS[spacer_after + 1:]
    header = ["指标名称", "单位", "合计"] + regions + ["责任单位"]
    spacer_col = 1 + header.index(None, 3)
    for j, v in enumerate(header, start=1):
        ws.cell(row=1, column=j, value=v).font = Font(bold=True)
    for i, r in enumerate(seed_rows()):
        name, unit = split_unit(r[0])
        vals = r[1:1 + N_REG]
        vals = vals[:spacer_after + 1] + [None] + vals[spacer_after + 1:]
        out = [name, unit, r[1 + N_REG]] + vals + [r[-1]]
        if i in PENDING:  # the pending text sits in 合计 and the merge spans 合计 … 南太湖新区
            out = [name, unit, r[1]] + [None] * (len(regions)) + [r[-1]]
        for j, v in enumerate(out, start=1):
            ws.cell(row=2 + i, column=j, value=v)
        if i in PENDING:
            ws.merge_cells(start_row=2 + i, start_column=3, end_row=2 + i, end_column=3 + len(regions))
    style_block(ws, 1, 1, 1 + len(HZ["rows"]), len(header))
    widths(ws, [32, 10, 9] + [9] * len(regions) + [12])
    ws.column_dimensions[get_column_letter(spacer_col)].width = 2
    return save(wb, "huzhou_heji_unit.xlsx")


FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def as_text(value, k):
    """Render a number as text, with a trailing space on every third cell."""
    text = value if isinstance(value, str) else f"{value:g}"
    return text + (" " if k % 3 == 0 else "")


def build_text_values():
    """Every number stored as text: full-width digits, 1,200 separators, 0.15万, trailing spaces."""
    rows = seed_rows()
    k = 0
    for i, r in enumerate(rows):
        for j in range(1, 2 + N_REG):
            if isinstance(r[j], (int, float)):
                r[j] = as_text(r[j], k)
                k += 1
    qiye = row_index(rows, "高耗低效整治企业数")  # 150 250 250 250 250 50 | 1200, all full-width
    rows[qiye][1:2 + N_REG] = ["１５０", "２５０", "２５０ ", "２５０", "２５０", "５０", "１２００"]
    yongdi = row_index(rows, "高耗低效整治腾出用地面积")  # 1500 2000 … 500 | 10000
    rows[yongdi][1:2 + N_REG] = ["0.15万", "2,000", "2,000 ", "2,000", "2,000", "500", "10,000"]
    zengjia = row_index(rows, "规上工业亩均增加值")  # mixed full-width and ASCII
    rows[zengjia][1:2 + N_REG] = ["２３５", "146", "２０５ ", "187", "181 ", "235", "１９７"]
    wb = Workbook()
    ws = wb.active
    ws.title = "任务分解"
    write_plain(ws, rows)
    for row in ws.iter_rows(min_row=2, min_col=2, max_col=2 + N_REG):
        for cell in row:
            if isinstance(cell.value, str):
                cell.number_format = "@"
    return save(wb, "huzhou_text_values.xlsx")


def build_short():
    """Plain layout; 高耗低效整治企业数 for 吴兴 is 100, so the regions total 1150 < 1200."""
    rows = seed_rows()
    rows[row_index(rows, "高耗低效整治企业数")][1] = 100
    return save(plain_workbook(rows), "huzhou_short.xlsx")


def build_weighted_basis():
    """Plain 分解 sheet with altered 亩均税收 plus a 基数 sheet of illustrative weights."""
    rows = seed_rows()
    set_regions(rows, "规上工业亩均税收", [35, 44, 33, 27, 40, 46])
    wb = plain_workbook(rows, sheet="分解")
    ws = wb.create_sheet("基数")
    header = ["地区", "规上工业用地面积(亩)", "上年规上工业增加值(亿元)", "常住人口(万人)", "营业收入(亿元)"]
    for j, v in enumerate(header, start=1):
        ws.cell(row=1, column=j, value=v).font = Font(bold=True)
    for i, r in enumerate(BASIS):
        for j, v in enumerate(r, start=1):
            ws.cell(row=2 + i, column=j, value=v)
    style_block(ws, 1, 1, 1 + len(BASIS), len(header))
    note_row = 3 + len(BASIS)
    ws.cell(row=note_row, column=1, value="注：以上基数为示意数据（虚构），仅用于测试加权校验，并非统计数据。")
    ws.merge_cells(start_row=note_row, start_column=1, end_row=note_row, end_column=len(header))
    widths(ws, [12, 22, 26, 16, 16])
    return save(wb, "huzhou_weighted_basis.xlsx")


def build_infeasible():
    """Plain layout; every region's 亩均税收 below 37, so the 全市 target lies outside min–max."""
    rows = seed_rows()
    set_regions(rows, "规上工业亩均税收", [30, 33, 35, 36, 34, 31])
    return save(plain_workbook(rows), "huzhou_infeasible.xlsx")


def cell_paragraphs(cell, value, bold=False):
    """Put a value into a Word cell, one paragraph per printed line."""
    lines = [] if value is None else (value if isinstance(value, str) else f"{value:g}").split("\n")
    for k, line in enumerate(lines):
        para = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.add_run(line).bold = bold


def build_docx():
    """The split as a Word table with a two-row header (各区县 band over the region names)."""
    doc = Document()
    doc.add_paragraph("附件1")
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(HZ["title"]).bold = True
    ncol = 1 + N_REG + 2
    rows = seed_rows()
    t = doc.add_table(rows=2 + len(rows), cols=ncol)
    t.style = "Table Grid"
    name_cell = t.cell(0, 0).merge(t.cell(1, 0))
    cell_paragraphs(name_cell, "指标名称", bold=True)
    band = t.cell(0, 1).merge(t.cell(0, N_REG))
    cell_paragraphs(band, "各区县", bold=True)
    cell_paragraphs(t.cell(0, N_REG + 1).merge(t.cell(1, N_REG + 1)), "全市", bold=True)
    cell_paragraphs(t.cell(0, N_REG + 2).merge(t.cell(1, N_REG + 2)), "责任部门", bold=True)
    for j, region in enumerate(REGIONS):
        cell_paragraphs(t.cell(1, 1 + j), region, bold=True)
    for i, r in enumerate(rows):
        if i in PENDING:
            cell_paragraphs(t.cell(2 + i, 0), r[0])
            cell_paragraphs(t.cell(2 + i, 1).merge(t.cell(2 + i, N_REG + 1)), r[1])
            cell_paragraphs(t.cell(2 + i, ncol - 1), r[-1])
            continue
        for j, v in enumerate(r):
            cell_paragraphs(t.cell(2 + i, j), v)
    doc.add_paragraph("注：南太湖新区的单位GDP能耗下降率计入吴兴区。")
    core = doc.core_properties
    core.title = HZ["title"]
    core.author = "zhibiao tests"
    core.last_modified_by = "zhibiao tests"
    core.revision = 1
    save_deterministic(doc.save, HERE / "huzhou.docx")
    return "huzhou.docx"


LETTER = [
    "关于报送2023年先进制造业集群培育工程进展情况的函",
    "",
    "各区县经信局：",
    "根据市先进制造业集群培育工程工作专班要求，请各地于每月5日前报送上月主要指标完成情况，"
    "季度结束后10日内报送季度工作总结，重点说明腾笼换鸟、招大做强等行动的推进情况和存在的困难问题。",
    "报送材料请同时附电子版，并注明联系人和联系电话。逾期未报的，将在季度亮晒中予以通报。",
    "特此函告。",
    "",
    "湖州市经济和信息化局",
    "2023年5月4日",
    "（联系人：王某某，电话：0572-0000000）",
]


def build_not_a_table():
    """A workbook holding a letter in column A and nothing tabular."""
    wb = Workbook()
    ws = wb.active
    ws.title = "函"
    for i, line in enumerate(LETTER, start=1):
        if line:
            ws.cell(row=i, column=1, value=line).alignment = Alignment(wrap_text=True)
    ws.column_dimensions["A"].width = 90
    return save(wb, "not_a_table.xlsx")


def build_broken():
    """A plain-text file with an .xlsx extension."""
    (HERE / "broken.xlsx").write_text("this is not a workbook\n", encoding="utf-8")
    return "broken.xlsx"


def main():
    """Build every fixture into tests/files/."""
    for build in (build_plain, build_title_notes, build_two_row_header, build_heji_unit,
                  build_text_values, build_short, build_weighted_basis, build_infeasible,
                  build_docx, build_not_a_table, build_broken):
        print(Path(HERE / build()).relative_to(ROOT))


if __name__ == "__main__":
    main()
