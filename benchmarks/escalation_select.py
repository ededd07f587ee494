"""Choose the escalation corpus's passages from the datasets in ``../shared/data``.

    python benchmarks/escalation_select.py --out WORKDIR [--data ../shared/data] [--seed 20261205]

Writes ``WORKDIR/passages.jsonl`` (with the passage text, for the annotators only: it is never
committed) and ``WORKDIR/batches/NN.jsonl`` (the passages an annotator takes at once). Most
passages are chosen where the rhetoric is (the window of paragraphs with the most force,
coercion, threat, nuclear and red-line wording, English and Russian); the rest are random
windows of random documents, so routine diplomacy and news keep the set honest. At most one
passage per document.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

from escalation_sources import DEFAULT_DATA, SourceDocument, iter_documents, sha256

# Wording that marks force, coercion, threats, nuclear and red-line rhetoric. Used only to
# choose where to look; the annotators decide what is there.
_RHETORIC = re.compile(
    r"\b(?:strik\w*|attack\w*|bomb\w*|missile\w*|nuclear|atomic|war|wars|invad\w*|invasion|"
    r"sanction\w*|kill\w*|destroy\w*|threat\w*|warn\w*|retaliat\w*|red lines?|unacceptable|"
    r"troops|shell\w*|weapons?|annex\w*|occup\w*|blockade|seiz\w*|arrest\w*|expel\w*|"
    r"ultimatum|wipe\w*|eliminat\w*|hang\w*|execut\w*|shoot\w*|respond\w*|response|"
    r"tolerate|force|forces|military|army|terror\w*|retribution|punish\w*|"
    r"удар\w*|атак\w*|бомб\w*|ракет\w*|ядерн\w*|атомн\w*|войн\w*|вторж\w*|санкци\w*|"
    r"уби\w*|уничтож\w*|угроз\w*|угрожа\w*|предупре\w*|ответ\w*|красн\w* лини\w*|"
    r"неприемлем\w*|военн\w*|войск\w*|обстрел\w*|оружи\w*|аннекс\w*|оккуп\w*|блокад\w*|"
    r"захват\w*|арест\w*|высыл\w*|ликвид\w*|стер\w*|повес\w*|расстрел\w*|потерпим|"
    r"наказ\w*|возмезд\w*|террор\w*|фронт\w*|ВСУ|НАТО)\b",
    re.IGNORECASE,
)
_HEAVY = re.compile(
    r"\b(?:nuclear|atomic|red lines?|ядерн\w*|атомн\w*|красн\w* лини\w*|if|если|иначе|otherwise|"
    r"must|should|должн\w*|надо|нужно|пора)\b",
    re.IGNORECASE,
)

QUOTAS: dict[str, tuple[int, int]] = {
    # dataset: (chosen by rhetoric, chosen at random)
    "ptc": (150, 40),
    "kremlin_en": (75, 25),
    "ungdc": (45, 15),
    "semeval2023_ru": (75, 25),
    "ru_zen_prop": (25, 10),
    "unlp2025": (60, 20),
    "ethos": (25, 5),
    "olid": (25, 5),
}
SHORT_GENRES = {"comment", "post"}
MIN_WORDS, MAX_WORDS = 70, 260
# PTC sets every sentence as a paragraph of its own, so six of them are often under 70 words.
MIN_WORDS_SHORT_PARAGRAPHS = 45
BATCH_SIZE = 40


@dataclass(frozen=True)
class Passage:
    dataset: str
    doc_id: str
    start: int
    end: int
    text: str
    score: int


def paragraphs(doc: SourceDocument) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: blank lines part them, or single line breaks where a
    document has (almost) no blank lines; UN speeches break lines mid-sentence, so there a
    line that ends a sentence ends a paragraph."""
    pattern = r"\n[ \t\r]*\n" if doc.dataset != "ungdc" else r"(?<=[.!?])[\"”’]?\n"
    if doc.dataset != "ungdc" and len(re.findall(pattern, doc.text)) < 3:
        pattern = r"\r?\n"  # one paragraph a line, with no blank lines between
    spans, last = [], 0
    for match in re.finditer(pattern, doc.text):
        spans.append((last, match.start()))
        last = match.end()
    spans.append((last, len(doc.text)))
    trimmed = []
    for start, end in spans:
        chunk = doc.text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        tail = len(chunk.rstrip())
        if tail > lead:
            trimmed.append((start + lead, start + tail))
    return trimmed


