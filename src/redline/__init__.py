"""Redline: evidence-linked analysis of geopolitical commentary.

>>> import redline
>>> doc = redline.analyze("Host: Will they strike?\\nGuest: They will not.")   # doctest: +SKIP
>>> from redline.attributes import StructureAttributes
>>> [StructureAttributes.read(s).speaker for s in doc.layer("structure") if s.label == "turn"]
... # doctest: +SKIP
['Host', 'Guest']
>>> redline.analyze_file("article.html").table("claims")                        # doctest: +SKIP
>>> for doc in redline.analyze_many(["corpus.jsonl"], n_process=4): ...          # doctest: +SKIP
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from redline.analysis import analyze, analyze_file, analyze_many
from redline.config import RedlineConfig
from redline.document import Document, Metadata, Relation, Span
from redline.errors import (
    ConfigError,
    InputError,
    ModelNotFoundError,
    PipelineError,
    RedlineError,
    SpanError,
)
from redline.pipeline import Pipeline

try:
    __version__ = version("redline")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = [
    "ConfigError",
    "Document",
    "InputError",
    "Metadata",
    "ModelNotFoundError",
    "Pipeline",
    "PipelineError",
    "RedlineConfig",
    "RedlineError",
    "Relation",
    "Span",
    "SpanError",
    "__version__",
    "analyze",
    "analyze_file",
    "analyze_many",
]
