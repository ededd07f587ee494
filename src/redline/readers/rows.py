"""One corpus row (a JSON object, a CSV record, a Parquet row) to a Document.

Recognised columns, matched case-insensitively: ``text`` (required), ``title``, ``subtitle``,
``standfirst``, ``author``, ``date``, ``url``, ``id``, ``outlet``/``site``/``sitename`` and
``language``/``lang``. Any other column lands in ``metadata.extra`` under its own name.

>>> doc = row_document({"Text": "Talks resume.", "date": "5 March 2024", "desk": "world"},
...                    path="c.jsonl", where="line 3", number=3, max_bytes=1000)
>>> doc.metadata.source, doc.metadata.date, doc.metadata.extra
('c.jsonl#3', '2024-03-05', {'desk': 'world'})
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from redline.dates import iso_day
from redline.document import Document, JSONValue, Metadata
from redline.errors import InputError
from redline.readers.untrusted import UnsafeValue, bound_nesting, refuse_lone_surrogates

_FIELDS = {
    "title": "title",
    "subtitle": "subtitle",
    "standfirst": "standfirst",
    "author": "author",
    "outlet": "outlet",
    "site": "outlet",
    "sitename": "outlet",
    "language": "language",
    "lang": "language",
}
_SPECIAL = {"text", "date", "url", "id"}


def row_document(
    row: Mapping[str, Any],
    *,
    path: str,
    where: str,
    number: int,
    max_bytes: int,
    line: int | None = None,
) -> Document:
    """The Document of one row; ``where`` ("line 7", "row 7") starts every problem text.

    Raises InputError (with ``line``) for a row without usable text, or with a value that
    cannot be kept (see :mod:`redline.readers.untrusted`).

    ``metadata.source`` is the row's url when it has one, else ``f"{path}#{number}"``.
    """
    try:
        refuse_lone_surrogates(row, "")
        return _document(row, path=path, where=where, number=number, max_bytes=max_bytes)
    except UnsafeValue as error:
        raise InputError(path, f"{where}: {error}", line=line) from None
    except InputError as error:
        raise InputError(path, error.problem, line=line) from None


def _document(
    row: Mapping[str, Any], *, path: str, where: str, number: int, max_bytes: int
) -> Document:
    # Bounded once here, so the recursive conversions below (and every later serialiser)
    # meet at most MAX_NESTING levels.
    row = {name: bound_nesting(value) for name, value in row.items()}
    columns = {name.lower(): value for name, value in row.items()}
    text = _row_text(columns.get("text"), where, path, max_bytes)
    metadata: dict[str, Any] = {}
    extra: dict[str, JSONValue] = {}
    for name, value in row.items():
        key = name.lower()
        if key in _FIELDS:
            metadata[_FIELDS[key]] = as_text(value)
        elif key not in _SPECIAL and (converted := jsonable(value)) is not None:
            extra[name] = converted
    if (source_id := jsonable(columns.get("id"))) is not None:
        extra["source_id"] = source_id
    metadata["date"] = iso_day(columns.get("date"))
    if metadata["date"] is None and as_text(columns.get("date")):
        extra["date_raw"] = as_text(columns.get("date"))
    url = as_text(columns.get("url"))
    if url:
        extra["input"] = f"{path}#{number}"
    return Document.from_text(
        text, Metadata(source=url or f"{path}#{number}", extra=extra, **metadata)
    )


def _row_text(value: Any, where: str, path: str, max_bytes: int) -> str:
    if isinstance(value, bytes) and _is_utf8(value):
        value = value.decode("utf-8")
    if value is None or (isinstance(value, str) and not value.strip()):
        raise InputError(path, f"{where}: no text (the 'text' field is missing or empty)")
    if not isinstance(value, str):
        raise InputError(path, f"{where}: 'text' must be a string, found {type(value).__name__}")
    size = len(value.encode("utf-8"))
    if size > max_bytes:
        raise InputError(
            path,
            f"{where}: text is {size:,} bytes, over the limit of "
            f"{max_bytes:,} bytes; raise it with --max-bytes",
        )
    return value


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def as_text(value: Any) -> str | None:
    """A metadata string: None for missing or blank values, lists joined with "; "."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, list | tuple):
        parts = [part for part in (as_text(item) for item in value) if part]
        return "; ".join(parts) or None
    converted = jsonable(value)
    text = converted if isinstance(converted, str) else str(converted)
    return text.strip() or None


def jsonable(value: Any) -> JSONValue:
    """``value`` as JSON: dates as ISO strings, NaN and blanks as None (dropped by callers)."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return value.decode("utf-8") if _is_utf8(value) else value.hex()
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    return str(value)
