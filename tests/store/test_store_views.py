"""Trends, views, exports and the Corpus API over four hand-made documents."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from redline.document import Document
from redline.store import CorpusStore, StoreError
from redline.store.api import Corpus
from redline.store.charts import write_chart
from redline.store.export import EXPORTED_TABLES, export_csv, export_jsonl, export_parquet
from redline.store.trends import (
    Window,
    alignment_edges,
    escalation_trends,
    redlines_over_time,
    technique_frequencies,
    top_actors,
)

VERSIONS = {
    "structure": "1.0.0",
    "actors": "1.0.0",
    "claims": "1.0.0",
    "alignment": "1.0.0",
    "redlines": "1.0.0",
    "techniques": "1.0.0",
    "escalation": "1.0.0",
}
D = dt.date


@pytest.fixture
def store(db_path: Path, corpus_documents: list[Document]) -> CorpusStore:
    with CorpusStore.open(db_path) as opened:
        opened.write(corpus_documents, VERSIONS)
    return CorpusStore.open(db_path, read_only=True)


def test_trends_escalation_by_author_per_month(store: CorpusStore) -> None:
    rows = escalation_trends(store.con, by="author", every="month").fetchall()
    assert rows == [
        (D(2024, 3, 1), "Dove", 1, 0.0, 0, None, None, 1),
        (D(2024, 3, 1), "Hawk", 2, 70.5, 81, 3, 5, 3),
        (D(2024, 4, 1), "Dove", 1, 0.0, 0, None, None, 1),
    ]


def test_trends_weeks_start_on_monday_and_windows_filter(store: CorpusStore) -> None:
    rows = escalation_trends(
        store.con, by="outlet", every="week", window=Window(since="2024-03-06")
    ).fetchall()
    assert [(period, outlet, docs) for period, outlet, docs, *_ in rows] == [
        (D(2024, 3, 4), "Daily", 1),
        (D(2024, 3, 18), "Weekly", 1),
        (D(2024, 4, 1), "Weekly", 1),
    ]


def test_trends_by_speaker(store: CorpusStore) -> None:
    rows = escalation_trends(
        store.con, by="speaker", every="day", window=Window(author="Hawk")
    ).fetchall()
    assert [(period, speaker, index) for period, speaker, _, index, *_ in rows] == [
        (D(2024, 3, 5), "Hawk", 60.0),
        (D(2024, 3, 7), "Hawk", 100.0),
        (D(2024, 3, 7), "Host", 6.0),
    ]


def test_views_techniques_actors_alignment_redlines(store: CorpusStore) -> None:
    assert technique_frequencies(store.con, by="author").fetchall() == [
        ("Dove", "Loaded_Language", 1, 1, 0.5),
        ("Hawk", "Appeal_to_Fear-Prejudice", 1, 1, 0.5),
        ("Hawk", "Loaded_Language", 1, 1, 0.5),
    ]
    assert top_actors(store.con, limit=2).fetchall() == [
        ("russia", "Russia", "state", 3, 3),
        ("geneva", "Geneva", "state", 1, 1),
    ]
    assert [
        row[0] for row in top_actors(store.con, window=Window(since="2024-03-10")).fetchall()
    ] == ["geneva", "russia"]
    edges = alignment_edges(store.con).fetchall()
    assert edges == [
        ("iran", "Iran", "ally", "russia", "Russia", 1, 1, D(2024, 3, 5), D(2024, 3, 5))
    ]
    assert alignment_edges(store.con, window=Window(until="2024-03-04")).fetchall() == []
    assert redlines_over_time(store.con, every="month").fetchall() == [
        (D(2024, 3, 1), "Russia", 2, 2, 5)
    ]


def test_views_refuse_unknown_groupings(store: CorpusStore) -> None:
    with pytest.raises(ValueError, match="by must be one of author, outlet, speaker; got 'title'"):
        escalation_trends(store.con, by="title")
    with pytest.raises(ValueError, match="expected a date as YYYY-MM-DD, got 'March'"):
        escalation_trends(store.con, window=Window(since="March")).fetchall()


def test_export_parquet_one_file_per_table(store: CorpusStore, tmp_path: Path) -> None:
    written = export_parquet(store, tmp_path / "out")
    assert [p.stem for p in written] == list(EXPORTED_TABLES)
    counts = {p.stem: pq.read_metadata(p).num_rows for p in written}
    assert counts["documents"] == 4 and counts["claims"] == 5 and counts["alignment_edges"] == 1
    assert not list((tmp_path / "out").glob(".*"))  # no temporary files left behind


def test_export_csv_one_file_per_table_with_quotes(store: CorpusStore, tmp_path: Path) -> None:
    written = export_csv(store, tmp_path / "csv")
    assert [p.name for p in written] == [f"{table}.csv" for table in EXPORTED_TABLES]
    with (tmp_path / "csv" / "claims.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert list(rows[0])[3:7] == ["start_char", "end_char", "quote", "label"]
    assert sorted(row["quote"] for row in rows) == [
        "Sanctions",
        "cross",
        "nuclear weapons",
        "strike",
        "talk",
    ]


def test_export_jsonl_gives_back_the_documents(
    store: CorpusStore, tmp_path: Path, corpus_documents: list[Document]
) -> None:
    path = tmp_path / "corpus.jsonl"
    assert export_jsonl(store, path) == 4
    lines = path.read_text(encoding="utf-8").splitlines()
    assert sorted(lines) == sorted(d.to_json(indent=None) for d in corpus_documents)
    assert all(json.loads(line)["id"] for line in lines)


def test_charts_are_self_contained_html(store: CorpusStore, tmp_path: Path) -> None:
    path = tmp_path / "trends.html"
    write_chart("trends", escalation_trends(store.con, by="author").df(), path, by="author")
    html = path.read_text(encoding="utf-8")
    assert "Escalation index by author" in html and "Hawk" in html
    assert '<script src="http' not in html  # plotly.js is inlined, no network needed


def test_corpus_api_returns_dataframes(store: CorpusStore) -> None:
    store.close()
    with Corpus(store.path) as corpus:
        assert len(corpus) == 4
        advocated = corpus.claims(stance="advocate")
        assert list(advocated["author"]) == ["Hawk"] and list(advocated["level"]) == [3]
        assert len(corpus.claims(author="Dove")) == 2
        assert len(corpus.actors(since="2024-03-10")) == 2
        assert list(corpus.spans("sentences")["layer"].unique()) == ["sentences"]
        assert corpus.trends(by="author")["documents"].sum() == 4
        assert corpus.alignment_graph().has_edge("iran", "russia", key="ally")
        assert (
            "text" not in corpus.documents().columns
            and "text" in corpus.documents(text=True).columns
        )
        with pytest.raises(ValueError, match="claims has no column 'mood'"):
            corpus.claims(mood="angry")


def test_corpus_api_every_layer_quotes_its_spans_beside_the_offsets(
    store: CorpusStore, corpus_documents: list[Document]
) -> None:
    store.close()
    texts = {document.id: document.text for document in corpus_documents}
    with Corpus(store.path) as corpus:
        for name in ("claims", "actors", "redlines", "techniques", "alignment", "sentences"):
            frame = corpus.layer(name)
            assert len(frame), name
            columns = list(frame.columns)
            assert columns[columns.index("end_char") + 1] == "quote", name
            for doc_id, start, end, quote in frame[
                ["doc_id", "start_char", "end_char", "quote"]
            ].itertuples(index=False):
                assert quote == texts[doc_id][start:end], name


def test_corpus_api_polars_backend(store: CorpusStore) -> None:
    polars = pytest.importorskip("polars")
    store.close()
    with Corpus(store.path, backend="polars") as corpus:
        frame = corpus.techniques()
        assert isinstance(frame, polars.DataFrame) and frame.height == 3


def test_corpus_api_on_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no corpus here"):
        Corpus(tmp_path / "nothing.duckdb")
    assert not (tmp_path / "nothing.duckdb").exists()
