"""MS-OVBA compression (2.4.1) and data encryption (2.4.3) for writing a vbaProject.bin, stdlib only.

Deterministic by design: the same input always gives the same bytes (the encryption seed is fixed).
"""

from __future__ import annotations

CHUNK = 4096
_COMPRESSED_HEADER = 0xB000  # flag 1, signature 0b011
_RAW_HEADER = 0x3FFF  # flag 0, signature 0b011, size 4095 (4096 bytes follow)
SEED = 0x00  # any byte is valid; a fixed one keeps CMG/DPB/GC stable across builds


def compress(data: bytes) -> bytes:
    """A CompressedContainer: the signature byte, then one compressed chunk per 4096 bytes."""
    out = bytearray(b"\x01")
    for start in range(0, len(data), CHUNK):
        out += _chunk(data[start:start + CHUNK])
    return bytes(out)


def _bit_count(position: int) -> int:
    """Bits a copy token spends on the offset at this position in the chunk (CopyToken Help, 2.4.1.3.19.1)."""
    return max((position - 1).bit_length(), 4)


def _chunk(chunk: bytes) -> bytes:
    body = bytearray()
    starts: dict[bytes, list[int]] = {}  # 3-byte prefix -> earlier positions, so matching is not quadratic
    pos, end = 0, len(chunk)
    while pos < end:
        flag_at, flags = len(body), 0
        body.append(0)
        for bit in range(8):
            if pos >= end:
                break
            offset, length = _match(chunk, pos, starts)
            step = length if length else 1
            if length:
                bits = _bit_count(pos)
                body += (((offset - 1) << (16 - bits)) | (length - 3)).to_bytes(2, "little")
                flags |= 1 << bit
            else:
                body.append(chunk[pos])
            for p in range(pos, pos + step):
                starts.setdefault(chunk[p:p + 3], []).append(p)
            pos += step
        body[flag_at] = flags
    if len(body) > CHUNK:  # incompressible: a raw chunk, which holds exactly 4096 bytes
        if end != CHUNK:
            raise ValueError("incompressible chunk shorter than 4096 bytes")
        return _RAW_HEADER.to_bytes(2, "little") + chunk
    return (_COMPRESSED_HEADER | (len(body) - 1)).to_bytes(2, "little") + bytes(body)


def _match(chunk: bytes, pos: int, starts: dict[bytes, list[int]]) -> tuple[int, int]:
    """(offset, length) of the longest earlier match, nearest first on ties, as 2.4.1.3.19.4 searches; length 0 if < 3."""
    best, best_at = 0, -1
    for candidate in reversed(starts.get(chunk[pos:pos + 3], ())):
        length = 0
        while pos + length < len(chunk) and chunk[candidate + length] == chunk[pos + length]:
            length += 1
        if length > best:
            best, best_at = length, candidate
    if best < 3:
        return 0, 0
    return pos - best_at, min(best, (0xFFFF >> _bit_count(pos)) + 3)


def encrypt(project_id: str, data: bytes, seed: int = SEED) -> bytes:
    """Data Encryption (2.4.3.2) as used for the PROJECT stream's CMG, DPB and GC values."""
    version_enc = seed ^ 2
    proj_key = sum(project_id.encode("ascii")) & 0xFF
    out = bytearray([seed, version_enc, seed ^ proj_key])
    unencrypted1, encrypted1, encrypted2 = proj_key, seed ^ proj_key, version_enc
    ignored = [0] * ((seed & 6) // 2)
    for byte in ignored + list(len(data).to_bytes(4, "little")) + list(data):
        enc = byte ^ ((encrypted2 + unencrypted1) & 0xFF)
        out.append(enc)
        encrypted2, encrypted1, unencrypted1 = encrypted1, enc, byte
    return bytes(out)
