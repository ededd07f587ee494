"""A file uploaded from the web page, read into documents by the project's own readers.

The bytes never touch the disk under their own name: text and HTML are read from memory, JSON
Lines from a stream, and CSV (whose reader takes a path) from an anonymous temporary file. The
file's name only picks the reader and names the documents' source.

>>> read_upload(b"Hello.", "note.txt", max_bytes=1_000)[0][0]["text"]
'Hello.'
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePath
from typing import Any

from redline.document import Document
from redline.errors import InputError

UPLOAD_KINDS = {
    ".txt": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
}
MAX_DOCUMENTS = 2_000


class UploadError(ValueError):
    """The upload cannot be read at all (its kind, or too many documents); one line."""


def read_upload(
    data: bytes, name: str, *, max_bytes: int, max_documents: int = MAX_DOCUMENTS
) -> tuple[list[dict[str, Any]], list[str]]:
    """The documents in an uploaded file (``{"text", "metadata"}`` each, as ``POST /analyze``
    takes them) and one line per row or file that could not be read."""
    source = PurePath(name.replace("\\", "/")).name or "upload"
    kind = UPLOAD_KINDS.get(PurePath(source).suffix.lower())
    if kind is None:
        raise UploadError(
            f"cannot read {source!r}: expected a file ending in {', '.join(sorted(UPLOAD_KINDS))}"
        )
    documents: list[dict[str, Any]] = []
    problems: list[str] = []
    for item in _items(data, source, kind, max_bytes):
        if isinstance(item, InputError):
            problems.append(str(item))
            continue
        if len(documents) == max_documents:
            raise UploadError(
                f"{source} holds more than {max_documents:,} documents: split it, or add it to "
                "a corpus with `redline corpus add`"
            )
        documents.append(_request(item))
    return documents, problems


def _items(data: bytes, source: str, kind: str, max_bytes: int) -> Iterator[Document | InputError]:
    from redline.readers import read_html, read_text
    from redline.readers.corpus import jsonl_items, read_csv
    from redline.readers.decoding import too_large

    if kind in ("text", "html") and len(data) > max_bytes:
        yield InputError(source, too_large(len(data), max_bytes))
        return
    try:
        if kind == "text":
            yield read_text(data, source)
        elif kind == "html":
            yield read_html(data, source)
        elif kind == "jsonl":
            for _, item in jsonl_items(io.BytesIO(data), source, max_bytes):
                yield item
        else:
            with tempfile.TemporaryDirectory(prefix="redline-upload-") as folder:
                path = Path(folder) / "upload.csv"
                path.write_bytes(data)
                yield from read_csv(path, source, max_bytes)
    except InputError as error:
        yield error


def _request(document: Document) -> dict[str, Any]:
    metadata = document.metadata.model_dump(mode="json", exclude_defaults=True)
    return {"text": document.text, "metadata": metadata or None}
