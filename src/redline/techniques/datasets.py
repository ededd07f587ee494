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


# -- SemEval-2023 Task 3, subtask 3 (paragraph-level techniques, multilingual) --------------

SEMEVAL2023 = "semeval2023_task3"


@dataclass(frozen=True)
class LabelledParagraph:
    """One paragraph of a SemEval-2023 Task 3 article that the organisers labelled.

    ``line`` is the paragraph's 1-based line number (the task's paragraph id); ``start`` and
    ``end`` are code-point offsets of the line, without its line break, into the article read
    with its line breaks as they are (``\\r\\n`` counts two), the offsets the span labels use.
    """

    line: int
    start: int
    end: int
    techniques: tuple[str, ...]


@dataclass(frozen=True)
class TaskArticle:
    """A SemEval-2023 Task 3 article: its text, labelled paragraphs and, in train, gold spans."""

    id: str
    text: str
    paragraphs: tuple[LabelledParagraph, ...]
    spans: tuple[tuple[str, int, int], ...] = field(default_factory=tuple)


def line_offsets(text: str) -> dict[int, tuple[int, int]]:
    """``{line number: (start, end)}`` of every line, 1-based, CR and LF left out.

    >>> line_offsets("Title\\r\\n\\r\\nBody")
    {1: (0, 5), 2: (7, 7), 3: (9, 13)}
    """
    found: dict[int, tuple[int, int]] = {}
    position = 0
    for number, line in enumerate(text.split("\n"), 1):
        body = line.removesuffix("\r")
        found[number] = (position, position + len(body))
        position += len(line) + 1
    return found


def load_semeval2023(language: str, split: str, root: Path = DEFAULT_DATA) -> list[TaskArticle]:
    """The ``train`` or ``dev`` articles of one language (``ru``, ``en``, ...) of SemEval-2023
    Task 3 with their subtask-3 paragraph labels, and for train the gold technique spans.

    Articles are read with ``newline=""``: the non-English files use CRLF and the span offsets
    count the ``\\r`` (reading them in text mode moves ~1-2% of spans out of their words).
    """
    folder = root / SEMEVAL2023 / language
    labels = folder / f"{split}-labels-subtask-3.txt"
    articles_dir = folder / f"{split}-articles-subtask-3"
    if not labels.is_file() or not articles_dir.is_dir():
        raise InputError(
            folder,
            f"expected {labels.name} and {articles_dir.name}/ here; pass the folder that holds "
            f"{SEMEVAL2023}/ (the SemEval-2023 Task 3 release)",
        )
    by_article: dict[str, dict[int, tuple[str, ...]]] = defaultdict(dict)
    for line in read_text(labels).splitlines():
        if line.strip():
            article_id, number, *rest = line.split("\t")
            names = tuple(n for n in (rest[0] if rest else "").split(",") if n)
            by_article[article_id][int(number)] = names
    spans = _semeval2023_spans(folder / f"{split}-labels-subtask-3-spans")
    articles = []
    for article_id in sorted(by_article, key=lambda a: (len(a), a)):
        text = read_text(articles_dir / f"article{article_id}.txt")
        lines = line_offsets(text)
        paragraphs = tuple(
            LabelledParagraph(number, *lines[number], names)
            for number, names in sorted(by_article[article_id].items())
        )
        found = tuple(sorted(spans.get(article_id, []), key=lambda s: (s[1], s[2], s[0])))
        articles.append(TaskArticle(article_id, text, paragraphs, found))
    return articles


def _semeval2023_spans(folder: Path) -> dict[str, list[tuple[str, int, int]]]:
    spans: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    if not folder.is_dir():
        return spans
    for path in sorted(folder.glob("*.txt")):
        for line in read_text(path).splitlines():
            if line.strip():
                article_id, technique, start, end = line.split("\t")
                spans[article_id].append((technique, int(start), int(end)))
    return spans


def semeval2023_digest(articles: Iterable[TaskArticle]) -> str:
    """SHA-256 over the ids, texts and paragraph labels of ``articles`` (pins a gate's data)."""
    digest = hashlib.sha256()
    for article in sorted(articles, key=lambda a: a.id):
        digest.update(article.id.encode())
        digest.update(article.text.encode("utf-8"))
        for paragraph in article.paragraphs:
            digest.update(f"{paragraph.line}\t{','.join(paragraph.techniques)}\n".encode())
    return digest.hexdigest()
