"""A rendered w:body put into its document as text, parsed once with the document: the tree lxml's move would give.

docxtpl parses the rendered body on its own and moves it into the document. lxml's move re-points every
namespace reference of the moved subtree through a cache that grows by one entry per `xml:space` attribute
(each w:t holding spaces has one): time quadratic in the body, 0.1 s for a 6 MB body, 17 s for 63 MB.

Here the body is written into the document's own serialization and the whole document is parsed once, which
keeps every element and text as they were. What the move also does, it does to the namespace declarations:
one that an ancestor already makes (same prefix, same URI) is dropped. The few start tags that declare a
namespace are found in the text and handled the same way. When the move would rename a prefix (a URI an
ancestor declares under another prefix) or a default namespace is declared, `in_document` gives None and
the caller moves the body as docxtpl does.
"""

from __future__ import annotations

import re

from lxml import etree

_XMLNS = re.compile(r'\s+xmlns(?::([\w.-]+))?="([^"]*)"')
_NAME = re.compile(r"<([\w.:-]+)")
_MARK = "zhibiao-body"
_CHUNK = 1 << 20  # the body goes to the parser in pieces of this many characters, copied once


def in_document(root, body: str) -> list[str] | None:
    """document.xml in pieces (to feed a parser): `root` serialized with `body` (a rendered w:body) in place of
    its w:body; or None."""
    old = root.find(f"{{{root.nsmap.get('w')}}}body")
    if old is None or not body.startswith("<w:body"):
        return None
    mark = etree.Comment(_MARK)
    root.replace(old, mark)
    try:
        outer = etree.tostring(root, encoding="unicode")
    finally:
        root.replace(mark, old)
    head, tail = outer.split(f"<!--{_MARK}-->")
    pieces = without_redundant_namespaces(body, _XMLNS.findall(head[:head.index(">")]))
    return None if pieces is None else [head, *pieces, tail]


def without_redundant_namespaces(body: str, outer: list[tuple[str, str]]) -> list[str] | None:
    """`body` without the declarations lxml's move drops (those an ancestor already makes, outer ones included),
    in pieces of at most _CHUNK characters.

    `outer` lists the enclosing element's declarations (prefix, URI) in order. None when the move would do
    more than drop declarations."""
    tags = _declaring_tags(body)
    if tags is None:
        return None
    scopes: list[tuple[int, list[tuple[str, str]]]] = [(len(body) + 1, list(outer))]  # open declaring elements
    pieces, done = [], 0
    for start, stop, end, declared in tags:
        while scopes[-1][0] <= start:  # elements that closed before this tag
            scopes.pop()
        kept, dropped = [], set()
        for prefix, uri in declared:
            found = _search(scopes, uri)
            if found is None:
                kept.append((prefix, uri))
            elif found == prefix:
                dropped.add((prefix, uri))
            else:
                return None  # the move would rename the prefix
        scopes.append((end, kept))
        if dropped:
            tag = _XMLNS.sub(lambda m: "" if (m.group(1), m.group(2)) in dropped else m.group(0), body[start:stop])
            pieces += _chunks(body, done, start) + [tag]
            done = stop
    return pieces + _chunks(body, done, len(body))


def _chunks(text: str, start: int, stop: int) -> list[str]:
    return [text[i:min(i + _CHUNK, stop)] for i in range(start, stop, _CHUNK)]


def _search(scopes: list[tuple[int, list[tuple[str, str]]]], uri: str) -> str | None:
    """The prefix under which the nearest ancestor declares `uri` while that prefix still means it (libxml2's
    xmlSearchNsByHref), or None."""
    nearer: set[str] = set()  # prefixes declared by ancestors nearer than the one looked at
    for _, declared in reversed(scopes):
        for prefix, href in declared:
            if href == uri and prefix not in nearer:
                return prefix
        nearer.update(prefix for prefix, _ in declared)
    return None


def _declaring_tags(body: str) -> list[tuple[int, int, int, list[tuple[str, str]]]] | None:
    """Each start tag that declares namespaces: where it starts and stops, where its element ends, and its
    declarations (prefix, URI) in order; None when one declares a default namespace or its end is not found."""
    found, pos = [], 0
    while (at := body.find("xmlns", pos)) != -1:
        start = body.rfind("<", 0, at)
        stop = body.find(">", start) + 1
        pos = max(stop, at + 5)
        if stop <= at:  # in a text, not inside a tag
            continue
        tag = body[start:stop]
        declared = _XMLNS.findall(tag)
        if not declared:
            continue
        if any(not prefix for prefix, _ in declared):
            return None
        end = stop if tag.endswith("/>") else len(body) if start == 0 else _element_end(body, _NAME.match(tag)[1], stop)
        if end is None:
            return None
        found.append((start, stop, end, declared))
    return found


def _element_end(body: str, name: str, after: int) -> int | None:
    """Where the element whose start tag ends at `after` ends (past its end tag), counting nested same-name ones."""
    depth = 1
    for m in re.compile(rf"<(/?){re.escape(name)}(?=[\s/>])").finditer(body, after):
        if m.group(1):
            depth -= 1
            if depth == 0:
                return body.find(">", m.end()) + 1
        elif body[body.find(">", m.end()) - 1] != "/":
            depth += 1
    return None
