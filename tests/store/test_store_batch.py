"""add_sources and ingest_results: failures recorded, reruns idempotent, newer analyzers replace."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from redline.analyzers.structure import StructureAnalyzer
from redline.config import RedlineConfig
from redline.document import Document
from redline.store import CorpusStore, add_sources, ingest_results
from redline.store.ingest import installed_version

FAST = RedlineConfig(analyzers=("structure",), max_bytes=2_000)


def _inputs(folder: Path) -> list[str]:
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Host: Will the talks resume?\nGuest: Not this year.\n", encoding="utf-8"
    )
    (folder / "b.md").write_text(
        "# Ceasefire\n\nThe ceasefire held for a second night.\n", encoding="utf-8"
    )
    (folder / "big.txt").write_text("Escalation. " * 400, encoding="utf-8")  # 4,800 bytes > 2,000
    lines = [
        {"text": "Ministers met in Geneva.", "author": "A", "date": "2024-03-05"},
        [1, 2],
        {"text": "Host: Will the talks resume?\nGuest: Not this year.\n"},  # a.txt again
        {"text": "Troops crossed the river at dawn.", "author": "B"},
    ]
    (folder / "c.jsonl").write_text(
        "".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8"
    )
    (folder / "broken.parquet").write_bytes(b"PAR1 this is not really parquet")
    return [str(folder)]


def _failures(store: CorpusStore) -> list[tuple[str, int | None, str, int]]:
    return [
        (Path(source).name, line, reason, attempts)
        for source, line, reason, attempts in store.con.execute(
            "SELECT source, line, reason, attempts FROM failures ORDER BY source"
        ).fetchall()
    ]


def test_batch_records_failures_and_never_stops(tmp_path: Path, db_path: Path) -> None:
    sources = _inputs(tmp_path / "in")
    with CorpusStore.open(db_path) as store:
        report = add_sources(store, sources, config=FAST, n_process=1, commit_every=2)
        assert (report.added, report.skipped, report.failed) == (4, 1, 3)
        failures = _failures(store)
        assert [(name, line) for name, line, _, _ in failures] == [
            ("big.txt", None),
            ("broken.parquet", None),
            ("c.jsonl", 2),
        ]
        assert "over the limit of 2,000 bytes" in failures[0][2]
        assert "not a readable Parquet file" in failures[1][2]
        assert "expected a JSON object" in failures[2][2]
        assert store.count() == 4


def test_batch_rerun_adds_nothing_and_duplicates_nothing(tmp_path: Path, db_path: Path) -> None:
    sources = _inputs(tmp_path / "in")
    with CorpusStore.open(db_path) as store:
        add_sources(store, sources, config=FAST, n_process=1)
        spans = store.count("spans")
        again = add_sources(store, sources, config=FAST, n_process=1)
        assert (again.added, again.replaced, again.skipped, again.failed) == (0, 0, 5, 3)
        assert store.count() == 4
        assert store.count("spans") == spans
        assert [attempts for *_, attempts in _failures(store)] == [2, 2, 2]
        runs = store.con.execute(
            "SELECT added, skipped, failed, finished_at IS NOT NULL FROM runs ORDER BY run_id"
        ).fetchall()
        assert runs == [(4, 1, 3, True), (0, 5, 3, True)]


def test_batch_newer_analyzer_version_reanalyses(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = _inputs(tmp_path / "in")
    with CorpusStore.open(db_path) as store:
        add_sources(store, sources, config=FAST, n_process=1)
        spans = store.count("spans")
        monkeypatch.setattr(StructureAnalyzer, "version", "9.0.0")
        report = add_sources(store, sources, config=FAST, n_process=1)
        assert (report.added, report.replaced) == (0, 4)
        assert store.count() == 4 and store.count("spans") == spans
        versions = store.con.execute("SELECT DISTINCT analyzer_version FROM spans").fetchall()
        assert versions == [("9.0.0",)]


def test_batch_analysis_failure_is_recorded_then_cleared(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = _inputs(tmp_path / "in")
    analyze = StructureAnalyzer.analyze

    def fragile(self: StructureAnalyzer, document: Document, context: object) -> object:
        if "Troops" in document.text:
            raise RuntimeError("cannot cope with troops")
        return analyze(self, document, context)  # type: ignore[arg-type]

    with CorpusStore.open(db_path) as store:
        monkeypatch.setattr(StructureAnalyzer, "analyze", fragile)
        report = add_sources(store, sources, config=FAST, n_process=1)
        assert (report.added, report.failed) == (3, 4)
        (reason,) = store.con.execute(
            "SELECT reason FROM failures WHERE stage = 'analyze'"
        ).fetchall()[0]
        assert reason == "RuntimeError: cannot cope with troops"
        monkeypatch.undo()
        report = add_sources(store, sources, config=FAST, n_process=1)
        assert (report.added, report.skipped, report.failed) == (1, 4, 3)
        assert store.con.execute(
            "SELECT count(*) FROM failures WHERE stage = 'analyze'"
        ).fetchall() == [(0,)]


def _result_file(path: Path, rows: list[dict[str, str | None]]) -> Path:
    pq.write_table(
        pa.Table.from_pylist(
            rows,
            schema=pa.schema(
                [
                    ("id", pa.string()),
                    ("source", pa.string()),
                    ("document_json", pa.string()),
                    ("error", pa.string()),
                ]
            ),
        ),
        path,
    )
    return path


def test_ingest_results_loads_partitions_idempotently(
    tmp_path: Path, db_path: Path, corpus_documents: list[Document]
) -> None:
    first = _result_file(
        tmp_path / "part-0.parquet",
        [
            {
                "id": d.id,
                "source": f"in.jsonl#{n}",
                "document_json": d.to_json(indent=None),
                "error": None,
            }
            for n, d in enumerate(corpus_documents[:3])
        ]
        + [
            {
                "id": "0000",
                "source": "in.jsonl#9",
                "document_json": None,
                "error": "analysis failed: boom",
            }
        ],
    )
    second = _result_file(
        tmp_path / "part-1.parquet",
        [
            {
                "id": corpus_documents[3].id,
                "source": "in.jsonl#4",
                "document_json": corpus_documents[3].to_json(indent=None),
                "error": None,
            },
            {"id": "bad", "source": "in.jsonl#5", "document_json": '{"id": "x"}', "error": None},
        ],
    )
    corrupt = tmp_path / "part-2.parquet"
    corrupt.write_bytes(b"not parquet at all")
    with CorpusStore.open(db_path) as store:
        report = ingest_results(store, [first, second, corrupt])
        assert (report.added, report.skipped, report.failed) == (4, 0, 3)
        reasons = dict(store.con.execute("SELECT source, reason FROM failures").fetchall())
        assert reasons["in.jsonl#9"] == "analysis failed: boom"
        assert reasons["in.jsonl#5"].startswith("document_json is not a valid Document")
        assert reasons[str(corrupt)].startswith("not a readable result file")
        again = ingest_results(store, [second, first])
        assert (again.added, again.skipped) == (0, 4)
        assert store.count() == 4
        assert store.document(corpus_documents[0].id).to_json() == corpus_documents[0].to_json()
        (version,) = store.con.execute("SELECT DISTINCT analyzer_version FROM claims").fetchall()[0]
        assert version == installed_version("claims")


def test_batch_estimates_the_documents_of_its_inputs(tmp_path: Path) -> None:
    from redline.store.batch import estimate_total

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("One.", encoding="utf-8")
    (folder / "rows.jsonl").write_text(
        '{"text": "a"}\n{"text": "b"}\n{"text": "c"}', encoding="utf-8"
    )
    pq.write_table(pa.table({"text": ["x"] * 5}), folder / "rows.parquet")
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "skipped.txt").write_text("no", encoding="utf-8")
    (folder / "notes.docx").write_bytes(b"PK")
    assert estimate_total([str(folder), str(tmp_path / "missing.txt")]) == 1 + 3 + 5 + 1


def test_batch_bad_configuration_fails_before_a_run_is_recorded(
    tmp_path: Path, db_path: Path
) -> None:
    """Issue 15: a run that could never succeed was left unfinished, so status called it
    interrupted and resumable."""
    from redline.errors import ModelNotFoundError

    source = tmp_path / "a.txt"
    source.write_text("Ministers met in Geneva.", encoding="utf-8")
    config = FAST.updated(pipeline="no_such_pipeline_xyz")
    with CorpusStore.open(db_path) as store:
        with pytest.raises(ModelNotFoundError, match="no_such_pipeline_xyz"):
            add_sources(store, [str(source)], config=config, n_process=1)
        assert store.count("runs") == 0


def test_batch_lexicon_change_reanalyses(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edited action lexicon gives the claims analyzer another version, and `corpus add`
    analyses the stored documents again."""
    import shutil
    from importlib import resources

    from redline.analyzers.claims import ClaimAnalyzer
    from redline.analyzers.versions import content_version

    sources = _inputs(tmp_path / "in")
    copy = tmp_path / "redline"
    shutil.copytree(
        Path(str(resources.files("redline"))), copy, ignore=shutil.ignore_patterns("__pycache__")
    )
    lexicon = copy / "data" / "actions.yaml"
    lexicon.write_text(
        lexicon.read_text(encoding="utf-8") + "\n# a new entry's comment\n", encoding="utf-8"
    )
    config = RedlineConfig(
        analyzers=("structure", "actors", "voices", "groups", "claims"), max_bytes=2_000
    )
    with CorpusStore.open(db_path) as store:
        add_sources(store, sources, config=config, n_process=1)
        again = add_sources(store, sources, config=config, n_process=1)
        assert (again.added, again.replaced) == (0, 0)
        edited = content_version("1.0.0", "analyzers/claims.py", "data/actions.yaml", root=copy)
        monkeypatch.setattr(ClaimAnalyzer, "version", edited)
        report = add_sources(store, sources, config=config, n_process=1)
        assert (report.added, report.replaced) == (0, 4)
