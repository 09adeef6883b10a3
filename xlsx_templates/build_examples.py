"""Build the bundled example workbooks (and one Word table) from the seed tables in seed_data.py."""

import io
import math
import re
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import seed_data as sd  # noqa: E402

OUT = HERE / "examples"
STAMP = "2024-01-01T00:00:00Z"  # fixed document timestamp so rebuilt files are byte-identical
ZIP_TIME = (2024, 1, 1, 0, 0, 0)

FONT = "宋体"
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)


def text_width(value):
    """Display width of the longest line of a cell value (CJK characters count 2)."""
    if value is None:
        return 0
    lines = str(value).split("\n")
    return max(sum(2 if ord(ch) > 0x2E7F else 1 for ch in line) for line in lines)


def line_count(value, width):
    """Estimated number of rendered lines of a wrapped cell in a column of the given width."""
    if value is None:
        return 1
    return sum(max(1, math.ceil(text_width(line) / max(width - 1, 1))) for line in str(value).split("\n"))


def save_deterministic(save, path):
    """Save via save(buffer) and rewrite the zip with fixed timestamps, so reruns give identical bytes."""
    buf = io.BytesIO()
    save(buf)
    buf.seek(0)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)", rf"\g<1>{STAMP}\g<2>", text)
                data = text.encode("utf-8")
            info = zipfile.ZipInfo(item.filename, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, data)


def annex_ref(table):
    """The annex a table sits in, e.g. 附件1《…工作要点》附1“主要指标各区县任务分解表”."""
    src = table["source"]
    ref = f"{src['annex']}“{src['annex_title']}”"
    if src.get("parent_annex"):
        ref = f"{src['parent_annex']}《{src['parent_annex_title']}》{ref}"
    return ref


def source_note(table):
    """The 注： line citing the document and annex a table comes from."""
    src = table["source"]
    if src["doc_number"] not in (None, "-"):
        doc = f"{src['issuer']}《{src['doc_title']}》（{src['doc_number']}）"
    else:
        doc = f"《{src['doc_title']}》（{src['issuer']}{src['date_published']}发布）"
    return f"注：数据来源于{doc}{annex_ref(table)}，数值照原文录入。"


def provenance(table):
    """A one-paragraph provenance description for workbook properties."""
    src = table["source"]
    first, last = src["seed_lines"]
    return (
        f"{table['title']}。来源：{src['issuer']}《{src['doc_title']}》，文号：{src['doc_number']}，"
        f"{annex_ref(table)}，发布日期：{src['date_published']}。"
        f"种子文件 {src['seed_file']} 第{first}–{last}行；数值照原文录入。"
    )


def write_table(ws, table, title, min_widths=None):
    """Write title row, header, data, merges and the 注 row of one seed table onto a worksheet."""
    header, rows = table["header"], table["rows"]
    ncol = len(header)
    last = get_column_letter(ncol)

    ws.cell(row=1, column=1, value=title)
    ws.merge_cells(f"A1:{last}1")
    ws["A1"].font = Font(name=FONT, size=14, bold=True)
    ws["A1"].alignment = WRAP_CENTER
    ws.row_dimensions[1].height = 30

    for j, value in enumerate(header, start=1):
        cell = ws.cell(row=2, column=j, value=value)
        cell.font = Font(name=FONT, size=11, bold=True)
        cell.alignment = WRAP_CENTER
        cell.border = BORDER

    first = 3
    for i, row in enumerate(rows):
        for j, value in enumerate(row, start=1):
            cell = ws.cell(row=first + i, column=j, value=value)
            cell.font = Font(name=FONT, size=11)
            cell.border = BORDER
            is_name = header[j - 1] in (None, "指标名称", "二级指标")
            cell.alignment = WRAP_LEFT if is_name else WRAP_CENTER

    for m in table["merges"]:
        r0, c0 = first + m["row"], 1 + m["col"]
        r1, c1 = r0 + m["rowspan"] - 1, c0 + m["colspan"] - 1
        ws.merge_cells(start_row=r0, start_column=c0, end_row=r1, end_column=c1)

    # column widths from content, row heights from wrapped line counts
    wide = {(m["row"], m["col"]) for m in table["merges"] if m["colspan"] > 1}
    widths = []
    for j in range(ncol):
        content = [header[j]] + [r[j] for i, r in enumerate(rows) if (i, j) not in wide]
        w = max(text_width(v) for v in content) + 2
        if min_widths and j in min_widths:
            w = max(w, min_widths[j])
        widths.append(min(max(w, 6), 40))
        ws.column_dimensions[get_column_letter(j + 1)].width = widths[-1]
    merged_wide = {(first + i, 1 + j) for i, j in wide}
    for i, row in enumerate([header] + rows):
        r = 2 + i
        n = max(1 if (r, j + 1) in merged_wide else line_count(v, widths[j]) for j, v in enumerate(row))
        ws.row_dimensions[r].height = max(20, 16 * n)

    note_row = first + len(rows) + 1
    ws.cell(row=note_row, column=1, value=source_note(table))
    ws.merge_cells(start_row=note_row, start_column=1, end_row=note_row, end_column=ncol)
    ws.cell(row=note_row, column=1).font = Font(name=FONT, size=10)
    ws.cell(row=note_row, column=1).alignment = WRAP_LEFT
    total = sum(widths)
    ws.row_dimensions[note_row].height = 16 * max(1, math.ceil(text_width(source_note(table)) / max(total - 2, 1))) + 4

    ws.freeze_panes = ws.cell(row=first, column=1)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "2:2"


