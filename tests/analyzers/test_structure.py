from pathlib import Path

import pytest

from redline.document import Document, Metadata, Span
from redline.pipeline import Pipeline

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def structure() -> Pipeline:
    return Pipeline.from_names(["structure"])


def _run(pipeline: Pipeline, name: str) -> Document:
    return pipeline.run(Document.from_text((FIXTURES / name).read_text(encoding="utf-8")))


def _labels(document: Document, label: str) -> list[Span]:
    return [s for s in document.layer("structure") if s.label == label]


def _inside(document: Document, quote: str, label: str) -> list[Span]:
    start = document.text.index(quote)
    return [s for s in _labels(document, label) if s.start <= start and start + len(quote) <= s.end]


def test_structure_seed_interview(seed_interview: tuple[Document, dict]) -> None:
    document, gold = seed_interview
    turns = _labels(document, "turn")
    assert len(turns) == gold["turns"]["count"]
    assert [t.attrs["speaker"] for t in turns] == [gold["turns"]["speakers"][i % 2] for i in range(len(turns))]
    assert gold["turns"]["first"]["quote"] in turns[0].text
    for sample in gold["turns"]["samples"]:
        assert [t.attrs["speaker"] for t in _inside(document, sample["quote"], "turn")] == [sample["speaker"]]
    for section in gold["sections"]:
        label = "note" if section["kind"] == "note" else "comments"
        assert _inside(document, section["quote"], label), section
    for quote in gold["not_in_body"]:
        assert not _inside(document, quote, "body") and not _inside(document, quote, "turn")
        assert _inside(document, quote, "comment")
    meta = document.metadata
    for key, value in gold["metadata"].items():
        assert getattr(meta, key) == value, key


def test_structure_seed_op_ed(seed_op_ed: tuple[Document, dict]) -> None:
    document, gold = seed_op_ed
    assert document.metadata.date == gold["metadata"]["date"]
    assert document.metadata.author == gold["metadata"]["author"]
    assert document.metadata.language == "en"
    [advert] = _labels(document, "advert")
    assert advert.text == gold["sections"][0]["quote"]
    assert not _labels(document, "turn") and not _labels(document, "comments")


def test_structure_plain_op_ed_has_no_structure(structure: Pipeline) -> None:
    document = _run(structure, "oped_plain.txt")
    assert not _labels(document, "turn") and not _labels(document, "comments") and not _labels(document, "title")
    assert len(_labels(document, "paragraph")) == 3
    assert len(document.layer("sentences")) >= 7


def test_structure_prose_colon_is_not_a_turn(structure: Pipeline) -> None:
    document = structure.run(Document.from_text(
        "The problem is: nobody listens.\nNote: this was written in May.\nThe point is: we wait."
    ))
    assert not _labels(document, "turn")
    assert [s.text for s in _labels(document, "note")] == ["Note: this was written in May."]


def test_structure_q_and_a(structure: Pipeline) -> None:
    document = _run(structure, "qa_interview.txt")
    turns = _labels(document, "turn")
    assert [t.attrs["speaker"] for t in turns] == ["Q", "A"] * 3
    assert document.metadata.title == "Minister Halvorsen on the Arctic"


def test_structure_press_conference_three_speakers(structure: Pipeline) -> None:
    document = _run(structure, "press_conference.txt")
    turns = _labels(document, "turn")
    assert len(turns) == 7
    assert {t.attrs["speaker"] for t in turns} == {"Moderator", "Maria Zakharova", "Question"}
    assert "failed to honour" in turns[1].text  # the continuation paragraph stays in the turn


def test_structure_comment_thread_split_with_authors(structure: Pipeline) -> None:
    document = _run(structure, "article_thread.txt")
    comments = _labels(document, "comment")
    assert [c.attrs.get("author") for c in comments] == ["daniel_r", "M. Petrenko", "kat77"]
    assert document.metadata.author == "Laura Kim"
    assert document.metadata.title == "Drone strikes hit fuel depots overnight"
    [body] = _labels(document, "body")
    assert "Stay safe" not in body.text


def test_structure_speech_stage_directions(structure: Pipeline) -> None:
    document = _run(structure, "speech_applause.txt")
    assert [s.text for s in _labels(document, "stage_direction")] == ["(Applause)", "[Cheers]", "(APPLAUSE.)"]
    assert not _labels(document, "turn")


def test_structure_short_post(structure: Pipeline) -> None:
    document = _run(structure, "short_post.txt")
    assert not _labels(document, "title")
    assert len(_labels(document, "paragraph")) == 1
    assert len(_labels(document, "body")) == 1


def test_structure_reader_regions_are_honoured(structure: Pipeline) -> None:
    text = "Article text here. It is long enough.\n\nFirst reader comment.\nSecond reader comment."
    start = text.index("First")
    document = structure.run(Document.from_text(text, Metadata(extra={"regions": [{"kind": "comments", "start": start, "end": len(text)}]})))
    assert [c.text for c in _labels(document, "comment")] == ["First reader comment.", "Second reader comment."]
