"""The actors layer: who a text names, linked to the gazetteer.

Stages, in order, each adding what the earlier ones could not:
1. gazetteer surface forms (names, aliases, demonyms, metonyms) found in one Aho–Corasick pass;
   a form shared by several entries is resolved from context (NER type, the other actors the
   document names, roles held on the document's date);
2. role titles ("the Ukrainian president", "President of the United States") resolved to the
   holder on the document's date;
3. within-document coreference: a surname or short form of a person named in full earlier;
4. spaCy NER for names the gazetteer lacks (unlinked actors, lower confidence).

Russian text runs the same stages over its lemmas as well as its letters: the gazetteer's
Cyrillic forms and the Russian role titles (``data/ru/roles.yaml``) match every case of a
name («Зеленского», «в Киеве», «Соединённых Штатов»), an entry keeps the id it has in English,
and a name the gazetteer lacks gets an id from its lemmas, so «Ивана Петрова» and «Иван Петров»
are one actor and «Мария Петрова» another.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import Field

from redline import russian_names
from redline.analyzers.base import AnalysisContext, AnalyzerOutput
from redline.analyzers.versions import content_version
from redline.attributes import ANY_LABEL, ActorAttributes, Attributes
from redline.data_files import DataFile, load
from redline.dates import parse_day
from redline.document import Document, Span
from redline.gazetteer import Entry, Gazetteer
from redline.intervals import DisjointSpans, OverlapIndex, positions_between
from redline.matching import (
    LemmaMatcher,
    SurfaceMatch,
    SurfaceMatcher,
    Word,
    fold,
    merge_matches,
)

if TYPE_CHECKING:
    pass

CONFIDENCE = {
    "name": 0.95, "alias": 0.9, "demonym": 0.8, "metonym": 0.75, "role": 0.8,
    "coreference": 0.8, "ner": 0.55,
}  # fmt: skip
HOW_RANK = {"name": 4, "alias": 3, "demonym": 2, "metonym": 1}
NER_TYPES = {
    "PERSON": {"person"},
    "GPE": {"state", "place", "government"},
    "LOC": {"place", "state"},
    "FAC": {"place"},
    "ORG": {"organisation", "armed_group", "government"},
    "NORP": {"state", "organisation", "armed_group", "place"},
    "PRODUCT": {"weapon"},
    "EVENT": {"event"},
}
NER_LABELS_KEPT = ("PERSON", "ORG", "GPE", "NORP")
# spaCy's small English model tags these as names; they are never actors on their own.
_NOT_NAMES = frozenset({"host", "moderator", "question", "answer", "q", "a", "god", "lord"})


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    entry_id: str | None
    name: str
    type: str
    how: str
    confidence: float
    extra: tuple[tuple[str, Any], ...] = ()


class ActorAnalyzer:
    """Links mentions of people, states, blocs, places, weapons and events."""

    name: ClassVar[str] = "actors"
    # The release, then a digest of the code, data and model its findings depend on.
    version: ClassVar[str] = content_version(
        "1.0.0",
        "analyzers/actors.py",
        "dates.py",
        "gazetteer.py",
        "matching.py",
        "russian_names.py",
        "data/gazetteer",
        "data/roles.yaml",
        "data/ru/roles.yaml",
        "data/ru/actors.yaml",
    )
    requires: ClassVar[tuple[str, ...]] = ("structure",)
    provides: ClassVar[tuple[str, ...]] = ("actors",)
    attributes: ClassVar[Mapping[str, type[Attributes]]] = {ANY_LABEL: ActorAttributes}
    languages: ClassVar[tuple[str, ...]] = ("en", "ru")

    def __init__(self, gazetteer: Gazetteer | None = None):
        self._gazetteer = gazetteer
        self._matcher: SurfaceMatcher | None = None
        self._titles: SurfaceMatcher | None = None
        # Russian: the gazetteer's Cyrillic forms and the role titles over lemmas, built on the
        # first Russian document (they need the Russian tokenizer).
        self._russian: tuple[LemmaMatcher, LemmaMatcher] | None = None

    def initialize(self) -> None:
        if self._matcher is None:
            self._gazetteer = self._gazetteer or Gazetteer.load()
            self._matcher = _surface_matcher(self._gazetteer)
            self._titles = SurfaceMatcher((phrase, role) for phrase, role in _titles().items())

    @property
    def gazetteer(self) -> Gazetteer:
        self.initialize()
        assert self._gazetteer is not None
        return self._gazetteer

    def analyze(self, document: Document, context: AnalysisContext) -> AnalyzerOutput:
        self.initialize()
        assert self._matcher is not None and self._titles is not None
        on = _document_date(document)
        text = document.text
        entities = [(e.start_char, e.end_char, e.label_) for e in context.parsed.ents]
        found = self._matcher.find(text)
        titles: Any = self._titles.find(text)
        keys: dict[tuple[int, int], tuple[str, str]] = {}
        words: list[Word] = []
        if context.language == "ru":
            names, role_titles = self._russian_matchers(context)
            words = russian_names.words(context.parsed)
            found = merge_matches(found, names.find(text, words))
            titles = role_titles.find(text, words)
            keys = russian_names.entity_keys(context.parsed)
        mentions = _resolve(self.gazetteer, found, entities, on)
        mentions = _drop_inside_people(mentions, entities)
        mentions += _role_mentions(
            self.gazetteer, titles, text, mentions, on, _roles_data(context.language)
        )
        mentions += _coreferent(text, mentions, words)
        mentions += _unlinked(text, entities, mentions, keys, _not_names(context.language))
        # A dateline names where a story was filed: never an actor or a target.
        structure = document.layer("structure")
        datelines = OverlapIndex((s.start, s.end) for s in structure if s.label == "dateline")
        spans = [
            _span(document, self.gazetteer, mention)
            for mention in mentions
            if not datelines.overlaps(mention.start, mention.start + 1)
        ]
        return AnalyzerOutput(layers={"actors": _dedupe(spans)})

    def _russian_matchers(self, context: AnalysisContext) -> tuple[LemmaMatcher, LemmaMatcher]:
        if self._russian is None:
            tokenizer = context.nlp.tokenizer
            forms = (
                (form, (entry.id, how))
                for entry in self.gazetteer.entries.values()
                for form, how in entry.surface_forms()
                if russian_names.CYRILLIC.search(form)
            )
            titles = _roles_data("ru").titles.items()
            normal_forms = russian_names.normal_forms
            self._russian = (
                LemmaMatcher(russian_names.tokenised(tokenizer, forms), normal_forms),
                LemmaMatcher(russian_names.tokenised(tokenizer, titles), normal_forms),
            )
        return self._russian


# -- stage 1: gazetteer forms ----------------------------------------------------------------


def _surface_matcher(gazetteer: Gazetteer) -> SurfaceMatcher:
    return SurfaceMatcher(
        (form, (entry.id, how)) for entry in gazetteer.entries.values()
        for form, how in entry.surface_forms()
    )  # fmt: skip


def _resolve(
    gazetteer: Gazetteer,
    matches: Iterable[Any],
    entities: list[tuple[int, int, str]],
    on: date | None,
) -> list[Mention]:
    matches = list(matches)
    certain: Counter[str] = Counter()
    for match in matches:
        if len({entry_id for entry_id, _ in match.values}) == 1:
            certain.update(_affiliation_chain(gazetteer, match.values[0][0]))
    mentions = []
    by_position = DisjointSpans(entities)
    for match in matches:
        ner = _ner_label_at(by_position, match.start, match.end)
        scored = [
            (_score(gazetteer[entry_id], how, ner, certain, gazetteer, on), entry_id, how)
            for entry_id, how in match.values
        ]
        scored.sort(key=lambda item: (-item[0], item[1]))
        best_score, entry_id, how = scored[0]
        entry = gazetteer[entry_id]
        confidence = CONFIDENCE[how]
        if len({e for _, e, _ in scored}) > 1:
            margin = best_score - next(s for s, e, _ in scored if e != entry_id)
            confidence = round(confidence * (0.6 if margin < 1 else 0.85), 2)
        mentions.append(
            Mention(match.start, match.end, entry.id, entry.name, entry.type, how, confidence,
                    (("form", match.form),))
        )  # fmt: skip
    return mentions


def _score(
    entry: Entry,
    how: str,
    ner: str | None,
    certain: Counter[str],
    gazetteer: Gazetteer,
    on: date | None,
) -> float:
    """Evidence for one reading of an ambiguous form: how it matched, NER, context, date."""
    score = HOW_RANK[how] * 0.5
    if ner and entry.type in NER_TYPES.get(ner, ()):
        score += 1.0
    state = gazetteer.state_of(entry.id) or entry.id
    score += min(certain[entry.id] + (certain[state] * 0.5 if state != entry.id else 0.0), 3.0)
    if entry.type == "state":
        score += 0.5
    if on and entry.roles and any(role.held_on(on) for role in entry.roles):
        score += 0.5
    return score


def _affiliation_chain(gazetteer: Gazetteer, entry_id: str) -> list[str]:
    """The entry and everything it belongs to: Atlanta -> Georgia (U.S. state) -> United States."""
    chain: list[str] = []
    current: str | None = entry_id
    while current and current not in chain and len(chain) < 5:
        chain.append(current)
        entry = gazetteer.get(current)
        current = entry.affiliation if entry else None
    return chain


def _ner_label_at(
    entities: DisjointSpans[tuple[int, int, str]], start: int, end: int
) -> str | None:
    entity = entities.containing(start, end)
    return entity[2] if entity else None


def _drop_inside_people(
    mentions: list[Mention], entities: list[tuple[int, int, str]]
) -> list[Mention]:
    """ "Jordan" in "Michael Jordan" is a person's name, not the country."""
    people = DisjointSpans((s, e) for s, e, label in entities if label == "PERSON")
    return [m for m in mentions if m.type == "person" or not _inside_longer(people, m)]


