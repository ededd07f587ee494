"""Small hand-made annotated Documents for the store tests (no spaCy needed)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from redline.analyzers.escalation import profile
from redline.document import Document, Metadata, Relation, Span

VERSIONS = {
    "structure": "1.0.0",
    "actors": "1.0.0",
    "claims": "1.0.0",
    "alignment": "1.0.0",
    "redlines": "1.0.0",
    "techniques": "1.0.0",
    "incitement": "1.0.0",
    "escalation": "1.0.0",
}


def _find(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def build_document(
    text: str,
    *,
    author: str | None = None,
    date: str | None = None,
    outlet: str | None = None,
    claims: tuple[tuple[str, str, int, str], ...] = (),
    actors: tuple[tuple[str, str], ...] = (),
    techniques: tuple[tuple[str, str], ...] = (),
    alliance: tuple[str, str, str] | None = None,
    redline: tuple[str, str | None, int] | None = None,
) -> Document:
    """A Document with every layer the store has a table for, found by word in ``text``.

    claims: (word, stance, level, speaker); actors: (word, actor_id); techniques: (word, label);
    alliance: (word, a, b); redline: (word, setter name, level).
    """
    doc = Document.from_text(text, Metadata(author=author, date=date, outlet=outlet))
    layers: dict[str, list[Span]] = {
        "sentences": [
            doc.make_span(
                0,
                len(text),
                "sentence",
                analyzer="structure",
                rule="spacy.sents",
                confidence=0.9,
                attrs={"section": "body"},
            )
        ]
    }
    layers["actors"] = [
        doc.make_span(
            *_find(text, word),
            "state",
            analyzer="actors",
            rule="alias",
            confidence=0.95,
            attrs={
                "actor_id": actor,
                "name": word,
                "type": "state",
                "linked": True,
                "match": "alias",
            },
        )
        for word, actor in actors
    ]
    layers["claims"] = [
        doc.make_span(
            *_find(text, word),
            stance,
            analyzer="claims",
            rule="lexicon",
            confidence=0.6,
            attrs={
                "stance": stance,
                "stances": [stance],
                "action": word,
                "level": level,
                "speaker": speaker,
                "section": "body",
                "plover_score": 1.5,
            },
        )
        for word, stance, level, speaker in claims
    ]
    layers["techniques"] = [
        doc.make_span(
            *_find(text, word),
            label,
            analyzer="techniques",
            rule="cue",
            confidence=0.5,
            attrs={"techniques": [label], "source": "cue"},
        )
        for word, label in techniques
    ]
    relations: list[Relation] = []
    if alliance:
        word, a, b = alliance
        edge = doc.make_span(
            *_find(text, word),
            "ally",
            analyzer="alignment",
            rule="ally.cue",
            confidence=0.7,
            attrs={"a": a, "a_name": a.title(), "b": b, "b_name": b.title(), "speaker": "author"},
        )
        layers["alignment"] = [edge]
        ends = {span.attrs["actor_id"]: span.id for span in layers["actors"]}
        relations.append(
            Relation(
                id=f"{edge.id}#rel",
                label="ally",
                source=ends[a],
                target=ends[b],
                analyzer="alignment",
                rule="ally.cue",
                confidence=0.7,
                attrs={"evidence": edge.id},
            )
        )
    if redline:
        word, setter, level = redline
        layers["redlines"] = [
            doc.make_span(
                *_find(text, word),
                "conditional_threat",
                analyzer="redlines",
                rule="if_then",
                confidence=0.6,
                attrs={
                    "kind": "conditional_threat",
                    "setter": setter and setter.lower(),
                    "setter_name": setter,
                    "level": level,
                    "speaker": "author",
                    "against": ["x"],
                },
            )
        ]
    doc = doc.with_layers(layers, relations)
    summary = profile(list(doc.layer("claims")))
    by_speaker: dict[str, list[Span]] = {}
    for claim in doc.layer("claims"):
        by_speaker.setdefault(str(claim.attrs["speaker"]), []).append(claim)
    summary["by_speaker"] = {
        name: {k: v for k, v in profile(spans).items() if not k.endswith("_claims")}
        for name, spans in sorted(by_speaker.items())
    }
    return Document.model_validate({**doc.model_dump(), "summaries": {"escalation": summary}})


@pytest.fixture
def corpus_documents() -> list[Document]:
    """Four dated documents by two authors over two months."""
    return [
        build_document(
            "Russia must strike Kyiv now, and Iran is our ally against them.",
            author="Hawk",
            date="2024-03-05",
            outlet="Daily",
            claims=(("strike", "advocate", 3, "Hawk"),),
            actors=(("Russia", "russia"), ("Kyiv", "kyiv"), ("Iran", "iran")),
            techniques=(("must", "Loaded_Language"),),
            alliance=("ally", "iran", "russia"),
            redline=("against them", "Russia", 3),
        ),
        build_document(
            "If they cross the line, Russia will use nuclear weapons.",
            author="Hawk",
            date="2024-03-07",
            outlet="Daily",
            claims=(
                ("nuclear weapons", "threaten", 5, "Hawk"),
                ("cross", "hypothetical", 1, "Host"),
            ),
            actors=(("Russia", "russia"),),
            techniques=(("nuclear", "Appeal_to_Fear-Prejudice"),),
            redline=("cross the line", "Russia", 5),
        ),
        build_document(
            "The ministers met in Geneva and agreed to talk.",
            author="Dove",
            date="2024-03-20",
            outlet="Weekly",
            claims=(("talk", "report", 0, "Dove"),),
            actors=(("Geneva", "geneva"),),
        ),
        build_document(
            "Sanctions on Russia should be lifted, Dove says.",
            author="Dove",
            date="2024-04-02",
            outlet="Weekly",
            claims=(("Sanctions", "reject", 2, "Dove"),),
            actors=(("Russia", "russia"),),
            techniques=(("should", "Loaded_Language"),),
        ),
    ]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "corpus.duckdb"


@pytest.fixture
def builder() -> Callable[..., Document]:
    return build_document
