"""Guards: a token off loopback, a rate limit per client, security headers on every answer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from stand_in_app import stand_in_app
from typer.testing import CliRunner

from redline.cli import app as cli
from redline.config import RedlineConfig
from redline.errors import ConfigError
from redline.web import ServiceSettings
from redline.web.guards import STRICT_CSP, RateLimiter
from redline.web.settings import PUBLIC_RATE_LIMIT, is_loopback

TOKEN = "a-test-token-of-some-length"


@pytest.fixture(scope="module")
def guarded() -> Iterator[TestClient]:
    settings = ServiceSettings(workers=1, token=TOKEN, rate_limit=600)
    with TestClient(stand_in_app(settings, RedlineConfig(max_bytes=100))) as client:
        yield client


@pytest.mark.parametrize(
    "host,loopback",
    [("127.0.0.1", True), ("127.8.0.1", True), ("localhost", True), ("::1", True), ("[::1]", True),
     ("0.0.0.0", False), ("::", False), ("192.168.1.4", False), ("example.org", False)],
)  # fmt: skip
def test_settings_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_settings_refuse_a_public_address_without_a_token() -> None:
    with pytest.raises(ConfigError, match="reachable from other machines and no bearer token"):
        ServiceSettings.for_address("0.0.0.0")
    insecure = ServiceSettings.for_address("0.0.0.0", insecure=True)
    assert insecure.token is None and insecure.rate_limit == PUBLIC_RATE_LIMIT
    public = ServiceSettings.for_address("0.0.0.0", token=TOKEN, rate_limit=5)
    assert (public.token, public.rate_limit) == (TOKEN, 5)
    local = ServiceSettings.for_address("127.0.0.1")
    assert (local.token, local.rate_limit) == (None, 0)


def test_settings_refuse_a_short_token() -> None:
    with pytest.raises(ConfigError, match="use at least 16"):
        ServiceSettings(token="short")


def test_serve_refuses_a_public_address_without_a_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REDLINE_TOKEN", raising=False)
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "set REDLINE_TOKEN" in result.output and "--insecure" in result.output


def test_guards_token_is_required_when_set(guarded: TestClient) -> None:
    missing = guarded.post("/analyze", json={"text": "hello"})
    assert missing.status_code == 401 and missing.headers["www-authenticate"].startswith("Bearer")
    assert "Authorization: Bearer <token>" in missing.json()["detail"]
    wrong = guarded.post(
        "/analyze", json={"text": "hello"}, headers={"Authorization": "Bearer nope"}
    )
    assert wrong.status_code == 401
    basic = guarded.post(
        "/analyze", json={"text": "hello"}, headers={"Authorization": f"Basic {TOKEN}"}
    )
    assert basic.status_code == 401
    right = guarded.post(
        "/analyze", json={"text": "hello"}, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert right.status_code == 200
    assert guarded.get("/techniques").status_code == 401
    assert guarded.get("/health").status_code == 200  # for load balancers; says nothing private


def test_guards_token_is_checked_before_the_body_is_read(guarded: TestClient) -> None:
    # Over the body limit, but the missing token is what the client hears about.
    answer = guarded.post(
        "/analyze", content=b"x" * 10_000, headers={"content-type": "application/json"}
    )
    assert answer.status_code == 401


def test_guards_rate_limit_answers_429_with_retry_after() -> None:
    settings = ServiceSettings(workers=1, rate_limit=2)
    with TestClient(stand_in_app(settings, RedlineConfig())) as client:
        answers = [client.post("/analyze", json={"text": "hello"}) for _ in range(3)]
        assert [answer.status_code for answer in answers] == [200, 200, 429]
        assert answers[2].headers["retry-after"] == "30"
        assert (
            "the limit is 2 a minute (--rate-limit); retry in 30 s" in answers[2].json()["detail"]
        )
        assert client.get("/health").status_code == 200


def test_guards_rate_limiter_refills_and_forgets_old_clients() -> None:
    now = [0.0]
    limiter = RateLimiter(60, clock=lambda: now[0], max_clients=2)
    assert [limiter.wait_for("a") for _ in range(61)][-1] == pytest.approx(1.0)
    now[0] = 1.0
    assert limiter.wait_for("a") == 0.0  # one request back per second
    limiter.wait_for("b")
    limiter.wait_for("c")  # "a" is forgotten, and would start again with a full bucket
    assert limiter.wait_for("a") == 0.0


@pytest.mark.parametrize(
    "method,path,body,status",
    [
        ("GET", "/health", None, 200),
        ("GET", "/nowhere", None, 404),
        ("POST", "/analyze", {"text": "hello"}, 401),
        ("GET", "/docs/static/swagger-ui.css", None, 200),
        ("GET", "/openapi.json", None, 200),
    ],
)
def test_guards_security_headers_on_every_answer(
    guarded: TestClient, method: str, path: str, body: dict[str, str] | None, status: int
) -> None:
    answer = guarded.request(method, path, json=body)
    assert answer.status_code == status
    assert answer.headers["content-security-policy"] == STRICT_CSP
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["referrer-policy"] == "no-referrer"


def test_guards_security_headers_on_refusals() -> None:
    with TestClient(
        stand_in_app(ServiceSettings(workers=1), RedlineConfig(max_bytes=10))
    ) as client:
        for body in (b"{", b'{"text": "' + b"x" * 100 + b'"}'):
            answer = client.post(
                "/analyze", content=body, headers={"content-type": "application/json"}
            )
            assert answer.status_code in (413, 422)
            assert answer.headers["x-frame-options"] == "DENY"
