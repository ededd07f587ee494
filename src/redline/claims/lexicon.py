"""The action lexicon: verbs, nouns and multiword expressions -> PLOVER type, mode, ladder level.

The entries live in ``redline/data/actions.yaml`` (English) and ``redline/data/<lang>/actions.yaml``
(another language, same schema); this module loads, validates and indexes them for look-up by
spaCy token. Each file also names the clause words the claims analyzer reads around an action
(prepositions of a target, light verbs, pronouns of the speaker's side): :class:`ClauseWords`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from pydantic import Field
from spacy.tokens import Doc, Token

from redline.data_files import DataFile, load
from redline.errors import ConfigError

PLOVER_TYPES = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
})  # fmt: skip
LADDER = {
    0: "cooperation and diplomacy",
    1: "hostile rhetoric",
    2: "non-military coercion and force against persons",
    3: "conventional military force",
    4: "strikes on capitals, leadership; destruction of cities or a state",
    5: "nuclear",
}
LADDER_EXAMPLES = {
    0: "talks, agreements, aid, ceasefire, congratulations",
    1: "accusations, demands, ultimatums, insults, refusal to talk, threats with no stated means",
    2: "sanctions, asset seizures, blockades, seizing ships, arrest, abduction, expulsions, "
    "coups, cyber attacks",
    3: "strikes, offensives, invasion, occupation or annexation, mobilisation for war, mass "
    "killing",
    4: "strikes on capitals and government quarters, decapitation, destroying a city, state or "
    "regime",
    5: "nuclear use, nuclear war, nuclear strikes, nuclear threats and guarantees",
}


@dataclass(frozen=True)
class Action:
    """One lexicon entry."""

    key: str
    plover: str
    level: int
    mode: str | None = None
    pos: tuple[str, ...] = ("VERB", "NOUN")
    ambiguous: bool = False
    escalate_to: dict[int, tuple[str, ...]] = field(default_factory=dict)
    # Words that settle an ambiguous action's sense when its own phrase holds one (a response
    # "symmetrical", "with all means", "to the aggression" is a retaliation, not an answer).
    settled_by: tuple[str, ...] = ()
    # Only those words or a named object settle it, not the side it befalls: «Украина потеряла
    # независимость» names the side that lost, and is still no loss in war. "words": only those
    # words, no name ("launch the New Agenda Coalition" founds it; "launch missiles" fires).
    settled_only: bool | Literal["words"] = False
    words: tuple[str, ...] = ()
    gap: int = 0  # words a phrase may skip between its own words, in all


@dataclass(frozen=True)
class ActionMatch:
    """An action found in a parsed text: the tokens [start, end) and the head token."""

    action: Action
    start: int
    end: int
    head: int


class ActionLexicon:
    """Look-up of single lemmas and multiword phrases over a spaCy Doc."""

    def __init__(self, data: dict[str, Any]):
        self.version = data.get("version", 1)
        self.words = ClauseWords(**data["clause_words"]) if "clause_words" in data else None
        self.determiners = frozenset(self.words.phrase_determiners if self.words else ())
        self.scores: dict[str, float] = {
            str(k): float(v) for k, v in (data.get("plover_scores") or {}).items()
        }
        self.lemmas: dict[str, list[Action]] = {}
        self.phrases: dict[str, list[Action]] = {}
        for raw in data.get("entries") or []:
            action = _action(raw)
            if len(action.words) == 1:
                self.lemmas.setdefault(action.words[0], []).append(action)
            else:
                self.phrases.setdefault(action.words[0], []).append(action)
        self.modifiers = _modifiers(data.get("level_modifiers") or [])
        # Phrases that contain an action word but name no action ("prisoners of war").
        self.non_actions: dict[str, list[tuple[str, ...]]] = {}
        for phrase in data.get("non_actions") or []:
            words = tuple(str(phrase).lower().split())
            self.non_actions.setdefault(words[0], []).append(words)

    @classmethod
    def load(cls, language: str = "en") -> ActionLexicon:
        """The packaged lexicon of ``language`` (English: ``actions.yaml``; another language:
        ``<language>/actions.yaml``), read once per process."""
        return _packaged(language)

    @property
    def clause(self) -> ClauseWords:
        """The clause words of the lexicon's language (every packaged file has them)."""
        if self.words is None:
            raise ConfigError("actions file: no clause_words; every packaged lexicon has them")
        return self.words

    def score(self, plover: str, mode: str | None) -> float | None:
        """PLOVER's conflict-cooperation score of a type and mode (the type's, if no mode score)."""
        return (
            self.scores.get(f"{plover}:{mode}")
            if mode and f"{plover}:{mode}" in self.scores
            else self.scores.get(plover)
        )

    def find(self, doc: Doc) -> list[ActionMatch]:
        """Every action in ``doc``; a phrase beats the single words inside it."""
        found: list[ActionMatch] = []
        covered = self._non_action_tokens(doc)
        # "non-nuclear weapons": no action starts at a level word a prefix takes back (the
        # acts themselves stay: "non-use of force", "non-interference" are principles stated).
        prefixes = self.words.negating_prefixes if self.words else []
        covered.update(
            t.i
            for t in doc
            if t.lemma_.lower() in self.modifiers and after_negating_prefix(t, prefixes)
        )
        for token in doc:
            candidates = self.phrases.get(token.lemma_.lower(), [])
            if token.lower_ != token.lemma_.lower():
                candidates = candidates + self.phrases.get(token.lower_, [])
            # Of the phrases that start here, the one that reaches furthest wins («применить
            # все имеющиеся средства поражения» over «применить все средства»).
            best: tuple[int, Action] | None = None
            for action in candidates:
                end = _phrase_end(doc, token.i, action.words, self.determiners, action.gap)
                if end is None or covered & set(range(token.i, end)):
                    continue
                if best is None or end > best[0]:
                    best = (end, action)
            if best is not None:
                end, action = best
                head = _phrase_head(doc, token.i, end)
                found.append(ActionMatch(action, token.i, end, head))
                covered.update(range(token.i, end))
        for token in doc:
            if token.i in covered:
                continue
            for action in self.lemmas.get(token.lemma_.lower(), ()):
                if token.pos_ in action.pos or (
                    token.pos_ == "PROPN"
                    and "NOUN" in action.pos
                    and token.lower_ == token.lemma_.lower()
                ):
                    found.append(ActionMatch(action, token.i, token.i + 1, token.i))
                    break
        return sorted(found, key=lambda m: m.start)

    def action_at(self, token: Token) -> Action | None:
        """The action of the phrase that starts at ``token``, or of its single word, if any."""
        lemma = token.lemma_.lower()
        for action in self.phrases.get(lemma, ()):
            if _phrase_end(token.doc, token.i, action.words, self.determiners, action.gap):
                return action
        return next((a for a in self.lemmas.get(lemma, ()) if token.pos_ in a.pos), None)

    def _non_action_tokens(self, doc: Doc) -> set[int]:
        covered: set[int] = set()
        for token in doc:
            for form in {token.lemma_.lower(), token.lower_}:
                for words in self.non_actions.get(form, ()):
                    # (across a line break: «с \nпомощью» is still "by means of")
                    end = _phrase_end(doc, token.i, words, self.determiners, skip_space=True)
                    if end is not None:
                        covered.update(range(token.i, end))
        return covered


