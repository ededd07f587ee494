"""Quality gate: the actors layer on the actors benchmark's gold.

Three pinned sets, as ``benchmarks/actors_benchmark.py`` reads them: ConfliBERT's CAMEO test
sentences (actor spans, overlap match), PLOVER's gold-standard records (the country each coded
actor belongs to) and the hand-annotated kremlin.ru mentions of
``benchmarks/data/actors_kremlin_links.tsv`` (the exact gazetteer entry, or none for NIL).
Their SHA-256 (texts, gold and the mapping files) is checked first, so a changed corpus or gold
is caught before a score moves. The floors sit a little under the figures in
``benchmarks/results/actors.md``; re-pinning is an explicit edit here, never a way to pass.
Needs the datasets in ``../shared/data`` (skipped without them).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import actors_benchmark as bench  # noqa: E402

GOLD_SHA256 = "38e9ac00f8a03bb112e774c5a2b64ad37479b033ec687c4e7857a40e88f2fb59"
# Measured 2026-12-05 (benchmarks/results/actors.md): CAMEO recall 0.983, precision 0.692;
# PLOVER country accuracy 0.766; kremlin.ru entry accuracy 0.871 on the 186 mentions of a
# gazetteer entry, 0.840 on the 75 NIL mentions.
FLOORS = {
    "cameo_recall": 0.96,
    "cameo_precision": 0.67,
    "plover_country_accuracy": 0.74,
    "kremlin_entry_accuracy": 0.84,
    "kremlin_nil_accuracy": 0.80,
}
NEEDED = (bench.CAMEO / "test.txt", bench.GSR, bench.KREMLIN)


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    if not all((bench.DATA / path).is_file() for path in NEEDED):
        pytest.skip(f"the actors benchmark's datasets are not under {bench.DATA}")
    codes = {str(k): str(v) for k, v in yaml.safe_load(bench.CODES.read_text("utf-8")).items()}
    cameo = bench.read_conll(bench.DATA / bench.CAMEO / "test.txt")
    plover = [(t, g) for t, g in bench.read_gsr(bench.DATA / bench.GSR, codes)[0] if g]
    links = bench.read_links(bench.LINKS)
    records = bench.kremlin_documents(bench.DATA / bench.KREMLIN, {row[0] for row in links})
    order = list(dict.fromkeys(row[0] for row in links))
    parts = [f"{t}\t{g}" for t, g in cameo] + [f"{t}\t{g}" for t, g in plover]
    parts += [records[i]["text"] for i in order] + ["\t".join(map(str, row)) for row in links]
    return {
        "cameo": cameo,
        "plover": plover,
        "links": links,
        "kremlin": [(i, records[i]["text"], records[i]["date"]) for i in order],
        "digest": bench.digest(parts),
    }


def test_actors_quality_gate_gold_is_the_pinned_one(gold: dict[str, Any]) -> None:
    assert gold["digest"] == GOLD_SHA256, (
        "the actors benchmark's gold changed (a dataset, the links or the code mapping); check "
        f"it, then re-pin GOLD_SHA256 (now {gold['digest']}) and the floors explicitly"
    )


def test_actors_quality_gate_floors(gold: dict[str, Any]) -> None:
    assert gold["digest"] == GOLD_SHA256, "the gold changed: see the digest test"
    from redline.gazetteer import Gazetteer

    gazetteer = Gazetteer.load()
    texts = [t for t, _ in gold["cameo"]] + [t for t, _ in gold["plover"]]
    kremlin = gold["kremlin"]
    analysed = bench.analyse(
        texts + [t for _, t, _ in kremlin], [None] * len(texts) + [d for _, _, d in kremlin]
    )
    cameo = analysed[: len(gold["cameo"])]
    plover = analysed[len(gold["cameo"]) : len(texts)]
    by_doc = dict(zip((i for i, _, _ in kremlin), analysed[len(texts) :], strict=True))

    items = [(g, a.redline) for (_, g), a in zip(gold["cameo"], cameo, strict=True)]
    sums = bench.span_counts(items, {m.label for _, ms in items for m in ms}).sum(axis=0)
    right = total = 0
    for (_, spans), text in zip(gold["plover"], plover, strict=True):
        for start, end, country in spans:
            entry = bench.link_redline(text, start, end).entry
            right += bench.country_of(gazetteer, entry) == country
            total += 1
    tally = {"entry": [0, 0], "nil": [0, 0]}
    for doc_id, _, start, end, entry_id, _ in gold["links"]:
        entry = bench.link_redline(by_doc[doc_id], start, end).entry
        kind = "nil" if entry_id == "NIL" else "entry"
        tally[kind][0] += (entry is None) if kind == "nil" else (entry == entry_id)
        tally[kind][1] += 1
    measured = {
        "cameo_recall": sums[1] / sums[0],
        "cameo_precision": sums[3] / sums[2],
        "plover_country_accuracy": right / total,
        "kremlin_entry_accuracy": tally["entry"][0] / tally["entry"][1],
        "kremlin_nil_accuracy": tally["nil"][0] / tally["nil"][1],
    }
    below = {name: round(float(v), 3) for name, v in measured.items() if v < FLOORS[name]}
    assert not below, f"below the floors {FLOORS}: {below}"


def test_actors_quality_gate_links_file_has_no_text() -> None:
    """The gold is standoff: ids, digests, offsets and entry ids, never the corpus's words."""
    for line in bench.LINKS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and not line.startswith("doc_id\t"):
            doc_id, digest, start, end, entry, candidate = line.split("\t")
            assert doc_id.startswith("kremlin_en_") and len(digest) == 16
            assert all(c in "0123456789abcdef" for c in digest)
            assert 0 <= int(start) < int(end)
            assert candidate in ("entity", "title") and (entry == "NIL" or entry.islower())


