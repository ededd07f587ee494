"""The corpus store: one DuckDB file holding documents once each, by content hash.

A document's rows (its metadata, every layer, relations, escalation by speaker) are written in
one transaction with the documents beside them, so a crash leaves each either wholly stored
or not at all. Re-analysis by a newer analyzer replaces a document's rows in the same way.

>>> with CorpusStore.open("redline.duckdb") as store:            # doctest: +SKIP
...     store.write([document], versions={"structure": "1.0.0"})
...     store.count()
1
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Literal, cast

import duckdb
import pyarrow as pa

from redline.document import Document
from redline.readers.decoding import first_line
from redline.store.defaults import DEFAULT_DB
from redline.store.errors import DAMAGED, IN_USE, NO_CORPUS, NOT_A_CORPUS, StoreError
from redline.store.rows import (
    ANNOTATION_TABLES,
    REVIEW_TABLES,
    Row,
    Versions,
    document_rows,
    rebuild_document,
)
from redline.store.schema import SCHEMA_VERSION, migrate, schema_version

Decision = Literal["new", "replace", "skip"]


@dataclass(frozen=True)
class Failure:
    """One input or document that could not be stored, and why (one line)."""

    source: str
    reason: str
    stage: str = "read"  # read | analyze | ingest
    line: int | None = None
    doc_id: str | None = None

    @property
    def key(self) -> str:
        """What makes a failure the same one when a batch is run again."""
        return self.doc_id or f"{self.source}:{self.line or 0}:{self.reason}"


class CorpusStore:
    """Read and write a corpus file; use :meth:`open` (it creates and migrates as needed)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path) -> None:
        self.con = con
        self.path = path

    @classmethod
    def open(
        cls, path: str | Path = DEFAULT_DB, *, create: bool = True, read_only: bool = False
    ) -> CorpusStore:
        """Open (and with ``create``, create) the corpus at ``path``, migrated to the schema."""
        path = Path(path)
        if path.is_dir():
            raise StoreError(NOT_A_CORPUS.format(path=path, problem="it is a directory"))
        if not path.exists() and (read_only or not create):
            raise StoreError(NO_CORPUS.format(path=path))
        con = _connect(path, read_only=read_only)
        try:
            verify(con, path)
            if read_only:
                found = schema_version(con, str(path))
                if found != SCHEMA_VERSION:
                    raise StoreError(
                        f"{path}: the corpus is at schema version {found}, this "
                        f"Redline reads {SCHEMA_VERSION}; open it once for writing "
                        "(e.g. `redline corpus init`) to migrate it"
                    )
            else:
                migrate(con, path=str(path))
        except BaseException:
            con.close()
            raise
        return cls(con, path)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> CorpusStore:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    # -- what is stored ---------------------------------------------------------------------

    def count(self, table: str = "documents") -> int:
        (found,) = self.con.execute(f"SELECT count(*) FROM {_table(table)}").fetchall()
        return int(found[0])

    def stored_analyzers(self, ids: Sequence[str]) -> dict[str, dict[str, str]]:
        """For each of ``ids`` already stored, the analyzer versions that made it."""
        if not ids:
            return {}
        found = self.con.execute(
            "SELECT id, analyzers FROM documents WHERE id IN (SELECT unnest(?))", [list(ids)]
        ).fetchall()
        return {doc_id: json.loads(analyzers) for doc_id, analyzers in found}

    def decide(self, ids: Sequence[str], versions: Versions) -> dict[str, Decision]:
        """Whether each document is new, stored by older analyzers (replace) or up to date."""
        stored = self.stored_analyzers(ids)
        return {doc_id: decision(stored.get(doc_id), versions) for doc_id in ids}

    def document(self, doc_id: str) -> Document:
        """The stored Document, exactly as it was added."""
        for document in self.documents([doc_id]):
            return document
        raise KeyError(doc_id)

    def documents(
        self, ids: Sequence[str] | None = None, *, chunk: int = 500
    ) -> Iterator[Document]:
        """Stored Documents (all, in id order, when ``ids`` is None), read ``chunk`` at a time."""
        if ids is None:
            ids = [
                row[0]
                for row in self.con.execute("SELECT id FROM documents ORDER BY id").fetchall()
            ]
        for start in range(0, len(ids), chunk):
            yield from self._rebuild(list(ids[start : start + chunk]))

    def _rebuild(self, ids: list[str]) -> Iterator[Document]:
        documents = _fetch(self.con, "documents", "id", ids)
        by_doc: dict[str, dict[str, list[Row]]] = {row["id"]: {} for row in documents}
        for table in ANNOTATION_TABLES:
            for row in _fetch(self.con, table, "doc_id", ids):
                by_doc[row["doc_id"]].setdefault(table, []).append(row)
        order = {doc_id: n for n, doc_id in enumerate(ids)}
        for row in sorted(documents, key=lambda r: order[r["id"]]):
            yield rebuild_document(row, by_doc[row["id"]])

    # -- writing ----------------------------------------------------------------------------

    def write(
        self,
        documents: Sequence[Document],
        versions: Versions | Mapping[str, Versions],
        *,
        failures: Sequence[Failure] = (),
        run_id: int | None = None,
        skipped: int = 0,
    ) -> tuple[int, int]:
        """Store ``documents`` (replacing stored ones) and ``failures`` in one transaction.

        ``versions`` is one analyzer -> version map for all, or one per document id. Returns
        ``(added, replaced)``.
        """
        documents = list({d.id: d for d in documents}.values())  # one row set per id, ever
        per_doc = _per_document_versions(documents, versions)
        replacing = list(self.stored_analyzers([d.id for d in documents]))
        tables: dict[str, list[Row]] = {}
        for document in documents:
            for table, rows in document_rows(document, per_doc[document.id]).items():
                tables.setdefault(table, []).extend(rows)
        stored = [d.id for d in documents]
        self.con.execute("BEGIN TRANSACTION")
        try:
            if replacing:
                for table in ("documents", *ANNOTATION_TABLES):
                    key = "id" if table == "documents" else "doc_id"
                    self.con.execute(
                        f"DELETE FROM {table} WHERE {key} IN (SELECT unnest(?))", [replacing]
                    )
            for table, rows in tables.items():
                self._insert(table, rows)
            self._clear_failures(stored)
            self._record_failures(failures)
            if run_id is not None:
                self._count_run(
                    run_id, len(documents) - len(replacing), len(replacing), skipped, len(failures)
                )
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return len(documents) - len(replacing), len(replacing)

    def _insert(self, table: str, rows: list[Row]) -> None:
        if not rows:
            return
        self.con.register("_incoming", pa.Table.from_pylist(rows))
        try:
            self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _incoming")
        finally:
            self.con.unregister("_incoming")

    def _clear_failures(self, doc_ids: list[str]) -> None:
        if doc_ids:
            self.con.execute("DELETE FROM failures WHERE doc_id IN (SELECT unnest(?))", [doc_ids])

    def _record_failures(self, failures: Sequence[Failure]) -> None:
        now = _now()
        for failure in failures:
            self.con.execute(
                """INSERT INTO failures VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)
                   ON CONFLICT (key) DO UPDATE SET reason = excluded.reason,
                   stage = excluded.stage, attempts = failures.attempts + 1,
                   last_seen = excluded.last_seen""",
                [
                    failure.key,
                    failure.source,
                    failure.line,
                    failure.doc_id,
                    failure.stage,
                    failure.reason,
                    now,
                    now,
                ],
            )

    # -- runs -------------------------------------------------------------------------------

    def start_run(self, inputs: Sequence[str], engine: str, versions: Versions) -> int:
        """Record the start of a batch; its counts grow with every commit."""
        (found,) = self.con.execute(
            "INSERT INTO runs (engine, inputs, analyzers, started_at) VALUES (?, ?, ?, ?) "
            "RETURNING run_id",
            [engine, json.dumps(list(inputs)), json.dumps(dict(versions)), _now()],
        ).fetchall()
        return int(found[0])

    def finish_run(self, run_id: int) -> None:
        self.con.execute("UPDATE runs SET finished_at = ? WHERE run_id = ?", [_now(), run_id])

    def _count_run(self, run_id: int, added: int, replaced: int, skipped: int, failed: int) -> None:
        self.con.execute(
            "UPDATE runs SET added = added + ?, replaced = replaced + ?, skipped = skipped + ?, "
            "failed = failed + ? WHERE run_id = ?",
            [added, replaced, skipped, failed, run_id],
        )

    def count_run(self, run_id: int, *, skipped: int = 0, failures: Sequence[Failure] = ()) -> None:
        """Record skipped documents and failures that came with no document to write."""
        if skipped or failures:
            self.write([], {}, failures=failures, run_id=run_id, skipped=skipped)


