"""Each interval index answers exactly what the scan it replaces answered, on random spans.

Issue 15 §1: these indexes replaced per-finding scans of the whole document; the scans stay
here as the oracles.
"""

from __future__ import annotations

import random

import pytest

from redline.intervals import (
    DisjointSpans,
    LastContaining,
    OverlapIndex,
    SortedSpans,
    longest_first,
    positions_between,
)


class _Span:
    def __init__(self, start: int, end: int, tag: int):
        self.start, self.end, self.tag = start, end, tag

    def __repr__(self) -> str:
        return f"_Span({self.start}, {self.end}, {self.tag})"


def _random_spans(
    rng: random.Random, count: int, length: int = 200, longest: int = 30
) -> list[tuple[int, int]]:
    spans = []
    for _ in range(count):
        start = rng.randrange(length)
        spans.append((start, min(length, start + rng.randrange(longest))))  # empty spans too
    return spans


def _disjoint(rng: random.Random, length: int = 300) -> list[tuple[int, int, str]]:
    spans, position = [], 0
    while position < length:
        position += rng.randrange(0, 6)
        end = position + rng.randrange(1, 12)
        spans.append((position, end, f"E{position}"))
        position = end
    return spans


@pytest.mark.parametrize("seed", range(20))
def test_intervals_overlap_index_matches_the_scan(seed: int) -> None:
    rng = random.Random(seed)
    spans = _random_spans(rng, rng.randrange(0, 40))
    index = OverlapIndex(spans)
    for start, end in _random_spans(rng, 200, length=220):
        overlapping = [(s, e) for s, e in spans if start < e and s < end]
        assert index.overlaps(start, end) == bool(overlapping)
        expected = (
            (min(s for s, _ in overlapping), max(e for _, e in overlapping))
            if overlapping
            else None
        )
        assert index.hull(start, end) == expected


@pytest.mark.parametrize("seed", range(20))
def test_intervals_disjoint_spans_find_what_a_scan_in_order_finds(seed: int) -> None:
    rng = random.Random(seed)
    spans = _disjoint(rng)
    index = DisjointSpans(spans)
    for start, end in _random_spans(rng, 300, length=320, longest=8):
        expected = next((span for span in spans if span[0] <= start and end <= span[1]), None)
        assert index.containing(start, end) == expected


@pytest.mark.parametrize("seed", range(20))
def test_intervals_sorted_spans_list_what_a_scan_lists(seed: int) -> None:
    rng = random.Random(seed)
    items = [_Span(s, e, i) for i, (s, e) in enumerate(_random_spans(rng, rng.randrange(0, 60)))]
    index = SortedSpans(items)
    ordered = sorted(items, key=lambda span: span.start)
    for start, end in _random_spans(rng, 100, length=220):
        assert index.overlapping(start, end) == [
            s for s in ordered if s.start < end and start < s.end
        ]
        assert index.containing(start) == [s for s in ordered if s.start <= start < s.end]


@pytest.mark.parametrize("seed", range(20))
def test_intervals_last_containing_matches_the_reverse_scan(seed: int) -> None:
    rng = random.Random(seed)
    spans = sorted(_random_spans(rng, rng.randrange(0, 50)), key=lambda span: span[0])
    index = LastContaining(spans)
    for position in range(-2, 205):
        expected = next(
            (i for i in reversed(range(len(spans))) if spans[i][0] <= position < spans[i][1]), None
        )
        assert index.find(position) == expected


def test_intervals_last_containing_refuses_unsorted_spans() -> None:
    with pytest.raises(ValueError, match="sorted by start"):
        LastContaining([(5, 9), (1, 3)])


def _greedy_scan(items: list[_Span]) -> list[_Span]:
    """The quadratic greedy the project used before: longest first, then leftmost."""
    chosen: list[_Span] = []
    for item in sorted(items, key=lambda s: (s.start - s.end, s.start)):
        if all(item.end <= c.start or item.start >= c.end for c in chosen):
            chosen.append(item)
    return sorted(chosen, key=lambda s: s.start)


@pytest.mark.parametrize("seed", range(30))
def test_intervals_longest_first_chooses_what_the_scan_chose(seed: int) -> None:
    rng = random.Random(seed)
    items = [_Span(s, e, i) for i, (s, e) in enumerate(_random_spans(rng, rng.randrange(0, 80)))]
    assert longest_first(items, lambda s: (s.start, s.end)) == _greedy_scan(items)


def test_intervals_positions_between_is_inclusive() -> None:
    assert list(positions_between([1, 3, 3, 5, 8], 3, 5)) == [1, 2, 3]
    assert list(positions_between([1, 3], 4, 9)) == []


def test_sorted_spans_starting_in_is_the_scan() -> None:
    rng = random.Random(7)
    spans = [_Span(s, e, i) for i, (s, e) in enumerate(_random_spans(rng, 200, length=500))]
    index = SortedSpans(spans)
    for _ in range(100):
        start = rng.randint(0, 500)
        end = start + rng.randint(0, 80)
        assert index.starting_in(start, end) == [s for s in index.items if start <= s.start < end]
