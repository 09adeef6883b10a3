"""The rows of `_zhibiao`, the very hidden sheet where a write-back records what it changed on the clerk's sheets
(write_openpyxl undoes them on the next write): its name and columns, and the records as both ways of writing
make them. No openpyxl here.
"""

from __future__ import annotations

import json
from functools import lru_cache

STATE_SHEET = "_zhibiao"
STATE_HEADER = ["owner", "kind", "sheet", "ref", "original", "applied"]
AUTHOR = "zhibiao"


def mark_record(owner: str, sheet: str, ref: str, fill: str, comment: dict | None, new_fill: str, new_comment: str | None) -> dict:
    """record() of a mark: {"fill", "comment"} before, {"fill"(, "comment")} after, the JSON as _json writes it
    without a generic encoder pass per mark (100,000 of them at 1,000 × 100)."""
    original = _uncommented(fill) if comment is None else f'{{"fill": {_json_text(fill)}, "comment": {_json(comment)}}}'
    return {"owner": owner, "kind": "cell", "sheet": sheet, "ref": ref, "original": original,
            "applied": _applied(new_fill, new_comment)}


def mark_row(owner: str, sheet: str, ref: str, fill: str, new_fill: str, new_comment: str | None) -> list:
    """mark_record of a cell without a note before, as the row of `_zhibiao` (STATE_HEADER's order)."""
    return [owner, "cell", sheet, ref, _uncommented(fill), _applied(new_fill, new_comment)]


def _applied(fill: str, comment: str | None) -> str:
    """{"fill"(, "comment")} after a mark, as _json writes it."""
    return _filled(fill) + (f', "comment": {_json_text(comment)}}}' if comment is not None else "}")


@lru_cache(maxsize=64)
def _filled(fill: str) -> str:
    return f'{{"fill": {_json_text(fill)}'


@lru_cache(maxsize=1024)  # one string for the marks that share a fill (most of them): 20 MB less at 1,000 × 100
def _uncommented(fill: str) -> str:
    return f'{{"fill": {_json_text(fill)}, "comment": null}}'


def comment_height(text: str) -> int:
    """A note's height in points: 18 a line of 24 characters, 20 more, at most 400."""
    lines = 1 + len(text) // 24 if text.isprintable() else sum(1 + len(line) // 24 for line in text.splitlines())
    return min(20 + 18 * lines, 400)


def record(owner, kind, sheet, ref, original, applied) -> dict:
    """One row of `_zhibiao`, as both executors write it."""
    return {"owner": owner, "kind": kind, "sheet": sheet, "ref": ref,
            "original": _json(original), "applied": _json(applied)}


_json = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(…, ensure_ascii=False) without an encoder per call
_json_text = json.encoder.encode_basestring  # a str as _json writes it (C)
