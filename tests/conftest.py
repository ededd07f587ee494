import json
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from redline.document import Document, Metadata
from redline.pipeline import Pipeline

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--runslow", action="store_true", help="run tests marked slow")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--runslow") or os.environ.get("REDLINE_SLOW"):
        return
    skip = pytest.mark.skip(reason="slow: run with --runslow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@cache
def _default_pipeline() -> Pipeline:
    return Pipeline.from_names()


@pytest.fixture(scope="session")
def analyse() -> Callable[..., Document]:
    """Run the default pipeline over a text (with an optional date)."""

    def run(text: str, date: str | None = None) -> Document:
        return _default_pipeline().run(Document.from_text(text, Metadata(date=date)))

    return run


@cache
def _rules_pipeline() -> Pipeline:
    from redline.analyzers.claims import ClaimAnalyzer

    default = _default_pipeline()
    analyzers = [ClaimAnalyzer(model=None) if a.name == "claims" else a for a in default.analyzers]
    return Pipeline(analyzers, spacy_pipeline=default.spacy_pipeline)


@pytest.fixture(scope="session")
def analyse_rules() -> Callable[..., Document]:
    """The default pipeline with the claim model taken out: the rules' own findings."""

    def run(text: str, date: str | None = None, author: str | None = None) -> Document:
        return _rules_pipeline().run(Document.from_text(text, Metadata(date=date, author=author)))

    return run


@cache
def _seed(name: str) -> tuple[Document, dict]:
    text_path = SEEDS / f"{name}.txt"
    if not text_path.exists():
        pytest.skip(f"seed documents not found at {SEEDS} (../shared/seeds beside the checkout)")
    from redline.readers import read_sources

    document = next(
        d for d in read_sources([str(text_path)], max_bytes=5_000_000) if isinstance(d, Document)
    )
    gold = json.loads((SEEDS / f"{name}.gold.json").read_text(encoding="utf-8"))
    return _default_pipeline().run(document), gold


@pytest.fixture(scope="session")
def seed_op_ed() -> tuple[Document, dict]:
    return _seed("000_0c4ecdcb9482897c")


@pytest.fixture(scope="session")
def seed_interview() -> tuple[Document, dict]:
    return _seed("002_1e772d624eee5f02")


def _damage_a_data_block(path: Path, table: str = "documents") -> None:
    """Overwrite bytes inside a block that holds ``table``'s rows, as a disk fault would.

    DuckDB lays a file out as a 12 KiB header and then fixed-size blocks, block ``n`` at
    ``12288 + n * block_size``; ``pragma_storage_info`` says which blocks a table uses.
    """
    import duckdb

    with duckdb.connect(str(path), read_only=True) as con:
        [(block_size,)] = con.execute("SELECT block_size FROM pragma_database_size()").fetchall()
        [(block,)] = con.execute(
            f"SELECT max(block_id) FROM pragma_storage_info('{table}') "
            "WHERE persistent AND block_id >= 0"
        ).fetchall()
    with path.open("r+b") as stream:
        stream.seek(12288 + block * block_size + 4096)
        stream.write(os.urandom(64))


@pytest.fixture
def damage_corpus() -> Callable[..., None]:
    """Damage a corpus file in the middle (a data block), leaving its header intact."""
    return _damage_a_data_block
