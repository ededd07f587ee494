"""The library's entry points: a text, a file, or many files in, analysed Documents out.

- :func:`analyze` takes the text itself (or a Document). A string is always text, even one
  that happens to name a file, so a mistyped file name is never analysed as if it were the
  article.
- :func:`analyze_file` reads one document from a file (``.txt``, ``.md``, ``.html``).
- :func:`analyze_many` reads files, directories and corpora (``.jsonl``, ``.csv``,
  ``.parquet``) and analyses them in batches, with several processes if asked.

>>> import redline
>>> redline.analyze("Host: Will they strike?\\nGuest: They will not.")     # doctest: +SKIP
>>> redline.analyze_file("article.html")                                   # doctest: +SKIP
>>> for doc in redline.analyze_many(["corpus.jsonl"], n_process=4):        # doctest: +SKIP
...     print(doc.id, len(doc.layer("claims")))
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal, overload

from redline.config import RedlineConfig
from redline.document import Document, Metadata
from redline.errors import AnalysisFailed, InputError
from redline.pipeline import Pipeline

CORPUS_SUFFIXES = (".jsonl", ".csv", ".parquet")
"""Files that hold many documents: :func:`analyze_file` refuses them, :func:`analyze_many` reads
them."""
StrPath = str | os.PathLike[str]

_pipelines: dict[tuple[tuple[str, ...], str | None, str], Pipeline] = {}


def get_pipeline(config: RedlineConfig) -> Pipeline:
    """The pipeline for ``config``, built once per process."""
    settings = json.dumps(config.analyzer_options, sort_keys=True)
    key = (config.analyzers, config.pipeline, settings)
    if key not in _pipelines:
        _pipelines[key] = Pipeline.from_config(config)
    return _pipelines[key]


def analyze(
    text: str | Document,
    *,
    config: RedlineConfig | None = None,
    metadata: Metadata | None = None,
) -> Document:
    """Analyse ``text`` (or a Document) and return the annotated Document.

    A string is always the text to analyse, even when it names a file (a warning says so);
    read a file with :func:`analyze_file`, many with :func:`analyze_many`.

    >>> doc = analyze("Host: Will they strike?\\nGuest: They will not.")   # doctest: +SKIP
    >>> doc.table("structure")                                             # doctest: +SKIP
    """
    if isinstance(text, Document):
        document = text
    elif isinstance(text, str):
        if _names_file(text):
            warnings.warn(
                f"analyze() got {text!r}, which names a file; it was analysed as text. To read "
                f"the file, call redline.analyze_file({text!r})",
                UserWarning,
                stacklevel=2,
            )
        document = Document.from_text(text, metadata)
    else:
        hint = (
            f"; to read the file, call redline.analyze_file({os.fspath(text)!r})"
            if isinstance(text, os.PathLike)
            else ""
        )
        raise TypeError(
            f"analyze() takes the text itself (a str) or a Document, got "
            f"{type(text).__name__}{hint}"
        )
    return get_pipeline(config or RedlineConfig()).run(document)


def analyze_file(path: StrPath, *, config: RedlineConfig | None = None) -> Document:
    """Read one document from ``path`` (``.txt``, ``.md``, ``.html``...) and analyse it.

    A corpus file (``.jsonl``, ``.csv``, ``.parquet``) or a directory holds many documents and
    is refused: use :func:`analyze_many`. A file that cannot be read is an
    :class:`~redline.errors.InputError` naming it.

    >>> doc = analyze_file("src/redline/samples/interview.txt")              # doctest: +SKIP
    """
    config = config or RedlineConfig()
    path = Path(path)
    if path.suffix.lower() in CORPUS_SUFFIXES or path.is_dir():
        what = "a directory" if path.is_dir() else f"a {path.suffix.lower()} corpus"
        raise InputError(
            path,
            f"{what} holds many documents; analyse it with redline.analyze_many([{str(path)!r}]) "
            "(or `redline analyze` on the command line)",
        )
    from redline.readers import read_sources

    for item in read_sources([str(path)], max_bytes=config.max_bytes):
        if isinstance(item, InputError):
            raise item
        return get_pipeline(config).run(item)
    raise InputError(path, "contains no document")


@overload
def analyze_many(
    sources: Iterable[StrPath | Document],
    *,
    config: RedlineConfig | None = ...,
    n_process: int = ...,
    batch_size: int = ...,
    errors: Literal["raise"] = ...,
) -> Iterator[Document]: ...


@overload
def analyze_many(
    sources: Iterable[StrPath | Document],
    *,
    config: RedlineConfig | None = ...,
    n_process: int = ...,
    batch_size: int = ...,
    errors: Literal["return"],
) -> Iterator[Document | InputError | AnalysisFailed]: ...


def analyze_many(
    sources: Iterable[StrPath | Document],
    *,
    config: RedlineConfig | None = None,
    n_process: int = 1,
    batch_size: int = 16,
    errors: Literal["raise", "return"] = "raise",
) -> Iterator[Document] | Iterator[Document | InputError | AnalysisFailed]:
    """Analyse many documents, streamed, in order, with ``n_process`` worker processes.

    A source is a file, a directory (read recursively), a corpus file (``.jsonl``, ``.csv``,
    ``.parquet``: one document per record) or a Document (texts: ``Document.from_text(t)``).
    Nothing is read whole: documents go to the workers in batches of ``batch_size``.
    ``errors="raise"`` stops at the first input that cannot be read or analysed;
    ``errors="return"`` yields its :class:`~redline.errors.InputError` or
    :class:`~redline.errors.AnalysisFailed` instead and goes on.

    Workers are forked (POSIX): on macOS and Windows, call it under
    ``if __name__ == "__main__":``.

    >>> for doc in analyze_many(["corpus.jsonl", "articles/"], n_process=4):  # doctest: +SKIP
    ...     print(doc.id, doc.metadata.title)
    """
    if errors not in ("raise", "return"):
        raise ValueError(f"errors must be 'raise' or 'return', got {errors!r}")
    config = config or RedlineConfig()
    problems: list[InputError] = []
    documents = _documents(sources, config, problems, raise_problems=errors == "raise")
    results = get_pipeline(config).pipe(
        documents, n_process=n_process, batch_size=batch_size, errors=errors
    )
    return _interleaved(results, problems)


def _documents(
    sources: Iterable[StrPath | Document],
    config: RedlineConfig,
    problems: list[InputError],
    *,
    raise_problems: bool,
) -> Iterator[Document]:
    from redline.readers import read_sources

    for source in sources:
        if isinstance(source, Document):
            yield source
            continue
        if not isinstance(source, str | os.PathLike):
            raise TypeError(
                f"analyze_many() takes paths or Documents, got {type(source).__name__}; wrap a "
                "text as Document.from_text(text)"
            )
        for item in read_sources([os.fspath(source)], max_bytes=config.max_bytes):
            if isinstance(item, InputError):
                if raise_problems:
                    raise item
                problems.append(item)
            else:
                yield item


def _interleaved(
    results: Iterator[Document | AnalysisFailed], problems: list[InputError]
) -> Iterator[Document | InputError | AnalysisFailed]:
    """The pipeline's results, with each read problem yielded soon after it was met."""
    for result in results:
        while problems:
            yield problems.pop(0)
        yield result
    yield from problems


def _names_file(text: str) -> bool:
    if "\n" in text or len(text) > 4096:
        return False
    try:
        return Path(text).is_file()
    except (OSError, ValueError):  # a name too long, or with a NUL, names no file
        return False
