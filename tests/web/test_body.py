"""Request bodies: refused by size before they are read, then checked as UTF-8, JSON, nesting
depth and Unicode; each refusal is one line. The analysis is the stand-in (``stand_in.py``)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator, MutableMapping
from typing import Any

import pytest
from fastapi import FastAPI, HTTPException
from fastapi.testclient import TestClient
from stand_in_app import stand_in_app

from redline.config import RedlineConfig
from redline.web import ServiceSettings
from redline.web.body import BodyLimits, check_json_value, parse_analyze_request

CONFIG = RedlineConfig(max_bytes=1_000)
# Room for the 100,000-deep and 5,000-digit bodies, whose refusals are not about size.
SETTINGS = ServiceSettings(workers=1, max_metadata_bytes=500, max_depth=8, max_body_bytes=300_000)
BODY_LIMIT = 300_000
JSON = {"content-type": "application/json"}


@pytest.fixture(scope="module")
def app() -> FastAPI:
    return stand_in_app(SETTINGS, CONFIG)


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield client


def nested(depth: int) -> Any:
    value: Any = "leaf"
    for _ in range(depth):
        value = [value]
    return value


def refusal(client: TestClient, body: bytes) -> tuple[int, str]:
    answer = client.post("/analyze", content=body, headers=JSON)
    detail = answer.json()["detail"]
    assert isinstance(detail, str) and "\n" not in detail, detail
    return answer.status_code, detail


def test_body_limit_is_three_texts_and_the_metadata_unless_set() -> None:
    # Three times the text: room for a text sent with every character escaped (\\uXXXX).
    assert ServiceSettings(max_metadata_bytes=500).body_limit(1_000) == 3_500
    assert SETTINGS.body_limit(1_000) == BODY_LIMIT


@pytest.mark.parametrize(
    "body,message",
    [
        (b'{"text": "\\ud800 alone"}', "body.text: lone surrogate U+D800 at character 0"),
        (b'{"text": "ok \\udc00"}', "body.text: lone surrogate U+DC00 at character 3"),
        (
            b'{"text": "x", "metadata": {"author": "\\udbff"}}',
            "body.metadata.author: lone surrogate",
        ),
        (b'{"text": "x", "metadata": {"extra": {"\\ud800": 1}}}', "body.metadata.extra (a key)"),
    ],
)
def test_body_lone_surrogates_are_one_line_422(
    client: TestClient, body: bytes, message: str
) -> None:
    status, detail = refusal(client, body)
    assert status == 422 and detail.startswith(message) and "valid Unicode" in detail


def test_body_invalid_utf8_is_422(client: TestClient) -> None:
    status, detail = refusal(client, b'{"text": "caf\xe9"}')
    assert status == 422
    assert (
        detail
        == "the body is not valid UTF-8 (byte 13: invalid continuation byte); send UTF-8 JSON"
    )


@pytest.mark.parametrize("depth", [8, 300, 100_000])
def test_body_nesting_beyond_the_limit_is_422(client: TestClient, depth: int) -> None:
    # 8 levels of metadata.extra are 11 in the body; 300 is past pydantic's own limit (255),
    # 100,000 past the JSON parser's (which would otherwise raise RecursionError).
    body = b'{"text": "x", "metadata": {"extra": {"a": ' + b"[" * depth + b"]" * depth + b"}}}"
    status, detail = refusal(client, body)
    assert status == 422 and "the limit is 8 (max_depth)" in detail


def test_body_nesting_within_the_limit_is_analysed(client: TestClient) -> None:
    body = {"text": "x", "metadata": {"extra": {"a": nested(5)}}}  # 8 levels in all
    assert client.post("/analyze", json=body).status_code == 200


@pytest.mark.parametrize(
    "body,message",
    [
        (
            b'{"text": "x", "metadata": {"extra": {"n": ' + b"9" * 5_000 + b"}}}",
            "an integer of 5,000 digits",
        ),
        (b'{"text": "x", "metadata": {"extra": {"n": NaN}}}', "NaN is not a JSON number"),
        (b'{"text": "x",', "Expecting property name"),
    ],
)
def test_body_not_json_is_422(client: TestClient, body: bytes, message: str) -> None:
    status, detail = refusal(client, body)
    assert status == 422 and detail.startswith("the body is not valid JSON") and message in detail


def test_body_over_the_model_is_one_line_422(client: TestClient) -> None:
    status, detail = refusal(client, b'{"text": "x", "metadata": {"author": 3, "colour": "red"}}')
    assert status == 422
    assert detail.startswith("metadata.author: Input should be a valid string; metadata.colour:")


def test_body_metadata_over_its_limit_is_413(client: TestClient) -> None:
    status, detail = refusal(
        client, json.dumps({"text": "x", "metadata": {"title": "t" * 600}}).encode()
    )
    assert status == 413 and "metadata is 612 bytes as JSON; the limit is 500" in detail


def test_body_over_the_limit_by_content_length_is_413(client: TestClient) -> None:
    status, detail = refusal(
        client, json.dumps({"text": "x", "metadata": {"title": "t" * BODY_LIMIT}}).encode()
    )
    assert status == 413 and f"the limit is {BODY_LIMIT:,} bytes (max_body_bytes)" in detail


# -- refused before it is read: the app called directly, counting what it takes from the client --


def scope(headers: list[tuple[bytes, bytes]]) -> dict[str, Any]:
    return {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
        "scheme": "http", "path": "/analyze", "raw_path": b"/analyze", "query_string": b"",
        "root_path": "", "headers": [(b"content-type", b"application/json"), *headers],
        "client": ("127.0.0.1", 50_000), "server": ("testserver", 80),
    }  # fmt: skip


async def call(
    app: FastAPI, headers: list[tuple[bytes, bytes]], chunks: Iterator[bytes]
) -> tuple[int, int]:
    """The answer's status and how many body bytes the app read from an endless client."""
    taken = 0
    sent: list[MutableMapping[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal taken
        chunk = next(chunks)
        taken += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message)

    await app(scope(headers), receive, send)
    return sent[0]["status"], taken


def endless(size: int = 1_000) -> Iterator[bytes]:
    yield b'{"text": "'
    while True:
        yield b"x" * size


def test_body_declared_too_large_is_refused_without_reading(app: FastAPI) -> None:
    status, taken = asyncio.run(call(app, [(b"content-length", b"250000000")], endless()))
    assert (status, taken) == (413, 0)


def test_body_streamed_too_large_is_refused_at_the_limit(app: FastAPI) -> None:
    # No Content-Length (chunked): the bytes are counted as they arrive.
    status, taken = asyncio.run(call(app, [], endless()))
    assert status == 413 and BODY_LIMIT < taken <= BODY_LIMIT + 1_000


def test_body_check_json_value_walks_any_depth() -> None:
    with pytest.raises(ValueError, match="more than 32 levels"):
        check_json_value(nested(200_000), 32)  # iterative: no RecursionError
    check_json_value({"a": [{"b": "fine"}]}, 3)


def test_body_parse_request_refuses_an_empty_text() -> None:
    limits = BodyLimits(body_bytes=100, text_bytes=100, metadata_bytes=100, depth=4)
    with pytest.raises(HTTPException, match="422: text is empty"):
        parse_analyze_request(b'{"text": "  \\n "}', limits)
