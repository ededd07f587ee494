"""``redline serve``: the HTTP service (FastAPI on uvicorn)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes (each loads the models once).")] = 1,
    config: Annotated[Path | None, typer.Option(help="A TOML file with a [redline] table.")] = None,
) -> None:
    """Serve the analysis over HTTP: POST /analyze, GET /health, /ladder, /techniques."""
    import uvicorn

    from redline.cli import _config

    settings = _config(config)
    if workers > 1:
        import os

        if config is not None:
            os.environ["REDLINE_CONFIG"] = str(config)
        uvicorn.run("redline.web.app:app_from_environment", factory=True, host=host, port=port, workers=workers)
    else:
        from redline.web import create_app

        uvicorn.run(create_app(settings), host=host, port=port)
