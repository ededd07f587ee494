"""The alignment layer: who a speaker casts as ally, enemy, vassal or partner of whom.

Each sentence is rewritten with a slot in place of every actor mention and every resolved
pronoun ("his enemies are our enemies" -> "⟨0⟩ enemies are ⟨1⟩ enemies"), and the cue patterns
of ``data/alignment.yaml`` run over it. A match becomes a span over the words that state the
relation, with both actors, the direction and the speaker who asserts it, and a Relation
between the two actor spans.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import ClassVar, Literal

from pydantic import Field

from redline.analyzers.base import AnalysisContext, AnalyzerOutput
from redline.analyzers.versions import content_version
from redline.attributes import (
    ANY_LABEL,
    ActorAttributes,
    AlignmentAttributes,
    AlignmentRelationAttributes,
    Attributes,
    InGroupAttributes,
    PronounAttributes,
)
from redline.data_files import DataFile, load
from redline.document import Document, Relation, Span
from redline.intervals import longest_first
from redline.scope import ScopeIndex

ANALYZER = "alignment"
_SLOT = r"⟨\d+⟩"


@dataclass(frozen=True)
class Slot:
    """An actor standing at [start, end): a mention, or a pronoun resolved to an actor."""

    start: int
    end: int
    actor_id: str
    name: str
    state: str | None
    span_id: str


@dataclass(frozen=True)
class Cue:
    id: str
    pattern: re.Pattern[str]
    relation: str
    a_default: str | None
    b_default: str | None


class AlignmentCue(DataFile):
    """A pattern with slots {A} and {B} for the two sides, and the relation it asserts."""

    id: str
    pattern: str
    relation: str
    a: str | None = None
    b: str | None = None


class AlignmentFile(DataFile):
    """``data/alignment.yaml`` (``data/<language>/alignment.yaml`` for another language): the
    relations, the pejorative group words and the cues."""

    version: int
    relations: list[str]
    pejorative_groups: list[str]
    cues: list[AlignmentCue]
    # Possessive pronouns that stand for the last person ("his", "her") or the last other actor
    # ("its") named in the voice. Russian «его»/«её» agree with a noun's grammatical gender
    # («Россия и её союзники»), so the Russian file lists none rather than guess.
    possessive_pronouns: dict[str, Literal["person", "other"]]
    # "China and India remain our partners": the actors joined to the first side by these words
    # share its relation. Empty where a language lists none.
    conjunctions: list[str] = Field(default_factory=list)


@cache
def _data(language: str = "en") -> AlignmentFile:
    name = "alignment.yaml" if language == "en" else f"{language}/alignment.yaml"
    return load(name, AlignmentFile)


@cache
def _cues(language: str = "en") -> tuple[Cue, ...]:
    data = _data(language)
    pejorative = "(?:" + "|".join(map(re.escape, data.pejorative_groups)) + ")"
    cues = []
    for raw in data.cues:
        source = (
            raw.pattern.replace("{A}", f"(?P<a>{_SLOT})")
            .replace("{B}", f"(?P<b>{_SLOT})")
            .replace("{X}", _SLOT)
            .replace("{PEJORATIVE}", pejorative)
        )
        if source.startswith("(?P<a>"):
            # "the enemies of ⟨A⟩ are ..." must not read as "⟨A⟩ are ...".
            source = r"(?<!\bof )" + source
        cues.append(Cue(raw.id, re.compile(source, re.IGNORECASE), raw.relation, raw.a, raw.b))
    return tuple(cues)


class AlignmentAnalyzer:
    """Finds explicit ally / enemy / hostile / subordinate / partner / neutral statements."""

    name: ClassVar[str] = ANALYZER
    # The release, then a digest of the code, data and model its findings depend on.
    version: ClassVar[str] = content_version(
        "1.0.0",
        "analyzers/alignment.py",
        "data/alignment.yaml",
        "data/ru/alignment.yaml",
    )
    requires: ClassVar[tuple[str, ...]] = ("structure", "actors", "groups")
    provides: ClassVar[tuple[str, ...]] = ("alignment",)
    attributes: ClassVar[Mapping[str, type[Attributes]]] = {ANY_LABEL: AlignmentAttributes}
    relation_attributes: ClassVar[Mapping[str, type[Attributes]]] = {
        ANY_LABEL: AlignmentRelationAttributes
    }
    languages: ClassVar[tuple[str, ...]] = ("en", "ru")

    def initialize(self) -> None:
        for language in self.languages:
            _cues(language)

    def analyze(self, document: Document, context: AnalysisContext) -> AnalyzerOutput:
        scopes = ScopeIndex(document)
        cues = _cues(context.language)
        possessives = _data(context.language).possessive_pronouns
        conjunctions = _conjunctions(context.language)
        slots = _slots(document, scopes, possessives)
        in_groups = {
            InGroupAttributes.read(s).scope: s
            for s in document.layer("groups")
            if s.label == "in_group"
        }
        spans: list[Span] = []
        relations: list[Relation] = []
        sentences = [(s.start, s.end) for s in document.layer("sentences")] or [
            (0, len(document.text))
        ]
        slot_starts = [slot.start for slot in slots]
        for start, end in sentences:
            # Slots are sorted by start: each sentence reads only those starting inside it.
            nearby = slots[bisect_left(slot_starts, start) : bisect_right(slot_starts, end)]
            inside = [slot for slot in nearby if slot.end <= end]
            if not inside:
                continue
            template, starts, ends = _template(document.text, start, end, inside)
            for cue in cues:
                for match in cue.pattern.finditer(template):
                    scope = scopes.at(starts[match.start()])
                    speaker_slot = _speaker_slot(in_groups.get(scope.key))
                    a = _pick(match, "a", cue.a_default, inside, speaker_slot, template)
                    b = _pick(match, "b", cue.b_default, inside, speaker_slot, template)
                    if a is None or b is None or _same(a, b):
                        continue
                    span = _span(
                        document,
                        cue,
                        a,
                        b,
                        starts[match.start()],
                        ends[match.end() - 1],
                        scope.speaker,
                        scope.key,
                    )
                    spans.append(span)
                    relations.append(_relation(span, cue, a, b))
                    for joined in _joined_before(match, inside, template, conjunctions):
                        if _same(joined, b):
                            continue
                        span = _span(
                            document, cue, joined, b, joined.start, ends[match.end() - 1],
                            scope.speaker, scope.key,
                        )  # fmt: skip
                        spans.append(span)
                        relations.append(_relation(span, cue, joined, b))
        spans = _outermost(spans)
        kept_ids = {s.id for s in spans}  # once, not once per relation
        relations = [
            r for r in relations if AlignmentRelationAttributes.read(r).evidence in kept_ids
        ]
        unique_spans = {span.id: span for span in spans}
        unique_relations = {relation.id: relation for relation in relations}
        return AnalyzerOutput(
            layers={"alignment": list(unique_spans.values())},
            relations=list(unique_relations.values()),
        )


def _outermost(spans: list[Span]) -> list[Span]:
    """One statement per stretch of text and pair of actors: the longest, then the first cue."""

    def pair(span: Span) -> frozenset[str]:
        edge = AlignmentAttributes.read(span)
        return frozenset((edge.a, edge.b))

    by_pair: dict[frozenset[str], list[Span]] = {}
    for span in spans:
        by_pair.setdefault(pair(span), []).append(span)
    inside = {id(span) for group in by_pair.values() for span in _inside_another(group)}
    kept = [span for span in sorted(spans, key=lambda s: s.start - s.end) if id(span) not in inside]
    return sorted(kept, key=lambda s: s.start)


def _inside_another(spans: list[Span]) -> list[Span]:
    """The spans that lie inside a longer one, or repeat the extent of an earlier one.

    Taking spans longest first and keeping those inside no kept span drops exactly these:
    containment is transitive, so a span inside a dropped one is inside a kept one too. One
    pass over the spans sorted by (start, -end) finds them without comparing every pair.
    """
    dropped: list[Span] = []
    reach = -1  # the furthest end of the spans that start before the current start
    seen: set[tuple[int, int]] = set()
    ordered = sorted(spans, key=lambda s: (s.start, -s.end))
    index = 0
    while index < len(ordered):
        start = ordered[index].start
        widest = ordered[index].end  # the first of a start is the widest
        while index < len(ordered) and ordered[index].start == start:
            span = ordered[index]
            if reach >= span.end or span.end < widest or (span.start, span.end) in seen:
                dropped.append(span)
            seen.add((span.start, span.end))
            index += 1
        reach = max(reach, widest)
    return dropped


def _slots(
    document: Document, scopes: ScopeIndex, possessives: dict[str, Literal["person", "other"]]
) -> list[Slot]:
    candidates: list[Slot] = []
    for span in document.layer("actors"):
        actor = ActorAttributes.read(span)
        candidates.append(
            Slot(span.start, span.end, actor.actor_id, actor.name, actor.state, span.id)
        )
    for span in document.layer("groups"):
        pronoun = PronounAttributes.read(span) if span.label in ("we", "they") else None
        if pronoun is not None and pronoun.resolved and pronoun.actor_id:
            name = pronoun.name or pronoun.actor_id
            candidates.append(
                Slot(span.start, span.end, pronoun.actor_id, name, pronoun.actor_id, span.id)
            )
    candidates += _possessive_pronouns(document, candidates, scopes, possessives)
    return longest_first(candidates, lambda s: (s.start, s.end))


def _possessive_pronouns(
    document: Document,
    slots: list[Slot],
    scopes: ScopeIndex,
    possessives: dict[str, Literal["person", "other"]] | None = None,
) -> list[Slot]:
    """ "his" / "her" -> the last person named in the same voice; "its" -> the last non-person.

    "Last" is the last in ``slots`` of those ending before the pronoun. The pronouns come in
    text order, so one sweep over the slots by end keeps, per voice and kind, the latest slot
    seen so far, instead of rereading every slot for every pronoun.
    """
    people = {s.id for s in document.layer("actors") if s.label == "person"}
    actors = [(index, s) for index, s in enumerate(slots) if s.span_id.startswith("actors/")]
    by_end = sorted(actors, key=lambda item: item[1].end)
    latest: dict[tuple[str, bool], int] = {}
    ready = 0
    found: list[Slot] = []
    kinds = possessives if possessives is not None else _data().possessive_pronouns
    if not kinds:
        return found
    words = "|".join(map(re.escape, kinds))
    for hit in re.finditer(rf"\b(?:{words})\b", document.text, re.IGNORECASE):
        while ready < len(by_end) and by_end[ready][1].end <= hit.start():
            index, slot = by_end[ready]
            key = (scopes.at(slot.start).key, slot.span_id in people)
            latest[key] = max(latest.get(key, -1), index)
            ready += 1
        person = kinds.get(hit.group().lower()) == "person"
        last_index = latest.get((scopes.at(hit.start()).key, person))
        if last_index is not None:
            last = slots[last_index]
            found.append(
                Slot(hit.start(), hit.end(), last.actor_id, last.name, last.state, last.span_id)
            )
    return found


def _template(
    text: str, start: int, end: int, slots: list[Slot]
) -> tuple[str, list[int], list[int]]:
    """The sentence with slots, and for each template character its original start and end."""
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    position = start
    for index, slot in enumerate(slots):
        chunk = text[position : slot.start]
        parts.append(chunk)
        starts.extend(range(position, slot.start))
        ends.extend(range(position + 1, slot.start + 1))
        marker = f"⟨{index}⟩"
        parts.append(marker)
        starts.extend([slot.start] * len(marker))
        ends.extend([slot.end] * len(marker))
        position = slot.end
    parts.append(text[position:end])
    starts.extend(range(position, end))
    ends.extend(range(position + 1, end + 1))
    return "".join(parts), starts, ends


@cache
def _conjunctions(language: str) -> re.Pattern[str] | None:
    """The run of slots joined to the one after it ("⟨0⟩, ⟨1⟩ and "), at the end of a text."""
    words = _data(language).conjunctions
    if not words:
        return None
    joined = "|".join(map(re.escape, words))
    return re.compile(rf"(⟨\d+⟩(?:\s*,\s*⟨\d+⟩)*)\s*,?\s+(?:{joined})\s+$", re.IGNORECASE)


def _joined_before(
    match: re.Match[str], slots: list[Slot], template: str, conjunctions: re.Pattern[str] | None
) -> list[Slot]:
    """The actors joined by "and" to the matched first side, which share its relation ("China
    and India remain our partners": China too)."""
    if conjunctions is None or "a" not in match.re.groupindex or not match.group("a"):
        return []
    run = conjunctions.search(template[: match.start("a")])
    return [slots[int(i)] for i in re.findall(r"⟨(\d+)⟩", run.group(1))] if run else []


def _pick(
    match: re.Match[str],
    group: str,
    default: str | None,
    slots: list[Slot],
    speaker: Slot | None,
    template: str,
) -> Slot | None:
    if group in match.re.groupindex and match.group(group):
        return slots[int(match.group(group)[1:-1])]
    if default == "speaker":
        return speaker
    if default == "previous":
        earlier = re.findall(r"⟨(\d+)⟩", template[: match.start()])
        return slots[int(earlier[-1])] if earlier else None
    return None


def _speaker_slot(in_group: Span | None) -> Slot | None:
    if in_group is None:
        return None
    group = InGroupAttributes.read(in_group)
    return Slot(
        in_group.start, in_group.end, group.actor_id, group.name, group.actor_id, in_group.id
    )


def _same(a: Slot, b: Slot) -> bool:
    return a.actor_id == b.actor_id or (a.state is not None and a.state == b.state)


def _span(
    document: Document, cue: Cue, a: Slot, b: Slot, start: int, end: int, speaker: str, scope: str
) -> Span:
    return document.make_span(
        start, end, cue.relation, analyzer=ANALYZER, rule=cue.id, confidence=0.7,
        span_id=f"alignment/{start}-{end}/{cue.relation}/{a.actor_id}/{b.actor_id}",
        attrs={
            "a": a.actor_id, "a_name": a.name, "a_state": a.state,
            "b": b.actor_id, "b_name": b.name, "b_state": b.state,
            "direction": "a->b", "speaker": speaker, "scope": scope,
        },
    )  # fmt: skip


def _relation(span: Span, cue: Cue, a: Slot, b: Slot) -> Relation:
    return Relation(
        id=f"{span.id}#rel", label=cue.relation, source=a.span_id, target=b.span_id,
        analyzer=ANALYZER, rule=cue.id, confidence=span.confidence,
        attrs={"evidence": span.id},
    )  # fmt: skip
