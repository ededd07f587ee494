"""Corpus files, many documents each: JSON Lines, CSV and Parquet.

Each reader streams its file, so memory stays bounded by one line, record or batch, and
yields a Document per row or an InputError naming the row's line; a bad row never stops
the rows after it. Problems with the file as a whole are raised as InputError.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from redline.document import Document
from redline.errors import InputError
from redline.readers.decoding import first_line
from redline.readers.rows import row_document
from redline.readers.untrusted import UnsafeValue, loads_json

Item = Document | InputError

# A row's text may reach max_bytes once decoded; JSON escapes can make its line up to six
# times longer ("\u00e9" for one byte), and the row may carry other fields besides.
_LINE_FACTOR = 6
_LINE_SLACK = 1 << 20
_SKIP_CHUNK = 1 << 16
_PARQUET_BATCH_ROWS = 64


def read_jsonl(path: Path, source: str, max_bytes: int) -> Iterator[Item]:
    """The documents of a JSON Lines file: one JSON object per line, blank lines skipped."""
    with path.open("rb") as stream:
        for _, item in jsonl_items(stream, source, max_bytes):
            yield item


def jsonl_items(
    stream: BinaryIO,
    source: str,
    max_bytes: int,
    *,
    first_number: int = 1,
    count: int | None = None,
) -> Iterator[tuple[int, Item]]:
    """``(line number, Document or InputError)`` for each non-blank line of a JSON Lines stream.

    Reads from the stream's current position: ``count`` lines at most (all when None), the
    first of them numbered ``first_number``, so that a partition of a file starting at an
    offset (:mod:`redline.scale.partitions`) numbers its lines as the whole file does.
    """
    limit = line_limit(max_bytes)
    for index, line in islice(_bounded_lines(stream, limit), count):
        number = first_number + index - 1
        if line is not None and not line.strip():
            continue
        try:
            row = _json_object(line, number, source, max_bytes, limit)
            yield (
                number,
                row_document(
                    row,
                    path=source,
                    where=f"line {number}",
                    number=number,
                    max_bytes=max_bytes,
                    line=number,
                ),
            )
        except InputError as error:
            yield number, error


def line_limit(max_bytes: int) -> int:
    """The longest line, in bytes, that may hold a row whose text is ``max_bytes`` long."""
    return _LINE_FACTOR * max_bytes + _LINE_SLACK


def _json_object(
    line: bytes | None, number: int, source: str, max_bytes: int, limit: int
) -> dict[str, Any]:
    where = f"line {number}"
    if line is None:
        raise InputError(source, _too_long(where, limit, max_bytes), line=number)
    try:
        row = loads_json(line)
    except UnsafeValue as error:
        raise InputError(source, f"{where}: {error}", line=number) from error
    if not isinstance(row, dict):
        raise InputError(
            source,
            f"{where}: expected a JSON object with a 'text' field, found a JSON {_json_kind(row)}",
            line=number,
        )
    return row


def _too_long(where: str, limit: int, max_bytes: int) -> str:
    return (
        f"{where}: line is over {limit:,} bytes, too long for a row under the limit of "
        f"{max_bytes:,} bytes; raise it with --max-bytes"
    )


def _json_kind(value: Any) -> str:
    kinds = {list: "array", str: "string", bool: "boolean", type(None): "null"}
    return kinds.get(type(value), "number")


def _bounded_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, line)``; the line is None when it is over ``limit`` (then skipped)."""
    number = 0
    while line := stream.readline(limit + 1):
        number += 1
        if number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(_SKIP_CHUNK)
            yield number, None
        else:
            yield number, line


