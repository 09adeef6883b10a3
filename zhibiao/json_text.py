"""Indented JSON at C speed: the same text as json.dumps(obj, ensure_ascii=False, indent=2).

With `indent`, json.dumps (Python 3.11) falls back to its pure-Python encoder, about 10× slower than the C
one: 0.3 s for the 10,000 statuses of a 100 × 100 progress report. Here the C encoder writes the text, with
separators that carry the indentation:
- a container whose members are all scalars (or empty containers) in one call;
- a list of such dicts (the statuses, the 赛马 details) in one call for the whole list: the C encoder never
  writes a raw newline inside a string (it escapes it as \\n), so every "},\\n<indent>{" it writes is the
  boundary between two of the list's dicts, and one str.replace gives each dict its own lines. A member
  that is a non-empty container (a 并列 list) is swapped for a placeholder string, encoded on its own and
  put back;
- and only the nesting above those is walked in Python.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from itertools import accumulate, chain, compress, count

_SCALARS = (str, int, float, bool, type(None))
_SCALAR_TYPES = frozenset(_SCALARS)
_CONTAINER_TYPES = frozenset((dict, list, tuple))
_PLAIN_TYPES = _SCALAR_TYPES | _CONTAINER_TYPES
_SCALAR = json.JSONEncoder(ensure_ascii=False).encode
_FLAT: dict[str, object] = {}  # one C encoder per indentation
# a placeholder for a nested member: NUL is written \u0000 by the encoder, so it is found again in the text
_PLACEHOLDER = re.compile(r'"\\u0000(\d+)"')


def _flat_encoder(inner: str):
    encode = _FLAT.get(inner)
    if encode is None:
        encode = _FLAT[inner] = json.JSONEncoder(ensure_ascii=False, separators=("," + inner, ": ")).encode
    return encode


def _flat(values) -> bool:
    types = set(map(type, values))  # at C speed; the common case is scalars only
    if types <= _SCALAR_TYPES:
        return True
    return all(isinstance(v, _SCALARS) or (isinstance(v, (dict, list)) and not v) for v in values)


def _encode(obj, depth: int, indent: str, out: list[str]) -> None:
    if isinstance(obj, dict):
        if set(map(type, obj)) - {str}:  # json's own key conversions (True -> "true" …)
            text = json.dumps(obj, ensure_ascii=False, indent=len(indent))
            out.append(text.replace("\n", "\n" + indent * depth))
            return
        items = obj.values()
    elif isinstance(obj, (list, tuple)):
        items = obj
    else:
        out.append(_SCALAR(obj))
        return
    if not items:
        out.append("{}" if isinstance(obj, dict) else "[]")
        return
    inner = "\n" + indent * (depth + 1)
    close = "\n" + indent * depth
    if _flat(items):
        text = _flat_encoder(inner)(obj)
        out.append(text[0] + inner + text[1:-1] + close + text[-1])
        return
    if isinstance(obj, dict):
        out.append("{")
        for i, (key, value) in enumerate(obj.items()):
            out.append(("," if i else "") + inner + _SCALAR(key) + ": ")
            _encode(value, depth + 1, indent, out)
        out.append(close + "}")
    elif type(obj) is list and _dict_list(obj, depth, indent, out):
        return
    else:
        out.append("[")
        for i, value in enumerate(obj):
            out.append(("," if i else "") + inner)
            _encode(value, depth + 1, indent, out)
        out.append(close + "]")


def _dict_list(items: list, depth: int, indent: str, out: list[str]) -> bool:
    """A list of non-empty dicts, a few hundred per C call (see the module's note); False when the list is not
    one (then it is walked item by item). Chunks keep each piece of text small: megabyte strings, each on fresh
    pages, cost more to allocate than to write. Keys need no check: the C encoder converts them as json.dumps does."""
    if set(map(type, items)) != {dict} or not all(items):
        return False
    types = set(map(type, chain.from_iterable(map(dict.values, items))))
    if not types <= _PLAIN_TYPES:  # subclasses (an OrderedDict member …): item by item
        return False
    nested = bool(types & _CONTAINER_TYPES)
    inner, inner2 = "\n" + indent * (depth + 1), "\n" + indent * (depth + 2)
    encode = _flat_encoder(inner2)
    boundary, between = "}," + inner2 + "{", inner + "}," + inner + "{" + inner2
    pieces = []
    for start in range(0, len(items), _CHUNK):
        chunk = items[start:start + _CHUNK]
        rendered: list[str] = []
        if nested:
            chunk = _with_placeholders(chunk, depth, indent, rendered)
        text = encode(chunk)
        if rendered and text.count("\\u0000") != len(rendered):  # a NUL in the data itself: placeholders unsure
            return False
        text = text.replace(boundary, between)
        if rendered:
            text = _PLACEHOLDER.sub(lambda m: rendered[int(m[1])], text)
        pieces.append(text[2:-2])
    out.append("[" + inner + "{" + inner2)
    for i, piece in enumerate(pieces):
        if i:
            out.append(between)
        out.append(piece)
    out.append(inner + "}\n" + indent * depth + "]")
    return True


_CHUNK = 256


def _with_placeholders(items: list[dict], depth: int, indent: str, rendered: list[str]) -> list[dict]:
    """The items with each non-empty container member swapped for a placeholder string (copies: the caller's
    dicts are left as they are); the members' own text, at their depth, goes to `rendered`."""
    values = list(chain.from_iterable(map(dict.values, items)))
    containers = list(compress(count(), map(_CONTAINER_TYPES.__contains__, map(type, values))))
    nested = list(compress(containers, map(values.__getitem__, containers)))  # found at C speed: most are empty
    if not nested:
        return items
    starts = list(accumulate(map(len, items), initial=0))
    items, copied = list(items), set()
    for at in nested:
        i = bisect_right(starts, at) - 1
        if i not in copied:
            items[i] = dict(items[i])
            copied.add(i)
        item = items[i]
        key = list(item)[at - starts[i]]
        parts: list[str] = []
        _encode(item[key], depth + 2, indent, parts)
        item[key] = f"\0{len(rendered)}"
        rendered.append("".join(parts))
    return items


def indented_parts(obj, indent: int = 2) -> list[str]:
    """dumps_indented(obj, indent) in pieces, to write without joining them first."""
    out: list[str] = []
    _encode(obj, 0, " " * indent, out)
    return out


def dumps_indented(obj, indent: int = 2) -> str:
    """json.dumps(obj, ensure_ascii=False, indent=indent), for data made of dicts, lists and scalars."""
    return "".join(indented_parts(obj, indent))
