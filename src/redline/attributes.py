"""The typed contract between the layers: the attributes each built-in label carries.

A :class:`~redline.document.Span` keeps its attributes as plain JSON (``span.attrs``) so that a
document serialises, stores and exports the same whatever analyzers made it. What those
attributes are is declared here, once, as pydantic models:

- each analyzer names the model of every label it writes (its ``attributes`` class variable,
  beside ``requires`` and ``provides``), and the pipeline validates what it returns against it,
  so an analyzer that writes an undeclared key or a wrong type fails where it is made;
- readers (other analyzers, the store, the renderers) read through the model
  (``ClaimAttributes.read(span).stance``) instead of by string key;
- the published JSON Schema (:func:`redline.document.json_schema`) and the store's columns
  (:mod:`redline.store.rows`) are generated from the same models.

>>> from redline.document import Document
>>> doc = Document.from_text("Kyiv was struck.")
>>> span = doc.make_span(0, 4, "place", analyzer="actors", rule="alias",
...                      attrs={"actor_id": "kyiv", "name": "Kyiv", "type": "place",
...                             "match": "alias", "linked": True})
>>> ActorAttributes.read(span).name
'Kyiv'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError

if TYPE_CHECKING:
    from redline.document import Relation, Span

ANY_LABEL = "*"
"""The key of an ``attributes`` declaration that covers every label of the analyzer's layers."""


class Attributes(BaseModel):
    """The attributes of one label: every key it may carry, with its type.

    Only what identifies a finding is required (a claim's stance and level, an actor's id);
    the rest has the default a reader should assume, so a hand-made or imported span reads.

    ``columns`` names the fields the corpus store keeps as columns of the layer's table (in
    that order); a field's column may be renamed with ``json_schema_extra={"column": name}``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)
    columns: ClassVar[tuple[str, ...]] = ()
    shown: ClassVar[tuple[tuple[str, str], ...]] = ()
    """(field, what a report calls it) for the fields a report shows of a finding, in order."""

    @classmethod
    def read(cls, item: Span | Relation) -> Self:
        """The attributes of ``item`` read through this model.

        Keys the model does not know are ignored here (a document stored by an older version
        may carry one); types are checked, so a reader never sees a string where it expects a
        number.
        """
        known = {k: v for k, v in item.attrs.items() if k in cls.model_fields}
        try:
            return cls.model_validate(known, strict=False)
        except ValidationError as error:
            raise ValueError(f"{item.id}: {_first_problem(error)}") from None

    @classmethod
    def read_or_none(cls, item: Span | Relation) -> Self | None:
        """:meth:`read`, or None where ``item`` does not fit the model (a hand-made or hostile
        document): a report then shows the finding without its attributes, and goes on."""
        try:
            return cls.read(item)
        except ValueError:
            return None

    @classmethod
    def check(cls, attrs: Mapping[str, Any]) -> None:
        """Raise ``ValueError`` naming the first problem when ``attrs`` break the contract."""
        try:
            cls.model_validate(dict(attrs))
        except ValidationError as error:
            raise ValueError(_first_problem(error)) from None

    @classmethod
    def column_specs(cls) -> tuple[tuple[str, str, str], ...]:
        """``(column, key, kind)`` for each stored column; kind is str, int, float or bool."""
        specs = []
        for key in cls.columns:
            field = cls.model_fields[key]
            extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
            specs.append((str(extra.get("column", key)), key, _kind(field.annotation)))
        return tuple(specs)


def _first_problem(error: ValidationError) -> str:
    problem = error.errors()[0]
    where = ".".join(str(p) for p in problem["loc"]) or "attrs"
    return f"{where}: {problem['msg']}"


def _kind(annotation: Any) -> str:
    text = str(annotation)
    for kind in ("bool", "int", "float"):
        if kind in text:
            return kind
    return "str"


class NoAttributes(Attributes):
    """A label that carries no attributes (a title, a paragraph, the body)."""


# -- structure --------------------------------------------------------------------------------


class StructureAttributes(Attributes):
    """What the structure layer's labels carry; each label uses the fields that apply to it.

    ``comment``: index, author, timestamp, reply_to, and for a comment in another language its
    ``language`` and whether it was ``analysed``; ``turn``: speaker, index, label, note;
    ``speaker_label``: label, speaker; ``comment_label`` (a "Name:" opening a comment):
    author; ``dateline``: date, month_day; ``note``: kind, author;
    ``byline``: author, kind; ``translation_credit``: language, translator; ``standfirst``:
    interviewee, kind; ``advert``: author; ``footnote_marker``: number; ``stage_direction``:
    direction; ``furniture``: kind.
    """

    index: int | None = None
    author: str | None = None
    author_rule: str | None = None
    timestamp: str | None = None
    reply_to: str | None = None
    language: str | None = None
    analysed: bool | None = None
    speaker: str | None = None
    label: str | None = None
    note: str | None = None
    date: str | None = None
    month_day: str | None = None
    kind: str | None = None
    translator: str | None = None
    interviewee: str | None = None
    number: int | None = None
    direction: str | None = Field(default=None, description="A stage direction's words.")


class SentenceAttributes(Attributes):
    """A sentence: the section it lies in and, inside a speaker's turn, the speaker."""

    section: str = "body"
    speaker: str | None = None


