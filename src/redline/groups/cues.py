"""The groups layer's data file: ``data/groups.yaml`` and, in the same schema, the file of each
other language (``data/ru/groups.yaml``)."""

from __future__ import annotations

from functools import cache

from pydantic import Field

from redline.data_files import DataFile, load


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
    # The two sides of a war the language's side markers know («наши войска бьют по Украине»:
    # the one state named is the other party to the nation's act, so "we" is its opponent),
    # and the weight of that reading. Empty where none are listed.
    opponents: dict[str, str] = Field(default_factory=dict)
    opponent_weight: float = 0.0
    # The acts of force that reading needs (lemmas): defending, liberating or helping a state
    # says nothing of whose side one is on.
    hostile_verbs: list[str] = Field(default_factory=list)


class SideMarkers(DataFile):
    """Words only one side of a conflict uses of it («СВО», «киевский режим»; «рашисты»): in a
    voice that speaks as a nation they say which nation. Phrases of lemmas, by side."""

    weight: float
    sides: dict[str, list[str]]
    # The weight of a marker in a voice that says "we" but never speaks as a nation («мы» of an
    # editorial); None: markers count only in a voice that speaks as one.
    weight_without_nation: float | None = None


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
    # «движение "Мы вместе с Россией"», «фонд «Наша правда»»: a pronoun that opens a quotation
    # right after one of these nouns (lemmas, read on the parse) is the first word of the name
    # the noun gives, not a voice's "we".
    quoted_name_nouns: tuple[str, ...] = ()
    # The speaker labels (as the structure layer names them) of whoever hosts a show: with two
    # or more guests who all speak for one state, the host's "we" is that state too. Empty:
    # no host is read so.
    host_speakers: tuple[str, ...] = ()


@cache
def load_cues(language: str = "en") -> GroupsFile:
    """The cues for texts in ``language``: ``data/groups.yaml`` for English, ``data/<language>/
    groups.yaml`` for another (the same schema). Never English cues on another language."""
    return load("groups.yaml" if language == "en" else f"{language}/groups.yaml", GroupsFile)