def after_negating_prefix(token: Token, prefixes: Sequence[str]) -> bool:
    """The token is written right after a negating prefix and a hyphen ("non-nuclear",
    "anti-nuclear": the tokenizer splits them in three)."""
    doc, i = token.doc, token.i
    return (
        bool(prefixes)
        and i >= 2
        and doc[i - 1].text == "-"
        and not doc[i - 2].whitespace_
        and not doc[i - 1].whitespace_
        and doc[i - 2].lower_ in prefixes
    )


def _phrase_end(
    doc: Doc,
    start: int,
    words: tuple[str, ...],
    determiners: frozenset[str],
    gap: int = 0,
    skip_space: bool = False,
) -> int | None:
    """Match phrase words against lemmas or lower-case forms, allowing one determiner between,
    and up to ``gap`` other words in all (a phrase that declares one: an inflected language puts
    an agent or an adjective inside a fixed phrase, «применение Россией ядерного оружия»); with
    ``skip_space``, line breaks between the words too."""
    index = start
    for position, word in enumerate(words):
        if word in determiners and index < len(doc) and doc[index].pos_ in ("DET", "PRON"):
            index += 1  # "end the war" matches "end this war", "end their war"
            continue
        # (A determiner that is the phrase's own word is matched, not skipped: "use all means".)
        while index < len(doc) and (
            (doc[index].pos_ == "DET" and not _is_word(doc, index, word))
            or (skip_space and doc[index].is_space)
        ):
            index += 1
        while position and gap and index < len(doc) and not _is_word(doc, index, word):
            if doc[index].is_punct or doc[index].is_sent_start:
                return None  # a skipped word stays inside the phrase's clause
            index, gap = index + 1, gap - 1
        if index >= len(doc) or not _is_word(doc, index, word):
            return None
        index += 1
    return index


