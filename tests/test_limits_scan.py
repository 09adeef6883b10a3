"""The used-range scan of small sheet parts (limits._references): the fast patterns find what the general ones do."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from zhibiao.formats import limits

# the scan as it was: every reference after any white space, row tags with or without a prefix, match by match
_CELL_REF = re.compile(rb'\sr="([A-Z]{1,3})([0-9]{1,7})"')
_ROW_REF = re.compile(rb'<(?:\w+:)?row\b[^>]*?\sr="([0-9]{1,7})"')


def general(block: bytes) -> tuple[int, int]:
    refs = _CELL_REF.findall(block)
    rows = max(map(int, _ROW_REF.findall(block)), default=0)
    if refs:
        rows = max(rows, max(int(r) for _, r in refs))
    return rows, max(map(limits._column_number, {c for c, _ in refs}), default=0)


SPACES = st.sampled_from([" ", " ", " ", "\t", "\n", "\r", "\x0b", "\x0c", "  "])
LETTERS = st.text("ABCXYZ", min_size=0, max_size=4)
DIGITS = st.text("0123456789", min_size=0, max_size=9)
REF = st.builds(lambda letters, digits: letters + digits, LETTERS, DIGITS)
PIECE = st.one_of(
    st.builds(lambda sp, n, extra: f'<row{extra}{sp}r="{n}">', SPACES, DIGITS, st.sampled_from(["", ' spans="1:3"', "s"])),
    st.builds(lambda sp, n: f'<x:row{sp}r="{n}">', SPACES, DIGITS),
    st.builds(lambda sp, ref, t: f'<c{sp}r="{ref}"{t}><v>1</v></c>', SPACES, REF, st.sampled_from(["", ' t="s"'])),
    st.builds(lambda sp, ref: f'<selection{sp}r="{ref}" sqref="{ref}"/>', SPACES, REF),
    st.sampled_from(["</row>", "<sheetData>", "</sheetData>", '<?xml version="1.0"?>\r\n', "<t>a\tr=\"B2\"</t>",
                     'r="Q9"', "<rows r=\"77\">", "\n"]),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECE, max_size=30))
def test_the_fast_scan_finds_the_same_extent(pieces):
    block = "".join(pieces).encode()
    assert limits._references(block) == general(block)


def test_plain_and_odd_parts_alike():
    plain = b'<?xml version="1.0"?>\r\n<sheetData><row r="3" spans="1:2"><c r="B3"><v>1</v></c><c r="AA12"/></row></sheetData>'
    assert limits._references(plain) == general(plain) == (12, 27)
    tabbed = plain.replace(b'<c r="AA12"/>', b'<c\tr="XFD1048576"/>')
    assert limits._references(tabbed) == general(tabbed) == (1048576, 16384)
    prefixed = b'<x:row r="70000"><x:c r="C2"/></x:row>'
    assert limits._references(prefixed) == general(prefixed) == (70000, 3)
    assert limits._references(b"<sheetData/>") == (0, 0)
