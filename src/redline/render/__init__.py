"""Reports of an analysed Document: terminal text, JSON, JSON Lines, Markdown and HTML.

>>> from redline.document import Document
>>> render(Document.from_text("Hello."), "jsonl").count("\\n")
0
"""

from __future__ import annotations

from collections.abc import Callable

from redline.document import Document
from redline.errors import ConfigError
from redline.render.html import render_html
from redline.render.markdown import render_markdown
from redline.render.terminal import print_report, render_text

__all__ = ["FORMATS", "print_report", "render", "render_html", "render_markdown", "render_text"]


def _json(document: Document) -> str:
    return document.to_json()


def _jsonl(document: Document) -> str:
    return document.to_json(indent=None)


def _html(document: Document) -> str:
    return render_html(document, standalone=True)


_RENDERERS: dict[str, Callable[[Document], str]] = {
    "text": render_text,
    "json": _json,
    "jsonl": _jsonl,
    "md": render_markdown,
    "html": _html,
}

FORMATS: tuple[str, ...] = tuple(_RENDERERS)
"""The report formats :func:`render` accepts."""


def render(document: Document, fmt: str) -> str:
    """The report of ``document`` in format ``fmt`` (one of :data:`FORMATS`).

    >>> render(Document.from_text("Hi."), "json").startswith("{")
    True
    """
    try:
        renderer = _RENDERERS[fmt]
    except KeyError:
        raise ConfigError(
            f"unknown report format {fmt!r}; expected one of {', '.join(FORMATS)}"
        ) from None
    return renderer(document)
