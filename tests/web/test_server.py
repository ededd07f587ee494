"""The real server (uvicorn, as ``redline serve`` runs it) over sockets and signals, with the
stand-in analysis (``serve_stand_in.py``): SIGTERM stops it in seconds with a request in flight,
a 250 MB body is refused from its headers, a client that hangs up has its work ended, and
Swagger UI renders in a real browser from this server's files alone."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from processes import alive

HERE = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")


class Server:
    def __init__(self, workers: int = 2) -> None:
        self.port = free_port()
        # A file, not a pipe: nobody reads the log while the server runs, and a full pipe blocks it.
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in stop()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, str(HERE / "serve_stand_in.py"), str(self.port), str(workers)],
            stdout=subprocess.DEVNULL, stderr=self.log, cwd=HERE,
        )  # fmt: skip
        self.wait_until(lambda: self.health().get("idle") == workers, "the server did not start")

    def health(self) -> dict[str, int]:
        try:
            answer: dict[str, int] = httpx.get(f"{self.url}/health", timeout=2).json()
        except httpx.HTTPError:
            return {}
        return answer

    def wait_until(self, condition: object, message: str, seconds: float = 30.0) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if callable(condition) and condition():
                return
            assert self.process.poll() is None, (
                self.process.stderr.read() if self.process.stderr else ""
            )
            time.sleep(0.1)
        raise AssertionError(message)

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")

    def children(self) -> list[int]:
        """The worker processes (and multiprocessing's helper), from /proc."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                found.append(int(stat.parent.name))
        return found

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        self.log.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    running = Server()
    yield running
    running.stop()


def test_server_refuses_a_250_mb_body_from_its_headers(server: Server) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.putrequest("POST", "/analyze")
    connection.putheader("Content-Type", "application/json")
    connection.putheader("Content-Length", "250000000")
    connection.endheaders()  # and not one byte of the body
    answer = connection.getresponse()
    detail = json.loads(answer.read())["detail"]
    connection.close()
    assert answer.status == 413 and answer.getheader("x-frame-options") == "DENY"
    assert detail.startswith("the request body is 250,000,000 bytes (Content-Length)")


def test_server_client_hanging_up_ends_its_work(server: Server) -> None:
    body = b'{"text": "sleep:60"}'
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as client:
        client.sendall(
            b"POST /analyze HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        server.wait_until(lambda: server.health().get("idle") == 1, "the job did not start")
    # Hung up: the worker is ended and replaced long before the 60 s job would have finished.
    server.wait_until(lambda: server.health().get("idle") == 2, "the work went on", seconds=20)


def test_server_stops_within_seconds_on_sigterm() -> None:
    running = Server()
    try:
        workers = running.children()
        answers: list[httpx.Response | Exception] = []

        def slow_request() -> None:
            try:
                answers.append(
                    httpx.post(f"{running.url}/analyze", json={"text": "sleep:60"}, timeout=30)
                )
            except httpx.HTTPError as error:
                answers.append(error)

        thread = threading.Thread(target=slow_request)
        thread.start()
        running.wait_until(lambda: running.health().get("idle") == 1, "the job did not start")
        started = time.monotonic()
        running.process.send_signal(signal.SIGTERM)
        # uvicorn shuts down cleanly, then raises the signal again so that its exit says why.
        assert running.process.wait(timeout=15) in (0, -signal.SIGTERM)
        assert "Application shutdown complete" in running.output()
        assert time.monotonic() - started < 8.0  # a 2 s grace period, then the work is ended
        thread.join(10)
        answer = answers[0]
        assert isinstance(answer, httpx.Response) and answer.status_code == 503, answer
        assert answer.json()["detail"] == "the server is shutting down: retry shortly"
        time.sleep(0.5)
        assert workers and not [pid for pid in workers if alive(pid)]
    finally:
        running.stop()


@pytest.mark.browser
def test_server_docs_render_in_chromium(server: Server, tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is absent; install it with `apt-get install chromium`"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (CI=true, so the browser check is required)")
        pytest.skip(message)
    result = subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
         f"--user-data-dir={tmp_path}", "--virtual-time-budget=10000", "--dump-dom",
         f"{server.url}/docs"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    # Swagger UI ran (scripts allowed by the page's policy) and read this server's OpenAPI.
    assert 'data-path="/analyze"' in result.stdout, result.stderr[-2_000:]
