"""Analyzer versions that change when what the analyzer does changes.

A stored document records the version of each analyzer that produced its findings, and
``corpus add`` re-analyses a document whose versions differ from the installed ones. A version
string typed by hand ("1.0.0") stayed the same through every change to a lexicon, a rule or a
model, so the store never re-analysed; here the version is the release number followed by a
digest of the files the analyzer's findings depend on: its code, its data files and its model.

>>> content_version("1.0.0", "analyzers/versions.py").startswith("1.0.0+")
True
"""

from __future__ import annotations

import hashlib
from importlib import resources
from importlib.abc import Traversable

DIGEST_CHARS = 12
# Every analyzer reads the parse and the structure lookups, and its data files through one
# loader; a change there changes them all.
SHARED = (
    "analyzers/base.py",
    "attributes.py",
    "scope.py",
    "parsing.py",
    "nlp.py",
    "document.py",
    "data_files.py",
    # The repair of the English parse, and what it reads: the lexicons' verbs and the gazetteer.
    "imperatives.py",
    "data/actions.yaml",
    "data/incitement.yaml",
    "data/gazetteer",
    # The Russian pipeline: its tokens, parse and lemmas are what every analyzer reads in Russian.
    "russian.py",
    "russian_names.py",
    "data/ru/syntax.yaml",
)


def content_version(release: str, *paths: str, root: Traversable | None = None) -> str:
    """``release`` plus a digest of the package files and folders at ``paths`` (relative to
    the ``redline`` package, or to ``root``) and of the files every analyzer shares."""
    digest = hashlib.sha256()
    root = root if root is not None else resources.files("redline")
    for path in sorted({*SHARED, *paths}):
        _add(digest, root.joinpath(*path.split("/")), path)
    return f"{release}+{digest.hexdigest()[:DIGEST_CHARS]}"


def _add(digest: hashlib._Hash, item: Traversable, name: str) -> None:
    if item.is_dir():
        for child in sorted(item.iterdir(), key=lambda c: c.name):
            if child.name != "__pycache__" and not child.name.endswith(".pyc"):
                _add(digest, child, f"{name}/{child.name}")
        return
    if not item.is_file():
        raise FileNotFoundError(f"redline/{name}: listed as an analyzer's source but not installed")
    digest.update(name.encode("utf-8") + b"\0")
    digest.update(item.read_bytes())
    digest.update(b"\0")
