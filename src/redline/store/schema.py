"""The corpus schema: literal DDL per version, applied forward in order, one transaction each.

A migration is never edited once released: a change to the schema is a new entry at the end of
:data:`MIGRATIONS`. The ``schema_version`` table records what was applied and when.

- **1** documents (text, metadata, escalation summary, which analyzer versions made them),
  ``spans`` (layers without a table of their own), ``actors``, ``claims``, ``redlines``,
  ``techniques``, ``alignment_edges``, ``relations``, ``failures``.
- **2** the ``incitement`` table (its spans move out of ``spans``), ``speaker_escalation``
  (filled from each document's escalation profile) and ``runs`` (one row per batch, so an
  interrupted one shows in ``redline corpus status``).
- **3** the language each layer was analysed in.
- **4** the quote (``text[start:end]``) beside the offsets in every span table, filled from the
  stored texts; ``reviews`` and ``reviewed_spans``: layers corrected by a person (imported
  from Label Studio), kept apart from what the analyzers found.
- **5** the analyzers' declared document summaries (the escalation profile) as JSON.

>>> import duckdb
>>> con = duckdb.connect()
>>> migrate(con, path=":memory:")
5
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import duckdb

from redline.store.errors import NEWER_SCHEMA, NOT_A_CORPUS, StoreError

# Columns every annotation table starts with; `attrs` (the span's attributes as JSON) ends it,
# so a Span is rebuilt exactly from any row.
_SPAN_HEAD = """
    doc_id VARCHAR NOT NULL, seq INTEGER NOT NULL, span_id VARCHAR NOT NULL,
    start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, label VARCHAR NOT NULL,
    analyzer VARCHAR NOT NULL, analyzer_version VARCHAR NOT NULL, rule VARCHAR,
    confidence DOUBLE NOT NULL"""

_V1 = [
    """CREATE TABLE documents (
        id VARCHAR PRIMARY KEY, schema_version VARCHAR NOT NULL, text VARCHAR NOT NULL,
        title VARCHAR, subtitle VARCHAR, standfirst VARCHAR, author VARCHAR, date VARCHAR,
        published DATE, language VARCHAR, translated_from VARCHAR, source VARCHAR,
        outlet VARCHAR, extra VARCHAR NOT NULL, layer_order VARCHAR NOT NULL,
        analyzers VARCHAR NOT NULL, escalation_index INTEGER, claim_count INTEGER,
        max_advocate INTEGER, max_threaten INTEGER, max_predict INTEGER, max_report INTEGER,
        stored_at TIMESTAMP NOT NULL)""",
    f"CREATE TABLE spans ({_SPAN_HEAD}, layer VARCHAR NOT NULL, attrs VARCHAR NOT NULL)",
    f"""CREATE TABLE actors ({_SPAN_HEAD}, actor_id VARCHAR, name VARCHAR, type VARCHAR,
        state VARCHAR, linked BOOLEAN, match VARCHAR, attrs VARCHAR NOT NULL)""",
    f"""CREATE TABLE claims ({_SPAN_HEAD}, stance VARCHAR, action VARCHAR, plover VARCHAR,
        mode VARCHAR, plover_score DOUBLE, level INTEGER, actor VARCHAR, actor_name VARCHAR,
        actor_state VARCHAR, target VARCHAR, target_name VARCHAR, target_state VARCHAR,
        negated BOOLEAN, speaker VARCHAR, section VARCHAR, attrs VARCHAR NOT NULL)""",
    f"""CREATE TABLE redlines ({_SPAN_HEAD}, kind VARCHAR, setter VARCHAR,
        setter_name VARCHAR, level INTEGER, condition VARCHAR, consequence VARCHAR,
        speaker VARCHAR, section VARCHAR, attrs VARCHAR NOT NULL)""",
    f"""CREATE TABLE techniques ({_SPAN_HEAD}, category VARCHAR, technique_source VARCHAR,
        attrs VARCHAR NOT NULL)""",
    f"""CREATE TABLE alignment_edges ({_SPAN_HEAD}, a VARCHAR, a_name VARCHAR,
        a_state VARCHAR, b VARCHAR, b_name VARCHAR, b_state VARCHAR, speaker VARCHAR,
        attrs VARCHAR NOT NULL)""",
    """CREATE TABLE relations (
        doc_id VARCHAR NOT NULL, seq INTEGER NOT NULL, relation_id VARCHAR NOT NULL,
        label VARCHAR NOT NULL, source VARCHAR NOT NULL, target VARCHAR NOT NULL,
        analyzer VARCHAR NOT NULL, analyzer_version VARCHAR NOT NULL, rule VARCHAR,
        confidence DOUBLE NOT NULL, attrs VARCHAR NOT NULL)""",
    """CREATE TABLE failures (
        key VARCHAR PRIMARY KEY, source VARCHAR NOT NULL, line INTEGER, doc_id VARCHAR,
        stage VARCHAR NOT NULL, reason VARCHAR NOT NULL, attempts INTEGER NOT NULL,
        first_seen TIMESTAMP NOT NULL, last_seen TIMESTAMP NOT NULL)""",
]

_V2 = [
    f"""CREATE TABLE incitement ({_SPAN_HEAD}, kind VARCHAR, target VARCHAR,
        target_name VARCHAR, target_group VARCHAR, severity INTEGER, stance VARCHAR,
        speaker VARCHAR, section VARCHAR, attrs VARCHAR NOT NULL)""",
    """INSERT INTO incitement BY NAME SELECT
        doc_id, seq, span_id, start_char, end_char, label, analyzer, analyzer_version, rule,
        confidence, attrs,
        json_extract_string(attrs, '$.kind') AS kind,
        json_extract_string(attrs, '$.target') AS target,
        json_extract_string(attrs, '$.target_name') AS target_name,
        json_extract_string(attrs, '$.target_group') AS target_group,
        TRY_CAST(json_extract_string(attrs, '$.severity') AS INTEGER) AS severity,
        json_extract_string(attrs, '$.stance') AS stance,
        json_extract_string(attrs, '$.speaker') AS speaker,
        json_extract_string(attrs, '$.section') AS section
        FROM spans WHERE layer = 'incitement'""",
    "DELETE FROM spans WHERE layer = 'incitement'",
    """CREATE TABLE speaker_escalation (
        doc_id VARCHAR NOT NULL, speaker VARCHAR NOT NULL, escalation_index INTEGER,
        claim_count INTEGER, max_advocate INTEGER, max_threaten INTEGER,
        max_predict INTEGER, max_report INTEGER)""",
    "CREATE SEQUENCE run_ids START 1",
    """CREATE TABLE runs (
        run_id INTEGER PRIMARY KEY DEFAULT nextval('run_ids'), engine VARCHAR NOT NULL,
        inputs VARCHAR NOT NULL, analyzers VARCHAR NOT NULL, started_at TIMESTAMP NOT NULL,
        finished_at TIMESTAMP, added INTEGER NOT NULL DEFAULT 0,
        replaced INTEGER NOT NULL DEFAULT 0, skipped INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0)""",
]

_V3 = [
    "ALTER TABLE documents ADD COLUMN unanalysed_language VARCHAR",
    "ALTER TABLE documents ADD COLUMN layer_languages VARCHAR NOT NULL DEFAULT '{}'",
]

# Every table whose rows are spans with offsets into their document's text.
SPAN_TABLES = (
    "spans",
    "actors",
    "claims",
    "redlines",
    "techniques",
    "alignment_edges",
    "incitement",
)

# DuckDB's substring counts code points from 1, as Python's slices count them from 0, so the
# backfill quotes exactly what ``text[start:end]`` does (astral characters and combining marks
# included); the row builder writes the same for every new row.
_V4 = [
    *(f"ALTER TABLE {table} ADD COLUMN quote VARCHAR" for table in SPAN_TABLES),
    *(
        f"""UPDATE {table} SET quote = substring(d.text, {table}.start_char + 1,
            {table}.end_char - {table}.start_char)
            FROM documents d WHERE d.id = {table}.doc_id"""
        for table in SPAN_TABLES
    ),
    """CREATE TABLE reviews (
        doc_id VARCHAR NOT NULL, layer VARCHAR NOT NULL, regions INTEGER NOT NULL,
        source_file VARCHAR NOT NULL, task_id VARCHAR, annotation_id VARCHAR, annotator VARCHAR,
        reviewed_at VARCHAR, imported_at TIMESTAMP NOT NULL, PRIMARY KEY (doc_id, layer))""",
    """CREATE TABLE reviewed_spans (
        doc_id VARCHAR NOT NULL, layer VARCHAR NOT NULL, seq INTEGER NOT NULL,
        region_id VARCHAR NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
        quote VARCHAR NOT NULL, label VARCHAR NOT NULL, origin VARCHAR,
        score DOUBLE)""",
]

_PROFILE_COLUMNS = ("max_advocate", "max_threaten", "max_predict", "max_report")


def speaker_rows(doc_id: str, profile: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The ``speaker_escalation`` rows of one document's escalation profile (as JSON)."""
    speakers = (profile or {}).get("by_speaker") or {}
    return [
        {
            "doc_id": doc_id,
            "speaker": speaker,
            "escalation_index": profile.get("index"),
            "claim_count": profile.get("claims"),
            **{column: profile.get(column) for column in _PROFILE_COLUMNS},
        }
        for speaker, profile in speakers.items()
    ]


