"""Label Studio: stored documents out as tasks with the analyzers' predictions, a person's
corrections back in as reviewed layers.

The format is Label Studio's JSON for text with span labels (its named-entity template; see
"Import span pre-annotations for text" in https://labelstud.io/guide/predictions). One task
per document, one prediction per layer::

    {"data": {"text": "...", "doc_id": "20519eff9e086930", "title": null, "layers": ["claims"]},
     "predictions": [{"model_version": "claims 1.0.0", "score": 0.6, "result": [
         {"id": "claims/12-18/advocate", "from_name": "claims", "to_name": "text",
          "type": "labels", "value": {"start": 12, "end": 18, "text": "strike",
                                      "labels": ["advocate"], "score": 0.6}}]}]}

Each layer is its own ``<Labels>`` control (``name`` is the layer), so a region says which layer
it belongs to; :func:`label_config` is the labeling configuration to give the project.

Import reads Label Studio's JSON export (a list of tasks, each with ``annotations``). A task's
newest annotation that was not cancelled is the reviewed version of the layers it labels; when
the task carries one layer (``data.layers``; the default export), it is that layer's review
even with every region deleted. Label Studio starts an annotation from one prediction, so in a
task of several layers a layer left without a region may not have been looked at, and is not
taken as reviewed: export one layer at a time to review a layer as empty. A review replaces an
earlier review of the same layer of the same document in ``reviews`` and ``reviewed_spans``;
the analyzers' rows are never touched, and re-analysing a document keeps its reviews. The whole
file is checked before anything is written, and it is written in one transaction.

>>> with CorpusStore.open("redline.duckdb") as store:             # doctest: +SKIP
...     export_labelstudio(store, Path("tasks.json"), layers=("claims",))
...     import_labelstudio(store, Path("reviewed.json"))
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard
from xml.sax.saxutils import quoteattr

import pyarrow as pa

from redline.document import Document, Span, content_id
from redline.errors import InputError
from redline.store.files import atomic_path, write_atomic
from redline.store.rows import LAYER_TABLES, Row
from redline.store.store import CorpusStore

TO_NAME = "text"
"""The ``<Text>`` object every region points at (``to_name``); the task's ``data.text``."""
DEFAULT_LAYERS: tuple[str, ...] = ("claims",)
_CHUNK = 500


@dataclass(frozen=True)
class LabelStudioExport:
    """What :func:`export_labelstudio` wrote."""

    tasks: int
    regions: int
    tasks_path: Path
    config_path: Path


@dataclass(frozen=True)
class ReviewImport:
    """What :func:`import_labelstudio` stored: reviewed layers of documents, and their regions."""

    tasks: int
    documents: int
    layers: int
    regions: int
    unreviewed: int  # tasks with no annotation yet (or only cancelled ones): nothing stored


# -- export ------------------------------------------------------------------------------------


def stored_layers(store: CorpusStore) -> list[str]:
    """Layers at least one stored document has (found empty or not), sorted."""
    rows = store.con.execute(
        "SELECT DISTINCT unnest(json_extract_string(layer_order, '$[*]')) AS layer "
        "FROM documents ORDER BY layer"
    ).fetchall()
    return [row[0] for row in rows]


def export_labelstudio(
    store: CorpusStore,
    path: Path,
    *,
    layers: Sequence[str] = DEFAULT_LAYERS,
    ids: Sequence[str] | None = None,
) -> LabelStudioExport:
    """Write every stored document (or ``ids``) as a Label Studio task to ``path`` (JSON), and
    the labeling configuration beside it (``<stem>.label_config.xml``)."""
    if not layers:
        raise ValueError("name at least one layer to export, e.g. claims")
    if ids is None:
        ids = [
            row[0] for row in store.con.execute("SELECT id FROM documents ORDER BY id").fetchall()
        ]
    labels: dict[str, set[str]] = {layer: set() for layer in layers}
    tasks = regions = 0
    with atomic_path(path) as temporary, temporary.open("w", encoding="utf-8") as stream:
        stream.write("[")
        for start in range(0, len(ids), _CHUNK):
            chunk = list(ids[start : start + _CHUNK])
            versions = store.stored_analyzers(chunk)
            for document in store.documents(chunk):
                task = document_task(document, layers, versions.get(document.id, {}))
                for prediction in task["predictions"]:
                    for region in prediction["result"]:
                        labels[region["from_name"]].update(region["value"]["labels"])
                        regions += 1
                stream.write(",\n" if tasks else "\n")
                stream.write(json.dumps(task, ensure_ascii=False))
                tasks += 1
        stream.write("\n]\n")
    config_path = path.with_name(f"{path.stem}.label_config.xml")
    write_atomic(config_path, label_config(labels))
    return LabelStudioExport(tasks, regions, path, config_path)