# -- Russian: the hand-annotated sentences of benchmarks/data/actors_ru_links.tsv ----------------

RU_GOLD_SHA256 = "06dc73faaaeada689da93802e99068f502a996dabfd62afb06a748a13a0ff220"
# Measured 2026-12-05 (benchmarks/results/russian_actors.md): NER recall 0.983, precision 0.966;
# linking recall 0.924, precision 0.898; NIL mentions left unlinked 0.843.
RU_FLOORS = {
    "NER recall": 0.95,
    "NER precision": 0.93,
    "linking recall": 0.89,
    "linking precision": 0.87,
    "NIL left unlinked": 0.80,
}


@pytest.fixture(scope="module")
def russian_gold() -> dict[str, Any]:
    sources = (
        "propaganda/semeval2023_task3/ru/train-articles-subtask-3",
        "propaganda/ru_zen_prop/datasets/train-articles",
    )
    if not all((bench.DATA / path).is_dir() for path in sources):
        pytest.skip(f"the Russian actors gold's datasets are not under {bench.DATA}")
    sentences = bench.read_russian()
    texts = bench.russian_texts(sentences)
    rows = [line for line in bench.RU_LINKS.read_text("utf-8").splitlines() if line[:1] != "#"]
    return {
        "sentences": sentences,
        "texts": texts,
        "digest": bench.digest([*texts, *rows]),
    }


def test_actors_quality_gate_russian_gold_is_the_pinned_one(russian_gold: dict[str, Any]) -> None:
    assert russian_gold["digest"] == RU_GOLD_SHA256, (
        "the Russian actors gold changed (a dataset or actors_ru_links.tsv); check it, then "
        f"re-pin RU_GOLD_SHA256 (now {russian_gold['digest']}) and the floors explicitly"
    )


def test_actors_quality_gate_russian_floors(russian_gold: dict[str, Any]) -> None:
    assert russian_gold["digest"] == RU_GOLD_SHA256, "the gold changed: see the digest test"
    from redline.gazetteer import Gazetteer

    analysed = bench.analyse_russian(russian_gold["texts"], Gazetteer.load())
    scores, _ = bench.russian_scores(russian_gold["sentences"], analysed)
    measured = {name: scores["redline"][name][0] for name in RU_FLOORS}
    below = {name: round(v, 3) for name, v in measured.items() if v < RU_FLOORS[name]}
    assert not below, f"below the floors {RU_FLOORS}: {below}"


def test_actors_quality_gate_russian_links_file_has_no_text() -> None:
    """Standoff only: datasets, ids, digests, offsets, types and entry ids."""
    for line in bench.RU_LINKS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and not line.startswith("dataset\t"):
            dataset, doc_id, digest, start, end, kind, gold = line.split("\t")
            assert dataset in ("semeval2023_ru", "ru_zen_prop") and doc_id.isascii()
            assert len(digest) == 16 and all(c in "0123456789abcdef" for c in digest)
            assert 0 <= int(start) < int(end)
            assert kind in ("SENT", "PER", "LOC", "ORG", "DEM", "MISC")
            assert gold in ("-", "NIL") or (gold.isascii() and gold.islower())
