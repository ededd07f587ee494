"""A small corpus store for the web page's tests, built with the store tests' document builder."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from redline.document import Document
from redline.store import CorpusStore

_FIXTURES = Path(__file__).resolve().parents[1] / "store" / "conftest.py"


def _store_fixtures() -> ModuleType:
    # The store tests' conftest holds build_document; load it by path (two conftest modules
    # cannot both be imported by name).
    spec = importlib.util.spec_from_file_location("store_fixtures", _FIXTURES)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def corpus_documents() -> list[Document]:
    """Four dated documents by two authors in two outlets, with claims and red lines."""
    build = _store_fixtures().build_document
    return [
        build(
            "Russia must strike Kyiv now, and Iran is our ally against them.",
            author="Hawk", date="2024-03-05", outlet="Daily",
            claims=(("strike", "advocate", 3, "Hawk"),),
            actors=(("Russia", "russia"), ("Kyiv", "kyiv"), ("Iran", "iran")),
            techniques=(("must", "Loaded_Language"),),
            alliance=("ally", "iran", "russia"),
            redline=("against them", "Russia", 3),
        ),
        build(
            "If they cross the line, Russia will use nuclear weapons.",
            author="Hawk", date="2024-03-07", outlet="Daily",
            claims=(
                ("nuclear weapons", "threaten", 5, "Hawk"),
                ("cross", "hypothetical", 1, "Host"),
            ),
            actors=(("Russia", "russia"),),
            techniques=(("nuclear", "Appeal_to_Fear-Prejudice"),),
            redline=("cross the line", "Russia", 5),
        ),
        build(
            "The ministers met in Geneva and agreed to talk.",
            author="Dove", date="2024-03-20", outlet="Weekly",
            claims=(("talk", "report", 0, "Dove"),),
            actors=(("Geneva", "geneva"),),
        ),
        build(
            "Sanctions on Russia should be lifted, Dove says.",
            author="Dove", date="2024-04-02", outlet="Weekly",
            claims=(("Sanctions", "reject", 2, "Dove"),),
            actors=(("Russia", "russia"),),
            techniques=(("should", "Loaded_Language"),),
        ),
    ]  # fmt: skip


def write_corpus(path: Path) -> list[Document]:
    """Store :func:`corpus_documents` at ``path``; the documents."""
    documents = corpus_documents()
    versions = {name: "1.0.0" for name in _store_fixtures().VERSIONS}
    with CorpusStore.open(path) as store:
        store.write(documents, versions)
    return documents