def decision(stored: Mapping[str, str] | None, current: Versions) -> Decision:
    """New when not stored; replace when any analyzer is missing or was another version; else
    skip. A version names the digest of the analyzer's code, data and model
    (:mod:`redline.analyzers.versions`), which has no order: any difference means the stored
    findings were made by other rules.

    >>> decision({"structure": "1.0.0+aaa"}, {"structure": "1.0.0+bbb"})
    'replace'
    >>> decision({"structure": "1.0.0+aaa"}, {"structure": "1.0.0+aaa"})
    'skip'
    """
    if stored is None:
        return "new"
    for name, version in current.items():
        if stored.get(name) != version:
            return "replace"
    return "skip"


def _per_document_versions(
    documents: Sequence[Document], versions: Versions | Mapping[str, Versions]
) -> dict[str, Versions]:
    if versions and all(isinstance(v, Mapping) for v in versions.values()):
        # The check above tells the two shapes apart; the type system cannot see it.
        nested = cast(Mapping[str, Versions], versions)
        return {d.id: nested[d.id] for d in documents}
    flat = cast(Versions, versions)
    return {d.id: flat for d in documents}


def _fetch(con: duckdb.DuckDBPyConnection, table: str, key: str, ids: list[str]) -> list[Row]:
    cursor = con.execute(f"SELECT * FROM {table} WHERE {key} IN (SELECT unnest(?))", [ids])
    names = [column[0] for column in cursor.description or ()]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


