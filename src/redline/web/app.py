"""A thin FastAPI app over the library: a checked request in, :func:`redline.analysis` out.

Endpoints: ``GET /health``, ``GET /ladder``, ``GET /techniques``, ``POST /analyze`` (a text and
optional metadata; ``?format=json|html|md`` picks the answer's form, and
``?min_confidence=LAYER=VALUE`` overrides the configured report thresholds,
:mod:`redline.web.thresholds`), ``GET /docs``, and the web page at ``GET /`` with its own
endpoints under ``/ui`` (:mod:`redline.web.ui`).

The event loop only reads, checks and routes requests; the analysis runs in a bounded pool of
worker processes (:mod:`redline.web.pool`), each with the models loaded once, so a long text
does not hold up short ones. A request's time limit, or its client going away, ends its work.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any, TypeVar

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.params import Depends as DependsParam
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect
from starlette.types import Receive

from redline import __version__
from redline.config import RedlineConfig
from redline.web import worker
from redline.web.body import AnalyzeRequest, BodyLimits, parse_analyze_request, read_body
from redline.web.docs import add_docs, document_request_body
from redline.web.guards import BearerAuth, RateLimiter, SecurityHeaders
from redline.web.pool import JobFailed, JobTimedOut, PoolBusy, WorkerLost, WorkerPool
from redline.web.settings import ServiceSettings
from redline.web.thresholds import Overrides, effective
from redline.web.ui import UiContext, add_ui

T = TypeVar("T")
# Module level: FastAPI resolves the (postponed) annotations that name it in this module's globals.
BEARER = HTTPBearer(auto_error=False, description="The server's REDLINE_TOKEN.")
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "No bearer token, or the wrong one (when the server has a token)."},
    408: {"description": "The body did not arrive within the time limit."},
    413: {"description": "The body, the text or the metadata is over its limit."},
    422: {
        "description": "Not UTF-8 JSON, nested too deep, a lone surrogate, an empty text, "
        "not the request model, or a bad min_confidence."
    },
    429: {"description": "Too many requests from this client; see Retry-After."},
    503: {"description": "No worker was free, or the analysis ran past the time limit."},
}


class ReportFormat(StrEnum):
    json = "json"
    html = "html"
    md = "md"


def create_app(
    config: RedlineConfig | None = None,
    settings: ServiceSettings | None = None,
    *,
    pool: WorkerPool | None = None,
) -> FastAPI:
    """The service for ``config`` (what to analyse) and ``settings`` (how to serve it).

    The workers start with the app (its lifespan) and load the pipeline once each; ``pool``
    replaces them (tests pass one whose task is a stand-in for the analysis).
    """
    config = config or RedlineConfig()
    settings = settings or ServiceSettings()
    pool = pool or analysis_pool(config, settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await pool.start()
        try:
            yield
        finally:
            await pool.close()

    app = FastAPI(
        title="Redline",
        version=__version__,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        description="Evidence-linked analysis of geopolitical commentary.",
    )
    app.state.pool = pool
    app.add_middleware(SecurityHeaders)
    add_docs(app)
    _add_routes(app, config, settings, pool)
    document_request_body(app, "/analyze", AnalyzeRequest)
    return app


def analysis_pool(config: RedlineConfig, settings: ServiceSettings) -> WorkerPool:
    """The pool of ``settings.workers`` processes that analyse with ``config``."""
    return WorkerPool(
        settings.workers,
        initializer=worker.initialize,
        initargs=(config,),
        task=worker.analyse,
        max_waiting=settings.max_waiting,
    )


def _add_routes(
    app: FastAPI, config: RedlineConfig, settings: ServiceSettings, pool: WorkerPool
) -> None:
    guarded = _guards(settings)
    limits = BodyLimits(
        settings.body_limit(config.max_bytes),
        config.max_bytes,
        settings.max_metadata_bytes,
        settings.max_depth,
    )

    @app.get("/health")
    async def health() -> dict[str, Any]:  # async: reads the pool from the loop it runs on
        stats = pool.stats()
        return {
            "status": "ok",
            "version": __version__,
            "analyzers": list(config.analyzers),
            "workers": stats.size,
            "idle": stats.idle,
            "waiting": stats.waiting,
        }

    @app.get("/ladder", dependencies=guarded)
    def ladder() -> dict[str, Any]:
        from redline.claims.lexicon import LADDER, LADDER_EXAMPLES

        return {
            "levels": [
                {"level": level, "what": what, "examples": LADDER_EXAMPLES[level]}
                for level, what in LADDER.items()
            ]
        }

    @app.get("/techniques", dependencies=guarded)
    def techniques() -> dict[str, Any]:
        from redline.techniques import TECHNIQUES

        return {
            "techniques": [
                {"name": t.name, "category": t.category, "definition": t.definition}
                for t in TECHNIQUES.values()
            ]
        }

    analysis = _Analysis(settings, limits, pool)
    add_ui(app, UiContext(settings, limits, guarded, analysis.outcome, config.min_confidence))

    @app.post("/analyze", response_model=None, dependencies=guarded, responses=ERRORS)
    async def analyze(
        request: Request,
        overrides: Overrides,
        format: Annotated[ReportFormat, Query()] = ReportFormat.json,
    ) -> Response:
        """Analyse ``{"text": ..., "metadata": {...}}``; the Document JSON, or a report
        (``min_confidence``: thresholds of an HTML or Markdown report, as the CLI's)."""
        thresholds = effective(config.min_confidence, overrides)
        return await analysis.answer(request, format, thresholds)


@dataclass(frozen=True)
class _Analysis:
    """``POST /analyze``: read and check the body here, analyse in the pool, within the time."""

    settings: ServiceSettings
    limits: BodyLimits
    pool: WorkerPool

    async def answer(
        self, request: Request, form: ReportFormat, thresholds: Mapping[str, float]
    ) -> Response:
        outcome = await self.outcome(request, form.value, thresholds)
        if outcome is None:  # the client went away; its work was stopped, nobody reads this
            return Response(status_code=499)
        headers = {"Content-Security-Policy": outcome.csp} if outcome.csp else None
        return Response(
            outcome.body, status_code=outcome.status, media_type=outcome.media_type, headers=headers
        )

    async def outcome(
        self, request: Request, form: str, thresholds: Mapping[str, float]
    ) -> worker.Outcome | None:
        """The worker's answer to the request's document in ``form``, its reports without the
        findings below ``thresholds``; None if the client left."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.settings.time_limit
        body = await _body_in_time(request, self.limits.body_bytes, self.settings.time_limit)
        checked = await run_in_threadpool(parse_analyze_request, body, self.limits)
        job = worker.Job(checked.text, checked.metadata, form, dict(thresholds))
        large = len(checked.text.encode("utf-8")) > self.settings.large_bytes
        remaining = max(0.0, deadline - loop.time())
        return await self._run(request, job, large, remaining)

    async def _run(
        self, request: Request, job: worker.Job, large: bool, timeout: float
    ) -> worker.Outcome | None:
        try:
            outcome: worker.Outcome | None = await _unless_disconnected(
                request.receive, self.pool.run(job, large=large, timeout=timeout)
            )
        except (PoolBusy, JobTimedOut, WorkerLost, JobFailed) as error:
            raise _pool_error(error, self.settings) from None
        except asyncio.CancelledError:
            # uvicorn cancels the requests still running when its shutdown grace period ends
            # (the worker has been ended by then); say so, rather than let it send a bare 500.
            raise HTTPException(
                503, "the server is shutting down: retry shortly", headers={"Retry-After": "5"}
            ) from None
        return outcome


def _guards(settings: ServiceSettings) -> list[DependsParam]:
    """The rate limit, then the token: both run before the body is read."""
    guards: list[DependsParam] = []
    if settings.rate_limit:
        limiter = RateLimiter(settings.rate_limit)

        # async: the limiter's buckets are then only touched from the event loop's thread.
        async def rate_limited(request: Request) -> None:
            limiter.check(request)

        guards.append(Depends(rate_limited))
    if settings.token:
        auth = BearerAuth(settings.token)

        async def authorized(
            credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)],
        ) -> None:
            auth.check(credentials)

        guards.append(Depends(authorized))
    return guards


async def _body_in_time(request: Request, limit: int, time_limit: float) -> bytes:
    try:
        async with asyncio.timeout(time_limit):
            return await read_body(request, limit)
    except TimeoutError:
        raise HTTPException(
            408, f"the request body did not arrive within {time_limit:g} s (--time-limit)"
        ) from None
    except ClientDisconnect:
        raise HTTPException(
            400, "the client closed the connection before the body arrived"
        ) from None


async def _unless_disconnected(receive: Receive, work: Awaitable[T]) -> T | None:
    """The result of ``work``, or None once the client disconnects (``work`` is then cancelled,
    which ends its worker process)."""
    task = asyncio.ensure_future(work)
    watcher = asyncio.ensure_future(_disconnect(receive))
    try:
        await asyncio.wait({task, watcher}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        watcher.cancel()
        if not task.done():
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)  # the pool ends the worker
    return None if task.cancelled() else task.result()


async def _disconnect(receive: Receive) -> None:
    # The body has been read, so the next message the server has for us is the disconnect.
    while (await receive())["type"] != "http.disconnect":
        pass


def _pool_error(error: Exception, settings: ServiceSettings) -> HTTPException:
    if isinstance(error, JobTimedOut):
        return HTTPException(
            503,
            f"the analysis did not finish within the time limit of {settings.time_limit:g} s "
            "and was stopped: send a shorter text, or start the server with a larger --time-limit",
        )
    if isinstance(error, PoolBusy):
        return HTTPException(
            503, f"the service is busy ({error}): retry later", headers={"Retry-After": "5"}
        )
    if isinstance(error, WorkerLost):
        return HTTPException(500, f"{error}: retry, or send a shorter text")
    return HTTPException(500, f"the analysis failed: {error}")
