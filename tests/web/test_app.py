"""The HTTP service answers with the same Documents as the library (real worker processes)."""

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from redline.analysis import analyze
from redline.config import RedlineConfig
from redline.document import Document
from redline.web import ServiceSettings, create_app

CONFIG = RedlineConfig(
    analyzers=("structure", "actors", "groups", "alignment", "claims"), max_bytes=2_000
)
TEXT = (
    "Host: Will Moscow strike Kyiv?\n\n"
    "Ivan Petrov: If NATO goes further, we will strike their bases.\n\n"
    "Host: And if it does not?\n\nIvan Petrov: Then we will talk."
)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    # One worker process, loading the pipeline once; the context runs the app's lifespan.
    with TestClient(create_app(CONFIG, ServiceSettings(workers=1))) as client:
        yield client


def test_app_health_names_the_analyzers(client: TestClient) -> None:
    answer = client.get("/health").json()
    assert answer["status"] == "ok" and answer["analyzers"] == list(CONFIG.analyzers)


def test_app_analyze_returns_the_librarys_document(client: TestClient) -> None:
    answer = client.post("/analyze", json={"text": TEXT, "metadata": {"author": "Ivan Petrov"}})
    assert answer.status_code == 200
    served = Document.from_json(answer.content)
    expected = analyze(
        TEXT, config=CONFIG, metadata=served.metadata.model_copy(update={"title": None})
    )
    assert served.layers == expected.layers
    assert served.metadata.author == "Ivan Petrov"
    threat = [c for c in served.layer("claims") if c.attrs["stance"] == "threaten"]
    assert threat and TEXT[threat[0].start : threat[0].end] == threat[0].text


def test_app_analyze_html_report(client: TestClient) -> None:
    answer = client.post("/analyze?format=html", json={"text": TEXT})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/html")
    assert "Content-Security-Policy" in answer.text
    # The header admits the page's own hashed style and script, and forbids framing it.
    policy = answer.headers["content-security-policy"]
    assert "script-src 'sha256-" in policy and policy.endswith("frame-ancestors 'none'")
    assert "unsafe-inline" not in policy


def test_app_analyze_markdown_report(client: TestClient) -> None:
    answer = client.post("/analyze?format=md", json={"text": TEXT})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/markdown")


@pytest.mark.parametrize(
    "body,status,message",
    [
        ({"text": "   "}, 422, "text is empty"),
        ({"text": "x" * 2_001}, 413, "limit is 2,000"),
        ({"words": "no text field"}, 422, "text"),
    ],
)
def test_app_analyze_refuses_bad_requests(
    client: TestClient, body: dict[str, str], status: int, message: str
) -> None:
    answer = client.post("/analyze", json=body)
    assert answer.status_code == status
    assert message in json.dumps(answer.json())


def test_app_analyze_refuses_malformed_json(client: TestClient) -> None:
    answer = client.post(
        "/analyze", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert answer.status_code == 422
    assert answer.json()["detail"].startswith("the body is not valid JSON")


def test_app_lists_ladder_and_techniques(client: TestClient) -> None:
    assert [level["level"] for level in client.get("/ladder").json()["levels"]] == [
        0,
        1,
        2,
        3,
        4,
        5,
    ]
    assert len(client.get("/techniques").json()["techniques"]) == 23


def test_app_analyze_report_thresholds_come_from_the_request(client: TestClient) -> None:
    # The real worker renders with the request's thresholds; its JSON keeps every finding.
    claims = len(
        Document.from_json(client.post("/analyze", json={"text": TEXT}).content).layer("claims")
    )
    assert claims
    answer = client.post("/analyze?format=md&min_confidence=claims=1", json={"text": TEXT})
    assert answer.status_code == 200
    assert f"claims: {claims} of {claims} findings below confidence 1 hidden" in answer.text
    answer = client.post("/analyze?min_confidence=claims=1", json={"text": TEXT})
    assert len(Document.from_json(answer.content).layer("claims")) == claims
    answer = client.post("/analyze?format=html&min_confidence=claims=2", json={"text": TEXT})
    assert answer.status_code == 422 and "LAYER=NUMBER" in answer.json()["detail"]
