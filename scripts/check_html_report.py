#!/usr/bin/env python3
"""Open a Redline HTML report in headless Chromium and check that it works.

    python scripts/check_html_report.py REPORT.html --screenshot OUT.png

Drives Debian's Chromium over the DevTools protocol on a pipe (``--remote-debugging-pipe``,
so no extra dependency and no port): loads the report from a file URL with networking off,
records console errors, uncaught exceptions and Content-Security-Policy violations, then checks
in the live page that the report's script ran, that highlights are present and visibly coloured
for every layer in the legend, that a layer toggle hides its highlights and that clicking a
highlight pins its details. Prints one summary line. Exit status: 0 when every check passes,
1 when one fails, 2 when Chromium cannot be started or driven.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import fcntl
import json
import os
import select
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
WINDOW = (1280, 2000)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--mute-audio",
    "--remote-debugging-pipe",
)

# Runs inside the page after load; returns what the checks below judge.
PAGE_CHECK = r"""
(() => {
  const root = document.querySelector(".rl-report");
  if (!root) return {found: false};
  const clear = (el) =>
    ["rgba(0, 0, 0, 0)", "transparent"].includes(getComputedStyle(el).backgroundColor);
  const marks = [...root.querySelectorAll("mark.rl-hl")];
  // A report may open with some layers (and claims below rung 2) unticked: those highlights
  // are meant to be clear; every other one must be coloured.
  const ticked = (m) =>
    root.querySelector(`.rl-legend input[data-layer="${m.getAttribute("data-layer")}"]`)
      ?.checked !== false &&
    (!m.classList.contains("rl-minor") ||
      root.querySelector(".rl-legend input.rl-minor-toggle")?.checked !== false);
  const meant = marks.filter(ticked);
  const layers = [...root.querySelectorAll(".rl-legend input[data-layer]")]
    .map((box) => box.getAttribute("data-layer"));
  const missing = layers.filter((l) => !root.querySelector(`mark.rl-hl[data-layer="${l}"]`));
  let toggle = null;
  const probe = meant[0];
  if (probe && !missing.length) {
    const layer = probe.getAttribute("data-layer");
    const box = root.querySelector(`.rl-legend input[data-layer="${layer}"]`);
    if (box) {
      box.click();
      toggle = clear(probe);
      box.click();
      toggle = toggle && !clear(probe);
    }
  }
  let details = 0;
  if (probe) {
    probe.click();
    details = root.querySelectorAll(".rl-details-body .rl-detail").length;
  }
  return {
    found: true, text: root.querySelector(".rl-text")?.textContent ?? null,
    ready: root.getAttribute("data-rl-ready") === "1", marks: marks.length,
    visible: marks.filter((m) => !clear(m)).length, meant: meant.length, layers: layers.length,
    missing,
    toggle, details,
  };
})()
"""


class DevToolsError(RuntimeError):
    """Chromium could not be driven (it exited, timed out or refused a command)."""


class DevTools:
    """A minimal DevTools-protocol client over Chromium's pipe (NUL-separated JSON)."""

    def __init__(self, send_fd: int, receive_fd: int, timeout: float) -> None:
        self._send_fd, self._receive_fd, self._timeout = send_fd, receive_fd, timeout
        self._buffer = b""
        self._next_id = 0
        self.errors: list[str] = []
        self._events: list[dict[str, Any]] = []

    def call(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None
    ) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._send_fd, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + self._timeout
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise DevToolsError(f"{method} failed: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result

    def wait_for(self, method: str) -> dict[str, Any]:
        for event in self._events:
            if event.get("method") == method:
                self._events.remove(event)
                return event
        deadline = time.monotonic() + self._timeout
        while True:
            message = self._receive(deadline)
            if message.get("method") == method:
                self._events.remove(message)
                return message

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._receive_fd], [], [], left)[0]:
                raise DevToolsError(f"no answer from Chromium within {self._timeout:.0f} s")
            chunk = os.read(self._receive_fd, 1 << 20)
            if not chunk:
                raise DevToolsError("Chromium closed the DevTools pipe (it exited)")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        if "method" in message:
            self._record(message)
            self._events.append(message)
        return message

    def _record(self, event: dict[str, Any]) -> None:
        method, params = event["method"], event.get("params", {})
        if method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            text = details.get("exception", {}).get("description") or details.get("text", "")
            self.errors.append(f"uncaught: {text}")
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            args = [str(a.get("value", a.get("description", ""))) for a in params.get("args", [])]
            self.errors.append("console.error: " + " ".join(args))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            # A failed load names its address, so a test can say which request failed.
            where = f" ({entry['url']})" if entry.get("url") else ""
            self.errors.append(f"{entry.get('source', 'log')}: {entry.get('text', '')}{where}")


