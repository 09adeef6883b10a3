"""The macro-enabled template (.xlsm): the 分解表模板 plus a VBA project built from macros/*.bas and two
form buttons, 校验 and 生成简报, on the 分解 sheet.

openpyxl writes the package the way it writes back a loaded .xlsm (keep_vba): the project and the
button drawing travel in `wb.vba_archive`, so `zhibiao check --write` keeps both.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..errors import UsageError
from ..workbook.template import DEFAULT_REGIONS, SPLIT_SHEET, TemplateSpec, new_workbook
from .vba_project import Module, build, document_module, standard_module

MACROS = Path(__file__).resolve().parents[2] / "macros"
BAS = MACROS / "ZhibiaoButtons.bas"
VBA_PART = "xl/vbaProject.bin"
VML_PART = "xl/drawings/vmlDrawing1.vml"  # openpyxl keeps drawings named vmlDrawing<digit>.vml
# (label, macro, anchor: left col, px, top row, px, right col, px, bottom row, px), in the frozen A1:C1 corner
BUTTONS = [("校验", "ZhibiaoValidate", (0, 4, 0, 8, 1, 30, 0, 36)),
           ("生成简报", "ZhibiaoBriefing", (1, 38, 0, 8, 2, 40, 0, 36))]
_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Override PartName="/xl/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>')
_ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>')


def modules(sheet_names: list[str], sources: list[Path] | None = None) -> list[Module]:
    """ThisWorkbook, one document module per sheet (Sheet1, Sheet2, …), then the .bas modules."""
    docs = [document_module("ThisWorkbook", workbook=True)]
    docs += [document_module(f"Sheet{i}") for i in range(1, len(sheet_names) + 1)]
    for path in sources or [BAS]:
        if not Path(path).exists():
            raise UsageError(f"找不到宏文件 {path}：.xlsm 模板需要完整的 zhibiao 文件夹（含 macros）")
    return docs + [standard_module(p) for p in sources or [BAS]]


def add_macros(wb, button_sheet: str = SPLIT_SHEET) -> None:
    """Give an openpyxl workbook the VBA project, matching code names, and the two buttons on button_sheet."""
    wb.code_name = "ThisWorkbook"
    for i, ws in enumerate(wb.worksheets, 1):
        ws.sheet_properties.codeName = f"Sheet{i}"
    archive = zipfile.ZipFile(io.BytesIO(), "a", zipfile.ZIP_DEFLATED)
    archive.writestr(VBA_PART, build(modules(wb.sheetnames)))
    archive.writestr(VML_PART, buttons_vml())
    archive.writestr("[Content_Types].xml", _TYPES)  # openpyxl copies the project's Override from here
    archive.writestr("_rels/.rels", _ROOT_RELS)  # and looks for a customUI relation here
    wb.vba_archive = archive
    wb[button_sheet].legacy_drawing = VML_PART


def buttons_vml() -> str:
    """The legacy drawing with the form buttons, as Excel writes them (ClientData ObjectType="Button")."""
    shapes = "".join(_button(1024 + i, label, macro, anchor) for i, (label, macro, anchor) in enumerate(BUTTONS))
    # The comment shape type is declared up front: openpyxl adds check --write's notes (ids from 1026)
    # to this drawing and would otherwise write a second shape layout.
    return ('<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
            'xmlns:x="urn:schemas-microsoft-com:office:excel">'
            '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>'
            '<v:shapetype id="_x0000_t201" coordsize="21600,21600" o:spt="201" path="m,l,21600r21600,l21600,xe">'
            '<v:stroke joinstyle="miter"/><v:path shadowok="f" o:extrusionok="f" strokeok="f" fillok="f" '
            'o:connecttype="rect"/><o:lock v:ext="edit" shapetype="t"/></v:shapetype>'
            '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">'
            '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
            f"{shapes}</xml>")


def _button(shape_id: int, label: str, macro: str, anchor: tuple[int, ...]) -> str:
    return (f'<v:shape id="_x0000_s{shape_id}" type="#_x0000_t201" style="position:absolute;z-index:{shape_id - 1023};'
            'mso-wrap-style:tight" fillcolor="buttonFace [67]" strokecolor="windowText [64]" o:insetmode="auto">'
            '<v:fill color2="buttonFace [67]" o:detectmouseclick="t"/><o:lock v:ext="edit" rotation="t"/>'
            '<v:textbox style="mso-direction-alt:auto" o:singleclick="f"><div style="text-align:center">'
            f'<font face="宋体" size="220" color="#000000">{label}</font></div></v:textbox>'
            '<x:ClientData ObjectType="Button">'
            f'<x:Anchor>{", ".join(map(str, anchor))}</x:Anchor><x:PrintObject>False</x:PrintObject>'
            f'<x:AutoFill>False</x:AutoFill><x:FmlaMacro>[0]!{macro}</x:FmlaMacro>'
            '<x:TextHAlign>Center</x:TextHAlign><x:TextVAlign>Center</x:TextVAlign></x:ClientData></v:shape>')


def new_xlsm(spec: TemplateSpec):
    """The template as an openpyxl workbook that saves as .xlsm with its macros and buttons."""
    wb = new_workbook(spec)
    add_macros(wb)
    return wb


def build_xlsm_template(path, regions: list[str] | None = None, parent: str = "全市", year: int = 2024) -> Path:
    """Write a new macro-enabled template to path (refusing to overwrite is the caller's choice)."""
    from ..workbook.files import save_atomic

    path = Path(path)
    if path.suffix.lower() != ".xlsm":
        raise UsageError(f"带按钮的模板文件应以 .xlsm 结尾：{path.name}")
    wb = new_xlsm(TemplateSpec(list(DEFAULT_REGIONS if regions is None else regions), parent, year))
    save_atomic(wb, path)
    return path
