"""Report thresholds in the service: the server's configuration, a request's overrides, the 422.

The stand-in analysis (``stand_in.py``) finds a technique at each number from 0 to 1 in a text,
with that number as its confidence, so a report's technique marks show which thresholds held.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from stand_in_app import stand_in_app

from redline.config import RedlineConfig
from redline.document import Document
from redline.web import ServiceSettings
from redline.web.worker import render, summary

TEXT = "They will strike 0.9 first, then 0.4 again, and 0.1 once more."
TOKEN = "a-token-long-enough-for-the-check"


def technique_marks(page: str) -> list[str]:
    """The confidences of the technique marks in an HTML report, in text order."""
    return re.findall(r'<mark [^>]*title="techniques: [^"]*confidence ([0-9.]+)', page)


@pytest.fixture(scope="module")
def configured(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    # As `redline serve --config server.toml` reads it.
    toml = tmp_path_factory.mktemp("config") / "server.toml"
    toml.write_text("[redline.min_confidence]\ntechniques = 0.5\nactors = 0.8\n", encoding="utf-8")
    config = RedlineConfig.from_toml(toml)
    with TestClient(stand_in_app(ServiceSettings(workers=1), config)) as client:
        yield client


def test_thresholds_analyze_html_uses_the_built_in_default(client: TestClient) -> None:
    answer = client.post("/analyze?format=html", json={"text": TEXT})
    assert answer.status_code == 200, answer.text
    assert technique_marks(answer.text) == ["0.90", "0.40"]


def test_thresholds_analyze_html_uses_the_servers_configuration(configured: TestClient) -> None:
    answer = configured.post("/analyze?format=html", json={"text": TEXT})
    assert technique_marks(answer.text) == ["0.90"]


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("min_confidence=techniques=0.05", ["0.90", "0.40", "0.10"]),  # below the configuration
        ("min_confidence=techniques=0.95", []),
        # Repeated per layer, as on the CLI; a layer not named keeps the configured threshold.
        ("min_confidence=claims=0.5&min_confidence=redlines=0.7", ["0.90"]),
    ],
)
def test_thresholds_analyze_request_overrides_per_layer(
    configured: TestClient, query: str, shown: list[str]
) -> None:
    answer = configured.post(f"/analyze?format=html&{query}", json={"text": TEXT})
    assert answer.status_code == 200, answer.text
    assert technique_marks(answer.text) == shown


def test_thresholds_analyze_markdown_follows_the_override(configured: TestClient) -> None:
    answer = configured.post(
        "/analyze", params={"format": "md", "min_confidence": "techniques=0.3"}, json={"text": TEXT}
    )
    assert answer.status_code == 200, answer.text
    assert "1 of 3 findings below confidence 0.3 hidden" in answer.text


@pytest.mark.parametrize("value", ["techniques=high", "techniques=1.5", "techniques", "=0.3"])
@pytest.mark.parametrize(
    "route",
    ["/analyze?format=html", "/analyze", "/ui/api/reports", "/ui/api/corpus/documents/x/report"],
)
def test_thresholds_bad_value_is_a_one_line_422(client: TestClient, route: str, value: str) -> None:
    answer = client.post(route, params={"min_confidence": value}, json={"text": TEXT})
    assert answer.status_code == 422
    detail = answer.json()["detail"]
    assert detail == (
        f"{value!r}: write a confidence threshold as LAYER=NUMBER with a number from 0 to 1, "
        "e.g. techniques=0.2"
    )


def test_thresholds_token_is_checked_before_the_threshold() -> None:
    with TestClient(stand_in_app(ServiceSettings(workers=1, token=TOKEN))) as guarded:
        answer = guarded.post("/analyze?min_confidence=x", json={"text": TEXT})
        assert answer.status_code == 401


def test_thresholds_json_keeps_every_finding() -> None:
    document = Document.from_text("Strike 0.1 now.")
    marked = document.with_layers(
        {
            "techniques": [
                document.make_span(7, 10, "Loaded_Language", analyzer="t", rule="r", confidence=0.1)
            ]
        }
    )
    answer = render(marked, "json", {"techniques": 0.9})
    assert len(Document.from_json(answer.body).layer("techniques")) == 1


def test_thresholds_page_settings_are_the_configured_ones(
    client: TestClient, configured: TestClient
) -> None:
    assert client.get("/ui/api/settings").json() == {
        "min_confidence": {"claims": 0.0, "redlines": 0.0, "incitement": 0.0, "techniques": 0.25}
    }
    assert configured.get("/ui/api/settings").json()["min_confidence"] == {
        "claims": 0.0, "redlines": 0.0, "incitement": 0.0, "techniques": 0.5, "actors": 0.8,
    }  # fmt: skip


def test_thresholds_page_report_follows_the_override(configured: TestClient) -> None:
    default = configured.post("/ui/api/reports", json={"text": TEXT}).json()
    assert technique_marks(configured.get("/" + default["report"]).text) == ["0.90"]
    lower = configured.post(
        "/ui/api/reports", params={"min_confidence": "techniques=0.2"}, json={"text": TEXT}
    ).json()
    assert technique_marks(configured.get("/" + lower["report"]).text) == ["0.90", "0.40"]


def test_thresholds_stored_report_follows_the_override(client: TestClient) -> None:
    # The Hawk's first document has one technique, at confidence 0.5 (tests/store/conftest.py).
    rows = client.get("/ui/api/corpus/documents", params={"stance": "advocate"}).json()["rows"]
    route = f"/ui/api/corpus/documents/{rows[0]['id']}/report"
    shown = client.post(route).json()
    assert technique_marks(client.get("/" + shown["report"]).text) == ["0.50"]
    hidden = client.post(route, params={"min_confidence": "techniques=0.6"}).json()
    assert technique_marks(client.get("/" + hidden["report"]).text) == []


def test_thresholds_summary_counts_what_the_report_shows() -> None:
    document = Document.from_text("We will strike. They may talk.")
    claims = [
        document.make_span(8, 14, "threaten", analyzer="claims", rule="r", confidence=0.9),
        document.make_span(25, 29, "predict", analyzer="claims", rule="r", confidence=0.3),
    ]
    document = document.with_layers({"claims": claims})
    assert summary(document)["claims"] == 2
    assert summary(document, {"claims": 0.5})["claims"] == 1


def test_thresholds_serve_refuses_a_bad_min_confidence_once() -> None:
    from typer.testing import CliRunner

    from redline.cli import app as cli

    result = CliRunner().invoke(cli, ["serve", "--min-confidence", "techniques=high"])
    assert result.exit_code == 2
    assert "'techniques=high'" in result.output and "from 0 to 1" in result.output
