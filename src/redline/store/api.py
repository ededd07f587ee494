"""``Corpus``: a read-only view of a corpus file as pandas (or polars) DataFrames.

>>> corpus = Corpus("redline.duckdb")                           # doctest: +SKIP
>>> corpus.claims(stance="advocate", since="2024-01-01")         # doctest: +SKIP
>>> corpus.trends(by="author", every="week")                     # doctest: +SKIP
>>> Corpus("redline.duckdb", backend="polars").techniques()      # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

import duckdb
import networkx as nx

from redline.document import Document
from redline.store.defaults import DEFAULT_DB
from redline.store.rows import (
    GENERIC_TABLE,
    LAYER_TABLES,
    REVIEWED_PREFIX,
    quote_beside_offsets,
)
from redline.store.store import CorpusStore
from redline.store.trends import (
    Window,
    alignment_edges,
    alignment_network,
    escalation_trends,
    redlines_over_time,
    technique_frequencies,
    top_actors,
)

Backend = Literal["pandas", "polars"]
Day = dt.date | str | None
_DOCUMENT_COLUMNS = "d.published, d.author, d.outlet, d.title"


class Corpus:
    """Tables and trends of a stored corpus; every method returns a DataFrame.

    Layer methods (:meth:`claims`, :meth:`actors`, ...) take a time window (``since``,
    ``until``: ISO dates, inclusive), ``author`` / ``outlet``, and equality filters on the
    layer's own columns (``claims(stance="advocate", level=5)``). Every span row carries its
    ``quote`` (the text it covers) just after ``start_char`` and ``end_char``.
    """

    def __init__(self, path: str | Path = DEFAULT_DB, *, backend: Backend = "pandas") -> None:
        if backend not in ("pandas", "polars"):
            raise ValueError(f"backend must be 'pandas' or 'polars', got {backend!r}")
        self.backend = backend
        self._store = CorpusStore.open(path, read_only=True)

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection (read-only), for your own SQL."""
        return self._store.con

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Corpus {self._store.path} documents={len(self)}>"

    def __len__(self) -> int:
        return self._store.count()

    # -- tables -----------------------------------------------------------------------------

    def documents(
        self,
        *,
        since: Day = None,
        until: Day = None,
        author: str | None = None,
        outlet: str | None = None,
        text: bool = False,
    ) -> Any:
        """One row per document: metadata, escalation summary (and the text with ``text=True``)."""
        where, params = Window(since, until, author, outlet).where(
            dated=since is not None or until is not None
        )
        columns = "d.*" if text else "d.* EXCLUDE (text)"
        return self._frame(
            self.con.sql(
                f"SELECT {columns} FROM documents d WHERE {where} ORDER BY d.id", params=params
            )
        )

    def claims(self, **filters: Any) -> Any:
        """Claims: stance, action, PLOVER type, ladder level, actor, target, speaker, section."""
        return self.layer("claims", **filters)

    def actors(self, **filters: Any) -> Any:
        """Actor mentions: actor_id, name, type, state, linked."""
        return self.layer("actors", **filters)

    def redlines(self, **filters: Any) -> Any:
        """Red lines: kind, setter, level, condition, consequence, speaker."""
        return self.layer("redlines", **filters)

    def techniques(self, **filters: Any) -> Any:
        """Persuasion-technique spans (``label`` is the technique)."""
        return self.layer("techniques", **filters)

    def incitement(self, **filters: Any) -> Any:
        """Incitement spans: kind, target, severity, stance, speaker."""
        return self.layer("incitement", **filters)

    def alignment(self, **filters: Any) -> Any:
        """Alignment assertions: a, relation (``label``), b, speaker."""
        return self.layer("alignment", **filters)

    def reviewed(self, layer: str | None = None, **filters: Any) -> Any:
        """Spans a person reviewed (imported from Label Studio), one row per region, with the
        review's source, annotator and time; never mixed with what the analyzers found."""
        if layer is not None:
            filters["layer"] = layer.removeprefix(REVIEWED_PREFIX)
        return self._select(
            "reviewed_spans",
            filters,
            join="JOIN reviews r ON r.doc_id = t.doc_id AND r.layer = t.layer",
            extra="r.source_file, r.annotator, r.reviewed_at, r.imported_at",
        )

    def spans(self, layer: str | None = None, **filters: Any) -> Any:
        """Spans of the layers without a table of their own (structure, sentences, groups...)."""
        if layer is not None:
            filters["layer"] = layer
        return self._select(GENERIC_TABLE, filters)

    def layer(self, name: str, **filters: Any) -> Any:
        """The rows of one layer's table, with the document's date, author, outlet and title.

        ``reviewed:<layer>`` names the layer as a person corrected it (:meth:`reviewed`).
        """
        if name.startswith(REVIEWED_PREFIX):
            return self.reviewed(name, **filters)
        spec = LAYER_TABLES.get(name)
        if spec is None:
            return self.spans(name, **filters)
        return self._select(spec.table, filters)

    def failures(self) -> Any:
        """Inputs and documents that could not be stored, with the reason."""
        return self._frame(self.con.sql("SELECT * FROM failures ORDER BY last_seen, source"))

    def sql(self, query: str, params: list[Any] | None = None) -> Any:
        """Any read-only SQL over the corpus tables."""
        return self._frame(self.con.sql(query, params=params))

    def document(self, doc_id: str) -> Document:
        """One stored Document, exactly as it was added."""
        return self._store.document(doc_id)

    def iter_documents(self) -> Iterator[Document]:
        """Every stored Document, in id order."""
        return self._store.documents()

    # -- trends -----------------------------------------------------------------------------

    def trends(
        self,
        *,
        by: str = "author",
        every: str = "month",
        since: Day = None,
        until: Day = None,
        author: str | None = None,
        outlet: str | None = None,
    ) -> Any:
        """Escalation index and highest levels per period and author, outlet or speaker."""
        return self._frame(
            escalation_trends(
                self.con, by=by, every=every, window=Window(since, until, author, outlet)
            )
        )

    def technique_frequencies(
        self, *, by: str = "author", since: Day = None, until: Day = None
    ) -> Any:
        """Technique counts per author or outlet, with the share of its documents using each."""
        return self._frame(technique_frequencies(self.con, by=by, window=Window(since, until)))

    def top_actors(self, *, since: Day = None, until: Day = None, limit: int = 20) -> Any:
        """The most mentioned actors in a time window."""
        return self._frame(top_actors(self.con, window=Window(since, until), limit=limit))

    def alignment_edges(self, *, since: Day = None, until: Day = None) -> Any:
        """The alignment graph as an edge list (a, relation, b, assertions, documents)."""
        return self._frame(alignment_edges(self.con, window=Window(since, until)))

    def alignment_graph(self, *, since: Day = None, until: Day = None) -> nx.MultiDiGraph[str]:
        """The alignment graph of a time window as a networkx MultiDiGraph."""
        return alignment_network(alignment_edges(self.con, window=Window(since, until)).df())

    def redlines_over_time(
        self, *, every: str = "month", since: Day = None, until: Day = None
    ) -> Any:
        """Red lines per actor per period."""
        return self._frame(redlines_over_time(self.con, every=every, window=Window(since, until)))

    # -- helpers ----------------------------------------------------------------------------

    def _select(
        self, table: str, filters: dict[str, Any], *, join: str = "", extra: str = ""
    ) -> Any:
        window = Window(*(filters.pop(key, None) for key in ("since", "until", "author", "outlet")))
        where, params = window.where(dated=window.since is not None or window.until is not None)
        known = self._columns(table)
        for column, value in filters.items():
            if column not in known:
                raise ValueError(
                    f"{table} has no column {column!r}; filter on one of: {', '.join(known)}"
                )
            where += f' AND t."{column}" = ?'
            params.append(value)
        columns = ", ".join(f't."{column}"' for column in quote_beside_offsets(known))
        query = (
            f"SELECT {columns}, {_DOCUMENT_COLUMNS}{', ' + extra if extra else ''} "
            f"FROM {table} t JOIN documents d ON d.id = t.doc_id {join} "
            f"WHERE {where} ORDER BY t.doc_id, t.seq"
        )
        return self._frame(self.con.sql(query, params=params))

    def _columns(self, table: str) -> list[str]:
        rows = self.con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index",
            [table],
        ).fetchall()
        return [row[0] for row in rows]

    def _frame(self, relation: duckdb.DuckDBPyRelation) -> Any:
        return relation.pl() if self.backend == "polars" else relation.df()
