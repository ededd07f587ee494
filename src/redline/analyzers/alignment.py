"""The alignment layer: who a speaker casts as ally, enemy, vassal or partner of whom.

Each sentence is rewritten with a slot in place of every actor mention and every resolved
pronoun ("his enemies are our enemies" -> "⟨0⟩ enemies are ⟨1⟩ enemies"), and the cue patterns
of ``data/alignment.yaml`` run over it. A match becomes a span over the words that state the
relation, with both actors, the direction and the speaker who asserts it, and a Relation
between the two actor spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, ClassVar

import yaml

from redline.analyzers.base import AnalysisContext, AnalyzerOutput
from redline.analyzers.scope import ScopeIndex
from redline.document import Document, Relation, Span

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


@cache
def _cues() -> tuple[Cue, ...]:
    text = (resources.files("redline") / "data" / "alignment.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    pejorative = "(?:" + "|".join(map(re.escape, data["pejorative_groups"])) + ")"
    cues = []
    for raw in data["cues"]:
        source = (
            raw["pattern"]
            .replace("{A}", f"(?P<a>{_SLOT})")
            .replace("{B}", f"(?P<b>{_SLOT})")
            .replace("{X}", _SLOT)
            .replace("{PEJORATIVE}", pejorative)
        )
        if source.startswith("(?P<a>"):
            # "the enemies of ⟨A⟩ are ..." must not read as "⟨A⟩ are ...".
            source = r"(?<!\bof )" + source
        cues.append(
            Cue(raw["id"], re.compile(source, re.IGNORECASE), raw["relation"], raw.get("a"), raw.get("b"))
        )
    return tuple(cues)


class AlignmentAnalyzer:
    """Finds explicit ally / enemy / hostile / subordinate / partner / neutral statements."""

    name: ClassVar[str] = ANALYZER
    version: ClassVar[str] = "1.0.0"
    requires: ClassVar[tuple[str, ...]] = ("structure", "actors", "groups")
    provides: ClassVar[tuple[str, ...]] = ("alignment",)

    def initialize(self) -> None:
        _cues()

    def analyze(self, document: Document, context: AnalysisContext) -> AnalyzerOutput:
        scopes = ScopeIndex(document)
        slots = _slots(document, scopes)
        in_groups = {
            str(s.attrs["scope"]): s for s in document.layer("groups") if s.label == "in_group"
        }
        spans: list[Span] = []
        relations: list[Relation] = []
        sentences = [(s.start, s.end) for s in document.layer("sentences")] or [(0, len(document.text))]
        for start, end in sentences:
            inside = [slot for slot in slots if start <= slot.start and slot.end <= end]
            if not inside:
                continue
            template, starts, ends = _template(document.text, start, end, inside)
            for cue in _cues():
                for match in cue.pattern.finditer(template):
                    scope = scopes.at(starts[match.start()])
                    speaker_slot = _speaker_slot(in_groups.get(scope.key))
                    a = _pick(match, "a", cue.a_default, inside, speaker_slot, template)
                    b = _pick(match, "b", cue.b_default, inside, speaker_slot, template)
                    if a is None or b is None or _same(a, b):
                        continue
                    span = _span(document, cue, a, b, starts[match.start()], ends[match.end() - 1], scope.speaker, scope.key)
                    spans.append(span)
                    relations.append(_relation(span, cue, a, b))
        spans = _outermost(spans)
        relations = [r for r in relations if r.attrs["evidence"] in {s.id for s in spans}]
        unique_spans = {span.id: span for span in spans}
        unique_relations = {relation.id: relation for relation in relations}
        return AnalyzerOutput(
            layers={"alignment": list(unique_spans.values())},
            relations=list(unique_relations.values()),
        )


def _outermost(spans: list[Span]) -> list[Span]:
    """One statement per stretch of text and pair of actors: the longest, then the first cue."""

    def pair(span: Span) -> frozenset[str]:
        return frozenset((str(span.attrs["a"]), str(span.attrs["b"])))

    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start - s.end):  # stable: cue order breaks ties
        if not any(
            pair(other) == pair(span) and other.start <= span.start and span.end <= other.end
            for other in kept
        ):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def _slots(document: Document, scopes: ScopeIndex) -> list[Slot]:
    candidates: list[Slot] = []
    for span in document.layer("actors"):
        attrs = span.attrs
        candidates.append(Slot(span.start, span.end, str(attrs["actor_id"]), str(attrs["name"]),
                               attrs.get("state"), span.id))  # fmt: skip
    for span in document.layer("groups"):
        if span.label in ("we", "they") and span.attrs.get("resolved"):
            candidates.append(Slot(span.start, span.end, str(span.attrs["actor_id"]),
                                   str(span.attrs["name"]), str(span.attrs["actor_id"]), span.id))  # fmt: skip
    candidates += _possessive_pronouns(document, candidates, scopes)
    chosen: list[Slot] = []
    for slot in sorted(candidates, key=lambda s: (s.start - s.end, s.start)):
        if all(slot.end <= c.start or slot.start >= c.end for c in chosen):
            chosen.append(slot)
    return sorted(chosen, key=lambda s: s.start)


def _possessive_pronouns(document: Document, slots: list[Slot], scopes: ScopeIndex) -> list[Slot]:
    """"his" / "her" -> the last person named in the same voice; "its" -> the last non-person."""
    people = {s.id for s in document.layer("actors") if s.label == "person"}
    found = []
    for hit in re.finditer(r"\b(?:his|her|its)\b", document.text, re.IGNORECASE):
        voice = scopes.at(hit.start()).key
        wants_person = hit.group().lower() != "its"
        before = [
            s for s in slots
            if s.end <= hit.start() and scopes.at(s.start).key == voice
            and (s.span_id in people) == wants_person and s.span_id.startswith("actors/")
        ]  # fmt: skip
        if before:
            last = before[-1]
            found.append(Slot(hit.start(), hit.end(), last.actor_id, last.name, last.state, last.span_id))
    return found


def _template(text: str, start: int, end: int, slots: list[Slot]) -> tuple[str, list[int], list[int]]:
    """The sentence with slots, and for each template character its original start and end."""
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    position = start
    for index, slot in enumerate(slots):
        chunk = text[position:slot.start]
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
    actor = str(in_group.attrs["actor_id"])
    return Slot(in_group.start, in_group.end, actor, str(in_group.attrs["name"]), actor, in_group.id)


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
