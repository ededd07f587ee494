"""The escalation corpus: every record fits its schema, offsets and references hold, no split
unit sits in two splits, and the frozen test split still has the digest it was frozen with."""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

jsonschema = pytest.importorskip("jsonschema")

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
CORPUS = BENCHMARKS / "data" / "escalation"
sys.path.insert(0, str(BENCHMARKS))

from escalation_corpus import max_levels, split_digest, split_of  # noqa: E402


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    with (CORPUS / "passages.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def test_escalation_corpus_records_fit_the_schema(records: list[dict[str, Any]]) -> None:
    schema = json.loads((CORPUS / "schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for record in records:
        errors = sorted(validator.iter_errors(record), key=str)
        assert not errors, f"{record['pid']}: {errors[0].message}"


def test_escalation_corpus_offsets_and_references_hold(records: list[dict[str, Any]]) -> None:
    for record in records:
        length = record["end"] - record["start"]
        voices = {voice["id"] for voice in record["voices"]}
        assert length > 0, record["pid"]
        for claim in record["claims"]:
            assert 0 <= claim["start"] < claim["end"] <= length, record["pid"]
            assert claim["voice"] in voices, record["pid"]
        for line in record["redlines"]:
            assert line["voice"] in voices, record["pid"]
            for pair in (line["condition"], line["consequence"]):
                if pair is not None:
                    assert 0 <= pair[0] < pair[1] <= length, record["pid"]
        for span in record["incitement"]:
            assert 0 <= span["start"] < span["end"] <= length, record["pid"]
        assert record["max_level"] == max_levels(record["claims"]), record["pid"]


def test_escalation_corpus_split_units_never_cross_splits(records: list[dict[str, Any]]) -> None:
    splits_of_group: dict[str, set[str]] = defaultdict(set)
    for record in records:
        splits_of_group[record["group"]].add(record["split"])
        assert record["split"] == split_of(record["group"]), record["pid"]
    assert all(len(splits) == 1 for splits in splits_of_group.values())
    assert len({record["pid"] for record in records}) == len(records)


def test_escalation_corpus_test_split_matches_its_frozen_digest(
    records: list[dict[str, Any]],
) -> None:
    pinned = (CORPUS / "test.sha256").read_text(encoding="utf-8").strip()
    assert split_digest(records, "test") == pinned


def test_escalation_corpus_test_split_is_at_least_thirty_percent(
    records: list[dict[str, Any]],
) -> None:
    test = sum(record["split"] == "test" for record in records)
    assert test >= 0.30 * len(records)


def test_escalation_corpus_digest_notices_a_changed_label(records: list[dict[str, Any]]) -> None:
    test = [dict(record) for record in records if record["split"] == "test"]
    before = split_digest(test, "test")
    changed = next(record for record in test if record["claims"])
    changed["claims"] = [
        {
            **changed["claims"][0],
            "stance": "advocate" if changed["claims"][0]["stance"] != "advocate" else "report",
        }
    ]
    assert split_digest(test, "test") != before
