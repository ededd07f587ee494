"""``redline serve``: the HTTP service (FastAPI on uvicorn, analysis in worker processes)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from redline.cli.options import AnalyzerSettings, MinConfidence
from redline.web.settings import PUBLIC_RATE_LIMIT, ServiceSettings

# The help shows the defaults that ServiceSettings holds; unset options leave them to it.
DEFAULTS = ServiceSettings()


def serve(
    host: Annotated[
        str, typer.Option(help="Interface to listen on; off loopback a token is required.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            help=f"Analysis processes, each loading the models once (default {DEFAULTS.workers}).",
        ),
    ] = None,
    config: Annotated[
        Path | None, typer.Option(help="A TOML file with a \\[redline] table.")
    ] = None,
    time_limit: Annotated[
        float | None,
        typer.Option(
            min=0.1,
            help=f"Seconds a request may take before 503 (default {DEFAULTS.time_limit:g}).",
        ),
    ] = None,
    rate_limit: Annotated[
        int | None,
        typer.Option(
            min=0,
            help=f"Requests a minute per client; 0: none (default {PUBLIC_RATE_LIMIT} off "
            "loopback, else 0).",
        ),
    ] = None,
    corpus: Annotated[
        Path | None,
        typer.Option(help="A corpus store the web page at / may browse (read-only)."),
    ] = None,
    insecure: Annotated[
        bool, typer.Option("--insecure", help="Serve off loopback without a bearer token.")
    ] = False,
    analyzer_settings: AnalyzerSettings = None,
    min_confidence: MinConfidence = None,
) -> None:
    """Serve the analysis over HTTP: the web page at /, POST /analyze, GET /health, /ladder,
    /techniques, /docs.

    The bearer token comes from REDLINE_TOKEN (an option would show in the process list).
    """
    from redline.cli import _config, _thresholds, _updated, _usage_error
    from redline.errors import ConfigError
    from redline.web import create_app
    from redline.web.server import serve as run_server
    from redline.web.settings import TOKEN_VARIABLE

    settings_for_analysis = _updated(
        _config(config), analyzer_settings, min_confidence=_thresholds(min_confidence)
    )
    try:
        settings = ServiceSettings.for_address(
            host,
            token=os.environ.get(TOKEN_VARIABLE) or None,
            insecure=insecure,
            workers=workers,
            time_limit=time_limit,
            rate_limit=rate_limit,
            corpus=corpus,
        )
    except ConfigError as error:
        _usage_error(str(error))
        return
    run_server(create_app(settings_for_analysis, settings), host, port)
