"""Actors: what the gazetteer adds to spaCy's entities, and the speed of linking.

    nice python benchmarks/actors_benchmark.py [--data ../shared/data] [--words 200000]
        [--out benchmarks/results/actors.md]

Every measure sets Redline's actors layer beside **spaCy alone** (the same ``en_core_web_sm``
parse the layer reads), scored the same way, with 95% bootstrap intervals that resample whole
sentences or documents (mentions of one text are not independent):

1. **Spans** (ConfliBERT CAMEO source/target/reciprocal actor spans): a gold span is *recalled*
   when a mention overlaps it; a mention is *precise* when it overlaps a gold span. Each system's
   label set is tuned the same way on the train split (labels dropped one at a time while F1
   rises) and scored on the test split. Finding spans is spaCy's work; this shows how much
   of it the gazetteer changes.
2. **Country linking** (PLOVER's gold-standard records, the CAMEO manual's sentences): each
   source or target actor is coded with its country (``USA``, ``ISR``...;
   ``benchmarks/data/actors_cameo_countries.yaml`` maps the codes to gazetteer ids). The
   mention that best covers the actor's words (highest character Jaccard) must be linked to an
   entry of that country: the state itself, or a person, government, body or place that belongs
   to it.
3. **Entry linking on real text** (``benchmarks/data/actors_kremlin_links.tsv``: hand-annotated
   standoff gold over 30 dated kremlin.ru news items, its sampling and rules in its header):
   the best-covering mention must be linked to the right gazetteer entry, or left unlinked
   where the gold says the gazetteer lacks the actor (NIL). Broken down by how the gold
   mention is written: the entry's name, an alias, a demonym, a metonym ("Moscow" for the
   Russian government), a role title resolved on the document's date ("the President"), a
   surname of a person, or otherwise.

spaCy alone has no knowledge base: its linking row looks each entity up by exact canonical
name (case-insensitive, without a leading "the" and a trailing "'s"; a name several entries
share stays unlinked). What Redline adds over that row is what its aliases, demonyms,
metonyms, roles and context resolution are worth.

4. **Speed**: the same text is parsed by spaCy (the pipeline's own cost) and then run through
   the actors, groups and alignment analyzers; the linking overhead is their time over spaCy's.

**Russian** (``--russian``, written to ``benchmarks/results/russian_actors.md``): NER and
linking precision and recall on 125 hand-annotated Russian sentences
(``benchmarks/data/actors_ru_links.tsv``, guidelines in ``benchmarks/data/actors_ru.md``),
Redline's actors layer on the Russian pipeline beside **slovnet's NER alone + exact alias
lookup** (an entity's words looked up, as written, among the gazetteer's names and aliases in
every language: the strongest simple alternative, since the gazetteer's Cyrillic aliases list
some inflected forms), with bootstrap intervals over sentences.

    nice python benchmarks/actors_benchmark.py --russian
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import re
import resource
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import yaml

from redline.analyzers.base import AnalysisContext
from redline.document import Document, Metadata
from redline.gazetteer import Gazetteer
from redline.nlp import load_pipeline
from redline.parsing import parse, parse_many
from redline.pipeline import Pipeline, merge_output

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
LINKS = ROOT / "benchmarks" / "data" / "actors_kremlin_links.tsv"
CODES = ROOT / "benchmarks" / "data" / "actors_cameo_countries.yaml"
CAMEO = Path("events/conflibert_cameo/cameo_ner")
GSR = Path("events/plover_gsr/PLOVER_GSR_CAMEO.json")
KREMLIN = Path("realtext/kremlin_en_news/kremlin_en_news.jsonl")
RU_LINKS = ROOT / "benchmarks" / "data" / "actors_ru_links.tsv"
# Redline's mentions that are not names: demonyms, role titles, events and weapon systems
# (the Russian gold scores names as NER, the rest for linking only).
NOT_NAMES = ("demonym", "role", "event", "weapon")
BOOTSTRAP = 2000
SEED = 15
# spaCy's entities that may name an actor, as candidates for the linking baseline.
ENTITY_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")


@dataclass(frozen=True)
class Mention:
    """One span a system found: Redline's actor mention or spaCy's entity."""

    start: int
    end: int
    label: str
    entry: str | None  # the gazetteer id it is linked to; None when unlinked


@dataclass(frozen=True)
class Text:
    """One analysed text with both systems' mentions."""

    text: str
    redline: tuple[Mention, ...]
    spacy: tuple[Mention, ...]


# -- reading the gold --------------------------------------------------------------------------


