"""`redline corpus` under hostile input (issue 15, §3): bad records are failures beside stored
documents, a damaged corpus file is refused by every command, a bad configuration stops before
the corpus is touched, and a Dask run reports its whole time."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from redline.cli import app
from redline.document import Document
from redline.store import CorpusStore


def add(runner: CliRunner, *args: str) -> object:
    return runner.invoke(
        app, ["corpus", "add", *args, "--analyzers", "structure", "--n-process", "1", "-q"]
    )


def deep(depth: int) -> object:
    value: object = "leaf"
    for _ in range(depth):
        value = [value]
    return value


def test_cli_corpus_stores_the_good_records_beside_hostile_ones_and_exports_them(
    runner: CliRunner, tmp_path: Path
) -> None:
    corpus = tmp_path / "c.jsonl"
    lines = [
        json.dumps({"text": "Ministers met in Geneva."}),
        json.dumps({"text": "Lone \ud800 surrogate."}),
        json.dumps({"text": "Fine text.", "author": "A \udc00"}),
        json.dumps({"text": "Deep metadata is kept, bounded.", "meta": deep(300)}),
        json.dumps({"text": "Troops crossed the river."}),
    ]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "c.duckdb"
    result = add(runner, str(corpus), "--db", str(db))
    assert result.exit_code == 1
    assert "Traceback" not in result.output + result.stderr
    assert "added 3, replaced 0, already stored 0, failed 2" in result.stderr  # before: 0 stored
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT line FROM failures ORDER BY line").fetchall() == [(2,), (3,)]
    exported = tmp_path / "out.jsonl"
    export = runner.invoke(
        app, ["corpus", "export", "--db", str(db), "-f", "jsonl", "-o", str(exported)]
    )
    assert export.exit_code == 0, export.stderr  # before: the deep document broke export
    assert len(exported.read_text(encoding="utf-8").splitlines()) == 3
    parquet = runner.invoke(app, ["corpus", "export", "--db", str(db), "-o", str(tmp_path / "p")])
    assert parquet.exit_code == 0, parquet.stderr


def test_cli_corpus_every_command_refuses_a_damaged_file(
    runner: CliRunner, tmp_path: Path, damage_corpus: Callable[[Path], None]
) -> None:
    db = tmp_path / "c.duckdb"
    text = "Troops massed at the border. " * 40
    with CorpusStore.open(db) as store:
        store.write([Document.from_text(f"Report {n}. {text}") for n in range(200)], {})
    damage_corpus(db)
    damaged = db.read_bytes()
    source = tmp_path / "a.txt"
    source.write_text("Ministers met in Geneva.", encoding="utf-8")
    commands = [
        ["corpus", "status", "--db", str(db)],
        ["corpus", "query", "SELECT count(*) FROM documents", "--db", str(db)],
        ["corpus", "trends", "--db", str(db)],
        ["corpus", "export", "--db", str(db), "-f", "jsonl", "-o", str(tmp_path / "x.jsonl")],
        ["corpus", "add", str(source), "--db", str(db), "--analyzers", "structure", "-q"],
    ]
    for command in commands:
        result = runner.invoke(app, command)
        assert result.exit_code == 1, command
        [line] = result.stderr.splitlines()
        assert line.startswith(f"error: {db}: the corpus file is damaged ("), command
        assert "restore it from a backup" in line
    assert db.read_bytes() == damaged  # before: add wrote into it
    assert not (tmp_path / "x.jsonl").exists()


def test_cli_corpus_bad_configuration_stops_before_the_corpus_is_touched(
    runner: CliRunner, tmp_path: Path
) -> None:
    inputs = []
    for name in ("a", "b"):
        path = tmp_path / f"{name}.txt"
        path.write_text(f"Document {name} about Kyiv.", encoding="utf-8")
        inputs.append(str(path))
    db = tmp_path / "c.duckdb"
    bad = ["--pipeline", "no_such_pipeline_xyz"]
    result = runner.invoke(app, ["corpus", "add", *inputs, "--db", str(db), "-q", *bad])
    assert result.exit_code == 2
    assert result.stderr.count("spaCy pipeline 'no_such_pipeline_xyz'") == 1
    assert not db.exists()
    assert add(runner, inputs[0], "--db", str(db)).exit_code == 0
    again = runner.invoke(app, ["corpus", "add", *inputs, "--db", str(db), "-q", *bad])
    assert again.exit_code == 2
    with duckdb.connect(str(db), read_only=True) as con:
        # Before: a second run row, never finished, that `status` called resumable.
        assert con.execute("SELECT count(*) FROM runs WHERE finished_at IS NULL").fetchall() == [
            (0,)
        ]
        assert con.execute("SELECT count(*) FROM runs").fetchall() == [(1,)]


def test_cli_corpus_add_on_dask_reports_the_whole_runs_time_and_a_loopback_dashboard(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    import redline.scale

    calls: list[dict[str, object]] = []

    def slow_analyze_on_dask(inputs: list[Path], output_dir: Path, **options: object) -> list[Path]:
        # Stands in for the cluster: the analysis phase takes a while, the loading very little.
        calls.append(options)
        time.sleep(1.0)
        output_dir.mkdir(parents=True, exist_ok=True)
        document = Document.from_text("Ministers met in Geneva.")
        row = {
            "id": document.id,
            "source": "in.jsonl:1",
            "error": None,
            "document_json": document.to_json(indent=None),
        }
        path = output_dir / "in-0.parquet"
        pq.write_table(pa.Table.from_pylist([row]), path)
        return [path]

    monkeypatch.setattr(redline.scale, "analyze_on_dask", slow_analyze_on_dask)
    db = tmp_path / "c.duckdb"
    result = add(runner, "in.jsonl", "--db", str(db), "--engine", "dask")
    assert result.exit_code == 0, result.output
    found = re.search(r"added 1, .* in ([0-9.]+) s \(([0-9.]+) docs/s\)", result.stderr)
    assert found is not None, result.stderr
    assert float(found.group(1)) >= 1.0  # before: the loading phase's time alone (~0.0 s)
    assert float(found.group(2)) <= 1.0  # one document in over a second
    assert calls[0]["dashboard_address"] == "127.0.0.1:0"
