"""What a long piece of work is doing now, for whoever shows it (the command line's progress line on stderr).

The core says where it is (`begin`, `counted`); it never prints. Showing it is the listener's business
(zhibiao/cli/meter.py: told when a step begins, and reading the counts from a thread of its own), so saying
costs an attribute write and nothing is shown when no one listens (the API, the UDFs, --json, a pipe).
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator, Sized, TypeVar

T = TypeVar("T")


class Step:
    """The step in hand: a Chinese label (正在校验 1200 项指标), and how far along it is when that is known."""

    __slots__ = ("label", "done", "total")

    def __init__(self) -> None:
        self.label: str = ""
        self.done: int = 0
        self.total: int | None = None


NOW = Step()
# called (no arguments) when a step begins, by whoever shows the steps; None when no one does
WATCH: Callable[[], None] | None = None


def begin(label: str, total: int | None = None) -> None:
    """A new step: `label` says what is being done; `total`, when known, how many units it has."""
    NOW.label, NOW.done, NOW.total = label, 0, total
    if WATCH is not None:
        WATCH()


def counted(items: Iterable[T], label: str, total: int | None = None) -> Iterator[T]:
    """Each item of `items`, counted into a step called `label` (out of len(items) unless `total` is given)."""
    if total is None and isinstance(items, Sized):
        total = len(items)
    begin(label, total)
    step = NOW
    for item in items:
        yield item
        step.done += 1
