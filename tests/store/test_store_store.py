"""CorpusStore: documents stored once, exact round trip, atomic replacement by newer analyzers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from redline.document import Document
from redline.store import CorpusStore, StoreError
from redline.store.store import decision

VERSIONS = {
    "structure": "1.0.0",
    "actors": "1.0.0",
    "claims": "1.0.0",
    "alignment": "1.0.0",
    "redlines": "1.0.0",
    "techniques": "1.0.0",
    "escalation": "1.0.0",
}


def test_store_round_trip_is_byte_identical(
    db_path: Path, corpus_documents: list[Document]
) -> None:
    with CorpusStore.open(db_path) as store:
        assert store.write(corpus_documents, VERSIONS) == (4, 0)
        for document in corpus_documents:
            assert store.document(document.id).to_json() == document.to_json()
        assert [d.id for d in store.documents()] == sorted(d.id for d in corpus_documents)
        assert store.count("relations") == 1
        assert store.count("alignment_edges") == 1
        assert store.count("spans") == 4  # the sentences layer has no table of its own


def test_store_round_trip_of_a_real_analysis(
    db_path: Path, analyse: Callable[..., Document]
) -> None:
    text = Path("src/redline/samples/interview.txt").read_text(encoding="utf-8")
    document = analyse(text, date="2025-11-03")
    with CorpusStore.open(db_path) as store:
        store.write([document], VERSIONS)
        assert store.document(document.id).to_json() == document.to_json()
        claims = store.con.execute("SELECT count(*), max(level) FROM claims").fetchall()[0]
        assert claims[0] == len(document.layer("claims"))
        assert claims[1] == max(int(c.attrs["level"]) for c in document.layer("claims"))


def test_store_typed_columns_come_from_span_attributes(
    db_path: Path, corpus_documents: list[Document]
) -> None:
    with CorpusStore.open(db_path) as store:
        store.write(corpus_documents, VERSIONS)
        rows = store.con.execute(
            "SELECT stance, level, speaker, analyzer_version FROM claims ORDER BY level DESC"
        ).fetchall()
        assert rows[0] == ("threaten", 5, "Hawk", "1.0.0")
        edges = store.con.execute("SELECT a, label, b FROM alignment_edges").fetchall()
        assert edges == [("iran", "ally", "russia")]
        (index,) = store.con.execute("SELECT max(escalation_index) FROM documents").fetchall()[0]
        # threatened nuclear use (1.0), a hypothetical level 1 (0.3 * 1/5):
        # 100 * (0.6 + 0.4 * 1.06 / 2)
        assert index == 81


def test_store_writing_the_same_document_twice_keeps_one_copy(
    db_path: Path, corpus_documents: list[Document]
) -> None:
    with CorpusStore.open(db_path) as store:
        store.write(corpus_documents[:2], VERSIONS)
        store.write(corpus_documents[:2] + corpus_documents[:1], VERSIONS)
        assert store.count() == 2
        duplicates = store.con.execute(
            "SELECT doc_id, span_id FROM claims GROUP BY ALL HAVING count(*) > 1"
        ).fetchall()
        assert duplicates == []


def test_store_decision_follows_analyzer_versions() -> None:
    assert decision(None, VERSIONS) == "new"
    assert decision(VERSIONS, VERSIONS) == "skip"
    # A version is a digest of code, data and model: any difference means other rules.
    assert (
        decision({**VERSIONS, "claims": "1.0.0+aaaa"}, {**VERSIONS, "claims": "1.0.0+bbbb"})
        == "replace"
    )
    assert decision(VERSIONS, {**VERSIONS, "claims": "1.0.1"}) == "replace"
    assert decision({"structure": "1.0.0"}, VERSIONS) == "replace"  # analyzers it was not run by


def test_store_newer_analyzer_replaces_a_documents_layers(
    db_path: Path, builder: Callable[..., Document]
) -> None:
    old = builder(
        "Russia must strike Kyiv now.",
        claims=(("strike", "advocate", 3, "a"),),
        actors=(("Kyiv", "kyiv"),),
    )
    new = builder(
        "Russia must strike Kyiv now.",
        claims=(("strike", "advocate", 4, "a"), ("now", "report", 0, "a")),
    )
    assert old.id == new.id
    with CorpusStore.open(db_path) as store:
        store.write([old], VERSIONS)
        newer = {**VERSIONS, "claims": "1.1.0"}
        assert store.decide([new.id], newer) == {new.id: "replace"}
        assert store.write([new], newer) == (0, 1)
        assert store.count() == 1
        assert store.count("actors") == 0  # the new analysis found no actors: the old ones are gone
        rows = store.con.execute(
            "SELECT level, analyzer_version FROM claims ORDER BY level"
        ).fetchall()
        assert rows == [(0, "1.1.0"), (4, "1.1.0")]
        assert store.document(new.id).to_json() == new.to_json()


def test_store_failed_replacement_leaves_the_old_layers(
    db_path: Path, builder: Callable[..., Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    old = builder(
        "Russia must strike Kyiv now.",
        claims=(("strike", "advocate", 3, "a"),),
        actors=(("Kyiv", "kyiv"),),
    )
    new = builder("Russia must strike Kyiv now.", claims=(("now", "report", 0, "a"),))
    with CorpusStore.open(db_path) as store:
        store.write([old], VERSIONS)
        insert = store._insert

        def failing_insert(table: str, rows: list[dict[str, object]]) -> None:
            if table == "claims":
                raise OSError("disk full")
            insert(table, rows)

        monkeypatch.setattr(store, "_insert", failing_insert)
        with pytest.raises(OSError, match="disk full"):
            store.write([new], {**VERSIONS, "claims": "2.0.0"})
        monkeypatch.undo()
        assert store.document(old.id).to_json() == old.to_json()
        assert store.count("actors") == 1


def test_store_refuses_what_is_not_a_corpus(tmp_path: Path) -> None:
    text_file = tmp_path / "notes.duckdb"
    text_file.write_text("just some notes\n" * 100, encoding="utf-8")
    with pytest.raises(StoreError, match=r"notes\.duckdb: not a Redline corpus"):
        CorpusStore.open(text_file)
    assert text_file.read_text(encoding="utf-8").startswith("just some notes")
    with pytest.raises(StoreError, match="it is a directory"):
        CorpusStore.open(tmp_path)
    with pytest.raises(StoreError, match="no corpus here"):
        CorpusStore.open(tmp_path / "missing.duckdb", read_only=True)


def test_store_refuses_a_foreign_duckdb_file(tmp_path: Path) -> None:
    import duckdb

    path = tmp_path / "other.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE sales (amount INTEGER)")
    with pytest.raises(StoreError, match="it has tables sales"):
        CorpusStore.open(path)


def test_store_public_surface() -> None:
    import redline.store

    public = {name for name in dir(redline.store) if not name.startswith("_")}
    assert set(redline.store.__all__) <= public
    assert sorted(redline.store.__all__) == sorted(
        [
            "DEFAULT_DB",
            "SCHEMA_VERSION",
            "AddReport",
            "Corpus",
            "CorpusStore",
            "Failure",
            "StoreError",
            "Window",
            "add_on_dask",
            "add_sources",
            "export_csv",
            "export_jsonl",
            "export_labelstudio",
            "export_parquet",
            "import_labelstudio",
            "ingest_results",
        ]
    )


def test_store_refuses_a_damaged_corpus_before_reading_or_writing(
    db_path: Path, damage_corpus: Callable[[Path], None]
) -> None:
    """Issue 15: a file damaged in the middle opened cleanly; status, query and add went on."""
    import duckdb

    text = "troops at the border. " * 40
    documents = [Document.from_text(f"Report {n}: {text}") for n in range(200)]
    with CorpusStore.open(db_path) as store:
        store.write(documents, VERSIONS)
    damage_corpus(db_path)
    with duckdb.connect(str(db_path), read_only=True) as con:  # the damage DuckDB alone misses
        assert con.execute("SELECT count(*) FROM documents").fetchall() == [(200,)]
    damaged = db_path.read_bytes()
    for read_only in (True, False):
        with pytest.raises(StoreError) as raised:
            CorpusStore.open(db_path, read_only=read_only)
        message = str(raised.value)
        assert message.startswith(f"{db_path}: the corpus file is damaged (")
        assert "restore it from a backup" in message and "\n" not in message
    assert db_path.read_bytes() == damaged  # nothing written into it


def test_store_document_with_deep_metadata_from_an_older_redline_still_exports(
    db_path: Path, tmp_path: Path
) -> None:
    """Issue 15: one stored document nested 300 deep broke `corpus export` for everything."""
    from redline.document import Metadata
    from redline.readers.untrusted import MAX_NESTING
    from redline.store import export_jsonl

    deep: object = "leaf"
    for _ in range(300):
        deep = [deep]
    # What an older reader let through, written as it was then.
    stored = Document.from_text("Deep metadata.", Metadata(extra={"meta": deep}))
    fine = Document.from_text("Plain metadata.", Metadata(extra={"desk": "world"}))
    with CorpusStore.open(db_path) as store:
        store.write([stored, fine], VERSIONS)
        assert export_jsonl(store, tmp_path / "out.jsonl") == 2
        assert store.document(fine.id).to_json() == fine.to_json()
        kept = store.document(stored.id).metadata.extra["meta"]
    depth = 0
    while isinstance(kept, list):
        kept, depth = kept[0], depth + 1
    assert depth == MAX_NESTING and isinstance(kept, str)  # the rest kept as its JSON text
