"""Which indicator of the old version is which of the new: the same name, then a small rename.

A small rename is a changed unit in brackets (`认证企业(家)` → `认证企业(个)`), or names alike enough
(`认证企业` → `认证企业数`, similarity ≥ 0.8 by difflib's ratio). Each old name pairs with at most one
new name, the most alike first.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from ..expr import without_unit

SIMILAR = 0.8


def base(key: str) -> str:
    """A name key without its trailing unit in brackets."""
    return without_unit(key)


def pair(old: list[str], new: list[str]) -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[str], list[str]]:
    """(same, renamed, removed, added): keys present in both, (old, new) renames, old only, new only."""
    new_set = set(new)
    same = [(k, k) for k in old if k in new_set]
    old_left = [k for k in old if k not in new_set]
    old_set = set(old)
    new_left = [k for k in new if k not in old_set]
    renamed: list[tuple[str, str]] = []
    if old_left and new_left:
        by_base: dict[str, list[str]] = {}
        for k in new_left:
            by_base.setdefault(base(k), []).append(k)
        for k in list(old_left):
            candidates = by_base.get(base(k))
            if candidates:
                n = candidates.pop(0)
                renamed.append((k, n))
                old_left.remove(k)
                new_left.remove(n)
        scored = []
        for i, o in enumerate(old_left):
            matcher = SequenceMatcher(None, "", base(o))  # b is the side difflib indexes: index it once
            for j, n in enumerate(new_left):
                matcher.set_seq1(base(n))
                if matcher.real_quick_ratio() >= SIMILAR and matcher.quick_ratio() >= SIMILAR:
                    ratio = matcher.ratio()
                    if ratio >= SIMILAR:
                        scored.append((-ratio, i, j))
        used_old, used_new = set(), set()
        for _, i, j in sorted(scored):
            if i not in used_old and j not in used_new:
                used_old.add(i)
                used_new.add(j)
                renamed.append((old_left[i], new_left[j]))
        old_left = [k for i, k in enumerate(old_left) if i not in used_old]
        new_left = [k for j, k in enumerate(new_left) if j not in used_new]
    return same, renamed, old_left, new_left
