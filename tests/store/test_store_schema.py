"""The schema: versioned, migrates forward, and matches what the row builder writes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from redline.document import Document
from redline.store import SCHEMA_VERSION, CorpusStore, StoreError
from redline.store.rows import ANNOTATION_TABLES, LAYER_TABLES, document_rows
from redline.store.schema import SPAN_TABLES, migrate, schema_version

VERSIONS = {"claims": "1.0.0", "incitement": "0.9.0", "escalation": "1.0.0"}


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, object]]) -> None:
    con.register("_rows", pa.Table.from_pylist(rows))
    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _rows")
    con.unregister("_rows")


def _as_schema_1_0(row: dict[str, object]) -> dict[str, object]:
    """A documents row as Redline stored it before migration 5: a 1.0 Document, its escalation
    profile in metadata.extra, no summaries column."""
    summaries = json.loads(str(row["summaries"]))
    legacy = {k: v for k, v in row.items() if k != "summaries"}
    return {**legacy, "schema_version": "1.0", "extra": json.dumps(summaries)}


def _before_v4(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """Rows as Redline wrote them before schema version 4: no quote beside the offsets."""
    return [{k: v for k, v in row.items() if k != "quote"} for row in rows]


def _with_incitement(builder: Callable[..., Document]) -> Document:
    base = builder(
        "Wipe them off the map, said the host.",
        date="2024-05-01",
        claims=(("Wipe", "advocate", 3, "Host"),),
    )
    span = base.make_span(
        0,
        21,
        "call_to_violence",
        analyzer="incitement",
        rule="cue.wipe_out",
        confidence=0.8,
        attrs={
            "kind": "call",
            "target": None,
            "severity": 3,
            "stance": "advocate",
            "speaker": "Host",
            "section": "article",
        },
    )
    return base.with_layers({"incitement": [span]})


def test_schema_version_one_database_migrates_forward(
    db_path: Path, builder: Callable[..., Document]
) -> None:
    document = _with_incitement(builder)
    rows = document_rows(document, VERSIONS)
    with duckdb.connect(str(db_path)) as con:
        assert migrate(con, path=str(db_path), target=1) == 1
        added_in_v3 = ("unanalysed_language", "layer_languages")
        _insert(
            con,
            "documents",
            [
                {k: v for k, v in _as_schema_1_0(row).items() if k not in added_in_v3}
                for row in rows["documents"]
            ],
        )
        _insert(con, "claims", _before_v4(rows["claims"]))
        _insert(con, "spans", _before_v4(rows["spans"]))
        # Version 1 had no incitement table: its spans lived in the generic table.
        typed = {column for column, _, _ in LAYER_TABLES["incitement"].columns}
        _insert(
            con,
            "spans",
            [
                {**{k: v for k, v in row.items() if k not in typed}, "layer": "incitement"}
                for row in _before_v4(rows["incitement"])
            ],
        )
    with CorpusStore.open(db_path) as store:
        assert schema_version(store.con, str(db_path)) == SCHEMA_VERSION == 5
        assert store.con.execute(
            "SELECT label, severity, analyzer_version FROM incitement"
        ).fetchall() == [("call_to_violence", 3, "0.9.0")]
        assert store.count("spans") == len(document.layer("sentences"))
        assert store.con.execute(
            "SELECT speaker, escalation_index FROM speaker_escalation"
        ).fetchall() == [("Host", 60)]  # 100 * (0.6 * 0.6 + 0.4 * 0.6): one advocated level 3
        # Version 1 did not record the language of each layer: it comes back unknown.
        unrecorded = document.metadata.model_copy(update={"layer_languages": {}})
        expected = document.model_copy(update={"metadata": unrecorded})
        assert store.document(document.id).to_json() == expected.to_json()
        applied = store.con.execute(
            "SELECT version FROM schema_version ORDER BY version"
        ).fetchall()
        assert applied == [(1,), (2,), (3,), (4,), (5,)]
        # Version 4 quotes every span beside its offsets, filled from the stored text.
        assert store.con.execute("SELECT quote FROM incitement").fetchall() == [
            ("Wipe them off the map",)
        ]


def test_schema_version_four_quotes_stored_spans_as_python_slices_them(
    db_path: Path, builder: Callable[..., Document]
) -> None:
    # An emoji (one code point, two UTF-16 units, four UTF-8 bytes) and a combining accent
    # before the spans: the backfill must count code points, as ``text[start:end]`` does.
    document = builder(
        "🔥 Café\u0301 talk: Russia must strike Kyiv, and Iran is our ally.",
        date="2024-05-01",
        claims=(("strike", "advocate", 3, "Host"),),
        actors=(("Russia", "russia"), ("Kyiv", "kyiv"), ("Iran", "iran")),
        techniques=(("must", "Loaded_Language"),),
        alliance=("ally", "iran", "russia"),
        redline=("Kyiv", "Russia", 3),
    )
    rows = document_rows(document, VERSIONS)
    with duckdb.connect(str(db_path)) as con:
        assert migrate(con, path=str(db_path), target=3) == 3
        for table, table_rows in rows.items():
            if table == "documents":
                _insert(con, table, [_as_schema_1_0(row) for row in table_rows])
            elif table_rows and table not in ("relations", "speaker_escalation"):
                _insert(con, table, _before_v4(table_rows))
    with CorpusStore.open(db_path) as store:
        for table in SPAN_TABLES:
            stored = store.con.execute(
                f"SELECT start_char, end_char, quote FROM {table} ORDER BY seq"
            ).fetchall()
            expected = [
                (
                    row["start_char"],
                    row["end_char"],
                    document.text[row["start_char"] : row["end_char"]],
                )
                for row in sorted(rows[table], key=lambda row: int(str(row["seq"])))
            ]
            assert stored == expected, table
        assert store.count("claims") == 1
        assert store.con.execute("SELECT quote FROM claims").fetchall() == [("strike",)]


def test_schema_tables_have_the_columns_rows_are_built_with(
    db_path: Path, corpus_documents: list[Document]
) -> None:
    with CorpusStore.open(db_path) as store:
        for table in ("documents", *ANNOTATION_TABLES):
            columns = {
                row[0]
                for row in store.con.execute(
                    "SELECT column_name FROM duckdb_columns() WHERE table_name = ?", [table]
                ).fetchall()
            }
            built = {
                key
                for document in corpus_documents
                for key in (
                    r
                    for rows in [document_rows(document, VERSIONS)[table]]
                    for row in rows
                    for r in row
                )
            }
            assert built <= columns, (table, built - columns)


def test_schema_newer_than_this_redline_is_refused(db_path: Path) -> None:
    with CorpusStore.open(db_path) as store:
        store.con.execute(
            "INSERT INTO schema_version VALUES (99, 'future', current_timestamp::TIMESTAMP)"
        )
    with pytest.raises(StoreError, match="schema version 99, newer than this Redline's 5; upgrade"):
        CorpusStore.open(db_path)


def test_schema_a_failed_migration_changes_nothing(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from redline.store import schema

    with duckdb.connect(str(db_path)) as con:
        migrate(con, path=str(db_path), target=1)
    broken = schema.Migration(
        2, "broken", ("CREATE TABLE half_done (x INTEGER)", "SELECT no_such_column")
    )
    monkeypatch.setattr(schema, "MIGRATIONS", (schema.MIGRATIONS[0], broken))
    with duckdb.connect(str(db_path)) as con:
        with pytest.raises(duckdb.Error):
            migrate(con, path=str(db_path))
        assert schema_version(con, str(db_path)) == 1
        tables = {
            row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        }
        assert "half_done" not in tables
