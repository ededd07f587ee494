"""Readers for the research corpora the technique model is trained and measured on.

The corpora are not part of Redline (their terms forbid redistribution); these readers take the
folder they live in. The layout is the organisers' own:

* PTC (SemEval-2020 Task 11): ``ptc/{train,dev}-articles/article<ID>.txt`` and
  ``ptc/{train,dev}-task-flc-tc.labels`` (``ID<TAB>technique<TAB>start<TAB>end``);
* SemEval-2021 Task 6: ``semeval2021_task6/data/<split>_set_task1.txt`` (JSON list of memes).

Offsets are code points into the article read as UTF-8 with newlines left as they are.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from redline.errors import InputError

DEFAULT_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "propaganda"
"""``<checkout>/../shared/data/propaganda``: where the project keeps its copies."""


@dataclass(frozen=True)
class Article:
    """One PTC article and its gold technique spans ``(technique, start, end)``."""

    id: str
    text: str
    spans: tuple[tuple[str, int, int], ...] = field(default_factory=tuple)

    @property
    def si_spans(self) -> list[tuple[int, int]]:
        """The gold spans without their techniques (SI reference before merging)."""
        return sorted({(s, e) for _, s, e in self.spans})


def read_text(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def load_ptc(
    split: str, root: Path = DEFAULT_DATA, ids: Iterable[str] | None = None
) -> list[Article]:
    """The articles of a PTC split (``"train"`` or ``"dev"``), with gold TC spans, by id."""
    folder = root / "ptc" / f"{split}-articles"
    labels = root / "ptc" / f"{split}-task-flc-tc.labels"
    if not folder.is_dir() or not labels.is_file():
        raise InputError(
            folder,
            f"expected the PTC {split} articles and {labels.name} here; pass the folder "
            "that holds ptc/ (the SemEval-2020 Task 11 release)",
        )
    spans: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for line in read_text(labels).splitlines():
        if line.strip():
            article, technique, start, end = line.split("\t")
            spans[article].append((technique, int(start), int(end)))
    wanted = set(ids) if ids is not None else None
    articles = []
    for path in sorted(folder.glob("article*.txt")):
        article_id = path.stem.removeprefix("article")
        if wanted is not None and article_id not in wanted:
            continue
        found = tuple(sorted(spans.get(article_id, []), key=lambda s: (s[1], s[2], s[0])))
        articles.append(Article(article_id, read_text(path), found))
    return articles


def ptc_digest(articles: Iterable[Article]) -> str:
    """SHA-256 over the ids, texts and gold spans of ``articles`` (pins a gate's subset)."""
    digest = hashlib.sha256()
    for article in sorted(articles, key=lambda a: a.id):
        digest.update(article.id.encode())
        digest.update(article.text.encode("utf-8"))
        for technique, start, end in article.spans:
            digest.update(f"{technique}\t{start}\t{end}\n".encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class Meme:
    """One SemEval-2021 Task 6 example: the meme's text and its technique labels."""

    id: str
    text: str
    labels: tuple[str, ...]


def load_semeval2021(split: str = "test", root: Path = DEFAULT_DATA) -> list[Meme]:
    """The memes of a SemEval-2021 Task 6 split (``training``, ``dev`` or ``test``), subtask 1."""
    path = root / "semeval2021_task6" / "data" / f"{split}_set_task1.txt"
    if not path.is_file():
        raise InputError(path, "expected the SemEval-2021 Task 6 subtask-1 JSON file here")
    rows = json.loads(read_text(path))
    return [Meme(str(r["id"]), str(r["text"]), tuple(r["labels"])) for r in rows]
