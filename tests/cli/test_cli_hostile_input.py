"""`redline analyze` under hostile input (issue 15, §3): one error line per bad record naming
file, line and problem, never a traceback; the good records are still analysed and written."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from typer.testing import CliRunner

from redline.cli import app


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


def deep(depth: int) -> object:
    value: object = "leaf"
    for _ in range(depth):
        value = [value]
    return value


def test_cli_hostile_records_are_one_error_each_and_the_rest_are_analysed(
    runner: CliRunner, tmp_path: Path, fast_config: Path
) -> None:
    corpus = tmp_path / "c.jsonl"
    lines = [
        json.dumps({"text": "Ministers met in Geneva."}),
        json.dumps({"text": "Lone \ud800 surrogate."}),  # written as the escape "\ud800"
        json.dumps({"text": "Fine text.", "author": "A \udc00"}),
        json.dumps({"text": "Deep metadata is kept, bounded.", "meta": deep(300)}),
        '{"text": "Huge number.", "n": ' + "9" * 5000 + "}",
        json.dumps({"text": "Troops crossed the river."}),
    ]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(
        app, ["analyze", str(corpus), "-f", "jsonl", "-q", "--config", str(fast_config)]
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output + result.stderr
    errors = error_lines(result.stderr)
    assert len(errors) == 3
    for line, problem in ((2, "lone surrogate"), (3, "lone surrogate"), (5, "4,300 digits")):
        assert any(e.startswith(f"error: {corpus}:{line}: ") and problem in e for e in errors)
    texts = [json.loads(line)["text"] for line in result.stdout.splitlines()]
    assert texts == [
        "Ministers met in Geneva.",
        "Deep metadata is kept, bounded.",
        "Troops crossed the river.",
    ]


def test_cli_unsafe_characters_in_urls_never_reach_file_names(
    runner: CliRunner, tmp_path: Path, fast_config: Path
) -> None:
    corpus = tmp_path / "c.jsonl"
    rows = [
        {"text": "A NUL in the url.", "url": "https://example.com/a\x00b"},
        {"text": "A port and a query.", "url": "https://example.com:8080/x:y?z=1"},
        {"text": "Climbing out.", "url": "https://example.com/../../etc/passwd"},
        {"text": "Only a host.", "url": "https://example.com"},
    ]
    corpus.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    out = tmp_path / "reports"
    result = runner.invoke(
        app,
        ["analyze", str(corpus), "-f", "json", "-o", str(out), "-q", "--config", str(fast_config)],
    )
    assert result.exit_code == 0, result.stderr  # before: "embedded null byte" ended the run
    names = sorted(path.name for path in out.iterdir())
    assert len(names) == 4
    stems = sorted(name.rsplit("-", 1)[0] for name in names)
    assert stems == ["a_b", "example.com", "passwd", "x_y"]
    assert all(path.parent == out for path in out.iterdir())


def test_cli_reports_honour_the_umask(runner: CliRunner, tmp_path: Path, fast_config: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Ministers met in Geneva.", encoding="utf-8")
    report = tmp_path / "report.json"
    previous = os.umask(0o022)
    try:
        options = ["-f", "json", "-o", str(report), "--config", str(fast_config)]
        result = runner.invoke(app, ["analyze", str(source), *options])
    finally:
        os.umask(previous)
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(report.stat().st_mode) == 0o644  # before: 0600 (mkstemp)


def test_cli_bad_configuration_is_said_once_with_exit_two(
    runner: CliRunner, tmp_path: Path
) -> None:
    inputs = []
    for name in ("a", "b", "c"):
        path = tmp_path / f"{name}.txt"
        path.write_text(f"Document {name} about Kyiv.", encoding="utf-8")
        inputs.append(str(path))
    out_of_order = tmp_path / "bad.toml"
    out_of_order.write_text('[redline]\nanalyzers = ["claims", "structure"]\n', encoding="utf-8")
    for options, expected in (
        (["--pipeline", "no_such_pipeline_xyz"], "spaCy pipeline 'no_such_pipeline_xyz'"),
        (["--config", str(out_of_order)], "analyzer 'claims' requires layer 'structure'"),
    ):
        result = runner.invoke(app, ["analyze", *inputs, "-q", *options])
        assert result.exit_code == 2, options
        assert result.stderr.count(expected) == 1, result.stderr  # before: once per input
        assert result.stderr.startswith("usage error: configuration: ")
        assert result.stdout == ""
