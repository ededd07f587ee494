"""How many documents the inputs of a batch hold, cheaply, for the progress bar's ETA.

An estimate, not a promise: blank JSONL lines and CSV records spanning lines are counted as
they come, and an unreadable file counts as one (it becomes one failure).

>>> count_documents("missing.txt")
1
"""

from __future__ import annotations

import os
from pathlib import Path

from redline.readers import READABLE_EXTENSIONS

_CHUNK = 1 << 20


def count_documents(source: str) -> int:
    """About how many documents (or failures) reading ``source`` yields."""
    path = Path(source)
    if source == "-" or not path.exists():
        return 1
    if path.is_dir():
        return sum(
            _count_file(Path(folder) / name)
            for folder, subfolders, names in os.walk(path)
            for name in names
            if not name.startswith(".") and _readable(name) and not _hidden(subfolders)
        )
    return _count_file(path)


def _readable(name: str) -> bool:
    return Path(name).suffix.lower() in READABLE_EXTENSIONS


def _hidden(subfolders: list[str]) -> bool:
    # os.walk descends into what is left in the list: drop hidden folders as the reader does.
    subfolders[:] = [name for name in subfolders if not name.startswith(".")]
    return False


def _count_file(path: Path) -> int:
    suffix = path.suffix.lower()
    try:
        if suffix in (".jsonl", ".ndjson"):
            return max(1, _count_lines(path))
        if suffix == ".csv":
            return max(1, _count_lines(path) - 1)
        if suffix == ".parquet":
            import pyarrow.parquet as pq

            return max(1, int(pq.ParquetFile(path).metadata.num_rows))
    except Exception:
        return 1
    return 1


def _count_lines(path: Path) -> int:
    lines = 0
    last = b"\n"
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    return lines + (last != b"\n")
