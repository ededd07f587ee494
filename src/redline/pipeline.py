"""The analyzer chain: built and checked once, run over one document or many.

>>> pipeline = Pipeline.from_names(["structure"])   # doctest: +SKIP
>>> document = pipeline.run(Document.from_text("Host: Hello."))   # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from redline.analyzers import DEFAULT_ANALYZERS, analyzer_class
from redline.analyzers.base import AnalysisContext, Analyzer, AnalyzerOutput
from redline.document import Document, Metadata
from redline.errors import UNMET_REQUIREMENT, PipelineError


class Pipeline:
    """An ordered list of analyzers whose requirements are checked when it is built."""

    def __init__(self, analyzers: Sequence[Analyzer], *, spacy_pipeline: str | None = None):
        self.analyzers = tuple(analyzers)
        self.spacy_pipeline = spacy_pipeline
        _check_chain(self.analyzers)
        self._initialized = False

    @classmethod
    def from_names(
        cls, names: Iterable[str] = DEFAULT_ANALYZERS, *, spacy_pipeline: str | None = None
    ) -> Pipeline:
        return cls([analyzer_class(name)() for name in names], spacy_pipeline=spacy_pipeline)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(analyzer.name for analyzer in self.analyzers)

    def initialize(self) -> None:
        """Load every analyzer's data and models (once)."""
        if not self._initialized:
            for analyzer in self.analyzers:
                analyzer.initialize()
            self._initialized = True

    def run(self, document: Document, context: AnalysisContext | None = None) -> Document:
        """Run every analyzer over ``document`` and return a new, annotated Document."""
        self.initialize()
        if context is None:
            context = AnalysisContext(text=document.text, nlp_name=self.spacy_pipeline)
        for analyzer in self.analyzers:
            output = analyzer.analyze(document, context)
            document = merge_output(document, analyzer, output)
        return document

    def pipe(
        self, documents: Iterable[Document], *, n_process: int = 1, batch_size: int = 16
    ) -> Iterator[Document]:
        """Run over many documents; spaCy parses each batch with ``n_process`` processes."""
        from redline.nlp import load_pipeline

        self.initialize()
        batch: list[Document] = []
        for document in documents:
            batch.append(document)
            if len(batch) >= batch_size:
                yield from self._run_batch(batch, load_pipeline(self.spacy_pipeline), n_process)
                batch = []
        if batch:
            yield from self._run_batch(batch, load_pipeline(self.spacy_pipeline), n_process)

    def _run_batch(self, batch: list[Document], nlp: Any, n_process: int) -> Iterator[Document]:
        from redline.parsing import parse_many

        parsed = parse_many(nlp, [d.text for d in batch], n_process=n_process)
        for document, doc in zip(batch, parsed, strict=True):
            yield self.run(document, AnalysisContext(text=document.text, nlp_name=self.spacy_pipeline, preparsed=doc))


def _check_chain(analyzers: Sequence[Analyzer]) -> None:
    provided: list[str] = []
    seen: set[str] = set()
    for analyzer in analyzers:
        if not isinstance(analyzer, Analyzer):
            raise PipelineError(
                f"expected an Analyzer (name, version, requires, provides, initialize, "
                f"analyze), got {analyzer!r}"
            )
        if analyzer.name in seen:
            raise PipelineError(f"analyzer {analyzer.name!r} appears twice in the pipeline")
        seen.add(analyzer.name)
        for layer in analyzer.requires:
            if layer not in provided:
                raise PipelineError(
                    UNMET_REQUIREMENT.format(
                        analyzer=analyzer.name, layer=layer, available=provided or "nothing"
                    )
                )
        provided.extend(analyzer.provides)


def merge_output(document: Document, analyzer: Analyzer, output: AnalyzerOutput) -> Document:
    """Check what one analyzer returned and merge it into a new Document."""
    if not isinstance(output, AnalyzerOutput):
        raise PipelineError(
            f"analyzer {analyzer.name!r} returned {type(output).__name__}, "
            "expected an AnalyzerOutput"
        )
    extra = set(output.layers) - set(analyzer.provides)
    if extra:
        raise PipelineError(
            f"analyzer {analyzer.name!r} returned layers {sorted(extra)} it does not declare "
            f"in provides={analyzer.provides}; declare them"
        )
    for spans in output.layers.values():
        for span in spans:
            if span.analyzer != analyzer.name:
                raise PipelineError(
                    f"analyzer {analyzer.name!r} returned span {span.id!r} credited to "
                    f"{span.analyzer!r}; spans must name the analyzer that made them"
                )
    return document.with_layers(
        output.layers,
        output.relations,
        metadata=_fill_metadata(document.metadata, output.metadata),
    )


def _fill_metadata(metadata: Metadata, found: dict[str, Any] | Any) -> Metadata:
    """Fill fields the reader left empty; what the reader knew wins over what the text says."""
    found = dict(found)
    updates: dict[str, Any] = {
        key: value
        for key, value in found.items()
        if key in Metadata.model_fields and key != "extra" and getattr(metadata, key) is None
    }
    # An analyzer's own keys in `extra` (e.g. "escalation") are its to replace.
    if found.get("extra"):
        updates["extra"] = {**metadata.extra, **found["extra"]}
    return Metadata.model_validate({**metadata.model_dump(), **updates}) if updates else metadata
