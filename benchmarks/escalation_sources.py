"""Where the escalation corpus's passages come from: the public datasets in ``../shared/data``.

The corpus is standoff. It stores, per passage, the dataset, the document id, the character
offsets of the passage in that document's text as read here, and the SHA-256 of the passage
text; this module is the one place that turns (dataset, document id) back into text, so the
builder, the benchmark and the tests read documents the same way.

Offsets are Python ``str`` indices into the document text exactly as stored in the dataset:
files are read with ``newline=""`` (SemEval-2023's non-English files use CRLF and their own
span offsets count the ``\\r``), and nothing is normalised.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"


@dataclass(frozen=True)
class SourceDocument:
    """One document of a dataset: its id, text and what the dataset says about it."""

    dataset: str
    doc_id: str
    text: str
    lang: str
    genre: str
    group: str
    """The unit no two splits may share: the outlet or speaker where the dataset gives one,
    else the document itself."""
    date: str | None = None


@dataclass(frozen=True)
class DatasetInfo:
    """How a dataset is read and what kind of text it holds."""

    name: str
    lang: str
    genre: str
    description: str


DATASETS: dict[str, DatasetInfo] = {
    "ptc": DatasetInfo("ptc", "en", "news", "PTC (SemEval-2020 Task 11) news and opinion articles"),
    "semeval2023_ru": DatasetInfo(
        "semeval2023_ru", "ru", "news", "SemEval-2023 Task 3 Russian news and opinion articles"
    ),
    "ru_zen_prop": DatasetInfo("ru_zen_prop", "ru", "blog", "Russian Yandex.Zen blog articles"),
    "unlp2025": DatasetInfo("unlp2025", "ru", "post", "UNLP 2025 Telegram posts (Russian only)"),
    "kremlin_en": DatasetInfo(
        "kremlin_en", "en", "official", "kremlin.ru English news notes, speeches, transcripts"
    ),
    "ungdc": DatasetInfo("ungdc", "en", "speech", "UN General Debate speeches 2000-2024"),
    "ethos": DatasetInfo("ethos", "en", "comment", "ETHOS comments (YouTube, Reddit)"),
    "olid": DatasetInfo("olid", "en", "post", "OLID tweets (OffensEval 2019)"),
}


def _read(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def _articles(folder: Path) -> Iterator[tuple[str, str]]:
    for path in sorted(folder.glob("article*.txt")):
        yield path.stem, _read(path)


def _ptc(data: Path) -> Iterator[SourceDocument]:
    for part in ("train-articles", "dev-articles", "test-articles"):
        for doc_id, text in _articles(data / "propaganda" / "ptc" / part):
            yield SourceDocument("ptc", doc_id, text, "en", "news", f"ptc:{doc_id}")


def _semeval2023_ru(data: Path) -> Iterator[SourceDocument]:
    base = data / "propaganda" / "semeval2023_task3" / "ru"
    for part in ("train-articles-subtask-3", "dev-articles-subtask-3"):
        for doc_id, text in _articles(base / part):
            yield SourceDocument("semeval2023_ru", doc_id, text, "ru", "news", f"semru:{doc_id}")


def _ru_zen_prop(data: Path) -> Iterator[SourceDocument]:
    base = data / "propaganda" / "ru_zen_prop" / "datasets"
    for part in ("train-articles", "dev-articles"):
        for doc_id, text in _articles(base / part):
            yield SourceDocument(
                "ru_zen_prop", f"{part}/{doc_id}", text, "ru", "blog", f"zen:{part}/{doc_id}"
            )


def _unlp2025(data: Path) -> Iterator[SourceDocument]:
    import pandas as pd

    path = (
        data / "propaganda" / "unlp2025_manipulation" / "data" / "span_detection" / "train.parquet"
    )
    frame = pd.read_parquet(path, columns=["id", "content", "lang"])
    for row in frame.itertuples(index=False):
        if row.lang == "ru":
            # No channel name is given, so the post is its own group.
            yield SourceDocument(
                "unlp2025", str(row.id), str(row.content), "ru", "post", f"unlp:{row.id}"
            )


def _jsonl(path: Path) -> Iterator[dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _kremlin_en(data: Path) -> Iterator[SourceDocument]:
    for record in _jsonl(data / "realtext" / "kremlin_en_news" / "kremlin_en_news.jsonl"):
        doc_id = str(record["id"])
        yield SourceDocument(
            "kremlin_en",
            doc_id,
            str(record["text"]),
            "en",
            "official",
            f"kremlin:{doc_id}",
            date=str(record.get("date") or "") or None,
        )


def _ungdc(data: Path) -> Iterator[SourceDocument]:
    for record in _jsonl(data / "realtext" / "ungdc" / "ungdc_2000_2024.jsonl"):
        # Split by speaker: one country's speeches never sit in two splits.
        yield SourceDocument(
            "ungdc",
            str(record["id"]),
            str(record["text"]),
            "en",
            "speech",
            f"ungdc:{record['country_iso3']}",
            date=str(record["year"]),
        )


def _ethos(data: Path) -> Iterator[SourceDocument]:
    path = data / "incitement" / "ethos" / "Ethos_Dataset_Binary.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        for index, row in enumerate(csv.DictReader(handle, delimiter=";")):
            doc_id = f"binary/{index}"
            yield SourceDocument(
                "ethos", doc_id, row["comment"], "en", "comment", f"ethos:{doc_id}"
            )


def _olid(data: Path) -> Iterator[SourceDocument]:
    path = data / "incitement" / "olid" / "olid-training-v1.0.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        for row in reader:
            yield SourceDocument("olid", row[0], row[1], "en", "post", f"olid:{row[0]}")


_READERS = {
    "ptc": _ptc,
    "semeval2023_ru": _semeval2023_ru,
    "ru_zen_prop": _ru_zen_prop,
    "unlp2025": _unlp2025,
    "kremlin_en": _kremlin_en,
    "ungdc": _ungdc,
    "ethos": _ethos,
    "olid": _olid,
}


def iter_documents(dataset: str, data: Path = DEFAULT_DATA) -> Iterator[SourceDocument]:
    """Every document of ``dataset`` in a stable order."""
    return _READERS[dataset](data)


@cache
def _index(dataset: str, data: Path) -> dict[str, SourceDocument]:
    return {doc.doc_id: doc for doc in iter_documents(dataset, data)}


def document(dataset: str, doc_id: str, data: Path = DEFAULT_DATA) -> SourceDocument:
    """The document ``doc_id`` of ``dataset``; KeyError when the dataset lacks it."""
    return _index(dataset, data)[doc_id]


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class PassageMismatch(ValueError):
    """The dataset's text at the stored offsets is not the text that was annotated."""


def passage_text(
    dataset: str, doc_id: str, start: int, end: int, digest: str, data: Path = DEFAULT_DATA
) -> str:
    """The passage's text, checked against the SHA-256 stored with its annotation."""
    text = document(dataset, doc_id, data).text[start:end]
    if sha256(text) != digest:
        raise PassageMismatch(
            f"{dataset}/{doc_id}[{start}:{end}]: the text there does not match the stored "
            f"SHA-256; is {data} the same copy of the datasets the corpus was annotated on?"
        )
    return text