# -- actors, voices, groups -------------------------------------------------------------------


class ActorAttributes(Attributes):
    """One mention of an actor, linked to the gazetteer or named by NER (``linked`` false)."""

    actor_id: str = Field(description="Gazetteer id, or 'ner:<lemma>' for an unlinked name.")
    name: str = Field(description="The canonical name.")
    type: str = Field(description="person, state, organisation, place, weapon, event, ...")
    match: str | None = Field(
        default=None, description="How it was found: name, alias, demonym, role, ner, ..."
    )
    linked: bool = False
    kind: str | None = None
    qid: str | None = Field(default=None, description="Wikidata id.")
    state: str | None = Field(default=None, description="The state it belongs to or stands for.")
    form: str | None = Field(default=None, description="The form written in the text.")
    ner_label: str | None = None
    role: str | None = None
    of: str | None = Field(default=None, description="The state of a role ('president of').")
    date_assumed: bool | None = None
    antecedent: int | None = Field(default=None, description="Offset of the full name.")
    lemma: str | None = None
    columns = ("actor_id", "name", "type", "state", "linked", "match")
    shown = (("name", "name"), ("type", "type"), ("state", "state"))


class QuoteAttributes(Attributes):
    """Reported speech: who said it, by whom it is reported, and the cue."""

    speaker: str
    speaker_id: str | None = None
    state: str | None = None
    cue: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    reported_by: str = "author"
    section: str = "body"
    shown = (("speaker", "speaker"), ("reported_by", "reported by"))


class GroupEvidence(BaseModel):
    """One piece of evidence for an in-group: where it is and what cue it is."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    start: int
    end: int
    text: str
    cue: str


class InGroupAttributes(Attributes):
    """Who a voice's "we" stands for, with the evidence for it."""

    scope: str = "body"
    speaker: str = "author"
    section: str = "body"
    actor_id: str
    name: str
    evidence: list[GroupEvidence] = Field(default_factory=list)
    shown = (("name", "stands for"), ("speaker", "speaker"))


class PronounAttributes(Attributes):
    """One "we" or "they" and, when resolved, the actor it stands for."""

    scope: str = "body"
    speaker: str = "author"
    resolved: bool = False
    actor_id: str | None = None
    name: str | None = None
    via: str | None = None
    shown = (("name", "stands for"), ("speaker", "speaker"))


# -- claims, red lines, incitement ------------------------------------------------------------


class ClaimAttributes(Attributes):
    """Who does what to whom, the speaker's stance toward it and its rung on the ladder."""

    stance: str
    stances: list[str] = Field(default_factory=list)
    action: str | None = None
    action_key: str | None = None
    plover: str | None = None
    mode: str | None = None
    plover_score: float | None = None
    level: int = Field(ge=0, le=5)
    actor: str | None = None
    actor_name: str | None = None
    actor_state: str | None = None
    actor_inferred: bool = False
    target: str | None = None
    target_name: str | None = None
    target_state: str | None = None
    target_inferred: bool = False
    targets: list[str] = Field(default_factory=list)
    negated: bool = False
    speaker: str = "author"
    section: str = "body"
    scope: str = "body"
    reported_speaker: str | None = None
    reported_stance: str | None = None
    reported_by: str | None = None
    rule_stance: str | None = Field(default=None, description="The rules' stance (model ran).")
    rule_level: int | None = Field(default=None, description="The rules' level (model ran).")
    stance_probability: float | None = None
    level_probability: float | None = None
    claim_probability: float | None = None
    columns = (
        "stance", "action", "plover", "mode", "plover_score", "level", "actor", "actor_name",
        "actor_state", "target", "target_name", "target_state", "negated", "speaker", "section",
    )  # fmt: skip
    shown = (
        ("stance", "stance"), ("level", "rung"), ("action", "action"), ("actor_name", "by"),
        ("target_name", "against"), ("speaker", "speaker"), ("negated", "negated"),
    )  # fmt: skip


