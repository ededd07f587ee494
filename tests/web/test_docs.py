"""``/docs`` loads nothing from another host, and the OpenAPI document describes /analyze's body."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient
from stand_in_app import stand_in_app

from redline.config import RedlineConfig
from redline.web import ServiceSettings
from redline.web.docs import DOCS_CSP


class Resources(HTMLParser):
    """Every URL a page loads: script src, link href, img src."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.inline_scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        url = found.get("src") or (found.get("href") if tag == "link" else None)
        if url:
            self.urls.append(url)
        elif tag == "script":
            self.inline_scripts += 1


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(stand_in_app(ServiceSettings(workers=1), RedlineConfig())) as client:
        yield client


def test_docs_page_loads_only_this_servers_files(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200 and page.headers["content-security-policy"] == DOCS_CSP
    resources = Resources()
    resources.feed(page.text)
    assert resources.inline_scripts == 0  # so the policy needs no 'unsafe-inline'
    assert len(resources.urls) >= 3
    for url in resources.urls:
        assert "//" not in url and not url.startswith("/"), url  # relative: this server only
        assert client.get(f"/{url}").status_code == 200, url
    assert "https:" not in DOCS_CSP and "http:" not in DOCS_CSP


def test_docs_initializer_reads_this_servers_openapi(client: TestClient) -> None:
    script = client.get("/docs/init.js")
    assert script.headers["content-type"].startswith("text/javascript")
    assert 'url: "openapi.json"' in script.text and "http" not in script.text


def test_docs_redoc_and_cdn_pages_are_gone(client: TestClient) -> None:
    assert client.get("/redoc").status_code == 404


def test_docs_openapi_describes_the_analyze_body(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    body = spec["paths"]["/analyze"]["post"]["requestBody"]
    assert body["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/AnalyzeRequest"
    }
    schemas = spec["components"]["schemas"]
    assert schemas["AnalyzeRequest"]["required"] == ["text"]
    assert schemas["AnalyzeRequest"]["properties"]["metadata"]["anyOf"][0] == {
        "$ref": "#/components/schemas/Metadata"
    }
    assert "Metadata" in schemas
    assert {"401", "413", "422", "429", "503"} <= set(
        spec["paths"]["/analyze"]["post"]["responses"]
    )
