"""Who "we", "us", "our" and "they" stand for, per voice.

Each voice (all turns of one speaker, one reader comment, an article's body) is resolved on its
own, from evidence in its own words: self-identification ("We, as Americans"), a possessive
demonym ("our Russian soldiers"), "our president" with the leader the text names, one's own
weapons. Each resolution cites its evidence spans. The comment section is also resolved as a
whole. Where the evidence does not add up, the pronouns stay unresolved: never a silent guess.

Russian text reads ``data/ru/groups.yaml`` (the same schema as ``data/groups.yaml``): «мы»,
«нас», «нам», «нами» and every case of «наш»; «они», «их»; «мы, россияне», «у нас в Москве»,
«наш президент». An official quoted or speaking in a turn speaks for their state, or for the
organisation they serve when they have none (the EU's foreign-policy chief for the EU).
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, ClassVar

from redline.analyzers.base import AnalysisContext, AnalyzerOutput
from redline.analyzers.versions import content_version
from redline.attributes import Attributes, InGroupAttributes, PronounAttributes
from redline.data_files import DataFile, load
from redline.document import Document, Span
from redline.gazetteer import Gazetteer
from redline.scope import Scope, ScopeIndex, TextUnits

ANALYZER = "groups"
_INITIALS = re.compile(r"^(?:[^\W\d_]\.\s*){1,2}(?P<surname>[^\W\d_][\w\-]+)$")


@dataclass(frozen=True)
class Evidence:
    actor_id: str
    name: str
    weight: float
    cue: str
    start: int
    end: int


class IdentityCue(DataFile):
    """Words before an actor's mention that tie "we" to it ("we Ukrainians")."""

    id: str
    before: str
    match: list[str]
    weight: float
    types: list[str] | None = None


class LeaderCue(DataFile):
    """ "our president": the state whose leader it is."""

    id: str
    pattern: str
    roles: list[str]
    weight: float


class GroupsFile(DataFile):
    """``data/groups.yaml``: the pronouns, the cues and the thresholds of the groups layer."""

    version: int
    pronouns: dict[str, list[str]]
    identity_cues: list[IdentityCue]
    leader_cue: LeaderCue
    speaker_state_weight: float
    min_score: float
    min_ratio: float
    they_window: int
    they_types: list[str]
    # A state's name stands for a plural group ("they") only as a plural demonym: the endings
    # of one ("Americans"; «американцы», «россияне»).
    plural_demonym_endings: tuple[str, ...] = ("s",)


@cache
def _cues(language: str = "en") -> GroupsFile:
    """The cues for texts in ``language``: ``data/groups.yaml`` for English, ``data/<language>/
    groups.yaml`` for another (the same schema)."""
    return load("groups.yaml" if language == "en" else f"{language}/groups.yaml", GroupsFile)


class GroupAnalyzer:
    """Resolves first- and third-person plural pronouns to actors."""

    name: ClassVar[str] = ANALYZER
    # The release, then a digest of the code, data and model its findings depend on.
    version: ClassVar[str] = content_version(
        "1.0.0",
        "analyzers/groups.py",
        "gazetteer.py",
        "data/gazetteer",
        "data/groups.yaml",
        "data/ru/groups.yaml",
    )
    requires: ClassVar[tuple[str, ...]] = ("structure", "actors")
    provides: ClassVar[tuple[str, ...]] = ("groups",)
    attributes: ClassVar[Mapping[str, type[Attributes]]] = {
        "in_group": InGroupAttributes,
        "we": PronounAttributes,
        "they": PronounAttributes,
    }
    languages: ClassVar[tuple[str, ...]] = ("en", "ru")

    def __init__(self, gazetteer: Gazetteer | None = None):
        self._gazetteer = gazetteer

    def initialize(self) -> None:
        if self._gazetteer is None:
            self._gazetteer = Gazetteer.load()
        for language in self.languages:
            _cues(language)

    def analyze(self, document: Document, context: AnalysisContext) -> AnalyzerOutput:
        self.initialize()
        assert self._gazetteer is not None
        cues = _cues(context.language)
        scopes = ScopeIndex(document)
        sentences = [(s.start, s.end) for s in document.layer("sentences")] or [
            (0, len(document.text))
        ]
        actors = sorted(
            (a for a in document.layer("actors") if a.attrs.get("linked")), key=lambda a: a.start
        )
        evidence: dict[str, list[Evidence]] = defaultdict(list)
        for item in _identity_evidence(document.text, actors, sentences, cues):
            evidence[scopes.at(item.start).key].append(item)
        for item in _leader_evidence(document, actors, sentences, self._gazetteer, scopes, cues):
            evidence[scopes.at(item.start).key].append(item)
        for key, item in _speaker_evidence(document, scopes, self._gazetteer, cues):
            evidence[key].append(item)
        resolved = {key: _decide(items, cues) for key, items in evidence.items()}
        comment_items = [
            e for key, items in evidence.items() if key.startswith("comment:") for e in items
        ]
        if comment_items:
            resolved["comments"] = _decide(comment_items, cues)
        spans = [
            _in_group_span(document, key, scopes, decision, evidence.get(key, comment_items))
            for key, decision in sorted(resolved.items())
            if decision is not None
        ]
        spans += _pronoun_spans(document, scopes, resolved, actors, sentences, cues)
        return AnalyzerOutput(layers={"groups": spans})


