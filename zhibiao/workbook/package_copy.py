"""A first write-back that copies the clerk's package part by part instead of loading it into openpyxl.

openpyxl's path (write_openpyxl.write) builds every cell of every sheet as an object, changes a few and
writes them all again: at 1,000 indicators × 100 regions that is two thirds of a second to load and as
much to save, for sheets the write-back leaves alone. When a plan only colours cells and adds sheets
(`zhibiao progress --write`), and the workbook holds no earlier write to undo, this path
- copies every part of the package as it is (formulas keep their cached results, VBA its project,
  and whatever openpyxl would not keep stays), except
- the marked sheets, whose marked cells get a new style id each (the cell's own style with the light's
  fill) and a <legacyDrawing> for the comments, written from templates (stream_save);
- xl/styles.xml, written by openpyxl from the clerk's stylesheet with the new styles added in the order
  openpyxl's path adds them, so the ids are the same;
- the new sheets (results and `_zhibiao`), built and written exactly as on openpyxl's path (a workbook
  holding only them and the clerk's styles);
- workbook.xml, its rels and the content types, which get the new sheets, their defined names and the
  active tab, and the selected tab of each clerk's sheet is cleared.
Anything else goes the openpyxl way: an earlier write (`_zhibiao`), 校验 columns, a mark that writes a
value, a comment or legacy drawing already on a marked sheet, or a package written unusually.
"""

from __future__ import annotations

import datetime
import re
import zipfile
from pathlib import Path

from ..formats.xlsx_parts import sheet_parts, xml_unescape
from ..grid import a1
from . import new_sheets
from .plan import WritePlan
from .records import AUTHOR, comment_height, mark_row
from .sheet_patch import NotCopied, insert_before, patch_cells
from .notes_xml import Notes, _write_pieces as _pieces, comments_xml, shapes_vml
from .styles_patch import Stylesheet, level_fill

COMPRESS_LEVEL = 3
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WORKSHEET_TYPE = f"{_REL_NS}/worksheet"
_SHEET_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_COMMENTS_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
_VML_MIME = "application/vnd.openxmlformats-officedocument.vmlDrawing"
_TAB_SELECTED = re.compile(rb'(<sheetView\b[^>]*?)\s+tabSelected="(?:1|true)"')
# what may follow <legacyDrawing> in a worksheet (schema order); it goes before the first of them
_AFTER_LEGACY = ("<legacyDrawingHF", "<drawingHF", "<picture", "<oleObjects", "<controls", "<webPublishItems",
                 "<tableParts", "<extLst", "</worksheet>")
_AFTER_NAMES = ("<calcPr", "<oleSize", "<customWorkbookViews", "<pivotCaches", "<smartTagPr", "<smartTagTypes",
                "<webPublishing", "<fileRecoveryPr", "<webPublishObjects", "<extLst", "</workbook>")


def _attr(tag: str, name: str) -> str | None:
    m = re.search(rf'\s{name}="([^"]*)"', tag)
    return m.group(1) if m else None


def _sheets(book: str) -> list[tuple[str, str]]:
    """(name, the <sheet> tag) in workbook order."""
    block = re.search(r"<sheets>(.*?)</sheets>", book, re.S)
    if block is None or not re.search(r"<workbook\b", book):
        raise NotCopied("workbook.xml")
    return [(xml_unescape(_attr(tag, "name") or ""), tag) for tag in re.findall(r"<sheet\b[^>]*>", block.group(1))]


