"""The lemma-based cues of Russian text, read on the parse: every case of «мы», «наш», «они»
(:func:`lemma_pronouns`), and a voice that speaks as a nation («наша страна», «наши военные»,
«мы — великая страна», «мы с вами») for the one state it names beside the cue, not as another
party to the same verb («Россия напала на нашу страну»), or for the side its words mark
(«СВО», «киевский режим»; «рашисты»). «Наши американские коллеги» names the other side."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from redline.groups.cues import GroupsFile, NationalCue, SideMarkers
from redline.groups.mentions import Evidence, Mention, Sentences, sentence_index
from redline.scope import ScopeIndex

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Token

# «мы — самая большая страна»: words from «мы» to the noun it is said to be.
_PREDICATE_REACH = 5
# The dependencies of a verb's parties (the Russian parse in spaCy-English labels).
_ARGUMENTS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "iobj", "dative", "prep", "pobj", "obl", "obj"}
)
# A nation's hits: (start, end, the word that stands in the sentence for the nation).
Hit = tuple[int, int, "Token"]


class Words:
    """The parse's words by character offset, for the lemma-based cues."""

    def __init__(self, parsed: SpacyDoc) -> None:
        self.parsed = parsed
        self.starts = [token.idx for token in parsed]

    def after(self, offset: int) -> Token | None:
        """The first word starting at or after ``offset``."""
        index = bisect.bisect_left(self.starts, offset)
        return self.parsed[index] if index < len(self.starts) else None

    def people(self, actor: Mention) -> bool:
        """Whether a demonym is a noun naming people («украинцев»), not the state's adjective
        («украинские военные»): people who come to «нашу страну» are not its own."""
        word = self.after(actor.start)
        return actor.attrs.match == "demonym" and word is not None and word.pos_ == "NOUN"

    def describes(self, actor: Mention, nouns: list[str]) -> bool:
        """Whether a demonym is the adjective of one of ``nouns`` (lemmas): «украинские
        военные», «российскому народу»."""
        word = self.after(actor.start)
        return word is not None and word.head.lemma_ in nouns

    def opposite(self, actor: Mention, nation: Token) -> bool:
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
        if verb is None or ours is None:
            return False
        # «Британия разрешила Киеву бить по нашей территории»: a party to a verb whose
        # complement acts on "us" is a party too.
        return verb.i in {v.i for v in _complement_chain(ours)}

    def hostile(self, nation: Token, verbs: list[str]) -> bool:
        """Whether the verb the word for "us" is a party to is an act of force («наши войска
        бьют по ...», «Киев бьёт по нашей территории»), not of defence, liberation or help."""
        verb = _governor(nation)
        return verb is not None and any(v.lemma_ in verbs for v in _complement_chain(verb))

    def counterpart(self, actor: Mention, cues: GroupsFile) -> bool:
        """Whether a demonym names the other side: «наших американских коллег»."""
        following = self.after(actor.end)
        return (
            actor.attrs.match == "demonym"
            and following is not None
            and following.lemma_ in cues.counterpart_nouns
        )


def _complement_chain(verb: Token) -> list[Token]:
    """The verb and the verbs it is the infinitive complement of («бить» in «разрешила бить»)."""
    chain = [verb]
    while chain[-1].dep_ == "xcomp" and chain[-1].head.i != chain[-1].i and len(chain) < 4:
        chain.append(chain[-1].head)
    return chain


def _governor(token: Token) -> Token | None:
    """The verb ``token`` is a party to, up through prepositions and the nouns it is an
    argument of («удар по Украине» in «нанесла удар по Украине»); None for a modifier
    («украинские военные») or in a verbless sentence («Россия — наша страна»)."""
    while token.pos_ not in ("VERB", "AUX"):
        if token.dep_ not in _ARGUMENTS or token.head.i == token.i:
            return None
        token = token.head
    return token


def lemma_pronouns(words: Words, cues: GroupsFile) -> Iterator[tuple[int, int, str]]:
    """Each "we"/"they" pronoun as (start, end, label), matched by its lemma: «нас», «нам»,
    «нашего», «наших» are «мы» and «наш»."""
    first, third = set(cues.pronouns["first_plural"]), set(cues.pronouns["third_plural"])
    for token in words.parsed:
        if token.lemma_ in first or token.lemma_ in third:
            label = "we" if token.lemma_ in first else "they"
            yield token.idx, token.idx + len(token), label


