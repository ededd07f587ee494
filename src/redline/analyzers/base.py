"""The small interface every analyzer implements, and what it hands back to the pipeline."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable

from pydantic import BaseModel

from redline.attributes import Attributes
from redline.document import Document, Relation, Span

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc as SpacyDoc


@dataclass
class AnalysisContext:
    """Shared, lazily computed resources for one document: the spaCy parse above all.

    The parse covers the whole original text, so token offsets are document offsets.
    ``language`` is the language the document is analysed in (one of
    :data:`redline.languages.ANALYSED_LANGUAGES`); ``nlp_name`` names the spaCy pipeline for
    it (None: that language's default).
    """

    text: str
    nlp_name: str | None = None
    preparsed: SpacyDoc | None = field(default=None, repr=False)
    language: str = "en"

    @cached_property
    def nlp(self) -> Language:
        from redline.nlp import load_pipeline

        return load_pipeline(self.nlp_name, self.language)

    @cached_property
    def parsed(self) -> SpacyDoc:
        if self.preparsed is not None:
            return self.preparsed
        from redline.parsing import parse

        return parse(self.nlp, self.text)


@dataclass(frozen=True)
class AnalyzerOutput:
    """What one analyzer adds: whole layers, relations between spans, metadata it found, and a
    document-level summary in the model it declares (kept in ``Document.summaries`` under the
    analyzer's name).

    Metadata found in the text never overrides what the reader already knew.
    """

    layers: Mapping[str, Sequence[Span]] = field(default_factory=dict)
    relations: Sequence[Relation] = ()
    metadata: Mapping[str, Any] = field(default_factory=dict)
    summary: BaseModel | None = None


@runtime_checkable
class Analyzer(Protocol):
    """One step of the pipeline.

    ``requires`` names the layers it reads; ``provides`` the layers it returns. An analyzer
    may declare ``languages`` (a tuple of codes, ``("*",)`` for any language): the pipeline
    runs it only on documents in those languages; one that declares none runs on English only.

    The typed contract: ``attributes`` maps each label it writes to the
    :class:`~redline.attributes.Attributes` model of its attributes (``"*"``: every label of
    its layers), ``relation_attributes`` does the same for its relations, and ``summary`` names
    the model of its document-level summary. The pipeline validates the output against them
    (see :func:`declared`); an analyzer that declares none of them is not checked.
    ``initialize``
    loads data files or models once; ``analyze`` must not mutate its input and must return the
    same output for the same input.
    """

    name: ClassVar[str]
    version: ClassVar[str]
    requires: ClassVar[tuple[str, ...]]
    provides: ClassVar[tuple[str, ...]]

    def initialize(self) -> None: ...

    def analyze(self, document: Document, context: AnalysisContext) -> AnalyzerOutput: ...


@dataclass(frozen=True)
class Declared:
    """What an analyzer declares it writes (empty where it declares nothing)."""

    attributes: Mapping[str, type[Attributes]]
    relation_attributes: Mapping[str, type[Attributes]]
    summary: type[BaseModel] | None


def declared(analyzer: Analyzer | type[Analyzer]) -> Declared:
    """The typed contract of ``analyzer``; optional in the protocol, so that an analyzer
    written before it existed still runs."""
    return Declared(
        attributes=getattr(analyzer, "attributes", {}),
        relation_attributes=getattr(analyzer, "relation_attributes", {}),
        summary=getattr(analyzer, "summary", None),
    )
