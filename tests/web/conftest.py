"""Fixtures the web tests share: one small stored corpus and a client of the service over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from stand_in_app import stand_in_app
from web_corpus import write_corpus

from redline.web import ServiceSettings


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "corpus.duckdb"
    write_corpus(path)
    return path


@pytest.fixture(scope="module")
def client(corpus_file: Path) -> Iterator[TestClient]:
    """The service with its built-in settings (techniques shown from 0.25, other layers all)."""
    with TestClient(stand_in_app(ServiceSettings(workers=1, corpus=corpus_file))) as client:
        yield client
