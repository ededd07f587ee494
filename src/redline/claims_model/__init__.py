"""The learned claim model: whether a candidate is a claim, its stance and its ladder level.

The rules of :mod:`redline.analyzers.claims` propose candidates (every action the lexicon finds,
with the parse's reading of stance and level); this model, trained on the escalation corpus's
train split, decides them. See :mod:`.features` for what it looks at and :mod:`.model` for how
it is stored and scored (numpy only).
"""

from redline.claims_model.features import candidate_features
from redline.claims_model.model import ClaimDecision, ClaimModel, load_claim_model

__all__ = ["ClaimDecision", "ClaimModel", "candidate_features", "load_claim_model"]
