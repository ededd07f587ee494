"""The shipped model: loads from the package, its card records what it was trained on, numpy
scoring equals the dense sum. Its scores are measured, not read from the card, by
``test_techniques_quality_gate.py`` on two pinned subsets of PTC dev.
"""

import json
from pathlib import Path

import numpy as np
import pytest

from redline.techniques.features import FeatureSpace, SpanItem, csr, linear_scores, tokens
from redline.techniques.model import CARD_COPY, TechniqueModel, load_model
from redline.techniques.taxonomy import PTC_TO_2023

MODEL_DIR = Path(__file__).resolve().parents[2] / "src" / "redline" / "models" / "techniques"
DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "propaganda"
ITEMS = [
    SpanItem("so-called experts", "The so-called experts were wrong again.", share=0.4),
    SpanItem("America", "America first!", repeats=3, in_title=True, share=0.5),
    SpanItem("", ""),
]


def test_model_files_stay_under_50_mb() -> None:
    size = sum(p.stat().st_size for p in MODEL_DIR.iterdir() if p.is_file())
    assert size < 50_000_000


def test_model_card_records_data_seed_scores_and_size() -> None:
    card = json.loads((MODEL_DIR / CARD_COPY).read_text(encoding="utf-8"))
    assert card == load_model().card
    assert {"data", "seed", "scores", "size_bytes", "hyperparameters"} <= set(card)
    assert "PTC" in card["data"]["train"]
    assert "PTC dev (evaluation)" in card["data"]["not_used_for_training"]
    assert {"ptc_dev_tc_micro_f1", "ptc_dev_si_f1"} <= set(card["scores"])


def test_model_classes_are_the_14_ptc_labels() -> None:
    model = load_model()
    assert set(model.tc_classes) == set(PTC_TO_2023)
    assert 0.0 < model.si_threshold < 1.0


def test_model_probabilities_are_distributions() -> None:
    model = load_model()
    tc = model.tc_probabilities(ITEMS)
    assert tc.shape == (3, 14)
    assert np.allclose(tc.sum(axis=1), 1.0, atol=1e-5)
    si = model.si_probabilities(ITEMS)
    assert si.shape == (3,) and ((si > 0) & (si < 1)).all()
    assert model.tc_probabilities([]).shape == (0, 14)


def test_model_round_trips_through_save_and_load(tmp_path: Path) -> None:
    model = load_model()
    model.save(tmp_path)
    again = TechniqueModel.load(tmp_path)
    assert np.array_equal(model.tc_probabilities(ITEMS), again.tc_probabilities(ITEMS))
    assert again.card == model.card


def test_model_missing_folder_says_how_to_rebuild(tmp_path: Path) -> None:
    from redline.errors import ModelNotFoundError

    with pytest.raises(ModelNotFoundError, match=r"train_techniques\.py"):
        TechniqueModel.load(tmp_path)


def test_features_sparse_scores_equal_dense_product() -> None:
    space = FeatureSpace.fit(ITEMS * 2, {"w": 1.0, "c": 0.5, "x": 0.5, "m": 1.0}, {})
    batch = csr(space, ITEMS)
    dense = np.zeros((len(ITEMS), space.size), dtype=np.float32)
    indptr, indices, data = batch
    for row in range(len(ITEMS)):
        for k in range(indptr[row], indptr[row + 1]):
            dense[row, indices[k]] += data[k]
    rng = np.random.default_rng(0)
    coef = rng.normal(size=(4, space.size)).astype(np.float32)
    intercept = rng.normal(size=4).astype(np.float32)
    assert np.allclose(linear_scores(batch, coef, intercept), dense @ coef.T + intercept, atol=1e-5)


def test_features_tokens_fold_digits_and_case() -> None:
    assert tokens("In 2024 THEY lied!") == ["in", "0000", "they", "lied", "!"]
