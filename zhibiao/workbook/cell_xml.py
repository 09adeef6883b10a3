"""Cells as XML text, exactly as openpyxl's lxml writer writes them: what stream_rows splices into a saved sheet.

No openpyxl import (a first progress write-back needs none): its error codes, illegal characters and number
format are spelled out here (tests/test_stream_save.py compares the cells with openpyxl's own).
"""

from __future__ import annotations

import re

from ..expr import CONTROL_CHARS

ERROR_CODES = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A")  # openpyxl.cell.cell's
ILLEGAL_CHARACTERS_RE = CONTROL_CHARS  # the characters XML 1.0 cannot hold (openpyxl refuses them too)


def safe_string(value) -> str:
    """A number (or bool) as openpyxl.compat.safe_string writes it: %.16g, nothing for inf and nan."""
    if value != value or value - value != 0:
        return ""
    return "%.16g" % value

# (str.translate looks each character of non-ASCII text up in a dict; a chain of replace() is a C scan each)
_TEXT = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;"))
_ATTR = _TEXT + (('"', "&quot;"), ("\n", "&#10;"), ("\t", "&#9;"))


class Formula(str):
    """A formula (`=SUM(…)`) in a streamed row, written as openpyxl writes a formula cell: <f> and an empty <v>."""


def _xml(text: str, table=_TEXT) -> str:
    """Escaped for XML; characters beyond ASCII stay as they are until the whole body is encoded
    (encode("ascii", "xmlcharrefreplace") writes them as &#NNNNN;, as lxml does)."""
    for char, entity in table:
        if char in text:
            text = text.replace(char, entity)
    return text


def cell_xml(ref: str, value, style: str, text: bool = False) -> str:
    """One <c> element as openpyxl's lxml writer writes it for a value assigned to a fresh cell (`text`: data type forced to s)."""
    if value is None:
        return f'<c r="{ref}"{style} t="n"></c>' if style else ""
    if value.__class__ is Formula:
        return f'<c r="{ref}"{style}><f>{_xml(value[1:])}</f><v></v></c>'
    if isinstance(value, str):
        value = value[:32767]
        if ILLEGAL_CHARACTERS_RE.search(value):
            from openpyxl.utils.exceptions import IllegalCharacterError

            raise IllegalCharacterError(f"{value} cannot be used in worksheets.")
        return _text_xml(ref, value, _xml(value), style, text)
    if isinstance(value, bool):
        return f'<c r="{ref}"{style} t="b"><v>{safe_string(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"{style} t="n"><v>{safe_string(value)}</v></c>'
    raise TypeError(type(value))  # dates and the like: the caller keeps such a cell in openpyxl


_LEGAL_BUT_NUL = re.compile(r"[\001-\010]|[\013-\014]|[\016-\037]")  # ILLEGAL_CHARACTERS_RE less \0, the separator


def _escaped(strings: list[str]):
    """The strings escaped for XML text in one pass (an iterator), or None when one is refused or cut at 32,767."""
    joined = "\0".join(strings)
    if _LEGAL_BUT_NUL.search(joined) or joined.count("\0") != max(len(strings) - 1, 0) or \
            max(map(len, strings), default=0) > 32767:
        return None
    return iter(_xml(joined).split("\0"))


def _text_xml(ref: str, value: str, escaped: str, style: str, text: bool) -> str:
    """cell_xml of a string whose escaped form is known."""
    if value in ERROR_CODES and not text:
        return f'<c r="{ref}"{style} t="e"><v>{escaped}</v></c>'
    if value == "":
        return f'<c r="{ref}"{style} t="inlineStr"></c>'
    space = ' xml:space="preserve"' if value != value.strip() else ""
    return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{escaped}</t></is></c>'


def plain(value) -> bool:
    """A value cell_xml writes (what zhibiao's plans hold); anything else stays an openpyxl cell."""
    return value is None or isinstance(value, (str, int, float, bool))


