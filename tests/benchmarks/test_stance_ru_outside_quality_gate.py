"""Quality gate: Russian stance and level on real text outside the escalation corpus
(``benchmarks/stance_russian_outside.py``: Redline's claims on 290 windows of posts and
articles, each labelled blind by two annotators).

Rules were written while reading the set's dev part, so the gate holds what they do there; the
held-out part's figures are reported in ``benchmarks/results/stance_russian_outside.md``, not
pinned. Floors sit a little under the figures measured when they were pinned (2026-12-08, after
the second round was added to the dev part: dev stance macro-F1 0.542, level within one 0.911,
516 of 516 labelled claims matched); re-pinning is an explicit edit here. Needs the datasets
under ``../shared/data`` (skipped without them).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from escalation_sources import DEFAULT_DATA  # noqa: E402
from stance_russian_outside import (  # noqa: E402
    DEFAULT_SET,
    load_units,
    merged,
    redline_claims,
    redline_pairs,
    stance_macro,
)

SET_SHA256 = "fed2764274d9df402b5e287a3d960a291b3a3cc635c8df10e997cc84acc5c27a"
FLOORS = {"stance_macro_f1": 0.52, "level_within_one": 0.89, "matched": 0.97}

pytestmark = pytest.mark.skipif(
    not (DEFAULT_DATA / "propaganda" / "unlp2025_manipulation").is_dir(),
    reason=f"the datasets are not under {DEFAULT_DATA}",
)


def test_stance_ru_outside_set_is_the_pinned_one() -> None:
    digest = hashlib.sha256(DEFAULT_SET.read_bytes()).hexdigest()
    assert digest == SET_SHA256, (
        f"{DEFAULT_SET.name} changed; check it, then re-pin the digest (now {digest}) and the "
        "floors explicitly"
    )


def test_stance_ru_outside_quality_gate() -> None:
    units = [u for u in load_units(DEFAULT_SET, DEFAULT_DATA) if u.part == "dev"]
    pairs = [redline_pairs(u, p) for u, p in zip(units, redline_claims(units, 1), strict=True)]
    total = merged(pairs)
    measured = {
        "stance_macro_f1": stance_macro(pairs),
        "level_within_one": sum(abs(g - p) <= 1 for g, p in total.levels) / len(total.levels),
        "matched": total.matched / total.labelled,
    }
    below = {k: round(v, 3) for k, v in measured.items() if v < FLOORS[k]}
    assert not below, f"below the floors {FLOORS}: {below}"
