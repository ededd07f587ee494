from typing import ClassVar

import pytest

from redline.analyzers.base import AnalysisContext, AnalyzerOutput
from redline.document import Document
from redline.errors import PipelineError
from redline.pipeline import Pipeline


class Words:
    name: ClassVar[str] = "words"
    version: ClassVar[str] = "1"
    requires: ClassVar[tuple[str, ...]] = ()
    provides: ClassVar[tuple[str, ...]] = ("words",)

    def initialize(self) -> None:
        pass

    def analyze(self, document: Document, context: AnalysisContext) -> AnalyzerOutput:
        spans = [document.make_span(0, document.text.index(" "), "word", analyzer=self.name, rule="first")]
        return AnalyzerOutput(layers={"words": spans}, metadata={"title": "found", "author": "found"})


class Counts(Words):
    name: ClassVar[str] = "counts"
    requires: ClassVar[tuple[str, ...]] = ("words",)
    provides: ClassVar[tuple[str, ...]] = ("counts",)

    def analyze(self, document: Document, context: AnalysisContext) -> AnalyzerOutput:
        first = document.layer("words")[0]
        span = document.make_span(first.start, first.end, "counted", analyzer=self.name, rule="n")
        return AnalyzerOutput(layers={"counts": [span]})


class Liar(Words):
    name: ClassVar[str] = "liar"

    def analyze(self, document: Document, context: AnalysisContext) -> AnalyzerOutput:
        span = document.make_span(0, 1, "x", analyzer=self.name, rule="r")
        return AnalyzerOutput(layers={"undeclared": [span]})


def test_pipeline_refuses_unmet_requirement() -> None:
    with pytest.raises(PipelineError, match="requires layer 'words'"):
        Pipeline([Counts()])


def test_pipeline_refuses_duplicate_analyzer() -> None:
    with pytest.raises(PipelineError, match="twice"):
        Pipeline([Words(), Words()])


def test_pipeline_refuses_non_analyzer() -> None:
    with pytest.raises(PipelineError, match="expected an Analyzer"):
        Pipeline([object()])  # type: ignore[list-item]


def test_pipeline_merges_layers_in_order() -> None:
    doc = Pipeline([Words(), Counts()]).run(Document.from_text("Hello world"))
    assert [s.text for s in doc.layer("words")] == ["Hello"]
    assert [s.label for s in doc.layer("counts")] == ["counted"]


def test_pipeline_metadata_from_text_never_overrides_reader() -> None:
    from redline.document import Metadata

    doc = Pipeline([Words()]).run(Document.from_text("Hello world", Metadata(author="reader")))
    assert doc.metadata.author == "reader"
    assert doc.metadata.title == "found"


def test_pipeline_refuses_undeclared_layer() -> None:
    with pytest.raises(PipelineError, match="does not declare"):
        Pipeline([Liar()]).run(Document.from_text("Hello world"))


def test_pipeline_from_unknown_name() -> None:
    with pytest.raises(PipelineError, match="no analyzer named 'nope'"):
        Pipeline.from_names(["nope"])
