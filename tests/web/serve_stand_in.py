"""``python serve_stand_in.py PORT [WORKERS [CORPUS]]``: the real server (uvicorn,
redline.web.server) over the stand-in analysis, for tests that need sockets, signals or a
browser."""

from __future__ import annotations

import sys
from pathlib import Path

from stand_in_app import stand_in_app

from redline.web.server import serve
from redline.web.settings import ServiceSettings

if __name__ == "__main__":
    port = int(sys.argv[1])
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    corpus = Path(sys.argv[3]) if len(sys.argv) > 3 else None
    settings = ServiceSettings(workers=workers, time_limit=60.0, corpus=corpus)
    serve(stand_in_app(settings), "127.0.0.1", port)
