"""Where a character stands in a document's structure: which section, which speaker.

Built from the ``structure`` layer; every analyzer that attributes a finding to a speaker or a
section asks this one place.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from redline.attributes import QuoteAttributes, StructureAttributes
from redline.document import Document, Span
from redline.intervals import LastContaining

# Innermost first: a quotation beats whatever it is quoted in, a comment beats the comment
# section, a note beats the turn around it.
_PRIORITY = (
    "quote",
    "comment",
    "comments",
    "note",
    "advert",
    "furniture",
    "translation_credit",
    "turn",
    "body",
)
AUTHOR = "author"


@dataclass(frozen=True)
class Scope:
    """The voice a stretch of text is in.

    ``section`` is body, comments, note, advert, ... ; ``speaker`` the turn's speaker, the
    comment's author (or "commenter N"), a quoted speaker, or "author" for an article's own
    voice; ``key`` groups text spoken by the same voice (all turns of one speaker, one comment,
    every quotation of one speaker); ``reported_by`` is the voice a quotation is quoted in.
    """

    section: str
    speaker: str
    key: str
    start: int
    end: int
    label: str = "body"
    reported_by: str | None = None


class ScopeIndex:
    """Look-up of the Scope at any offset of a document."""

    def __init__(self, document: Document):
        self._text_length = len(document.text)
        spans = [s for s in document.layer("structure") if s.label in _PRIORITY]
        spans += [s for s in document.layer("voices") if s.label == "quote"]
        spans.sort(key=lambda s: (_PRIORITY.index(s.label), s.start))
        self._scopes = [_scope(span) for span in spans]
        self._by_start = sorted(self._scopes, key=lambda s: s.start)
        # Innermost label first; within a label the last scope (by start) around an offset wins.
        # One tree per label answers in O(log n): scanning every earlier scope made each look-up
        # linear and a long transcript's analyzers quadratic.
        self._by_label: list[tuple[list[Scope], LastContaining]] = []
        for label in _PRIORITY:
            scopes = [s for s in self._by_start if s.label == label]
            if scopes:
                self._by_label.append((scopes, LastContaining([(s.start, s.end) for s in scopes])))

    def at(self, offset: int) -> Scope:
        """The innermost scope containing ``offset`` (the whole text as the author's, if none)."""
        for scopes, index in self._by_label:
            found = index.find(offset)
            if found is not None:
                return scopes[found]
        return Scope("body", AUTHOR, "body", 0, self._text_length, "body")

    def with_key(self, key: str) -> Scope | None:
        """The first scope of the voice ``key`` (a speaker's turns, one comment, one quoted
        speaker)."""
        return next((s for s in self._by_start if s.key == key), None)

    def scopes(self) -> list[Scope]:
        """Every voice-bearing scope (turns, comments, the body) in document order."""
        return sorted(
            (s for s in self._scopes if s.label in ("turn", "comment", "body")),
            key=lambda s: s.start,
        )


def _scope(span: Span) -> Scope:
    if span.label == "quote":
        quoted = QuoteAttributes.read(span)
        key = f"quote:{quoted.speaker_id or quoted.speaker.lower()}"
        return Scope(
            quoted.section,
            quoted.speaker,
            key,
            span.start,
            span.end,
            "quote",
            reported_by=quoted.reported_by,
        )
    part = StructureAttributes.read_or_none(span) or StructureAttributes()
    if span.label == "turn":
        speaker = part.speaker or "speaker"
        return Scope("body", speaker, f"speaker:{speaker}", span.start, span.end, "turn")
    if span.label == "comment":
        index = part.index if part.index is not None else span.start
        author = part.author or f"commenter {index}"
        return Scope("comments", author, f"comment:{index}", span.start, span.end, "comment")
    if span.label == "comments":
        return Scope("comments", "commenters", "comments", span.start, span.end, "comments")
    return Scope(span.label, AUTHOR, span.label, span.start, span.end, span.label)


# Structure that is the page's, not the text's: no claim, red line or call is read in it.
NOT_TEXT = frozenset(
    {
        "furniture",
        "byline",
        "kicker",
        "advert",
        "translation_credit",
        "speaker_label",
        "comment_label",
    }
)
# The line-sized units a finding must not run across: a parse may join a headline, a byline and
# the first paragraph into one "sentence" when none of them ends in punctuation.
_UNITS = frozenset({*NOT_TEXT, "title", "subtitle", "standfirst", "paragraph", "note", "comment"})


class TextUnits:
    """The structural unit (headline, byline, paragraph, comment, furniture line ...) around an
    offset, innermost first."""

    def __init__(self, document: Document):
        spans = [s for s in document.layer("structure") if s.label in _UNITS]
        spans.sort(key=lambda s: (s.start, s.end - s.start))
        self._spans = spans
        self._starts = [s.start for s in spans]

    def at(self, offset: int) -> Span | None:
        """The shortest unit containing ``offset``, if any (units nest at most a few deep)."""
        index = bisect.bisect_right(self._starts, offset)
        best: Span | None = None
        for span in reversed(self._spans[max(0, index - 4) : index]):
            if span.start <= offset < span.end and (
                best is None or span.end - span.start < best.end - best.start
            ):
                best = span
        return best

    def is_text(self, offset: int) -> bool:
        """Whether ``offset`` lies in the text proper: not in page furniture, a byline, ... nor
        in a comment in another language (:func:`redline.pipeline.mark_other_languages`)."""
        unit = self.at(offset)
        # A comment in another language than the document's is not read with its rules.
        return unit is None or (unit.label not in NOT_TEXT and not _unanalysed(unit))


def _unanalysed(unit: Span) -> bool:
    """Whether ``unit`` is a comment marked not analysed (in a language of its own)."""
    part = StructureAttributes.read_or_none(unit)
    return part is not None and part.analysed is False
