"""Exports: Parquet or CSV (one file per table) and JSON Lines of Documents, written atomically.

Label Studio's task format is :mod:`redline.store.labelstudio`.

>>> with CorpusStore.open("redline.duckdb") as store:            # doctest: +SKIP
...     export_parquet(store, Path("export/"))
[PosixPath('export/documents.parquet'), PosixPath('export/spans.parquet'), ...]
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from redline.store.files import atomic_path
from redline.store.rows import ANNOTATION_TABLES, REVIEW_TABLES, quote_beside_offsets
from redline.store.store import CorpusStore

EXPORTED_TABLES: tuple[str, ...] = ("documents", *ANNOTATION_TABLES, *REVIEW_TABLES, "failures")
_ORDER = {
    "documents": "id",
    "failures": "key",
    "speaker_escalation": "doc_id, speaker",
    "reviews": "doc_id, layer",
    "reviewed_spans": "doc_id, layer, seq",
}


def export_parquet(store: CorpusStore, directory: Path) -> list[Path]:
    """Write ``<table>.parquet`` for every table into ``directory``; returns the paths."""
    return export_tables(store, directory, suffix=".parquet")


def export_csv(store: CorpusStore, directory: Path) -> list[Path]:
    """Write ``<table>.csv`` (with a header) for every table into ``directory``."""
    return export_tables(store, directory, suffix=".csv")


def export_tables(store: CorpusStore, directory: Path, *, suffix: str) -> list[Path]:
    """Write every table into ``directory`` as ``<table><suffix>``; returns the paths."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for table in EXPORTED_TABLES:
        order = _ORDER.get(table, "doc_id, seq")
        path = directory / f"{table}{suffix}"
        names = store.con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index",
            [table],
        ).fetchall()
        columns = ", ".join(f'"{name}"' for name in quote_beside_offsets([n for (n,) in names]))
        write_relation(store.con.sql(f"SELECT {columns} FROM {table} ORDER BY {order}"), path)
        written.append(path)
    return written


def export_jsonl(store: CorpusStore, path: Path) -> int:
    """Write every stored Document as one JSON line (id order); returns how many."""
    count = 0
    with atomic_path(path) as temporary, temporary.open("w", encoding="utf-8") as stream:
        for document in store.documents():
            stream.write(document.to_json(indent=None) + "\n")
            count += 1
    return count


def write_relation(relation: duckdb.DuckDBPyRelation, path: Path) -> None:
    """Write a query's rows to ``.csv`` or ``.parquet`` (by suffix), replacing ``path`` whole."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".parquet"):
        raise ValueError(f"expected a file ending in .csv or .parquet, got {path.name!r}")
    with atomic_path(path) as temporary:
        if suffix == ".csv":
            relation.write_csv(str(temporary), header=True)
        else:
            relation.write_parquet(str(temporary))


def write_graph(edges: Any, path: Path) -> tuple[int, int]:
    """Write alignment edges (a DataFrame) as ``.json`` (node-link) or ``.graphml``."""
    from redline.graph import save_graph
    from redline.store.trends import alignment_network

    network = alignment_network(edges)
    save_graph(network, path)
    return network.number_of_nodes(), network.number_of_edges()
