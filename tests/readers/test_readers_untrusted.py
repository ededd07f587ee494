"""Hostile values in corpus records (issue 15, §3): each bad record is one error naming its
line and field; the records around it are still read, and what is read can be serialised."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from redline.document import Document
from redline.errors import InputError
from redline.readers import read_sources
from redline.readers.rows import row_document
from redline.readers.untrusted import (
    MAX_NESTING,
    UnsafeValue,
    bound_nesting,
    loads_json,
    refuse_lone_surrogates,
)

LIMIT = 5_000_000


def read_lines(tmp_path: Path, lines: list[str]) -> list[Document | InputError]:
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return list(read_sources([str(path)], max_bytes=LIMIT))


def nested(depth: int, leaf: object = "leaf") -> object:
    value = leaf
    for _ in range(depth):
        value = [value]
    return value


def depth_of(value: object) -> int:
    if isinstance(value, dict):
        return 1 + max((depth_of(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((depth_of(v) for v in value), default=0)
    return 0


def test_untrusted_lone_surrogates_are_one_error_per_record_and_the_rest_are_read(
    tmp_path: Path,
) -> None:
    # json.dumps writes a lone surrogate as the escape "\ud800", as a buggy producer would.
    lines = [
        json.dumps({"text": "First, fine."}),
        json.dumps({"text": "Bad \ud800 text."}),
        json.dumps({"text": "Fine text.", "author": "A \udc00"}),
        json.dumps({"text": "Fine text.", "tags": {"k\ud83d": 1}}),
        json.dumps({"text": "Fine text.", "extra": [{"deep": ["x", "y\udfff"]}]}),
        json.dumps({"text": "Last, fine."}),
    ]
    items = read_lines(tmp_path, lines)
    assert [item.text for item in items if isinstance(item, Document)] == [
        "First, fine.",
        "Last, fine.",
    ]
    errors = [item for item in items if isinstance(item, InputError)]
    assert [error.line for error in errors] == [2, 3, 4, 5]
    assert "field 'text' holds a lone surrogate (U+D800) at character 4" in errors[0].problem
    assert "field 'author' holds a lone surrogate (U+DC00)" in errors[1].problem
    assert "field 'tags.k\\ud83d (its name)'" in errors[2].problem
    assert "field 'extra[0].deep[1]'" in errors[3].problem
    for error in errors:
        str(error).encode("utf-8")  # the message itself prints: no surrogate in it
        assert "\n" not in str(error)


def test_untrusted_metadata_nested_255_deep_is_bounded_and_the_document_serialises(
    tmp_path: Path,
) -> None:
    lines = [json.dumps({"text": "Deep metadata.", "meta": nested(300), "ok": {"a": [1]}})]
    [document] = read_lines(tmp_path, lines)
    assert isinstance(document, Document)
    meta = document.metadata.extra["meta"]
    assert depth_of(meta) == MAX_NESTING
    assert document.metadata.extra["ok"] == {"a": [1]}  # shallow values are untouched
    # Nothing is lost: what lies below the limit is kept as its JSON text.
    innermost: object = meta
    while isinstance(innermost, list):
        innermost = innermost[0]
    assert isinstance(innermost, str) and json.loads(innermost) == nested(300 - MAX_NESTING)
    assert Document.from_json(document.to_json()) == document  # before: depth exceeded


def test_untrusted_json_beyond_the_parsers_limits_is_one_error_each(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "Before."}),
        '{"text": "Huge.", "n": ' + "9" * 5000 + "}",
        '{"text": "Deep.", "n": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"text": "Big but fine.", "n": ' + "9" * 30 + "}",
        json.dumps({"text": "After."}),
    ]
    items = read_lines(tmp_path, lines)
    errors = {item.line: item.problem for item in items if isinstance(item, InputError)}
    assert errors[2].startswith("line 2: a number with more than 4,300 digits")
    assert errors[3].startswith("line 3: JSON nested too deeply to read")
    texts = [item.text for item in items if isinstance(item, Document)]
    assert texts == ["Before.", "Big but fine.", "After."]


def test_untrusted_row_document_bounds_nesting_from_any_reader() -> None:
    # Parquet rows arrive as Python values; a deep struct must be bounded the same way.
    row = {"text": "Parquet row.", "title": nested(400, "t"), "meta": {"x": nested(400)}}
    document = row_document(row, path="c.parquet", where="row 1", number=1, max_bytes=LIMIT)
    assert depth_of(document.metadata.extra["meta"]) == MAX_NESTING
    assert document.metadata.title and "t" in document.metadata.title
    document.to_json()


def test_untrusted_loads_json_names_each_parser_failure() -> None:
    with pytest.raises(UnsafeValue, match=r"not valid UTF-8 \(byte 10\)"):
        loads_json(b'{"text": "\xff"}')
    with pytest.raises(UnsafeValue, match=r"malformed JSON"):
        loads_json(b'{"text": ')
    assert loads_json('{"n": 1}') == {"n": 1}


def test_untrusted_bound_nesting_and_surrogate_check_leave_ordinary_values_alone() -> None:
    value = {"a": [1, {"b": "c"}], "d": None}
    assert bound_nesting(value) == value
    refuse_lone_surrogates({"text": "Київ 🇺🇦", "a": ["ok"]}, "")