# -- evidence ---------------------------------------------------------------------------------


def _sentence_index(sentences: list[tuple[int, int]], offset: int) -> int | None:
    """The index of the sentence holding ``offset`` (sentences are sorted and disjoint)."""
    index = bisect.bisect_right(sentences, (offset, float("inf"))) - 1
    return index if index >= 0 and sentences[index][0] <= offset < sentences[index][1] else None


def _sentence_start(sentences: list[tuple[int, int]], offset: int) -> int:
    index = _sentence_index(sentences, offset)
    return sentences[index][0] if index is not None else max(0, offset - 200)


def _identity_evidence(
    text: str, actors: list[Span], sentences: list[tuple[int, int]], cues: GroupsFile
) -> list[Evidence]:
    found = []
    for cue in cues.identity_cues:
        before = re.compile(cue.before, re.IGNORECASE)
        for actor in actors:
            if actor.attrs.get("match") not in cue.match:
                continue
            if cue.types is not None and actor.attrs.get("type") not in cue.types:
                continue
            window = text[_sentence_start(sentences, actor.start) : actor.start]
            hit = before.search(window)
            if hit is None:
                continue
            target = _in_group_actor(actor)
            if target is None:
                continue
            start = actor.start - (len(window) - hit.start())
            found.append(Evidence(target[0], target[1], cue.weight, cue.id, start, actor.end))
    return found


def _speaker_evidence(
    document: Document, scopes: ScopeIndex, gazetteer: Gazetteer, cues: GroupsFile
) -> list[tuple[str, Evidence]]:
    """An official speaks for their state. A quote's speaker linked by the actors layer to a
    person, ministry or government; a turn's speaker label; the document's author as its
    metadata names them (a UN speech's country, a ministry's statement): each names the state
    "we" stands for in that voice. (The voices layer, when the pipeline has it, holds the
    quotes.)"""
    weight = cues.speaker_state_weight
    found = []
    author = document.metadata.author
    if author:
        state = _state_named(gazetteer, author)
        if state is not None:
            found.append(("body", Evidence(state.id, state.name, weight, "author_metadata", 0, 0)))
    for turn in document.layer("structure"):
        if turn.label == "turn" and turn.attrs.get("speaker"):
            state = _state_named(gazetteer, str(turn.attrs["speaker"]))
            if state is not None:
                key = scopes.at(turn.start).key
                label_end = turn.start + len(str(turn.attrs.get("label", "")))
                found.append(
                    (
                        key,
                        Evidence(
                            state.id, state.name, weight, "turn_speaker", turn.start, label_end
                        ),
                    )
                )
    for quote in document.layer("voices"):
        state = gazetteer.get(quote.attrs.get("state")) or _body_of(
            gazetteer, quote.attrs.get("speaker_id")
        )
        if quote.label != "quote" or state is None:
            continue
        key = scopes.at(quote.start).key
        start, end = int(quote.attrs["speaker_start"]), int(quote.attrs["speaker_end"])
        found.append((key, Evidence(state.id, state.name, weight, "speaker_state", start, end)))
    return found


