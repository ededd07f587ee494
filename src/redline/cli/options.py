"""Command-line options that several commands share, declared once.

Each is an ``Annotated`` type for a Typer parameter: ``pipeline: PipelineName = None``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from redline.config import DEFAULT_MIN_CONFIDENCE

# "\\[" keeps Rich from reading "[redline]" in the help as a markup tag.
ConfigFile = Annotated[
    Path | None, typer.Option("--config", help="TOML file with a \\[redline] table.")
]
PipelineName = Annotated[
    str | None, typer.Option("--pipeline", help="spaCy pipeline name or path.")
]
MaxBytes = Annotated[
    int | None, typer.Option("--max-bytes", help="Largest input accepted, in bytes.", min=1)
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]
AnalyzerSettings = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        help="An analyzer's setting, ANALYZER.PARAMETER=VALUE (repeatable; 'none' for None), "
        "e.g. claims.model=none for the claim rules without their model.",
    ),
]

_DEFAULT_THRESHOLDS = ", ".join(f"{k}={v:g}" for k, v in DEFAULT_MIN_CONFIDENCE.items())
MinConfidence = Annotated[
    list[str] | None,
    typer.Option(
        "--min-confidence",
        metavar="LAYER=VALUE",
        help="Hide a layer's findings below this confidence in text, Markdown and HTML "
        f"reports (repeatable; default {_DEFAULT_THRESHOLDS}; JSON keeps all).",
    ),
]

__all__ = [
    "AnalyzerSettings",
    "ConfigFile",
    "MaxBytes",
    "MinConfidence",
    "PipelineName",
    "Quiet",
]