def _inside_longer(people: DisjointSpans[tuple[int, int]], mention: Mention) -> bool:
    person = people.containing(mention.start, mention.end)
    return person is not None and (person[1] - person[0]) > (mention.end - mention.start)


# -- stage 2: role titles ----------------------------------------------------------------------


class RolesFile(DataFile):
    """``data/roles.yaml`` (``data/ru/roles.yaml`` for Russian): role titles ("the President")
    and how far a state may stand from one."""

    version: int
    titles: dict[str, str]
    max_gap_before: int
    after_connectors: list[str]
    # Words that make a title another office: "vice president", «вице-президент».
    deputy_prefixes: list[str] = Field(default_factory=lambda: ["vice", "deputy"])


@cache
def _roles_data(language: str = "en") -> RolesFile:
    return load("roles.yaml" if language == "en" else f"{language}/roles.yaml", RolesFile)


def _titles() -> dict[str, str]:
    return _roles_data().titles


class ActorsFile(DataFile):
    """``data/ru/actors.yaml``: words NER tags as names that are never actors on their own."""

    version: int
    not_names: list[str]


@cache
def _not_names(language: str) -> frozenset[str]:
    if language == "en":
        return _NOT_NAMES
    return frozenset(load(f"{language}/actors.yaml", ActorsFile).not_names)


