"""formats/inflate.py: a zip member's bytes as zipfile gives them, never past the declared size, and `<f` found."""

from __future__ import annotations

import io
import random
import struct
import zipfile

import pytest

from zhibiao.formats import inflate


def _xml(n: int) -> bytes:
    rnd = random.Random(n)
    rows = "".join(f'<row r="{r}">' + "".join(f'<c r="A{r}"><v>{rnd.random()}</v></c>' for _ in range(5)) + "</row>"
                   for r in range(1, n + 1))
    return f"<worksheet><sheetData>{rows}</sheetData></worksheet>".encode()


def _zip(path, members: dict[str, tuple[bytes, int]]) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        for name, (data, method) in members.items():
            archive.writestr(name, data, compress_type=method)


@pytest.mark.parametrize("size", [7, 4096, 1 << 20])
def test_chunks_are_zipfiles_bytes(tmp_path, size):
    path = tmp_path / "book.xlsx"
    big, small = _xml(20000), _xml(3)
    _zip(path, {"a.xml": (big, zipfile.ZIP_DEFLATED), "b.xml": (small, zipfile.ZIP_STORED),
                "c.xml": (b"", zipfile.ZIP_DEFLATED)})
    with zipfile.ZipFile(path) as archive:
        for name, data in (("a.xml", big), ("b.xml", small), ("c.xml", b"")):
            if size == 7 and len(data) > 100_000:
                continue
            got = list(inflate.chunks(archive, archive.getinfo(name), size))
            assert b"".join(got) == data == archive.read(name)
            assert all(len(c) <= size for c in got)
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:  # in memory: zipfile's own way
        assert b"".join(inflate.chunks(archive, archive.getinfo("a.xml"))) == big


def _patch_size(raw: bytearray, size: int) -> None:
    """Declare a smaller uncompressed size for the first member, in its local header and the directory."""
    struct.pack_into("<I", raw, 22, size)
    central = raw.find(b"PK\x01\x02")
    struct.pack_into("<I", raw, central + 24, size)


def test_chunks_stop_at_the_declared_size(tmp_path):
    """A member that inflates past its declared size (a bomb lying in the directory) is cut there, as zipfile
    does: the size check's budget comes from the declared sizes."""
    path = tmp_path / "bomb.xlsx"
    _zip(path, {"a.xml": (b"<c/>" * 1_000_000, zipfile.ZIP_DEFLATED)})
    raw = bytearray(path.read_bytes())
    _patch_size(raw, 12345)
    path.write_bytes(bytes(raw))
    with zipfile.ZipFile(path) as archive:
        assert sum(map(len, inflate.chunks(archive, archive.getinfo("a.xml"), 1000))) == 12345


def test_chunks_of_a_cut_member_raise_eof(tmp_path):
    path = tmp_path / "cut.xlsx"
    data = _xml(5000)
    _zip(path, {"a.xml": (data, zipfile.ZIP_DEFLATED)})
    raw = bytearray(path.read_bytes())
    _patch_size(raw, len(data) + 1000)  # claims more than the stream holds
    path.write_bytes(bytes(raw))
    with zipfile.ZipFile(path) as archive, pytest.raises(EOFError):
        for _ in inflate.chunks(archive, archive.getinfo("a.xml")):
            pass


def test_may_hold_formula_is_a_search_for_the_tag():
    rnd = random.Random(13)
    for _ in range(20000):
        text = bytes(rnd.choice(b"<f>x") for _ in range(rnd.randint(0, 600)))
        assert inflate.may_hold_formula(text) == (b"<f" in text)
    assert inflate.may_hold_formula(b"f" * 500 + b"<f>")  # past the first 64 "f"s: sre's search goes on
    assert not inflate.may_hold_formula(b"f" * 500 + b"<x>")
    assert inflate.may_hold_formula(b'<c r="A1"><f>SUM(B1:B9)</f></c>')


def test_isal_inflates_where_installed():
    isal_zlib = pytest.importorskip("isal.isal_zlib", reason="python-isal 未安装：使用标准库 zlib")
    assert inflate._decompressobj is isal_zlib.decompressobj
