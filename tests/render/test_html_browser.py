"""The HTML report in a real browser: Debian's headless Chromium, driven by the check script."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from redline.document import Document
from redline.render import render_html

CHROMIUM = Path("/usr/bin/chromium")
CHECK = Path(__file__).resolve().parents[2] / "scripts" / "check_html_report.py"


@pytest.fixture
def chromium() -> Path:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is absent; install it with `apt-get install chromium`"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (CI=true, so the browser check is required)")
        pytest.skip(message)
    return CHROMIUM


def _check(report: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(CHECK), str(report), "--chromium", str(CHROMIUM), *extra],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


@pytest.mark.browser
def test_html_browser_report_works_in_chromium(
    chromium: Path, transcript: Document, tmp_path: Path
) -> None:
    report = tmp_path / "report.html"
    report.write_text(render_html(transcript), encoding="utf-8")
    expected = tmp_path / "text.txt"
    expected.write_bytes(transcript.text.encode("utf-8"))
    shot = tmp_path / "report.png"
    result = _check(report, "--screenshot", str(shot), "--expect-text", str(expected))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("check_html_report: OK")
    # Actors and techniques open unticked: only the claim's highlight is coloured.
    assert "12 highlights (1 coloured) in 3 layers" in result.stdout
    assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 10_000


@pytest.mark.browser
def test_html_browser_payloads_stay_inert(
    chromium: Path, hostile: Document, tmp_path: Path
) -> None:
    report = tmp_path / "hostile.html"
    report.write_text(render_html(hostile), encoding="utf-8")
    expected = tmp_path / "text.txt"
    expected.write_bytes(hostile.text.encode("utf-8"))
    result = _check(report, "--expect-text", str(expected))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.browser
def test_html_browser_check_catches_a_broken_report(chromium: Path, tmp_path: Path) -> None:
    report = tmp_path / "broken.html"
    report.write_text(
        '<!DOCTYPE html><div class="rl-report"><script>nope()</script></div>', encoding="utf-8"
    )
    result = _check(report)
    assert result.returncode == 1
    assert "console error" in result.stdout and "no highlights" in result.stdout


@pytest.mark.browser
def test_html_browser_notebook_fragments_work_side_by_side(
    chromium: Path, transcript: Document, tmp_path: Path
) -> None:
    # A notebook shows each output's fragment inside its own page, without the page's CSP.
    fragment = transcript._repr_html_()
    page = tmp_path / "notebook.html"
    page.write_text(
        f"<!DOCTYPE html><html><body><p>In [1]:</p>{fragment}<p>In [2]:</p>"
        f"{fragment}</body></html>",
        encoding="utf-8",
    )
    result = _check(page)
    assert result.returncode == 0, result.stdout + result.stderr
