"""The contract every registered analyzer honours (cf. scikit-learn's estimator checks).

Spans in bounds and quoting the text, input not mutated, deterministic output, JSON round trip
unchanged, only declared layers, spans credited to their analyzer.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest

from redline.analyzers import DEFAULT_ANALYZERS, analyzer_class, registered
from redline.analyzers.base import AnalysisContext, declared
from redline.attributes import Attributes, model_for
from redline.document import Document
from redline.pipeline import Pipeline, merge_output

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "redline" / "samples"
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
SHORT_TEXTS = [
    "Hi.",
    "\n\n\n",
    "MODERATOR: Welcome.\nQUESTION: Will you strike?\nANSWER: No.\n\n\n\nGreat post! Reply",
    "Київ, Киев, Kyiv — «кавычки» 🚀 e\u0301 \u2028 end",
]


def _texts() -> Iterator[str]:
    yield from SHORT_TEXTS
    for folder in (SAMPLES, SEEDS):
        if folder.is_dir():
            for path in sorted(folder.glob("*.txt")):
                yield path.read_text(encoding="utf-8")


def _prerequisites(name: str) -> list[str]:
    """The default analyzers that must run before ``name`` to provide what it requires."""
    needed = set(analyzer_class(name).requires)
    chain: list[str] = []
    for candidate in DEFAULT_ANALYZERS:
        if not needed:
            break
        provided = set(analyzer_class(candidate).provides)
        if candidate != name and provided & needed:
            chain.extend(c for c in _prerequisites(candidate) if c not in chain)
            chain.append(candidate)
            needed -= provided
    return chain


@pytest.fixture(scope="module", params=sorted(registered()))
def analyzer_name(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def prepared(analyzer_name: str) -> list[Document]:
    before = (
        Pipeline.from_names(_prerequisites(analyzer_name))
        if _prerequisites(analyzer_name)
        else None
    )
    docs = [Document.from_text(text) for text in _texts()]
    return [before.run(doc) if before else doc for doc in docs]


def _run(name: str, document: Document) -> Document:
    """Run one fresh analyzer over a document its prerequisites already annotated."""
    analyzer = analyzer_class(name)()
    analyzer.initialize()
    output = analyzer.analyze(document, AnalysisContext(text=document.text))
    return merge_output(document, analyzer, output)


def test_contract_spans_in_bounds_and_quoting(analyzer_name: str, prepared: list[Document]) -> None:
    for document in prepared:
        result = _run(analyzer_name, document)
        for layer in analyzer_class(analyzer_name).provides:
            for span in result.layer(layer):
                assert 0 <= span.start <= span.end <= len(result.text)
                assert result.text[span.start : span.end] == span.text
                assert span.analyzer == analyzer_name
                assert 0.0 <= span.confidence <= 1.0
                assert span.rule


def test_contract_input_not_mutated(analyzer_name: str, prepared: list[Document]) -> None:
    for document in prepared:
        before = document.to_json()
        _run(analyzer_name, document)
        assert document.to_json() == before


def test_contract_deterministic(analyzer_name: str, prepared: list[Document]) -> None:
    for document in prepared:
        assert _run(analyzer_name, document).to_json() == _run(analyzer_name, document).to_json()


def test_contract_json_round_trip(analyzer_name: str, prepared: list[Document]) -> None:
    for document in prepared:
        serialised = _run(analyzer_name, document).to_json()
        assert Document.from_json(serialised).to_json() == serialised


@pytest.mark.parametrize("name", DEFAULT_ANALYZERS)
def test_contract_every_builtin_analyzer_declares_its_output(name: str) -> None:
    """Each built-in analyzer types what it writes: every layer's labels, or its summary."""
    contract = declared(analyzer_class(name))
    assert contract.attributes or contract.summary is not None
    for model in contract.attributes.values():
        assert issubclass(model, Attributes)


def test_contract_declared_attributes_hold_on_every_text(
    analyzer_name: str, prepared: list[Document]
) -> None:
    """What an analyzer writes on real texts reads back through its declared models."""
    models = declared(analyzer_class(analyzer_name)).attributes
    for document in prepared:
        for span in _run(analyzer_name, document).spans():
            if span.analyzer == analyzer_name and models:
                model = model_for(models, span.label)
                assert model is not None, span.label
                model.check(span.attrs)