def document_task(
    document: Document, layers: Sequence[str], versions: Mapping[str, str]
) -> dict[str, Any]:
    """One document as a Label Studio task: its text, and a prediction per layer it has."""
    predictions = [
        _prediction(layer, document.layer(layer), versions)
        for layer in layers
        if layer in document.layers
    ]
    return {
        "data": {
            "text": document.text,
            "doc_id": document.id,
            "title": document.metadata.title,
            "layers": list(layers),
        },
        "predictions": predictions,
    }


def _prediction(layer: str, spans: Sequence[Span], versions: Mapping[str, str]) -> dict[str, Any]:
    analyzers = sorted({span.analyzer for span in spans}) or [layer]
    prediction: dict[str, Any] = {
        "model_version": ", ".join(f"{name} {versions.get(name, 'unknown')}" for name in analyzers),
        "result": [_region(layer, span) for span in spans],
    }
    if spans:
        # Label Studio sorts tasks by this score: the least confident layers come up first.
        prediction["score"] = round(sum(span.confidence for span in spans) / len(spans), 4)
    return prediction


def _region(layer: str, span: Span) -> dict[str, Any]:
    return {
        "id": span.id,
        "from_name": layer,
        "to_name": TO_NAME,
        "type": "labels",
        "value": {
            "start": span.start,
            "end": span.end,
            "text": span.text,
            "labels": [span.label],
            "score": span.confidence,
        },
    }


def label_config(labels: Mapping[str, set[str]]) -> str:
    """The labeling configuration: one ``<Labels>`` control per layer, then the text.

    >>> print(label_config({"claims": {"advocate"}}))
    <View>
      <Labels name="claims" toName="text">
        <Label value="advocate"/>
      </Labels>
      <Text name="text" value="$text"/>
    </View>
    <BLANKLINE>
    """
    lines = ["<View>"]
    for layer, values in labels.items():
        lines.append(f"  <Labels name={quoteattr(layer)} toName={quoteattr(TO_NAME)}>")
        lines.extend(f"    <Label value={quoteattr(value)}/>" for value in sorted(values))
        lines.append("  </Labels>")
    lines.append(f'  <Text name={quoteattr(TO_NAME)} value="$text"/>')
    lines.append("</View>")
    return "\n".join(lines) + "\n"


# -- import ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Review:
    doc_id: str
    layer: str
    task_id: str | None
    annotation_id: str | None
    annotator: str | None
    reviewed_at: str | None
    regions: list[Row]


def import_labelstudio(store: CorpusStore, path: Path) -> ReviewImport:
    """Store the reviewed layers in Label Studio's JSON export at ``path``.

    Raises :class:`~redline.errors.InputError` (one line naming the file, the task and the
    problem) for a file that is not such an export, a task for a document the corpus does not
    hold, or a region whose offsets do not quote the text; nothing is stored then.
    """
    tasks = _read_tasks(path)
    texts = _stored_texts(store, [_doc_id(path, n, task) for n, task in enumerate(tasks)])
    known = set(stored_layers(store)) | set(LAYER_TABLES)
    reviews: dict[tuple[str, str], _Review] = {}
    unreviewed = 0
    for n, task in enumerate(tasks):
        found = _task_reviews(path, n, task, texts, known)
        if found is None:
            unreviewed += 1
            continue
        for review in found:
            key = (review.doc_id, review.layer)
            if key in reviews:
                raise InputError(
                    path,
                    f"{_where(n, task)}: a second review of layer {review.layer!r} of document "
                    f"{review.doc_id} in the same file; keep one task per document",
                )
            reviews[key] = review
    _store_reviews(store, path, list(reviews.values()))
    return ReviewImport(
        tasks=len(tasks),
        documents=len({doc_id for doc_id, _ in reviews}),
        layers=len(reviews),
        regions=sum(len(review.regions) for review in reviews.values()),
        unreviewed=unreviewed,
    )