def _body_of(gazetteer: Gazetteer, actor_id: Any) -> Any:
    """The organisation a stateless speaker speaks for: itself («ЕС», "NATO"), or the one a
    person belongs to (the EU's foreign-policy chief, NATO's secretary general)."""
    entry = gazetteer.get(str(actor_id)) if actor_id else None
    if entry is not None and entry.type == "person":
        entry = gazetteer.get(entry.affiliation)
    return entry if entry is not None and entry.type == "organisation" else None


def _state_named(gazetteer: Gazetteer, name: str) -> Any:
    """The state of the one gazetteer entry called ``name``; None when none or several are.

    A name written with initials ("V. Putin", «С.Лавров», «В.В.Путин») is looked up by its
    surname when the whole is not a known form.
    """
    entries = gazetteer.named(name)
    initials = _INITIALS.match(name.strip())
    if not entries and initials is not None:
        entries = gazetteer.named(initials.group("surname"))
    states = {gazetteer.state_of(entry.id) for entry in entries} - {None}
    return gazetteer.get(states.pop()) if len(states) == 1 else None


def _in_group_actor(actor: Span) -> tuple[str, str] | None:
    """The actor a self-identifying mention stands for: a weapon's or a city's state ("we here
    in Moscow", «у нас в Москве»), else the actor itself."""
    state = actor.attrs.get("state")
    if actor.attrs.get("type") == "weapon" or (actor.attrs.get("type") == "place" and state):
        return (str(state), str(state).replace("_", " ").title()) if state else None
    return str(actor.attrs["actor_id"]), str(actor.attrs["name"])


def _leader_evidence(
    document: Document,
    actors: list[Span],
    sentences: list[tuple[int, int]],
    gazetteer: Gazetteer,
    scopes: ScopeIndex,
    cues: GroupsFile,
) -> list[Evidence]:
    """ "our president": the state named beside it, else the leaders the voice names elsewhere.

    A state named in the same sentence whose leader is not also named there is the best
    reading ("our president proposed to Trump the terms under which Russia ..."); otherwise
    every leader the voice names outside this sentence shares the cue's weight, and a leader
    named in the sentence itself is the counterpart, not "ours".
    """
    cue = cues.leader_cue
    roles = set(cue.roles)
    found = []
    by_voice: dict[str, list[Span]] | None = None  # built on the first hit only
    for hit in re.finditer(cue.pattern, document.text, re.IGNORECASE):
        key = scopes.at(hit.start()).key
        start, end = _sentence_of(sentences, hit.start())
        if by_voice is None:
            by_voice = defaultdict(list)
            for actor in actors:
                by_voice[scopes.at(actor.start).key].append(actor)
        voice = by_voice.get(key, [])
        beside = [a for a in voice if start <= a.start < end]
        candidates = _states_beside(beside) or _leader_states(voice, beside, gazetteer, roles)
        for state in sorted(candidates):
            entry = gazetteer.get(state)
            if entry is not None:
                weight = cue.weight / len(candidates)
                found.append(Evidence(entry.id, entry.name, weight, cue.id, hit.start(), hit.end()))
    return found


def _states_beside(beside: list[Span]) -> set[str]:
    people_states = {str(a.attrs.get("state")) for a in beside if a.attrs.get("type") == "person"}
    states = {str(a.attrs["actor_id"]) for a in beside if a.attrs.get("type") == "state"}
    remaining = states - people_states
    return remaining if len(remaining) == 1 else set()


def _leader_states(
    voice: list[Span], beside: list[Span], gazetteer: Gazetteer, roles: set[str]
) -> set[str]:
    excluded = {a.attrs["actor_id"] for a in beside}
    states: set[str] = set()
    for actor in voice:
        if actor.attrs.get("type") != "person" or actor.attrs["actor_id"] in excluded:
            continue
        entry = gazetteer.get(str(actor.attrs["actor_id"]))
        if entry is not None:
            states.update(r.of for r in entry.roles if r.role in roles)
    return states


def _sentence_of(sentences: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    index = _sentence_index(sentences, offset)
    return sentences[index] if index is not None else (offset, offset)


def _decide(items: list[Evidence], cues: GroupsFile) -> tuple[str, str, float] | None:
    scores: dict[str, float] = defaultdict(float)
    names: dict[str, str] = {}
    for item in items:
        scores[item.actor_id] = 1 - (1 - scores[item.actor_id]) * (1 - item.weight)
        names[item.actor_id] = item.name
    ranked = sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))
    best_id, best = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if best < cues.min_score or best < runner_up * cues.min_ratio:
        return None
    return best_id, names[best_id], round(best * (1 - runner_up / 2), 3)