def _role_mentions(
    gazetteer: Gazetteer,
    titles: Iterable[SurfaceMatch],
    text: str,
    mentions: list[Mention],
    on: date | None,
    roles: RolesFile,
) -> list[Mention]:
    states = _StatesBeside(
        text, [m for m in mentions if m.entry_id and gazetteer[m.entry_id].type == "state"], roles
    )
    deputy = re.compile(
        rf"\b(?:{'|'.join(map(re.escape, roles.deputy_prefixes))})[\s-]+$", re.IGNORECASE
    )
    named_ids = {m.entry_id for m in mentions}
    # A long transcript repeats "the President" hundreds of times; each look-up scans the gazetteer.
    holders_of: dict[tuple[str, str, str], list[Entry]] = {}
    found = []
    for title in titles:
        role = str(title.values[0])
        state, start, end = states.beside(title.start, title.end)
        if state is None or state.entry_id is None:
            continue
        if deputy.search(text[max(0, title.start - 12) : title.start]):
            continue
        key = (title.form, role, state.entry_id)
        if key not in holders_of:
            # The office's own title first ("President of Iran" heads the government), then
            # the role.
            holders_of[key] = gazetteer.holders_titled(
                title.form, state.entry_id, on
            ) or gazetteer.holders(role, state.entry_id, on)
        holders = holders_of[key]
        if not holders:
            continue
        # Undated text: of everyone who held the office, prefer one the text names elsewhere.
        named = [h for h in holders if h.id in named_ids] if on is None else []
        person = (named or holders)[0]
        confidence = CONFIDENCE["role"] if on else (0.6 if named else 0.4)
        extra = (("form", text[start:end]), ("role", role), ("of", state.entry_id),
                 ("date_assumed", on is None))  # fmt: skip
        found.append(
            Mention(start, end, person.id, person.name, "person", "role", confidence, extra)
        )
    return found


