"""The HTTP service: JSON in, the same pipeline as the CLI and the library, JSON (or a report) out.

>>> from redline.web import create_app, ServiceSettings   # doctest: +SKIP
>>> app = create_app(settings=ServiceSettings(workers=2))  # serve with: redline serve --port 8000
"""

from redline.web.app import create_app
from redline.web.settings import ServiceSettings

__all__ = ["ServiceSettings", "create_app"]