# -- spans ------------------------------------------------------------------------------------


def _in_group_span(
    document: Document,
    key: str,
    scopes: ScopeIndex,
    decision: tuple[str, str, float],
    items: list[Evidence],
) -> Span:
    actor_id, name, confidence = decision
    supporting = sorted(
        (e for e in items if e.actor_id == actor_id), key=lambda e: (-e.weight, e.start)
    )
    first = supporting[0]
    # The evidence may stand outside the voice it speaks for (a quote's speaker, the metadata).
    scope = scopes.with_key(key) or scopes.at(first.start)
    return document.make_span(
        first.start, first.end, "in_group", analyzer=ANALYZER, rule=first.cue,
        confidence=confidence, span_id=f"groups/in_group/{key}",
        attrs={
            "scope": key, "speaker": "commenters" if key == "comments" else scope.speaker,
            "section": scope.section, "actor_id": actor_id, "name": name,
            "evidence": [
                {"start": e.start, "end": e.end, "text": document.text[e.start:e.end], "cue": e.cue}
                for e in supporting
            ],
        },
    )  # fmt: skip


def _pronoun_spans(
    document: Document,
    scopes: ScopeIndex,
    resolved: dict[str, tuple[str, str, float] | None],
    actors: list[Span],
    sentences: list[tuple[int, int]],
    cues: GroupsFile,
) -> list[Span]:
    pronouns = cues.pronouns
    first = "|".join(pronouns["first_plural"])
    third = "|".join(pronouns["third_plural"])
    spans = []
    units = TextUnits(document)
    starts = [a.start for a in actors]
    for hit in re.finditer(
        rf"\b(?:(?P<we>{first})|(?P<they>{third}))\b", document.text, re.IGNORECASE
    ):
        if hit.group() == "US" or not units.is_text(hit.start()):
            continue  # the abbreviation; "Our Standards", "Follow us": the page's, not a voice's
        scope = scopes.at(hit.start())
        if hit.group("we"):
            decision = resolved.get(scope.key)
            via = "in_group"
        else:
            decision = _antecedent(actors, starts, sentences, scopes, scope, hit.start(), cues)
            via = "antecedent"
        spans.append(
            _pronoun_span(document, hit, "we" if hit.group("we") else "they", scope, decision, via)
        )
    return spans


def _pronoun_span(
    document: Document,
    hit: re.Match[str],
    label: str,
    scope: Scope,
    decision: tuple[str, str, float] | None,
    via: str,
) -> Span:
    attrs: dict[str, Any] = {
        "scope": scope.key,
        "speaker": scope.speaker,
        "resolved": decision is not None,
    }
    if decision is not None:
        attrs.update(actor_id=decision[0], name=decision[1], via=via)
    return document.make_span(
        hit.start(), hit.end(), label, analyzer=ANALYZER,
        rule=f"pronoun:{via}" if decision else "pronoun:unresolved",
        confidence=decision[2] if decision else 1.0, attrs=attrs,
    )  # fmt: skip


def _antecedent(
    actors: list[Span],
    starts: list[int],
    sentences: list[tuple[int, int]],
    scopes: ScopeIndex,
    scope: Scope,
    offset: int,
    cues: GroupsFile,
) -> tuple[str, str, float] | None:
    """The one plural group named in the last few sentences of the same voice, if exactly one."""
    window = cues.they_window
    index = _sentence_index(sentences, offset) or 0
    start = sentences[max(0, index - window)][0]
    nearby = actors[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, offset)]
    groups = {
        str(a.attrs["actor_id"]): str(a.attrs["name"])
        for a in nearby
        if start <= a.start < offset
        and scopes.at(a.start).key == scope.key
        and a.attrs.get("type") in cues.they_types
        and (
            a.attrs.get("type") != "state"
            or (
                a.attrs.get("match") == "demonym"
                and a.text.lower().endswith(tuple(cues.plural_demonym_endings))
            )
        )
    }
    if len(groups) != 1:
        return None
    actor_id, name = next(iter(groups.items()))
    return actor_id, name, 0.6
