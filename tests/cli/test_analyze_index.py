"""``redline analyze ... --format html --out DIR`` writes an index page beside the reports."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from typer.testing import CliRunner

from redline.cli import app

FIXTURES = Path(__file__).resolve().parents[1] / "analyzers" / "fixtures"


def _links(index: Path) -> list[str]:
    return re.findall(r'<a href="([^"]+)">', index.read_text(encoding="utf-8"))


def test_analyze_directory_to_html_writes_a_linked_index(runner: CliRunner, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("wire_story.txt", "article_thread.txt"):
        shutil.copy(FIXTURES / name, inputs / name)
    out = tmp_path / "reports"
    result = runner.invoke(app, ["analyze", str(inputs), "-f", "html", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    index = out / "index.html"
    links = _links(index)
    assert len(links) == 2 and all((out / link).is_file() for link in links)
    page = index.read_text(encoding="utf-8")
    assert "Poland warns of response after drone incursion" in page
    assert "Drone strikes hit fuel depots overnight" in page
    assert "Escalation index</button>" in page and "Content-Security-Policy" in page


def test_analyze_jsonl_to_html_indexes_every_line(runner: CliRunner, tmp_path: Path) -> None:
    corpus = tmp_path / "statements.jsonl"
    lines = [
        {"text": "Moscow will respond with all available means if the bases are built.",
         "title": "Ministry warns on bases", "date": "2025-04-01", "outlet": "Wire"},
        {"text": "The two ministers agreed to meet again in May to discuss grain exports.",
         "title": "Ministers to meet again", "date": "2025-04-02", "outlet": "Wire"},
    ]  # fmt: skip
    corpus.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    out = tmp_path / "reports"
    result = runner.invoke(app, ["analyze", str(corpus), "-f", "html", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    page = (out / "index.html").read_text(encoding="utf-8")
    assert len(_links(out / "index.html")) == 2
    assert "Ministry warns on bases" in page and "2025-04-02" in page and ">Wire<" in page


def test_analyze_markdown_directory_writes_no_index(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    result = runner.invoke(
        app, ["analyze", str(FIXTURES / "wire_story.txt"), str(FIXTURES / "social_post.txt"),
              "-f", "md", "-o", str(out), "-q"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert not (out / "index.html").exists() and len(list(out.glob("*.md"))) == 2