class PackageCopy:
    """What save_atomic saves on this path: prepare() has checked the package; save() writes the copy."""

    def __init__(self, src: Path, plan: WritePlan, archive: zipfile.ZipFile, book: str, sheets: list[tuple[str, str]],
                 parts: dict[str, str], marked: dict[str, bytes]):
        self.src, self.plan, self.zf, self.book, self.sheets, self.parts = src, plan, archive, book, sheets, parts
        self.marked = marked  # each marked sheet's part, as prepare() read it to examine it

    def save(self, path) -> None:
        try:
            self._save(path)
        except (ValueError, KeyError, IndexError, zipfile.BadZipFile) as exc:  # malformed XML, a missing part
            raise NotCopied(str(exc)) from exc
        finally:  # closed before the copy is renamed over the source (--in-place): Windows refuses an open file
            self.zf.close()

    def _save(self, path) -> None:
        zf, plan = self.zf, self.plan
        styles = Stylesheet(zf.read("xl/styles.xml").decode("utf-8"))
        fills: dict[str, int] = {}
        for mark in plan.marks:  # the lights' fills
            if mark.level not in fills:
                fills[mark.level] = styles.add("fills", level_fill(mark.level))
        new = [new_sheets.results(spec, styles) for spec in plan.sheets]
        patched, notes_parts = {}, {}
        originals: dict[tuple[str, int, int], int | None] = {}  # (sheet, row, col) -> the cell's style id before
        by_sheet: dict[str, dict[tuple[int, int], object]] = {}
        for m in plan.marks:
            by_sheet.setdefault(m.sheet, {})[(m.row + 1, m.col + 1)] = m
        for name, _ in self.sheets:
            marks = by_sheet.get(name)
            if not marks:
                continue

            def restyle(old: int | None, mark, name=name) -> int:
                originals[(name, mark.row, mark.col)] = old
                return styles.restyled(old, fills[mark.level])  # a new cell (None) starts from no style

            part = self.parts[name]
            xml = patch_cells(self.marked[part].decode("utf-8"), marks, restyle)
            notes = Notes((r, c, a1(r - 1, c - 1), m.comment, AUTHOR, comment_height(m.comment), 320)
                          for (r, c), m in sorted(marks.items()) if m.comment)
            if notes:
                xml = insert_before(xml, _AFTER_LEGACY, f'<legacyDrawing xmlns:r="{_REL_NS}" r:id="anysvml"/>',
                                     xml.find("</sheetData>"))
                notes_parts[part] = notes
            patched[part] = xml
        rows, owner, fill_of, light = [], plan.owner, styles.fill_of, {level: level_fill(level) for level in fills}
        for mark in plan.marks:  # in the plan's order, as openpyxl's path records them
            key = (mark.sheet, mark.row, mark.col)
            if key not in originals:  # a sheet the workbook does not have
                continue
            # the clerk's fill as written in styles.xml (openpyxl's path writes it as openpyxl reads it: the same fill)
            rows.append(mark_row(owner, mark.sheet, a1(mark.row, mark.col), fill_of(originals[key]),
                                 light[mark.level], mark.comment or None))
        state = new_sheets.records(rows)
        if new:  # open on the results; one selected tab, or Excel groups the sheets
            new[0].selected = True
        self._write(path, styles, new + ([state] if state else []), patched, notes_parts)

    def close(self) -> None:
        self.zf.close()

    def _write(self, path, styles: Stylesheet, new: list, patched: dict[str, str], notes_parts: dict[str, Notes]) -> None:
        zf = self.zf
        taken = set(zf.namelist())
        replaced = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml",
                    "docProps/core.xml", *patched}
        types = zf.read("[Content_Types].xml").decode("utf-8")
        rels = zf.read("xl/_rels/workbook.xml.rels").decode("utf-8")
        book = self.book
        # what is written here (the new sheets, notes and patched sheets: 230 MB of XML at 1,000 × 100) deflated
        # at level 3, the clerk's parts at zlib's default 6: at 6 the deflating alone took as long as the anchor's whole
        # load and save; at 3 it takes half that, for a file about a sixth larger
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True, compresslevel=COMPRESS_LEVEL) as out:
            sheet_parts_ = set(self.parts.values())
            for item in zf.infolist():
                if item.filename in replaced or item.is_dir():
                    continue
                data = zf.read(item.filename)
                if item.filename in sheet_parts_:  # one selected tab, the results': the clerk's are unselected
                    data = _TAB_SELECTED.sub(rb"\1", data, count=1)
                out.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
            for part, xml in patched.items():
                xml = _TAB_SELECTED.sub(rb"\1", xml.encode("utf-8"), count=1)
                notes = notes_parts.get(part)
                if notes:
                    n = next(i for i in range(1, 10_000) if f"xl/comments/comment{i}.xml" not in taken
                             and f"xl/drawings/commentsDrawing{i}.vml" not in taken)
                    comments, drawing = f"xl/comments/comment{n}.xml", f"xl/drawings/commentsDrawing{n}.vml"
                    taken |= {comments, drawing}
                    _pieces(out, comments, comments_xml(notes))
                    _pieces(out, drawing, shapes_vml(notes))
                    folder, _, leaf = part.rpartition("/")
                    rels_part = f"{folder}/_rels/{leaf}.rels"
                    mine = (f'<Relationship Type="{_REL_NS}/comments" Target="/{comments}" Id="comments"/>'
                            f'<Relationship Type="{_REL_NS}/vmlDrawing" Target="/{drawing}" Id="anysvml"/>')
                    if rels_part in taken:
                        existing = zf.read(rels_part).decode("utf-8")
                        if 'Id="comments"' in existing or 'Id="anysvml"' in existing:
                            raise NotCopied("relationship ids taken")
                        out.writestr(rels_part, existing.replace("</Relationships>", mine + "</Relationships>"))
                    else:
                        out.writestr(rels_part, '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                                                f'relationships">{mine}</Relationships>')
                    types = types.replace("</Types>", f'<Override PartName="/{comments}" ContentType="{_COMMENTS_MIME}"/></Types>')
                    if not re.search(r'<Default\b[^>]*Extension="vml"', types, re.I):
                        types = types.replace("</Types>", f'<Default Extension="vml" ContentType="{_VML_MIME}"/></Types>')
                out.writestr(part, xml)
            count = len(self.sheets)
            rel_ids = {int(m) for m in re.findall(r'Id="rId(\d+)"', rels)}
            sheet_ids = [int(x) for x in re.findall(r'<sheet\b[^>]*?\ssheetId="(\d+)"', book)]
            next_rel, next_sheet, k = max(rel_ids, default=0) + 1, max(sheet_ids, default=0) + 1, 1
            entries, names = [], []
            for idx, sheet in enumerate(new, count):
                while f"xl/worksheets/sheet{k}.xml" in taken or f"xl/worksheets/_rels/sheet{k}.xml.rels" in taken:
                    k += 1
                part = f"xl/worksheets/sheet{k}.xml"
                taken.add(part)
                _pieces(out, part, sheet.pieces())
                rid = f"rId{next_rel}"
                next_rel += 1
                rels = rels.replace("</Relationships>", f'<Relationship Type="{_WORKSHEET_TYPE}" Target="/{part}" Id="{rid}"/></Relationships>')
                types = types.replace("</Types>", f'<Override PartName="/{part}" ContentType="{_SHEET_MIME}"/></Types>')
                entries.append(new_sheets.sheet_entry(sheet, next_sheet, rid))
                next_sheet += 1
                names.append(new_sheets.defined_names(sheet, idx))
            out.writestr("xl/styles.xml", styles.text())
            book = book.replace("</sheets>", "".join(entries) + "</sheets>", 1)
            defined = "".join(names)
            if defined:
                if "<definedNames/>" in book:
                    book = book.replace("<definedNames/>", f"<definedNames>{defined}</definedNames>", 1)
                elif "</definedNames>" in book:
                    book = book.replace("</definedNames>", defined + "</definedNames>", 1)
                else:
                    book = insert_before(book, _AFTER_NAMES, f"<definedNames>{defined}</definedNames>", book.index("</sheets>"))
            if new and new[0].selected:
                view = re.search(r"<workbookView\b[^>]*?/?>", book)
                if view is None:
                    book = book.replace("<sheets>", f'<bookViews><workbookView activeTab="{count}"/></bookViews><sheets>', 1)
                else:
                    tag = re.sub(r'\sactiveTab="\d*"', "", view.group(0))
                    tag = f'<workbookView activeTab="{count}"' + tag[len("<workbookView"):]
                    book = book[:view.start()] + tag + book[view.end():]
            out.writestr("xl/workbook.xml", book)
            out.writestr("xl/_rels/workbook.xml.rels", rels)
            out.writestr("[Content_Types].xml", types)
            if "docProps/core.xml" in taken:
                core = zf.read("docProps/core.xml").decode("utf-8")
                now = datetime.datetime.now(tz=datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
                core = re.sub(r"(<dcterms:modified\b[^>]*>)[^<]*(</dcterms:modified>)", rf"\g<1>{now}\g<2>", core, count=1)
                out.writestr("docProps/core.xml", core)


def prepare(src: Path, plan: WritePlan) -> PackageCopy | None:
    """A PackageCopy of src with the plan applied, or None when this plan or package needs openpyxl's path."""
    if plan.columns or not plan.sheets or any(m.value is not None for m in plan.marks):
        return None
    if len({(m.sheet, m.row, m.col) for m in plan.marks}) != len(plan.marks):
        return None
    try:
        zf = zipfile.ZipFile(src)
    except (zipfile.BadZipFile, OSError):
        return None
    examined = _copyable(zf, plan)
    if examined is None:
        zf.close()
        return None
    return PackageCopy(src, plan, zf, *examined)


def _copyable(zf: zipfile.ZipFile, plan: WritePlan):
    """(workbook.xml, its sheets, their parts, each marked sheet's part read) when the package has what this path
    patches, written the usual way, and no earlier write or note on a marked sheet; else None."""
    from .records import STATE_SHEET

    try:
        names = set(zf.namelist())
        if not {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml"} <= names:
            return None
        book = zf.read("xl/workbook.xml").decode("utf-8")
        sheets = _sheets(book)
        parts = sheet_parts(zf)
        present = {name.casefold() for name, _ in sheets}
        if present & {n.casefold() for n in (STATE_SHEET, *plan.owned_sheets, *(s.name for s in plan.sheets))}:
            return None  # an earlier write: openpyxl's path undoes it
        marked = {}
        for name in {m.sheet for m in plan.marks}:
            part = parts.get(name)
            if part is None or part not in names:
                return None
            folder, _, leaf = part.rpartition("/")
            rels = f"{folder}/_rels/{leaf}.rels"
            if rels in names and re.search(rb"/(comments|vmlDrawing)\"", zf.read(rels)):
                return None
            marked[part] = zf.read(part)
            if b"<legacyDrawing" in marked[part] or b"<worksheet" not in marked[part]:
                return None
    except (zipfile.BadZipFile, OSError, KeyError, UnicodeDecodeError, NotCopied):
        return None
    return book, sheets, parts, marked
