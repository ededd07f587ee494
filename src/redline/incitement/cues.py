"""The incitement cue lexicon, one file per language, indexed for look-up.

English is ``data/incitement.yaml``, Russian ``data/ru/incitement.yaml``: the same schema, so
the cascade of :mod:`redline.incitement.reader` reads either. The YAML file's header says what
each list is for; its ``grammar`` section holds the function words the cascade's frames are
made of ("please", "let's", "of", «пусть», «давайте»), so no language's words sit in code.

>>> cues = load_cues()
>>> cues.violent_verbs["lynch"], ("vermin",) in cues.dehumanizing
((2, False), True)
>>> load_cues("ru").violent_verbs["расстрелять"]
(2, False)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pydantic import Field

from redline.data_files import DataFile, load

SCHEMA_VERSION = 2
# The data file of each language the layer reads.
FILES = {"en": "incitement.yaml", "ru": "ru/incitement.yaml"}


def phrase_rule(pattern: str) -> str:
    """The rule id of a multiword pattern: ``"wipe * off the map"`` ->
    ``"phrase:wipe_off_the_map"``.

    >>> phrase_rule("put * against the wall")
    'phrase:put_against_the_wall'
    """
    return "phrase:" + "_".join(word for word in pattern.split() if word not in ("*", "[*]"))


@dataclass(frozen=True)
class Grammar:
    """The function words of the cascade's frames, lower-cased (see the YAML's ``grammar``)."""

    first_person: frozenset[str]
    speaker_subjects: frozenset[str]
    second_person: frozenset[str]
    first_person_possessives: frozenset[str]
    generic_subjects: frozenset[str]
    negations: frozenset[str]
    negating_adverbs: frozenset[str]
    negative_determiners: frozenset[str]
    copulas: frozenset[str]
    predicating_verbs: frozenset[str]
    acceptable: frozenset[str]
    own_wish_verbs: frozenset[str]
    time_nouns: frozenset[str]
    regret_modals: frozenset[str]
    regret_auxiliaries: frozenset[str]
    politeness: frozenset[str]
    imperative_particles: frozenset[str]
    let_verbs: frozenset[str]
    let_objects: frozenset[str]
    fillers: frozenset[str]
    wish_markers: tuple[str, ...]
    wish_auxiliaries: frozenset[str]
    conditional_marks: frozenset[str]
    see_verbs: frozenset[str]
    seeing_wish_verbs: frozenset[str]
    deserve_verbs: frozenset[str]
    demand_verbs: frozenset[str]
    death_to_preps: frozenset[str]
    solution_preps: frozenset[str]
    demand_preps: frozenset[str]
    noun_argument_deps: frozenset[str]
    of_preps: frozenset[str]
    like_preps: frozenset[str]
    target_preps: frozenset[str]
    place_preps: frozenset[str]
    semi_modals: frozenset[str]
    modal_words: frozenset[str]
    modal_aliases: dict[str, str]
    lemma_modals: frozenset[str]
    going_to: frozenset[str]
    future_auxiliaries: frozenset[str]
    suggestion_questions: tuple[str, ...]
    question_words: frozenset[str]
    quantifiers: frozenset[str]
    determiners: tuple[str, ...]
    adjectival_identity: frozenset[str]
    person_suffixes: tuple[str, ...]
    slur_families: frozenset[str]
    standalone_families: frozenset[str]
    nominal_predicates: bool
    match_lemmas: bool
    # Whether a direct quotation of a named voice (the voices layer's quote) is that voice's
    # own speech, read like the author's, rather than a quoting that reports (see the YAML).
    direct_speech: bool = False
    # Families of dehumanising terms and slurs whose subject dying, said by the voice, gloats
    # over the death («русня дохнет»): a wish for it.
    gloating_families: frozenset[str] = frozenset()
    gloating_verbs: frozenset[str] = frozenset()  # the verbs of dying that gloat so
    # Whether to repair the tagger's misreadings of short exclamations (see the YAML).
    tagger_repairs: bool = False
    # Modal predicates that take no nominative subject («надо», «нужно»): a "subject" the parse
    # gives their infinitive is its fronted object («Киев нужно стереть»).
    impersonal_modals: frozenset[str] = frozenset()
    # Whether a noun the tagger marks animate names people (Russian: Animacy=Anim).
    animate_people: bool = False
    # Whether coordinated verbs share an object left on the first («найти их и уничтожить»).
    shared_objects: bool = False
    # Whether a modal stops at a finite verb or a clause with its own subject (see the YAML).
    strict_modal_scope: bool = False
    # Whether violent verbs coordinated in one call make one finding (see the YAML).
    one_call_per_series: bool = False
    # A violent act done, endorsed in the voice's own words: «Правильно, что ударили по Киеву»,
    # «Молодцы, что накрыли ...» (the praising word heads the «что» clause; see the YAML).
    praise_words: frozenset[str] = frozenset()
    praise_marks: frozenset[str] = frozenset()
    # Pronouns that point at whom a dehumanising predicate is said of without naming them
    # («Это нелюди», "these are animals"): the predicate says they are people.
    demonstrative_subjects: frozenset[str] = frozenset()
    # Predicates that ask for a strike named by a noun: «Нужен удар по Вашингтону»; and the
    # "more of" words that, with the wish auxiliary, wish for more («Побольше бы таких ударов»).
    need_predicates: frozenset[str] = frozenset()
    # Nouns of need whose genitive is the act needed («о необходимости уничтожения ...»).
    need_nouns: frozenset[str] = frozenset()
    more_words: frozenset[str] = frozenset()
    # Adjectives that praise the strike noun they modify: «Отличный прилёт по Харькову».
    praise_adjectives: frozenset[str] = frozenset()
    # Words of a fundraising appeal: violence in a sentence asking for money is paid for,
    # endorsed («... уничтожать технику врага можно на карту ...»; see the YAML).
    donation_words: frozenset[str] = frozenset()
    card_words: frozenset[str] = frozenset()  # a card, where its number follows the sentence
    # The help asked for whose purpose the violence is: «помочь (в) ...», «собираем, чтобы ...».
    help_verbs: frozenset[str] = frozenset()
    purpose_preps: frozenset[str] = frozenset()
    # «Я за то, чтобы ...»: the speaker's stand (pattern words) before a purpose clause's mark.
    stand_phrases: tuple[tuple[str, ...], ...] = ()
    purpose_marks: frozenset[str] = frozenset()
    # Verbless slogans sending people to their death: «Предателей — на виселицу!».
    destination_preps: frozenset[str] = frozenset()
    # Verbs whose first-person negation is eagerness: «не дождусь, когда ...» (see the YAML).
    eager_negations: frozenset[str] = frozenset()
    # «Нет смысла брать в плен»: the capture phrases (pattern words) and the dissuasions that,
    # right before one, advise killing those who surrender instead (see the YAML).
    capture_phrases: tuple[tuple[str, ...], ...] = ()
    dissuasions: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Cues:
    """The cue lists, lower-cased; multiword terms are tuples of words."""

    violent_verbs: dict[str, tuple[int, bool]]  # lemma -> (ladder level, person_only)
    phrases: tuple[tuple[tuple[str, ...], int, str], ...]  # (pattern words, level, rule id)
    patient_verbs: dict[str, int]
    violent_nouns: dict[str, int]
    dehumanizing: dict[tuple[str, ...], str]  # term -> family
    identity: dict[tuple[str, ...], str]  # term -> category
    person_nouns: frozenset[str]
    person_pronouns: frozenset[str]
    hostile_verbs: frozenset[str]
    hostile_adjectives: frozenset[str]
    call_modals: frozenset[str]
    threat_modals: frozenset[str]
    wish_verbs: frozenset[str]
    intent_verbs: frozenset[str]
    reporting_verbs: frozenset[str]
    condemn_verbs: frozenset[str]
    condemn_adjectives: frozenset[str]
    condemn_nouns: frozenset[str]
    negative_subjects: frozenset[str]
    endorsing: frozenset[str]
    opportunity_nouns: frozenset[str]
    solution_nouns: frozenset[str]
    body_parts: frozenset[str]
    institutions: frozenset[str]
    grammar: Grammar
    use_model: bool = True
    # Nouns naming a strike («удар», «прилёт»): a call only in a frame that asks for one.
    strike_nouns: dict[str, int] = field(default_factory=dict)
    # Where a verbless slogan sends people to die («на виселицу», «к стенке»), by level.
    death_destinations: dict[str, int] = field(default_factory=dict)
    # Idioms of a violent verb with no target («сжечь мосты»), as pattern words.
    idioms: tuple[tuple[str, ...], ...] = ()
    # Compounds of an institution noun that name a thing («база данных»), as pattern words.
    thing_phrases: tuple[tuple[str, ...], ...] = ()
    language: str = "en"

    @classmethod
    def from_mapping(cls, data: dict[str, Any], language: str = "en") -> Cues:
        """Build from the parsed YAML; a wrong schema version or a missing list is refused."""
        if data.get("schema_version") != SCHEMA_VERSION:
            raise ValueError(
                f"{FILES.get(language, language)} has schema_version "
                f"{data.get('schema_version')!r}; this Redline reads version {SCHEMA_VERSION}: "
                "reinstall Redline"
            )

        def words(values: Any) -> frozenset[str]:
            return frozenset(str(w).lower() for w in values)

        def keyed(mapping: dict[str, Any]) -> dict[tuple[str, ...], str]:
            return {tuple(str(k).lower().split()): str(v) for k, v in mapping.items()}

        condemn = data["condemnation"]
        return cls(
            violent_verbs={
                str(k): (int(v["level"]), bool(v.get("person_only", False)))
                for k, v in data["violent_verbs"].items()
            },
            phrases=tuple(
                (tuple(p.split()), int(level), phrase_rule(p))
                for p, level in data["violent_phrases"].items()
            ),
            patient_verbs={str(k): int(v) for k, v in data["patient_verbs"].items()},
            violent_nouns={str(k): int(v) for k, v in data["violent_nouns"].items()},
            dehumanizing=keyed(data["dehumanizing"]),
            identity=keyed(data["identity_groups"]),
            person_nouns=words(data["person_nouns"]),
            person_pronouns=words(data["person_pronouns"]),
            hostile_verbs=words(data["hostile_verbs"]),
            hostile_adjectives=frozenset(
                str(w).lower().split()[-1] for w in data["hostile_adjectives"]
            ),
            call_modals=words(data["call_modals"]),
            threat_modals=words(data["threat_modals"]),
            wish_verbs=words(data["wish_verbs"]),
            intent_verbs=words(data["intent_verbs"]),
            reporting_verbs=words(data["reporting_verbs"]),
            condemn_verbs=words(condemn["verbs"]),
            condemn_adjectives=words(condemn["adjectives"]),
            condemn_nouns=words(condemn["nouns"]),
            negative_subjects=words(condemn["negative_subjects"]),
            endorsing=words(data["endorsing_adjectives"]),
            opportunity_nouns=words(data["opportunity_nouns"]),
            solution_nouns=words(data["solution_nouns"]),
            body_parts=words(data["body_parts"]),
            institutions=words(data["institutions"]),
            grammar=_grammar(data["grammar"]),
            use_model=bool(data["use_model"]),
            language=language,
            strike_nouns={str(k): int(v) for k, v in data.get("strike_nouns", {}).items()},
            death_destinations={
                str(k): int(v) for k, v in data.get("death_destinations", {}).items()
            },
            idioms=tuple(tuple(str(p).lower().split()) for p in data.get("idioms", [])),
            thing_phrases=tuple(
                tuple(str(p).lower().split()) for p in data.get("thing_phrases", [])
            ),
        )


def _grammar(data: dict[str, Any]) -> Grammar:
    def words(values: Any) -> frozenset[str]:
        return frozenset(str(w).lower() for w in values)

    def phrases(values: Any) -> tuple[str, ...]:
        # Kept in the file's order: the first that fits wins.
        return tuple(str(w).lower() for w in values)

    values: dict[str, Any] = {}
    for name, value in data.items():
        if isinstance(value, bool):
            values[name] = value
        elif name in _PATTERN_LISTS:
            values[name] = tuple(tuple(str(w).lower().split()) for w in value)
        elif isinstance(value, dict):
            values[name] = {str(k).lower(): str(v).lower() for k, v in value.items()}
        else:
            values[name] = phrases(value) if name in _PHRASE_LISTS else words(value)
    return Grammar(**values)


# Multiword patterns matched word by word (split on spaces).
_PATTERN_LISTS = frozenset({"capture_phrases", "dissuasions", "stand_phrases"})
_PHRASE_LISTS = frozenset(
    {"wish_markers", "suggestion_questions", "determiners", "person_suffixes"}
)


class ViolentVerb(DataFile):
    level: int
    person_only: bool = False


class Condemnation(DataFile):
    """Words that condemn violence rather than call for it."""

    verbs: list[str]
    adjectives: list[str]
    nouns: list[str]
    negative_subjects: list[str]


class GrammarSection(DataFile):
    """The function words of the frames (``grammar`` in the YAML; its header says each)."""

    first_person: list[str]
    speaker_subjects: list[str]
    second_person: list[str]
    first_person_possessives: list[str]
    generic_subjects: list[str]
    negations: list[str]
    negating_adverbs: list[str]
    negative_determiners: list[str]
    copulas: list[str]
    predicating_verbs: list[str]
    acceptable: list[str]
    own_wish_verbs: list[str]
    time_nouns: list[str]
    regret_modals: list[str]
    regret_auxiliaries: list[str]
    politeness: list[str]
    imperative_particles: list[str]
    let_verbs: list[str]
    let_objects: list[str]
    fillers: list[str]
    wish_markers: list[str]
    wish_auxiliaries: list[str]
    conditional_marks: list[str]
    see_verbs: list[str]
    seeing_wish_verbs: list[str]
    deserve_verbs: list[str]
    demand_verbs: list[str]
    death_to_preps: list[str]
    solution_preps: list[str]
    demand_preps: list[str]
    noun_argument_deps: list[str]
    of_preps: list[str]
    like_preps: list[str]
    target_preps: list[str]
    place_preps: list[str]
    semi_modals: list[str]
    modal_words: list[str]
    modal_aliases: dict[str, str]
    lemma_modals: list[str]
    going_to: list[str]
    future_auxiliaries: list[str]
    suggestion_questions: list[str]
    question_words: list[str]
    quantifiers: list[str]
    determiners: list[str]
    adjectival_identity: list[str]
    person_suffixes: list[str]
    slur_families: list[str]
    standalone_families: list[str]
    nominal_predicates: bool
    match_lemmas: bool
    direct_speech: bool = False
    gloating_families: list[str] = Field(default_factory=list)
    gloating_verbs: list[str] = Field(default_factory=list)
    tagger_repairs: bool = False
    impersonal_modals: list[str] = Field(default_factory=list)
    animate_people: bool = False
    shared_objects: bool = False
    strict_modal_scope: bool = False
    one_call_per_series: bool = False
    praise_words: list[str] = Field(default_factory=list)
    praise_marks: list[str] = Field(default_factory=list)
    demonstrative_subjects: list[str] = Field(default_factory=list)
    need_predicates: list[str] = Field(default_factory=list)
    need_nouns: list[str] = Field(default_factory=list)
    more_words: list[str] = Field(default_factory=list)
    praise_adjectives: list[str] = Field(default_factory=list)
    donation_words: list[str] = Field(default_factory=list)
    card_words: list[str] = Field(default_factory=list)
    help_verbs: list[str] = Field(default_factory=list)
    purpose_preps: list[str] = Field(default_factory=list)
    stand_phrases: list[str] = Field(default_factory=list)
    purpose_marks: list[str] = Field(default_factory=list)
    destination_preps: list[str] = Field(default_factory=list)
    eager_negations: list[str] = Field(default_factory=list)
    capture_phrases: list[str] = Field(default_factory=list)
    dissuasions: list[str] = Field(default_factory=list)


class IncitementFile(DataFile):
    """``data/incitement.yaml`` (and ``data/<language>/incitement.yaml``): the cue lexicon."""

    schema_version: int
    use_model: bool
    violent_verbs: dict[str, ViolentVerb]
    violent_phrases: dict[str, int]
    patient_verbs: dict[str, int]
    violent_nouns: dict[str, int]
    dehumanizing: dict[str, str]
    identity_groups: dict[str, str]
    person_nouns: list[str]
    hostile_verbs: list[str]
    hostile_adjectives: list[str]
    person_pronouns: list[str]
    call_modals: list[str]
    threat_modals: list[str]
    wish_verbs: list[str]
    intent_verbs: list[str]
    reporting_verbs: list[str]
    condemnation: Condemnation
    endorsing_adjectives: list[str]
    opportunity_nouns: list[str]
    solution_nouns: list[str]
    body_parts: list[str]
    institutions: list[str]
    grammar: GrammarSection
    strike_nouns: dict[str, int] = Field(default_factory=dict)
    death_destinations: dict[str, int] = Field(default_factory=dict)
    idioms: list[str] = Field(default_factory=list)
    thing_phrases: list[str] = Field(default_factory=list)


@cache
def load_cues(language: str = "en") -> Cues:
    """The packaged cue lexicon of ``language``, read once per process and language."""
    if language not in FILES:
        raise ValueError(
            f"the incitement layer has cues for {sorted(FILES)}, not {language!r}; analyse the "
            "text in one of those languages"
        )
    # Validated for shape here; Cues.from_mapping checks the schema version.
    data = load(FILES[language], IncitementFile).model_dump()
    return Cues.from_mapping(data, language)