class _Styles(dict):
    """The ` s="N"` of each style key; "" for a key without a style (None, an unstyled cell)."""

    def __missing__(self, key) -> str:
        return ""


class _Numbers(dict):
    """A finite number's text as safe_string writes it (%.16g), remembered: formatting to 16 digits costs 3–6 times
    a lookup, and a table's targets repeat. An int and the float equal to it are written alike (%.16g makes the
    int a float); zero is not kept (-0.0 finds 0.0 but is written -0)."""

    def __missing__(self, value: float) -> str:
        text = "%.16g" % value
        if value:
            if len(self) >= 100_000:  # bounded, whatever the table
                self.clear()
            self[value] = text
        return text


_ROW_MARK = "\0"  # stands for the row number in a blank row's cells (no cell's XML holds it: \0 is refused)


class RowWriter:
    """The <c> elements of rows: `styles` style key -> ` s="N"`, `letters` the column letters, `text` as in cell_xml.

    Floats, blanks and plain texts, most of a body, are written here directly (as cell_xml writes them); the rest
    through cell_xml. Rows share their tuple of style keys: each tuple's ` s="N"` per column is looked up once. A
    row mostly blank (a template's empty rows) is its keys' blank cells, made once, with the row number put in
    and its few values written over."""

    def __init__(self, styles: dict, letters: list[str], text: bool = False):
        self.styles, self.letters, self.text = _Styles(styles), letters, text
        self.numbers = _Numbers()
        self.errors = frozenset(() if text else ERROR_CODES)  # texts written as error codes (#N/A)
        self.looks: dict[int, tuple[object, list[str], list[str] | None]] = {}  # id(keys) -> keys, styles, blank cells

    def cells(self, r: str, values: list, keys, escaped) -> str:
        """Row r's cells; `escaped` yields the row's strings escaped, in order (None: escape each, and refuse
        an illegal character as openpyxl refuses it)."""
        styles = self._styles(keys)
        if values.count(None) * 2 > len(values):
            parts = self._blank(keys).copy()
            for c in [c for c, value in enumerate(values) if value is not None]:
                parts[c] = self._cell(self.letters[c] + r, values[c], styles[c], escaped)
            return "".join(parts).replace(_ROW_MARK, r)
        numbers, errors, parts = self.numbers, self.errors, []
        append = parts.append
        for letter, value, style in zip(self.letters, values, styles):
            kind = value.__class__
            if (kind is float or kind is int) and value - value == 0:  # finite (inf and nan make nan)
                append(f'<c r="{letter}{r}"{style} t="n"><v>{numbers[value]}</v></c>')
            elif value is None:
                if style:
                    append(f'<c r="{letter}{r}"{style} t="n"></c>')
            elif kind is str and escaped is not None and value and value not in errors and value == value.strip():
                append(f'<c r="{letter}{r}"{style} t="inlineStr"><is><t>{next(escaped)}</t></is></c>')  # no xml:space
            else:
                append(self._cell(letter + r, value, style, escaped))
        return "".join(parts)

    def _cell(self, ref: str, value, style: str, escaped) -> str:
        if value.__class__ is str and escaped is not None:
            return _text_xml(ref, value, next(escaped), style, self.text)
        return cell_xml(ref, value, style, self.text)

    def _look(self, keys) -> tuple:
        found = self.looks.get(id(keys))
        if found is None or found[0] is not keys:  # (an id is reused once its keys are gone)
            if len(self.looks) >= 256:  # rows made as they are written may each bring their own keys
                self.looks.clear()
            found = self.looks[id(keys)] = [keys, [self.styles[key] for key in keys], None]
        return found

    def _styles(self, keys) -> list[str]:
        return self._look(keys)[1]

    def _blank(self, keys) -> list[str]:
        look = self._look(keys)
        if look[2] is None:
            look[2] = [f'<c r="{letter}{_ROW_MARK}"{style} t="n"></c>' if style else "" for letter, style in zip(self.letters, look[1])]
        return look[2]
