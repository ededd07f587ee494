"""The Russian paragraph model's stack: its inputs, its files, and what it does to real text.

The stack re-scores each technique from the three heads and from how much of the technique the
rest of the document carries; its dev score is measured by
``tests/benchmarks/test_techniques_russian_quality_gate.py``.
"""

import dataclasses
from pathlib import Path

import numpy as np

from redline.techniques.paragraphs import (
    STACK_FEATURES,
    ParagraphModel,
    StackHead,
    load_paragraph_model,
    log_odds,
    split_paragraphs,
    stack_features,
)

MINISTRY = (
    "Заявление официального представителя МИД\n"
    "Киевская хунта и её западные кукловоды в очередной раз показали своё истинное лицо: "
    "преступный режим цинично обстреливает жилые кварталы.\n"
    "Эти нацисты и их покровители из Вашингтона ответят за каждое злодеяние.\n"
    "Брифинг пройдёт в четверг в 12:00 по московскому времени.\n"
)
NOTICE = "Брифинг пройдёт в четверг в 12:00 по московскому времени.\n"


def test_stack_features_read_the_document_mean_and_max() -> None:
    mixture = np.array([[0.2, 0.9], [0.6, 0.1]])
    heads = np.full((2, 2), 0.5)
    found = stack_features(heads, heads, heads, mixture)
    assert found.shape == (2, 2, len(STACK_FEATURES))
    assert np.allclose(found[:, 0, 3], log_odds(np.array([0.4, 0.4])))  # mean of 0.2 and 0.6
    assert np.allclose(found[:, 1, 4], log_odds(np.array([0.9, 0.9])))
    # A one-paragraph text reads its own mixture as the document's.
    alone = stack_features(heads[:1], heads[:1], heads[:1], mixture[:1])
    assert np.allclose(alone[0, :, 3], alone[0, :, 4])
    assert np.allclose(alone[0, :, 3], log_odds(mixture[0]))
    assert stack_features(heads[:0], heads[:0], heads[:0], mixture[:0]).shape == (0, 2, 5)


def test_log_odds_stay_finite_for_a_silent_head() -> None:
    assert np.all(np.isfinite(log_odds(np.array([0.0, 1.0, 2e-9]))))


def test_stack_head_is_a_logistic_regression_per_technique() -> None:
    head = StackHead(
        coef=np.array([[1.0, 0, 0, 0, 0], [0, 0, 0, 0, 2.0]], dtype=np.float32),
        intercept=np.array([0.0, -1.0], dtype=np.float32),
    )
    features = np.zeros((1, 2, 5), dtype=np.float32)
    features[0, 0, 0] = 2.0
    features[0, 1, 4] = 0.5
    expected = 1 / (1 + np.exp(-np.array([2.0, 0.0])))
    assert np.allclose(head.probabilities(features), expected[None, :])


def test_shipped_model_is_stacked_and_its_card_says_so() -> None:
    model = load_paragraph_model("ru")
    assert model.stack is not None and model.embedding is not None
    assert model.stack.coef.shape == (len(model.classes), len(STACK_FEATURES))
    hyper = model.card["hyperparameters"]
    assert hyper["stack"]["features"] == list(STACK_FEATURES)
    assert hyper["threshold"] == model.threshold
    # The stack ships only because it beat the mixture on cross-validation.
    mixture = model.card["variants"]["mixture"]
    assert mixture["cv5"] < model.card["scores"]["paragraph_micro_f1_train_cv5"]


def test_stack_survives_save_and_load(tmp_path: Path) -> None:
    model = load_paragraph_model("ru")
    model.save(tmp_path)
    again = ParagraphModel.load("ru", tmp_path)
    assert model.stack is not None and again.stack is not None
    assert np.array_equal(again.stack.coef, model.stack.coef)
    assert np.array_equal(again.stack.intercept, model.stack.intercept)
    paragraphs = split_paragraphs(MINISTRY, title_end=40)
    assert np.allclose(
        again.probabilities(MINISTRY, paragraphs)[0], model.probabilities(MINISTRY, paragraphs)[0]
    )


def test_model_without_its_stack_scores_the_mixture() -> None:
    model = load_paragraph_model("ru")
    paragraphs = split_paragraphs(MINISTRY, title_end=40)
    bare = dataclasses.replace(model, stack=None)
    assert not np.allclose(
        bare.probabilities(MINISTRY, paragraphs)[0], model.probabilities(MINISTRY, paragraphs)[0]
    )


def test_stacked_model_labels_the_ministry_statement_and_not_the_notice() -> None:
    model = load_paragraph_model("ru")
    found = model.predict(MINISTRY, split_paragraphs(MINISTRY, title_end=40))
    assert {"Loaded_Language", "Name_Calling-Labeling"} <= set(found[1].techniques)
    alone = model.predict(NOTICE, split_paragraphs(NOTICE))
    assert alone[0].techniques == ()
