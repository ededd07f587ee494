"""``redline moderate``: table and JSON lines, severity filter, errors and exit codes."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from redline.cli import app

THREAD = (
    "Talks in Geneva ended without agreement on Friday. Both delegations blamed each other for the "
    "failure, and the mediators said they would try again next month.\n\n"
    "2 Comments\n\n"
    "mike\nMay 22, 2025 at 9:14 am\nSomeone should hang the senator.\nReply\n\n"
    "anna\nMay 22, 2025 at 10:02 am\nI agree with the mediators.\nReply\n"
)


@pytest.fixture(scope="module")
def thread(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("moderate") / "thread.txt"
    path.write_text(THREAD, encoding="utf-8")
    return path


def test_moderate_jsonl_lists_flagged_comments(thread: Path, tmp_path: Path) -> None:
    out = tmp_path / "queue.jsonl"
    result = CliRunner().invoke(
        app, ["moderate", str(thread), "--format", "jsonl", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["author"] == "mike" and record["severity"] >= 2
    assert "call_to_violence" in record["labels"] and record["targets"] == ["senator"]
    assert record["source"].endswith("thread.txt")


def test_moderate_table_and_min_severity_zero(thread: Path) -> None:
    result = CliRunner().invoke(app, ["moderate", str(thread), "--min-severity", "0"])
    assert result.exit_code == 0, result.output
    assert "Reader comments by severity" in result.output
    assert "mike" in result.output and "anna" in result.output


def test_moderate_bad_input_one_line_and_exit_1(thread: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = CliRunner().invoke(app, ["moderate", str(thread), str(missing), "--format", "jsonl"])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "missing.txt" in errors[0]
    assert any(
        line.startswith("{") for line in result.output.splitlines()
    )  # the good input is listed


def test_moderate_usage_errors_exit_2(thread: Path) -> None:
    assert CliRunner().invoke(app, ["moderate", str(thread), "--format", "xml"]).exit_code == 2
    assert CliRunner().invoke(app, ["moderate", str(thread), "--min-severity", "9"]).exit_code == 2
    assert CliRunner().invoke(app, ["moderate"]).exit_code == 2


def test_moderate_all_inputs_failed_prints_no_table(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["moderate", str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"error: {tmp_path / 'missing.txt'}: no such file or directory"
    ]
