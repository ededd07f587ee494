"""The HTTP service: JSON in, the same pipeline as the CLI and the library, JSON (or a report) out.

>>> from redline.web import create_app   # doctest: +SKIP
>>> app = create_app()                   # serve with: redline serve --port 8000
"""

from redline.web.app import create_app

__all__ = ["create_app"]
