"""HTML pages: main text, comments as a region, metadata, encodings, hostile markup."""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.document import Document
from redline.errors import InputError
from redline.readers import read_html, read_sources
from redline.readers.html import NO_MAIN_TEXT

ARTICLE = (
    "<p>The foreign minister said the talks in Geneva would resume next week despite the "
    "overnight strikes on the port.</p>"
    "<p>Officials on both sides described the first round as frank but constructive.</p>"
)
HEAD = (
    "<title>Talks resume | Daily Planet</title>"
    '<meta name="author" content="Jane Doe">'
    '<meta name="description" content="Negotiators return to Geneva.">'
    '<meta property="og:site_name" content="Daily Planet">'
    '<meta property="og:url" content="https://example.com/talks">'
    '<meta property="article:published_time" content="2024-03-05T10:00:00Z">'
)


def page(body: str, head: str = HEAD) -> bytes:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>".encode()


def read_page(tmp_path: Path, data: bytes, name: str = "page.html") -> Document | InputError:
    path = tmp_path / name
    path.write_bytes(data)
    [item] = read_sources([str(path)], max_bytes=5_000_000)
    return item


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    item = read_page(tmp_path, page(f"<nav>Home | World</nav><article>{ARTICLE}</article>"))
    assert isinstance(item, Document)
    assert "talks in Geneva would resume" in item.text
    assert "Home | World" not in item.text
    meta = item.metadata
    assert (meta.title, meta.author, meta.date) == ("Talks resume", "Jane Doe", "2024-03-05")
    assert (meta.standfirst, meta.outlet) == ("Negotiators return to Geneva.", "Daily Planet")
    assert meta.source == str(tmp_path / "page.html")
    assert meta.extra["url"] == "https://example.com/talks"
    assert "regions" not in meta.extra


def test_html_hostile_markup_never_reaches_the_text(tmp_path: Path) -> None:
    hostile = (
        "<script>alert(1)</script>"
        f'<article onload="alert(2)">{ARTICLE}'
        '<p>Read <a href="javascript:alert(3)">the statement</a> and see '
        '<img src="x" onerror="alert(4)"> the map.</p>'
        '<iframe src="javascript:alert(5)"></iframe>'
        "<script>document.write('alert(6)')</script>"
        "<noscript><p>alert(7) enable scripts</p></noscript>"
        '<p onclick="alert(8)">Click here.</p><svg><script>alert(9)</script></svg>'
        "<style>p { background: url(javascript:alert(10)) }</style>"
        "</article>"
    )
    item = read_page(tmp_path, page(hostile, head=HEAD + "<script>alert(0)</script>"))
    assert isinstance(item, Document)
    assert "talks in Geneva would resume" in item.text
    assert "the statement" in item.text
    for needle in ("alert(", "javascript:", "onerror", "onclick", "document.write"):
        assert needle not in item.text
        assert needle not in item.to_json()


def test_html_comments_marked_as_a_region(tmp_path: Path) -> None:
    comments = (
        '<div id="comments" class="comments"><h2>Comments</h2><ul>'
        '<li class="comment"><p>I disagree strongly with this analysis of the talks.</p></li>'
        '<li class="comment"><p>Great reporting, thank you.</p></li></ul></div>'
    )
    item = read_page(tmp_path, page(f"<article>{ARTICLE}</article>{comments}"))
    assert isinstance(item, Document)
    [region] = item.metadata.extra["regions"]
    assert region["kind"] == "comments"
    assert region["end"] == len(item.text)
    quoted = item.text[region["start"] : region["end"]]
    assert quoted.startswith("Comments") or quoted.startswith("I disagree")
    assert "I disagree strongly" in quoted
    main = item.text[: region["start"]]
    assert main.endswith("\n\n\n\n") and "I disagree" not in main
    assert "frank but constructive" in main


def test_html_cp1252_page_with_meta_charset(tmp_path: Path) -> None:
    text = "Le café était naïve — déjà vu, la façade s'écroule à Genève ce matin."
    html = (
        f'<html><head><meta charset="iso-8859-1"></head><body><article><p>{text}</p>'
        "</article></body></html>"
    )
    item = read_page(tmp_path, html.encode("cp1252"))
    assert isinstance(item, Document) and item.text == text
    assert item.metadata.extra["encoding"] == "cp1252"


def test_html_cp1252_page_without_a_label(tmp_path: Path) -> None:
    text = "Die Straße führt über die Brücke nach Köln; größere Änderungen sind möglich."
    html = f"<html><body><article><p>{text}</p></article></body></html>"
    item = read_page(tmp_path, html.encode("cp1252"), name="page.htm")
    assert isinstance(item, Document) and item.text == text


def test_html_mislabelled_utf8_page(tmp_path: Path) -> None:
    text = "Le café était naïve — déjà vu à Genève."
    html = (
        f'<html><head><meta charset="utf-16"></head><body><article><p>{text}</p>'
        "</article></body></html>"
    )
    item = read_page(tmp_path, html.encode("utf-8"))
    assert isinstance(item, Document) and item.text == text


@pytest.mark.parametrize("label", ["utf-7", "zlib", "base64", "no-such-charset"])
def test_html_unsafe_or_unknown_charset_label_ignored(tmp_path: Path, label: str) -> None:
    html = (
        f'<html><head><meta charset="{label}"></head><body><article>'
        "<p>Plain words +ADw-script+AD4-alert(1)+ADw-/script+AD4- here.</p></article></body></html>"
    )
    item = read_page(tmp_path, html.encode("ascii"))
    assert isinstance(item, Document)
    assert "<script>" not in item.text and "+ADw-script" in item.text


def test_html_without_main_text(tmp_path: Path) -> None:
    item = read_page(tmp_path, b"<html><head><title>Nothing</title></head><body></body></html>")
    assert isinstance(item, InputError) and item.problem == NO_MAIN_TEXT


def test_html_binary_file_with_html_extension(tmp_path: Path) -> None:
    item = read_page(tmp_path, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    assert isinstance(item, InputError)
    assert item.problem == "binary file (PDF document), not text"


def test_html_read_html_from_bytes() -> None:
    doc = read_html(page(f"<article>{ARTICLE}</article>"), "upload.html")
    assert doc.metadata.source == "upload.html"
    assert doc.text.startswith("The foreign minister")
