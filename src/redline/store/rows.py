"""A Document to the rows of the store's tables, and those rows back to the same Document.

Layers with a table of their own (:data:`LAYER_TABLES`) get typed columns read from the span
attributes, beside the attributes as JSON; every other layer goes to ``spans``. Every span row
carries its quote (``text[start:end]``) beside the offsets, so a row cites its evidence on its
own; the Document is rebuilt from the offsets, and the layer order and span order are stored, so
that

>>> from redline.document import Document
>>> doc = Document.from_text("Kyiv was struck.")
>>> rows = document_rows(doc, {})
>>> rebuild_document(rows["documents"][0], rows).to_json() == doc.to_json()
True
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from redline.attributes import (
    ActorAttributes,
    AlignmentAttributes,
    ClaimAttributes,
    IncitementAttributes,
    RedLineAttributes,
    TechniqueAttributes,
)
from redline.document import Document, Metadata, Relation, Span
from redline.readers.untrusted import bound_nesting
from redline.store.schema import speaker_rows

Row = dict[str, Any]
Versions = Mapping[str, str]


@dataclass(frozen=True)
class LayerTable:
    """Where one layer is stored: its table and the typed columns read from span attributes."""

    table: str
    columns: tuple[tuple[str, str, str], ...]  # (column, attribute key, kind: str/int/float/bool)


# The typed columns come from the layers' attribute models (their ``columns``); the literal DDL
# of each migration must agree, which tests/store/test_schema_contract.py checks.
LAYER_TABLES: dict[str, LayerTable] = {
    "actors": LayerTable("actors", ActorAttributes.column_specs()),
    "claims": LayerTable("claims", ClaimAttributes.column_specs()),
    "redlines": LayerTable("redlines", RedLineAttributes.column_specs()),
    "techniques": LayerTable("techniques", TechniqueAttributes.column_specs()),
    "incitement": LayerTable("incitement", IncitementAttributes.column_specs()),
    "alignment": LayerTable("alignment_edges", AlignmentAttributes.column_specs()),
}
GENERIC_TABLE = "spans"
ANNOTATION_TABLES: tuple[str, ...] = (
    GENERIC_TABLE,
    *(t.table for t in LAYER_TABLES.values()),
    "relations",
    "speaker_escalation",
)
REVIEW_TABLES: tuple[str, ...] = ("reviews", "reviewed_spans")
"""Layers a person corrected: never part of a Document's rows, so re-analysis keeps them."""
REVIEWED_PREFIX = "reviewed:"
"""How a reviewed layer is named beside the analyzers' (``reviewed:claims``)."""
_TABLE_LAYER = {spec.table: layer for layer, spec in LAYER_TABLES.items()}
_METADATA_FIELDS = (
    "title",
    "subtitle",
    "standfirst",
    "author",
    "date",
    "language",
    "translated_from",
    "source",
    "outlet",
    "unanalysed_language",
)
_PROFILE = ("max_advocate", "max_threaten", "max_predict", "max_report")
UNKNOWN_VERSION = "unknown"


def document_rows(document: Document, versions: Versions) -> dict[str, list[Row]]:
    """Every row ``document`` adds to the store, by table; ``versions`` maps analyzer -> version."""
    rows: dict[str, list[Row]] = {table: [] for table in ANNOTATION_TABLES}
    for layer, spans in document.layers.items():
        spec = LAYER_TABLES.get(layer)
        for seq, span in enumerate(spans):
            row = _span_row(document.id, seq, span, versions)
            if spec is None:
                row["layer"] = layer
            else:
                row.update(
                    {col: _typed(span.attrs.get(key), kind) for col, key, kind in spec.columns}
                )
            rows[spec.table if spec else GENERIC_TABLE].append(row)
    rows["relations"] = [
        _relation_row(document.id, seq, r, versions) for seq, r in enumerate(document.relations)
    ]
    rows["speaker_escalation"] = speaker_rows(document.id, document.summaries.get("escalation"))
    rows["documents"] = [_document_row(document, versions)]
    return rows


def quote_beside_offsets(columns: list[str]) -> list[str]:
    """The quote (added to the tables last, by migration 4) moved to just after ``end_char``."""
    if "quote" not in columns or "end_char" not in columns:
        return columns
    rest = [column for column in columns if column != "quote"]
    at = rest.index("end_char") + 1
    return [*rest[:at], "quote", *rest[at:]]


