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

orjson, where it is installed, writes the same text another 5× faster (bytes, UTF-8): it is used when the data
holds nothing it writes differently from json.dumps, which is checked first at C speed (`_orjson_safe`): only
dicts with string keys, lists, tuples, strings, bools, None, ints and floats that are finite and 0 or from 1e-4
up (orjson writes 1e-05 as 0.00001, and NaN as null). Anything else takes the way above.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from itertools import accumulate, chain, compress, count, repeat
from math import isfinite
from operator import is_

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


def _orjson_safe(obj) -> bool:
    """Whether orjson writes obj exactly as json.dumps does (see the module's note), looking at every container's
    members (a list of dicts' members all at once) in C-speed passes. Keys need no look: orjson refuses any but
    str, and the way above then writes them. Floats of 1e16 and more it writes as json.dumps does."""
    floats: list[float] = []
    todo = [obj]
    while todo:
        item = todo.pop()
        kind = type(item)
        stride = 1
        if kind is dict:
            members = list(item.values())
        elif kind is list or kind is tuple:
            members = item
            if item and set(map(type, item)) == {dict}:  # the statuses, the 赛马 details: their members at once
                members = list(chain.from_iterable(map(dict.values, item)))
                stride = len(item[0]) or 1
        else:
            members = [item]
        # members[j::stride] for each j: every member once, whatever the dicts hold; when they share their keys
        # (records), one key's values, where the types are few and a column of figures needs no sorting out
        for group in (members[j::stride] for j in range(stride)) if stride > 1 else (members,):
            present = set(map(type, group))
            if not present <= _PLAIN_TYPES:  # a subclass, a date, an enum …: orjson may write it, json.dumps may not
                return False
            if float in present:
                if present <= _FLOAT_OR_NONE:  # falsy ones (None, 0.0, -0.0) are written alike
                    floats += filter(None, group)
                else:
                    floats += compress(group, map(is_, map(type, group), repeat(float)))
            if present & _CONTAINER_TYPES:  # the non-empty ones, a kind at a time when they are many
                nested = list(filter(None, compress(group, map(_CONTAINER_TYPES.__contains__, map(type, group)))))
                kinds = set(map(type, nested))
                if len(nested) < 2 or len(kinds) > 1:
                    todo += nested
                elif dict in kinds:  # a list of dicts: its columns at once (below)
                    todo.append(nested)
                else:  # lists (the 并列 names of every 赛马 detail): all their members as one list
                    todo.append(list(chain.from_iterable(nested)))
    # NaN or ±inf anywhere makes the sum so (a sum past 1.8e308 of finite figures says no too: the standard way)
    return isfinite(sum(floats)) and min(filter(None, map(abs, floats)), default=1.0) >= 1e-4


_FLOAT_OR_NONE = frozenset((float, type(None)))


def _orjson_text(obj, indent: int) -> bytes | None:
    """orjson's indented text of obj when it is json.dumps's; None when orjson is missing or would differ."""
    if indent != 2:
        return None
    try:
        import orjson
    except ImportError:  # an optional speed-up (not in Pyodide): the standard library does the same
        return None
    if not _orjson_safe(obj):
        return None
    try:
        return orjson.dumps(obj, option=orjson.OPT_INDENT_2)
    except TypeError:  # orjson.JSONEncodeError: an int beyond 64 bits, a lone surrogate, nesting past 255
        return None


def write_indented(obj, stream, end: str = "") -> None:
    """stream.write(dumps_indented(obj) + end) without building that string: orjson's bytes straight to a UTF-8
    stream's buffer, or the standard library's text in pieces."""
    data = _orjson_text(obj, 2)
    if data is None:
        stream.writelines(indented_parts(obj))
    elif getattr(stream, "buffer", None) is not None and (stream.encoding or "").lower().replace("-", "") == "utf8":
        stream.flush()
        stream.buffer.write(data)
    else:  # a console in another encoding (GBK), a StringIO: as text, as before
        stream.write(data.decode("utf-8"))
    if end:
        stream.write(end)


def write_indented_records(stream, lists: list[tuple[str, list, object, int]], rest: dict, end: str = "") -> None:
    """write_indented({key: [to_json(x) for x in items] for each of `lists`, **rest}, stream, end), each list's
    dicts made, checked and written `run` at a time: (key, items, to_json, run). The 100,000 statuses of a
    1,000 × 100 report: neither all their dicts nor all their text at once, each run still in the cache when it
    is checked and written.

    A list's members at one depth are written alike whatever their neighbours, so each run is written as
    {key: run} and its members' lines cut out; each run takes orjson's way or the standard library's on its own
    (the same text either way), then `rest` follows, written as a dict of its own without its opening brace."""
    keys = [key for key, *_ in lists]
    if not rest or not all(items for _, items, _, _ in lists) or len(set(keys)) < len(keys) or set(keys) & set(rest):
        write_indented({key: list(map(to_json, items)) for key, items, to_json, _ in lists} | rest, stream, end)
        return
    text, data = _writers(stream)
    text("{")
    for key, items, to_json, size in lists:
        head = "{\n  " + _SCALAR(key) + ": [\n"
        text(head[1:])
        for start in range(0, len(items), size):
            run = {key: list(map(to_json, items[start:start + size]))}
            if start:
                text(",\n")
            encoded = _orjson_text(run, 2)
            if encoded is None:  # the run's own "{\n  key: [\n" … "\n  ]\n}" left out
                text("".join(indented_parts(run))[len(head):-len(_RUN_TAIL)])
            else:
                data(encoded, len(head.encode()), len(encoded) - len(_RUN_TAIL))
        text("\n  ],")
    text("\n")
    encoded = _orjson_text(rest, 2)
    if encoded is None:  # its pieces, the first two characters ("{\n") left out
        parts = indented_parts(rest)
        skip = 2
        while skip:
            cut = min(skip, len(parts[0]))
            parts[0], skip = parts[0][cut:], skip - cut
            if not parts[0]:
                parts.pop(0)
        stream.writelines(parts)
    else:
        data(encoded, 2, len(encoded))
    if end:
        text(end)


_RUN_TAIL = "\n  ]\n}"


def _writers(stream):
    """(text, data): write str to the stream; write data[start:stop] (UTF-8 bytes) to it, straight to the buffer
    of a UTF-8 stream (after what the text layer holds), else decoded (a GBK console, a StringIO)."""
    buffer = getattr(stream, "buffer", None)
    if buffer is not None and (stream.encoding or "").lower().replace("-", "") == "utf8":
        def data(encoded: bytes, start: int, stop: int) -> None:
            stream.flush()
            buffer.write(memoryview(encoded)[start:stop])
        return stream.write, data
    return stream.write, lambda encoded, start, stop: stream.write(encoded[start:stop].decode("utf-8"))


def indented_parts(obj, indent: int = 2) -> list[str]:
    """dumps_indented(obj, indent) in pieces, to write without joining them first."""
    out: list[str] = []
    _encode(obj, 0, " " * indent, out)
    return out


def dumps_indented(obj, indent: int = 2) -> str:
    """json.dumps(obj, ensure_ascii=False, indent=indent), for data made of dicts, lists and scalars."""
    data = _orjson_text(obj, indent)
    return data.decode("utf-8") if data is not None else "".join(indented_parts(obj, indent))
