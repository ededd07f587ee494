import json

import jsonschema
import pytest
from pydantic import ValidationError

from redline.document import Document, Metadata, Relation, Span, content_id, json_schema
from redline.errors import SpanError

TEXT = "Host: Will Kyiv be struck?\nGuest: «Никогда» — never. 🚀 ok"


@pytest.fixture
def document() -> Document:
    doc = Document.from_text(TEXT, Metadata(title="T", date="2025-05-21", extra={"k": [1, 2]}))
    actor = doc.make_span(
        11,
        15,
        "actor",
        analyzer="actors",
        rule="alias",
        confidence=0.9,
        attrs={"actor_id": "kyiv", "aliases": ["Kiev"]},
    )
    rocket = doc.make_span(TEXT.index("🚀"), TEXT.index("🚀") + 1, "emoji", analyzer="x", rule="r")
    claim = doc.make_span(0, 26, "claim", analyzer="claims", rule="verb", confidence=0.5)
    relation = Relation(
        id="r1",
        label="target",
        source=claim.id,
        target=actor.id,
        analyzer="claims",
        rule="dep",
        confidence=0.5,
    )
    return doc.with_layers({"actors": [actor, rocket], "claims": [claim]}, [relation])


def test_document_id_is_content_hash() -> None:
    assert Document.from_text(TEXT).id == content_id(TEXT)
    assert Document.from_text(TEXT).id != Document.from_text(TEXT + " ").id


def test_document_offsets_are_code_points(document: Document) -> None:
    rocket = next(s for s in document.layer("actors") if s.label == "emoji")
    assert rocket.text == "🚀"
    assert document.text[rocket.start : rocket.end] == "🚀"


@pytest.mark.parametrize(
    "start,end", [(-1, 3), (5, 4), (0, len(TEXT) + 1), (len(TEXT) + 1, len(TEXT) + 2)]
)
def test_document_make_span_refuses_offsets_outside_text(start: int, end: int) -> None:
    doc = Document.from_text(TEXT)
    with pytest.raises(SpanError):
        doc.make_span(start, end, "x", analyzer="a", rule="r")


def test_document_refuses_span_whose_quote_differs() -> None:
    span = Span(
        id="a/1", start=0, end=4, label="x", text="Nope", analyzer="a", rule="r", confidence=1
    )
    with pytest.raises(ValueError, match="quotes 'Nope'"):
        Document(id="x", text=TEXT, layers={"a": (span,)})


def test_document_refuses_relation_to_missing_span(document: Document) -> None:
    bad = Relation(
        id="r2", label="x", source="nope", target="nope", analyzer="a", rule="r", confidence=1
    )
    with pytest.raises(ValueError, match="does not have"):
        document.with_layers({}, [bad])


def test_document_json_round_trip_is_byte_identical(document: Document) -> None:
    serialised = document.to_json()
    again = Document.from_json(serialised)
    assert again == document
    assert again.to_json() == serialised
    assert Document.from_json(again.to_json(indent=None)).to_json() == serialised


def test_document_json_matches_published_schema(document: Document) -> None:
    jsonschema.validate(json.loads(document.to_json()), json_schema())


def test_document_with_layers_leaves_original_unchanged(document: Document) -> None:
    before = document.to_json()
    replaced = document.with_layers({"claims": []})
    assert document.to_json() == before
    assert replaced.layer("claims") == ()
    assert replaced.relations == ()  # relations of replaced spans go with them


def test_document_is_immutable(document: Document) -> None:
    with pytest.raises(ValidationError, match="frozen"):
        document.text = "changed"  # type: ignore[misc]


def test_document_table_is_a_layer_with_quotes_and_attributes(document: Document) -> None:
    table = document.table("actors")
    assert list(table.columns) == [
        "span_id",
        "start_char",
        "end_char",
        "quote",
        "label",
        "analyzer",
        "rule",
        "confidence",
        "actor_id",
        "aliases",
    ]
    assert table["quote"].tolist() == ["Kyiv", "🚀"]
    assert table["actor_id"].tolist()[0] == "kyiv" and table["aliases"].tolist()[0] == ["Kiev"]
    for start, end, quote in table[["start_char", "end_char", "quote"]].itertuples(index=False):
        assert TEXT[start:end] == quote


def test_document_table_keeps_an_attribute_named_like_a_column_apart() -> None:
    doc = Document.from_text(TEXT)
    span = doc.make_span(0, 4, "turn", analyzer="structure", rule="r", attrs={"label": "Host"})
    table = doc.with_layers({"structure": [span]}).table("structure")
    assert table[["label", "attr_label"]].values.tolist() == [["turn", "Host"]]


def test_document_table_of_an_empty_or_missing_layer(document: Document) -> None:
    empty = document.with_layers({"techniques": []}).table("techniques")
    assert len(empty) == 0 and "quote" in empty.columns
    with pytest.raises(
        KeyError, match=r"no layer 'claim' in document .*; its layers: actors, claims"
    ):
        document.table("claim")
