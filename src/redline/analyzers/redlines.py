"""The red-lines layer: conditions and thresholds a text states, who sets them, against whom.

Two sources, both cited:
1. conditional threats: a claim the speaker's side threatens, in the consequence of an "if"
   clause in its own or the previous sentence ("If Ukraine and NATO go further, ... we will
   have to strike");
2. threshold and ultimatum wording from ``data/redlines.yaml`` ("the limit of our compromise",
   "categorically unacceptable", "we have no other choice but to ...").

The cues and the condition clause are the language's own: ``data/redlines.yaml`` for English,
``data/<lang>/redlines.yaml`` (same schema) for another language («красная линия»,
«неприемлемо», «не потерпим», «если ..., то ...»).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import ClassVar

from redline.analyzers.base import AnalysisContext, AnalyzerOutput
from redline.analyzers.versions import content_version
from redline.attributes import (
    ANY_LABEL,
    ActorAttributes,
    Attributes,
    ClaimAttributes,
    InGroupAttributes,
    RedLineAttributes,
)
from redline.claims.lexicon import data_name
from redline.data_files import DataFile, load
from redline.document import Document, Span
from redline.intervals import SortedSpans
from redline.scope import ScopeIndex, TextUnits

ANALYZER = "redlines"


class RedLineCue(DataFile):
    id: str
    kind: str
    pattern: str


class RedLinesFile(DataFile):
    """``data/redlines.yaml``: the cues of a red line, each with its kind."""

    version: int
    # A condition clause: the words that open it, then the clause itself as group 1.
    condition_clause: str
    cues: list[RedLineCue]
    condition_window: int


@dataclass(frozen=True)
class _Cues:
    """One language's compiled red-line cues."""

    condition: re.Pattern[str]
    cues: list[tuple[str, str, re.Pattern[str]]]  # (cue id, kind, pattern)


@cache
def _data(language: str = "en") -> _Cues:
    """The compiled cues of ``language``'s packaged file."""
    data = load(data_name("redlines.yaml", language), RedLinesFile)
    return _Cues(
        re.compile(data.condition_clause, re.IGNORECASE),
        [(c.id, c.kind, re.compile(c.pattern, re.IGNORECASE)) for c in data.cues],
    )


class RedLineAnalyzer:
    """Finds red lines: threshold, setter, target, condition, consequence and its level."""

    name: ClassVar[str] = ANALYZER
    # The release, then a digest of the code, data and model its findings depend on.
    version: ClassVar[str] = content_version(
        "1.0.0",
        "analyzers/redlines.py",
        "data/redlines.yaml",
        "data/ru/redlines.yaml",
    )
    requires: ClassVar[tuple[str, ...]] = ("structure", "sentences", "actors", "groups", "claims")
    provides: ClassVar[tuple[str, ...]] = ("redlines",)
    attributes: ClassVar[Mapping[str, type[Attributes]]] = {ANY_LABEL: RedLineAttributes}
    languages: ClassVar[tuple[str, ...]] = ("en", "ru")

    def initialize(self) -> None:
        for language in self.languages:
            _data(language)

    def analyze(self, document: Document, context: AnalysisContext) -> AnalyzerOutput:
        cues = _data(context.language)
        scopes = ScopeIndex(document)
        sentences = [(s.start, s.end) for s in document.layer("sentences")]
        in_groups = {
            InGroupAttributes.read(s).scope: s
            for s in document.layer("groups")
            if s.label == "in_group"
        }
        claims = SortedSpans(document.layer("claims"))
        actors = SortedSpans(document.layer("actors"))
        units = TextUnits(document)
        spans: dict[str, Span] = {}
        for index, (start, end) in enumerate(sentences):
            if not units.is_text(start):
                continue  # a share prompt or a byline sets no red line
            sentence_claims = claims.starting_in(start, end)
            previous = sentences[index - 1] if index else None
            for span in _conditional_threats(
                document, sentence_claims, (start, end), previous, scopes, in_groups, actors,
                cues.condition,
            ):  # fmt: skip
                spans[span.id] = span
            for span in _cue_lines(
                document, (start, end), previous, claims, scopes, in_groups, actors, cues
            ):
                spans.setdefault(span.id, span)
        return AnalyzerOutput(layers={"redlines": list(spans.values())})


def _actors_in(
    actors: SortedSpans[Span], start: int, end: int, exclude: str | None
) -> list[dict[str, str]]:
    seen: dict[str, dict[str, str]] = {}
    for span in actors.starting_in(start, end):
        if span.end <= end:
            actor = ActorAttributes.read(span)
            if (actor.state or actor.actor_id) != exclude and actor.actor_id != exclude:
                seen.setdefault(actor.actor_id, {"id": actor.actor_id, "name": actor.name})
    return list(seen.values())


def _targets_of(claim: Span, exclude: str | None) -> list[dict[str, str]]:
    """The consequence claim's targets (ids; the first one's name is the only one it keeps)."""
    read = ClaimAttributes.read(claim)
    names = {read.target: read.target_name}
    return [
        {"id": target, "name": names.get(target) or target}
        for target in read.targets
        if target and target != exclude
    ]


