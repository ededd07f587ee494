"""Well-formed markup over overlapping spans.

Spans may overlap without nesting, which tags cannot. The text is cut at every span boundary;
each piece is wrapped in one element per span covering it, outer to inner by (rank, start,
longest first). Between pieces only the elements that change are closed and opened, so a span
that nests properly stays one element and a span that crosses another is split into pieces,
each carrying the same data. Every character of the text is emitted once, in order.

>>> parts = [Element(0, 5, 2, "<b>", "<b>", "</b>"), Element(3, 8, 2, "<i>", "<i>", "</i>")]
>>> "".join(nest("abcdefgh", parts, str))
'<b>abc<i>de</i></b><i>fgh</i>'
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True)
class Element:
    """A stretch of text to wrap in ``open_tag`` ... ``close_tag``.

    Lower ``rank`` encloses higher (blocks 0, inline structure 1, highlights 2). ``cont_tag``
    opens the second and later pieces of a split element. ``order`` breaks remaining ties.
    """

    start: int
    end: int
    rank: int
    open_tag: str
    cont_tag: str
    close_tag: str
    order: tuple[int, str] = (0, "")

    def key(self) -> tuple[int, int, int, tuple[int, str]]:
        return (self.rank, self.start, -self.end, self.order)


def nest(text: str, elements: Sequence[Element], escape: Callable[[str], str]) -> Iterator[str]:
    """Markup for ``text`` with ``elements`` applied; ``escape`` turns text into markup."""
    live = [e for e in elements if e.start < e.end]
    bounds = sorted({0, len(text)} | {e.start for e in live} | {e.end for e in live})
    starting: dict[int, list[int]] = {}
    for index, element in enumerate(live):
        starting.setdefault(element.start, []).append(index)
    active: set[int] = set()
    opened: set[int] = set()
    stack: list[int] = []
    for left, right in pairwise(bounds):
        active = {i for i in active if live[i].end > left} | set(starting.get(left, ()))
        wanted = sorted(active, key=lambda i: live[i].key())
        keep = _common_prefix(stack, wanted)
        yield from (live[i].close_tag for i in reversed(stack[keep:]))
        for i in wanted[keep:]:
            yield live[i].cont_tag if i in opened else live[i].open_tag
            opened.add(i)
        stack = wanted
        yield escape(text[left:right])
    yield from (live[i].close_tag for i in reversed(stack))


def _common_prefix(old: list[int], new: list[int]) -> int:
    length = 0
    for a, b in zip(old, new, strict=False):
        if a != b:
            break
        length += 1
    return length
