"""`redline corpus export`: CSV tables with quotes, Label Studio tasks; refused shapes exit 2."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from redline.cli import app
from redline.document import Document
from redline.store import CorpusStore


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    document = Document.from_text("Kyiv was struck at dawn.")
    span = document.make_span(0, 4, "state", analyzer="actors", rule="alias", confidence=0.9)
    db = tmp_path / "c.duckdb"
    with CorpusStore.open(db) as store:
        store.write([document.with_layers({"actors": [span]})], {"actors": "1.0.0"})
    return db


def test_corpus_export_csv_writes_every_table_with_quotes(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "tables"
    result = CliRunner().invoke(
        app, ["corpus", "export", "--db", str(corpus), "-f", "csv", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "tables ->" in result.output
    with (out / "actors.csv").open(encoding="utf-8", newline="") as stream:
        (row,) = list(csv.DictReader(stream))
    assert (row["start_char"], row["end_char"], row["quote"]) == ("0", "4", "Kyiv")
    assert (out / "reviewed_spans.csv").exists()


def test_corpus_export_labelstudio_writes_tasks_and_config(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "tasks.json"
    command = ["corpus", "export", "--db", str(corpus), "-f", "labelstudio", "-o", str(out)]
    result = CliRunner().invoke(app, [*command, "--layers", "actors"])
    assert result.exit_code == 0, result.output
    (task,) = json.loads(out.read_text(encoding="utf-8"))
    assert task["predictions"][0]["model_version"] == "actors 1.0.0"
    assert (tmp_path / "tasks.label_config.xml").exists()


@pytest.mark.parametrize(
    ("fmt", "target", "layers", "message"),
    [
        ("csv", "file.txt", "claims", "--format csv writes a directory; "),
        ("labelstudio", "folder", "claims", "--format labelstudio writes one file; "),
        (
            "labelstudio",
            "tasks.json",
            "claimz",
            "no stored document has claimz; stored layers: actors",
        ),
    ],
)
def test_corpus_export_refuses_the_wrong_shape_with_exit_2(
    corpus: Path, tmp_path: Path, fmt: str, target: str, layers: str, message: str
) -> None:
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    out = tmp_path / target
    command = ["corpus", "export", "--db", str(corpus), "-f", fmt, "-o", str(out)]
    result = CliRunner().invoke(app, [*command, "--layers", layers])
    assert result.exit_code == 2
    assert message in result.output
