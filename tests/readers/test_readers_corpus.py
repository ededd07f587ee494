"""Corpus files: JSON Lines, CSV and Parquet, row by row."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from redline.document import Document
from redline.errors import InputError
from redline.readers import read_sources

LIMIT = 5_000_000


def read_all(path: Path, max_bytes: int = LIMIT) -> list[Document | InputError]:
    return list(read_sources([str(path)], max_bytes=max_bytes))


def documents(items: list[Document | InputError]) -> list[Document]:
    return [item for item in items if isinstance(item, Document)]


def errors(items: list[Document | InputError]) -> list[InputError]:
    return [item for item in items if isinstance(item, InputError)]


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def row(text: str, **fields: object) -> str:
    return json.dumps({"text": text, **fields}, ensure_ascii=False)


# -- JSON Lines -----------------------------------------------------------------------------


def test_jsonl_malformed_line_named_and_others_read(tmp_path: Path) -> None:
    lines = [row(f"Document {n}.") for n in range(1, 7)] + ['{"text": "broken" "x"}', row("Last.")]
    path = write_lines(tmp_path / "c.jsonl", lines)
    items = read_all(path)
    [error] = errors(items)
    assert error.line == 7
    assert error.problem == "line 7: malformed JSON (Expecting ',' delimiter)"
    assert str(error) == f"{path}:7: line 7: malformed JSON (Expecting ',' delimiter)"
    assert [doc.text for doc in documents(items)] == [f"Document {n}." for n in range(1, 7)] + [
        "Last."
    ]
    assert items.index(error) == 6


def test_jsonl_line_that_is_an_array(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "c.jsonl", [row("One."), '["not", "an", "object"]'])
    items = read_all(path)
    [error] = errors(items)
    assert error.line == 2
    assert error.problem == "line 2: expected a JSON object with a 'text' field, found a JSON array"
    assert len(documents(items)) == 1


def test_jsonl_row_without_text(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "c.ndjson", ['{"title": "No body"}', row("   "), row("Ok.")])
    items = read_all(path)
    assert [(e.line, e.problem) for e in errors(items)] == [
        (1, "line 1: no text (the 'text' field is missing or empty)"),
        (2, "line 2: no text (the 'text' field is missing or empty)"),
    ]
    assert [doc.metadata.source for doc in documents(items)] == [f"{path}#3"]


def test_jsonl_blank_lines_skipped_and_line_numbers_kept(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "c.jsonl", ["", row("First."), "   ", "", row("Second.")])
    docs = documents(read_all(path))
    assert [doc.metadata.source for doc in docs] == [f"{path}#2", f"{path}#5"]


def test_jsonl_columns_map_to_metadata(tmp_path: Path) -> None:
    line = row(
        "Kyiv was struck.\r\nAgain.",
        Title="Strikes",
        AUTHOR=["A. One", "B. Two"],
        date="March 5, 2024",
        url="https://example.com/a",
        id=17,
        site="Planet",
        lang="en",
        desk="world",
        score=float("nan"),
        tags=["war"],
        empty="",
    )
    [doc] = read_all(write_lines(tmp_path / "c.jsonl", [line]))
    assert isinstance(doc, Document)
    assert doc.text == "Kyiv was struck.\r\nAgain."
    meta = doc.metadata
    assert (meta.title, meta.author, meta.date) == ("Strikes", "A. One; B. Two", "2024-03-05")
    assert (meta.outlet, meta.language, meta.source) == ("Planet", "en", "https://example.com/a")
    assert meta.extra == {
        "desk": "world",
        "tags": ["war"],
        "source_id": 17,
        "input": f"{tmp_path / 'c.jsonl'}#1",
    }


def test_jsonl_unparseable_date_kept_raw(tmp_path: Path) -> None:
    [doc] = read_all(write_lines(tmp_path / "c.jsonl", [row("Text.", date="spring 2024")]))
    assert isinstance(doc, Document)
    assert doc.metadata.date is None
    assert doc.metadata.extra["date_raw"] == "spring 2024"


def test_jsonl_row_over_the_limit(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "c.jsonl", [row("é" * 60), row("Short.")])
    items = read_all(path, max_bytes=100)
    [error] = errors(items)
    assert error.line == 1
    assert error.problem == (
        "line 1: text is 120 bytes, over the limit of 100 bytes; raise it with --max-bytes"
    )
    assert len(documents(items)) == 1


def test_jsonl_overlong_line_skipped_unread(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "c.jsonl", [row("x" * 2_000_000), row("After.")])
    items = read_all(path, max_bytes=10)
    [error] = errors(items)
    assert error.line == 1 and "line is over" in error.problem
    assert [doc.text for doc in documents(items)] == ["After."]


def test_jsonl_invalid_utf8_line(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(b'{"text": "caf\xe9"}\n' + row("Fine.").encode() + b"\n")
    items = read_all(path)
    [error] = errors(items)
    assert error.line == 1 and error.problem.startswith("line 1: not valid UTF-8")
    assert len(documents(items)) == 1


# -- CSV ------------------------------------------------------------------------------------


def test_csv_without_a_text_column(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("a,b,c\n1,2,3\n4,5,6\n")
    [error] = read_all(path)
    assert isinstance(error, InputError)
    assert error.problem == "no 'text' column; found columns: a, b, c"


def test_csv_extra_columns_go_to_extra(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        "\ufeffID,Text,Title,Date,desk,notes\n"
        '7,"Kyiv was struck.\nTwice.",Strikes,2024-03-05,world,\n'
        "8,Second row.,,05/03/2024,europe,checked\n",
        encoding="utf-8",
    )
    first, second = read_all(path)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.text == "Kyiv was struck.\nTwice."
    assert first.metadata.title == "Strikes" and first.metadata.date == "2024-03-05"
    assert first.metadata.extra == {"desk": "world", "source_id": "7"}
    assert first.metadata.source == f"{path}#2"
    assert second.metadata.source == f"{path}#4"  # the quoted newline took line 3
    assert second.metadata.date is None
    assert second.metadata.extra == {
        "desk": "europe",
        "notes": "checked",
        "source_id": "8",
        "date_raw": "05/03/2024",
    }


def test_csv_field_larger_than_pythons_default_limit(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("text\n" + "word " * 100_000 + "\n")
    [doc] = read_all(path)
    assert isinstance(doc, Document) and len(doc.text) == 500_000


def test_csv_row_without_text_and_row_over_limit(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("text,title\n,Only a title\n" + "x" * 50 + ",Big\nfine,Ok\n")
    items = read_all(path, max_bytes=40)
    assert [(e.line, e.problem.split(":")[0]) for e in errors(items)] == [
        (2, "line 2"),
        (3, "line 3"),
    ]
    assert [doc.text for doc in documents(items)] == ["fine"]


def test_csv_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes("text\nfine\ncafé\n".encode("cp1252"))
    items = read_all(path)
    assert len(documents(items)) == 1
    [error] = errors(items)
    assert error.line == 3 and error.problem.startswith("line 3: not valid UTF-8")


def test_csv_malformed_record_stops_the_file(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text('text,title\nfine,t\n"unterminated,t\nmore,y\n')
    first, error = read_all(path)
    assert isinstance(first, Document) and first.text == "fine"
    assert isinstance(error, InputError) and error.line == 3
    assert error.problem == (
        "line 3: malformed CSV (unexpected end of data); the rows after it were not read"
    )


def test_csv_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("\n\n")
    [error] = read_all(path)
    assert isinstance(error, InputError) and error.problem == "empty file"


# -- Parquet --------------------------------------------------------------------------------


def test_parquet_round_trip_with_extras_and_dates(tmp_path: Path) -> None:
    path = tmp_path / "c.parquet"
    table = pa.table(
        {
            "text": ["First text.", "Second text.", None],
            "published": [dt.datetime(2024, 3, 5, 10, 30), None, dt.datetime(2024, 1, 1)],
            "Date": [dt.date(2024, 3, 5), dt.date(2024, 3, 6), None],
            "url": [None, "https://example.com/2", None],
            "score": [0.5, float("nan"), 1.0],
            "outlet": ["Planet", "Globe", None],
        }
    )
    pq.write_table(table, path, row_group_size=2)
    first, second, third = read_all(path)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.text == "First text."
    assert first.metadata.date == "2024-03-05"
    assert first.metadata.source == f"{path}#1"
    assert first.metadata.outlet == "Planet"
    assert first.metadata.extra == {"published": "2024-03-05T10:30:00", "score": 0.5}
    assert second.metadata.source == "https://example.com/2"
    assert second.metadata.extra == {"input": f"{path}#2"}
    assert isinstance(third, InputError)
    assert third.problem == "row 3: no text (the 'text' field is missing or empty)"
    assert Document.from_json(first.to_json()) == first


def test_parquet_corrupt_file(tmp_path: Path) -> None:
    path = tmp_path / "c.parquet"
    path.write_bytes(b"PAR1" + b"\x13" * 100 + b"PAR1")
    [error] = read_all(path)
    assert isinstance(error, InputError)
    assert error.problem.startswith("not a readable Parquet file: ")
    assert "\n" not in error.problem


def test_parquet_without_a_text_column(tmp_path: Path) -> None:
    path = tmp_path / "c.parquet"
    pq.write_table(pa.table({"body": ["x"], "title": ["t"]}), path)
    [error] = read_all(path)
    assert isinstance(error, InputError)
    assert error.problem == "no 'text' column; found columns: body, title"