def national_evidence(
    words: Words,
    actors: list[Mention],
    sentences: Sentences,
    scopes: ScopeIndex,
    cues: GroupsFile,
) -> list[tuple[str, Evidence]]:
    """(voice key, evidence) for each voice that speaks as a nation: the one state it names in
    the cue's sentence (else within ``window`` sentences of it), and the side its words mark
    (:func:`_side_evidence`); a voice that says «наш президент» speaks as one too."""
    cue = cues.national_cue
    if cue is None:
        return []
    hits: dict[str, list[Hit]] = defaultdict(list)
    for start, end, nation in _national_hits(words, cue):
        hits[scopes.at(start).key].append((start, end, nation))
    found = []
    for key, stretches in hits.items():
        named = [a for a in actors if scopes.at(a.start).key == key and _names_state(a, words, cue)]
        for start, end, nation in stretches:
            beside = [a for a in named if not words.opposite(a, nation)]
            state = _one_state_near(beside, sentences, start, cue.window)
            weight, rule = cue.weight, cue.id
            if state is None and not beside:
                voice = [a for a in actors if scopes.at(a.start).key == key]
                state = _opponent(words, voice, sentences, nation, start, cue)
                weight, rule = cue.opponent_weight, f"{cue.id}_against"
            if state is not None:
                name = state.replace("_", " ").title()
                found.append((key, Evidence(state, name, weight, rule, start, end)))
    bodies = list(_our_bodies(words, actors, scopes, cue))
    found += bodies
    if cues.side_markers is not None:
        nations = set(hits) | {key for key, _ in bodies} | _leader_voices(words, cues, scopes)
        found += _marked_sides(words, cues, cues.side_markers, scopes, nations)
    return found


def _opponent(
    words: Words, voice: list[Mention], sentences: Sentences, nation: Token, offset: int,
    cue: NationalCue,
) -> str | None:  # fmt: skip
    """«Наши войска наносят удары по объектам Украины», «Киев бьёт по нашей территории»: the
    state at war with the one state that is the other party to the nation's act of force. (The
    other side is as often named by its capital.)"""
    if not words.hostile(nation, cue.hostile_verbs):
        return None
    across = [
        a for a in voice
        if a.attrs.state in cue.opponents and not words.people(a) and words.opposite(a, nation)
    ]  # fmt: skip
    other = _one_state_near(across, sentences, offset, 0)
    return cue.opponents.get(other) if other is not None else None


def _our_bodies(
    words: Words, actors: list[Mention], scopes: ScopeIndex, cue: NationalCue
) -> Iterator[tuple[str, Evidence]]:
    """«Наши ВКС», «наши ВСУ»: «наш» on a state's own forces or agency, linked as such, says
    whose they are ("our" Foreign Ministry, unlinked to any state, says nothing)."""
    for actor in actors:
        if actor.attrs.type != "organisation" or not actor.attrs.state:
            continue
        span = words.parsed.char_span(actor.start, actor.end, alignment_mode="expand")
        ours = (
            [ch for ch in span.root.children if ch.lemma_ in cue.possessive and ch.i < span.start]
            if span is not None
            else []
        )
        if ours:
            state = actor.attrs.state
            name = state.replace("_", " ").title()
            evidence = Evidence(state, name, cue.weight, f"{cue.id}_body", ours[0].idx, actor.end)
            yield scopes.at(actor.start).key, evidence


def _leader_voices(words: Words, cues: GroupsFile, scopes: ScopeIndex) -> set[str]:
    """The voices that say «наш президент», «глава нашего государства»: they speak as a
    nation too, though the leader cue itself finds the state only by the leader named."""
    pattern = re.compile(cues.leader_cue.pattern, re.IGNORECASE)
    return {scopes.at(hit.start()).key for hit in pattern.finditer(words.parsed.text)}


def _marked_sides(
    words: Words,
    cues: GroupsFile,
    markers: SideMarkers,
    scopes: ScopeIndex,
    nations: set[str],
) -> list[tuple[str, Evidence]]:
    """The side markers of each voice that speaks as a nation, at their weight, and of each
    other voice that says "we", at ``markers.weight_without_nation`` (several distinct terms of
    one side's vocabulary say whose "we" it is; one may be a quote of the other side's)."""
    alone = markers.weight_without_nation
    saying_we = (
        {scopes.at(start).key for start, _, label in lemma_pronouns(words, cues) if label == "we"}
        if alone is not None
        else set()
    )
    found = []
    for key, item in _side_evidence(words, markers, scopes):
        if key in nations:
            found.append((key, item))
        elif key in saying_we and alone is not None:
            found.append((key, replace(item, weight=alone)))
    return found


def _national_hits(words: Words, cue: NationalCue) -> Iterator[Hit]:
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


def _names_state(actor: Mention, words: Words, cue: NationalCue) -> bool:
    """A mention that may name the voice's own state. States named by a capital («Вашингтон»)
    are left out: a voice names the other side so, seldom its own; so are people
    («украинцев»). A state's adjective counts only on what a nation has («украинские военные»,
    «палестинский народ»): on anything else it is as often the other side's («от российского
    террора», «китайские дроны у наших защитников»)."""
    return (
        actor.attrs.type in ("state", "government")
        and actor.attrs.match != "metonym"
        and bool(actor.attrs.state)
        and not words.people(actor)
        and (actor.attrs.match != "demonym" or words.describes(actor, cue.nouns))
    )


def _side_evidence(
    words: Words, markers: SideMarkers, scopes: ScopeIndex
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
    named: list[Mention], sentences: Sentences, offset: int, window: int
) -> str | None:
    """The state of the mentions in the sentence of ``offset``, widening to ``window``
    sentences either side while none is there; None when none or several states are."""
    index = sentence_index(sentences, offset)
    if index is None:
        return None
    for reach in range(window + 1):
        low = sentences[max(0, index - reach)][0]
        high = sentences[min(len(sentences) - 1, index + reach)][1]
        states = {a.attrs.state for a in named if low <= a.start < high}
        if states:
            return states.pop() if len(states) == 1 else None
    return None
