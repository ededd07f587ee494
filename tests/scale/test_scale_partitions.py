"""Planning partitions and reading them: the same records as the sequential readers."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from redline.config import RedlineConfig
from redline.document import Document
from redline.errors import InputError
from redline.readers import read_sources
from redline.scale import plan_partitions
from redline.scale.partitions import Partition, plan_file, read_partition

LIMIT = 5_000_000


def sequential(path: Path, max_bytes: int = LIMIT) -> list[str]:
    """What `redline analyze` reads from ``path``: documents as JSON, problems as text."""
    return [_shown(item) for item in read_sources([str(path)], max_bytes=max_bytes)]


def partitioned(parts: list[Partition], max_bytes: int = LIMIT) -> list[str]:
    return [_shown(item) for part in parts for _, item in read_partition(part, max_bytes)]


def _shown(item: Document | InputError) -> str:
    return item.to_json(indent=None) if isinstance(item, Document) else str(item)


def write_jsonl(path: Path, lines: list[str], *, end: str = "\n") -> Path:
    path.write_bytes(("\n".join(lines) + end).encode("utf-8"))
    return path


LINES = [
    json.dumps({"text": "Russia warned NATO.", "date": "5 March 2024", "desk": "world"}),
    "",
    json.dumps({"text": "Talks resume in Geneva.", "url": "https://example.org/a"}),
    "[1, 2]",
    "{not json",
    json.dumps({"text": "Ceasefire holds.", "title": "Front"}),
    json.dumps({"text": ""}),
]


@pytest.mark.parametrize("size", [1, 2, 3, 7, 100])
@pytest.mark.parametrize("end", ["\n", ""])
def test_partitions_jsonl_blocks_read_what_the_sequential_reader_reads(
    tmp_path: Path, size: int, end: str
) -> None:
    corpus = write_jsonl(tmp_path / "c.jsonl", LINES, end=end)
    parts = plan_file(corpus, size, salt="s")
    assert [p.count for p in parts] == [
        min(size, len(LINES) - i) for i in range(0, len(LINES), size)
    ]
    assert partitioned(parts) == sequential(corpus)


def test_partitions_jsonl_offsets_are_line_starts(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "c.jsonl", LINES)
    data = corpus.read_bytes()
    for part in plan_file(corpus, 2, salt="s"):
        assert part.offset == 0 or data[part.offset - 1 : part.offset] == b"\n"
        assert data[: part.offset].count(b"\n") == part.first - 1


def test_partitions_jsonl_bom_and_oversized_lines_as_sequentially(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    long_text = json.dumps({"text": "word " * 400})
    corpus.write_bytes(b"\xef\xbb\xbf" + "\n".join([LINES[0], long_text, LINES[5]]).encode())
    for size in (1, 2):
        assert partitioned(plan_file(corpus, size, "s"), max_bytes=100) == sequential(corpus, 100)
    assert "over the limit of 100 bytes" in partitioned(plan_file(corpus, 1, "s"), 100)[1]


def test_partitions_empty_jsonl_has_none(tmp_path: Path) -> None:
    assert plan_file(write_jsonl(tmp_path / "e.jsonl", [], end=""), 10, salt="s") == []


def write_parquet(path: Path, rows: list[dict[str, object]], row_group_size: int) -> Path:
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=row_group_size)
    return path


ROWS: list[dict[str, object]] = [
    {"text": f"Statement {n}: the ministry condemned the strike.", "id": n, "tags": ["a", "b"]}
    for n in range(11)
]
ROWS[4]["text"] = None


@pytest.mark.parametrize(("size", "group"), [(1, 3), (4, 3), (3, 4), (5, 100), (100, 2)])
def test_partitions_parquet_ranges_read_what_the_sequential_reader_reads(
    tmp_path: Path, size: int, group: int
) -> None:
    corpus = write_parquet(tmp_path / "c.parquet", ROWS, row_group_size=group)
    parts = plan_file(corpus, size, salt="s")
    assert sum(p.count for p in parts) == len(ROWS)
    assert partitioned(parts) == sequential(corpus)


def test_partitions_parquet_without_text_column_is_refused(tmp_path: Path) -> None:
    corpus = write_parquet(tmp_path / "c.parquet", [{"body": "x"}], row_group_size=10)
    with pytest.raises(InputError, match=r"c\.parquet: no 'text' column; found columns: body"):
        plan_file(corpus, 10, salt="s")


def test_partitions_corrupt_parquet_is_one_line_naming_the_file(tmp_path: Path) -> None:
    corpus = tmp_path / "broken.parquet"
    corpus.write_bytes(b"PAR1 this is not really parquet")
    with pytest.raises(InputError) as caught:
        plan_file(corpus, 10, salt="s")
    assert str(caught.value).startswith(f"{corpus}: not a readable Parquet file")
    assert "\n" not in str(caught.value)


def test_partitions_other_formats_are_refused(tmp_path: Path) -> None:
    corpus = tmp_path / "c.csv"
    corpus.write_text("text\nhello\n", encoding="utf-8")
    with pytest.raises(
        InputError, match=r"c\.csv: the dask engine reads .jsonl, .ndjson, .parquet"
    ):
        plan_file(corpus, 10, salt="s")


def test_partitions_output_names_change_with_contents_and_settings(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "c.jsonl", LINES)
    names = [p.output for p in plan_file(corpus, 3, salt="s")]
    assert names == [p.output for p in plan_file(corpus, 3, salt="s")]
    assert names[0].startswith("c-") and names[0].endswith("-00000.parquet")
    assert names[0] != plan_file(corpus, 3, salt="other settings")[0].output
    assert names[0] != plan_file(corpus, 2, salt="s")[0].output
    stat = corpus.stat()
    os.utime(corpus, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert names[0] != plan_file(corpus, 3, salt="s")[0].output


def test_partitions_plan_walks_folders_in_order_skipping_hidden_and_other_files(
    tmp_path: Path,
) -> None:
    write_jsonl(tmp_path / "b.jsonl", LINES[:3])
    (tmp_path / "a").mkdir()
    write_parquet(tmp_path / "a" / "x.parquet", ROWS[:2], row_group_size=10)
    (tmp_path / ".hidden").mkdir()
    write_jsonl(tmp_path / ".hidden" / "c.jsonl", LINES)
    (tmp_path / "notes.txt").write_text("not a corpus", encoding="utf-8")
    config = RedlineConfig(analyzers=("structure",))
    parts = plan_partitions([tmp_path], 2, config)
    assert [(Path(p.source).relative_to(tmp_path).as_posix(), p.first) for p in parts] == [
        ("a/x.parquet", 1),
        ("b.jsonl", 1),
        ("b.jsonl", 3),
    ]
    assert len({p.output for p in parts}) == 3
    other = plan_partitions([tmp_path], 2, RedlineConfig(analyzers=("structure", "actors")))
    assert not {p.output for p in parts} & {p.output for p in other}  # settings name the files


def test_partitions_plan_refuses_an_empty_folder_and_a_missing_path(tmp_path: Path) -> None:
    config = RedlineConfig(analyzers=("structure",))
    with pytest.raises(InputError, match=r"no \.jsonl, \.ndjson, \.parquet files in this dir"):
        plan_partitions([tmp_path], 2, config)
    with pytest.raises(InputError, match=r"gone\.jsonl: no such file or directory"):
        plan_partitions([tmp_path / "gone.jsonl"], 2, config)
