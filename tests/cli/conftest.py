"""Fixtures shared by the command-line tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def fast_config(tmp_path: Path) -> Path:
    """A configuration that runs the structure analyzer alone (no parse of the claims layers)."""
    path = tmp_path / "redline.toml"
    path.write_text('[redline]\nanalyzers = ["structure"]\n', encoding="utf-8")
    return path
