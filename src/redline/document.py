"""The data model: a Document, the standoff Spans and Relations analyzers attach to it.

Offsets are 0-based, end-exclusive Unicode code points into ``Document.text``, which is never
altered. Documents are immutable values: an analyzer returns new layers and the pipeline builds
a new Document with :meth:`Document.with_layers`.

>>> doc = Document.from_text("Kyiv was struck.")
>>> span = doc.make_span(0, 4, "actor", analyzer="actors", rule="alias")
>>> span.text
'Kyiv'
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from redline.errors import SpanError

if TYPE_CHECKING:
    import pandas as pd

    from redline.attributes import EscalationProfile

SCHEMA_VERSION = "1.1"
"""1.1: the escalation profile moved from ``metadata.extra["escalation"]`` to
``summaries["escalation"]``; a 1.0 document is read into 1.1 (see ``Document``)."""

JSONValue = Any
"""Attribute values must be JSON-serialisable (str, int, float, bool, None, lists, dicts)."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(_Frozen):
    """One finding: a labelled stretch of the original text with its evidence.

    ``text`` repeats ``document.text[start:end]`` so that an exported span cites its quote on
    its own; the Document refuses a span whose ``text`` does not match.
    """

    id: str = Field(description="Unique within the document, e.g. 'actors/12'.")
    start: int = Field(ge=0, description="0-based code-point offset, inclusive.")
    end: int = Field(ge=0, description="0-based code-point offset, exclusive.")
    label: str
    text: str
    analyzer: str = Field(description="Name of the analyzer that produced the span.")
    rule: str = Field(description="The rule, lexicon entry or model that fired.")
    confidence: float = Field(ge=0.0, le=1.0)
    attrs: dict[str, JSONValue] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _check_order(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before its start {self.start}")
        return self


class Relation(_Frozen):
    """A directed link between two spans, e.g. claim -> actor or actor -ally-> actor."""

    id: str
    label: str
    source: str = Field(description="Span id.")
    target: str = Field(description="Span id.")
    analyzer: str
    rule: str
    confidence: float = Field(ge=0.0, le=1.0)
    attrs: dict[str, JSONValue] = Field(default_factory=dict)


class Metadata(_Frozen):
    """What is known about a document apart from its text."""

    title: str | None = None
    subtitle: str | None = None
    standfirst: str | None = None
    author: str | None = None
    date: str | None = Field(default=None, description="ISO 8601 date, YYYY-MM-DD.")
    language: str | None = None
    unanalysed_language: str | None = Field(
        default=None,
        description="Set when the text's language has no Redline pipeline: only its structure "
        "was analysed, and no finding was made.",
    )
    layer_languages: dict[str, str] = Field(
        default_factory=dict,
        description="The language each layer was analysed in ('structure': 'de', 'claims': 'ru').",
    )
    translated_from: str | None = None
    source: str | None = Field(default=None, description="Path or URL the text was read from.")
    outlet: str | None = None
    extra: dict[str, JSONValue] = Field(default_factory=dict)


def content_id(text: str) -> str:
    """The stable id of a text: the first 16 hex digits of the SHA-256 of its UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class Document(_Frozen):
    """A text, its metadata and its annotation layers.

    >>> Document.from_text("Hello.").id
    '2d8bd7d9bb5f85ba'
    """

    schema_version: str = SCHEMA_VERSION
    id: str
    text: str
    metadata: Metadata = Field(default_factory=Metadata)
    layers: dict[str, tuple[Span, ...]] = Field(default_factory=dict)
    relations: tuple[Relation, ...] = ()
    summaries: dict[str, dict[str, JSONValue]] = Field(
        default_factory=dict,
        description="Document-level findings, by the name of the analyzer that made them, each "
        "in the model that analyzer declares (escalation: the escalation profile).",
    )

    @classmethod
    def from_text(cls, text: str, metadata: Metadata | None = None) -> Document:
        """Wrap ``text`` (unchanged) in a Document whose id is its content hash."""
        return cls(id=content_id(text), text=text, metadata=metadata or Metadata())

    @model_validator(mode="before")
    @classmethod
    def _from_schema_1_0(cls, data: Any) -> Any:
        """Read a 1.0 document: its escalation profile was kept in ``metadata.extra``, where a
        user's own column named "escalation" could collide with it."""
        if not isinstance(data, dict) or data.get("schema_version") != "1.0":
            return data
        metadata = data.get("metadata")
        extra = metadata.extra if isinstance(metadata, Metadata) else (metadata or {}).get("extra")
        profile = (extra or {}).get("escalation")
        data = {**data, "schema_version": SCHEMA_VERSION}
        if isinstance(profile, dict) and "index" in profile and "summaries" not in data:
            rest = {k: v for k, v in (extra or {}).items() if k != "escalation"}
            if isinstance(metadata, Metadata):
                metadata = metadata.model_copy(update={"extra": rest})
            else:
                metadata = {**(metadata or {}), "extra": rest}
            data.update(metadata=metadata, summaries={"escalation": profile})
        return data

    @model_validator(mode="after")
    def _check_spans(self) -> Document:
        seen: set[str] = set()
        for layer in self.layers.values():
            for span in layer:
                _check_span_fits(self.text, span.start, span.end, span.text)
                if span.id in seen:
                    raise SpanError(f"span id {span.id!r} is used twice; ids must be unique")
                seen.add(span.id)
        for relation in self.relations:
            for end in (relation.source, relation.target):
                if end not in seen:
                    raise SpanError(
                        f"relation {relation.id!r} refers to span {end!r}, which the document "
                        "does not have; add the span's layer before the relation"
                    )
        return self

    # -- building spans ---------------------------------------------------------------------

    def make_span(
        self,
        start: int,
        end: int,
        label: str,
        *,
        analyzer: str,
        rule: str,
        confidence: float = 1.0,
        attrs: Mapping[str, JSONValue] | None = None,
        span_id: str = "",
    ) -> Span:
        """Build a span over ``text[start:end]``, refusing offsets outside the text."""
        _check_span_fits(self.text, start, end)
        return Span(
            id=span_id or f"{analyzer}/{start}-{end}/{label}",
            start=start,
            end=end,
            label=label,
            text=self.text[start:end],
            analyzer=analyzer,
            rule=rule,
            confidence=confidence,
            attrs=dict(attrs or {}),
        )

    # -- reading layers ---------------------------------------------------------------------

    def layer(self, name: str) -> tuple[Span, ...]:
        """The spans of one layer, in document order (empty when the layer is absent)."""
        return self.layers.get(name, ())

    def spans(self) -> Iterator[Span]:
        """Every span of every layer."""
        for layer in self.layers.values():
            yield from layer

    def table(self, name: str) -> pd.DataFrame:
        """One layer as a pandas DataFrame: a row per span, its quote beside the offsets, and
        one column per attribute (named as in the store's tables and ``redline.store.Corpus``).

        >>> doc = Document.from_text("Kyiv was struck.")
        >>> span = doc.make_span(0, 4, "actor", analyzer="actors", rule="alias",
        ...                      attrs={"actor_id": "kyiv"})
        >>> doc.with_layers({"actors": [span]}).table("actors")[["quote", "actor_id"]]
          quote actor_id
        0  Kyiv     kyiv

        An attribute named like one of the span's own columns comes as ``attr_<name>``; a
        layer the document does not have is a KeyError naming the layers it has.
        """
        import pandas as pd

        if name not in self.layers:
            have = ", ".join(self.layers) or "none (the document is not analysed)"
            raise KeyError(f"no layer {name!r} in document {self.id}; its layers: {have}")
        rows = []
        for span in self.layers[name]:
            row: dict[str, Any] = {
                "span_id": span.id,
                "start_char": span.start,
                "end_char": span.end,
                "quote": span.text,
                "label": span.label,
                "analyzer": span.analyzer,
                "rule": span.rule,
                "confidence": span.confidence,
            }
            for key, value in span.attrs.items():
                row[f"attr_{key}" if key in _SPAN_COLUMNS else key] = value
            rows.append(row)
        return pd.DataFrame(rows, columns=None if rows else list(_SPAN_COLUMNS))

    @property
    def escalation(self) -> EscalationProfile | None:
        """The escalation profile; None before the escalation analyzer has run, or where a
        hand-made document's summary is not a profile (the pipeline checks its own)."""
        from pydantic import ValidationError

        from redline.attributes import EscalationProfile

        found = self.summaries.get("escalation")
        try:
            return EscalationProfile.model_validate(found) if found is not None else None
        except ValidationError:
            return None

    def span_by_id(self, span_id: str) -> Span:
        for span in self.spans():
            if span.id == span_id:
                return span
        raise KeyError(span_id)

    def with_layers(
        self,
        layers: Mapping[str, Iterable[Span]],
        relations: Iterable[Relation] = (),
        metadata: Metadata | None = None,
        summaries: Mapping[str, dict[str, JSONValue]] | None = None,
    ) -> Document:
        """A new Document with ``layers`` added (replacing layers of the same name), and
        ``summaries`` (replacing those of the same analyzer)."""
        merged = dict(self.layers)
        for name, spans in layers.items():
            merged[name] = tuple(sorted(spans, key=lambda s: (s.start, -s.end, s.label, s.id)))
        alive = {span.id for spans in merged.values() for span in spans}
        kept = tuple(r for r in self.relations if r.source in alive and r.target in alive)
        return Document(
            schema_version=self.schema_version,
            id=self.id,
            text=self.text,
            metadata=metadata or self.metadata,
            layers=merged,
            relations=kept + tuple(relations),
            summaries={**self.summaries, **(summaries or {})},
        )

    # -- serialisation ----------------------------------------------------------------------

    def to_json(self, *, indent: int | None = 2) -> str:
        """Canonical JSON: parsing it back and dumping again gives the same bytes."""
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, data: str | bytes) -> Document:
        return cls.model_validate_json(data)

    # -- notebooks --------------------------------------------------------------------------

    def __repr__(self) -> str:
        counts = ", ".join(f"{name}={len(spans)}" for name, spans in self.layers.items())
        title = self.metadata.title or self.text[:40].replace("\n", " ")
        return f"<Document {self.id} {title!r} chars={len(self.text)} {counts}>"

    def _repr_html_(self) -> str:
        """The HTML report, for Jupyter.

        The data model sits below the renderers (``redline.render`` imports this module, never
        the reverse at import time): this notebook hook imports the HTML renderer only when it
        is called, so importing ``redline.document`` never loads ``redline.render``.
        """
        from redline.render.html import render_html

        return render_html(self, standalone=False)