def build_xlsx(table, filename, sheet, title=None):
    """Write one seed table into its own single-sheet workbook under examples/."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    write_table(ws, table, title or table["title"])
    props = wb.properties
    props.title = title or table["title"]
    props.subject = table["source"]["doc_title"]
    props.description = provenance(table)
    props.keywords = f"指标分解; {table['source']['doc_number']}; {table['source']['seed_file']}"
    props.creator = "zhibiao"
    props.lastModifiedBy = "zhibiao"
    save_deterministic(wb.save, OUT / filename)
    return OUT / filename


def east_asian_font(run):
    """Set the run's Latin and East Asian font to the table font."""
    run.font.name = FONT
    run._element.rPr.rFonts.set(qn("w:eastAsia"), FONT)


def set_cell_text(cell, value, bold=False, align=WD_ALIGN_PARAGRAPH.CENTER):
    """Put a value into a Word table cell; "\\n" becomes a line break inside the paragraph."""
    para = cell.paragraphs[0]
    para.alignment = align
    if value is None:
        return
    for k, line in enumerate(str(value).split("\n")):
        run = para.add_run(line)
        run.bold = bold
        run.font.size = Pt(10.5)
        east_asian_font(run)
        if k < len(str(value).split("\n")) - 1:
            run.add_break()


def build_docx(table, filename):
    """Write the 湖州 district split as a Word table like the annex of the policy paper."""
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = sec.page_height, sec.page_width

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(table["title"])
    run.bold = True
    run.font.size = Pt(16)
    east_asian_font(run)

    header, rows = table["header"], table["rows"]
    t = doc.add_table(rows=1 + len(rows), cols=len(header))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for j, value in enumerate(header):
        set_cell_text(t.cell(0, j), value, bold=True)
    spans = {(m["row"], m["col"]): m for m in table["merges"]}
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if (i, j) in spans:
                m = spans[(i, j)]
                merged = t.cell(1 + i, j).merge(t.cell(1 + i + m["rowspan"] - 1, j + m["colspan"] - 1))
                set_cell_text(merged, value)
            elif value is not None:
                align = WD_ALIGN_PARAGRAPH.LEFT if j == 0 else WD_ALIGN_PARAGRAPH.CENTER
                set_cell_text(t.cell(1 + i, j), value, align=align)

    note = doc.add_paragraph()
    note_run = note.add_run(source_note(table))
    note_run.font.size = Pt(9)
    east_asian_font(note_run)

    core = doc.core_properties
    core.title = table["title"]
    core.subject = table["source"]["doc_title"]
    core.comments = provenance(table)
    core.keywords = f"指标分解; {table['source']['doc_number']}"
    core.author = "zhibiao"
    core.last_modified_by = "zhibiao"
    core.revision = 1
    save_deterministic(doc.save, OUT / filename)
    return OUT / filename


def main():
    """Build every example file into xlsx_templates/examples/."""
    OUT.mkdir(exist_ok=True)
    written = [
        build_xlsx(sd.HUZHOU_SPLIT_2023, "湖州2023区县分解.xlsx", "任务分解"),
        build_xlsx(sd.PINGHU_SPLIT_2023, "平湖2023镇街道分解.xlsx", "目标任务分解"),
        build_xlsx(sd.HUZHOU_TARGETS_2023, "湖州2023目标体系.xlsx", "目标体系"),
        build_xlsx(sd.TONGLU_TARGETS_2024, "桐庐2024目标体系.xlsx", "目标体系"),
        build_xlsx(sd.PINGHU_TARGETS_2023_2027, "平湖2023-2027主要目标体系.xlsx", "主要目标体系"),
        build_docx(sd.HUZHOU_SPLIT_2023, "湖州2023区县分解.docx"),
    ]
    for path in written:
        print(path.relative_to(HERE.parent))


if __name__ == "__main__":
    main()
