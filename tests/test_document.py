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
        attrs={"actor_id": "kyiv", "name": "Kyiv", "type": "place", "match": "alias"},
    )
    rocket = doc.make_span(
        TEXT.index("🚀"), TEXT.index("🚀") + 1, "emoji", analyzer="x", rule="r",
        attrs={"actor_id": "rocket", "name": "rocket", "type": "weapon", "match": "emoji"},
    )  # fmt: skip
    claim = doc.make_span(
        0, 26, "question", analyzer="claims", rule="verb", confidence=0.5,
        attrs={"stance": "question", "level": 3},
    )  # fmt: skip
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
        "name",
        "type",
        "match",
    ]
    assert table["quote"].tolist() == ["Kyiv", "🚀"]
    assert table["actor_id"].tolist() == ["kyiv", "rocket"] and table["name"][0] == "Kyiv"
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


def test_document_schema_types_the_layers_attributes() -> None:
    """The published schema carries the analyzers' declared attribute models."""
    from redline.analysis import analyze

    analysed = json.loads(analyze("Russia must strike Kyiv now, said the minister.").to_json())
    schema = json_schema()
    jsonschema.validate(analysed, schema)
    claim = analysed["layers"]["claims"][0]
    claim["attrs"]["level"] = "very high"
    with pytest.raises(jsonschema.ValidationError, match="very high"):
        jsonschema.validate(analysed, schema)
    claim["attrs"] = {"stance": "advocate", "level": 3, "undeclared": True}
    with pytest.raises(jsonschema.ValidationError, match="undeclared"):
        jsonschema.validate(analysed, schema)


def test_document_of_schema_1_0_keeps_its_escalation_profile() -> None:
    """A 1.0 document kept its profile in metadata.extra; it is read into the summaries."""
    profile = {"index": 40, "claims": 2, "max_advocate": 3}
    legacy = Document.from_text("Strike now.").model_dump(mode="json")
    legacy.update(schema_version="1.0", summaries=None)
    del legacy["summaries"]
    legacy["metadata"]["extra"] = {"escalation": profile, "desk": "world"}
    document = Document.model_validate(legacy)
    assert document.schema_version == "1.1"
    assert document.escalation is not None and document.escalation.index == 40
    assert document.metadata.extra == {"desk": "world"}


def test_document_a_users_column_named_escalation_stays_the_users() -> None:
    from redline.analysis import analyze

    document = analyze(
        "Russia must strike Kyiv now.", metadata=Metadata(extra={"escalation": "high"})
    )
    assert document.metadata.extra["escalation"] == "high"
    assert document.escalation is not None and (document.escalation.max_advocate or 0) >= 3
