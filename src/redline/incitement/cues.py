"""The incitement cue lexicon: ``data/incitement.yaml``, indexed for look-up.

The YAML file's header says what each list is for; :mod:`redline.incitement.reader` says in
which order they are consulted.

>>> cues = load_cues()
>>> cues.violent_verbs["lynch"], ("vermin",) in cues.dehumanizing
((2, False), True)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from redline.data_files import DataFile, load

SCHEMA_VERSION = 1


def phrase_rule(pattern: str) -> str:
    """The rule id of a multiword pattern: ``"wipe * off the map"`` ->
    ``"phrase:wipe_off_the_map"``.

    >>> phrase_rule("put * against the wall")
    'phrase:put_against_the_wall'
    """
    return "phrase:" + "_".join(word for word in pattern.split() if word != "*")


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

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> Cues:
        """Build from the parsed YAML; a wrong schema version or a missing list is refused."""
        if data.get("schema_version") != SCHEMA_VERSION:
            raise ValueError(
                f"incitement.yaml has schema_version {data.get('schema_version')!r}; this Redline "
                f"reads version {SCHEMA_VERSION}: reinstall Redline"
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


class IncitementFile(DataFile):
    """``data/incitement.yaml``: the cue lexicon of the incitement layer."""

    schema_version: int
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


@cache
def load_cues() -> Cues:
    """The packaged cue lexicon, read once per process."""
    # Validated for shape here; Cues.from_mapping checks the schema version.
    return Cues.from_mapping(load("incitement.yaml", IncitementFile).model_dump())