def read_conll(path: Path) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Sentences as (text, gold spans) from `token label` lines."""
    sentences, tokens, labels = [], [], []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = line.strip()
        if line:
            token, _, label = line.rpartition(" ")
            tokens.append(token)
            labels.append(label)
            continue
        if tokens:
            sentences.append(_sentence(tokens, labels))
        tokens, labels = [], []
    return sentences


def _sentence(tokens: list[str], labels: list[str]) -> tuple[str, list[tuple[int, int, str]]]:
    text, spans, offset, current = "", [], 0, None
    for token, label in zip(tokens, labels, strict=True):
        start = offset
        text += token + " "
        offset = len(text)
        end = start + len(token)
        if label.startswith("B-") or (label.startswith("I-") and current is None):
            current = [start, end, label[2:]]
            spans.append(current)
        elif label.startswith("I-") and current is not None:
            current[1] = end
        else:
            current = None
    return text.rstrip(), [tuple(span) for span in spans]  # type: ignore[misc]


def read_gsr(
    path: Path, codes: dict[str, str]
) -> tuple[list[tuple[str, list[tuple[int, int, str]]]], dict[str, int]]:
    """PLOVER's records as (text, [(start, end, gazetteer id of the actor's country)]), and how
    many actors were left out (a code naming no country, or words not found in the text)."""
    records = json.loads(path.read_text(encoding="utf-8"))
    out, left_out = [], {"no country": 0, "words not in text": 0}
    for record in records:
        if record.get("event") == "DOCUMENT":
            continue
        text, gold = record["text"], []
        for side in ("source", "target"):
            actors = record.get(side) or []
            for actor in [actors] if isinstance(actors, dict) else actors:
                if not isinstance(actor, dict):
                    continue
                country = codes.get(str(actor.get("code")))
                if country is None:
                    left_out["no country"] += 1
                    continue
                # "U.S. ... negotiators": the words before the ellipsis name the country.
                words = re.split(r"\s*\.\.\.?\s*", str(actor["actorText"]).strip())[0].strip()
                start = text.find(words) if words else -1
                if start < 0:
                    left_out["words not in text"] += 1
                    continue
                gold.append((start, start + len(words), country))
        out.append((text, sorted(set(gold))))
    return out, left_out


def read_links(path: Path) -> list[tuple[str, str, int, int, str, str]]:
    """The standoff gold: (doc id, text sha256 prefix, start, end, gold id or NIL, candidate)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("doc_id\t"):
            continue
        doc_id, digest, start, end, gold, candidate = line.split("\t")
        rows.append((doc_id, digest, int(start), int(end), gold, candidate))
    return rows


def kremlin_documents(path: Path, wanted: set[str]) -> dict[str, dict[str, Any]]:
    found = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["id"] in wanted:
                found[record["id"]] = record
    return found


def digest(parts: Iterable[str]) -> str:
    """SHA-256 over the parts, each ended by a NUL: what a gate pins."""
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part.encode("utf-8") + b"\0")
    return hasher.hexdigest()


# -- running both systems ----------------------------------------------------------------------


def analyse(texts: Sequence[str], dates: Sequence[str | None] | None = None) -> list[Text]:
    """Redline's actors layer and spaCy's entities for each text, from one parse of it."""
    nlp = load_pipeline()
    pipeline = Pipeline.from_names(["structure", "actors"])
    pipeline.initialize()
    dates = dates or [None] * len(texts)
    out = []
    for text, date, parsed in zip(texts, dates, parse_many(nlp, texts), strict=True):
        context = AnalysisContext(text=text, preparsed=parsed)
        document = pipeline.run(Document.from_text(text, Metadata(date=date)), context)
        redline = tuple(
            Mention(s.start, s.end, s.label, s.attrs["actor_id"] if s.attrs.get("linked") else None)
            for s in document.layer("actors")
        )
        spacy = tuple(Mention(e.start_char, e.end_char, e.label_, None) for e in parsed.ents)
        out.append(Text(text, redline, spacy))
    return out


class ExactName:
    """spaCy alone's linking: an entity's words looked up by exact canonical name."""

    def __init__(self, gazetteer: Gazetteer):
        self._by_name: dict[str, list[str]] = {}
        for entry in gazetteer.entries.values():
            self._by_name.setdefault(entry.name.casefold(), []).append(entry.id)

    def __call__(self, words: str) -> str | None:
        words = re.sub(r"^the\s+|['\u2019]s$", "", " ".join(words.split()), flags=re.IGNORECASE)
        ids = self._by_name.get(words.casefold(), [])
        return ids[0] if len(ids) == 1 else None


# -- bootstrap ---------------------------------------------------------------------------------


def bootstrap(
    counts: npt.NDArray[np.float64],
    statistic: Callable[[npt.NDArray[np.float64]], npt.NDArray[np.float64]],
    rounds: int = BOOTSTRAP,
) -> tuple[float, float]:
    """95% percentile interval of ``statistic`` over units (rows of ``counts``, one per
    sentence or document) drawn with replacement; ``statistic`` maps summed counts (rounds x
    columns) to one value per round."""
    rng = np.random.default_rng(SEED)
    draws = rng.integers(0, len(counts), size=(rounds, len(counts)))
    values = statistic(counts[draws].sum(axis=1))
    low, high = np.percentile(values, [2.5, 97.5])
    return float(low), float(high)