_NOT_SPACE = re.compile(r"\S")


class _StatesBeside:
    """The state named just before a role title ("Russia's president") or just after it
    ("President of Russia").

    Only states near the title can qualify, so each title looks at those found by binary search
    among the states' offsets instead of folding the text up to every state in the document.
    """

    def __init__(self, text: str, states: list[Mention], roles: RolesFile | None = None):
        roles = roles or _roles_data()
        self._folded = fold(text)  # one character per character: offsets are the text's
        self._states = states
        self._gap = roles.max_gap_before
        self._connectors: list[str] = roles.after_connectors
        self._longest = max((len(c) for c in self._connectors), default=-1)
        self._by_end = sorted(range(len(states)), key=lambda i: states[i].end)
        self._ends = [states[i].end for i in self._by_end]
        self._by_start = sorted(range(len(states)), key=lambda i: states[i].start)
        self._starts = [states[i].start for i in self._by_start]

    def beside(self, start: int, end: int) -> tuple[Mention | None, int, int]:
        """The first state (in the given order) beside ``text[start:end]``, and the span the
        title widens to."""
        for index in self._near(start, end):
            state = self._states[index]
            before = self._folded[state.end : start]
            if 0 <= start - state.end <= self._gap and re.fullmatch(r"(?:'s)?\s?", before):
                return state, state.start, end
            between = self._folded[end : state.start].strip().lower()
            if state.start > end and between in self._connectors:
                return state, start, state.end
        return None, start, end

    def _near(self, start: int, end: int) -> list[int]:
        before = (self._by_end[i] for i in positions_between(self._ends, start - self._gap, start))
        if self._longest < 0:
            return sorted(before)
        # A connector is at most `longest` characters once the whitespace around it is stripped:
        # a state starting after the first non-space that far past the connector's first
        # character has more than a connector between it and the title.
        first = self._not_space_from(end)
        last = self._not_space_from(first + self._longest)
        after = (self._by_start[i] for i in positions_between(self._starts, end + 1, last))
        return sorted({*before, *after})

    def _not_space_from(self, position: int) -> int:
        found = _NOT_SPACE.search(self._folded, position)
        return found.start() if found else len(self._folded)


# -- stage 3: coreference within the document ---------------------------------------------------


def _coreferent(text: str, mentions: list[Mention], words: Sequence[Word] = ()) -> list[Mention]:
    """Surnames and short forms of people named in full earlier in the document: the same
    letters, or, where ``words`` gives lemmas (an inflecting language), the same lemma in any
    case («Владимиром Соловьёвым» ... «Соловьёв:»)."""
    lemma_at = {w.start: w.lemma for w in words}
    short_forms: dict[str, Mention] = {}
    by_lemma: dict[str, Mention] = {}
    for mention in mentions:
        if mention.type == "person" and mention.how in ("name", "alias"):
            names = list(re.finditer(r"\S+", text[mention.start : mention.end]))
            if len(names) >= 2:
                short_forms.setdefault(names[-1].group(), mention)
                lemma = lemma_at.get(mention.start + names[-1].start())
                if lemma is not None:
                    by_lemma.setdefault(lemma, mention)
    taken = OverlapIndex((m.start, m.end) for m in mentions)
    places = [
        (match.start(), match.end(), surname, full)
        for surname, full in short_forms.items()
        if len(surname) >= 3
        for match in re.finditer(rf"(?<!\w){re.escape(surname)}(?!\w)", text)
    ] + [
        (w.start, w.end, text[w.start : w.end], by_lemma[w.lemma])
        for w in words
        if len(w.lemma) >= 3 and w.lemma in by_lemma and text[w.start : w.start + 1].isupper()
    ]
    found = []
    seen: set[int] = set()  # a surname found by its letters and by its lemma is one mention
    for start, end, form, full in sorted(places, key=lambda place: place[:2]):
        if start > full.start and start not in seen and not taken.overlaps(start, end):
            seen.add(start)
            found.append(
                replace(
                    full,
                    start=start,
                    end=end,
                    how="coreference",
                    confidence=CONFIDENCE["coreference"],
                    extra=(("form", form), ("antecedent", full.start)),
                )
            )
    return found


