"""analyze_on_dask on a LocalCluster of two workers: same documents as Pipeline.run, failures
kept per record, resumable partitions, one pipeline per worker."""

from __future__ import annotations

import json
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cloudpickle  # type: ignore[import-untyped]
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from distributed import Client

from redline.analyzers import BUILTIN
from redline.analyzers.base import AnalysisContext, AnalyzerOutput
from redline.config import RedlineConfig
from redline.document import Document
from redline.errors import ConfigError, InputError
from redline.pipeline import Pipeline
from redline.readers import read_sources
from redline.scale import RESULT_SCHEMA, analyze_on_dask, dask_runner, worker_stats

QUICK = RedlineConfig(analyzers=("structure", "actors"), max_bytes=400)
TEXTS = [
    "Russia warned NATO on Monday that it would respond to any deployment in Finland.",
    "Host: Will China blockade Taiwan?\n\nGuest: Beijing has said it will not rule it out.",
    "The European Union imposed new sanctions on Iran after the drone strikes on Kyiv.",
    "Ceasefire talks between Israel and Hamas resumed in Cairo.",
    "Washington and London announced a joint exercise in the Baltic Sea.",
]
TOO_LONG = "The summit ended. " * 40  # over QUICK.max_bytes


def results(paths: list[Path]) -> list[dict[str, Any]]:
    return [row for path in paths for row in pq.read_table(path).to_pylist()]


def expected_documents(corpus: Path, config: RedlineConfig) -> list[str]:
    """What Pipeline.run makes of the documents the sequential readers read from ``corpus``."""
    pipeline = Pipeline.from_names(config.analyzers)
    return [
        pipeline.run(item).to_json(indent=None)
        for item in read_sources([str(corpus)], max_bytes=config.max_bytes)
        if isinstance(item, Document)
    ]


def stats(client: Client) -> dict[str, dict[str, int]]:
    found: dict[str, dict[str, int]] = client.run(worker_stats)
    return found


@pytest.fixture
def jsonl_corpus(tmp_path: Path) -> Path:
    lines = [json.dumps({"text": text, "author": "Desk", "n": n}) for n, text in enumerate(TEXTS)]
    lines[2:2] = ['["not", "an", "object"]', json.dumps({"text": TOO_LONG})]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return corpus


@pytest.fixture
def parquet_corpus(tmp_path: Path) -> Path:
    rows: list[dict[str, str | None]] = [
        {"text": text, "title": f"Item {n}", "date": "2024-03-05"} for n, text in enumerate(TEXTS)
    ]
    rows.insert(1, {"text": None, "title": "empty", "date": None})
    corpus = tmp_path / "corpus.parquet"
    pq.write_table(pa.Table.from_pylist(rows), corpus, row_group_size=2)
    return corpus


def test_dask_runner_documents_equal_pipeline_run_and_failures_are_rows(
    tmp_path: Path, scheduler: str, dask_client: Client, jsonl_corpus: Path, parquet_corpus: Path
) -> None:
    before = stats(dask_client)
    paths = analyze_on_dask(
        [jsonl_corpus, parquet_corpus],
        tmp_path / "out",
        scheduler=scheduler,
        config=QUICK,
        partition_size=2,
    )

    assert len(paths) == 4 + 3  # 7 JSONL lines, 6 Parquet rows, 2 a partition
    assert all(pq.read_schema(path).equals(RESULT_SCHEMA) for path in paths)
    rows = results(paths)
    assert [row["source"] for row in rows] == [f"{jsonl_corpus}:{n}" for n in range(1, 8)] + [
        f"{parquet_corpus}:{n}" for n in range(1, 7)
    ]
    analysed = [row["document_json"] for row in rows if row["document_json"] is not None]
    assert analysed == expected_documents(jsonl_corpus, QUICK) + expected_documents(
        parquet_corpus, QUICK
    )
    assert [row["id"] for row in rows if row["document_json"]] == [
        json.loads(doc)["id"] for doc in analysed
    ]

    failed = {row["source"]: (row["id"], row["error"]) for row in rows if row["error"]}
    assert failed == {
        f"{jsonl_corpus}:3": (
            None,
            "line 3: expected a JSON object with a 'text' field, found a JSON array",
        ),
        f"{jsonl_corpus}:4": (
            None,
            "line 4: text is 720 bytes, over the limit of 400 bytes; raise it with --max-bytes",
        ),
        f"{parquet_corpus}:2": (None, "row 2: no text (the 'text' field is missing or empty)"),
    }

    after = stats(dask_client)
    partitions = sum(after[w]["partitions"] - before[w]["partitions"] for w in after)
    builds = [after[w]["builds"] - before[w]["builds"] for w in after]
    assert partitions == 7
    assert len(after) == 2 and all(count <= 1 for count in builds)  # one pipeline per worker
    assert sum(builds) < partitions  # ... reused for the partitions after its first


def test_dask_runner_resumes_without_recomputing_written_partitions(
    tmp_path: Path, scheduler: str, dask_client: Client, jsonl_corpus: Path
) -> None:
    config = RedlineConfig(analyzers=("structure",), max_bytes=400)
    out = tmp_path / "out"
    first = analyze_on_dask(
        [jsonl_corpus], out, scheduler=scheduler, config=config, partition_size=3
    )
    written = {path: path.stat().st_mtime_ns for path in first}
    before = stats(dask_client)

    again = analyze_on_dask(
        [jsonl_corpus], out, scheduler=scheduler, config=config, partition_size=3
    )
    assert again == first
    assert {path: path.stat().st_mtime_ns for path in again} == written
    assert stats(dask_client) == before  # no worker analysed anything

    first[1].unlink()
    analyze_on_dask([jsonl_corpus], out, scheduler=scheduler, config=config, partition_size=3)
    after = stats(dask_client)
    assert sum(after[w]["partitions"] - before[w]["partitions"] for w in after) == 1
    assert first[1].exists() and sorted(out.iterdir()) == sorted(first)  # no temporary left