def _read_tasks(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))  # a BOM, if an editor added one
    except json.JSONDecodeError as error:
        raise InputError(
            path,
            f"not JSON ({error.msg} at line {error.lineno} column {error.colno}); expected "
            "Label Studio's JSON export (Export > JSON), a list of tasks",
        ) from None
    except UnicodeDecodeError as error:
        raise InputError(path, f"not UTF-8 text ({error.reason}); expected a JSON export") from None
    if isinstance(data, dict) and "data" in data:
        data = [data]  # one task on its own
    if not isinstance(data, list) or not all(isinstance(task, dict) for task in data):
        raise InputError(
            path,
            f"expected Label Studio's JSON export, a list of tasks (objects), got "
            f"{type(data).__name__}",
        )
    return data


def _where(n: int, task: Mapping[str, Any]) -> str:
    task_id = task.get("id")
    return f"task {n + 1}" + (f" (id {task_id})" if task_id is not None else "")


def _doc_id(path: Path, n: int, task: Mapping[str, Any]) -> str:
    data = task.get("data")
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise InputError(path, f"{_where(n, task)}: no data.text; expected a task of a text")
    doc_id = data.get("doc_id")
    return doc_id if isinstance(doc_id, str) else content_id(data["text"])


def _stored_texts(store: CorpusStore, ids: list[str]) -> dict[str, str]:
    rows = store.con.execute(
        "SELECT id, text FROM documents WHERE id IN (SELECT unnest(?))", [ids]
    ).fetchall()
    return {doc_id: text for doc_id, text in rows}


def _task_reviews(
    path: Path, n: int, task: Mapping[str, Any], texts: Mapping[str, str], known: set[str]
) -> list[_Review] | None:
    where = _where(n, task)
    doc_id = _doc_id(path, n, task)
    text = texts.get(doc_id)
    if text is None:
        raise InputError(
            path,
            f"{where}: document {doc_id} is not in the corpus; export the tasks from this "
            "corpus (`redline corpus export --format labelstudio`) or add the document first",
        )
    if task["data"]["text"] != text:
        raise InputError(
            path, f"{where}: data.text is not the stored text of document {doc_id}; it was edited"
        )
    annotation = _newest_annotation(path, where, task.get("annotations"))
    if annotation is None:
        return None
    results = annotation.get("result")
    if not isinstance(results, list):
        raise InputError(path, f"{where}: annotation has no result list")
    exported = _task_layers(task)
    # Label Studio starts an annotation from one prediction. A task of one layer is that
    # layer's review, even emptied; in a task of several, a layer left without a region may
    # simply not have been looked at, so only the layers the annotation labels are reviewed.
    by_layer: dict[str, list[Row]] = {exported[0]: []} if len(exported) == 1 else {}
    offsets = _Offsets(text)
    for result in results:
        if not isinstance(result, dict) or result.get("type") != "labels":
            continue  # relations, choices, text areas: not spans of a layer
        layer = result.get("from_name")
        if not isinstance(layer, str) or layer not in known | set(exported):
            raise InputError(
                path,
                f"{where}: region {result.get('id')!r} belongs to the control {layer!r}, which "
                "names no Redline layer; label with the configuration written beside the "
                "exported tasks (its controls are named after the layers)",
            )
        for row in _region_rows(path, where, result, offsets):
            by_layer.setdefault(layer, []).append({"doc_id": doc_id, "layer": layer, **row})
    common = {
        "task_id": None if task.get("id") is None else str(task["id"]),
        "annotation_id": None if annotation.get("id") is None else str(annotation["id"]),
        "annotator": _annotator(annotation.get("completed_by")),
        "reviewed_at": annotation.get("updated_at") or annotation.get("created_at"),
    }
    return [
        _Review(doc_id=doc_id, layer=layer, regions=_numbered(rows), **common)
        for layer, rows in by_layer.items()
    ]


def _newest_annotation(path: Path, where: str, annotations: Any) -> dict[str, Any] | None:
    if annotations is None:
        return None
    if not isinstance(annotations, list):
        raise InputError(path, f"{where}: annotations is not a list")
    kept = [a for a in annotations if isinstance(a, dict) and not a.get("was_cancelled")]
    if not kept:
        return None
    # ISO timestamps sort as text; the later in the list wins a tie.
    order = sorted(
        enumerate(kept), key=lambda item: (str(item[1].get("updated_at") or ""), item[0])
    )
    return order[-1][1]


def _task_layers(task: Mapping[str, Any]) -> list[str]:
    """The layers the task was exported with: a review of each, even when left empty."""
    layers = task["data"].get("layers")
    if isinstance(layers, list):
        return [layer for layer in layers if isinstance(layer, str)]
    found: list[str] = []
    for prediction in task.get("predictions") or []:
        for result in (prediction or {}).get("result") or []:
            layer = result.get("from_name") if isinstance(result, dict) else None
            if isinstance(layer, str) and layer not in found:
                found.append(layer)
    return found


