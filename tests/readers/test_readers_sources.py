"""read_sources: dispatch, directories, standard input, limits, errors as items."""

from __future__ import annotations

import io
import sys
import tracemalloc
from pathlib import Path

import pytest

import redline.readers
from redline.document import Document
from redline.errors import InputError
from redline.readers import read_sources

LIMIT = 5_000_000


def read_all(*sources: str | Path, max_bytes: int = LIMIT) -> list[Document | InputError]:
    return list(read_sources([str(source) for source in sources], max_bytes=max_bytes))


class FakeStdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_readers_public_surface() -> None:
    assert sorted(redline.readers.__all__) == [
        "READABLE_EXTENSIONS",
        "read_html",
        "read_sources",
        "read_text",
    ]


def test_sources_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    [item] = read_all(missing)
    assert isinstance(item, InputError)
    assert str(item) == f"{missing}: no such file or directory"


def test_sources_directory_without_readable_files(tmp_path: Path) -> None:
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / ".hidden.txt").write_text("secret")
    [item] = read_all(tmp_path)
    assert isinstance(item, InputError)
    assert item.problem == (
        "no readable files (.txt, .md, .html, .htm, .jsonl, .csv, .parquet) in this directory"
    )


def test_sources_directory_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    for name in [
        "b.txt",
        "a/z.md",
        "a/b/c.TXT",
        "c.txt",
        ".git/x.txt",
        "a/.draft.txt",
        "notes.docx",
    ]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Text of {name}.")
    items = read_all(tmp_path)
    assert all(isinstance(item, Document) for item in items)
    sources = [item.metadata.source for item in items if isinstance(item, Document)]
    expected = ["a/b/c.TXT", "a/z.md", "b.txt", "c.txt"]
    assert sources == [str(tmp_path / name) for name in expected]
    assert items == read_all(tmp_path)


def test_sources_unknown_extension_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "notes.log"
    path.write_text("Plain words.\n")
    [item] = read_all(path)
    assert isinstance(item, Document) and item.text == "Plain words.\n"


def test_sources_unknown_extension_sniffed_as_html(tmp_path: Path) -> None:
    path = tmp_path / "page"
    path.write_text(
        "<!DOCTYPE html><html><body><article><p>Talks resume in Geneva today."
        "</p></article></body></html>"
    )
    [item] = read_all(path)
    assert isinstance(item, Document) and item.text == "Talks resume in Geneva today."


def test_sources_bad_input_does_not_stop_the_others(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Kyiv was struck.")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    items = read_all(empty, tmp_path / "missing.txt", good)
    assert [type(item) for item in items] == [InputError, InputError, Document]


def test_sources_large_file_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as stream:
        stream.truncate(52_428_800)  # sparse: instant, and no disk used
    tracemalloc.start()
    try:
        [item] = read_all(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(item, InputError)
    assert item.problem == (
        "file is 52,428,800 bytes, over the limit of 5,000,000 bytes; raise it with --max-bytes"
    )
    assert peak < 1_000_000


def test_sources_empty_path_is_not_the_current_directory() -> None:
    [item] = read_all("")
    assert isinstance(item, InputError) and item.problem.startswith("empty path")


def test_sources_max_bytes_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        read_all("-", max_bytes=0)


def test_sources_stdin_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", FakeStdin(b"Moscow warned Kyiv.\r\n"))
    [item] = read_all("-")
    assert isinstance(item, Document)
    assert item.text == "Moscow warned Kyiv.\r\n"
    assert item.metadata.source == "<stdin>"


def test_sources_stdin_html(monkeypatch: pytest.MonkeyPatch) -> None:
    page = b"\n <html><body><article><p>Talks resume in Geneva.</p></article></body></html>"
    monkeypatch.setattr(sys, "stdin", FakeStdin(page))
    [item] = read_all("-")
    assert isinstance(item, Document) and item.text == "Talks resume in Geneva."


def test_sources_stdin_over_limit_read_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = FakeStdin(b"x" * 1000)
    monkeypatch.setattr(sys, "stdin", stdin)
    [item] = read_all("-", max_bytes=100)
    assert isinstance(item, InputError)
    assert item.problem == "input is over the limit of 100 bytes; raise it with --max-bytes"
    assert stdin.buffer.tell() == 101


def test_sources_unreadable_file_is_an_item(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("words")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    [item] = read_all(path)
    assert isinstance(item, InputError)
    assert item.problem == "cannot read: Permission denied"