def _score(text: str) -> int:
    return len(_RHETORIC.findall(text)) + 2 * len(_HEAVY.findall(text))


def windows(doc: SourceDocument) -> list[Passage]:
    """Every run of 1-6 consecutive paragraphs within the length limits."""
    paras = paragraphs(doc)
    found = []
    for first in range(len(paras)):
        for last in range(first, min(first + 6, len(paras))):
            start, end = paras[first][0], paras[last][1]
            text = doc.text[start:end]
            words = len(text.split())
            if words > MAX_WORDS:
                break
            if words >= (MIN_WORDS_SHORT_PARAGRAPHS if doc.dataset == "ptc" else MIN_WORDS):
                found.append(Passage(doc.dataset, doc.doc_id, start, end, text, _score(text)))
    return found


def whole(doc: SourceDocument) -> list[Passage]:
    text = doc.text.strip()
    if not text or len(text.split()) > 300 or len(text.split()) < 4:
        return []
    start = doc.text.index(text)
    return [Passage(doc.dataset, doc.doc_id, start, start + len(text), text, _score(text))]


def candidates(doc: SourceDocument) -> list[Passage]:
    if doc.genre in SHORT_GENRES:
        return whole(doc) or windows(doc)
    return windows(doc)


def choose(
    dataset: str,
    data: Path,
    rng: random.Random,
    quotas: dict[str, tuple[int, int]],
    skip: set[tuple[str, str]],
) -> list[tuple[Passage, str]]:
    by_rhetoric, at_random = quotas[dataset]
    docs = [doc for doc in iter_documents(dataset, data) if (dataset, doc.doc_id) not in skip]
    rng.shuffle(docs)
    best: list[Passage] = []
    pool: list[SourceDocument] = []
    for doc in docs:
        found = candidates(doc)
        if found:
            best.append(max(found, key=lambda p: (p.score, -p.start)))
            pool.append(doc)
    # Rhetoric: the highest-scoring documents, drawn in random order among ties.
    best.sort(key=lambda p: -p.score)
    chosen = [(p, "rhetoric") for p in best[:by_rhetoric]]
    taken = {p.doc_id for p, _ in chosen}
    rest = [doc for doc in pool if doc.doc_id not in taken]
    for doc in rest[:at_random]:
        chosen.append((rng.choice(candidates(doc)), "random"))
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seed", type=int, default=20261205)
    parser.add_argument(
        "--skip", type=Path, help="a passages.jsonl whose documents are not taken again"
    )
    parser.add_argument(
        "--quotas",
        type=json.loads,
        default=QUOTAS,
        help='JSON {"dataset": [by rhetoric, at random], ...}; default: QUOTAS',
    )
    parser.add_argument("--first-batch", type=int, default=0, help="number of the first batch file")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    skip = set()
    if args.skip:
        with args.skip.open(encoding="utf-8") as handle:
            skip = {(row["dataset"], row["doc_id"]) for row in map(json.loads, handle)}
    rows = []
    for dataset in args.quotas:
        docs = {d.doc_id: d for d in iter_documents(dataset, args.data)}
        for passage, how in choose(dataset, args.data, rng, args.quotas, skip):
            doc = docs[passage.doc_id]
            rows.append(
                {
                    "pid": f"{dataset}:{passage.doc_id}:{passage.start}",
                    "dataset": dataset,
                    "doc_id": passage.doc_id,
                    "group": doc.group,
                    "start": passage.start,
                    "end": passage.end,
                    "sha256": sha256(passage.text),
                    "lang": doc.lang,
                    "genre": doc.genre,
                    "date": doc.date,
                    "chosen": how,
                    "text": passage.text,
                }
            )
        print(f"{dataset}: {sum(r['dataset'] == dataset for r in rows)} passages")
    rng.shuffle(rows)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "batches").mkdir(exist_ok=True)
    with (args.out / "passages.jsonl").open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    for number in range(0, len(rows), BATCH_SIZE):
        path = args.out / "batches" / f"{args.first_batch + number // BATCH_SIZE:02d}.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for row in rows[number : number + BATCH_SIZE]:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} passages in {len(range(0, len(rows), BATCH_SIZE))} batches")


if __name__ == "__main__":
    main()
