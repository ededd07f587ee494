"""HTML pages: trafilatura extracts the main text, the reader comments and the metadata.

Comments follow the main text after a blank-line gap, and their stretch is recorded in
``metadata.extra["regions"]`` so that the structure analyzer treats it as reader comments.

>>> page = b"<html><body><article><p>Talks resume in Geneva.</p></article></body></html>"
>>> read_html(page, "page.html").text
'Talks resume in Geneva.'
"""

from __future__ import annotations

from typing import Any

import trafilatura

from redline.dates import iso_day
from redline.document import Document, Metadata
from redline.errors import InputError
from redline.readers.decoding import declared_charset, decode_bytes, first_line
from redline.readers.text import encoding_note

COMMENTS_GAP = "\n\n\n\n"
NO_MAIN_TEXT = "no main text found in this HTML page"
_SNIFF_BYTES = 4096
# trafilatura already drops script, style, iframe and event-handler attributes; <noscript>
# holds only "enable JavaScript" boilerplate and tracking pixels, never article text.
_PRUNE_XPATH = ["//noscript"]


def looks_like_html(data: bytes) -> bool:
    """Whether ``data`` (from stdin or an unknown extension) starts like an HTML page."""
    head = data[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<") and any(
        tag in head for tag in (b"<html", b"<!doctype html", b"<body")
    )


def read_html(data: bytes, source: str) -> Document:
    """The Document of an HTML page's bytes; raises InputError when nothing can be extracted."""
    html, encoding = decode_bytes(data, source, declared=declared_charset(data))
    fields = _extract(html, source)
    main = fields.get("text") or ""
    if not main.strip():
        raise InputError(source, NO_MAIN_TEXT)
    extra: dict[str, Any] = encoding_note(encoding)
    text = main
    comments = fields.get("comments") or ""
    if comments.strip():
        text = main + COMMENTS_GAP + comments
        start = len(main) + len(COMMENTS_GAP)
        extra["regions"] = [{"kind": "comments", "start": start, "end": len(text)}]
    if fields.get("url"):
        extra["url"] = fields["url"]
    return Document.from_text(text, _metadata(fields, source, extra))


def _metadata(fields: dict[str, Any], source: str, extra: dict[str, Any]) -> Metadata:
    return Metadata(
        title=fields.get("title") or None,
        author=fields.get("author") or None,
        date=iso_day(fields.get("date")),
        standfirst=fields.get("description") or None,
        outlet=fields.get("sitename") or None,
        language=fields.get("language") or None,
        source=source,
        extra=extra,
    )


def _extract(html: str, source: str) -> dict[str, Any]:
    try:
        result = trafilatura.bare_extraction(
            html,
            include_comments=True,
            with_metadata=True,
            include_tables=True,
            prune_xpath=_PRUNE_XPATH,
        )
    # Why so broad: lxml and trafilatura's fallbacks raise assorted errors on broken pages,
    # and one broken page must not stop a batch.
    except Exception as error:
        raise InputError(source, f"cannot parse this HTML page: {first_line(error)}") from error
    if result is None:
        return {}
    return result if isinstance(result, dict) else result.as_dict()