# -- stage 4: names the gazetteer lacks -----------------------------------------------------------


def _unlinked(
    text: str,
    entities: list[tuple[int, int, str]],
    mentions: list[Mention],
    keys: dict[tuple[int, int], tuple[str, str]] | None = None,
    not_names: frozenset[str] = _NOT_NAMES,
) -> list[Mention]:
    """Names NER found that the gazetteer lacks, each with an id from the name it is known by:
    its words in English, its lemmas where ``keys`` gives them (an inflecting language)."""
    keys = keys or {}
    taken = OverlapIndex((m.start, m.end) for m in mentions)
    found: list[Mention] = []
    surnames: dict[str, tuple[str, str]] = {}
    for start, end, label in entities:
        name = " ".join(text[start:end].split())
        name = re.sub(r"^(?:the|The)\s+|'s$|’s$", "", name)
        key, shown = keys.get((start, end), (name, name))
        if (label not in NER_LABELS_KEPT and key not in surnames) or taken.overlaps(start, end):
            continue
        if not name or key.lower() in not_names or not name[0].isupper():
            continue
        if label == "PERSON" and " " in key:
            surnames.setdefault(key.split()[-1], (key, shown))
        # A surname of a person named in full earlier is that person, whatever NER calls it.
        canonical, shown = surnames.get(key, (key, shown))
        kind = "person" if canonical != key else _type_of(label)
        actor_id = "ner:" + _slug(canonical)
        found.append(Mention(start, end, actor_id, shown, kind, "ner",
                             CONFIDENCE["ner"], (("ner_label", label),)))  # fmt: skip
    return found


def _slug(name: str) -> str:
    """An id's tail: lower case, Latin accents folded, Cyrillic kept (ё as е), other runs of
    characters one underscore."""
    letters = (c.lower() if "\u0430" <= c.lower() <= "\u044f" else fold(c) for c in name)
    return re.sub(r"[^0-9a-z\u0430-\u044f]+", "_", "".join(letters)).strip("_")


def _type_of(label: str) -> str:
    return {"PERSON": "person", "GPE": "place", "ORG": "organisation", "NORP": "group"}[label]


# -- shared helpers ----------------------------------------------------------------------------


def _document_date(document: Document) -> date | None:
    return parse_day(document.metadata.date[:10], partial=True) if document.metadata.date else None


def _span(document: Document, gazetteer: Gazetteer, mention: Mention) -> Span:
    entry = gazetteer.get(mention.entry_id)
    attrs: dict[str, Any] = {
        "actor_id": mention.entry_id,
        "name": mention.name,
        "type": mention.type,
        "match": mention.how,
        "linked": entry is not None,
    }
    if entry is not None:
        attrs.update(kind=entry.kind, qid=entry.qid, state=gazetteer.state_of(entry.id))
    attrs.update(dict(mention.extra))
    return document.make_span(
        mention.start, mention.end, mention.type,
        analyzer="actors", rule=f"{mention.how}:{mention.entry_id}",
        confidence=mention.confidence, attrs=attrs,
        span_id=f"actors/{mention.start}-{mention.end}/{mention.entry_id}",
    )  # fmt: skip


def _dedupe(spans: list[Span]) -> list[Span]:
    unique: dict[str, Span] = {}
    for span in spans:
        unique.setdefault(span.id, span)
    return list(unique.values())
