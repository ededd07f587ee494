"""From the sources a user names (files, directories, "-") to Documents and InputErrors.

Problems are yielded, not raised, so one bad input never stops the others.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from redline.document import Document
from redline.errors import InputError
from redline.readers.corpus import read_csv, read_jsonl, read_parquet
from redline.readers.decoding import first_line, too_large
from redline.readers.html import looks_like_html, read_html
from redline.readers.text import read_text

Item = Document | InputError

STDIN = "<stdin>"

# Extension -> reader kind for directory walks; an explicitly named file with any other
# extension is read as text (or HTML when its bytes start like a page).
READABLE_EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "corpus",
    ".ndjson": "corpus",
    ".csv": "corpus",
    ".parquet": "corpus",
}
_CORPUS_READERS: dict[str, Callable[[Path, str, int], Iterator[Item]]] = {
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".csv": read_csv,
    ".parquet": read_parquet,
}
NO_READABLE_FILES = (
    "no readable files (.txt, .md, .html, .htm, .jsonl, .csv, .parquet) in this directory"
)


def read_sources(sources: Sequence[str], *, max_bytes: int) -> Iterator[Item]:
    """Read every source in order, yielding a Document per text and an InputError per problem.

    A source is a file path, a directory (walked recursively in sorted order, hidden entries
    skipped) or ``"-"`` for standard input. Inputs over ``max_bytes`` are refused unread.

    >>> for item in read_sources(["missing.txt"], max_bytes=1000):
    ...     print(item)
    missing.txt: no such file or directory
    """
    if max_bytes <= 0:
        raise ValueError(f"max_bytes must be a positive number of bytes, got {max_bytes!r}")
    for source in sources:
        yield from _read_source(source, max_bytes)


def _read_source(source: str, max_bytes: int) -> Iterator[Item]:
    if source == "-":
        yield from _guarded(STDIN, lambda: iter([_read_stdin(max_bytes)]))
        return
    if not source:
        yield InputError("''", "empty path; name a file, a directory or - for standard input")
        return
    path = Path(source)
    try:
        is_dir, exists = path.is_dir(), path.exists()
    except OSError as error:  # e.g. a parent directory we may not search
        yield InputError(source, f"cannot read: {error.strerror or first_line(error)}")
        return
    if is_dir:
        yield from _read_directory(source, max_bytes)
    elif exists:
        yield from _read_file(path, source, max_bytes)
    else:
        yield InputError(source, "no such file or directory")


def _read_directory(directory: str, max_bytes: int) -> Iterator[Item]:
    problems: list[OSError] = []
    found: list[tuple[tuple[str, ...], str]] = []
    for folder, subfolders, names in os.walk(directory, onerror=problems.append):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        for name in names:
            if not name.startswith(".") and Path(name).suffix.lower() in READABLE_EXTENSIONS:
                full = os.path.join(folder, name)
                found.append((Path(os.path.relpath(full, directory)).parts, full))
    for problem in problems:
        yield InputError(problem.filename or directory, f"cannot list: {problem.strerror}")
    if not found and not problems:
        yield InputError(directory, NO_READABLE_FILES)
    for _, full in sorted(found):
        yield from _read_file(Path(full), full, max_bytes)


def _read_file(path: Path, source: str, max_bytes: int) -> Iterator[Item]:
    suffix = path.suffix.lower()
    corpus = _CORPUS_READERS.get(suffix)
    if corpus is not None:
        yield from _guarded(source, lambda: corpus(path, source, max_bytes))
        return

    def one() -> Iterator[Item]:
        data = _read_bounded(path, source, max_bytes)
        kind = READABLE_EXTENSIONS.get(suffix) or ("html" if looks_like_html(data) else "text")
        yield read_html(data, source) if kind == "html" else read_text(data, source)

    yield from _guarded(source, one)


def _guarded(source: str, read: Callable[[], Iterator[Item]]) -> Iterator[Item]:
    """Yield what ``read`` yields, turning a raised InputError or OSError into an item."""
    try:
        yield from read()
    except InputError as error:
        yield error
    except OSError as error:
        yield InputError(source, f"cannot read: {error.strerror or first_line(error)}")


def _read_bounded(path: Path, source: str, max_bytes: int) -> bytes:
    """The file's bytes, refusing (unread) a regular file over ``max_bytes``."""
    with path.open("rb") as stream:
        status = os.fstat(stream.fileno())
        if stat.S_ISREG(status.st_mode) and status.st_size > max_bytes:
            raise InputError(source, too_large(status.st_size, max_bytes))
        # A pipe (or a file still growing) has no trustworthy size: read one byte past the
        # limit to know whether it is over.
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(source, too_large(None, max_bytes))
    return data


def _read_stdin(max_bytes: int) -> Document:
    if sys.stdin is None:
        raise InputError(STDIN, "standard input is closed")
    stream = getattr(sys.stdin, "buffer", sys.stdin)
    data = stream.read(max_bytes + 1)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > max_bytes:
        raise InputError(STDIN, too_large(None, max_bytes))
    return read_html(data, STDIN) if looks_like_html(data) else read_text(data, STDIN)
