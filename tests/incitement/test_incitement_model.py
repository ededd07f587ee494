"""The numpy-only incitement model: equal to scikit-learn's, checked files, no pickles."""

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from redline.errors import ModelNotFoundError
from redline.incitement.cues import load_cues, phrase_rule
from redline.incitement.datasets import Corpus
from redline.incitement.features import char_wb_terms, normalise_text, word_terms
from redline.incitement.model import (
    CARD_FILE,
    HEADS,
    META_FILE,
    WEIGHTS_FILE,
    IncitementModel,
    load_model,
)

SAMPLES = [
    "Please vaporize Washington D.C. and all of the swamp creatures that dwell there.",
    "We had a chance to hang the traitors, but it is gone.",
    "I condemn those who want to kill immigrants.",
    "RT @someone: they're   vermin &amp; should be gone http://t.co/x #now",
    "Ünïcödé straße — «quoted» words, e\u0301 and 🚀 emoji",
    "",
    "a",
    "The talks in Geneva ended without agreement.",
]
HATEFUL = [
    "kill them all",
    "they are vermin and must die",
    "hang the traitors now",
    "burn their homes down",
    "those people are scum",
    "shoot every one of them",
    "exterminate the rats",
    "death to all of them",
]
NEUTRAL = [
    "the talks ended today",
    "a nice walk in the park",
    "the minister met the envoy",
    "prices rose again",
    "we visited the museum",
    "the weather is mild",
    "she wrote a long report",
    "the train was late",
]


def _tiny_corpora() -> list[Corpus]:
    ethos, tweets = Corpus("ethos"), Corpus("olid")
    for round_ in range(3):
        for text in HATEFUL:
            ethos.add(f"{text} {round_}", hate=1, violence=int(round_ < 2))
        for text in NEUTRAL:
            ethos.add(f"{text} {round_}", hate=0, violence=0)
            tweets.add(f"@user {text} again {round_}", hate=0, violence=0)
    return [ethos, tweets]


def test_incitement_model_numpy_equals_sklearn() -> None:
    pytest.importorskip("sklearn")
    from redline.incitement import training

    features, heads = training.fit(_tiny_corpora())
    model = training.export(features, heads, {})
    texts = [normalise_text(t) for t in SAMPLES] + HATEFUL + NEUTRAL
    expected = training.predict(features, heads, texts)
    got = model.probabilities(texts)
    for column, head in enumerate(HEADS):
        np.testing.assert_allclose(got[:, column], expected[head], atol=1e-6, rtol=0)


def test_incitement_features_match_sklearn_analyzers() -> None:
    pytest.importorskip("sklearn")
    from sklearn.feature_extraction.text import TfidfVectorizer

    from redline.incitement.features import CHAR, WORD

    word = TfidfVectorizer(**WORD).build_analyzer()
    char = TfidfVectorizer(**CHAR).build_analyzer()
    for text in SAMPLES:
        assert word_terms(text) == word(text)
        assert char_wb_terms(text) == char(text)


def test_incitement_model_save_is_byte_identical_and_round_trips(tmp_path: Path) -> None:
    model = load_model()
    first, second = tmp_path / "a", tmp_path / "b"
    facts = model.save(first)
    model.save(second)
    for name in (META_FILE, WEIGHTS_FILE):
        assert (first / name).read_bytes() == (second / name).read_bytes()
    (first / CARD_FILE).write_text(json.dumps({**model.card, "files": facts}), encoding="utf-8")
    again = IncitementModel.load(first)
    np.testing.assert_array_equal(again.probabilities(SAMPLES), model.probabilities(SAMPLES))


def test_incitement_shipped_model_is_small_checked_and_pickle_free() -> None:
    model = load_model()
    assert model is load_model()  # once per process
    card = model.card
    assert sum(f["bytes"] for f in card["files"].values()) < 50_000_000
    assert card["seed"] == 13 and set(card["thresholds"]) == set(HEADS)
    assert all(f["sha256"] for c in card["training_data"] for f in c["files"])
    probabilities = model.probabilities(SAMPLES)
    assert probabilities.shape == (len(SAMPLES), 2)
    assert ((probabilities >= 0) & (probabilities <= 1)).all()
    scores = model.score(["Please vaporize Washington D.C.", "The weather is mild today."])
    assert scores[0]["hate"] > scores[1]["hate"]


def test_incitement_damaged_model_is_refused(tmp_path: Path) -> None:
    from importlib import resources

    source = resources.files("redline.models").joinpath("incitement")
    for name in (META_FILE, WEIGHTS_FILE, CARD_FILE):
        (tmp_path / name).write_bytes(source.joinpath(name).read_bytes())
    (tmp_path / WEIGHTS_FILE).write_bytes((tmp_path / WEIGHTS_FILE).read_bytes()[:-10])
    with pytest.raises(ModelNotFoundError, match="sha256"):
        IncitementModel.load(tmp_path)
    shutil.rmtree(tmp_path)
    with pytest.raises(ModelNotFoundError, match=r"train_incitement\.py"):
        IncitementModel.load(tmp_path)


def test_incitement_cues_load_and_name_their_rules() -> None:
    cues = load_cues()
    assert cues.violent_verbs["vaporize"][0] >= 4
    assert ("swamp", "creatures") in cues.dehumanizing
    assert cues.identity[("muslims",)] == "religion"
    assert phrase_rule("wipe * off the map") == "phrase:wipe_off_the_map"
