"""Build a source-only vbaProject.bin (MS-OVBA) from .bas modules, byte for byte the same on every run.

The project carries source and no compiled p-code: _VBA_PROJECT has version 0xFFFF, which tells the
VBA editor to ignore the (empty) performance cache and compile from source when the workbook opens.
Document modules (ThisWorkbook, one per sheet) match the code names the workbook gives its sheets.
"""

from __future__ import annotations

import re
import struct
import uuid
from dataclasses import dataclass
from pathlib import Path

from . import cfb
from .ovba import compress, encrypt

CODEPAGE = 1252  # module text must be ASCII, so the codepage never changes a byte
PROJECT_NAME = "VBAProject"
PROJECT_ID = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, "zhibiao/vbaProject")).upper() + "}"
WORKBOOK_BASE = "0{00020819-0000-0000-C000-000000000046}"
SHEET_BASE = "0{00020820-0000-0000-C000-000000000046}"
HOST_EXTENDER = "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000"
# The classic xlwings add-in is the VBA project named "xlwings" (xlwings.xlam); RunPython lives there.
# Version numbers are the 0.37.8 add-in's PROJECTVERSION; Excel binds the reference to the loaded add-in.
XLWINGS_REFERENCE = ("xlwings", r"*\Cxlwings.xlam", 0x6B4FEF4C, 8)


@dataclass(frozen=True)
class Module:
    """One VBA module: its name, its source with Attribute lines, and whether it belongs to a document."""

    name: str
    source: str
    document: bool = False


def standard_module(path) -> Module:
    """A module from a .bas file; its name comes from the Attribute VB_Name line."""
    text = Path(path).read_text(encoding="ascii")
    m = re.search(r'^Attribute VB_Name = "([^"]+)"', text, re.M)
    if m is None:
        raise ValueError(f"{path}: no Attribute VB_Name line")
    return Module(m.group(1), text)


def document_module(name: str, workbook: bool = False) -> Module:
    """The empty code module Excel keeps behind the workbook or a sheet."""
    lines = [f'Attribute VB_Name = "{name}"', f'Attribute VB_Base = "{WORKBOOK_BASE if workbook else SHEET_BASE}"',
             "Attribute VB_GlobalNameSpace = False", "Attribute VB_Creatable = False",
             "Attribute VB_PredeclaredId = True", "Attribute VB_Exposed = True",
             "Attribute VB_TemplateDerived = False", "Attribute VB_Customizable = True"]
    return Module(name, "\r\n".join(lines) + "\r\n", document=True)


def build(modules: list[Module]) -> bytes:
    """The vbaProject.bin holding these modules and a reference to the xlwings add-in."""
    names = [m.name for m in modules]
    if len(set(n.upper() for n in names)) != len(names):
        raise ValueError("duplicate module names: " + ", ".join(names))
    streams = {"PROJECT": _project(modules), "PROJECTwm": _project_wm(modules),
               "VBA/_VBA_PROJECT": b"\xcc\x61\xff\xff\x00\x00\x00", "VBA/dir": compress(_dir(modules))}
    for m in modules:
        streams[f"VBA/{m.name}"] = compress(_text(m.source))
    return cfb.write(streams)


def _text(source: str) -> bytes:
    """Module source as stored: CRLF line ends, ending in one."""
    lines = source.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n").split("\n")
    return ("\r\n".join(lines) + "\r\n").encode("ascii")


def _mbcs(text: str) -> bytes:
    return text.encode(f"cp{CODEPAGE}")


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


def _record(rid: int, data: bytes) -> bytes:
    return struct.pack("<HI", rid, len(data)) + data


def _dir(modules: list[Module]) -> bytes:
    """The decompressed dir stream (2.3.4.2): project information, references, modules."""
    out = bytearray()
    out += _record(0x01, struct.pack("<I", 1))  # SysKind: Win32; without p-code any host recompiles
    out += _record(0x02, struct.pack("<I", 0x409))  # LCID
    out += _record(0x14, struct.pack("<I", 0x409))  # LCIDInvoke
    out += _record(0x03, struct.pack("<H", CODEPAGE))
    out += _record(0x04, _mbcs(PROJECT_NAME))
    out += _record(0x05, b"") + _record(0x40, b"")  # DocString, and its Unicode form
    out += _record(0x06, b"") + _record(0x3D, b"")  # HelpFile1, HelpFile2
    out += _record(0x07, struct.pack("<I", 0))  # HelpContext
    out += _record(0x08, struct.pack("<I", 0))  # LibFlags
    out += struct.pack("<HIIH", 0x09, 4, 1, 0)  # Version: Reserved=4, then major and minor
    out += _record(0x0C, b"") + _record(0x3C, b"")  # Constants, and their Unicode form
    name, libid, major, minor = XLWINGS_REFERENCE
    out += _record(0x16, _mbcs(name)) + _record(0x3E, _utf16(name))
    absolute = _mbcs(libid)
    out += _record(0x0E, struct.pack("<I", len(absolute)) + absolute + struct.pack("<I", len(absolute)) + absolute
                   + struct.pack("<IH", major, minor))
    out += _record(0x0F, struct.pack("<H", len(modules)))
    out += _record(0x13, struct.pack("<H", 0xFFFF))  # ProjectCookie
    for m in modules:
        out += _record(0x19, _mbcs(m.name)) + _record(0x47, _utf16(m.name))
        out += _record(0x1A, _mbcs(m.name)) + _record(0x32, _utf16(m.name))  # stream name
        out += _record(0x1C, b"") + _record(0x48, b"")  # DocString
        out += _record(0x31, struct.pack("<I", 0))  # source starts at offset 0: no p-code before it
        out += _record(0x1E, struct.pack("<I", 0))  # HelpContext
        out += _record(0x2C, struct.pack("<H", 0xFFFF))  # Cookie
        out += _record(0x22 if m.document else 0x21, b"")
        out += _record(0x2B, b"")  # module terminator
    out += _record(0x10, b"")  # dir terminator
    return bytes(out)


def _project(modules: list[Module]) -> bytes:
    """The PROJECT stream (2.3.1): module list, name, unprotected and visible, host extender."""
    lines = [f'ID="{PROJECT_ID}"']
    lines += [f"Document={m.name}/&H00000000" if m.document else f"Module={m.name}" for m in modules]
    lines += [f'Name="{PROJECT_NAME}"', 'HelpContextID="0"', 'VersionCompatible32="393222000"']
    for key, data in (("CMG", b"\0\0\0\0"), ("DPB", b"\0"), ("GC", b"\xff")):  # not protected, no password, visible
        lines.append(f'{key}="{encrypt(PROJECT_ID, data).hex().upper()}"')
    lines += ["", "[Host Extender Info]", HOST_EXTENDER, "", "[Workspace]"]
    lines += [f"{m.name}=0, 0, 0, 0, C" for m in modules]
    return _mbcs("\r\n".join(lines) + "\r\n")


def _project_wm(modules: list[Module]) -> bytes:
    """PROJECTwm (2.3.3): each module name in MBCS and UTF-16."""
    out = b"".join(_mbcs(m.name) + b"\0" + _utf16(m.name) + b"\0\0" for m in modules)
    return out + b"\0\0"
