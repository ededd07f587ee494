"""``python serve_stand_in.py PORT [WORKERS]``: the real server (uvicorn, redline.web.server)
over the stand-in analysis, for tests that need sockets and signals."""

from __future__ import annotations

import sys

from stand_in_app import stand_in_app

from redline.web.server import serve
from redline.web.settings import ServiceSettings

if __name__ == "__main__":
    port = int(sys.argv[1])
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    serve(stand_in_app(ServiceSettings(workers=workers, time_limit=60.0)), "127.0.0.1", port)