def _setter(
    scope_key: str, in_groups: dict[str, Span], claim: Span | None
) -> tuple[str | None, str | None]:
    read = ClaimAttributes.read(claim) if claim is not None else None
    if read is not None and read.actor:
        return read.actor, read.actor_name
    group = in_groups.get(scope_key)
    if group is not None:
        in_group = InGroupAttributes.read(group)
        return in_group.actor_id, in_group.name
    return None, None


def _conditional_threats(
    document: Document,
    claims: list[Span],
    sentence: tuple[int, int],
    previous: tuple[int, int] | None,
    scopes: ScopeIndex,
    in_groups: dict[str, Span],
    actors: SortedSpans[Span],
    if_clause: re.Pattern[str],
) -> list[Span]:
    found = []
    for claim in claims:
        if ClaimAttributes.read(claim).stance != "threaten":
            continue
        condition = _condition(document.text, sentence, previous, claim.start, if_clause)
        if condition is None:
            continue
        cond_start, cond_end = condition
        scope = scopes.at(claim.start)
        setter, setter_name = _setter(scope.key, in_groups, claim)
        # Against whom: whoever the condition names; failing that, whom the consequence targets
        # ("if anybody tries ..., Russia will respond against the places where terrorists ...").
        against = _actors_in(actors, cond_start, cond_end, setter) or _targets_of(claim, setter)
        found.append(
            document.make_span(
                cond_start,
                claim.end,
                "conditional_threat",
                analyzer=ANALYZER,
                rule="condition+threat",
                confidence=0.7 if against else 0.55,
                span_id=f"redlines/{cond_start}-{claim.end}/conditional",
                attrs={
                    "kind": "conditional_threat",
                    "setter": setter,
                    "setter_name": setter_name,
                    "against": [a["id"] for a in against],
                    "against_names": [a["name"] for a in against],
                    "condition": document.text[cond_start:cond_end],
                    "consequence": claim.text,
                    "consequence_claim": claim.id,
                    "level": ClaimAttributes.read(claim).level,
                    "speaker": scope.speaker,
                    "section": scope.section,
                },
            )
        )
    return found


def _condition(
    text: str, sentence: tuple[int, int], previous: tuple[int, int] | None, before: int,
    if_clause: re.Pattern[str],
) -> tuple[int, int] | None:  # fmt: skip
    for start, end in [sentence] + ([previous] if previous else []):
        limit = min(end, before) if start <= before < end else end
        match = if_clause.search(text, start, limit)
        if match:
            return match.start(), match.end(1)
    return None


def _cue_lines(
    document: Document, sentence: tuple[int, int], previous: tuple[int, int] | None,
    all_claims: SortedSpans[Span], scopes: ScopeIndex, in_groups: dict[str, Span],
    actors: SortedSpans[Span], cues: _Cues,
) -> list[Span]:  # fmt: skip
    start, end = sentence
    text = document.text
    found = []
    for cue_id, kind, pattern in cues.cues:
        match = pattern.search(text, start, end)
        if match is None or (kind == "condition" and _asks(text[start:end])):
            # "What if NATO goes further?" poses a condition and sets no line; the answer may
            # set one, and is read on its own.
            continue
        scope = scopes.at(match.start())
        consequence = _consequence(match.end(), all_claims, end)
        setter, setter_name = _setter(scope.key, in_groups, None)
        # "This is unacceptable" judges what the sentence before it told: look back one sentence
        # when this one names no one.
        against = _actors_in(actors, start, end, setter) or (
            _actors_in(actors, previous[0], previous[1], setter) if previous else []
        )
        condition = cues.condition.search(text, start, end)
        level = ClaimAttributes.read(consequence).level if consequence is not None else 1
        found.append(
            document.make_span(
                match.start(),
                match.end(),
                kind,
                analyzer=ANALYZER,
                rule=cue_id,
                confidence=0.6,
                span_id=f"redlines/{match.start()}-{match.end()}/{cue_id}",
                attrs={
                    "kind": kind,
                    "setter": setter,
                    "setter_name": setter_name,
                    "against": [a["id"] for a in against],
                    "against_names": [a["name"] for a in against],
                    "condition": text[condition.start() : condition.end(1)] if condition else None,
                    "consequence": consequence.text if consequence is not None else None,
                    "consequence_claim": consequence.id if consequence is not None else None,
                    "level": level,
                    "sentence": text[start:end].strip(),
                    # The threshold's evidence is its sentence: what is unacceptable, what crosses
                    # it.
                    "sentence_span": [start, start + len(text[start:end].rstrip())],
                    "speaker": scope.speaker,
                    "section": scope.section,
                },
            )
        )
    return found


def _asks(sentence: str) -> bool:
    return sentence.rstrip().rstrip("\"'”’»)").endswith("?")


def _consequence(after: int, all_claims: SortedSpans[Span], sentence_end: int) -> Span | None:
    """The first threatened or advocated action after the cue, in this or the next sentence."""
    for claim in all_claims.starting_in(after, sentence_end + 400):
        if ClaimAttributes.read(claim).stance in ("threaten", "advocate"):
            return claim
    return None