def read_csv(path: Path, source: str, max_bytes: int) -> Iterator[Item]:
    """The documents of a CSV file (UTF-8, comma-separated, header row with a 'text' column).

    A malformed record stops the file: after a quoting error, the rows that follow cannot be
    trusted to start where they seem to.
    """
    # Python's default field limit (128 KiB) is below our text limit; raise it (it is
    # process-wide, so only ever raise it) and let longer fields fail as too large.
    csv.field_size_limit(max(csv.field_size_limit(), min(max_bytes + 1, sys.maxsize)))
    limit = line_limit(max_bytes)
    with path.open("rb") as stream:
        lines = _DecodedLines(stream, limit, source, max_bytes)
        reader = csv.reader(lines, strict=True)
        header = _csv_header(reader, source)
        while True:
            start = lines.number + 1
            try:
                record = next(reader, None)
            except csv.Error as error:
                raise InputError(
                    source,
                    f"line {start}: malformed CSV ({first_line(error)}); "
                    "the rows after it were not read",
                    line=start,
                ) from error
            if record is None:
                return
            if not any(field.strip() for field in record):
                continue
            row = {name: value for name, value in zip(header, record, strict=False) if value}
            try:
                yield row_document(
                    row,
                    path=source,
                    where=f"line {start}",
                    number=start,
                    max_bytes=max_bytes,
                    line=start,
                )
            except InputError as error:
                yield error


def _csv_header(reader: Any, source: str) -> list[str]:
    try:
        header = next((row for row in reader if any(cell.strip() for cell in row)), None)
    except csv.Error as error:
        raise InputError(
            source,
            f"line {reader.line_num}: malformed CSV header ({first_line(error)})",
            line=reader.line_num,
        ) from error
    if header is None:
        raise InputError(source, "empty file")
    header = [name.strip() for name in header]
    if "text" not in (name.lower() for name in header):
        raise InputError(source, f"no 'text' column; found columns: {', '.join(header)}")
    return header


class _DecodedLines:
    """The UTF-8 lines of a binary stream for ``csv.reader``, bounded and counted."""

    def __init__(self, stream: BinaryIO, limit: int, source: str, max_bytes: int) -> None:
        self._lines = _bounded_lines(stream, limit)
        self._source = source
        self._limit = limit
        self._max_bytes = max_bytes
        self.number = 0

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        self.number, line = next(self._lines)
        where = f"line {self.number}"
        if line is None:
            raise InputError(
                self._source, _too_long(where, self._limit, self._max_bytes), line=self.number
            )
        try:
            return line.decode("utf-8")
        except UnicodeDecodeError as error:
            raise InputError(
                self._source,
                f"{where}: not valid UTF-8 (byte {error.start}); save the CSV file as UTF-8",
                line=self.number,
            ) from error


def read_parquet(path: Path, source: str, max_bytes: int) -> Iterator[Item]:
    """The documents of a Parquet file, read in small batches of rows."""
    with open_parquet(path, source) as parquet:
        for number, row in enumerate(_parquet_rows(parquet, source), start=1):
            try:
                yield row_document(
                    row, path=source, where=f"row {number}", number=number, max_bytes=max_bytes
                )
            except InputError as error:
                yield error


def open_parquet(path: Path, source: str) -> Any:
    """The ``pyarrow.parquet.ParquetFile`` at ``path`` (a context manager), refused as an
    InputError when it cannot be read or has no ``text`` column."""
    try:
        parquet = pq.ParquetFile(path)
        names = parquet.schema_arrow.names
    except (pa.ArrowException, OSError, ValueError) as error:
        raise InputError(source, f"not a readable Parquet file: {first_line(error)}") from error
    if "text" not in (name.lower() for name in names):
        parquet.close()
        raise InputError(source, f"no 'text' column; found columns: {', '.join(names)}")
    return parquet


def _parquet_rows(parquet: Any, source: str) -> Iterator[dict[str, Any]]:
    batches = parquet.iter_batches(batch_size=_PARQUET_BATCH_ROWS)
    done = 0
    while True:
        try:
            batch = next(batches, None)
        except (pa.ArrowException, OSError, ValueError) as error:
            raise InputError(
                source, f"not a readable Parquet file: {first_line(error)} (after row {done})"
            ) from error
        if batch is None:
            return
        rows = batch.to_pylist()
        done += len(rows)
        yield from rows