class ExplodingAnalyzer:
    """Fails on texts that mention a blockade, as a buggy analyzer would."""

    name = "explode"
    version = "1.0.0"
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ("explosions",)

    def initialize(self) -> None:
        pass

    def analyze(self, document: Document, context: AnalysisContext) -> AnalyzerOutput:
        if "blockade" in document.text:
            raise RuntimeError("the blockade broke me")
        return AnalyzerOutput(layers={"explosions": []})


def install_exploding() -> None:
    """Register ExplodingAnalyzer in this process (the test's, or a worker's)."""
    from redline import analyzers  # by reference: a global dict would be pickled as a copy

    module = types.ModuleType("redline_test_exploding")
    module.ExplodingAnalyzer = ExplodingAnalyzer  # type: ignore[attr-defined]
    sys.modules[module.__name__] = module
    analyzers.BUILTIN["explode"] = f"{module.__name__}:ExplodingAnalyzer"


@pytest.fixture
def exploding(dask_client: Client) -> Iterator[None]:
    # Workers cannot import this test module: send the analyzer by value.
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    try:
        dask_client.run(install_exploding)
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    install_exploding()
    yield
    del BUILTIN["explode"], sys.modules["redline_test_exploding"]


@pytest.mark.usefixtures("exploding")
def test_dask_runner_analyzer_failure_is_a_row_and_the_partition_goes_on(
    tmp_path: Path, scheduler: str, jsonl_corpus: Path
) -> None:
    config = RedlineConfig(analyzers=("structure", "explode"), max_bytes=400)
    rows = results(
        analyze_on_dask(
            [jsonl_corpus], tmp_path / "out", scheduler=scheduler, config=config, partition_size=7
        )
    )
    assert len(rows) == 7
    blockade = rows[1]
    assert blockade["document_json"] is None
    assert blockade["error"] == "analysis failed: RuntimeError: the blockade broke me"
    assert blockade["id"] == Document.from_text(TEXTS[1]).id
    assert [row["error"] is None for row in rows] == [True, False, False, False, True, True, True]


def test_dask_runner_corrupt_row_group_raises_input_error_naming_the_file(
    tmp_path: Path, scheduler: str, parquet_corpus: Path
) -> None:
    data = bytearray(parquet_corpus.read_bytes())
    data[4:200] = b"\xff" * 196  # the first row groups' pages; the footer still reads
    parquet_corpus.write_bytes(bytes(data))
    with pytest.raises(InputError) as caught:
        analyze_on_dask(
            [parquet_corpus], tmp_path / "out", scheduler=scheduler, config=QUICK, partition_size=2
        )
    assert str(caught.value).startswith(f"{parquet_corpus}: not a readable Parquet file: ")
    assert "\n" not in str(caught.value)


def test_dask_runner_missing_input_fails_before_any_work(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nowhere\.jsonl: no such file or directory"):
        analyze_on_dask(
            [tmp_path / "nowhere.jsonl"],
            tmp_path / "out",
            scheduler=None,
            config=QUICK,
            partition_size=2,
        )


def test_dask_runner_unreachable_scheduler_is_a_config_error(
    tmp_path: Path, jsonl_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dask_runner, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(
        ConfigError, match=r"cannot reach the Dask scheduler at 'tcp://127\.0\.0\.1:9'"
    ):
        analyze_on_dask(
            [jsonl_corpus],
            tmp_path / "out",
            scheduler="tcp://127.0.0.1:9",
            config=QUICK,
            partition_size=2,
        )


def test_dask_runner_without_scheduler_runs_a_local_cluster(
    tmp_path: Path, jsonl_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dask_runner, "_cores", lambda: 1)  # one worker: quick to start
    config = RedlineConfig(analyzers=("structure",), max_bytes=400)
    rows = results(
        analyze_on_dask(
            [jsonl_corpus], tmp_path / "out", scheduler=None, config=config, partition_size=4
        )
    )
    assert [row["document_json"] for row in rows if row["document_json"]] == expected_documents(
        jsonl_corpus, config
    )


def test_dask_runner_local_dashboard_listens_on_loopback_unless_asked(
    tmp_path: Path, jsonl_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 15: the local cluster's dashboard listened on every interface (":0")."""
    import distributed

    made: list[dict[str, object]] = []

    class Started(Exception):
        pass

    class RecordingCluster:
        def __init__(self, **options: object) -> None:
            made.append(options)
            raise Started  # what was asked for is all this test needs

    monkeypatch.setattr(distributed, "LocalCluster", RecordingCluster)
    for asked in ({}, {"dashboard_address": "0.0.0.0:8787"}):
        with pytest.raises(Started):
            analyze_on_dask(
                [jsonl_corpus],
                tmp_path / "out",
                scheduler=None,
                config=QUICK,
                partition_size=3,
                **asked,  # type: ignore[arg-type]
            )
    assert [options["dashboard_address"] for options in made] == ["127.0.0.1:0", "0.0.0.0:8787"]
    assert all(options.get("host") in (None, "127.0.0.1") for options in made)


def test_dask_runner_result_files_honour_the_umask(tmp_path: Path, jsonl_corpus: Path) -> None:
    import os
    import stat

    from redline.scale.partitions import plan_file
    from redline.scale.worker import analyze_partition

    [partition, *_] = plan_file(jsonl_corpus, partition_size=3, salt="test")
    previous = os.umask(0o022)
    try:
        result = analyze_partition(partition, str(tmp_path), QUICK)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(Path(result.output).stat().st_mode) == 0o644
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []
