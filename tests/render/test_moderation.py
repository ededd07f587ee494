"""The moderation view: comments ordered by severity, evidence with offsets, JSON lines."""

import json

from redline.document import Document, Metadata
from redline.render.moderation import moderation_items, render_jsonl, render_table

TEXT = (
    "Talks in Geneva ended without agreement.\n\n"
    "2 Comments\n\n"
    "mike\nSomeone should hang the senator.\n\n"
    "anna\nThey are rats.\n\n"
    "olga\nThanks for the [bold]report[/bold].\n"
)


def _document() -> Document:
    """A hand-annotated document: three comments, findings in two of them."""
    document = Document.from_text(TEXT, Metadata(source="thread.txt"))
    starts = {name: TEXT.index(name + "\n") for name in ("mike", "anna", "olga")}
    ends = {"mike": starts["anna"] - 2, "anna": starts["olga"] - 2, "olga": len(TEXT) - 1}
    structure = [
        document.make_span(
            TEXT.index("2 Comments"), len(TEXT) - 1, "comments", analyzer="structure", rule="t"
        )
    ]
    for index, name in enumerate(("mike", "anna", "olga")):
        structure.append(
            document.make_span(
                starts[name],
                ends[name],
                "comment",
                analyzer="structure",
                rule="t",
                attrs={"index": index, "author": name},
            )
        )
    call = TEXT.index("Someone should hang the senator")
    rats = TEXT.index("rats")
    incitement = [
        document.make_span(
            rats,
            rats + 4,
            "dehumanization",
            analyzer="incitement",
            rule="term:rats",
            confidence=0.8,
            attrs={"severity": 1, "target": None, "target_name": "They"},
        ),
        document.make_span(
            call,
            call + 31,
            "call_to_violence",
            analyzer="incitement",
            rule="verb:hang|frame:obligation",
            confidence=0.9,
            attrs={"severity": 2, "target": "senator", "target_name": "senator"},
        ),
    ]
    return document.model_copy(
        update={"layers": {**document.layers, "structure": structure, "incitement": incitement}}
    )


def test_moderation_items_sorted_by_severity_with_evidence() -> None:
    items = moderation_items([_document()])
    assert [i.author for i in items] == ["mike", "anna"]
    first = items[0]
    assert (first.severity, first.labels, first.targets, first.comment_index) == (
        2,
        ("call_to_violence",),
        ("senator",),
        0,
    )
    (span,) = first.spans
    assert TEXT[span.start : span.end] == span.quote == "Someone should hang the senator"
    assert span.rule == "verb:hang|frame:obligation"


def test_moderation_min_severity_filters_and_zero_lists_every_comment() -> None:
    assert [i.author for i in moderation_items([_document()], min_severity=2)] == ["mike"]
    every = moderation_items([_document()], min_severity=0)
    assert [i.author for i in every] == ["mike", "anna", "olga"]
    assert every[-1].severity is None and every[-1].spans == ()


def test_moderation_jsonl_one_object_per_comment() -> None:
    lines = render_jsonl(moderation_items([_document(), _document()])).splitlines()
    assert len(lines) == 4
    record = json.loads(lines[0])
    assert record["document_id"] == _document().id and record["source"] == "thread.txt"
    assert record["comment_index"] == 0 and record["author"] == "mike" and record["severity"] == 2
    assert record["labels"] == ["call_to_violence"] and record["targets"] == ["senator"]
    assert record["spans"][0]["quote"] == "Someone should hang the senator"
    assert set(record["spans"][0]) >= {
        "label",
        "start",
        "end",
        "quote",
        "target",
        "severity",
        "rule",
        "confidence",
    }


def test_moderation_table_prints_source_text_literally() -> None:
    table = render_table(moderation_items([_document()], min_severity=0), width=160)
    assert "Reader comments by severity" in table
    assert "call_to_violence" in table and "senator" in table
    assert "[bold]report[/bold]" in table  # never parsed as Rich markup


def test_moderation_document_without_comments_has_no_items() -> None:
    assert moderation_items([Document.from_text("An article with no comment section.")]) == []