def _table(name: str) -> str:
    known = ("documents", "failures", "runs", *ANNOTATION_TABLES, *REVIEW_TABLES)
    if name not in known:
        raise ValueError(f"no table {name!r} in a corpus; known: {', '.join(known)}")
    return name


def verify(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Read every stored block of every table, so a damaged file is refused at once.

    DuckDB checks a block's checksum only when it reads the block, so a file damaged in the
    middle opens cleanly and answers counts from intact blocks; without this, ``status``,
    ``query`` and ``add`` went on (``add`` writing into it) and only ``export`` noticed.
    Hashing every row of every table reads every column segment, so every checksum is
    checked; DuckDB scans in parallel, and a corpus of a million documents takes seconds.
    """
    tables = con.execute(
        "SELECT table_name FROM duckdb_tables() "
        "WHERE database_name = current_database() AND NOT temporary"
    ).fetchall()
    for (table,) in tables:
        try:
            con.execute(f'SELECT bit_xor(hash(t)) FROM "{table}" AS t').fetchall()
        except duckdb.Error as error:
            raise StoreError(DAMAGED.format(path=path, problem=first_line(error))) from error


def _connect(path: Path, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as error:
        message = first_line(error)
        if isinstance(error, duckdb.IOException) and "lock" in message.lower():
            raise StoreError(IN_USE.format(path=path)) from error
        template = DAMAGED if _is_damage(message) else NOT_A_CORPUS
        raise StoreError(template.format(path=path, problem=message)) from error


def _is_damage(message: str) -> bool:
    # DuckDB's words when a block's checksum or a file's header does not match what it wrote.
    return any(word in message.lower() for word in ("corrupt", "checksum"))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
