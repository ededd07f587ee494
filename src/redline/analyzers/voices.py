"""Quoted voices: who speaks inside a direct quotation, and for whom.

A direct quote in a news item or an article carries the quoted speaker's own words, so its
claims carry that speaker's stance while the writer reports them (see
``../shared/LADDER_CONVENTIONS.md``). This analyzer finds the quotes and their speakers and
writes one ``quote`` span per quotation, over its content, with:

- ``speaker``: the speaker as the text names them ("Sergei Lavrov", "the ministry"); a pronoun
  speaker ("he said") is the person last named before the quote;
- ``speaker_id`` and ``state``: the gazetteer entry that mention links to and the state it
  belongs to (a person's affiliation, a ministry's state), when the actors layer linked it;
- ``reported_by``: the voice the quote sits in (the article's author, a turn's speaker).

Direct quotations are found by textacy's ``direct_quotations`` over the spaCy parse (a
maintained extractor of quotation, cue verb and speaker triples), which handles English
quotation marks; the speaker tokens are then mapped to the actors layer here.
Paraphrase ("Lavrov said that ...", "according to X") is not a quote: it stays the writer's
report, as the conventions require.
"""

from __future__ import annotations

from typing import Any, ClassVar

from redline.analyzers.base import AnalysisContext, AnalyzerOutput
from redline.analyzers.versions import content_version
from redline.document import Document, Span
from redline.scope import ScopeIndex

ANALYZER = "voices"
_PERSON_PRONOUNS = {"he", "she"}
# "we could say, '...'", "as I told them: '...'": the voice quotes itself; no new voice.
_SELF = {"i", "we"}
_PERSONISH = {"person", "government", "organisation", "state", "armed_group"}


class VoiceAnalyzer:
    """Finds direct quotations and the voice that speaks in each."""

    name: ClassVar[str] = ANALYZER
    # The release, then a digest of the code, data and model its findings depend on.
    version: ClassVar[str] = content_version(
        "1.0.0",
        "analyzers/voices.py",
        "gazetteer.py",
        "data/gazetteer",
    )
    requires: ClassVar[tuple[str, ...]] = ("structure", "actors")
    provides: ClassVar[tuple[str, ...]] = ("voices",)

    def initialize(self) -> None:
        from textacy.extract import triples  # noqa: F401 - fail at build time, not per document

    def analyze(self, document: Document, context: AnalysisContext) -> AnalyzerOutput:
        from textacy.extract.triples import direct_quotations

        if (document.metadata.language or "en") != "en":
            return AnalyzerOutput(layers={"voices": []})
        parsed = context.parsed
        scopes = ScopeIndex(document)
        actors = sorted(document.layer("actors"), key=lambda a: a.start)
        spans: list[Span] = []
        try:
            quotations = list(direct_quotations(parsed))
        except (ValueError, IndexError):
            quotations = []  # textacy's quote pairing gives up on unbalanced marks
        for quotation in quotations:
            content = quotation.content
            start, end = _strip_marks(document.text, content.start_char, content.end_char)
            if end - start < 3 or not quotation.speaker or _self_quote(quotation.speaker):
                continue
            speaker_start = quotation.speaker[0].idx
            speaker_end = quotation.speaker[-1].idx + len(quotation.speaker[-1])
            who = _speaker_actor(actors, speaker_start, speaker_end, start, quotation.speaker)
            outer = scopes.at(start)
            name = who.attrs["name"] if who is not None else _speaker_phrase(quotation.speaker)
            attrs: dict[str, Any] = {
                "speaker": str(name),
                "speaker_id": who.attrs["actor_id"] if who is not None else None,
                "state": _state(who),
                "cue": " ".join(t.text for t in quotation.cue),
                "speaker_start": speaker_start,
                "speaker_end": speaker_end,
                "reported_by": outer.speaker,
                "section": outer.section,
            }
            spans.append(document.make_span(
                start, end, "quote", analyzer=ANALYZER, rule="textacy.direct_quotations",
                confidence=0.8 if who is not None else 0.6, span_id=f"voices/{start}", attrs=attrs,
            ))  # fmt: skip
        return AnalyzerOutput(layers={"voices": spans})


def _strip_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """The quotation's words without its quotation marks and trailing comma."""
    marks = "\"'“”‘’«»„ ,"
    while start < end and text[start] in marks:
        start += 1
    while end > start and text[end - 1] in marks:
        end -= 1
    return start, end


def _self_quote(tokens: Any) -> bool:
    return all(t.lower_ in _SELF for t in tokens)


def _speaker_phrase(tokens: Any) -> str:
    return " ".join(t.text for t in tokens)


def _speaker_actor(
    actors: list[Span], start: int, end: int, quote_start: int, tokens: Any
) -> Span | None:
    """The actor mention that names the speaker; for a pronoun, the last person named before."""
    inside = [
        a for a in actors if a.start < end and start < a.end and a.attrs.get("type") in _PERSONISH
    ]
    if inside:
        # "Foreign Minister Sergei Lavrov": the person, not the state in the title.
        return max(inside, key=lambda a: (a.attrs.get("type") == "person", a.end))
    if len(tokens) == 1 and tokens[0].lower_ in _PERSON_PRONOUNS:
        before = [
            a
            for a in actors
            if a.end <= min(start, quote_start) and a.attrs.get("type") == "person"
        ]
        if before:
            return before[-1]
    return None


def _state(actor: Span | None) -> str | None:
    if actor is None:
        return None
    if actor.attrs.get("type") == "state":
        return str(actor.attrs["actor_id"])
    state = actor.attrs.get("state")
    return str(state) if state else None
