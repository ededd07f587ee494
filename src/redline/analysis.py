"""The one-call entry point: text or path in, analysed Document out."""

from __future__ import annotations

import json
from pathlib import Path

from redline.config import RedlineConfig
from redline.document import Document, Metadata
from redline.errors import InputError
from redline.pipeline import Pipeline

_pipelines: dict[tuple[tuple[str, ...], str | None, str], Pipeline] = {}


def get_pipeline(config: RedlineConfig) -> Pipeline:
    """The pipeline for ``config``, built once per process."""
    settings = json.dumps(config.analyzer_options, sort_keys=True)
    key = (config.analyzers, config.pipeline, settings)
    if key not in _pipelines:
        _pipelines[key] = Pipeline.from_config(config)
    return _pipelines[key]


def analyze(
    text_or_path: str | Path | Document,
    *,
    config: RedlineConfig | None = None,
    metadata: Metadata | None = None,
) -> Document:
    """Analyse a text, a file path or a Document and return the annotated Document.

    A ``Path``, or a string naming an existing file, is read with Redline's readers (the
    first document of a corpus file); any other string is analysed as text.
    """
    config = config or RedlineConfig()
    if isinstance(text_or_path, Document):
        document = text_or_path
    elif isinstance(text_or_path, Path) or _names_file(text_or_path):
        document = _read_one(Path(text_or_path), config)
    else:
        document = Document.from_text(text_or_path, metadata)
    return get_pipeline(config).run(document)


def _names_file(text: str) -> bool:
    return "\n" not in text and len(text) < 4096 and Path(text).is_file()


def _read_one(path: Path, config: RedlineConfig) -> Document:
    from redline.readers import read_sources

    for item in read_sources([str(path)], max_bytes=config.max_bytes):
        if isinstance(item, InputError):
            raise item
        return item
    raise InputError(path, "contains no document")