def _is_word(doc: Doc, index: int, word: str) -> bool:
    return word in (doc[index].lemma_.lower(), doc[index].lower_)


def _phrase_head(doc: Doc, start: int, end: int) -> int:
    tokens = doc[start:end]
    return tokens.root.i


def _action(raw: dict[str, Any]) -> Action:
    key = raw.get("phrase") or raw.get("lemma")
    if not key or raw.get("plover") not in PLOVER_TYPES:
        raise ConfigError(
            f"actions.yaml: entry {raw!r:.100} needs lemma or phrase and a PLOVER type"
        )
    level = int(raw["level"])
    if not 0 <= level <= 5:
        raise ConfigError(f"actions.yaml: {key!r} has level {level}, expected 0-5")
    pos = tuple(raw.get("pos") or (("VERB", "NOUN") if "lemma" in raw else ("VERB", "NOUN", "ADJ")))
    escalate = {
        int(k): tuple(str(w).lower() for w in _flat(v or ()))
        for k, v in (raw.get("escalate_to") or {}).items()
    }
    return Action(
        key=str(key).lower(),
        plover=raw["plover"],
        level=level,
        mode=raw.get("mode") or None,
        pos=pos,
        ambiguous=bool(raw.get("ambiguous")),
        escalate_to=escalate,
        settled_by=tuple(str(w).lower() for w in _flat(raw.get("settled_by") or ())),
        settled_only="words"
        if raw.get("settled_only") == "words"
        else bool(raw.get("settled_only")),
        words=tuple(str(key).lower().split()),
        gap=int(raw.get("gap") or 0),
    )


def _flat(words: Any) -> list[Any]:
    """A word list that may hold other lists (YAML anchors of shared lists: ``[*land_words,
    *force_units, танк]``, ``[*military_words, родина]``), flattened."""
    return [w for item in words for w in (_flat(item) if isinstance(item, list) else [item])]


def _modifiers(raw: list[Any]) -> dict[str, int]:
    """Word or phrase -> the level it raises an action in the same clause to."""
    found: dict[str, int] = {}
    for item in raw:
        for word in item["words"]:
            if word:
                found[str(word).lower()] = int(item["level"])
    return found


class ActionItem(DataFile):
    """One action as written: a lemma or a phrase, its PLOVER type, mode and ladder level."""

    lemma: str | None = None
    phrase: str | None = None
    plover: str
    level: int
    mode: str | None = None
    pos: list[str] | None = None
    ambiguous: bool = False
    # words that raise the level; like ``settled_by``, shared lists may be nested in it
    escalate_to: dict[int, list[str | list[str]] | None] | None = None
    # words that settle an ambiguous entry's sense; shared lists may be nested in it
    settled_by: list[str | list[str]] | None = None
    # only ``settled_by`` or a named object settle it; "words": only ``settled_by``
    settled_only: bool | Literal["words"] = False
    gap: int = 0  # a phrase's words may have up to this many other words between them
    note: str | None = None  # why the entry is there; for the reader, not read


class LevelModifier(DataFile):
    """Words that raise an action in the same clause to ``level`` (nuclear words to 5)."""

    level: int
    words: list[str]