def _backfill_speakers(con: duckdb.DuckDBPyConnection) -> None:
    rows: list[dict[str, Any]] = []
    for doc_id, extra in con.execute("SELECT id, extra FROM documents").fetchall():
        # Before schema 1.1 of the Document, the profile was kept in metadata.extra.
        rows.extend(speaker_rows(doc_id, json.loads(extra).get("escalation")))
    if rows:
        import pyarrow as pa

        backfill = pa.Table.from_pylist(rows)
        con.register("_backfill", backfill)
        con.execute("INSERT INTO speaker_escalation BY NAME SELECT * FROM _backfill")
        con.unregister("_backfill")


# Document schema 1.1 keeps the escalation profile as a declared summary, not in
# metadata.extra; rows stored before keep it in `extra`, and the Document reads them into 1.1.
_V5 = ["ALTER TABLE documents ADD COLUMN summaries VARCHAR NOT NULL DEFAULT '{}'"]


@dataclass(frozen=True)
class Migration:
    """One step forward: SQL statements, then an optional Python step, in one transaction."""

    version: int
    description: str
    statements: tuple[str, ...]
    then: Callable[[duckdb.DuckDBPyConnection], None] | None = None


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "documents, spans and the annotation tables", tuple(_V1)),
    Migration(2, "incitement, speaker escalation and runs", tuple(_V2), _backfill_speakers),
    Migration(3, "the language each layer was analysed in", tuple(_V3)),
    Migration(4, "quotes beside offsets; layers reviewed by a person", tuple(_V4)),
    Migration(5, "analyzers' declared document summaries", tuple(_V5)),
)
SCHEMA_VERSION = MIGRATIONS[-1].version


