"""Quality gate: Russian calls to violence on real text outside the escalation corpus
(``benchmarks/incitement_russian_outside.py``, 290 windows of posts and articles, each read by
two annotators).

The call rules were written while reading the set's dev part, so the gate holds what they do
there and, on all 290 windows, how rarely they fire where neither annotator saw a call; the
held-out part's recall is reported in ``benchmarks/results/incitement_russian_outside.md``, not
pinned. The floors are the figures measured when they were pinned (2026-12-08, after the second
round joined the dev part: dev 4 of 7 agreed calls found, no false alarm on any window);
re-pinning is an explicit edit here. Needs the datasets under ``../shared/data`` (skipped without
them).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from escalation_metrics import match_spans  # noqa: E402
from escalation_sources import DEFAULT_DATA  # noqa: E402
from incitement_russian_outside import DEFAULT_SET, load_units, redline_calls  # noqa: E402

SET_SHA256 = "118059b34f86b9ec1bb85cecc4019a0f7a45ca164a83be1fb1792d9aa9dd3f00"
DEV_FOUND_FLOOR = 4
FALSE_ALARM_CEILING = 0

pytestmark = pytest.mark.skipif(
    not (DEFAULT_DATA / "propaganda" / "unlp2025_manipulation").is_dir(),
    reason=f"the datasets are not under {DEFAULT_DATA}",
)


def test_incitement_ru_outside_set_is_the_pinned_one() -> None:
    digest = hashlib.sha256(DEFAULT_SET.read_bytes()).hexdigest()
    assert digest == SET_SHA256, (
        f"{DEFAULT_SET.name} changed; check it, then re-pin the digest (now {digest}) and the "
        "floors explicitly"
    )


def test_incitement_ru_outside_quality_gate() -> None:
    units = load_units(DEFAULT_SET, DEFAULT_DATA, lenient=False)
    either = load_units(DEFAULT_SET, DEFAULT_DATA, lenient=True)
    found = redline_calls(units, n_process=1)
    dev_found = false_alarms = 0
    for unit, marked, predicted in zip(units, either, found, strict=True):
        if unit.part == "dev":
            dev_found += len(match_spans(unit.calls, predicted))
        # A call only one annotator marked is not required, and not a false alarm either.
        false_alarms += len(predicted) - len(match_spans(marked.calls, predicted))
    assert dev_found >= DEV_FOUND_FLOOR, f"dev calls found: {dev_found} < {DEV_FOUND_FLOOR}"
    assert false_alarms <= FALSE_ALARM_CEILING, f"false alarms: {false_alarms}"
