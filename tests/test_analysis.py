"""The entry points: analyze (text only), analyze_file (one file), analyze_many (a batch)."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

import redline
from redline.config import RedlineConfig
from redline.document import Document
from redline.errors import InputError

# The structure analyzer alone: these tests are about what goes in, not what is found.
FAST = RedlineConfig(analyzers=("structure",))
INTERVIEW = "Host: Will they strike?\nGuest: They will not.\n"


def test_analysis_a_string_is_text_even_when_it_names_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "article.txt").write_text(INTERVIEW, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.warns(UserWarning, match=r"redline\.analyze_file\('article\.txt'\)"):
        document = redline.analyze("article.txt", config=FAST)
    assert document.text == "article.txt"


def test_analysis_a_mistyped_file_name_is_analysed_as_the_text_it_is(tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no warning: it names no file, so it is plainly text
        document = redline.analyze(str(tmp_path / "artcle.txt"), config=FAST)
    assert document.text == str(tmp_path / "artcle.txt")


def test_analysis_a_path_given_to_analyze_names_analyze_file(tmp_path: Path) -> None:
    with pytest.raises(
        TypeError, match=r"got PosixPath; to read the file, call redline\.analyze_file"
    ):
        redline.analyze(tmp_path / "article.txt", config=FAST)  # type: ignore[arg-type]


def test_analysis_analyze_file_reads_a_str_or_a_path(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(INTERVIEW, encoding="utf-8")
    by_str = redline.analyze_file(str(path), config=FAST)
    by_path = redline.analyze_file(path, config=FAST)
    assert by_str.to_json() == by_path.to_json()
    assert by_path.text == INTERVIEW
    turns = by_path.table("structure").query("label == 'turn'")
    assert list(turns["speaker"]) == ["Host", "Guest"]


def test_analysis_analyze_file_of_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"artcle\.txt: no such file or directory"):
        redline.analyze_file(tmp_path / "artcle.txt", config=FAST)


@pytest.mark.parametrize("name", ["corpus.jsonl", "corpus.CSV", "corpus.parquet", "folder"])
def test_analysis_analyze_file_refuses_many_documents_and_names_the_batch_call(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    if name == "folder":
        path.mkdir()
    else:
        path.write_text('{"text": "One."}\n', encoding="utf-8")
    with pytest.raises(
        InputError, match=r"holds many documents; analyse it with redline\.analyze_many"
    ):
        redline.analyze_file(path, config=FAST)


def _corpus(tmp_path: Path) -> list[Path]:
    rows = [
        {"text": f"Host: Question {n}?\nGuest: Answer {n}.", "title": f"T{n}"} for n in range(5)
    ]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    single = tmp_path / "single.txt"
    single.write_text(INTERVIEW, encoding="utf-8")
    return [corpus, single]


def test_analysis_analyze_many_with_processes_gives_what_one_process_gives(tmp_path: Path) -> None:
    sources = _corpus(tmp_path)
    alone = list(redline.analyze_many(sources, config=FAST))
    forked = list(redline.analyze_many(sources, config=FAST, n_process=2, batch_size=2))
    assert [d.metadata.title for d in alone] == ["T0", "T1", "T2", "T3", "T4", None]
    assert [d.to_json() for d in forked] == [d.to_json() for d in alone]
    assert all(d.layer("structure") for d in alone)


def test_analysis_analyze_many_errors_raise_or_return(tmp_path: Path) -> None:
    sources: list[Path | Document] = [*_corpus(tmp_path), tmp_path / "missing.txt"]
    sources.append(Document.from_text("A text."))
    with pytest.raises(InputError, match=r"missing\.txt: no such file or directory"):
        list(redline.analyze_many(sources, config=FAST))
    results = list(redline.analyze_many(sources, config=FAST, errors="return"))
    problems = [r for r in results if isinstance(r, InputError)]
    assert [str(p) for p in problems] == [f"{tmp_path / 'missing.txt'}: no such file or directory"]
    assert [r.text for r in results if isinstance(r, Document)][-1] == "A text."
    assert len(results) == 8


def test_analysis_public_surface() -> None:
    assert {"analyze", "analyze_file", "analyze_many"} <= set(redline.__all__)
