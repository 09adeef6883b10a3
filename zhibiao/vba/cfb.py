"""A minimal MS-CFB (compound file, version 3) writer: storages and streams in, file bytes out, stdlib only.

Enough for a vbaProject.bin: no DIFAT sectors (files up to ~7 MB), zero timestamps and CLSIDs, so the
same tree always gives the same bytes. Streams under 4096 bytes live in the mini stream, as the spec asks.
"""

from __future__ import annotations

import struct

SECTOR, MINI, CUTOFF = 512, 64, 4096
FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
STORAGE, STREAM, ROOT = 1, 2, 5
RED, BLACK = 0, 1
_HEADER_DIFAT = 109


class _Entry:
    def __init__(self, name: str, kind: int, data: bytes = b""):
        if len(name) > 31:
            raise ValueError(f"compound file names have at most 31 characters: {name}")
        self.name, self.kind, self.data = name, kind, data
        self.children: dict[str, _Entry] = {}
        self.left = self.right = self.child = NOSTREAM
        self.color, self.start, self.size, self.index = BLACK, END, 0, 0


def write(streams: dict[str, bytes]) -> bytes:
    """The compound file holding streams, keyed by path ("PROJECT", "VBA/dir")."""
    root = _Entry("Root Entry", ROOT)
    for path, data in streams.items():
        *storages, name = path.split("/")
        node = root
        for part in storages:
            node = node.children.setdefault(part, _Entry(part, STORAGE))
        node.children[name] = _Entry(name, STREAM, bytes(data))
    entries = _number(root)
    mini, minifat = bytearray(), []
    big: list[_Entry] = []
    for e in entries:
        if e.kind != STREAM:
            continue
        e.size = len(e.data)
        if e.size >= CUTOFF:
            big.append(e)
        elif e.size:
            e.start = len(mini) // MINI
            count = -(-e.size // MINI)
            minifat += [e.start + i + 1 for i in range(count - 1)] + [END]
            mini += e.data + b"\0" * (count * MINI - e.size)
    return _layout(entries, bytes(mini), minifat, big)


def _number(root: _Entry) -> list[_Entry]:
    """Entries in directory order (root first), each storage's children as a red-black tree."""
    entries = [root]
    pending = [root]
    while pending:
        node = pending.pop(0)
        kids = sorted(node.children.values(), key=lambda e: (len(e.name), e.name.upper()))
        for kid in kids:
            kid.index = len(entries)
            entries.append(kid)
            pending.append(kid)
        node.child = _tree(kids, 0, _levels(len(kids)))
    return entries


def _tree(nodes: list[_Entry], level: int, levels: int) -> int:
    """Balanced search tree; the nodes of an incomplete last level are red, all others black, so every path
    from a storage to a leaf passes the same number of black nodes (a valid red-black tree)."""
    if not nodes:
        return NOSTREAM
    mid = len(nodes) // 2
    node = nodes[mid]
    node.color = RED if level == levels - 1 else BLACK
    node.left = _tree(nodes[:mid], level + 1, levels)
    node.right = _tree(nodes[mid + 1:], level + 1, levels)
    return node.index


def _levels(n: int) -> int:
    """Levels of the balanced tree of n nodes to colour red: its last one, unless the tree is perfect."""
    return n.bit_length() if n & (n + 1) else n.bit_length() + 1


def _layout(entries: list[_Entry], mini: bytes, minifat: list[int], big: list[_Entry]) -> bytes:
    def sectors(n: int) -> int:
        return -(-n // SECTOR)

    dir_n = sectors(len(entries) * 128)
    minifat_n = sectors(len(minifat) * 4)
    mini_n = sectors(len(mini))
    big_n = [sectors(e.size) for e in big]
    body = dir_n + minifat_n + mini_n + sum(big_n)
    fat_n = 1
    while fat_n * (SECTOR // 4) < fat_n + body:
        fat_n += 1
    if fat_n > _HEADER_DIFAT:
        raise ValueError("compound file too large for this writer")
    fat = [FATSECT] * fat_n
    data = bytearray()

    def chain(count: int) -> int:
        if not count:
            return END
        start = len(fat)
        fat.extend(list(range(start + 1, start + count)) + [END])
        return start

    dir_start = chain(dir_n)
    minifat_start = chain(minifat_n)
    root = entries[0]
    root.start, root.size = chain(mini_n), len(mini)
    for e, n in zip(big, big_n):
        e.start = chain(n)
    fat += [FREE] * (fat_n * (SECTOR // 4) - len(fat))
    data += struct.pack(f"<{len(fat)}I", *fat)
    directory = b"".join(_dir_entry(e) for e in entries)
    directory += _empty_entry() * (dir_n * 4 - len(entries))
    data += directory
    data += _pad(struct.pack(f"<{len(minifat)}I", *minifat), FREE)
    data += _pad(mini)
    for e in big:
        data += _pad(e.data)
    difat = list(range(fat_n)) + [FREE] * (_HEADER_DIFAT - fat_n)
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\0" * 16, 0x3E, 3, 0xFFFE, 9, 6, b"\0" * 6,
        0, fat_n, dir_start, 0, CUTOFF, minifat_start if minifat_n else END, minifat_n, END, 0,
    ) + struct.pack(f"<{_HEADER_DIFAT}I", *difat)
    return header + bytes(data)


def _pad(data: bytes, fill: int | None = None) -> bytes:
    rest = -len(data) % SECTOR
    if fill is None:
        return data + b"\0" * rest
    return data + struct.pack("<I", fill) * (rest // 4)


def _dir_entry(e: _Entry) -> bytes:
    name = (e.name + "\0").encode("utf-16-le")
    return struct.pack("<64sHBBIII16sIQQIQ", name, len(name), e.kind, e.color, e.left, e.right, e.child,
                       b"\0" * 16, 0, 0, 0, e.start if e.kind != STORAGE else 0, e.size)


def _empty_entry() -> bytes:
    return struct.pack("<64sHBBIII16sIQQIQ", b"", 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM, b"\0" * 16, 0, 0, 0, 0, 0)
