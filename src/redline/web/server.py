"""Running the app under uvicorn, the way ``redline serve`` does.

One server process (its event loop reads, checks and routes requests) with the analysis
workers as its child processes. On SIGTERM or Ctrl-C, uvicorn stops accepting connections,
gives requests in flight ``GRACE_SECONDS`` to finish, then cancels them; cancelling a request
ends its worker, and the app's shutdown ends the rest, so the server is gone within a few seconds.
"""

from __future__ import annotations

from fastapi import FastAPI

GRACE_SECONDS = 2


def serve(app: FastAPI, host: str, port: int) -> None:
    """Serve ``app`` on ``host:port`` until SIGTERM or Ctrl-C."""
    import uvicorn

    uvicorn.run(
        app,
        host=host,
        port=port,
        timeout_graceful_shutdown=GRACE_SECONDS,
        server_header=False,
        log_level="info",
    )
