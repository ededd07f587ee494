"""A corpus mixing English and Russian: the store counts each actor once across languages
(issue 13), because the actors layer gives a Cyrillic mention the id its English name has."""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.document import Document, Metadata
from redline.pipeline import Pipeline
from redline.store import CorpusStore
from redline.store.trends import Window, top_actors

ENGLISH = (
    "Kyiv, 3 March. President Zelensky said NATO must answer, and Putin warned the United "
    "States against sending more weapons to Ukraine."
)
RUSSIAN = (
    "МОСКВА, 4 марта. Путин заявил, что Соединённые Штаты и НАТО затягивают конфликт, а "
    "Зеленскому в Киеве ответил губернатор Иван Петров. Депутат Мария Петрова возразила ему."
)


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    pipeline = Pipeline.from_names(["structure", "actors"])
    return [
        pipeline.run(Document.from_text(text, Metadata(date=day, author="desk")))
        for text, day in ((ENGLISH, "2025-03-03"), (RUSSIAN, "2025-03-04"))
    ]


@pytest.fixture
def store(tmp_path: Path, documents: list[Document]) -> CorpusStore:
    versions = {a.name: a.version for a in Pipeline.from_names(["structure", "actors"]).analyzers}
    with CorpusStore.open(tmp_path / "corpus.duckdb") as opened:
        opened.write(documents, versions)
    return CorpusStore.open(tmp_path / "corpus.duckdb", read_only=True)


def test_store_mixed_corpus_analyses_each_document_in_its_language(
    documents: list[Document],
) -> None:
    assert [d.metadata.language for d in documents] == ["en", "ru"]
    assert [d.metadata.layer_languages.get("actors") for d in documents] == ["en", "ru"]


def test_store_mixed_corpus_counts_each_actor_once_across_languages(store: CorpusStore) -> None:
    rows = top_actors(store.con, window=Window(), limit=50).fetchall()
    documents = {actor_id: n for actor_id, _, _, _, n in rows}
    for actor_id in ("vladimir_putin", "volodymyr_zelenskyy", "nato", "united_states"):
        assert documents.get(actor_id) == 2, (actor_id, rows)
    # One row per actor: the Cyrillic mentions did not open rows of their own.
    assert len({actor_id for actor_id, *_ in rows}) == len(rows)


def test_store_mixed_corpus_keeps_unlinked_people_apart(store: CorpusStore) -> None:
    rows = top_actors(store.con, window=Window(), limit=50).fetchall()
    unlinked = {actor_id: name for actor_id, name, *_ in rows if actor_id.startswith("ner:")}
    assert unlinked == {"ner:иван_петров": "Иван Петров", "ner:мария_петрова": "Мария Петрова"}