def main(argv: Sequence[str] | None = None) -> int:
    args = _arguments(argv)
    report = Path(args.report).resolve()
    if not report.is_file():
        print(f"check_html_report: FAIL {args.report}: no such file", file=sys.stderr)
        return 2
    if not Path(args.chromium).exists():
        print(
            f"check_html_report: FAIL {args.chromium} not found; install Debian's chromium "
            "(apt-get install chromium) or pass --chromium PATH",
            file=sys.stderr,
        )
        return 2
    try:
        result, errors = _inspect(report, args)
    except DevToolsError as error:
        print(f"check_html_report: FAIL could not drive Chromium: {error}", file=sys.stderr)
        return 2
    problems = _judge(result, errors)
    if args.expect_text is not None:
        expected = Path(args.expect_text).read_bytes().decode("utf-8")
        if result.get("text") != expected:
            problems.append(_text_difference(expected, result.get("text")))
    print(_summary(report, result, errors, problems, args.screenshot))
    for line in errors:
        print(f"  {line}", file=sys.stderr)
    return 1 if problems else 0


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("report", help="the HTML report to open")
    parser.add_argument("--screenshot", metavar="OUT.png", help="save a screenshot here")
    parser.add_argument("--chromium", default=CHROMIUM, help=f"browser binary ({CHROMIUM})")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per browser step")
    parser.add_argument(
        "--expect-text",
        metavar="FILE",
        help="fail unless the text pane shows exactly this file's text (UTF-8)",
    )
    return parser.parse_args(argv)


def _inspect(report: Path, args: argparse.Namespace) -> tuple[dict[str, Any], list[str]]:
    to_browser_r, to_browser_w = os.pipe()
    from_browser_r, from_browser_w = os.pipe()

    def wire_pipe() -> None:
        # Chromium reads commands on fd 3 and answers on fd 4; copy both above 10 first so
        # that neither dup2 overwrites the other's source.
        os.dup2(fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 10), 3)
        os.dup2(fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 10), 4)

    with (
        tempfile.TemporaryDirectory(prefix="redline-chromium-") as profile,
        tempfile.TemporaryFile() as log,
    ):
        command = [
            args.chromium,
            *FLAGS,
            f"--user-data-dir={profile}",
            f"--window-size={WINDOW[0]},{WINDOW[1]}",
            "about:blank",
        ]
        browser = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            close_fds=False,
            preexec_fn=wire_pipe,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        tools = DevTools(to_browser_w, from_browser_r, args.timeout)
        try:
            result = _drive(tools, report, args.screenshot)
        except DevToolsError as error:
            log.seek(0)
            tail = log.read().decode(errors="replace").strip().splitlines()[-3:]
            raise DevToolsError(f"{error}; browser log ends: {' | '.join(tail)}") from None
        finally:
            _close(browser, tools, to_browser_w, from_browser_r)
    return result, tools.errors


