import pickle
from collections.abc import Mapping
from typing import ClassVar

import pytest

from redline.analyzers.base import AnalysisContext, AnalyzerOutput
from redline.attributes import Attributes
from redline.document import Document, Metadata
from redline.errors import AnalysisFailed, PipelineError
from redline.pipeline import Pipeline


class Words:
    name: ClassVar[str] = "words"
    version: ClassVar[str] = "1"
    requires: ClassVar[tuple[str, ...]] = ()
    provides: ClassVar[tuple[str, ...]] = ("words",)

    def initialize(self) -> None:
        pass

    def analyze(self, document: Document, context: AnalysisContext) -> AnalyzerOutput:
        spans = [
            document.make_span(
                0, document.text.index(" "), "word", analyzer=self.name, rule="first"
            )
        ]
        return AnalyzerOutput(
            layers={"words": spans}, metadata={"title": "found", "author": "found"}
        )


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


class FailsOnBoom(Words):
    name: ClassVar[str] = "fails_on_boom"
    provides: ClassVar[tuple[str, ...]] = ()

    def analyze(self, document: Document, context: AnalysisContext) -> AnalyzerOutput:
        if "boom" in document.text:
            raise RuntimeError("cannot digest boom\nsecond line")
        return AnalyzerOutput(layers={})


TEXTS = [
    "Host: Will Moscow strike Kyiv?\n\nIvan Petrov: If NATO goes further, we will have to respond.",
    "The sanctions against Iran were lifted in 2016.",
    "We must talk to Beijing, not threaten it.",
    "Washington sent tanks to Poland last week.",
    "The ceasefire held for a month.",
]


@pytest.mark.parametrize("n_process", [1, 2])
def test_pipeline_pipe_matches_run_in_order(n_process: int) -> None:
    pipeline = Pipeline.from_names(["structure", "actors"])
    documents = [Document.from_text(text) for text in TEXTS]
    expected = [pipeline.run(document).to_json() for document in documents]
    found = [d.to_json() for d in pipeline.pipe(documents, n_process=n_process, batch_size=2)]
    assert found == expected


@pytest.mark.parametrize("n_process", [1, 2])
def test_pipeline_pipe_returns_failures_and_goes_on(n_process: int) -> None:
    pipeline = Pipeline([Words(), FailsOnBoom()])
    texts = ["first one", "a boom here", "third one"]
    documents = [Document.from_text(t, Metadata(source=f"doc{i}.txt")) for i, t in enumerate(texts)]
    results = list(pipeline.pipe(documents, n_process=n_process, batch_size=1, errors="return"))
    assert [type(r).__name__ for r in results] == ["Document", "AnalysisFailed", "Document"]
    failure = results[1]
    assert isinstance(failure, AnalysisFailed)
    assert str(failure) == "doc1.txt: analysis failed: RuntimeError: cannot digest boom"
    assert failure.document_id == documents[1].id
    assert pickle.loads(pickle.dumps(failure)).document_id == documents[1].id


def test_pipeline_pipe_raises_by_default() -> None:
    pipeline = Pipeline([Words(), FailsOnBoom()])
    with pytest.raises(RuntimeError, match="cannot digest boom"):
        list(pipeline.pipe([Document.from_text("a boom here")]))


# -- languages ---------------------------------------------------------------------------------

GERMAN = (
    "Die Bundesregierung wird die Ukraine weiter unterstützen, sagte der Kanzler am Montag in "
    "Berlin. Russland muss den Krieg sofort beenden, sonst drohen neue Sanktionen."
)


def test_a_language_without_a_pipeline_gets_structure_only_and_says_so() -> None:
    document = Pipeline.from_names().run(Document.from_text(GERMAN))
    assert document.metadata.language == "de"
    assert document.metadata.unanalysed_language == "de"
    assert set(document.layers) == {"structure", "sentences"}
    assert document.metadata.layer_languages == {"structure": "de", "sentences": "de"}


def test_a_short_post_the_classifier_gives_to_a_neighbour_is_read_in_russian() -> None:
    # py3langid alone: Macedonian.
    document = Pipeline.from_names(["structure"]).run(Document.from_text("Бомбите Лондон!"))
    assert (document.metadata.language, document.metadata.unanalysed_language) == ("ru", None)


def test_the_readers_language_wins_over_detection() -> None:
    told = Document.from_text(GERMAN).model_copy(update={"metadata": Metadata(language="en")})
    document = Pipeline.from_names(["structure", "actors"]).run(told)
    assert document.metadata.unanalysed_language is None
    assert document.metadata.layer_languages["actors"] == "en"


