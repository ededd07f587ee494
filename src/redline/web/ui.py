"""The web page at ``/``: analyse pasted text or uploaded files, and browse a corpus store.

The page and its scripts are files in ``redline/web/static`` (plain DOM JavaScript, no inline
script), and Plotly's JavaScript is the copy inside the installed ``plotly`` package: nothing is
fetched from elsewhere, so the page's policy is ``script-src 'self'``.

Endpoints (the JSON ones sit behind the same token and rate limit as ``/analyze``):

- ``POST /ui/api/read?name=FILE``: an uploaded file's bytes -> its documents;
- ``GET /ui/api/settings``: the server's report thresholds, which the page's controls start at;
- ``POST /ui/api/reports``: one document -> analysed by the worker pool (the same path as
  ``/analyze``) -> a summary and the address of its HTML report (``?min_confidence=LAYER=VALUE``
  overrides the configured thresholds, as on ``/analyze``);
- ``GET /ui/reports/{id}``: that report, to show in the page's frame (the id is a random
  capability, since a frame cannot send the token);
- ``GET /ui/api/corpus...``: the corpus named by ``--corpus`` at start, read-only. The browser
  never names a path on the server: a page that could would let anyone who reaches it open any
  DuckDB file the server may read.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import secrets
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.params import Depends as DependsParam
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from redline.web import corpus_views
from redline.web.body import BodyLimits, read_body
from redline.web.settings import ServiceSettings
from redline.web.thresholds import Overrides, effective, page_defaults
from redline.web.uploads import UploadError, read_upload
from redline.web.worker import Outcome

if TYPE_CHECKING:
    from redline.store.api import Corpus

T = TypeVar("T")
STATIC = Path(__file__).resolve().parent / "static"
# The page loads only this server's files; Plotly's charts set styles through the CSSOM, which a
# policy does not govern, so styles too can stay 'self'.
UI_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'none'"
)
MAX_REPORTS = 200
MAX_REPORT_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class UiContext:
    """What the page's routes need from the app: settings, body limits, guards, the analysis
    (a request, the answer's form, the report thresholds) and the configured thresholds."""

    settings: ServiceSettings
    limits: BodyLimits
    guards: list[DependsParam]
    analyse: Callable[[Request, str, Mapping[str, float]], Awaitable[Outcome | None]]
    thresholds: Mapping[str, float]


class ReportCache:
    """Rendered reports by random id, the oldest dropped past ``entries`` or ``size`` bytes."""

    def __init__(self, entries: int = MAX_REPORTS, size: int = MAX_REPORT_BYTES) -> None:
        self._reports: OrderedDict[str, tuple[str, str | None]] = OrderedDict()
        self._entries, self._size, self._bytes = entries, size, 0

    def add(self, page: str, csp: str | None) -> str:
        """Keep ``page`` (with its own policy); its id."""
        report_id = secrets.token_urlsafe(18)
        self._reports[report_id] = (page, csp)
        self._bytes += len(page)
        while len(self._reports) > self._entries or self._bytes > self._size:
            _, (old, _) = self._reports.popitem(last=False)
            self._bytes -= len(old)
        return report_id

    def get(self, report_id: str) -> tuple[str, str | None] | None:
        return self._reports.get(report_id)


def plotly_js() -> Path | None:
    """The ``plotly.min.js`` shipped inside the installed plotly package (None without it)."""
    spec = importlib.util.find_spec("plotly")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "package_data" / "plotly.min.js"
        if path.is_file():
            return path
    return None


def query_filters(
    since: dt.date | None = None,
    until: dt.date | None = None,
    author: str | None = None,
    outlet: str | None = None,
    speaker: str | None = None,
    actor: str | None = None,
    stance: str | None = None,
    rung: Annotated[int | None, Query(ge=0, le=10)] = None,
) -> corpus_views.Filters:
    """The corpus filters from the query string (the page leaves out the empty ones)."""
    return corpus_views.Filters(since, until, author, outlet, speaker, actor, stance, rung)


# Module level: FastAPI resolves the (postponed) annotations that name it in this module's globals.
Chosen = Annotated[corpus_views.Filters, Depends(query_filters)]


def add_ui(app: FastAPI, context: UiContext) -> None:
    """Serve the page, its files and its JSON endpoints on ``app``."""
    app.mount("/ui/static", StaticFiles(directory=STATIC), name="ui-static")
    reports = ReportCache()
    page = (STATIC / "index.html").read_text(encoding="utf-8")

    @app.get("/", include_in_schema=False)
    def index() -> HTMLResponse:
        return HTMLResponse(page, headers={"Content-Security-Policy": UI_CSP})

    @app.get("/ui/plotly.min.js", include_in_schema=False)
    def plotly() -> Response:
        path = plotly_js()
        if path is None:
            raise HTTPException(404, "plotly is not installed: pip install plotly")
        return FileResponse(path, media_type="text/javascript")

    @app.get("/ui/reports/{report_id}", include_in_schema=False)
    def report(report_id: str) -> HTMLResponse:
        found = reports.get(report_id)
        if found is None:
            raise HTTPException(
                404, "no such report: reports are kept in memory for a while, analyse it again"
            )
        html, csp = found
        headers = {"X-Frame-Options": "SAMEORIGIN"}
        if csp:  # framed by the page, as its own document with its own policy
            headers["Content-Security-Policy"] = f"{csp}; frame-ancestors 'self'"
        return HTMLResponse(html, headers=headers)

    guards = context.guards

    @app.post("/ui/api/read", dependencies=guards, tags=["web page"])
    async def read(request: Request, name: Annotated[str, Query(max_length=255)]) -> Any:
        """The documents in an uploaded file (the body: its bytes; ``name``: its file name)."""
        data = await read_body(request, context.limits.body_bytes)
        try:
            documents, problems = await run_in_threadpool(
                read_upload, data, name, max_bytes=context.limits.text_bytes
            )
        except UploadError as error:
            raise HTTPException(
                415 if "expected a file" in str(error) else 413, str(error)
            ) from None
        return {"source": name, "documents": documents, "problems": problems}

    @app.get("/ui/api/settings", dependencies=guards, tags=["web page"])
    async def report_settings() -> Any:
        """The report thresholds this server uses unless a request names others."""
        return {"min_confidence": page_defaults(context.thresholds)}

    @app.post("/ui/api/reports", dependencies=guards, tags=["web page"])
    async def analyse(request: Request, overrides: Overrides) -> Any:
        """Analyse one document (the body of ``POST /analyze``); its summary and report, which
        hides the findings below ``min_confidence`` (LAYER=VALUE, repeatable)."""
        thresholds = effective(context.thresholds, overrides)
        outcome = await context.analyse(request, "ui", thresholds)
        if outcome is None:
            return Response(status_code=499)
        if outcome.status != 200:
            return Response(outcome.body, outcome.status, media_type=outcome.media_type)
        answer = json.loads(outcome.body)
        report_id = reports.add(answer["html"], answer.get("csp"))
        return {"summary": answer["summary"], "report": f"ui/reports/{report_id}"}

    _add_corpus_routes(app, context, reports)


def _add_corpus_routes(app: FastAPI, context: UiContext, reports: ReportCache) -> None:
    corpus_path = context.settings.corpus
    guards = context.guards

    async def ask(question: Callable[[Corpus], T]) -> T:
        if corpus_path is None:
            raise HTTPException(
                404, "this server has no corpus: start it with `redline serve --corpus PATH`"
            )

        def answer() -> T:
            with corpus_views.open_corpus(corpus_path) as corpus:
                return question(corpus)

        from redline.store.errors import StoreError

        try:
            return await run_in_threadpool(answer)
        except corpus_views.NotFound as error:
            raise HTTPException(404, str(error)) from None
        except StoreError as error:  # in use by a writer, not a corpus, a newer schema
            raise HTTPException(503, _first_line(error), headers={"Retry-After": "5"}) from None
        except ValueError as error:
            raise HTTPException(422, _first_line(error)) from None

    @app.get("/ui/api/corpus", dependencies=guards, tags=["web page"])
    async def overview() -> Any:
        """Whether a corpus is open; its size and the values each filter can take."""
        if corpus_path is None:
            return {"available": False}
        return {"available": True, "name": corpus_path.name, **await ask(corpus_views.overview)}

    @app.get("/ui/api/corpus/documents", dependencies=guards, tags=["web page"])
    async def documents(chosen: Chosen) -> Any:
        """Documents matching the filters (dates inclusive; rung: the lowest ladder level)."""
        return await ask(lambda corpus: corpus_views.documents(corpus, chosen))

    @app.get("/ui/api/corpus/claims", dependencies=guards, tags=["web page"])
    async def claims(chosen: Chosen) -> Any:
        """Claims matching the filters, with their quotes."""
        return await ask(lambda corpus: corpus_views.claims(corpus, chosen))

    @app.get("/ui/api/corpus/redlines", dependencies=guards, tags=["web page"])
    async def redlines(chosen: Chosen) -> Any:
        """Each actor's red lines in date order, within the filters."""
        return await ask(lambda corpus: corpus_views.redline_timeline(corpus, chosen))

    @app.get("/ui/api/corpus/charts/{view}", dependencies=guards, tags=["web page"])
    async def chart(view: str, chosen: Chosen, by: str = "author", every: str = "month") -> Any:
        """A trends chart as Plotly's figure JSON (views: trends, techniques, actors, ...)."""
        figure = await ask(
            lambda corpus: corpus_views.chart(corpus, view, by=by, every=every, filters=chosen)
        )
        return JSONResponse(figure)

    @app.get("/ui/api/corpus/documents/{doc_id}", dependencies=guards, tags=["web page"])
    async def document(doc_id: str) -> Any:
        """One stored document's text and metadata."""
        return await ask(lambda corpus: corpus_views.document_text(corpus, doc_id))

    @app.post("/ui/api/corpus/documents/{doc_id}/report", dependencies=guards, tags=["web page"])
    async def stored_report(doc_id: str, overrides: Overrides) -> Any:
        """The HTML report of one stored document, as it was analysed (nothing is re-run),
        without the findings below ``min_confidence`` (LAYER=VALUE, repeatable)."""
        from redline.web.worker import render

        thresholds = effective(context.thresholds, overrides)

        def rendered(corpus: Corpus) -> Outcome:
            if not corpus.con.execute("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchall():
                raise corpus_views.NotFound(f"the corpus holds no document {doc_id!r}")
            return render(corpus.document(doc_id), "ui", thresholds)

        answer = json.loads((await ask(rendered)).body)
        report_id = reports.add(answer["html"], answer.get("csp"))
        return {"summary": answer["summary"], "report": f"ui/reports/{report_id}"}


def _first_line(error: Exception) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