class _Offsets:
    """Offsets as Label Studio may write them: code points, or (from some of its versions)
    UTF-16 code units, which differ after an emoji; the quote tells which."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._from_utf16: dict[int, int] | None = None

    def code_points(self, start: int, end: int, quote: str | None) -> tuple[int, int] | None:
        if 0 <= start <= end <= len(self.text) and (quote is None or self.text[start:end] == quote):
            return start, end
        if quote is None:
            return None
        if self._from_utf16 is None:
            self._from_utf16, units = {}, 0
            for index, char in enumerate(self.text):
                self._from_utf16[units] = index
                units += 2 if ord(char) > 0xFFFF else 1
            self._from_utf16[units] = len(self.text)
        first, last = self._from_utf16.get(start), self._from_utf16.get(end)
        if first is None or last is None or self.text[first:last] != quote:
            return None
        return first, last


def _region_rows(
    path: Path, where: str, result: Mapping[str, Any], offsets: _Offsets
) -> Iterator[Row]:
    region = result.get("id")
    value = result.get("value")
    if not isinstance(value, dict):
        raise InputError(path, f"{where}: region {region!r} has no value")
    start, end, quote = value.get("start"), value.get("end"), value.get("text")
    if not (_is_int(start) and _is_int(end)):
        raise InputError(
            path,
            f"{where}: region {region!r} needs whole-number value.start and value.end, got "
            f"{start!r} and {end!r}",
        )
    if quote is not None and not isinstance(quote, str):
        raise InputError(path, f"{where}: region {region!r} has a value.text that is not text")
    found = offsets.code_points(start, end, quote)
    if found is None:
        there = offsets.text[max(start, 0) : max(end, 0)]
        raise InputError(
            path,
            f"{where}: region {region!r} at ({start}, {end}) quotes {quote!r} but the text there "
            f"is {there!r} ({len(offsets.text)} characters); the offsets do not match the text",
        )
    labels = value.get("labels")
    if not isinstance(labels, list) or not labels or not all(isinstance(x, str) for x in labels):
        raise InputError(path, f"{where}: region {region!r} has no label (value.labels)")
    score = value.get("score")
    for label in labels:
        yield {
            "region_id": str(region) if region is not None else "",
            "start_char": found[0],
            "end_char": found[1],
            "quote": offsets.text[found[0] : found[1]],
            "label": label,
            "origin": result.get("origin"),
            "score": float(score) if isinstance(score, int | float) else None,
        }


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _annotator(completed_by: Any) -> str | None:
    if isinstance(completed_by, dict):
        completed_by = completed_by.get("email") or completed_by.get("id")
    return None if completed_by is None else str(completed_by)


def _numbered(rows: list[Row]) -> list[Row]:
    rows.sort(key=lambda row: (row["start_char"], -row["end_char"], row["label"]))
    return [{**row, "seq": seq} for seq, row in enumerate(rows)]


def _store_reviews(store: CorpusStore, path: Path, reviews: list[_Review]) -> None:
    if not reviews:
        return
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    keys = pa.Table.from_pylist([{"doc_id": r.doc_id, "layer": r.layer} for r in reviews])
    header = pa.Table.from_pylist(
        [
            {
                "doc_id": r.doc_id,
                "layer": r.layer,
                "regions": len(r.regions),
                "source_file": str(path),
                "task_id": r.task_id,
                "annotation_id": r.annotation_id,
                "annotator": r.annotator,
                "reviewed_at": r.reviewed_at,
                "imported_at": now,
            }
            for r in reviews
        ]
    )
    tables = {"_keys": keys, "_reviews": header}
    spans = [row for review in reviews for row in review.regions]
    if spans:
        tables["_spans"] = pa.Table.from_pylist(spans)
    con = store.con
    for name, table in tables.items():
        con.register(name, table)
    con.execute("BEGIN TRANSACTION")
    try:
        for target in ("reviewed_spans", "reviews"):
            con.execute(
                f"DELETE FROM {target} USING _keys k "
                f"WHERE {target}.doc_id = k.doc_id AND {target}.layer = k.layer"
            )
        con.execute("INSERT INTO reviews BY NAME SELECT * FROM _reviews")
        if spans:
            con.execute("INSERT INTO reviewed_spans BY NAME SELECT * FROM _spans")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        for name in tables:
            con.unregister(name)