def _drive(tools: DevTools, report: Path, screenshot: str | None) -> dict[str, Any]:
    targets = tools.call("Target.getTargets")["targetInfos"]
    pages = [t["targetId"] for t in targets if t.get("type") == "page"]
    if not pages:
        pages = [tools.call("Target.createTarget", {"url": "about:blank"})["targetId"]]
    attach = {"targetId": pages[0], "flatten": True}
    session = tools.call("Target.attachToTarget", attach)["sessionId"]
    for domain in ("Page", "Runtime", "Log"):
        tools.call(f"{domain}.enable", session=session)
    tools.call(
        "Emulation.setDeviceMetricsOverride",
        {
            "width": WINDOW[0],
            "height": WINDOW[1],
            "deviceScaleFactor": 1,
            "mobile": False,
        },
        session=session,
    )
    tools.call("Page.navigate", {"url": report.as_uri()}, session=session)
    tools.wait_for("Page.loadEventFired")
    evaluated = tools.call(
        "Runtime.evaluate", {"expression": PAGE_CHECK, "returnByValue": True}, session=session
    )
    if "exceptionDetails" in evaluated:
        raise DevToolsError(f"the page check threw: {evaluated['exceptionDetails'].get('text')}")
    result: dict[str, Any] = evaluated["result"].get("value") or {}
    if screenshot:
        shot = tools.call("Page.captureScreenshot", {"format": "png"}, session=session)
        Path(screenshot).write_bytes(base64.b64decode(shot["data"]))
    return result


def _close(browser: subprocess.Popen[bytes], tools: DevTools, *fds: int) -> None:
    with contextlib.suppress(DevToolsError, OSError):
        tools.call("Browser.close")
    try:
        browser.wait(timeout=10)
    except subprocess.TimeoutExpired:
        browser.kill()
        browser.wait()
    for fd in fds:
        os.close(fd)


def _judge(result: dict[str, Any], errors: list[str]) -> list[str]:
    problems = [f"{len(errors)} console error(s)"] if errors else []
    if not result.get("found"):
        return [*problems, "no .rl-report element in the page"]
    if not result.get("ready"):
        problems.append("the report's script did not finish (data-rl-ready missing)")
    if not result.get("marks"):
        problems.append("no highlights (mark.rl-hl) in the rendered DOM")
    elif result.get("visible") != result.get("meant", result.get("marks")):
        coloured = f"{result.get('visible')} of {result.get('meant', result.get('marks'))}"
        problems.append(f"{coloured} highlights shown by default are coloured")
    if result.get("missing"):
        problems.append(f"legend layers without highlights: {result['missing']}")
    if result.get("toggle") is False:
        problems.append("unticking a layer did not hide its highlights (or ticking did not show)")
    if result.get("meant") and not result.get("details"):
        problems.append("clicking a highlight did not pin its details")
    return problems


def _text_difference(expected: str, shown: str | None) -> str:
    if shown is None:
        return "no text pane (.rl-text) in the page"
    at = next(
        (i for i, (a, b) in enumerate(zip(expected, shown, strict=False)) if a != b),
        min(len(expected), len(shown)),
    )
    return (
        f"the text pane differs from the document text at character {at}: "
        f"expected {expected[at : at + 20]!r}, shown {shown[at : at + 20]!r}"
    )


def _summary(
    report: Path,
    result: dict[str, Any],
    errors: list[str],
    problems: list[str],
    screenshot: str | None,
) -> str:
    toggle = {True: "ok", False: "broken", None: "n/a"}[result.get("toggle")]
    facts = (
        f"{result.get('marks', 0)} highlights ({result.get('visible', 0)} coloured) in "
        f"{result.get('layers', 0)} layers, toggle {toggle}, "
        f"details {'ok' if result.get('details') else 'missing'}, {len(errors)} console errors"
    )
    shot = f"; screenshot {screenshot}" if screenshot else ""
    verdict = "OK" if not problems else "FAIL (" + "; ".join(problems) + ")"
    return f"check_html_report: {verdict} {report.name}: {facts}{shot}"


if __name__ == "__main__":
    sys.exit(main())
