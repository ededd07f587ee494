"""Cutting Parquet and JSON Lines corpora into partitions, and reading one partition's rows.

Planning reads only what it must on the client: a Parquet file's footer, and a JSONL file's
newlines (streamed in 1 MiB chunks, never held). A partition is a small value naming a file, a
range of lines or rows and the byte offset to seek to, so a worker reads its own rows and
nothing else. Rows become Documents through the sequential readers' own
:func:`~redline.readers.rows.row_document`, with the file's global line or row numbers, so a
document gets the same metadata (``source`` = ``"corpus.jsonl#7"``) whichever engine read it.

>>> import tempfile
>>> from pathlib import Path
>>> corpus = Path(tempfile.mkdtemp()) / "c.jsonl"
>>> _ = corpus.write_text('{"text": "Talks resume."}\\n[1]\\n', encoding="utf-8")
>>> parts = plan_file(corpus, partition_size=1, salt="settings")
>>> [(part.first, part.count, part.offset) for part in parts]
[(1, 1, 0), (2, 1, 26)]
>>> [str(item).split(": ", 1)[1] for _, item in read_partition(parts[1], max_bytes=1000)]
["line 2: expected a JSON object with a 'text' field, found a JSON array"]
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa

from redline.document import Document
from redline.errors import InputError

# The sequential JSONL reader's own line handling (limit, over-long lines, JSON checks), so both
# engines number, refuse and explain lines alike.
from redline.readers.corpus import jsonl_items, open_parquet
from redline.readers.decoding import first_line
from redline.readers.rows import row_document
from redline.store.files import safe_file_name

Item = Document | InputError
Kind = Literal["jsonl", "parquet"]

KINDS: dict[str, Kind] = {".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}
_SCAN_CHUNK = 1 << 20
_PARQUET_BATCH_ROWS = 64


@dataclass(frozen=True)
class Partition:
    """One slice of one corpus file: ``count`` lines (JSONL) or rows (Parquet) from ``first``.

    ``first`` is 1-based, as in the sequential readers' sources; ``offset`` is the byte where
    line ``first`` starts (JSONL only); ``output`` is the result file's name, the same for the
    same file contents, slice and settings, so a rerun finds what is already written.
    """

    path: str
    source: str
    kind: Kind
    first: int
    count: int
    offset: int
    output: str


def plan_file(path: Path, partition_size: int, salt: str) -> list[Partition]:
    """The partitions of one corpus file; raises InputError when it cannot be read.

    ``salt`` (the settings that change results) goes into the output names with the file's
    size and modification time.
    """
    source = str(path)
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        raise InputError(
            source,
            f"the dask engine reads {', '.join(sorted(KINDS))} corpora, "
            f"not {path.suffix or 'files without an extension'}; convert it first",
        )
    try:
        status = path.stat()
        spans = (
            _jsonl_blocks(path, partition_size)
            if kind == "jsonl"
            else _parquet_blocks(path, source, partition_size)
        )
    except OSError as error:
        raise InputError(source, f"cannot read: {error.strerror or first_line(error)}") from error
    stem = _output_stem(path, status, partition_size, salt)
    return [
        Partition(
            str(path.resolve()), source, kind, first, count, offset, f"{stem}-{index:05d}.parquet"
        )
        for index, (first, count, offset) in enumerate(spans)
    ]


def _output_stem(path: Path, status: os.stat_result, partition_size: int, salt: str) -> str:
    identity = f"{path.resolve()}|{status.st_size}|{status.st_mtime_ns}|{partition_size}|{salt}"
    digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:12]
    return f"{safe_file_name(path.stem, fallback='corpus', max_length=60)}-{digest}"


def _jsonl_blocks(path: Path, lines_per_block: int) -> list[tuple[int, int, int]]:
    """``(first line, line count, byte offset)`` of each block of ``lines_per_block`` lines."""
    starts, newlines, size, last = [0], 0, 0, b"\n"
    with path.open("rb") as stream:
        while chunk := stream.read(_SCAN_CHUNK):
            in_chunk = chunk.count(b"\n")
            # Walk newline by newline only through chunks where a block starts.
            if newlines + in_chunk < len(starts) * lines_per_block:
                newlines += in_chunk
            else:
                at = chunk.find(b"\n")
                while at >= 0:
                    newlines += 1
                    if newlines == len(starts) * lines_per_block:
                        starts.append(size + at + 1)
                    at = chunk.find(b"\n", at + 1)
            size += len(chunk)
            last = chunk[-1:]
    lines = newlines + (last != b"\n")
    return [
        (index * lines_per_block + 1, min(lines_per_block, lines - index * lines_per_block), start)
        for index, start in enumerate(starts)
        if index * lines_per_block < lines
    ]


def _parquet_blocks(path: Path, source: str, rows_per_block: int) -> list[tuple[int, int, int]]:
    with open_parquet(path, source) as parquet:
        total = parquet.metadata.num_rows
    return [
        (first + 1, min(rows_per_block, total - first), 0)
        for first in range(0, total, rows_per_block)
    ]


def read_partition(partition: Partition, max_bytes: int) -> Iterator[tuple[int, Item]]:
    """``(line or row number, Document or InputError)`` for each record of ``partition``.

    A bad record is an InputError item; a file that cannot be read is raised as InputError.
    """
    try:
        if partition.kind == "jsonl":
            yield from _jsonl_items(partition, max_bytes)
        else:
            yield from _parquet_items(partition, max_bytes)
    except OSError as error:
        raise InputError(
            partition.source, f"cannot read: {error.strerror or first_line(error)}"
        ) from error


def _jsonl_items(partition: Partition, max_bytes: int) -> Iterator[tuple[int, Item]]:
    with open(partition.path, "rb") as stream:
        stream.seek(partition.offset)
        yield from jsonl_items(
            stream, partition.source, max_bytes, first_number=partition.first, count=partition.count
        )


def _parquet_items(partition: Partition, max_bytes: int) -> Iterator[tuple[int, Item]]:
    source = partition.source
    for number, row in zip(
        range(partition.first, partition.first + partition.count),
        _parquet_rows(partition),
        strict=False,
    ):
        try:
            yield (
                number,
                row_document(
                    row, path=source, where=f"row {number}", number=number, max_bytes=max_bytes
                ),
            )
        except InputError as error:
            yield number, error


def _parquet_rows(partition: Partition) -> Iterator[dict[str, Any]]:
    """The rows of the partition, reading only the row groups that hold them."""
    with open_parquet(Path(partition.path), partition.source) as parquet:
        yield from _rows_of(parquet, partition)


def _rows_of(parquet: Any, partition: Partition) -> Iterator[dict[str, Any]]:
    first, stop = partition.first - 1, partition.first - 1 + partition.count
    groups: list[int] = []
    skip = group_start = 0
    for group in range(parquet.metadata.num_row_groups):
        group_stop = group_start + parquet.metadata.row_group(group).num_rows
        if group_start < stop and group_stop > first:
            if not groups:
                skip = first - group_start  # rows of the first group read before ours
            groups.append(group)
        group_start = group_stop
    batches = parquet.iter_batches(batch_size=_PARQUET_BATCH_ROWS, row_groups=groups)
    while True:
        try:
            batch = next(batches, None)
        except (pa.ArrowException, OSError, ValueError) as error:
            raise InputError(
                partition.source,
                f"not a readable Parquet file: "
                f"{first_line(error)} (rows {partition.first} and after)",
            ) from error
        if batch is None:
            return
        rows = batch.to_pylist()
        yield from rows[skip:]
        skip = max(0, skip - len(rows))
