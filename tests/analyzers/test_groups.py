from collections.abc import Callable
from typing import Any

from redline.attributes import InGroupAttributes
from redline.document import Document


def _in_groups(document: Document) -> dict[str, str]:
    return {
        attrs.scope: attrs.name
        for attrs in (
            InGroupAttributes.read(s) for s in document.layer("groups") if s.label == "in_group"
        )
    }


def test_groups_seed_op_ed_we_is_russia(seed_op_ed: tuple[Document, dict[str, Any]]) -> None:
    document, gold = seed_op_ed
    groups = _in_groups(document)
    # The author's voice; a quoted official speaks for their own state ("This is not my war").
    assert {name for scope, name in groups.items() if not scope.startswith("quote:")} == {
        gold["in_group"]
    }
    assert groups.get("quote:donald_trump", "United States") == "United States"


def test_groups_seed_interview_per_voice(seed_interview: tuple[Document, dict[str, Any]]) -> None:
    document, gold = seed_interview
    groups = _in_groups(document)
    assert groups["speaker:Alexander Dugin"] == gold["in_group"]["Alexander Dugin"]
    assert groups["comments"] == gold["in_group"]["comments"]
    assert "speaker:Host" not in groups or groups["speaker:Host"] == "Russia"


def test_groups_evidence_is_cited(seed_interview: tuple[Document, dict[str, Any]]) -> None:
    document, _ = seed_interview
    for span in document.layer("groups"):
        if span.label == "in_group":
            assert span.attrs["evidence"]
            for item in span.attrs["evidence"]:
                assert document.text[item["start"] : item["end"]] == item["text"]


def test_groups_no_evidence_leaves_we_unresolved(analyse: Callable[..., Document]) -> None:
    document = analyse("We should talk more. They never listen, and we are tired of it.")
    assert not _in_groups(document)
    pronouns = [s for s in document.layer("groups") if s.label in ("we", "they")]
    assert pronouns and all(not s.attrs["resolved"] for s in pronouns)


def test_groups_self_identification(analyse: Callable[..., Document]) -> None:
    document = analyse("As a Ukrainian, I know what this means. We will rebuild our cities.")
    assert set(_in_groups(document).values()) == {"Ukraine"}
    we = [s for s in document.layer("groups") if s.label == "we"]
    assert we and all(s.attrs.get("name") == "Ukraine" for s in we)


def test_groups_they_resolves_to_single_named_group(analyse: Callable[..., Document]) -> None:
    document = analyse("NATO held a summit in Vilnius. They promised more air defence.")
    they = [s for s in document.layer("groups") if s.label == "they"]
    assert [s.attrs.get("name") for s in they] == ["NATO"]
