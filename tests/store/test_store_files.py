"""Output files: written whole, with the umask's permissions, under safe names (issue 15)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from redline.store.export import write_relation
from redline.store.files import atomic_path, safe_file_name, write_atomic


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_files_new_file_honours_the_umask(tmp_path: Path) -> None:
    # Before: mkstemp made every output 0600, whatever the umask.
    for umask, expected in ((0o022, 0o644), (0o002, 0o664), (0o077, 0o600)):
        previous = os.umask(umask)
        try:
            path = tmp_path / f"report-{umask:o}.txt"
            write_atomic(path, "done\n")
        finally:
            os.umask(previous)
        assert mode(path) == expected, oct(umask)
        assert path.read_text(encoding="utf-8") == "done\n"


def test_files_replaced_file_keeps_its_mode(tmp_path: Path, umask_022: None) -> None:
    path = tmp_path / "shared.txt"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o640)
    write_atomic(path, "new\n")
    assert mode(path) == 0o640 and path.read_text(encoding="utf-8") == "new\n"


def test_files_failure_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    path.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_path(path) as temporary:
        temporary.write_text("half", encoding="utf-8")
        assert temporary.suffix == ".json"  # libraries that go by the extension see the same
        raise RuntimeError("disk full")
    assert path.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_files_exports_written_by_duckdb_honour_the_umask(tmp_path: Path, umask_022: None) -> None:
    relation = duckdb.connect().sql("SELECT 1 AS n")
    for name in ("rows.csv", "rows.parquet"):
        write_relation(relation, tmp_path / name)
        assert mode(tmp_path / name) == 0o644, name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://example.com/a\x00b", "https_example.com_a_b"),
        ("C:\\reports\\x:y", "C_reports_x_y"),
        ("../../etc/passwd", "etc_passwd"),
        ("\x1b[31mred\x07", "31mred"),
        ("...", "document"),
        ("", "document"),
        ("Київ заява", "Київ_заява"),
    ],
)
def test_files_safe_file_name_keeps_only_safe_characters(text: str, expected: str) -> None:
    assert safe_file_name(text) == expected


def test_files_safe_file_name_is_bounded() -> None:
    assert len(safe_file_name("x" * 1000)) == 80
