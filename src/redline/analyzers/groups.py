"""Who "we", "us", "our" and "they" stand for, per voice.

Each voice (all turns of one speaker, one reader comment, an article's body) is resolved on its
own, from evidence in its own words: self-identification ("We, as Americans"), a possessive
demonym ("our Russian soldiers"), "our president" with the leader the text names, one's own
weapons. Each resolution cites its evidence spans. The comment section is also resolved as a
whole. Where the evidence does not add up, the pronouns stay unresolved: never a silent guess.

Russian text reads ``data/ru/groups.yaml`` (the same schema as ``data/groups.yaml``), its
pronouns by lemma on the parse: every case of «мы», «наш», «они»; «мы, россияне», «у нас в
Москве», «наш президент». An official quoted or speaking in a turn speaks for their state, or
for the organisation they serve when they have none (the EU's foreign-policy chief for the EU);
so does the text under a statement's heading («Заявление МИД России ...») or above a body's
signature («Минобороны России»). A voice that speaks as a nation («наша страна», «наши
военные», «мы — великая страна», «мы с вами») speaks for the one state it names beside that
cue, not as another party to the same verb («Россия напала на нашу страну»), or for the side
its words mark («СВО», «киевский режим»; «рашисты»). «Наши американские коллеги» names the
other side.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar

from redline.analyzers.base import AnalysisContext, AnalyzerOutput
from redline.analyzers.versions import content_version
from redline.attributes import Attributes, InGroupAttributes, PronounAttributes
from redline.data_files import DataFile, load
from redline.document import Document, Span
from redline.gazetteer import Gazetteer
from redline.scope import Scope, ScopeIndex, TextUnits

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Token

ANALYZER = "groups"
# «мы — самая большая страна»: words from «мы» to the noun it is said to be.
_PREDICATE_REACH = 5
# The dependencies of a verb's parties (the Russian parse in spaCy-English labels).
_ARGUMENTS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "iobj", "dative", "prep", "pobj", "obl", "obj"}
)
_LETTERS = re.compile(r"[^\W\d_]")
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


class NationalCue(DataFile):
    """«наша страна», «наши военные», «мы — великая страна», «мы с вами»: the voice speaks as
    a nation, so its "we" is a state, the one state the voice names beside the cue. All words
    are lemmas (the parse's), so every case of «наш» and «мы» is read."""

    id: str
    possessive: list[str]
    # What a nation has: «наша страна», «наш народ», «наши военные».
    nouns: list[str]
    pronoun: list[str]
    # What a nation is: «мы — великая страна» («мы» the subject of the noun).
    subject_nouns: list[str]
    # «мы с вами»: the speaker with their audience; the pronouns after the preposition.
    inclusive_preposition: str
    inclusive: list[str]
    # Sentences either side searched when the cue's own sentence names no state.
    window: int
    weight: float


class SideMarkers(DataFile):
    """Words only one side of a conflict uses of it («СВО», «киевский режим»; «рашисты»): in a
    voice that speaks as a nation they say which nation. Phrases of lemmas, by side."""

    weight: float
    sides: dict[str, list[str]]


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
    # The pronouns are lemmas, matched on the parse («нас», «нашего» are «мы», «наш»), not word
    # forms matched in the text.
    pronoun_lemmas: bool = False
    national_cue: NationalCue | None = None
    side_markers: SideMarkers | None = None
    # «Заявление МИД России ...», «Комментарий официального представителя ...»: a heading
    # opening with one of these nouns (lemmas) names who issues the text; its author speaks for
    # that body's state. Not for an agency's report of the statement (a wire dateline).
    statement_headings: tuple[str, ...] = ()
    # A post whose last line is only a body's name is signed by it («Минобороны России»).
    signed_posts: bool = False
    # «наши американские коллеги»: a demonym before one of these nouns (lemmas) names the
    # counterpart, not "us"; diplomats say it of the other side.
    counterpart_nouns: tuple[str, ...] = ()


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
        # A language whose cues are lemmas (Russian) reads them on the parse, which its other
        # layers have made already.
        words = _Words(context.parsed) if cues.pronoun_lemmas else None
        # «наши американские коллеги» names the other side: no evidence of who "we" are.
        own = [a for a in actors if words is None or not words.counterpart(a, cues)]
        evidence: dict[str, list[Evidence]] = defaultdict(list)
        for item in _identity_evidence(document.text, own, sentences, cues):
            evidence[scopes.at(item.start).key].append(item)
        for item in _leader_evidence(document, own, sentences, self._gazetteer, scopes, cues):
            evidence[scopes.at(item.start).key].append(item)
        speakers = _speaker_evidence(document, scopes, self._gazetteer, cues)
        if words is not None:
            speakers += _heading_evidence(document, words, actors, self._gazetteer, cues)
        if cues.signed_posts:
            speakers += _signature_evidence(document, actors, self._gazetteer, cues)
        for key, item in speakers:
            evidence[key].append(item)
        if words is not None and cues.national_cue is not None:
            # An official's "our country" is their own state, whatever else is named beside it.
            known = {key for key, _ in speakers}
            for key, item in _national_evidence(words, own, sentences, scopes, cues):
                if key not in known:
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
        spans += _pronoun_spans(document, scopes, resolved, actors, sentences, cues, words)
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


def _heading_evidence(
    document: Document, words: _Words, actors: list[Span], gazetteer: Gazetteer, cues: GroupsFile
) -> list[tuple[str, Evidence]]:
    """A statement's heading names its issuer («Заявление МИД России в связи с ...»): the first
    body named after the heading's noun; the text's own voice speaks for that body's state (or
    for the organisation, when it has none). A person or a capital there («Заявление Лаврова
    о ...», «Ответ Москвы ...») is a news headline's subject, not the text's issuer."""
    structure = document.layer("structure")
    if not cues.statement_headings or any(s.label == "dateline" for s in structure):
        return []
    heads = [s for s in structure if s.label == "title"] or [
        s for s in structure if s.label == "paragraph"
    ]
    if not heads:
        return []
    heading = min(heads, key=lambda s: s.start)
    first = words.after(heading.start)
    if first is None or first.lemma_ not in cues.statement_headings:
        return []
    if heading.text.rstrip().endswith((".", "!", "?", "…")):
        return []  # a sentence («Заявление Лаврова вызвало ...»), a report of it, not a heading
    issuers = [
        a
        for a in actors
        if heading.start <= a.start < heading.end
        and a.attrs.get("type") in ("government", "organisation")
        and a.attrs.get("match") != "metonym"
    ]
    if not issuers:
        return []
    issuer = issuers[0]
    entry = gazetteer.get(str(issuer.attrs.get("state"))) or _body_of(
        gazetteer, issuer.attrs.get("actor_id")
    )
    if entry is None:
        return []
    weight = cues.speaker_state_weight
    item = Evidence(entry.id, entry.name, weight, "statement_heading", issuer.start, issuer.end)
    return [("body", item)]


def _signature_evidence(
    document: Document, actors: list[Span], gazetteer: Gazetteer, cues: GroupsFile
) -> list[tuple[str, Evidence]]:
    """A post signed with a body's name on its last line («Минобороны России», as a ministry's
    channel signs its posts): the text's own voice speaks for that body's state."""
    text = document.text.rstrip()
    last_line = text.rfind("\n") + 1
    tail = [a for a in actors if a.start >= last_line]
    if len(tail) != 1 or _LETTERS.search(text[last_line : tail[0].start] + text[tail[0].end :]):
        return []
    signer = tail[0]
    if signer.attrs.get("type") not in ("government", "organisation", "person"):
        return []
    entry = gazetteer.get(str(signer.attrs.get("state"))) or _body_of(
        gazetteer, signer.attrs.get("actor_id")
    )
    if entry is None:
        return []
    weight = cues.speaker_state_weight
    return [("body", Evidence(entry.id, entry.name, weight, "signature", signer.start, signer.end))]


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
    """The actor a self-identifying mention stands for: a weapon's, an operation's or a city's
    state ("we here in Moscow", «у нас в Москве», «наша специальная военная операция»), else the
    actor itself."""
    state = actor.attrs.get("state")
    if actor.attrs.get("type") in ("weapon", "event") or (
        actor.attrs.get("type") == "place" and state
    ):
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


class _Words:
    """The parse's words by character offset, for the lemma-based cues."""

    def __init__(self, parsed: SpacyDoc) -> None:
        self.parsed = parsed
        self.starts = [token.idx for token in parsed]

    def after(self, offset: int) -> Token | None:
        """The first word starting at or after ``offset``."""
        index = bisect.bisect_left(self.starts, offset)
        return self.parsed[index] if index < len(self.starts) else None

    def people(self, actor: Span) -> bool:
        """Whether a demonym is a noun naming people («украинцев»), not the state's adjective
        («украинские военные»): people who come to «нашу страну» are not its own."""
        word = self.after(actor.start)
        return actor.attrs.get("match") == "demonym" and word is not None and word.pos_ == "NOUN"

    def opposite(self, actor: Span, nation: Token) -> bool:
        """Whether a mention and the word for "us" are two parties to one verb: «Россия напала
        на нашу страну» names the other side, while «мы живём в России» names a place (the
        locative case) and «украинские военные защищают нашу страну» a modifier."""
        span = self.parsed.char_span(actor.start, actor.end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        if root.dep_ == "pobj" and "Loc" in root.morph.get("Case", []):
            return False
        verb, ours = _governor(root), _governor(nation)
        return verb is not None and ours is not None and verb.i == ours.i

    def counterpart(self, actor: Span, cues: GroupsFile) -> bool:
        """Whether a demonym names the other side: «наших американских коллег»."""
        following = self.after(actor.end)
        return (
            actor.attrs.get("match") == "demonym"
            and following is not None
            and following.lemma_ in cues.counterpart_nouns
        )


def _governor(token: Token) -> Token | None:
    """The verb ``token`` is a party to, up through prepositions and the nouns it is an
    argument of («удар по Украине» in «нанесла удар по Украине»); None for a modifier
    («украинские военные») or in a verbless sentence («Россия — наша страна»)."""
    while token.pos_ not in ("VERB", "AUX"):
        if token.dep_ not in _ARGUMENTS or token.head.i == token.i:
            return None
        token = token.head
    return token


def _national_hits(words: _Words, cue: NationalCue) -> Iterator[tuple[int, int, Token]]:
    """«наша страна», «мы — великая страна», «мы с вами»: (start, end, the word that stands in
    the sentence for the nation: the noun, or «мы»)."""
    parsed = words.parsed
    for token in parsed:
        head = token.head
        if token.lemma_ in cue.possessive and head.i != token.i and head.lemma_ in cue.nouns:
            first, last = sorted((token, head), key=lambda t: t.i)
            yield first.idx, last.idx + len(last), head
        elif token.lemma_ in cue.pronoun:
            noun = _predicate_noun(parsed, token, cue)
            if noun is not None:
                yield token.idx, noun.idx + len(noun), token
            elif (
                token.i + 2 < len(parsed)
                and parsed[token.i + 1].lower_ == cue.inclusive_preposition
                and parsed[token.i + 2].lemma_ in cue.inclusive
            ):
                last = parsed[token.i + 2]
                yield token.idx, last.idx + len(last), token


def _predicate_noun(parsed: SpacyDoc, pronoun: Token, cue: NationalCue) -> Token | None:
    """«Мы — великая страна», «мы небольшая европейская страна»: the noun «мы» is, read from
    the words after it up to a verb or a clause's end (the parse does not always make «мы» the
    noun's subject)."""
    for token in parsed[pronoun.i + 1 : pronoun.i + 1 + _PREDICATE_REACH]:
        if token.lemma_ in cue.subject_nouns:
            return token
        if token.pos_ in ("VERB", "AUX") or (token.is_punct and token.text not in ",—–-"):
            return None
    return None


def _national_evidence(
    words: _Words,
    actors: list[Span],
    sentences: list[tuple[int, int]],
    scopes: ScopeIndex,
    cues: GroupsFile,
) -> list[tuple[str, Evidence]]:
    """(voice key, evidence) for each voice that speaks as a nation: the one state it names in
    the cue's sentence (else within ``window`` sentences of it), and the side its words mark
    (:func:`_side_evidence`)."""
    cue = cues.national_cue
    if cue is None:
        return []
    hits: dict[str, list[tuple[int, int, Token]]] = defaultdict(list)
    for start, end, nation in _national_hits(words, cue):
        hits[scopes.at(start).key].append((start, end, nation))
    found = []
    for key, stretches in hits.items():
        named = [a for a in actors if scopes.at(a.start).key == key and _names_state(a, words)]
        for start, end, nation in stretches:
            beside = [a for a in named if not words.opposite(a, nation)]
            state = _one_state_near(beside, sentences, start, cue.window)
            if state is not None:
                name = state.replace("_", " ").title()
                found.append((key, Evidence(state, name, cue.weight, cue.id, start, end)))
    if cues.side_markers is not None:
        found += [
            (key, item)
            for key, item in _side_evidence(words, cues.side_markers, scopes)
            if key in hits
        ]
    return found


def _names_state(actor: Span, words: _Words) -> bool:
    """A mention that may name the voice's own state. States named by a capital («Вашингтон»)
    are left out: a voice names the other side so, seldom its own; so are people
    («украинцев»)."""
    return (
        actor.attrs.get("type") in ("state", "government")
        and actor.attrs.get("match") != "metonym"
        and bool(actor.attrs.get("state"))
        and not words.people(actor)
    )


def _side_evidence(
    words: _Words, markers: SideMarkers, scopes: ScopeIndex
) -> Iterator[tuple[str, Evidence]]:
    """(voice key, evidence) for each distinct side marker a voice uses: «СВО», «киевский
    режим» are said by Russia's side, «рашисты» by Ukraine's. A term repeated counts once."""
    phrases = [
        (side, tuple(phrase.split())) for side, items in markers.sides.items() for phrase in items
    ]
    lemmas = [token.lemma_ for token in words.parsed]
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for index, lemma in enumerate(lemmas):
        for side, phrase in phrases:
            if phrase[0] != lemma or tuple(lemmas[index : index + len(phrase)]) != phrase:
                continue
            start = words.parsed[index].idx
            key = scopes.at(start).key
            if (key, phrase) in seen:
                continue
            seen.add((key, phrase))
            last = words.parsed[index + len(phrase) - 1]
            end = last.idx + len(last)
            name = side.replace("_", " ").title()
            yield key, Evidence(side, name, markers.weight, "side_marker", start, end)


def _one_state_near(
    named: list[Span], sentences: list[tuple[int, int]], offset: int, window: int
) -> str | None:
    """The state of the mentions in the sentence of ``offset``, widening to ``window``
    sentences either side while none is there; None when none or several states are."""
    index = _sentence_index(sentences, offset)
    if index is None:
        return None
    for reach in range(window + 1):
        low = sentences[max(0, index - reach)][0]
        high = sentences[min(len(sentences) - 1, index + reach)][1]
        states = {str(a.attrs["state"]) for a in named if low <= a.start < high}
        if states:
            return states.pop() if len(states) == 1 else None
    return None


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
    words: _Words | None,
) -> list[Span]:
    spans = []
    units = TextUnits(document)
    starts = [a.start for a in actors]
    hits = _lemma_pronouns(words, cues) if words is not None else _form_pronouns(document, cues)
    for start, end, label in hits:
        if document.text[start:end] == "US" or not units.is_text(start):
            continue  # the abbreviation; "Our Standards", "Follow us": the page's, not a voice's
        scope = scopes.at(start)
        if label == "we":
            decision = resolved.get(scope.key)
            via = "in_group"
        else:
            decision = _antecedent(actors, starts, sentences, scopes, scope, start, cues)
            via = "antecedent"
        spans.append(_pronoun_span(document, (start, end), label, scope, decision, via))
    return spans


def _form_pronouns(document: Document, cues: GroupsFile) -> Iterator[tuple[int, int, str]]:
    """Each "we"/"they" pronoun as (start, end, label), matched by its word forms."""
    first = "|".join(cues.pronouns["first_plural"])
    third = "|".join(cues.pronouns["third_plural"])
    pattern = rf"\b(?:(?P<we>{first})|(?P<they>{third}))\b"
    for hit in re.finditer(pattern, document.text, re.IGNORECASE):
        yield hit.start(), hit.end(), "we" if hit.group("we") else "they"


def _lemma_pronouns(words: _Words, cues: GroupsFile) -> Iterator[tuple[int, int, str]]:
    """Each "we"/"they" pronoun as (start, end, label), matched by its lemma: «нас», «нам»,
    «нашего», «наших» are «мы» and «наш»."""
    first, third = set(cues.pronouns["first_plural"]), set(cues.pronouns["third_plural"])
    for token in words.parsed:
        if token.lemma_ in first or token.lemma_ in third:
            label = "we" if token.lemma_ in first else "they"
            yield token.idx, token.idx + len(token), label


def _pronoun_span(
    document: Document,
    hit: tuple[int, int],
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
        hit[0], hit[1], label, analyzer=ANALYZER,
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
