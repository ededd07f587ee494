"""Reports of an analysed Document: terminal text, JSON, JSON Lines, Markdown and HTML.

>>> from redline.document import Document
>>> render(Document.from_text("Hello."), "jsonl").count("\\n")
0
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial

from redline.document import Document
from redline.errors import ConfigError
from redline.render.html import render_html
from redline.render.markdown import render_markdown
from redline.render.terminal import print_report, render_text

__all__ = ["FORMATS", "print_report", "render", "render_html", "render_markdown", "render_text"]


def _json(document: Document, **_options: object) -> str:
    return document.to_json()


def _jsonl(document: Document, **_options: object) -> str:
    return document.to_json(indent=None)


_RENDERERS: dict[str, Callable[..., str]] = {
    "text": render_text,
    "json": _json,
    "jsonl": _jsonl,
    "md": render_markdown,
    "html": partial(render_html, standalone=True),
}

FORMATS: tuple[str, ...] = tuple(_RENDERERS)
"""The report formats :func:`render` accepts."""


def render(
    document: Document,
    fmt: str,
    *,
    full: bool = False,
    min_confidence: Mapping[str, float] | None = None,
) -> str:
    """The report of ``document`` in format ``fmt`` (one of :data:`FORMATS`).

    Text and Markdown reports hold the summary and the claims at rung 2 or above unless
    ``full``; the HTML report holds everything and opens its other sections when ``full``;
    Text, Markdown and HTML leave out findings below their layer's ``min_confidence`` (``None``:
    the default of :class:`redline.config.RedlineConfig`); JSON always holds everything.

    >>> render(Document.from_text("Hi."), "json").startswith("{")
    True
    """
    try:
        renderer = _RENDERERS[fmt]
    except KeyError:
        raise ConfigError(
            f"unknown report format {fmt!r}; expected one of {', '.join(FORMATS)}"
        ) from None
    return renderer(document, full=full, min_confidence=min_confidence)
