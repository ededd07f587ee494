"""The corpus store: analysed documents in one DuckDB file, their trends, views and exports.

>>> from redline.store import Corpus
>>> Corpus("redline.duckdb").claims(stance="advocate")   # doctest: +SKIP

Names are imported when first used (PEP 562), so ``redline --version`` and the other commands
do not pay for DuckDB, pandas and Plotly.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from redline.store.api import Corpus
    from redline.store.batch import AddReport, add_sources
    from redline.store.defaults import DEFAULT_DB
    from redline.store.errors import StoreError
    from redline.store.export import export_csv, export_jsonl, export_parquet
    from redline.store.ingest import add_on_dask, ingest_results
    from redline.store.labelstudio import export_labelstudio, import_labelstudio
    from redline.store.schema import SCHEMA_VERSION
    from redline.store.store import CorpusStore, Failure
    from redline.store.trends import Window

_HOMES = {
    "DEFAULT_DB": "defaults",
    "SCHEMA_VERSION": "schema",
    "AddReport": "batch",
    "Corpus": "api",
    "CorpusStore": "store",
    "Failure": "store",
    "StoreError": "errors",
    "Window": "trends",
    "add_on_dask": "ingest",
    "add_sources": "batch",
    "export_csv": "export",
    "export_jsonl": "export",
    "export_labelstudio": "labelstudio",
    "export_parquet": "export",
    "import_labelstudio": "labelstudio",
    "ingest_results": "ingest",
}

__all__ = [
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


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'redline.store' has no attribute {name!r}")
    value = getattr(import_module(f"redline.store.{_HOMES[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
