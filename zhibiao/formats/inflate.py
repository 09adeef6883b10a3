"""A zip member's XML in blocks, inflated by ISA-L (python-isal) where it is installed, and a fast `<f` search.

The size check (limits.py) must read a sheet written without `<dimension>` through before calamine may
allocate it, and the formula probe (xlsx.py) reads every sheet that may hold formulas: 58 MB of XML for a
1.7 M-cell sheet. zlib inflates it in about 0.17 s; ISA-L's inflate gives the same bytes in well under half
that. Without python-isal (Pyodide, a platform without its wheel) the standard library's zlib does it.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib

try:  # pragma: no cover - either way is tested by the caller's results
    from isal.isal_zlib import decompressobj as _decompressobj
except ImportError:  # pragma: no cover
    _decompressobj = zlib.decompressobj

BLOCK = 1 << 20
_FORMULA_TAG = re.compile(rb"<f")
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, …, name length, extra length
_ENCRYPTED = 0x1


def may_hold_formula(xml: bytes) -> bool:
    """`b"<f" in xml`, at memchr's speed: each "f" found by bytes.find (which looks for one byte with memchr)
    is checked for a "<" before it. Sheet XML has hardly any "f" outside formulas, where "<" starts every few
    bytes and a search for the pair crawls (58 MB: about 0.01 s against 0.1 s); text full of "f"s goes on by
    sre's search after the first 64."""
    find = xml.find
    pos = find(b"f")
    tries = 0
    while pos >= 0:
        if pos and xml[pos - 1] == 60:  # "<"
            return True
        tries += 1
        if tries > 64:
            return _FORMULA_TAG.search(xml, pos) is not None
        pos = find(b"f", pos + 1)
    return False


def chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo, size: int = BLOCK):
    """The member's bytes, inflated, in chunks of at most `size`; never more than its declared size in all
    (as zipfile stops there: a zip bomb's sizes are checked from the directory first).

    A deflated member of a workbook on disk is read from its own file handle and inflated here; anything
    else (stored, encrypted, another method, a workbook in memory) through zipfile. A member that ends
    early raises EOFError, as zipfile does."""
    path = archive.filename
    if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & _ENCRYPTED or not isinstance(path, str):
        with archive.open(info) as stream:
            while chunk := stream.read(size):
                yield chunk
        return
    with open(path, "rb") as handle:
        handle.seek(info.header_offset)
        signature, name_length, extra_length = _LOCAL_HEADER.unpack(handle.read(_LOCAL_HEADER.size))
        if signature != b"PK\x03\x04":
            raise zipfile.BadZipFile(f"bad local header: {info.filename}")
        handle.seek(name_length + extra_length, 1)
        inflater = _decompressobj(-15)
        left_in, left_out = info.compress_size, info.file_size
        pending = b""
        while left_out > 0:
            if not pending and left_in > 0 and not inflater.eof:
                pending = handle.read(min(left_in, 1 << 18))
                if not pending:
                    raise EOFError(f"file ended early: {info.filename}")
                left_in -= len(pending)
            # ISA-L may keep output back when max_length is reached: asked again with no input, it gives it
            chunk = inflater.decompress(pending, min(size, left_out))
            pending = inflater.unconsumed_tail
            if chunk:
                left_out -= len(chunk)
                yield chunk
            elif not pending and (left_in <= 0 or inflater.eof):
                raise EOFError(f"compressed data ended early: {info.filename}")