_SPAN_COLUMNS = (
    "span_id",
    "start_char",
    "end_char",
    "quote",
    "label",
    "analyzer",
    "rule",
    "confidence",
)


def _check_span_fits(text: str, start: int, end: int, quote: str | None = None) -> None:
    if not 0 <= start <= end <= len(text):
        raise SpanError(
            f"span offsets ({start}, {end}) do not lie inside the text of {len(text)} "
            "characters; offsets are 0-based, end-exclusive code points"
        )
    if quote is not None and text[start:end] != quote:
        raise SpanError(
            f"span ({start}, {end}) quotes {quote!r} but the text there is {text[start:end]!r}"
        )


def json_schema() -> dict[str, Any]:
    """The published JSON Schema of a serialised Document.

    Beyond the shape of a Document, it holds the typed contract of the built-in analyzers: the
    attributes of each label of each of their layers and their document summaries, generated
    from the models they declare (:mod:`redline.attributes`), so a validator checks a
    document's findings as the pipeline does.
    """
    from redline.analyzers import declared_attributes, declared_summaries

    schema = Document.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://redline.invalid/schema/document-{SCHEMA_VERSION}.json"
    definitions = schema.setdefault("$defs", {})
    schema["properties"]["layers"]["properties"] = {
        layer: {"type": "array", "items": _typed_span(labels, definitions)}
        for layer, labels in declared_attributes().items()
    }
    schema["properties"]["summaries"]["properties"] = {
        name: {"$ref": _define(model, definitions)} for name, model in declared_summaries().items()
    }
    return schema


def _typed_span(labels: Mapping[str, type[BaseModel]], definitions: dict[str, Any]) -> Any:
    """A Span whose ``attrs`` follow the model declared for its label (``*``: the others)."""
    rules: list[dict[str, Any]] = [{"$ref": "#/$defs/Span"}]
    named = sorted(label for label in labels if label != "*")
    for label in named:
        attrs = {"properties": {"attrs": {"$ref": _define(labels[label], definitions)}}}
        rules.append({"if": {"properties": {"label": {"const": label}}}, "then": attrs})
    if "*" in labels:
        attrs = {"properties": {"attrs": {"$ref": _define(labels["*"], definitions)}}}
        rules.append(
            {"if": {"properties": {"label": {"enum": named}}}, "else": attrs} if named else attrs
        )
    return {"allOf": rules}


def _define(model: type[BaseModel], definitions: dict[str, Any]) -> str:
    """Add ``model``'s schema (and those it uses) to ``definitions``; its reference."""
    found = model.model_json_schema(ref_template="#/$defs/{model}")
    definitions.update(found.pop("$defs", {}))
    definitions[model.__name__] = found
    return f"#/$defs/{model.__name__}"
