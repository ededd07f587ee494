"""``redline moderate`` on a Russian comment thread: the call is found in its comment, and the
table and JSON lines show the Russian text as written."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from redline.cli import app

FIXTURE = Path(__file__).parents[1] / "analyzers" / "fixtures" / "ru_comment_thread.txt"
CALL = "Всех предателей нужно расстрелять"


@pytest.fixture(scope="module")
def thread(tmp_path_factory: pytest.TempPathFactory) -> Path:
    text = FIXTURE.read_text(encoding="utf-8").replace(
        "Они не остановятся, пока их не остановят.", CALL + "."
    )
    path = tmp_path_factory.mktemp("moderate_ru") / "ветка.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_moderate_ru_jsonl_lists_the_russian_call(thread: Path, tmp_path: Path) -> None:
    out = tmp_path / "queue.jsonl"
    result = CliRunner().invoke(
        app, ["moderate", str(thread), "--format", "jsonl", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    body = out.read_text(encoding="utf-8")
    assert "\\u04" not in body  # Cyrillic written as itself
    (record,) = [json.loads(line) for line in body.splitlines()]
    assert record["author"] == "Серый_волк" and "call_to_violence" in record["labels"]
    assert any("расстрелять" in span["quote"] for span in record["spans"])
    assert record["source"].endswith("ветка.txt")


def test_moderate_ru_table_shows_the_text_as_written(thread: Path) -> None:
    result = CliRunner().invoke(app, ["moderate", str(thread)])
    assert result.exit_code == 0, result.output
    assert "Серый_волк" in result.output and "расстрелять" in result.output
    assert "СЕРЫЙ" not in result.output and "Серый_Волк" not in result.output
