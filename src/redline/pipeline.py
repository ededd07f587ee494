"""The analyzer chain: built and checked once, run over one document or many.

>>> pipeline = Pipeline.from_names(["structure"])   # doctest: +SKIP
>>> document = pipeline.run(Document.from_text("Host: Hello."))   # doctest: +SKIP
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel

from redline.analyzers import DEFAULT_ANALYZERS, analyzer_class
from redline.analyzers.base import AnalysisContext, Analyzer, AnalyzerOutput, declared
from redline.attributes import Attributes, StructureAttributes, model_for
from redline.document import Document, Metadata, Relation, Span
from redline.errors import UNMET_REQUIREMENT, AnalysisFailed, PipelineError

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from redline.config import RedlineConfig


class Pipeline:
    """An ordered list of analyzers whose requirements are checked when it is built."""

    def __init__(self, analyzers: Sequence[Analyzer], *, spacy_pipeline: str | None = None):
        self.analyzers = tuple(analyzers)
        self.spacy_pipeline = spacy_pipeline
        _check_chain(self.analyzers)
        self._initialized = False

    @classmethod
    def from_names(
        cls,
        names: Iterable[str] = DEFAULT_ANALYZERS,
        *,
        spacy_pipeline: str | None = None,
        options: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> Pipeline:
        """The analyzers named, each built with its ``options`` (see RedlineConfig)."""
        options = options or {}
        analyzers = [analyzer_class(name)(**options.get(name, {})) for name in names]
        return cls(analyzers, spacy_pipeline=spacy_pipeline)

    @classmethod
    def from_config(cls, config: RedlineConfig) -> Pipeline:
        """The pipeline a configuration describes: analyzers, spaCy pipeline and settings."""
        return cls.from_names(
            config.analyzers, spacy_pipeline=config.pipeline, options=config.analyzer_options
        )

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
        """Run every analyzer over ``document`` and return a new, annotated Document.

        The document's language (its metadata's, else detected) picks the spaCy pipeline and
        the analyzers that run: one that does not declare the language is skipped, and a
        language Redline does not analyse gets structure only (see :mod:`redline.languages`).
        BLAS runs at one thread meanwhile, the parse and the analyzers' models alike (see
        :func:`redline.nlp.blas_limited`): the ordinary run is the one the benchmarks measure.
        """
        from redline.nlp import blas_limited

        self.initialize()
        document = with_language(document)
        language = _pipeline_language(document)
        if context is None:
            context = self.context_for(document)
        ran: dict[str, str] = {}
        with blas_limited():
            for analyzer in self.analyzers:
                if not runs_on(analyzer, language):
                    continue
                output = analyzer.analyze(document, context)
                document = merge_output(document, analyzer, output)
                ran.update(dict.fromkeys(analyzer.provides, language))
                if "structure" in analyzer.provides:
                    document = mark_other_languages(document, language)
        document = drop_unanalysed_findings(document)
        document = self._comments_in_their_language(document, ran)
        return _record_languages(document, ran)

    def _comments_in_their_language(self, document: Document, ran: dict[str, str]) -> Document:
        """Analyse each comment written in another language Redline analyses (a Russian
        comment under an English article) with that language's pipeline, on its own, and add
        what it finds at the comment's offsets; the comment's span says it was.

        The comment's findings join the document's layers (their ids prefixed with the
        comment's); its own escalation profile is not merged into the document's.
        """
        from redline.languages import ANALYSED_LANGUAGES

        found: dict[str, list[Span]] = {}
        relations: list[Relation] = []
        structure: list[Span] = []
        for span in document.layer("structure"):
            part = StructureAttributes.read_or_none(span)
            language = part.language if part else None
            if part and part.analysed is False and language in ANALYSED_LANGUAGES:
                comment = Document.from_text(span.text).model_copy(
                    update={"metadata": Metadata(language=language)}
                )
                analysed = self.run(comment)
                prefix = f"{span.id}:"
                for name, spans in analysed.layers.items():
                    if name != "structure":
                        found.setdefault(name, []).extend(
                            _moved(s, span.start, prefix) for s in spans
                        )
                        ran[name] = _joined(ran.get(name), str(language))
                relations.extend(_moved_relation(r, prefix) for r in analysed.relations)
                span = span.model_copy(update={"attrs": {**span.attrs, "analysed": True}})
            structure.append(span)
        if not found:
            return document
        inside = [(s.start, s.end) for s in structure if _analysed_flag(s) is True]
        layers: dict[str, list[Span]] = {"structure": structure}
        for name, moved in found.items():
            kept = document.layer(name)
            if name == "sentences":  # the comment's own sentences replace the parent parse's
                kept = tuple(
                    s for s in kept if not any(a <= s.start and s.end <= b for a, b in inside)
                )
            layers[name] = [*kept, *moved]
        return document.with_layers(layers, relations)

    def context_for(self, document: Document, preparsed: Doc | None = None) -> AnalysisContext:
        """The shared resources for analysing ``document`` in its language."""
        language = _pipeline_language(with_language(document))
        return AnalysisContext(
            text=document.text,
            nlp_name=self.spacy_pipeline if language == "en" else None,
            preparsed=preparsed,
            language=language,
        )

    def run_safely(
        self, document: Document, context: AnalysisContext | None = None
    ) -> Document | AnalysisFailed:
        """Like :meth:`run`, but a failure comes back as an :class:`AnalysisFailed` value."""
        try:
            return self.run(document, context)
        except Exception as error:
            return _failure(document, error)

    def pipe(
        self,
        documents: Iterable[Document],
        *,
        n_process: int = 1,
        batch_size: int = 16,
        errors: Literal["raise", "return"] = "raise",
    ) -> Iterator[Document | AnalysisFailed]:
        """Run over many documents, in order, with ``n_process`` worker processes.

        Each worker parses and analyses whole batches, so the analyzers run in parallel too, and
        holds at most two batches in flight: a corpus is streamed, never read whole.
        ``errors="return"`` yields an :class:`AnalysisFailed` in place of a document that fails.
        """
        from redline.nlp import load_pipeline

        self.initialize()
        load_pipeline(self.spacy_pipeline)  # loaded before workers fork, so they share it
        batches = _batched(documents, batch_size)
        if n_process <= 1:
            for batch in batches:
                yield from self._run_batch(batch, errors)
            return
        yield from self._pipe_parallel(batches, n_process, errors)

    def _pipe_parallel(
        self, batches: Iterator[list[Document]], n_process: int, errors: str
    ) -> Iterator[Document | AnalysisFailed]:
        global _WORKER_PIPELINE
        _WORKER_PIPELINE = self
        # fork: workers inherit the loaded spaCy pipeline, models and lexicons without pickling.
        context = multiprocessing.get_context("fork")
        with context.Pool(n_process, initializer=_limit_worker_threads) as pool:
            pending: deque[Any] = deque()
            for batch in batches:
                pending.append(pool.apply_async(_run_worker_batch, (batch, errors)))
                if len(pending) >= 2 * n_process:
                    yield from pending.popleft().get()
            while pending:
                yield from pending.popleft().get()

    def _run_batch(self, batch: list[Document], errors: str) -> list[Document | AnalysisFailed]:
        batch = [with_language(document) for document in batch]
        parsed = self._parse_by_language(batch, errors)
        results: list[Document | AnalysisFailed] = []
        for document, doc in zip(batch, parsed, strict=True):
            context = self.context_for(document, doc)
            results.append(
                self.run(document, context)
                if errors == "raise"
                else self.run_safely(document, context)
            )
        return results

    def _parse_by_language(self, batch: list[Document], errors: str) -> list[Doc | None]:
        """Parse the batch's texts, each language's through its own pipeline in one pass."""
        from redline.nlp import load_pipeline
        from redline.parsing import parse_many

        parsed: list[Doc | None] = [None] * len(batch)
        by_language: dict[str, list[int]] = {}
        for n, document in enumerate(batch):
            by_language.setdefault(_pipeline_language(document), []).append(n)
        for language, members in by_language.items():
            nlp_name = self.spacy_pipeline if language == "en" else None
            try:
                nlp = load_pipeline(nlp_name, language)
                docs = parse_many(nlp, [batch[n].text for n in members])
                for n, doc in zip(members, docs, strict=True):
                    parsed[n] = doc
            except Exception:
                if errors == "raise":
                    raise
                # parse one by one in run_safely, so one bad text fails alone
        return parsed


def with_language(document: Document) -> Document:
    """``document`` with its language in its metadata: the reader's, else detected (a short
    text the classifier is unsure of in the analysed language its letters fit, as a comment)."""
    from redline.languages import detect_within

    if document.metadata.language is not None:
        return document
    language = detect_within(document.text, None)
    if language is None:
        return document
    return document.model_copy(
        update={"metadata": document.metadata.model_copy(update={"language": language})}
    )


def _pipeline_language(document: Document) -> str:
    """The language whose pipeline analyses ``document``; for a language Redline does not
    analyse, the language itself (it gets structure only)."""
    from redline.languages import analysis_language, is_analysed

    language = document.metadata.language
    return analysis_language(language) if is_analysed(language) else str(language)


def runs_on(analyzer: Analyzer, language: str) -> bool:
    """Whether ``analyzer`` runs on text in ``language`` (undeclared: English only)."""
    languages: tuple[str, ...] = getattr(analyzer, "languages", ("en",))
    return "*" in languages or language in languages


# Layers that describe the text's shape rather than what it says: kept in every language.
_SHAPE_LAYERS = frozenset({"structure", "sentences"})


def mark_other_languages(document: Document, language: str) -> Document:
    """Mark the comments written in another language than the document's as not analysed.

    A thread can mix languages, and the document is analysed with one language's rules and
    models: what they would find in a comment in another language is not evidence. The
    comment's structure span records its language and ``analysed: false``; the analyzers that
    read text through :class:`redline.scope.TextUnits` skip it, and
    :func:`drop_unanalysed_findings` removes whatever another analyzer found there.
    """
    from redline.languages import detect_within

    marked = False
    structure: list[Span] = []
    for span in document.layer("structure"):
        found = detect_within(span.text, language) if span.label == "comment" else None
        if found is not None and found != language:
            span = span.model_copy(
                update={"attrs": {**span.attrs, "language": found, "analysed": False}}
            )
            marked = True
        structure.append(span)
    return document.with_layers({"structure": structure}) if marked else document


def drop_unanalysed_findings(document: Document) -> Document:
    """``document`` without the findings inside comments marked not analysed."""
    unanalysed = [
        (span.start, span.end)
        for span in document.layer("structure")
        if _analysed_flag(span) is False
    ]
    if not unanalysed:
        return document

    def inside(span: Span) -> bool:
        return any(start <= span.start and span.end <= end for start, end in unanalysed)

    return document.with_layers(
        {
            name: [span for span in spans if not inside(span)]
            for name, spans in document.layers.items()
            if name not in _SHAPE_LAYERS
        }
    )


def _joined(languages: str | None, language: str) -> str:
    """``"en"`` and ``"ru"`` as ``"en,ru"``: a layer found in more than one language."""
    return ",".join(sorted({*(languages or "").split(","), language} - {""}))


def _moved(span: Span, offset: int, prefix: str) -> Span:
    """A span of a comment analysed on its own, at its place in the whole document."""
    return span.model_copy(
        update={"id": prefix + span.id, "start": span.start + offset, "end": span.end + offset}
    )


def _moved_relation(relation: Relation, prefix: str) -> Relation:
    return relation.model_copy(
        update={
            "id": prefix + relation.id,
            "source": prefix + relation.source,
            "target": prefix + relation.target,
        }
    )


def _record_languages(document: Document, ran: dict[str, str]) -> Document:
    from redline.languages import is_analysed

    language = document.metadata.language
    updates: dict[str, Any] = {"layer_languages": {**document.metadata.layer_languages, **ran}}
    if not is_analysed(language):
        updates["unanalysed_language"] = language
    return document.model_copy(update={"metadata": document.metadata.model_copy(update=updates)})


_WORKER_PIPELINE: Pipeline | None = None


def _limit_worker_threads() -> None:
    # Each worker is one of n_process; a multi-threaded BLAS in every worker oversubscribes the
    # cores.
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)


def _run_worker_batch(batch: list[Document], errors: str) -> list[Document | AnalysisFailed]:
    assert _WORKER_PIPELINE is not None, "worker started without a pipeline"
    return _WORKER_PIPELINE._run_batch(batch, errors)


def _batched(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _failure(document: Document, error: Exception) -> AnalysisFailed:
    if isinstance(error, AnalysisFailed):
        return error
    source = document.metadata.source or document.id
    problem = f"{type(error).__name__}: {error}".splitlines()[0]
    return AnalysisFailed(source, problem, document_id=document.id)


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
    contract = declared(analyzer)
    for spans in output.layers.values():
        for span in spans:
            if span.analyzer != analyzer.name:
                raise PipelineError(
                    f"analyzer {analyzer.name!r} returned span {span.id!r} credited to "
                    f"{span.analyzer!r}; spans must name the analyzer that made them"
                )
            _check_attributes(analyzer.name, contract.attributes, span, "span")
    for relation in output.relations:
        _check_attributes(analyzer.name, contract.relation_attributes, relation, "relation")
    return document.with_layers(
        output.layers,
        output.relations,
        metadata=_fill_metadata(document.metadata, output.metadata),
        summaries=_summary(analyzer.name, contract.summary, output.summary),
    )


def _analysed_flag(span: Span) -> bool | None:
    """A comment's ``analysed`` mark: False in a language not analysed with the document's,
    True once analysed apart, None for every other part of the structure."""
    part = StructureAttributes.read_or_none(span)
    return part.analysed if part else None


def _check_attributes(
    name: str, models: Mapping[str, type[Attributes]], item: Span | Relation, what: str
) -> None:
    """Hold ``item``'s attributes to the model its analyzer declares for its label."""
    if not models:
        return  # an analyzer that declares no contract (a third party's) is not checked
    model = model_for(models, item.label)
    if model is None:
        raise PipelineError(
            f"analyzer {name!r} returned {what} {item.id!r} with label {item.label!r}, which "
            f"its attributes do not declare (declared: {sorted(models)})"
        )
    try:
        model.check(item.attrs)
    except ValueError as error:
        raise PipelineError(
            f"analyzer {name!r} returned {what} {item.id!r} whose attributes break "
            f"{model.__name__}: {error}"
        ) from None


def _summary(
    name: str, model: type[BaseModel] | None, summary: BaseModel | None
) -> dict[str, dict[str, Any]] | None:
    if summary is None:
        return None
    if model is None or not isinstance(summary, model):
        raise PipelineError(
            f"analyzer {name!r} returned a {type(summary).__name__} summary but declares "
            f"summary={model.__name__ if model else None}"
        )
    return {name: summary.model_dump(mode="json")}


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
