"""A thin FastAPI app over the library: request models in, :func:`redline.analysis` out.

Endpoints: ``GET /health``, ``GET /ladder``, ``GET /techniques``, ``POST /analyze`` (a text
and optional metadata; ``?format=json|html|md`` picks the answer's form). Analysis is CPU
work, so the endpoint is a plain function that FastAPI runs in its thread pool; one lock keeps
the shared spaCy pipeline to one document at a time. Run several worker processes
(``redline serve --workers N``) to use several cores.
"""

from __future__ import annotations

import threading
from enum import Enum
from typing import Any

from fastapi import FastAPI, HTTPException, Query
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from pydantic import BaseModel, Field

from redline import __version__
from redline.config import RedlineConfig
from redline.document import Document, Metadata
from redline.errors import RedlineError


class AnalyzeRequest(BaseModel):
    """One document to analyse."""

    text: str = Field(description="The document's text, exactly as it should be cited.")
    metadata: Metadata | None = Field(default=None, description="What is known besides the text.")


class ReportFormat(str, Enum):
    json = "json"
    html = "html"
    md = "md"


def create_app(config: RedlineConfig | None = None) -> FastAPI:
    """The service for ``config`` (analyzers, spaCy pipeline, size limit); the pipeline loads
    on the first request, once per process."""
    config = config or RedlineConfig()
    app = FastAPI(title="Redline", version=__version__,
                  description="Evidence-linked analysis of geopolitical commentary.")
    lock = threading.Lock()

    @app.get("/health")
    def health() -> dict[str, Any]:
        return {"status": "ok", "version": __version__, "analyzers": list(config.analyzers)}

    @app.get("/ladder")
    def ladder() -> dict[str, Any]:
        from redline.lexicon import LADDER, LADDER_EXAMPLES

        return {"levels": [{"level": level, "what": what, "examples": LADDER_EXAMPLES[level]}
                           for level, what in LADDER.items()]}

    @app.get("/techniques")
    def techniques() -> dict[str, Any]:
        from redline.techniques import TECHNIQUES

        return {"techniques": [{"name": t.name, "category": t.category, "definition": t.definition}
                               for t in TECHNIQUES.values()]}

    @app.post("/analyze", response_model=None)
    def analyze(request: AnalyzeRequest, format: ReportFormat = Query(ReportFormat.json)) -> Response:  # noqa: A002
        document = _analysed(request, config, lock)
        if format is ReportFormat.html:
            from redline.render import render

            return HTMLResponse(render(document, "html"))
        if format is ReportFormat.md:
            from redline.render import render

            return PlainTextResponse(render(document, "md"), media_type="text/markdown")
        return Response(document.to_json(indent=None), media_type="application/json")

    return app


def _analysed(request: AnalyzeRequest, config: RedlineConfig, lock: threading.Lock) -> Document:
    size = len(request.text.encode("utf-8"))
    if size > config.max_bytes:
        raise HTTPException(413, f"text is {size:,} bytes; the limit is {config.max_bytes:,} (max_bytes)")
    if not request.text.strip():
        raise HTTPException(422, "text is empty: send the document's text in the 'text' field")
    from redline.analysis import get_pipeline

    document = Document.from_text(request.text, request.metadata)
    try:
        with lock:
            return get_pipeline(config).run(document)
    except RedlineError as error:
        raise HTTPException(422, str(error)) from error


def app_from_environment() -> FastAPI:
    """The app for multi-process serving: each worker reads ``REDLINE_CONFIG`` itself."""
    import os

    path = os.environ.get("REDLINE_CONFIG")
    return create_app(RedlineConfig.from_toml(path) if path else RedlineConfig())
