"""Label Studio: tasks out with the analyzers' predictions, a reviewer's corrections back in.

The files written and read follow Label Studio's JSON format for text spans ("Import span
pre-annotations for text", https://labelstud.io/guide/predictions; a task's JSON export, with
``annotations``, https://labelstud.io/guide/task_format). The annotator's work is simulated the
way Label Studio records it: the prediction copied into an annotation, then edited.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import pytest
from typer.testing import CliRunner

from redline.cli import app
from redline.document import Document
from redline.store import CorpusStore
from redline.store.api import Corpus
from redline.store.labelstudio import export_labelstudio, import_labelstudio
from redline.store.status import corpus_status

VERSIONS = {"claims": "1.0.0", "actors": "1.0.0", "techniques": "1.0.0", "structure": "1.0.0"}
TEXT = "Russia must strike Kyiv now 🔥 and Iran is our ally against them, Hawk says."


@pytest.fixture
def document(builder: Callable[..., Document]) -> Document:
    return builder(
        TEXT,
        author="Hawk",
        date="2024-03-05",
        claims=(("strike", "advocate", 3, "Hawk"), ("ally", "report", 1, "Hawk")),
        actors=(("Russia", "russia"), ("Kyiv", "kyiv"), ("Iran", "iran")),
        techniques=(("must", "Loaded_Language"),),
    )


@pytest.fixture
def corpus(db_path: Path, document: Document) -> Path:
    with CorpusStore.open(db_path) as store:
        store.write([document], VERSIONS)
    return db_path


def _export(runner: CliRunner, db: Path, out: Path, layers: str = "claims") -> list[Any]:
    command = ["corpus", "export", "--db", str(db), "-f", "labelstudio"]
    result = runner.invoke(app, [*command, "-o", str(out), "--layers", layers])
    assert result.exit_code == 0, result.output
    tasks: list[Any] = json.loads(out.read_text(encoding="utf-8"))
    return tasks


def _annotated(task: dict[str, Any], result: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    """The task as Label Studio exports it once an annotator has submitted ``result``."""
    exported = copy.deepcopy(task)
    exported["id"] = 7
    for n, prediction in enumerate(exported["predictions"]):
        prediction.update({"id": 100 + n, "task": 7, "created_ago": "1 hour"})
    annotation = {
        "id": 31,
        "completed_by": {"id": 1, "email": "reviewer@example.org"},
        "result": result,
        "was_cancelled": False,
        "ground_truth": False,
        "created_at": "2026-12-05T10:00:00.000000Z",
        "updated_at": "2026-12-05T10:04:00.000000Z",
        "lead_time": 240.1,
        "task": 7,
        "parent_prediction": 100,
        **extra,
    }
    exported["annotations"] = [annotation]
    return exported


def _corrected(task: dict[str, Any]) -> list[dict[str, Any]]:
    """What an annotator does to the claims prediction: relabel one region, delete one, add one."""
    result: list[dict[str, Any]] = copy.deepcopy(task["predictions"][0]["result"])
    for region in result:
        region["origin"] = "prediction"
    assert [r["value"]["text"] for r in result] == ["strike", "ally"]
    result[0]["value"]["labels"] = ["threaten"]  # relabelled
    result[0]["origin"] = "prediction-changed"
    del result[1]  # deleted
    start = TEXT.index("against them")
    result.append(
        {
            "id": "Xq3vNb9_k1",
            "from_name": "claims",
            "to_name": "text",
            "type": "labels",
            "origin": "manual",
            "value": {
                "start": start,
                "end": start + 12,
                "text": "against them",
                "labels": ["advocate"],
            },
        }
    )
    return result


def _write(path: Path, tasks: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    return path


def _analyzer_rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    with CorpusStore.open(db, read_only=True) as store:
        return {
            table: store.con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
            for table in ("documents", "spans", "actors", "claims", "techniques", "relations")
        }


def _reviewed(db: Path) -> list[tuple[Any, ...]]:
    with CorpusStore.open(db, read_only=True) as store:
        return store.con.execute(
            "SELECT layer, start_char, end_char, quote, label, origin FROM reviewed_spans "
            "ORDER BY layer, seq"
        ).fetchall()


def test_labelstudio_export_is_tasks_with_a_prediction_per_layer(
    corpus: Path, document: Document, tmp_path: Path
) -> None:
    with CorpusStore.open(corpus, read_only=True) as store:
        done = export_labelstudio(store, tmp_path / "tasks.json", layers=("claims", "actors"))
    (task,) = json.loads(done.tasks_path.read_text(encoding="utf-8"))
    assert (done.tasks, done.regions) == (1, 5)
    assert task["data"] == {
        "text": TEXT,
        "doc_id": document.id,
        "title": None,
        "layers": ["claims", "actors"],
    }
    claims, actors = task["predictions"]
    assert (claims["model_version"], claims["score"]) == ("claims 1.0.0", 0.6)
    assert (actors["model_version"], actors["score"]) == ("actors 1.0.0", 0.95)
    assert claims["result"][0] == {
        "id": "claims/12-18/advocate",
        "from_name": "claims",
        "to_name": "text",
        "type": "labels",
        "value": {"start": 12, "end": 18, "text": "strike", "labels": ["advocate"], "score": 0.6},
    }
    for prediction in task["predictions"]:
        for region in prediction["result"]:
            value = region["value"]
            assert TEXT[value["start"] : value["end"]] == value["text"]
    config = done.config_path.read_text(encoding="utf-8")
    assert done.config_path.name == "tasks.label_config.xml"
    assert '<Labels name="claims" toName="text">' in config
    assert '<Label value="advocate"/>' in config and '<Label value="state"/>' in config
    assert '<Text name="text" value="$text"/>' in config


def test_labelstudio_round_trip_keeps_exactly_the_corrected_regions(
    corpus: Path, document: Document, tmp_path: Path
) -> None:
    runner = CliRunner()
    (task,) = _export(runner, corpus, tmp_path / "tasks.json")
    before = _analyzer_rows(corpus)
    reviewed = _write(tmp_path / "reviewed.json", [_annotated(task, _corrected(task))])

    result = runner.invoke(app, ["corpus", "import", str(reviewed), "--db", str(corpus)])

    assert result.exit_code == 0, result.output
    assert "reviewed 1 layer(s) of 1 document(s), 2 region(s), from 1 task(s)" in result.output
    start = TEXT.index("against them")
    assert _reviewed(corpus) == [
        ("claims", 12, 18, "strike", "threaten", "prediction-changed"),
        ("claims", start, start + 12, "against them", "advocate", "manual"),
    ]
    assert _analyzer_rows(corpus) == before
    with CorpusStore.open(corpus, read_only=True) as store:
        assert store.document(document.id).to_json() == document.to_json()
    with Corpus(corpus) as view:
        frame = view.layer("reviewed:claims")
    assert frame[["quote", "label", "annotator"]].values.tolist() == [
        ["strike", "threaten", "reviewer@example.org"],
        ["against them", "advocate", "reviewer@example.org"],
    ]
    assert corpus_status(corpus).reviewed == [("claims", 1, 2)]
    shown = runner.invoke(app, ["corpus", "status", "--db", str(corpus)])
    assert "reviewed:claims" in shown.output


def test_labelstudio_review_replaces_the_last_and_survives_reanalysis(
    corpus: Path, document: Document, tmp_path: Path
) -> None:
    with CorpusStore.open(corpus) as store:
        tasks = tmp_path / "tasks.json"
        (task,) = json.loads(export_labelstudio(store, tasks).tasks_path.read_text("utf-8"))
        import_labelstudio(store, _write(tmp_path / "a.json", [_annotated(task, _corrected(task))]))
        # A second pass: the reviewer deleted every claim; the layer is reviewed as empty.
        second = import_labelstudio(store, _write(tmp_path / "b.json", [_annotated(task, [])]))
        assert (second.layers, second.regions) == (1, 0)
        assert store.count("reviewed_spans") == 0
        assert store.con.execute("SELECT layer, regions FROM reviews").fetchall() == [("claims", 0)]
        import_labelstudio(store, _write(tmp_path / "c.json", [_annotated(task, _corrected(task))]))
        store.write([document], {**VERSIONS, "claims": "2.0.0"})  # re-analysed by a newer one
        assert store.count("reviewed_spans") == 2
        assert store.count("claims") == 2


def test_labelstudio_unannotated_and_cancelled_tasks_store_nothing(
    corpus: Path, tmp_path: Path
) -> None:
    with CorpusStore.open(corpus) as store:
        (task,) = json.loads(export_labelstudio(store, tmp_path / "t.json").tasks_path.read_text())
        skipped = _annotated(task, _corrected(task), was_cancelled=True)
        done = import_labelstudio(store, _write(tmp_path / "r.json", [task, skipped]))
        assert (done.tasks, done.unreviewed, done.layers) == (2, 2, 0)
        assert store.count("reviews") == 0


def test_labelstudio_offsets_in_utf16_units_after_an_emoji_are_read(
    corpus: Path, tmp_path: Path
) -> None:
    # Some Label Studio versions count UTF-16 code units, as JavaScript does: one more per
    # emoji before the region. The quote tells the two apart.
    with CorpusStore.open(corpus) as store:
        (task,) = json.loads(export_labelstudio(store, tmp_path / "t.json").tasks_path.read_text())
        start = TEXT.index("Iran")
        region = {
            "id": "u16",
            "from_name": "claims",
            "to_name": "text",
            "type": "labels",
            "value": {"start": start + 1, "end": start + 5, "text": "Iran", "labels": ["report"]},
        }
        import_labelstudio(store, _write(tmp_path / "r.json", [_annotated(task, [region])]))
        assert store.con.execute(
            "SELECT start_char, end_char, quote FROM reviewed_spans"
        ).fetchall() == [(start, start + 4, "Iran")]


def _broken(task: dict[str, Any], problem: str) -> str | list[dict[str, Any]]:
    good = _annotated(task, _corrected(task))
    if problem == "malformed":
        return json.dumps([good])[:-40]
    bad = copy.deepcopy(good)
    if problem == "unknown document":
        bad["data"]["text"] = "A text this corpus never held."
        del bad["data"]["doc_id"]
    elif problem == "offsets":
        bad["annotations"][0]["result"][1]["value"]["start"] += 3
    elif problem == "layer":
        bad["annotations"][0]["result"][1]["from_name"] = "label"
    elif problem == "not tasks":
        return json.dumps({"tasks": [good]})
    return [good, bad]


@pytest.mark.parametrize(
    ("problem", "message"),
    [
        ("malformed", "not JSON (Expecting"),
        ("unknown document", "is not in the corpus; export the tasks from this corpus"),
        ("offsets", "task 2 (id 7): region 'Xq3vNb9_k1' at ("),
        ("layer", "belongs to the control 'label', which names no Redline layer"),
        ("not tasks", "expected Label Studio's JSON export, a list of tasks (objects), got dict"),
    ],
)
def test_labelstudio_bad_input_is_one_line_and_changes_nothing(
    corpus: Path, tmp_path: Path, problem: str, message: str
) -> None:
    runner = CliRunner()
    (task,) = _export(runner, corpus, tmp_path / "tasks.json")
    first = _write(tmp_path / "first.json", [_annotated(task, _corrected(task)[:1])])
    assert runner.invoke(app, ["corpus", "import", str(first), "--db", str(corpus)]).exit_code == 0
    before = (_analyzer_rows(corpus), _reviewed(corpus))
    bad = tmp_path / "bad.json"
    content = _broken(task, problem)
    bad.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")

    result = runner.invoke(app, ["corpus", "import", str(bad), "--db", str(corpus)])

    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {bad}: "), result.output
    assert message in lines[0]
    assert (_analyzer_rows(corpus), _reviewed(corpus)) == before


def test_labelstudio_import_of_a_missing_file_is_a_usage_error(
    corpus: Path, tmp_path: Path
) -> None:
    result = CliRunner().invoke(
        app, ["corpus", "import", str(tmp_path / "nope.json"), "--db", str(corpus)]
    )
    assert result.exit_code == 2


class _FailingInsert:
    """A connection that fails when the reviewed regions are inserted, after the deletes."""

    def __init__(self, con: Any) -> None:
        self._con = con

    def execute(self, query: str, *args: Any) -> Any:
        if query.startswith("INSERT INTO reviewed_spans"):
            raise OSError("disk full")
        return self._con.execute(query, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)


def test_labelstudio_a_write_that_fails_midway_leaves_the_last_review(
    corpus: Path, tmp_path: Path
) -> None:
    with CorpusStore.open(corpus) as store:
        (task,) = json.loads(export_labelstudio(store, tmp_path / "t.json").tasks_path.read_text())
        import_labelstudio(store, _write(tmp_path / "a.json", [_annotated(task, _corrected(task))]))
        real = store.con
        store.con = cast(Any, _FailingInsert(real))  # a stand-in with the same execute()
        with pytest.raises(OSError, match="disk full"):
            import_labelstudio(
                store, _write(tmp_path / "b.json", [_annotated(task, _corrected(task)[:1])])
            )
        store.con = real
    assert [row[3] for row in _reviewed(corpus)] == ["strike", "against them"]
    with CorpusStore.open(corpus, read_only=True) as store:
        assert store.con.execute("SELECT source_file FROM reviews").fetchall() == [
            (str(tmp_path / "a.json"),)
        ]


def test_labelstudio_a_task_of_several_layers_reviews_the_layers_it_labels(
    corpus: Path, tmp_path: Path
) -> None:
    # Label Studio starts the annotation from one prediction (claims here); the actors
    # layer was not looked at, so it is not recorded as reviewed (and empty).
    with CorpusStore.open(corpus) as store:
        done = export_labelstudio(store, tmp_path / "t.json", layers=("claims", "actors"))
        (task,) = json.loads(done.tasks_path.read_text(encoding="utf-8"))
        imported = import_labelstudio(
            store, _write(tmp_path / "r.json", [_annotated(task, _corrected(task))])
        )
        assert (imported.layers, imported.regions) == (1, 2)
        assert store.con.execute("SELECT layer, regions FROM reviews").fetchall() == [("claims", 2)]
