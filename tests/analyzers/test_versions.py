"""Analyzer versions follow the code, data and model behind the findings."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

from redline.analyzers import DEFAULT_ANALYZERS, analyzer_class
from redline.analyzers.claims import ClaimAnalyzer
from redline.analyzers.versions import content_version

PACKAGE = Path(str(resources.files("redline")))
CLAIM_SOURCES = ("analyzers/claims.py", "data/actions.yaml", "models/claims")


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "redline"
    shutil.copytree(PACKAGE, root, ignore=shutil.ignore_patterns("__pycache__", "samples"))
    return root


def test_versions_change_with_a_lexicon_entry(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    before = content_version("1.0.0", *CLAIM_SOURCES, root=root)
    assert before == content_version("1.0.0", *CLAIM_SOURCES, root=root)  # stable
    lexicon = root / "data" / "actions.yaml"
    lexicon.write_text(
        lexicon.read_text(encoding="utf-8") + "\n# one more comment\n", encoding="utf-8"
    )
    after = content_version("1.0.0", *CLAIM_SOURCES, root=root)
    assert after != before and after.startswith("1.0.0+")


def test_versions_name_a_missing_source(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"data/nothing\.yaml"):
        content_version("1.0.0", "data/nothing.yaml", root=_copy(tmp_path))


def test_versions_every_default_analyzer_has_a_digest() -> None:
    versions = {name: analyzer_class(name).version for name in DEFAULT_ANALYZERS}
    assert all("+" in version for version in versions.values()), versions
    assert ClaimAnalyzer.version == content_version(
        "1.0.0", "analyzers/claims.py", "claims", "slogans.py", "data/actions.yaml",
        "data/stance.yaml", "data/ru/actions.yaml", "data/ru/stance.yaml", "models/claims",
    )  # fmt: skip


def test_versions_change_with_the_russian_parse(tmp_path: Path) -> None:
    """The Russian syntax tables decide the parse every analyzer reads in Russian."""
    root = _copy(tmp_path)
    before = content_version("1.0.0", *CLAIM_SOURCES, root=root)
    syntax = root / "data" / "ru" / "syntax.yaml"
    syntax.write_text(syntax.read_text(encoding="utf-8") + "\n# one more comment\n", "utf-8")
    assert content_version("1.0.0", *CLAIM_SOURCES, root=root) != before