class RedLineAttributes(Attributes):
    """A red line: who sets it, against whom, its condition, its consequence and rung."""

    kind: str
    setter: str | None = None
    setter_name: str | None = None
    against: list[str] = Field(default_factory=list)
    against_names: list[str] = Field(default_factory=list)
    against_from: Literal["condition", "sentence", "earlier line"] | None = Field(
        default=None,
        description="Where a conditional line's against was read: its condition (or its "
        "consequence's target), the rest of its sentence, or the setter's earlier line.",
    )
    condition: str | None = None
    consequence: str | None = None
    consequence_claim: str | None = Field(default=None, description="Id of the claim.")
    level: int | None = None
    sentence: str | None = None
    sentence_span: list[int] | None = None
    speaker: str = "author"
    section: str = "body"
    columns = (
        "kind", "setter", "setter_name", "level", "condition", "consequence", "speaker",
        "section",
    )  # fmt: skip
    shown = (
        ("setter_name", "set by"), ("against_names", "against"), ("condition", "if"),
        ("consequence", "then"), ("level", "rung"), ("speaker", "speaker"),
    )  # fmt: skip


class IncitementAttributes(Attributes):
    """A call to violence, threat, dehumanisation or identity attack, and its target."""

    kind: str | None = Field(default=None, description="The cue's frame: demand, intent, ...")
    target: str | None = None
    target_name: str | None = None
    targets: list[str] = Field(default_factory=list)
    target_group: str | None = None
    severity: int | None = None
    stance: str | None = None
    claim_stance: str | None = None
    speaker: str = "author"
    section: str = Field(default="article", description="'article' or 'comments'.")
    raw_section: str = "body"
    scope: str = "body"
    cue: str | None = None
    p_hate: float | None = None
    p_violence: float | None = None
    columns = (
        "kind", "target", "target_name", "target_group", "severity", "stance", "speaker",
        "section",
    )  # fmt: skip
    shown = (
        ("kind", "kind"), ("target_name", "target"), ("target_group", "group"),
        ("severity", "severity"), ("speaker", "speaker"),
    )  # fmt: skip


# -- techniques, alignment --------------------------------------------------------------------


class TechniqueAttributes(Attributes):
    """A persuasion technique: its category, definition, and the cue or model that found it."""

    category: str | None = None
    definition: str | None = None
    source: str | None = Field(
        default=None,
        description="cue, model or cue+model",
        json_schema_extra={"column": "technique_source"},
    )
    techniques: list[str] = Field(default_factory=list)
    cue: str | None = None
    cue_text: str | None = None
    model_label: str | None = None
    model_probability: float | None = None
    model_probabilities: dict[str, float] | None = None
    paragraph: list[int] | None = None
    columns = ("category", "source")
    shown = (("techniques", "technique"), ("category", "category"))


class AlignmentAttributes(Attributes):
    """Who the speaker casts as ally, enemy or vassal of whom."""

    a: str
    a_name: str | None = None
    a_state: str | None = None
    b: str
    b_name: str | None = None
    b_state: str | None = None
    direction: str = "a->b"
    scope: str = "body"
    speaker: str = "author"
    columns = ("a", "a_name", "a_state", "b", "b_name", "b_state", "speaker")


class AlignmentRelationAttributes(Attributes):
    """An alignment relation points at the span that is its evidence."""

    evidence: str


# -- the escalation profile -------------------------------------------------------------------


class EscalationBrief(BaseModel):
    """The escalation profile of one speaker or section."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    index: int = Field(ge=0, le=100)
    claims: int = Field(ge=0)
    max_advocate: int | None = None
    max_threaten: int | None = None
    max_predict: int | None = None
    max_report: int | None = None


class EscalationProfile(EscalationBrief):
    """A document's escalation profile: the highest rung advocated, threatened, predicted and
    reported (with the claims behind each), the escalation index, by speaker and by section."""

    max_advocate_claims: list[str] = Field(default_factory=list)
    max_threaten_claims: list[str] = Field(default_factory=list)
    max_predict_claims: list[str] = Field(default_factory=list)
    max_report_claims: list[str] = Field(default_factory=list)
    by_speaker: dict[str, EscalationBrief] = Field(default_factory=dict)
    by_section: dict[str, EscalationBrief] = Field(default_factory=dict)


def model_for(declared: Mapping[str, type[Attributes]], label: str) -> type[Attributes] | None:
    """The model ``declared`` gives ``label`` (its own, else the any-label one)."""
    return declared.get(label) or declared.get(ANY_LABEL)
