"""The web page in Debian's headless Chromium against a running server (the stand-in analysis
and a small corpus): paste, upload with progress, the report, filters, a chart, a quote shown
in its document, the report thresholds, and no console error or policy violation on the way.

Chromium is driven over the DevTools protocol on a pipe, with the client of
``scripts/check_html_report.py``. ``REDLINE_UI_SCREENSHOT=DIR`` keeps the screenshots.
"""

from __future__ import annotations

import base64
import importlib.util
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from web_corpus import write_corpus

HERE = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
CHECK = HERE.parents[1] / "scripts" / "check_html_report.py"
JSONL = "\n".join(
    f'{{"text": "Document {n}: the ministers will talk again.", "title": "Batch {n}"}}'
    for n in range(1, 6)
)

# Runs in the page: each step waits for what the page should show, and says which one failed.
DRIVE = r"""
(async () => {
  const until = async (what, test, seconds = 20) => {
    const end = Date.now() + seconds * 1000;
    while (Date.now() < end) {
      const value = test();
      if (value) return value;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("timed out waiting for " + what);
  };
  const $ = (s) => document.querySelector(s);
  const rows = (s) => document.querySelectorAll(s + " tbody tr").length;
  const out = {};

  $("#text").value = "Russia will strike the bases if NATO goes further.";
  $("#text-title").value = "Pasted";
  $("#analyse-text").click();
  await until("the pasted text's result", () => rows("#results") === 1);
  const frame = $("#report");
  await until("the report in its frame", () =>
    frame.contentDocument?.querySelector(".rl-report")?.getAttribute("data-rl-ready") === "1");
  out.reportText = frame.contentDocument.querySelector(".rl-text")?.textContent ?? null;

  const files = new DataTransfer();
  files.items.add(new File([JSONL], "batch.jsonl", {type: "application/x-ndjson"}));
  files.items.add(new File(["%PDF-1.4"], "scan.pdf"));
  $("#files").files = files.files;
  $("#analyse-files").click();
  await until("the uploaded batch", () => rows("#results") === 6);
  out.progress = await until("the progress line", () =>
    $("#progress-text").textContent.startsWith("5 of 5") && $("#progress-text").textContent);
  out.problems = [...document.querySelectorAll("#problems li")].map((li) => li.textContent);

  await until("the corpus tab", () => !$("#corpus-tab").hidden);
  $("#corpus-tab").click();
  await until("the corpus documents", () => rows("#documents") === 4);
  const form = $("#filters");
  form.elements.author.value = "Hawk";
  form.elements.rung.value = "3";
  form.requestSubmit();
  await until("the filtered documents", () => rows("#documents") === 2 && rows("#claims") === 2);
  out.claims = [...document.querySelectorAll("#claims a.quote")].map((a) => a.textContent);
  document.querySelector("#claims a.quote").click();
  out.marked = await until("the quote in its document", () =>
    !$("#viewer").hidden && $("#viewer-text mark.found")?.textContent);
  out.timeline = await until("the red-line timeline", () => $("#timeline h3")?.textContent);
  // The filters apply to the chart too: one author, one line.
  const traces = () => document.querySelectorAll("#chart .scatterlayer .trace").length;
  out.chart = await until("a chart of one author", () => traces() === 1 && $("#chart .main-svg")
    && $("#chart").getAttribute("data-drawn"));
  window.scrollTo(0, 0);
  return out;
})()
""".replace("JSONL", repr(JSONL))


# Runs after DRIVE: the threshold controls start at the server's default (techniques 0.25), and
# a higher one leaves fewer technique marks in the stored document's report and in the
# analysed text's (the stand-in finds a technique at each number, with that confidence).
THRESHOLDS = r"""
(async () => {
  const until = async (what, test, seconds = 20) => {
    const end = Date.now() + seconds * 1000;
    while (Date.now() < end) {
      const value = test();
      if (value) return value;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("timed out waiting for " + what);
  };
  const $ = (s) => document.querySelector(s);
  const rows = (s) => document.querySelectorAll(s + " tbody tr").length;
  const marks = (page) => page.querySelectorAll('mark[title^="techniques:"]').length;
  const out = {};

  const viewer = '#viewer-thresholds input[name="techniques"]';
  out.viewerDefault = await until("the viewer's control", () => $(viewer)?.value);
  let opened = null;
  window.open = (address) => { opened = address; return null; };
  const stored = async (value) => {
    opened = null;
    $(viewer).value = value;
    $("#viewer-report").click();
    await until("the stored report", () => opened);
    // Counted in the markup: parsing it here would apply its inline style under this page's policy.
    const page = await (await fetch(opened)).text();
    return (page.match(/<mark [^>]*title="techniques:/g) || []).length;
  };
  out.storedMarks = [await stored("0.25"), await stored("0.6")];

  document.querySelector(".tab[data-tab=analyse]").click();
  const control = '#analyse-thresholds input[name="techniques"]';
  out.analyseDefault = $(control).value;
  const frame = $("#report");
  const analysed = async (value) => {
    const before = rows("#results");
    $(control).value = value;
    $("#text").value = "They will strike 0.9 first, then 0.4 again, and 0.1 once more.";
    $("#analyse-text").click();
    await until("the text's result", () => rows("#results") === before + 1);
    await until("its report in the frame", () =>
      frame.contentDocument?.URL.endsWith(frame.getAttribute("src")) &&
      frame.contentDocument.querySelector(".rl-report")?.getAttribute("data-rl-ready") === "1");
    return marks(frame.contentDocument);
  };
  out.analysedMarks = [await analysed("0.25"), await analysed("0.5")];
  window.scrollTo(0, 0);
  return out;
})()
"""


