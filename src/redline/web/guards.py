"""What stands between a client and the workers: security headers, a bearer token, a rate limit.

* :class:`SecurityHeaders` wraps the whole app, so every answer (errors and 404s included)
  carries the headers, and an unexpected exception still becomes a one-line 500 that has them.
* :class:`BearerAuth` compares the token in constant time and answers 401 otherwise.
* :class:`RateLimiter` is a token bucket per client address: ``per_minute`` requests, a minute's
  worth at once; it answers 429 with ``Retry-After``. It runs before the body is read.
"""

from __future__ import annotations

import logging
import math
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable

from fastapi import HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials
from starlette.datastructures import MutableHeaders
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("redline.web")

# JSON answers load nothing, may not be framed, and send no referrer. Pages that need more
# (the docs, the HTML report) set their own Content-Security-Policy header.
STRICT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
SECURITY_HEADERS = {
    "content-security-policy": STRICT_CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-resource-policy": "same-origin",
}


class SecurityHeaders:
    """ASGI middleware: the security headers on every response, unless a route set its own."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            if started:
                raise
            # Without this, Starlette's own 500 would bypass these headers (it sits outside).
            log.exception("unexpected error in %s %s", scope.get("method"), scope.get("path"))
            answer = JSONResponse({"detail": "internal error: the server log has the details"}, 500)
            await answer(scope, receive, send_with_headers)


class BearerAuth:
    """Refuse requests without ``Authorization: Bearer <token>`` (401)."""

    def __init__(self, token: str) -> None:
        self._token = token.encode("utf-8")

    def check(self, credentials: HTTPAuthorizationCredentials | None) -> None:
        given = credentials.credentials.encode("utf-8") if credentials is not None else b""
        if credentials is None or credentials.scheme.lower() != "bearer":
            raise _unauthorized(
                "this service needs a bearer token: send 'Authorization: Bearer <token>'"
            )
        if not secrets.compare_digest(given, self._token):
            raise _unauthorized("the bearer token is not the server's (REDLINE_TOKEN)")


class RateLimiter:
    """A token bucket per client: ``per_minute`` requests a minute, a minute's worth at once.

    >>> limiter = RateLimiter(2, clock=lambda: 0.0)
    >>> [limiter.wait_for("a") for _ in range(3)]
    [0.0, 0.0, 30.0]
    """

    def __init__(
        self,
        per_minute: int,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_clients: int = 10_000,
    ) -> None:
        self.per_minute = per_minute
        self._clock = clock
        # Least recently seen first; the oldest are forgotten past max_clients, so a flood of
        # addresses cannot grow this without bound (a forgotten client starts with a full bucket).
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._max_clients = max_clients

    def wait_for(self, client: str) -> float:
        """Take one request from ``client``'s bucket: 0.0 if allowed, else seconds to wait."""
        now = self._clock()
        tokens, then = self._buckets.pop(client, (float(self.per_minute), now))
        tokens = min(float(self.per_minute), tokens + (now - then) * self.per_minute / 60.0)
        wait = 0.0
        if tokens >= 1.0:
            tokens -= 1.0
        else:
            wait = (1.0 - tokens) * 60.0 / self.per_minute
        self._buckets[client] = (tokens, now)
        if len(self._buckets) > self._max_clients:
            self._buckets.popitem(last=False)
        return wait

    def check(self, request: Request) -> None:
        """Raise 429 when the request's client has used up its requests."""
        client = request.client.host if request.client else "unknown"
        wait = self.wait_for(client)
        if wait > 0:
            raise HTTPException(
                429,
                f"too many requests from {client}: the limit is {self.per_minute} a minute "
                f"(--rate-limit); retry in {math.ceil(wait)} s",
                headers={"Retry-After": str(math.ceil(wait))},
            )


def _unauthorized(message: str) -> HTTPException:
    return HTTPException(401, message, headers={"WWW-Authenticate": 'Bearer realm="redline"'})
