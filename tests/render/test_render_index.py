"""The index page of a directory of HTML reports, from real analysed samples: one row per
document with its highest rungs, links to the reports, sortable in a real browser, under the
report's Content-Security-Policy."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from redline.analysis import analyze_file
from redline.document import Document, Metadata
from redline.render.index import COLUMNS, IndexRow, index_row, render_index

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "analyzers" / "fixtures"
INTERVIEW = ROOT / "src" / "redline" / "samples" / "interview.txt"
CHROMIUM = Path("/usr/bin/chromium")
CHECK = ROOT / "scripts" / "check_html_report.py"


@pytest.fixture(scope="module")
def rows() -> list[IndexRow]:
    samples = (INTERVIEW, FIXTURES / "wire_story.txt", FIXTURES / "article_thread.txt")
    return [index_row(analyze_file(path), f"{path.stem}.html") for path in samples]


def test_render_index_row_per_document_with_rungs_and_counts(rows: list[IndexRow]) -> None:
    interview, wire, thread = rows
    assert interview.title == "Red Lines on the Baltic" and interview.date == "2025-11-03"
    assert wire.title == "Poland warns of response after drone incursion"
    assert thread.title == "Drone strikes hit fuel depots overnight"
    # The interview advocates and threatens; its red lines are counted.
    assert interview.rungs[0] is not None and interview.rungs[1] is not None
    assert interview.red_lines >= 1 and interview.index is not None and interview.index > 0
    assert all(len(row.rungs) == 4 for row in rows)


def test_render_index_page_links_each_report_and_keeps_the_csp(rows: list[IndexRow]) -> None:
    page = render_index(rows)
    for stem in ("interview", "wire_story", "article_thread"):
        assert f'href="{stem}.html"' in page
    assert page.count("<tr>") == len(rows) + 1
    assert all(f">{column}</button>" in page for column in COLUMNS[:4])
    policy = re.search(r'Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None
    assert "default-src &#x27;none&#x27;" in policy.group(1)
    assert "script-src &#x27;sha256-" in policy.group(1)
    assert "null" not in page and "None" not in page


def test_render_index_escapes_titles_and_file_names() -> None:
    hostile = Document.from_text("Tanks will roll.").model_copy(
        update={"metadata": Metadata(title='<img src=x onerror="alert(1)">', outlet="<b>")}
    )
    page = render_index([index_row(hostile, 'x"><script>alert(1)</script>.html')])
    assert "<img" not in page and "<b>" not in page and "<script>alert" not in page
    assert "&lt;img src=x" in page


def test_render_index_falls_back_to_the_file_name_without_a_title() -> None:
    document = Document.from_text("Moscow will respond.").model_copy(
        update={"metadata": Metadata(source="/data/statements/mfa-2025-03-01.txt")}
    )
    row = index_row(document, "mfa.html")
    assert row.title == "mfa-2025-03-01.txt"
    assert row.rungs == (None, None, None, None) and row.red_lines == 0


# -- in a real browser -------------------------------------------------------------------------

SORT = r"""
(() => {
  const column = (i) => [...document.querySelectorAll("table.rl-index tbody tr")]
    .map((tr) => tr.cells[i].textContent);
  const click = (i) => document.querySelectorAll("thead button")[i].click();
  const out = {};
  click(8); out.indexDown = column(8); out.sortState = document.querySelectorAll("thead th")[8]
    .getAttribute("aria-sort");
  click(8); out.indexUp = column(8);
  click(0); out.titles = column(0);
  return out;
})()
"""


def _devtools() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_html_report", CHECK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _sorted_in_chromium(page: Path) -> tuple[dict[str, Any], list[str]]:
    check = _devtools()
    to_r, to_w = os.pipe()
    from_r, from_w = os.pipe()

    def wire() -> None:
        import fcntl

        os.dup2(fcntl.fcntl(to_r, fcntl.F_DUPFD, 10), 3)
        os.dup2(fcntl.fcntl(from_w, fcntl.F_DUPFD, 10), 4)

    with tempfile.TemporaryDirectory(prefix="redline-chromium-") as profile:
        browser = subprocess.Popen(
            [str(CHROMIUM), *check.FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            close_fds=False, preexec_fn=wire,
        )  # fmt: skip
        os.close(to_r)
        os.close(from_w)
        tools = check.DevTools(to_w, from_r, 60.0)
        try:
            targets = tools.call("Target.getTargets")["targetInfos"]
            target = next(t["targetId"] for t in targets if t.get("type") == "page")
            session = tools.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
                "sessionId"
            ]
            for domain in ("Page", "Runtime", "Log"):
                tools.call(f"{domain}.enable", session=session)
            tools.call("Page.navigate", {"url": page.as_uri()}, session=session)
            tools.wait_for("Page.loadEventFired")
            evaluated = tools.call(
                "Runtime.evaluate", {"expression": SORT, "returnByValue": True}, session=session
            )
            result: dict[str, Any] = evaluated["result"]["value"]
        finally:
            check._close(browser, tools, to_w, from_r)
    return result, tools.errors


@pytest.mark.browser
def test_render_index_sorts_by_clicked_column_in_chromium(
    rows: list[IndexRow], tmp_path: Path
) -> None:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent; install it with `apt-get install chromium`")
    page = tmp_path / "index.html"
    page.write_text(render_index(rows), encoding="utf-8")
    result, errors = _sorted_in_chromium(page)
    assert not errors, errors  # no console error, no CSP violation: the script ran by its hash
    shown = ["—" if row.index is None else str(row.index) for row in rows]
    down = sorted(rows, key=lambda row: -1 if row.index is None else row.index, reverse=True)
    assert result["indexDown"] == ["—" if r.index is None else str(r.index) for r in down]
    assert sorted(result["indexDown"]) == sorted(shown)
    assert result["indexUp"] == list(reversed(result["indexDown"]))
    assert result["sortState"] == "descending"
    assert result["titles"] == sorted((row.title for row in rows), key=str.casefold)
