"""The techniques analyzer: cue and model findings, their attrs, and the seed documents."""

import json
from functools import cache
from pathlib import Path

import pytest

from redline.analyzers.techniques import TechniqueAnalyzer
from redline.document import Document
from redline.errors import PipelineError
from redline.pipeline import Pipeline
from redline.techniques.taxonomy import TECHNIQUES, resolve

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
TEXT = (
    "The Long War\n\n"
    "Either we stop them now, or they will come for our children next. "
    "The so-called experts in Brussels have lied to us for years. "
    "The time has come to act. "
    "These bloodthirsty warmongers will never learn.\n"
)


@cache
def _pipeline(**options: object) -> Pipeline:
    return Pipeline([*Pipeline.from_names(["structure"]).analyzers, TechniqueAnalyzer(**options)])


def _run(text: str, **options: object) -> Document:
    return _pipeline(**options).run(Document.from_text(text))


def test_techniques_needs_the_structure_layers() -> None:
    with pytest.raises(PipelineError, match="requires layer 'structure'"):
        Pipeline.from_names(["techniques"])


def test_techniques_registered_in_default_pipeline() -> None:
    from redline.analyzers import DEFAULT_ANALYZERS

    assert "techniques" in DEFAULT_ANALYZERS
    assert DEFAULT_ANALYZERS.index("techniques") > DEFAULT_ANALYZERS.index("structure")
    assert Pipeline.from_names(["structure", "techniques"]).names == ("structure", "techniques")


def test_techniques_cues_mark_their_spans() -> None:
    document = _run(TEXT, use_model=False)
    by_cue = {s.attrs["cue"]: s for s in document.layer("techniques")}
    assert by_cue["either_or"].label == "False_Dilemma-No_Choice"
    assert by_cue["either_or"].text.startswith("Either we stop them now")
    assert by_cue["so_called"].text == "so-called experts in Brussels"
    assert by_cue["time_has_come"].label == "Appeal_to_Time"
    assert by_cue["time_has_come"].attrs["category"] == "Call"
    assert "warmongers" in by_cue["pejorative_label"].text
    assert all(
        s.attrs["source"] == "cue" and s.attrs["model_probability"] is None for s in by_cue.values()
    )


def test_techniques_spans_carry_documented_attrs() -> None:
    document = _run(TEXT)
    spans = document.layer("techniques")
    assert spans
    for span in spans:
        names = span.attrs["techniques"]
        assert names and span.label == names[0] and all(n in TECHNIQUES for n in names)
        assert len(names) == len(set(names))
        assert span.attrs["category"] == TECHNIQUES[span.label].category
        assert span.attrs["definition"] == TECHNIQUES[span.label].definition
        assert span.attrs["source"] in ("cue", "model", "cue+model")
        assert (span.attrs["cue"] is None) == (span.attrs["source"] == "model")
        probability = span.attrs["model_probability"]
        assert probability is None or 0.0 < probability <= 1.0
        assert span.analyzer == "techniques" and 0.0 <= span.confidence <= 1.0
    assert any(s.attrs["source"] != "cue" for s in spans), "the model found nothing"


def test_techniques_one_span_per_offsets() -> None:
    spans = _run(TEXT).layer("techniques")
    offsets = [(s.start, s.end) for s in spans]
    assert len(offsets) == len(set(offsets))


def test_techniques_min_probability_keeps_fewer_model_findings() -> None:
    default = [
        s for s in _run(TEXT).layer("techniques") if s.attrs["model_probability"] is not None
    ]
    strict = [
        s
        for s in _run(TEXT, min_probability=0.9).layer("techniques")
        if s.attrs["model_probability"] is not None
    ]
    assert len(strict) < len(default)


def test_techniques_empty_text_gives_empty_layer() -> None:
    assert _run("").layer("techniques") == ()


def _seed_entries() -> list[tuple[str, dict]]:
    entries = []
    for path in sorted(SEEDS.glob("*.gold.json")) if SEEDS.is_dir() else []:
        for entry in json.loads(path.read_text(encoding="utf-8")).get("techniques", []):
            entries.append((path.name.removesuffix(".gold.json"), entry))
    return entries


@cache
def _seed_document(name: str) -> Document:
    text = (SEEDS / f"{name}.txt").read_text(encoding="utf-8")
    return _run(text)


@pytest.mark.parametrize(
    ("seed", "entry"),
    _seed_entries()
    or [
        pytest.param(
            None,
            None,
            marks=pytest.mark.skip(
                reason=f"seed documents not found at {SEEDS} (../shared/seeds beside the checkout)"
            ),
        )
    ],
    ids=lambda v: v["quote"][:40] if isinstance(v, dict) else str(v),
)
def test_techniques_seed_quotes_found_with_a_listed_technique(seed: str, entry: dict) -> None:
    document = _seed_document(seed)
    start = document.text.find(entry["quote"])
    assert start >= 0, f"quote not in seed {seed}: {entry['quote']!r}"
    end = start + len(entry["quote"])
    accepted = {name for label in entry["technique"] for name in resolve(label)}
    overlapping = [s for s in document.layer("techniques") if s.start < end and start < s.end]
    found = [s for s in overlapping if accepted & set(s.attrs["techniques"])]
    assert found, (
        f"no span over {entry['quote']!r} names any of {sorted(accepted)}; overlapping: "
        f"{[(s.text, s.attrs['techniques']) for s in overlapping]}"
    )