class ClauseWords(DataFile):
    """The words of a language the claims analyzer reads around an action (lemmas or lower-case
    forms): where its actor, target and the speaker's side are, and which phrases skip
    determiners. English words here, not in code, so another language brings its own."""

    phrase_determiners: list[str]  # a determiner written in a phrase matches any one
    target_prepositions: list[str]  # "strike on Kyiv", «удар по Киеву»
    noun_target_prepositions: list[str]  # "launch strikes against X": the light verb's phrase
    agent_prepositions: list[str]  # "the invasion by Russia"
    result_prepositions: list[str]  # "turn Seoul into a sea of fire"
    companion_prepositions: list[str]  # "together with X": X shares the action's fate
    companion_adverbs: list[str]
    light_verbs: list[str]  # "deliver a strike": the verb's subject is the strike's actor
    regime_words: list[str]  # "this regime" -> the foreign state named just before
    seize_lemmas: list[str]  # seizing a place is taking territory (level 3)
    patient_lemmas: list[str]  # "Kyiv should cease to exist": the subject suffers it
    ceasing_verbs: list[str]  # the verb of "cease to exist": its subject suffers the action
    generic_actors: list[str]  # "one could destroy ...": an unnamed agent
    own_side_subjects: list[str]  # "we", "us"
    own_side_possessives: list[str]  # "our artillery"
    # "the enemy will be crushed": force against the enemy, with no actor named, is the
    # speaker's side's. Empty where a language lists none.
    enemy_words: list[str] = Field(default_factory=list)
    # «нам удастся ...»: verbs of managing whose doer is in the dative. Empty where none.
    experiencer_verbs: list[str] = Field(default_factory=list)
    first_person: list[str]  # any of these in the sentence: the speaker is involved
    object_pronouns: list[str]  # "control of them": the place named just before
    condition_subordinators: list[str]  # "if", "unless": whom a threat answers
    # «атака на культуру», "a war on truth": force whose object is an idea, a right or a
    # culture is a metaphor, rhetoric (rung 1); empty where a language lists none.
    abstract_objects: list[str] = Field(default_factory=list)
    # «информационная атака», "a propaganda war", "a media assault": force called informational,
    # psychological or ideological is rhetoric (rung 1). Adjectives or noun modifiers; empty
    # where a language lists none.
    rhetoric_qualifiers: list[str] = Field(default_factory=list)
    # "non-nuclear weapons", "an anti-nuclear protest": a word after one of these prefixes and a
    # hyphen is negated, and raises no level. Empty where a language writes such words whole
    # («неядерный»).
    negating_prefixes: list[str] = Field(default_factory=list)
    # «пакет помощи, включающий ракеты»: weapons named in the sentence make aid military;
    # «политическая поддержка» stays diplomacy. Empty where a language lists none.
    arms_words: list[str] = Field(default_factory=list)
    civil_aid_words: list[str] = Field(default_factory=list)
    # «ответит на вопрос», "respond to a letter": what a response answers when it is words, not
    # a deed; a side's declared response to anything else is a threat. Empty where a language
    # lists none (then no declared response settles itself).
    spoken_objects: list[str] = Field(default_factory=list)
    # «меры военного характера», "measures of a military nature": nouns of kind whose own
    # modifiers qualify the action they hang on. Empty where a language lists none.
    kind_nouns: list[str] = Field(default_factory=list)
    # «ответим по Варшаве»: a response whose object, after one of these prepositions, is a named
    # place or force is a strike. Empty where a language lists none.
    # «по словам Пескова»: nouns that, after a target preposition, name a source, not a target.
    source_nouns: list[str] = Field(default_factory=list)
    strike_prepositions: list[str] = Field(default_factory=list)
    # «ответ ... по военным объектам»: the unnamed objects such a preposition makes a strike's.
    struck_objects: list[str] = Field(default_factory=list)
    # «вирус убивает клетки», «маска защищает», «уничтожать поголовье свиней»: an action done by
    # or to a germ, a drug, a cell or livestock, with no state, group or person named, is no
    # political or violent act (ANNOTATION.md section 4). Empty where a language lists none.
    natural_participants: list[str] = Field(default_factory=list)
    # «медицинская помощь», «юридические консультации»: help called medical or legal, with no
    # state, group or person named as giver or receiver, is a service, not a political act.
    # Adjectives. Empty where a language lists none.
    service_qualifiers: list[str] = Field(default_factory=list)
    # "guarantee security with our nuclear weapons", «передать ядерное оружие»: what a
    # cooperative act gives when it is nuclear. Support for a nuclear-free zone, a test ban or
    # a non-proliferation process gives no such thing. Nouns. Empty where none are listed.
    nuclear_means: list[str] = Field(default_factory=list)
    # "renounced its nuclear arsenal", "a world free of nuclear weapons", «отказ от ядерного
    # оружия»: nuclear weapons given up, cut or banned are disarmament (rung 0), not nuclear
    # use. Lemmas, or a verb and its particle ("give up"). Empty where none are listed.
    disarming_words: list[str] = Field(default_factory=list)
    # "continue to develop nuclear weapons", "Iran will not get a nuclear weapon": a state
    # arming itself, rung 1 (the conventions' "developing weapons, presented as a threat").
    arming_words: list[str] = Field(default_factory=list)


class ActionsFile(DataFile):
    """``data/actions.yaml``: the action lexicon, PLOVER's scores and the level modifiers."""

    version: int
    clause_words: ClauseWords
    plover_scores: dict[str, float]
    level_modifiers: list[LevelModifier]
    non_actions: list[str]
    entries: list[ActionItem]


def data_name(name: str, language: str) -> str:
    """The packaged data file ``name`` for ``language``: English at the top of ``data/``,
    another language in its own folder in the same schema."""
    return name if language == "en" else f"{language}/{name}"


@cache
def _packaged(language: str) -> ActionLexicon:
    # Validated for shape here; ActionLexicon checks PLOVER types and levels.
    data = load(data_name("actions.yaml", language), ActionsFile)
    return ActionLexicon(data.model_dump(exclude_none=True))