def _ratio(a: npt.NDArray[np.float64], b: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    return np.where(b > 0, a / np.maximum(b, 1e-12), 0.0)


def _f1(sums: npt.NDArray[np.float64], offset: int = 0) -> npt.NDArray[np.float64]:
    """F1 from (gold, gold hit, found, found hit) columns starting at ``offset``."""
    recall = _ratio(sums[..., offset + 1], sums[..., offset])
    precision = _ratio(sums[..., offset + 3], sums[..., offset + 2])
    return _ratio(2 * precision * recall, precision + recall)


# -- 1: spans ----------------------------------------------------------------------------------


def overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def span_counts(
    items: Sequence[tuple[list[tuple[int, int, str]], Sequence[Mention]]], labels: set[str]
) -> npt.NDArray[np.float64]:
    """Per sentence: gold spans, gold spans recalled, mentions, mentions precise."""
    rows = []
    for gold, mentions in items:
        kept = [(m.start, m.end) for m in mentions if m.label in labels]
        gold_spans = [(s, e) for s, e, _ in gold]
        rows.append(
            (
                len(gold),
                sum(overlaps(s, e, kept) for s, e in gold_spans),
                len(kept),
                sum(overlaps(s, e, gold_spans) for s, e in kept),
            )
        )
    return np.asarray(rows, dtype=np.float64).reshape(-1, 4)


def tune_labels(
    items: Sequence[tuple[list[tuple[int, int, str]], Sequence[Mention]]],
) -> set[str]:
    """Drop labels one at a time (the drop that raises train F1 most) while F1 rises."""
    labels = {m.label for _, mentions in items for m in mentions}
    score = float(_f1(span_counts(items, labels).sum(axis=0)))
    while len(labels) > 1:
        trials = {
            label: float(_f1(span_counts(items, labels - {label}).sum(axis=0)))
            for label in sorted(labels)
        }
        label, best = max(trials.items(), key=lambda item: (item[1], item[0]))
        if best <= score + 1e-9:
            break
        labels, score = labels - {label}, best
    return labels


def spans_section(data: Path) -> tuple[list[str], dict[str, Any]]:
    train = read_conll(data / CAMEO / "train.txt")
    test = read_conll(data / CAMEO / "test.txt")
    analysed = analyse([t for t, _ in train] + [t for t, _ in test])
    train_items = {
        "redline": [(g, a.redline) for (_, g), a in zip(train, analysed, strict=False)],
        "spacy": [(g, a.spacy) for (_, g), a in zip(train, analysed, strict=False)],
    }
    test_analysed = analysed[len(train) :]
    test_items = {
        "redline": [(g, a.redline) for (_, g), a in zip(test, test_analysed, strict=True)],
        "spacy": [(g, a.spacy) for (_, g), a in zip(test, test_analysed, strict=True)],
    }
    every = {name: {m.label for _, ms in items for m in ms} for name, items in test_items.items()}
    tuned = {name: tune_labels(items) for name, items in train_items.items()}
    rows = [
        ("Redline, every mention (untuned)", "redline", every["redline"]),
        ("Redline, gazetteer-linked mentions only", "redline-linked", every["redline"]),
        ("spaCy alone, every entity (untuned)", "spacy", every["spacy"]),
        ("Redline, labels tuned on train", "redline", tuned["redline"]),
        ("spaCy alone, labels tuned on train", "spacy", tuned["spacy"]),
    ]
    linked_items = [
        (g, tuple(m for m in ms if m.entry is not None)) for g, ms in test_items["redline"]
    ]
    counts = {}
    lines = [
        "| System | Labels | Mentions | Recall | Precision | F1 | F1 95% interval |",
        "|---|---|---|---|---|---|---|",
    ]
    scores: dict[str, Any] = {}
    for title, key, labels in rows:
        items = linked_items if key == "redline-linked" else test_items[key]
        table = span_counts(items, labels)
        counts[title] = table
        sums = table.sum(axis=0)
        recall, precision = sums[1] / sums[0], (sums[3] / sums[2] if sums[2] else 0.0)
        f1 = float(_f1(sums))
        low, high = bootstrap(table, _f1)
        shown = "all" if labels == every[key.split("-")[0]] else ", ".join(sorted(labels))
        lines.append(
            f"| {title} | {shown} | {int(sums[2]):,} | {recall:.3f} | {precision:.3f} | "
            f"**{f1:.3f}** | {low:.3f}-{high:.3f} |"
        )
        scores[title] = {"recall": recall, "precision": precision, "f1": f1}
    paired = np.hstack(
        [counts["Redline, labels tuned on train"], counts["spaCy alone, labels tuned on train"]]
    )
    difference = float(_f1(paired.sum(axis=0)) - _f1(paired.sum(axis=0), 4))
    low, high = bootstrap(paired, lambda s: _f1(s) - _f1(s, 4))
    gold_total = int(sum(len(g) for _, g in test))
    header = [
        "## 1. Spans: ConfliBERT CAMEO actor spans (overlap match)",
        "",
        f"Test split: {len(test)} sentences, {gold_total} gold source/target/reciprocal "
        f"spans; labels tuned on the train split ({len(train)} sentences) by dropping one "
        "label at a time while F1 rises, for both systems alike. Intervals: "
        f"{BOOTSTRAP} bootstrap resamples of the test sentences. Tuned Redline minus tuned "
        "spaCy, F1: "
        f"{difference:+.3f} (paired interval {low:+.3f} to {high:+.3f}).",
        "",
    ]
    scores["tuned f1 difference"] = difference
    return header + lines + [""], scores


# -- 2 and 3: linking --------------------------------------------------------------------------


def best_cover(start: int, end: int, mentions: Iterable[Mention]) -> Mention | None:
    """The mention whose characters best match ``[start, end)`` (Jaccard), if any overlaps."""
    best, best_score = None, 0.0
    for mention in mentions:
        inter = min(end, mention.end) - max(start, mention.start)
        if inter <= 0:
            continue
        score = inter / (max(end, mention.end) - min(start, mention.start))
        if score > best_score:
            best, best_score = mention, score
    return best


def country_of(gazetteer: Gazetteer, entry: str | None) -> str | None:
    """The state an entry belongs to (itself for a state); a place of no state is itself."""
    if entry is None:
        return None
    return gazetteer.state_of(entry) or entry


@dataclass
class Linked:
    """One system's reading of one gold mention."""

    entry: str | None
    found: bool  # any mention overlapped the gold words


def link_redline(text: Text, start: int, end: int) -> Linked:
    mention = best_cover(start, end, text.redline)
    return Linked(mention.entry if mention else None, mention is not None)


def link_spacy(text: Text, start: int, end: int, exact: ExactName) -> Linked:
    mention = best_cover(start, end, [m for m in text.spacy if m.label in ENTITY_LABELS])
    if mention is None:
        return Linked(None, False)
    return Linked(exact(text.text[mention.start : mention.end]), True)


def accuracy_table(
    outcomes: dict[str, list[list[bool]]], labels: dict[str, str]
) -> tuple[list[str], dict[str, tuple[float, float, float]]]:
    """Rows of accuracy with intervals per system; ``outcomes[system]`` holds, per unit, the
    correctness of each gold mention in it."""
    scores = {}
    lines = []
    for key, title in labels.items():
        table = np.asarray([(sum(unit), len(unit)) for unit in outcomes[key]], dtype=np.float64)
        value = float(table[:, 0].sum() / table[:, 1].sum())
        low, high = bootstrap(table, lambda s: _ratio(s[..., 0], s[..., 1]))
        scores[key] = (value, low, high)
        lines.append(
            f"| {title} | {int(table[:, 0].sum())}/{int(table[:, 1].sum())} | **{value:.3f}** | "
            f"{low:.3f}-{high:.3f} |"
        )
    return lines, scores


def paired_difference(
    first: list[list[bool]], second: list[list[bool]]
) -> tuple[float, float, float]:
    table = np.asarray(
        [(sum(a), len(a), sum(b), len(b)) for a, b in zip(first, second, strict=True)],
        dtype=np.float64,
    )
    sums = table.sum(axis=0)

    def statistic(s: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return _ratio(s[..., 0], s[..., 1]) - _ratio(s[..., 2], s[..., 3])

    return (float(statistic(sums)), *bootstrap(table, statistic))


def gsr_section(
    data: Path, codes_path: Path, gazetteer: Gazetteer
) -> tuple[list[str], dict[str, Any]]:
    codes = {str(k): str(v) for k, v in yaml.safe_load(codes_path.read_text("utf-8")).items()}
    records, left_out = read_gsr(data / GSR, codes)
    records = [(text, gold) for text, gold in records if gold]
    analysed = analyse([text for text, _ in records])
    exact = ExactName(gazetteer)
    outcomes: dict[str, list[list[bool]]] = {"redline": [], "spacy": []}
    kinds: dict[str, dict[str, int]] = {"redline": {}, "spacy": {}}
    for (_, gold), text in zip(records, analysed, strict=True):
        for key in outcomes:
            unit = []
            for start, end, country in gold:
                read = (
                    link_redline(text, start, end)
                    if key == "redline"
                    else link_spacy(text, start, end, exact)
                )
                got = country_of(gazetteer, read.entry)
                unit.append(got == country)
                kind = (
                    "right country"
                    if got == country
                    else "wrong country"
                    if got is not None and gazetteer[got].type == "state"
                    else "linked, no country"
                    if read.entry is not None
                    else "found, unlinked"
                    if read.found
                    else "not found"
                )
                kinds[key][kind] = kinds[key].get(kind, 0) + 1
            outcomes[key].append(unit)
    lines, scores = accuracy_table(
        outcomes,
        {"redline": "Redline actors layer", "spacy": "spaCy alone + exact-name lookup"},
    )
    total = sum(len(unit) for unit in outcomes["redline"])
    difference = paired_difference(outcomes["redline"], outcomes["spacy"])
    order = ("right country", "wrong country", "linked, no country", "found, unlinked", "not found")
    return [
        "## 2. Country linking: PLOVER gold-standard records (CAMEO manual sentences)",
        "",
        f"{len(records)} sentences, {total} source/target actors coded with a country "
        f"({left_out['no country']} actors coded IGO, NGO, IMG or ISM and "
        f"{left_out['words not in text']} whose words are not in the sentence are left out). "
        "Undated sentences, so a role title resolves to a holder of any date; only the country "
        "is scored. CAMEO codes an actor by the country it acts in (ethnic Albanians of southern "
        "Serbia: SRB), so a demonym linked to its own state (Albania) counts as wrong. "
        f"Intervals: {BOOTSTRAP} bootstrap resamples of the sentences.",
        "",
        "| System | Right country | Accuracy | 95% interval |",
        "|---|---|---|---|",
        *lines,
        "",
        f"Redline minus spaCy alone: {difference[0]:+.3f} (paired interval {difference[1]:+.3f} to "
        f"{difference[2]:+.3f}). Outcomes (Redline / spaCy alone): "
        + "; ".join(f"{k} {kinds['redline'].get(k, 0)} / {kinds['spacy'].get(k, 0)}" for k in order)
        + ".",
        "",
    ], {key: value for key, value in scores.items()} | {"difference": difference}


def written_as(gazetteer: Gazetteer, words: str, gold: str, candidate: str) -> str:
    """How a gold mention is written: name, alias, demonym, metonym, role title, surname, other."""
    if gold == "NIL":
        return "NIL (not in the gazetteer)"
    if candidate == "title":
        return "role title"
    words = re.sub(
        r"^(?:the|mr|ms|mrs)\s+|['\u2019]s$", "", " ".join(words.split()), flags=re.IGNORECASE
    )
    entry = gazetteer[gold]
    for form, how in entry.surface_forms():
        if form.casefold() == words.casefold():
            return how
    if entry.type == "person" and words.casefold() == entry.name.split()[-1].casefold():
        return "surname"
    return "other"


def kremlin_section(
    data: Path, links_path: Path, gazetteer: Gazetteer
) -> tuple[list[str], dict[str, Any]]:
    links = read_links(links_path)
    records = kremlin_documents(data / KREMLIN, {doc_id for doc_id, *_ in links})
    order = list(dict.fromkeys(doc_id for doc_id, *_ in links))
    for doc_id, expected, *_ in links:
        text = records[doc_id]["text"]
        if hashlib.sha256(text.encode("utf-8")).hexdigest()[:16] != expected:
            raise SystemExit(f"{doc_id}: its text no longer matches the gold's sha256 {expected}")
    analysed = dict(
        zip(
            order,
            analyse([records[i]["text"] for i in order], [records[i]["date"] for i in order]),
            strict=True,
        )
    )
    exact = ExactName(gazetteer)
    outcomes: dict[str, list[list[bool]]] = {"redline": [], "spacy": []}
    by_kind: dict[str, dict[str, list[int]]] = {"redline": {}, "spacy": {}}
    for doc_id in order:
        text = analysed[doc_id]
        units: dict[str, list[bool]] = {"redline": [], "spacy": []}
        for _, _, start, end, gold, candidate in (row for row in links if row[0] == doc_id):
            kind = written_as(gazetteer, text.text[start:end], gold, candidate)
            for key in units:
                read = (
                    link_redline(text, start, end)
                    if key == "redline"
                    else link_spacy(text, start, end, exact)
                )
                right = read.entry is None if gold == "NIL" else read.entry == gold
                units[key].append(right)
                tally = by_kind[key].setdefault(kind, [0, 0])
                tally[0] += right
                tally[1] += 1
        for key in units:
            outcomes[key].append(units[key])
    lines, scores = accuracy_table(
        outcomes,
        {"redline": "Redline actors layer", "spacy": "spaCy alone + exact-name lookup"},
    )
    in_kb = sum(1 for row in links if row[4] != "NIL")
    difference = paired_difference(outcomes["redline"], outcomes["spacy"])
    kinds = sorted(
        by_kind["redline"], key=lambda k: (k.startswith("NIL"), -by_kind["redline"][k][1])
    )
    breakdown = [
        "| Written as | Mentions | Redline | spaCy alone + exact name |",
        "|---|---|---|---|",
        *[
            f"| {k} | {n} | {right / n:.3f} | {by_kind['spacy'][k][0] / n:.3f} |"
            for k in kinds
            for right, n in [by_kind["redline"][k]]
        ],
    ]
    return [
        "## 3. Entry linking on real text: 30 kremlin.ru news items, hand-annotated",
        "",
        f"{len(links)} gold mentions in {len(order)} dated documents: {in_kb} of a gazetteer "
        f"entry, {len(links) - in_kb} NIL (an actor the gazetteer lacks: right when left "
        "unlinked). A mention is right when the best-covering mention is linked to the gold "
        "entry. The gold was written for this benchmark by one annotator, from candidates "
        "found without Redline (see `benchmarks/data/actors_kremlin_links.tsv`); it is small, "
        "and one annotator's reading. "
        f"Intervals: {BOOTSTRAP} bootstrap resamples of the documents.",
        "",
        "| System | Right | Accuracy | 95% interval |",
        "|---|---|---|---|",
        *lines,
        "",
        f"Redline minus spaCy alone: {difference[0]:+.3f} (paired interval {difference[1]:+.3f} to "
        f"{difference[2]:+.3f}). By how the gold mention is written (accuracy):",
        "",
        *breakdown,
        "",
    ], {key: value for key, value in scores.items()} | {
        "difference": difference,
        "by kind": {k: by_kind["redline"][k] for k in kinds},
    }


# -- Russian: NER and linking on hand-annotated sentences -----------------------------------------


@dataclass(frozen=True)
class GoldSentence:
    """One scored sentence of the Russian gold and the mentions annotated in it."""

    dataset: str
    doc_id: str
    sha256: str
    start: int
    end: int
    mentions: tuple[tuple[int, int, str, str], ...]  # start, end, type, gold id or NIL


def read_russian(path: Path = RU_LINKS) -> list[GoldSentence]:
    """The Russian gold: sentences (SENT rows) with the mention rows that follow each."""
    sentences: list[GoldSentence] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("dataset\t"):
            continue
        dataset, doc_id, digest_, start, end, kind, gold = line.split("\t")
        if kind == "SENT":
            sentences.append(GoldSentence(dataset, doc_id, digest_, int(start), int(end), ()))
            continue
        last = sentences[-1]
        mention = (int(start) - last.start, int(end) - last.start, kind, gold)
        sentences[-1] = GoldSentence(**{**last.__dict__, "mentions": (*last.mentions, mention)})
    return sentences


def russian_texts(sentences: Sequence[GoldSentence], data: Path = DATA) -> list[str]:
    """Each gold sentence's text, its document checked against the gold's digest first."""
    from escalation_sources import document  # benchmarks/ is on sys.path beside this file

    texts = []
    for sentence in sentences:
        text = document(sentence.dataset, sentence.doc_id, data).text
        if hashlib.sha256(text.encode("utf-8")).hexdigest()[:16] != sentence.sha256:
            raise SystemExit(f"{sentence.doc_id}: its text no longer matches the gold's sha256")
        texts.append(text[sentence.start : sentence.end])
    return texts


def analyse_russian(texts: Sequence[str], gazetteer: Gazetteer) -> list[Text]:
    """Redline's actors layer and slovnet's entities (linked by exact alias) for each text,
    from one Russian parse of it. Redline's labels are ``match/type``."""
    nlp = load_pipeline(None, "ru")
    pipeline = Pipeline.from_names(["structure", "actors"])
    pipeline.initialize()
    out = []
    for text, parsed in zip(texts, parse_many(nlp, texts), strict=True):
        context = AnalysisContext(text=text, preparsed=parsed, language="ru")
        document = pipeline.run(Document.from_text(text, Metadata(language="ru")), context)
        redline = tuple(
            Mention(s.start, s.end, f"{s.attrs['match']}/{s.attrs['type']}",
                    s.attrs["actor_id"] if s.attrs.get("linked") else None)
            for s in document.layer("actors")
        )  # fmt: skip
        baseline = tuple(
            Mention(e.start_char, e.end_char, e.label_, exact_alias(gazetteer, e.text))
            for e in parsed.ents
        )
        out.append(Text(text, redline, baseline))
    return out


def exact_alias(gazetteer: Gazetteer, words: str) -> str | None:
    """The one entry whose name, alias or metonym is ``words`` as written (case aside)."""
    ids = {entry.id for entry in gazetteer.named(" ".join(words.split()))}
    return next(iter(ids)) if len(ids) == 1 else None


RU_COLUMNS = ("ner gold", "ner recalled", "ner found", "ner precise", "link gold",
              "link recalled", "link found", "link precise", "nil gold", "nil right")  # fmt: skip


def russian_counts(sentence: GoldSentence, mentions: Sequence[Mention], system: str) -> list[int]:
    """One sentence's counts, in the order of :data:`RU_COLUMNS`."""
    gold = sentence.mentions
    names = [(s, e) for s, e, kind, _ in gold if kind in ("PER", "LOC", "ORG")]
    others = [(s, e) for s, e, kind, _ in gold if kind not in ("PER", "LOC", "ORG")]
    if system == "redline":
        mentions = [m for m in mentions if not m.label.startswith("role/")]
        found = [m for m in mentions if not any(k in m.label for k in NOT_NAMES)]
    else:
        found = list(mentions)
    # A name mention over a demonym or an event is neither right nor wrong as NER.
    found = [
        m for m in found if overlaps(m.start, m.end, names) or not overlaps(m.start, m.end, others)
    ]
    spans = [(m.start, m.end) for m in found]
    linked_gold = [(s, e, g) for s, e, _, g in gold if g != "NIL"]
    nil_gold = [(s, e) for s, e, _, g in gold if g == "NIL"]
    linked = [m for m in mentions if m.entry is not None]
    covers = [best_cover(s, e, mentions) for s, e, _ in linked_gold]
    recalled = [
        c is not None and c.entry == g for c, (*_, g) in zip(covers, linked_gold, strict=True)
    ]
    precise = [any(s < m.end and m.start < e and g == m.entry for s, e, g in linked_gold)
               for m in linked]  # fmt: skip
    nil_covers = [best_cover(s, e, mentions) for s, e in nil_gold]
    return [
        len(names),
        sum(overlaps(s, e, spans) for s, e in names),
        len(found),
        sum(overlaps(m.start, m.end, names) for m in found),
        len(linked_gold),
        sum(recalled),
        len(linked),
        sum(precise),
        len(nil_gold),
        sum(c is None or c.entry is None for c in nil_covers),
    ]  # fmt: skip


def russian_scores(
    sentences: Sequence[GoldSentence], analysed: Sequence[Text]
) -> tuple[dict[str, dict[str, tuple[float, float, float]]], dict[str, float]]:
    """Per system: NER and linking precision and recall, NIL accuracy, each with its 95%
    bootstrap interval over sentences; and the gold's counts."""
    measures = {
        "NER recall": (1, 0), "NER precision": (3, 2), "linking recall": (5, 4),
        "linking precision": (7, 6), "NIL left unlinked": (9, 8),
    }  # fmt: skip
    scores: dict[str, dict[str, tuple[float, float, float]]] = {}
    for system in ("redline", "spacy"):
        rows = [
            russian_counts(s, t.redline if system == "redline" else t.spacy, system)
            for s, t in zip(sentences, analysed, strict=True)
        ]
        counts = np.asarray(rows, dtype=np.float64)
        sums = counts.sum(axis=0)
        scores[system] = {}
        for name, (hit, total) in measures.items():

            def statistic(
                drawn: npt.NDArray[np.float64], hit: int = hit, total: int = total
            ) -> npt.NDArray[np.float64]:
                return _ratio(drawn[..., hit], drawn[..., total])

            low, high = bootstrap(counts, statistic)
            scores[system][name] = (float(sums[hit] / max(sums[total], 1)), low, high)
        if system == "redline":
            gold = {c: float(v) for c, v in zip(RU_COLUMNS, sums, strict=True) if "gold" in c}
    return scores, gold


def russian_section(data: Path, links: Path, gazetteer: Gazetteer) -> list[str]:
    sentences = read_russian(links)
    started = time.perf_counter()
    analysed = analyse_russian(russian_texts(sentences, data), gazetteer)
    seconds = time.perf_counter() - started
    scores, counts = russian_scores(sentences, analysed)
    names = {"redline": "Redline actors layer (Russian pipeline)",
             "spacy": "slovnet NER alone + exact alias lookup"}  # fmt: skip
    lines = [
        "| System | " + " | ".join(scores["redline"]) + " |",
        "|---|" + "---|" * len(scores["redline"]),
    ]
    for system, label in names.items():
        cells = [
            f"{value:.3f} ({low:.3f}–{high:.3f})" for value, low, high in scores[system].values()
        ]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return [
        "# Actors in Russian", "",
        "Command: `nice python benchmarks/actors_benchmark.py --russian` (defaults: `--data "
        "../shared/data`, `--russian-links benchmarks/data/actors_ru_links.tsv`). "
        f"{dt.date.today().isoformat()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs (shared), gazetteer of {len(gazetteer):,} entries; "
        f"parsing and analysis took {seconds:.0f} s.", "",
        f"Gold: {len(sentences)} Russian sentences (SemEval-2023 Task 3 news, ru_zen_prop blog "
        "posts; none from a document with an escalation test passage), hand-annotated for "
        f"this benchmark: {counts['ner gold']:.0f} names (PER, LOC, ORG) scored as NER; "
        f"{counts['link gold']:.0f} mentions of a gazetteer entry and {counts['nil gold']:.0f} "
        "NIL mentions (names, demonyms, events, weapon systems) scored for linking. Guidelines "
        "and sampling: `benchmarks/data/actors_ru.md`. NER: a gold name is recalled when a "
        "mention overlaps it; a mention is precise when it overlaps a gold name. Linking: a gold "
        "mention is recalled when the mention that best covers it is linked to its entry; a "
        "linked mention is precise when it overlaps a gold mention of the same entry; NIL "
        "mentions are right when left unlinked. Redline's role titles are not scored (the "
        "sentences are undated). Values with 95% intervals from "
        f"{BOOTSTRAP} bootstrap resamples of the sentences.", "",
        *lines, "",
        "The baseline reads the same parse: slovnet's PER/LOC/ORG entities, each looked up as "
        "written (case aside) among the gazetteer's names, aliases and metonyms in every "
        "language; a form several entries share stays unlinked. What Redline adds is lemma "
        "matching of the Cyrillic forms (every case of a name), demonyms, context resolution of "
        "shared forms, and gazetteer names NER misses.", "",
    ]  # fmt: skip


# -- 4: speed ----------------------------------------------------------------------------------


def speed(corpus: Path, words: int) -> dict[str, float]:
    texts, count = [], 0
    for path in sorted(corpus.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        texts.append(text)
        count += len(text.split())
        if count >= words:
            break
    nlp = load_pipeline()
    structure = Pipeline.from_names(["structure"])
    linking = Pipeline.from_names(["structure", "actors", "groups", "alignment"])
    linking.initialize()
    analyzers = linking.analyzers[1:]
    spacy_seconds = analyzers_seconds = 0.0
    for text in texts:
        started = time.perf_counter()
        parsed = parse(nlp, text)
        spacy_seconds += time.perf_counter() - started
        context = AnalysisContext(text=text, preparsed=parsed)
        document = structure.run(Document.from_text(text), context)
        started = time.perf_counter()
        for analyzer in analyzers:
            document = merge_output(document, analyzer, analyzer.analyze(document, context))
        analyzers_seconds += time.perf_counter() - started
    return {
        "documents": len(texts), "words": count,
        "spaCy words/s": count / spacy_seconds,
        "actors+groups+alignment words/s": count / analyzers_seconds,
        "overhead vs spaCy": analyzers_seconds / spacy_seconds,
        "peak RSS MB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }  # fmt: skip


def _table(rows: dict[str, float]) -> str:
    lines = ["| measure | value |", "|---|---|"]
    for key, value in rows.items():
        shown = f"{value:.3f}" if isinstance(value, float) and value < 10 else f"{value:,.0f}"
        lines.append(f"| {key} | {shown} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DATA, help="the shared datasets folder")
    parser.add_argument("--links", type=Path, default=LINKS, help="the entry-linking gold")
    parser.add_argument("--codes", type=Path, default=CODES, help="CAMEO code -> gazetteer id")
    parser.add_argument("--words", type=int, default=200_000)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/actors.md")
    parser.add_argument(
        "--russian", action="store_true", help="run the Russian section only (its own report)"
    )
    parser.add_argument("--russian-links", type=Path, default=RU_LINKS)
    parser.add_argument(
        "--russian-out", type=Path, default=ROOT / "benchmarks/results/russian_actors.md"
    )
    args = parser.parse_args()
    gazetteer = Gazetteer.load()
    if args.russian:
        report = russian_section(args.data, args.russian_links, gazetteer)
        args.russian_out.write_text("\n".join(report), encoding="utf-8")
        print("\n".join(report))
        return
    started = time.perf_counter()
    spans, _ = spans_section(args.data)
    countries, _ = gsr_section(args.data, args.codes, gazetteer)
    entries, _ = kremlin_section(args.data, args.links, gazetteer)
    accuracy_seconds = time.perf_counter() - started
    speed_rows = speed(args.data / "propaganda/ptc/train-articles", args.words)
    shown = "" if args.words == 200_000 else f" --words {args.words}"
    report = [
        "# Actors benchmark", "",
        f"Command: `nice python benchmarks/actors_benchmark.py{shown}` (defaults: "
        "`--data ../shared/data`, `--links benchmarks/data/actors_kremlin_links.tsv`, "
        "`--codes benchmarks/data/actors_cameo_countries.yaml`). "
        f"{dt.date.today().isoformat()}, Python {platform.python_version()}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs (shared; load average {os.getloadavg()[0]:.1f} at the end), "
        f"gazetteer of {len(gazetteer):,} entries; sections 1-3 took {accuracy_seconds:.0f} s.", "",
        "What it measures: the actors layer beside spaCy's entities alone, on spans (1), on the "
        "country an actor belongs to (2), and on the exact gazetteer entry (3); spaCy alone has "
        "no knowledge base, so its linking rows take the entity (PERSON, ORG, GPE, NORP, LOC or "
        "FAC) that best covers the gold words and look its words up by exact canonical name. "
        "Redline is scored on every mention of its layer, as shipped. Sections 2 and 3 are what "
        "the gazetteer adds; section 1 shows that finding the spans is spaCy's work.", "",
        *spans, *countries, *entries,
        "## 4. Speed (one process, this machine)", "",
        f"The first {speed_rows['documents']:.0f} PTC training articles "
        f"(`propaganda/ptc/train-articles`), {speed_rows['words']:,.0f} words.", "",
        _table(speed_rows), "",
    ]  # fmt: skip
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(report), encoding="utf-8")
    print("\n".join(report))


if __name__ == "__main__":
    main()
