"""Quality gate: the shipped incitement model and the incitement layer's rules, on data never
trained on.

The model is trained on all of ETHOS, Davidson and OLID's training file, so its gate reads the
OLID level A test set (860 tweets) and HateCheck (3,728 cases), as sections 3 and 4 of
``benchmarks/results/incitement.md`` do. The layer (cues over the parse, corroborated by the
model) is gated where its rules are meant to act: HateCheck's threats, which it must flag as
calls or threats, and the contrasts (counter-speech, quotation, negation, reference to hate),
where it must not fire on the non-hateful cases; and on the OLID test tweets, where it must stay
almost silent on inoffensive ones. Each set's SHA-256 (ids or functionalities, texts, labels) is
checked first. The floors sit a little under the figures measured when they were pinned;
re-pinning is an explicit edit here, never a way to pass. Needs ``../shared/data/incitement``
(skipped without it).
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from redline.incitement.datasets import DEFAULT_ROOT, incitement_root  # noqa: E402

OLID_SHA256 = "42bea76c9f3add4ec18084d01c1b3642fb0242d4e4ebd1cc3cbab212ecca5fb5"
HATECHECK_SHA256 = "bb10a3afc19b35707ed893d3083d29dd32714c65d135f7e957ad0a2dd01f4648"
# Measured 2026-12-05 with the shipped model (thresholds hate 0.26, violence 0.11): OLID test F1
# (OFF) 0.538, macro-F1 0.678; HateCheck accuracy 0.655. The layer: threats flagged 0.791,
# labelled call_to_violence or threat 0.788; non-hateful contrasts left alone 0.969 (447 cases);
# hateful contrasts flagged 0.308 (413); OLID test: 0 of 620 inoffensive tweets flagged, 5 of 240
# offensive ones.
MODEL_FLOORS = {"olid_f1_off": 0.52, "olid_macro_f1": 0.66, "hatecheck_accuracy": 0.63}
LAYER_FLOORS = {
    "threats_flagged": 0.76,
    "threats_labelled_violent": 0.76,
    "nonhateful_contrasts_left_alone": 0.95,
    "hateful_contrasts_flagged": 0.28,
    "olid_offensive_flagged": 3 / 240,
}
OLID_INOFFENSIVE_FLAGGED_CEILING = 3
VIOLENT = {"call_to_violence", "threat"}

pytestmark = pytest.mark.skipif(
    not (incitement_root(DEFAULT_ROOT) / "hatecheck").is_dir(),
    reason=f"the incitement corpora are not under {DEFAULT_ROOT}",
)


def digest(rows: Iterable[str]) -> str:
    """SHA-256 over the rows, each ended by a NUL."""
    hasher = hashlib.sha256()
    for row in rows:
        hasher.update(row.encode("utf-8") + b"\0")
    return hasher.hexdigest()


@pytest.fixture(scope="module")
def sets() -> dict[str, Any]:
    from incitement_benchmark import CONTRASTS, THREAT, olid_test_rows

    from redline.incitement.datasets import load_hatecheck

    olid = olid_test_rows(DEFAULT_ROOT)
    hatecheck = load_hatecheck(DEFAULT_ROOT)
    return {
        "olid": olid,
        "hatecheck": hatecheck,
        "layer": [c for c in hatecheck if c.functionality in (*THREAT, *CONTRASTS)],
        "threat": THREAT,
        "olid_digest": digest(f"{i}\t{t}\t{y}" for i, t, y in olid),
        "hatecheck_digest": digest(f"{c.functionality}\t{c.text}\t{c.hateful}" for c in hatecheck),
    }


def test_incitement_quality_gate_sets_are_the_pinned_ones(sets: dict[str, Any]) -> None:
    assert (sets["olid_digest"], sets["hatecheck_digest"]) == (OLID_SHA256, HATECHECK_SHA256), (
        "the OLID test set or HateCheck changed; check them, then re-pin the digests (now "
        f"{sets['olid_digest']}, {sets['hatecheck_digest']}) and the floors explicitly"
    )


def test_incitement_quality_gate_model(sets: dict[str, Any]) -> None:
    assert (sets["olid_digest"], sets["hatecheck_digest"]) == (OLID_SHA256, HATECHECK_SHA256)
    from incitement_benchmark import f1, macro_f1

    from redline.incitement.model import load_model

    model = load_model()
    hate = model.probabilities([text for _, text, _ in sets["olid"]])[:, 0]
    gold = [label for _, _, label in sets["olid"]]
    predicted = (hate >= model.thresholds["hate"]).astype(int).tolist()
    cases = sets["hatecheck"]
    scores = model.probabilities([c.text for c in cases])
    flagged = (scores[:, 0] >= model.thresholds["hate"]) | (
        scores[:, 1] >= model.thresholds["violence"]
    )
    measured = {
        "olid_f1_off": f1(gold, predicted)[2],
        "olid_macro_f1": macro_f1(gold, predicted),
        "hatecheck_accuracy": sum(
            bool(f) == c.hateful for f, c in zip(flagged.tolist(), cases, strict=True)
        )
        / len(cases),
    }
    below = {k: round(v, 3) for k, v in measured.items() if v < MODEL_FLOORS[k]}
    assert not below, f"below the floors {MODEL_FLOORS}: {below}"


def test_incitement_quality_gate_layer(sets: dict[str, Any]) -> None:
    assert (sets["olid_digest"], sets["hatecheck_digest"]) == (OLID_SHA256, HATECHECK_SHA256)
    from incitement_benchmark import PREREQUISITES

    from redline.analyzers.incitement import IncitementAnalyzer
    from redline.document import Document
    from redline.pipeline import Pipeline

    # The default pipeline's prerequisites, then the layer: as the benchmark's HateCheck section.
    pipeline = Pipeline([*Pipeline.from_names(list(PREREQUISITES)).analyzers, IncitementAnalyzer()])
    pipeline.initialize()

    def labels(texts: list[str]) -> list[set[str]]:
        found = []
        for document in pipeline.pipe(Document.from_text(t) for t in texts):
            assert isinstance(document, Document), f"the pipeline failed: {document}"
            found.append({s.label for s in document.layer("incitement")})
        return found

    cases = sets["layer"]
    found = labels([c.text for c in cases])
    threats = [f for c, f in zip(cases, found, strict=True) if c.functionality in sets["threat"]]
    contrasts = [
        (c, f) for c, f in zip(cases, found, strict=True) if c.functionality not in sets["threat"]
    ]
    calm = [f for c, f in contrasts if not c.hateful]
    hateful = [f for c, f in contrasts if c.hateful]
    olid = labels([text for _, text, _ in sets["olid"]])
    offensive = [bool(f) for (_, _, y), f in zip(sets["olid"], olid, strict=True) if y]
    inoffensive = [bool(f) for (_, _, y), f in zip(sets["olid"], olid, strict=True) if not y]
    measured = {
        "threats_flagged": sum(bool(f) for f in threats) / len(threats),
        "threats_labelled_violent": sum(bool(f & VIOLENT) for f in threats) / len(threats),
        "nonhateful_contrasts_left_alone": sum(not f for f in calm) / len(calm),
        "hateful_contrasts_flagged": sum(bool(f) for f in hateful) / len(hateful),
        "olid_offensive_flagged": sum(offensive) / len(offensive),
    }
    below = {k: round(v, 3) for k, v in measured.items() if v < LAYER_FLOORS[k]}
    assert not below, f"below the floors {LAYER_FLOORS}: {below}"
    assert sum(inoffensive) <= OLID_INOFFENSIVE_FLAGGED_CEILING, (
        f"{sum(inoffensive)} of {len(inoffensive)} inoffensive OLID tweets flagged; the ceiling "
        f"is {OLID_INOFFENSIVE_FLAGGED_CEILING}"
    )
