"""Interval look-ups in logarithmic time, for code that asks "what lies here?" once per finding.

Scanning every earlier finding for each new one makes an analyzer quadratic in the length of
the document (a 200k-character transcript has thousands of mentions); these indexes answer the
same questions, with the same answers, from offsets sorted once.

>>> taken = OverlapIndex([(0, 4), (10, 20)])
>>> taken.overlaps(3, 6), taken.overlaps(4, 10), taken.overlaps(15, 16)
(True, False, True)
>>> taken.hull(2, 12)
(0, 20)
>>> DisjointSpans([(0, 5, "PERSON"), (8, 12, "GPE")]).containing(9, 11)
(8, 12, 'GPE')
>>> LastContaining([(0, 100), (10, 20), (30, 40)]).find(35)
2
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate
from typing import Any, Generic, Protocol, TypeVar

__all__ = [
    "DisjointSpans",
    "LastContaining",
    "OverlapIndex",
    "SortedSpans",
    "longest_first",
    "positions_between",
]

T = TypeVar("T")
Row = TypeVar("Row", bound=tuple[Any, ...])


class HasOffsets(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=HasOffsets)


class OverlapIndex:
    """Answers "does ``[start, end)`` overlap any of these spans?" in O(log n).

    Exactly ``any(start < e and s < end for s, e in spans)``; the spans may overlap each other.
    """

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        # _reach[k]: the furthest end among the k spans that start first.
        self._reach = [0, *accumulate((e for _, e in ordered), max)]

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect_left(self._starts, end)  # the spans with s < end
        return before > 0 and self._reach[before] > start

    def hull(self, start: int, end: int) -> tuple[int, int] | None:
        """The smallest start and the largest end of the spans overlapping ``[start, end)``."""
        before = bisect_left(self._starts, end)
        # _reach only grows: the first span ending after `start` is where it first passes it.
        first = bisect_right(self._reach, start, 1) - 1
        if first >= before:
            return None
        return self._starts[first], self._reach[before]


class DisjointSpans(Generic[Row]):
    """Spans that never overlap one another (as spaCy's ``doc.ents``), found by position.

    Items are tuples whose first two fields are ``start`` and ``end``.
    """

    def __init__(self, spans: Iterable[Row]):
        self._spans: list[Row] = sorted(spans, key=lambda span: (span[0], span[1]))
        self._starts = [span[0] for span in self._spans]

    def containing(self, start: int, end: int) -> Row | None:
        """The first span (in document order) with ``s <= start`` and ``end <= e``, or None.

        Spans do not overlap, so only the last one starting at or before ``start`` can contain
        a non-empty ``[start, end)``; an empty one on a boundary may lie in the one before too.
        """
        index = bisect_right(self._starts, start) - 1
        for candidate in self._spans[max(0, index - 1) : index + 1]:
            if candidate[0] <= start and end <= candidate[1]:
                return candidate
        return None


class SortedSpans(Generic[S]):
    """Spans sorted by start (stably: equal starts keep their order), listed by position.

    A span overlapping ``[start, end)`` starts at most ``longest`` characters before ``start``,
    so a query reads only the spans starting in that window: O(log n + window).
    """

    def __init__(self, spans: Iterable[S]):
        self.items: list[S] = sorted(spans, key=lambda span: span.start)
        self._starts = [span.start for span in self.items]
        self._longest = max((span.end - span.start for span in self.items), default=0)

    def overlapping(self, start: int, end: int) -> list[S]:
        """``[s for s in items if s.start < end and start < s.end]``, in the same order."""
        low = bisect_left(self._starts, start - self._longest)
        high = bisect_left(self._starts, end)
        return [span for span in self.items[low:high] if span.start < end and start < span.end]

    def containing(self, position: int) -> list[S]:
        """``[s for s in items if s.start <= position < s.end]``, in the same order."""
        return self.overlapping(position, position + 1)

    def starting_in(self, start: int, end: int) -> list[S]:
        """``[s for s in items if start <= s.start < end]``, in the same order."""
        return self.items[bisect_left(self._starts, start) : bisect_left(self._starts, end)]


class LastContaining:
    """Of spans sorted by start, the index of the last one with ``start <= position < end``.

    A max-tree over the ends finds, among the spans starting at or before the position, the
    rightmost whose end lies beyond it: O(log n) however the spans nest or overlap.
    """

    def __init__(self, spans: Sequence[tuple[int, int]]):
        self._starts = [start for start, _ in spans]
        if any(a > b for a, b in zip(self._starts, self._starts[1:], strict=False)):
            raise ValueError("LastContaining expects spans sorted by start")
        self._size = 1
        while self._size < len(spans):
            self._size *= 2
        tree = [-1] * (2 * self._size)  # -1: no span (ends are never negative)
        tree[self._size : self._size + len(spans)] = [end for _, end in spans]
        for node in range(self._size - 1, 0, -1):
            tree[node] = max(tree[2 * node], tree[2 * node + 1])
        self._tree = tree

    def find(self, position: int) -> int | None:
        count = bisect_right(self._starts, position)  # spans 0..count-1 start at or before it
        if count and self._tree[self._size + count - 1] > position:
            return count - 1  # the usual case: spans that do not nest (a transcript's turns)
        for node in self._nodes_right_to_left(count):
            if self._tree[node] > position:
                return self._descend(node, position)
        return None

    def _nodes_right_to_left(self, count: int) -> list[int]:
        """The tree nodes that exactly cover leaves [0, count), rightmost first."""
        low, high = self._size, self._size + count
        lefts: list[int] = []
        rights: list[int] = []
        while low < high:
            if low & 1:
                lefts.append(low)
                low += 1
            if high & 1:
                high -= 1
                rights.append(high)
            low //= 2
            high //= 2
        return rights + lefts[::-1]

    def _descend(self, node: int, position: int) -> int:
        tree = self._tree
        while node < self._size:
            node = 2 * node + 1 if tree[2 * node + 1] > position else 2 * node
        return node - self._size


def longest_first(items: Iterable[T], bounds: Callable[[T], tuple[int, int]]) -> list[T]:
    """Greedy choice of items whose spans do not overlap: longest first, then leftmost.

    Returns the chosen items sorted by start. Each check costs the item's own length (a
    per-character owner table), not the number of items chosen before it.
    """
    ordered = sorted(items, key=lambda item: (bounds(item)[0] - bounds(item)[1], bounds(item)[0]))
    owner = [0] * max((bounds(item)[1] for item in ordered), default=0)
    chosen: list[T] = []
    for item in ordered:
        start, end = bounds(item)
        if start < end:
            if any(owner[start:end]):
                continue
            owner[start:end] = [len(chosen) + 1] * (end - start)
        elif 0 < start < len(owner) and owner[start - 1] and owner[start - 1] == owner[start]:
            continue  # an empty span strictly inside a chosen one overlaps it
        chosen.append(item)
    return sorted(chosen, key=lambda item: bounds(item)[0])


def positions_between(ordered: Sequence[int], low: int, high: int) -> range:
    """Indexes ``i`` of the sorted ``ordered`` with ``low <= ordered[i] <= high``."""
    return range(bisect_left(ordered, low), bisect_right(ordered, high))
