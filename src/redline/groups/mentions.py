"""What the groups layer reads of other layers: the linked actor mentions, read once through
the actors' contract (:class:`~redline.attributes.ActorAttributes`), the evidence it gathers,
and the sentences it counts in."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from redline.attributes import ActorAttributes
from redline.document import Document, Span

Sentences = list[tuple[int, int]]
"""The document's sentences as sorted, disjoint (start, end) offsets."""

Decision = tuple[str, str, float]
"""Who a voice's "we" stands for: (actor id, name, confidence)."""


@dataclass(frozen=True)
class Evidence:
    """One cue for who "we" is in a voice, with its weight and where it is."""

    actor_id: str
    name: str
    weight: float
    cue: str
    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    """An actor mention with its attributes, read once: every cue reads them many times."""

    span: Span
    attrs: ActorAttributes

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end

    @property
    def text(self) -> str:
        return self.span.text


def linked_mentions(document: Document) -> list[Mention]:
    """The actors linked to the gazetteer, by offset. A mention that does not fit the actors'
    contract (a hand-made document) is no evidence."""
    found = []
    for span in document.layer("actors"):
        attrs = ActorAttributes.read_or_none(span)
        if attrs is not None and attrs.linked:
            found.append(Mention(span, attrs))
    return sorted(found, key=lambda m: m.start)


def sentences_of(document: Document) -> Sentences:
    """The sentences layer's offsets; the whole text as one sentence when there is none."""
    return [(s.start, s.end) for s in document.layer("sentences")] or [(0, len(document.text))]


def sentence_index(sentences: Sentences, offset: int) -> int | None:
    """The index of the sentence holding ``offset`` (sentences are sorted and disjoint)."""
    index = bisect.bisect_right(sentences, (offset, float("inf"))) - 1
    return index if index >= 0 and sentences[index][0] <= offset < sentences[index][1] else None


def sentence_start(sentences: Sentences, offset: int) -> int:
    """Where the sentence of ``offset`` starts; 200 characters back when it lies in none."""
    index = sentence_index(sentences, offset)
    return sentences[index][0] if index is not None else max(0, offset - 200)


def sentence_of(sentences: Sentences, offset: int) -> tuple[int, int]:
    """The sentence of ``offset``; an empty stretch at it when it lies in none."""
    index = sentence_index(sentences, offset)
    return sentences[index] if index is not None else (offset, offset)