def _devtools() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_html_report", CHECK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def chromium() -> Path:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is absent; install it with `apt-get install chromium`"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (CI=true, so the browser check is required)")
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    corpus = tmp_path / "corpus.duckdb"
    write_corpus(corpus)
    port = _free_port()
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [sys.executable, str(HERE / "serve_stand_in.py"), str(port), "2", str(corpus)],
            stdout=subprocess.DEVNULL, stderr=log, cwd=HERE,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                try:
                    if httpx.get(f"{url}/health", timeout=2).json().get("idle") == 2:
                        break
                except httpx.HTTPError:
                    pass
                assert process.poll() is None, "the server exited"
                time.sleep(0.1)
            yield url
        finally:
            process.kill()
            process.wait(10)


def _drive(url: str, shots: Path) -> tuple[dict[str, Any], list[str]]:
    check = _devtools()
    to_r, to_w = os.pipe()
    from_r, from_w = os.pipe()

    def wire() -> None:
        import fcntl

        os.dup2(fcntl.fcntl(to_r, fcntl.F_DUPFD, 10), 3)
        os.dup2(fcntl.fcntl(from_w, fcntl.F_DUPFD, 10), 4)

    with tempfile.TemporaryDirectory(prefix="redline-chromium-") as profile:
        browser = subprocess.Popen(
            [str(CHROMIUM), *check.FLAGS, f"--user-data-dir={profile}",
             "--window-size=1280,1400", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            close_fds=False, preexec_fn=wire,
        )  # fmt: skip
        os.close(to_r)
        os.close(from_w)
        tools = check.DevTools(to_w, from_r, 60.0)
        try:
            targets = tools.call("Target.getTargets")["targetInfos"]
            page = next(t["targetId"] for t in targets if t.get("type") == "page")
            session = tools.call("Target.attachToTarget", {"targetId": page, "flatten": True})[
                "sessionId"
            ]
            for domain in ("Page", "Runtime", "Log"):
                tools.call(f"{domain}.enable", session=session)
            metrics = {"width": 1280, "height": 1400, "deviceScaleFactor": 1, "mobile": False}
            tools.call("Emulation.setDeviceMetricsOverride", metrics, session=session)
            tools.call("Page.navigate", {"url": url + "/"}, session=session)
            tools.wait_for("Page.loadEventFired")
            result = _evaluate(tools, session, DRIVE)
            shot = tools.call("Page.captureScreenshot", {"format": "png"}, session=session)
            (shots / "ui-corpus.png").write_bytes(base64.b64decode(shot["data"]))
            result.update(_evaluate(tools, session, THRESHOLDS))  # ends on the analyse panel
            shot = tools.call("Page.captureScreenshot", {"format": "png"}, session=session)
            (shots / "ui-analyse.png").write_bytes(base64.b64decode(shot["data"]))
        finally:
            check._close(browser, tools, to_w, from_r)
    return result, tools.errors


def _evaluate(tools: Any, session: str, script: str) -> dict[str, Any]:
    """What ``script`` (a promise) resolves to in the page; its exception as a failure."""
    evaluated = tools.call(
        "Runtime.evaluate",
        {"expression": script, "awaitPromise": True, "returnByValue": True},
        session=session,
    )
    if "exceptionDetails" in evaluated:
        details = evaluated["exceptionDetails"]
        raise AssertionError(details.get("exception", {}).get("description", details))
    value: dict[str, Any] = evaluated["result"]["value"]
    return value


@pytest.mark.browser
def test_ui_browser_upload_report_filters_and_chart(
    chromium: Path, server: str, tmp_path: Path
) -> None:
    shots = Path(os.environ.get("REDLINE_UI_SCREENSHOT") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    result, errors = _drive(server, shots)
    # The one expected error: the PDF refused with 415 is logged by the browser as a failed load.
    unexpected = [e for e in errors if "status of 415" not in e]
    assert not unexpected, errors
    assert result["reportText"] == "Russia will strike the bases if NATO goes further."
    assert result["progress"] == "5 of 5 analysed"
    assert len(result["problems"]) == 1 and "scan.pdf" in result["problems"][0]
    assert result["claims"] == ["nuclear weapons", "strike"]
    assert result["marked"] == "nuclear weapons"
    assert result["timeline"] == "Russia (2)"
    assert result["chart"] == "trends"
    assert result["viewerDefault"] == result["analyseDefault"] == "0.25"
    assert result["storedMarks"] == [1, 0]
    assert result["analysedMarks"] == [2, 1]
    for name in ("ui-corpus.png", "ui-analyse.png"):
        assert (shots / name).read_bytes().startswith(b"\x89PNG")