def _span_row(doc_id: str, seq: int, span: Span, versions: Versions) -> Row:
    return {
        "doc_id": doc_id,
        "seq": seq,
        "span_id": span.id,
        "start_char": span.start,
        "end_char": span.end,
        "quote": span.text,
        "label": span.label,
        "analyzer": span.analyzer,
        "analyzer_version": versions.get(span.analyzer, UNKNOWN_VERSION),
        "rule": span.rule,
        "confidence": span.confidence,
        "attrs": _dump(span.attrs),
    }


def _relation_row(doc_id: str, seq: int, relation: Relation, versions: Versions) -> Row:
    return {
        "doc_id": doc_id,
        "seq": seq,
        "relation_id": relation.id,
        "label": relation.label,
        "source": relation.source,
        "target": relation.target,
        "analyzer": relation.analyzer,
        "analyzer_version": versions.get(relation.analyzer, UNKNOWN_VERSION),
        "rule": relation.rule,
        "confidence": relation.confidence,
        "attrs": _dump(relation.attrs),
    }


def _document_row(document: Document, versions: Versions) -> Row:
    metadata = document.metadata
    profile = document.summaries.get("escalation") or {}
    row: Row = {field: getattr(metadata, field) for field in _METADATA_FIELDS}
    row.update(
        {
            "id": document.id,
            "schema_version": document.schema_version,
            "text": document.text,
            "published": parse_day(metadata.date),
            "extra": _dump(metadata.extra),
            "summaries": _dump(document.summaries),
            "layer_languages": _dump(metadata.layer_languages),
            "layer_order": _dump(list(document.layers)),
            "analyzers": _dump(dict(versions)),
            "escalation_index": _typed(profile.get("index"), "int"),
            "claim_count": _typed(profile.get("claims"), "int"),
            "stored_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
            **{key: _typed(profile.get(key), "int") for key in _PROFILE},
        }
    )
    return row


def parse_day(value: str | None) -> dt.date | None:
    """The calendar day of an ISO date string (``2024-03-05``), or None when it is not one."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _typed(value: Any, kind: str) -> Any:
    """An attribute value as its column's type; None when it has another shape."""
    if value is None:
        return None
    if kind == "str":
        return value if isinstance(value, str) else _dump(value)
    if kind == "bool":
        return value if isinstance(value, bool) else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value) if kind == "int" else float(value)


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def rebuild_document(document: Row, rows: Mapping[str, Sequence[Row]]) -> Document:
    """The Document a ``documents`` row and its annotation rows (by table) were made from."""
    text = str(document["text"])
    layers: dict[str, list[tuple[int, Span]]] = {
        name: [] for name in json.loads(document["layer_order"])
    }
    for table, table_rows in rows.items():
        if table in ("documents", "relations", "speaker_escalation"):
            continue
        for row in table_rows:
            layer = row["layer"] if table == GENERIC_TABLE else _TABLE_LAYER[table]
            layers.setdefault(layer, []).append((row["seq"], _span(text, row)))
    relations = sorted(rows.get("relations", ()), key=lambda row: row["seq"])
    # Bounded as the readers bound it: a document an older Redline stored with metadata nested
    # past pydantic's 255 levels could not be serialised, and broke every export after it.
    extra = {key: bound_nesting(value) for key, value in json.loads(document["extra"]).items()}
    summaries = json.loads(document.get("summaries") or "{}")
    metadata = Metadata(
        extra=extra,
        layer_languages=json.loads(document.get("layer_languages") or "{}"),
        **{field: document[field] for field in _METADATA_FIELDS},
    )
    return Document.model_validate(
        {
            "schema_version": document["schema_version"],
            "id": document["id"],
            "text": text,
            "metadata": metadata,
            "layers": {
                name: tuple(span for _, span in sorted(spans, key=lambda item: item[0]))
                for name, spans in layers.items()
            },
            "relations": tuple(_relation(row) for row in relations),
            # Rows stored before migration 5 have none: their Document (schema 1.0) still
            # carries the profile in metadata.extra, and reading it moves it here.
            **({"summaries": summaries} if summaries else {}),
        }
    )


def _span(text: str, row: Row) -> Span:
    return Span(
        id=row["span_id"],
        start=row["start_char"],
        end=row["end_char"],
        label=row["label"],
        text=text[row["start_char"] : row["end_char"]],
        analyzer=row["analyzer"],
        rule=row["rule"],
        confidence=row["confidence"],
        attrs=json.loads(row["attrs"]),
    )


def _relation(row: Row) -> Relation:
    return Relation(
        id=row["relation_id"],
        label=row["label"],
        source=row["source"],
        target=row["target"],
        analyzer=row["analyzer"],
        rule=row["rule"],
        confidence=row["confidence"],
        attrs=json.loads(row["attrs"]),
    )
