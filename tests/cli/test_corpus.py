"""`redline corpus`: init, add (failures; resume after kill -9), status, query, views, export."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from redline.cli import app

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "redline" / "samples" / "interview.txt"
WORDS = [
    "ministers",
    "talks",
    "ceasefire",
    "troops",
    "border",
    "sanctions",
    "corridor",
    "Geneva",
    "Kyiv",
    "Moscow",
    "Vilnius",
    "strike",
    "agreed",
    "rejected",
    "warned",
    "resume",
]


def _inputs(folder: Path) -> Path:
    folder.mkdir()
    (folder / "talks.txt").write_text(
        "Host: Will the talks resume?\nGuest: Not before spring.\n", encoding="utf-8"
    )
    rows = [
        '{"text": "Ministers met in Geneva.", "author": "A", "date": "2024-03-05"}',
        '"just a string"',
        '{"text": "Troops crossed the river.", "author": "B", "date": "2024-04-01"}',
    ]
    (folder / "rows.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / "broken.parquet").write_bytes(b"PAR1 garbage")
    return folder


def _add(runner: CliRunner, *args: str) -> object:
    return runner.invoke(
        app, ["corpus", "add", *args, "--analyzers", "structure", "--n-process", "1", "-q"]
    )


def test_cli_corpus_add_status_and_rerun(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    folder = _inputs(tmp_path / "in")
    result = _add(runner, str(folder), "--db", str(db))
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2 and "broken.parquet" in errors[0] and "rows.jsonl:2" in errors[1]
    assert "added 3, replaced 0, already stored 0, failed 2" in result.stderr
    again = _add(runner, str(folder / "talks.txt"), "--db", str(db))
    assert again.exit_code == 0
    assert "already stored" in again.stderr and "nothing to do" in again.stderr
    status = runner.invoke(app, ["corpus", "status", "--db", str(db)], env={"COLUMNS": "250"})
    assert status.exit_code == 0
    assert "3 documents" in status.stdout and "failures (2)" in status.stdout
    assert "expected a JSON object" in status.stdout and "broken.parquet" in status.stdout


def test_cli_corpus_query_views_and_export(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    _add(runner, str(_inputs(tmp_path / "in")), "--db", str(db))
    query = runner.invoke(
        app,
        [
            "corpus",
            "query",
            "SELECT author, count(*) AS n FROM documents GROUP BY 1 ORDER BY 1",
            "--db",
            str(db),
            "--csv",
            str(tmp_path / "q.csv"),
        ],
    )
    assert query.exit_code == 0, query.output
    assert (tmp_path / "q.csv").read_text(encoding="utf-8").splitlines() == [
        "author,n",
        "A,1",
        "B,1",
        ",1",
    ]
    trends = runner.invoke(
        app,
        [
            "corpus",
            "trends",
            "--db",
            str(db),
            "--by",
            "author",
            "--every",
            "week",
            "--parquet",
            str(tmp_path / "t.parquet"),
            "--chart",
            str(tmp_path / "t.html"),
        ],
        env={"COLUMNS": "250"},
    )
    assert trends.exit_code == 0, trends.output
    assert "2024-03-04" in trends.stdout and (tmp_path / "t.html").stat().st_size > 1_000_000
    export = runner.invoke(
        app,
        [
            "corpus",
            "export",
            "--db",
            str(db),
            "--format",
            "jsonl",
            "--out",
            str(tmp_path / "d.jsonl"),
        ],
    )
    assert export.exit_code == 0
    assert len((tmp_path / "d.jsonl").read_text(encoding="utf-8").splitlines()) == 3
    export = runner.invoke(
        app, ["corpus", "export", "--db", str(db), "--out", str(tmp_path / "pq")]
    )
    assert export.exit_code == 0 and (tmp_path / "pq" / "spans.parquet").exists()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["query", "SELEC nonsense"], "error: Parser Error"),
        (["query", "DELETE FROM documents"], "read-only"),
        (
            ["trends", "--since", "March"],
            "usage error: --since expects a date as YYYY-MM-DD, got 'March'",
        ),
        (["trends", "--chart", "out.png"], "usage error: --chart writes HTML"),
    ],
)
def test_cli_corpus_bad_requests_are_one_line(
    runner: CliRunner, tmp_path: Path, args: list[str], expected: str
) -> None:
    db = tmp_path / "c.duckdb"
    assert runner.invoke(app, ["corpus", "init", "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["corpus", *args, "--db", str(db)])
    assert result.exit_code in (1, 2)
    assert expected in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_corpus_bad_files_are_refused_and_left_alone(runner: CliRunner, tmp_path: Path) -> None:
    notes = tmp_path / "notes.duckdb"
    notes.write_text("my notes\n", encoding="utf-8")
    result = _add(runner, str(SAMPLE), "--db", str(notes))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {notes}: not a Redline corpus")
    assert notes.read_text(encoding="utf-8") == "my notes\n"
    missing = runner.invoke(app, ["corpus", "status", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 1 and "no corpus here" in missing.stderr
    assert not (tmp_path / "none.duckdb").exists()


def _corpus(path: Path, unique: int, duplicates: int) -> None:
    draw = random.Random(7)
    rows = [
        {
            "text": f"Host: Question {n}: {' '.join(draw.choice(WORDS) for _ in range(12))}?\n"
            f"Guest: The {draw.choice(WORDS)} will {draw.choice(WORDS)} soon, answer {n}.\n",
            "author": draw.choice("ABC"),
            "date": f"2024-0{1 + n % 9}-1{n % 9}",
        }
        for n in range(unique)
    ]
    rows += rows[:duplicates]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")


def _counts(db: Path) -> tuple[int, int, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        documents = con.execute("SELECT count(*), count(DISTINCT id) FROM documents").fetchall()[0]
        repeated = con.execute(
            "SELECT count(*) FROM (SELECT doc_id, span_id FROM spans GROUP BY ALL "
            "HAVING count(*) > 1)"
        ).fetchall()[0][0]
    return documents[0], documents[0] - documents[1], repeated


def test_cli_corpus_add_resumes_after_kill_9(tmp_path: Path) -> None:
    unique, duplicates = 700, 3
    source, db = tmp_path / "corpus.jsonl", tmp_path / "c.duckdb"
    _corpus(source, unique, duplicates)
    command = [
        sys.executable,
        "-m",
        "redline",
        "corpus",
        "add",
        str(source),
        "--db",
        str(db),
        "--analyzers",
        "structure",
        "--commit-every",
        "20",
        "-q",
    ]
    subprocess.run([sys.executable, "-m", "redline", "corpus", "init", "--db", str(db)], check=True)
    wal = db.with_name(db.name + ".wal")
    batch = subprocess.Popen(command, start_new_session=True, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    # A few commits of 20 documents each make the write-ahead log grow past 100 KB.
    while batch.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > 100_000:
            break
        time.sleep(0.05)
    assert batch.poll() is None, "the batch ended before it could be killed; make the corpus bigger"
    os.killpg(batch.pid, signal.SIGKILL)  # the batch and its worker processes, as kill -9 would
    batch.wait()
    before, repeated_docs, repeated_spans = _counts(db)
    assert 0 < before < unique and repeated_docs == repeated_spans == 0
    rerun = subprocess.run(command, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    after, repeated_docs, repeated_spans = _counts(db)
    assert (after, repeated_docs, repeated_spans) == (unique, 0, 0)
    assert (
        f"added {unique - before}, replaced 0, already stored {before + duplicates}, failed 0"
        in rerun.stderr
    )
    with duckdb.connect(str(db), read_only=True) as con:
        runs = con.execute("SELECT finished_at IS NULL FROM runs ORDER BY run_id").fetchall()
    assert runs == [(True,), (False,)]  # the killed run shows as interrupted


def test_cli_corpus_add_on_dask_ingests_the_partitions(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    import redline.scale
    from redline.document import Document

    calls: list[dict[str, object]] = []

    def fake_analyze_on_dask(inputs: list[Path], output_dir: Path, **options: object) -> list[Path]:
        # Stands in for the cluster: one partition file in the contract's columns.
        calls.append({"inputs": inputs, **options})
        output_dir.mkdir(parents=True, exist_ok=True)
        document = Document.from_text("Ministers met in Geneva.")
        rows = [
            {
                "id": document.id,
                "source": "in.jsonl:1",
                "document_json": document.to_json(indent=None),
                "error": None,
            },
            {
                "id": "x",
                "source": "in.jsonl:2",
                "document_json": None,
                "error": "line 2: malformed JSON",
            },
        ]
        path = output_dir / "in-0.parquet"
        pq.write_table(pa.Table.from_pylist(rows), path)
        return [path]

    monkeypatch.setattr(redline.scale, "analyze_on_dask", fake_analyze_on_dask)
    db = tmp_path / "c.duckdb"
    args = [
        "corpus",
        "add",
        "in.jsonl",
        "--db",
        str(db),
        "--engine",
        "dask",
        "--scheduler",
        "tcp://head:8786",
        "--partitions",
        "50",
        "--analyzers",
        "structure",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    assert "error: in.jsonl:2: line 2: malformed JSON" in result.stderr
    assert "added 1, replaced 0, already stored 0, failed 1" in result.stderr
    assert calls[0]["scheduler"] == "tcp://head:8786" and calls[0]["partition_size"] == 50
    assert not (tmp_path / ".c.duckdb.dask").exists()  # results removed once stored
    again = runner.invoke(app, args)
    assert "already stored 1" in again.stderr


def test_cli_corpus_unknown_analyzer_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    result = runner.invoke(
        app, ["corpus", "add", str(SAMPLE), "--db", str(db), "--analyzers", "mood"]
    )
    assert result.exit_code == 2
    assert "no analyzer named 'mood'" in result.stderr
    assert not db.exists()
