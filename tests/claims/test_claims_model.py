"""The shipped claim model: loads once, scores deterministically, and the claims analyzer keeps
the rules' reading beside the model's."""

import numpy as np
import pytest

from redline.analyzers.base import AnalysisContext
from redline.analyzers.claims import ClaimAnalyzer
from redline.claims.model import load_claim_model
from redline.document import Document
from redline.errors import ModelNotFoundError
from redline.pipeline import Pipeline


def test_claims_model_loads_once_with_sane_settings() -> None:
    model = load_claim_model()
    assert model is load_claim_model()
    assert 0.0 <= model.claim_threshold < 1.0
    assert set(model.stances) == {
        "report",
        "advocate",
        "threaten",
        "predict",
        "question",
        "hypothetical",
        "reject",
    }
    assert model.levels == (0, 1, 2, 3, 4, 5)
    assert model.card["trained_on"] == "escalation corpus, train split"
    assert all(np.isfinite(w).all() for w in model.weights.values())


def test_claims_model_scores_are_deterministic_and_bounded() -> None:
    model = load_claim_model()
    features = [
        ["lex:lemma=strike", "lex:marker=will", "rule:stance=threaten", "rule:level=3"],
        ["lex:lemma=talk"],
    ]
    first, second = model.decide(features), model.decide(features)
    assert first == second
    assert all(0.0 <= d.is_claim <= 1.0 and 0.0 < d.stance_probability <= 1.0 for d in first)


def test_claims_model_missing_folder_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(ModelNotFoundError, match="train_claims_model"):
        load_claim_model(str(tmp_path))


def _claims(text: str, model: str | None) -> list:
    upstream = Pipeline.from_names(("structure", "actors", "voices", "groups"))
    context = AnalysisContext(text)
    document = upstream.run(Document.from_text(text), context)
    return list(ClaimAnalyzer(model=model).analyze(document, context).layers["claims"])


def test_claims_model_keeps_the_rules_reading_beside_its_own() -> None:
    text = "If NATO sends troops, we will strike their bases. The two ministers met in Geneva."
    rules = {c.start: c for c in _claims(text, None)}
    for claim in _claims(text, "default"):
        assert claim.attrs["rule_stance"] == rules[claim.start].attrs["stance"]
        assert claim.attrs["rule_level"] == rules[claim.start].attrs["level"]
        assert claim.rule.endswith("|model")
