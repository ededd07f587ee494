"""The service under concurrent requests: a short request is answered while long ones run; the
time limit answers 503 and ends the work; a client that goes away has its work ended. The
analysis is the stand-in (``stand_in.py``); each test asserts what finished first, not how fast."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Callable, MutableMapping
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from stand_in_app import stand_in_app

from redline.config import RedlineConfig
from redline.web import ServiceSettings
from redline.web.pool import WorkerPool

LONG = "sleep:30 " + "x" * 200  # over large_bytes below


@asynccontextmanager
async def serving(settings: ServiceSettings) -> AsyncIterator[tuple[FastAPI, httpx.AsyncClient]]:
    app = stand_in_app(settings, RedlineConfig())
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield app, client


async def eventually(condition: Callable[[], bool], seconds: float = 15.0) -> None:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the condition did not come true")


def pool_of(app: FastAPI) -> WorkerPool:
    pool: WorkerPool = app.state.pool
    return pool


def test_service_answers_a_short_request_while_long_ones_run() -> None:
    # Today's complaint: a 41-character request waited 26 s behind a 111 KB one.
    async def scenario() -> None:
        settings = ServiceSettings(workers=2, large_bytes=100, time_limit=60)
        async with serving(settings) as (app, client):
            long_requests = [
                asyncio.create_task(client.post("/analyze", json={"text": LONG})) for _ in range(2)
            ]
            await eventually(lambda: pool_of(app).stats().waiting == 1)
            short = await asyncio.wait_for(
                client.post("/analyze", json={"text": "A short question?"}), 10
            )
            assert short.status_code == 200 and json.loads(short.content)["chars"] == 17
            assert not any(request.done() for request in long_requests)
            for request in long_requests:
                request.cancel()
            await asyncio.gather(*long_requests, return_exceptions=True)

    asyncio.run(scenario())


def test_service_time_limit_answers_503_and_ends_the_work() -> None:
    app = stand_in_app(ServiceSettings(workers=1, time_limit=0.5), RedlineConfig())
    with TestClient(app) as client:
        answer = client.post("/analyze", json={"text": "sleep:30"})
        assert answer.status_code == 503
        assert answer.json()["detail"] == (
            "the analysis did not finish within the time limit of 0.5 s and was stopped: send a "
            "shorter text, or start the server with a larger --time-limit"
        )
        assert pool_of(app).stats().restarts == 1
        # The worker was replaced (a fresh process, ready once started).
        for _ in range(300):
            if client.get("/health").json()["idle"] == 1:
                break
            time.sleep(0.05)
        assert client.post("/analyze", json={"text": "next"}).status_code == 200


def test_service_busy_answers_503_with_retry_after() -> None:
    async def scenario() -> None:
        settings = ServiceSettings(workers=1, max_waiting=1, time_limit=60)
        async with serving(settings) as (app, client):
            held = [asyncio.create_task(client.post("/analyze", json={"text": "sleep:30"}))]
            await eventually(lambda: pool_of(app).stats().idle == 0)
            held.append(asyncio.create_task(client.post("/analyze", json={"text": "sleep:30"})))
            await eventually(lambda: pool_of(app).stats().waiting == 1)
            turned_away = await client.post("/analyze", json={"text": "third"})
            assert turned_away.status_code == 503 and turned_away.headers["retry-after"] == "5"
            assert turned_away.json()["detail"] == (
                "the service is busy (1 requests are already waiting for a worker): retry later"
            )
            for request in held:
                request.cancel()
            await asyncio.gather(*held, return_exceptions=True)

    asyncio.run(scenario())


def test_service_task_failures_are_one_line_500s() -> None:
    app = stand_in_app(ServiceSettings(workers=1), RedlineConfig())
    with TestClient(app) as client:
        failed = client.post("/analyze", json={"text": "raise"})
        assert failed.status_code == 500
        assert (
            failed.json()["detail"]
            == "the analysis failed: ValueError: the stand-in was told to fail"
        )
        lost = client.post("/analyze", json={"text": "exit"})
        assert (
            lost.status_code == 500
            and "stopped during the job (exit code 3)" in lost.json()["detail"]
        )


def test_service_client_going_away_ends_its_work() -> None:
    async def scenario() -> None:
        app = stand_in_app(ServiceSettings(workers=1, time_limit=60), RedlineConfig())
        async with app.router.lifespan_context(app):
            pool = pool_of(app)
            body = json.dumps({"text": "sleep:30"}).encode()
            messages: list[dict[str, Any]] = [
                {"type": "http.request", "body": body, "more_body": False}
            ]
            gone = asyncio.Event()
            sent: list[MutableMapping[str, Any]] = []

            async def receive() -> dict[str, Any]:
                if messages:
                    return messages.pop(0)
                await gone.wait()
                return {"type": "http.disconnect"}

            async def send(message: MutableMapping[str, Any]) -> None:
                sent.append(message)

            scope = {
                "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
                "method": "POST", "scheme": "http", "path": "/analyze", "raw_path": b"/analyze",
                "query_string": b"", "root_path": "", "client": ("127.0.0.1", 50_000),
                "headers": [(b"content-type", b"application/json")], "server": ("test", 80),
            }  # fmt: skip
            call = asyncio.create_task(app(scope, receive, send))
            await eventually(lambda: pool.stats().idle == 0)
            gone.set()
            await asyncio.wait_for(call, 10)  # not the 30 s the job would have taken
            assert pool.stats().restarts == 1

    asyncio.run(scenario())


@pytest.mark.parametrize("workers", [1, 2])
def test_service_health_reports_the_workers(workers: int) -> None:
    with TestClient(stand_in_app(ServiceSettings(workers=workers), RedlineConfig())) as client:
        health = client.get("/health").json()
        assert (health["workers"], health["idle"], health["waiting"]) == (workers, workers, 0)