def schema_version(con: duckdb.DuckDBPyConnection, path: str) -> int:
    """The version a database is at: 0 for an empty one; refuses a foreign database."""
    tables = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    if "schema_version" not in tables:
        if tables:
            shown = ", ".join(sorted(tables)[:5])
            raise StoreError(NOT_A_CORPUS.format(path=path, problem=f"it has tables {shown}"))
        return 0
    (found,) = con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchall()
    return int(found[0])


def migrate(con: duckdb.DuckDBPyConnection, *, path: str, target: int = SCHEMA_VERSION) -> int:
    """Bring the database forward to ``target``; returns the version it is at afterwards."""
    current = schema_version(con, path)
    if current > SCHEMA_VERSION:
        raise StoreError(NEWER_SCHEMA.format(path=path, found=current, known=SCHEMA_VERSION))
    for migration in MIGRATIONS:
        if current < migration.version <= target:
            _apply(con, migration)
            current = migration.version
    return current


def _apply(con: duckdb.DuckDBPyConnection, migration: Migration) -> None:
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
            "description VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
        )
        for statement in migration.statements:
            con.execute(statement)
        if migration.then is not None:
            migration.then(con)
        con.execute(
            "INSERT INTO schema_version VALUES (?, ?, current_timestamp::TIMESTAMP)",
            [migration.version, migration.description],
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