def test_a_comment_in_another_language_is_analysed_in_its_own() -> None:
    text = (
        "Russia threatens to strike Kyiv\n\n"
        "Moscow said on Monday it would strike Kyiv if NATO sent more troops. The ministry "
        "added that the West would bear responsibility for what followed.\n\n"
        "Comments\n\n"
        "ivan_77 · 2 hours ago\n"
        "Надо стереть Вильнюс с лица земли, пусть знают. Давно пора ответить всем им.\n\n"
        "hans · 1 hour ago\n"
        "Man sollte sie alle bombardieren, sie verdienen nichts anderes als die Zerstörung.\n\n"
        "mary · 1 hour ago\n"
        "We should bomb them all, they deserve nothing but destruction.\n"
    )
    document = Pipeline.from_names().run(Document.from_text(text))
    comments = [s for s in document.layer("structure") if s.label == "comment"]
    assert [c.attrs.get("language") for c in comments] == ["ru", "de", None]
    assert [c.attrs.get("analysed") for c in comments] == [True, False, None]
    russian, german, _ = comments
    findings = [
        s
        for name, spans in document.layers.items()
        if name != "structure"
        for s in spans
        if russian.start <= s.start < russian.end
    ]
    # What lies in the Russian comment comes from its own (Russian) run: its sentences at least.
    assert findings and all(s.id.startswith(russian.id + ":") for s in findings)
    assert not [
        s
        for name, spans in document.layers.items()
        if name not in ("structure", "sentences")
        for s in spans
        if german.start <= s.start < german.end
    ]
    assert any(s.text.startswith("We should bomb") for s in document.layer("claims"))
    assert "ru" in document.metadata.layer_languages["sentences"]


class _WordAttributes(Attributes):
    length: int


class TypedWords(Words):
    """Declares the attributes of its label; ``attrs`` is what it then writes."""

    name: ClassVar[str] = "typed"
    attributes: ClassVar[Mapping[str, type[Attributes]]] = {"word": _WordAttributes}
    attrs: ClassVar[dict[str, object]] = {"length": 5}

    def analyze(self, document: Document, context: AnalysisContext) -> AnalyzerOutput:
        end = document.text.index(" ")
        span = document.make_span(0, end, "word", analyzer=self.name, rule="r", attrs=self.attrs)
        return AnalyzerOutput(layers={"words": [span]})


def test_pipeline_keeps_output_that_honours_its_declared_attributes() -> None:
    document = Pipeline([TypedWords()]).run(Document.from_text("Hello world."))
    assert _WordAttributes.read(document.layer("words")[0]).length == 5


@pytest.mark.parametrize(
    ("attrs", "problem"),
    [({"length": "five"}, "length: Input should be a valid integer"), ({}, "length: Field")],
)
def test_pipeline_refuses_output_that_breaks_its_declared_attributes(
    attrs: dict[str, object], problem: str
) -> None:
    analyzer = type("Broken", (TypedWords,), {"attrs": attrs})()
    with pytest.raises(PipelineError, match=f"breaks? _WordAttributes: {problem}"):
        Pipeline([analyzer]).run(Document.from_text("Hello world."))


def test_pipeline_refuses_a_label_its_analyzer_does_not_declare() -> None:
    class Other(TypedWords):
        attributes: ClassVar[Mapping[str, type[Attributes]]] = {"name": _WordAttributes}

    with pytest.raises(PipelineError, match="label 'word', which its attributes do not declare"):
        Pipeline([Other()]).run(Document.from_text("Hello world."))


def test_pipeline_escalation_profile_is_a_declared_summary() -> None:
    from redline.attributes import EscalationProfile

    document = Pipeline.from_names(
        ("structure", "actors", "voices", "groups", "claims", "escalation")
    ).run(Document.from_text("Russia must strike Kyiv now."))
    assert isinstance(document.escalation, EscalationProfile)
    assert "escalation" not in document.metadata.extra
    assert document.summaries["escalation"]["max_advocate"] >= 3


def test_a_short_comment_the_classifier_gives_to_a_neighbour_is_read_in_the_threads() -> None:
    text = (
        "Россия пригрозила ударом по Киеву\n\n"
        "МИД России заявил в понедельник, что Москва ответит на любые удары по своей "
        "территории. В ведомстве добавили, что ответственность ляжет на Запад.\n\n"
        "Комментарии\n\n"
        "ivan_77 · 2 часа назад\nБомбите Лондон!\n\n"
        "petro · 1 час назад\nСлава Україні! Героям слава!\n"
    )
    document = Pipeline.from_names().run(Document.from_text(text))
    comments = [s for s in document.layer("structure") if s.label == "comment"]
    # py3langid alone calls the first Serbian or Macedonian: it would be left unanalysed.
    assert [c.attrs.get("analysed") for c in comments] == [None, False]
    assert [s.text for s in document.layer("incitement")] == ["Бомбите Лондон"]
