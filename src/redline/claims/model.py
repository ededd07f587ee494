"""The shipped claim model: three linear heads over binary feature strings.

* ``claim``: the probability that a candidate is a claim as the escalation corpus annotates
  claims (an event or intention, not a bare noun phrase); candidates under ``claim_threshold``
  are dropped.
* ``stance``: a distribution over the seven stances; where its best stance reaches
  ``stance_threshold`` it replaces the rules' stance — any stance, or only the rules' default
  "report" (``stance_overrides``), as dev decided.
* ``level``: a distribution over the six ladder levels; where its best level reaches
  ``level_threshold`` it replaces the rules' level.

The thresholds are chosen on the dev split (a threshold above 1 leaves the rules in charge).

Files in ``redline/models/claims/``: ``model.json`` (vocabulary, classes, thresholds, the card)
and ``weights.npz``. Loaded once per process through :mod:`importlib.resources`, or from a
path given to :func:`load_claim_model`; scoring needs numpy only. Rebuilt with a fixed seed by
``python scripts/train_claims_model.py``.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from redline.claims.features import select
from redline.errors import ModelNotFoundError
from redline.store.files import atomic_path, write_atomic

MODEL_DIR = "claims"
CARD_FILE = "model.json"
WEIGHTS_FILE = "weights.npz"
FORMAT = 1


@dataclass(frozen=True)
class ClaimDecision:
    """The model's verdict on one candidate."""

    is_claim: float
    stance: str
    stance_probability: float
    level: int
    level_probability: float


@dataclass
class ClaimModel:
    vocabulary: dict[str, int]
    families: tuple[str, ...]
    stances: tuple[str, ...]
    levels: tuple[int, ...]
    claim_threshold: float
    stance_threshold: float
    level_threshold: float
    weights: dict[str, npt.NDArray[np.float64]]
    card: dict[str, Any]
    stance_overrides: str = "any"
    """"any": the model may replace any stance of the rules; "report": only their default."""
    level_ceiling: int = 3
    """The model re-rungs only claims the rules put at this level or below (see the training
    script: it cannot itself tell a 4 or a 5, so those stay the rules')."""
    languages: tuple[str, ...] = ("en",)
    """The languages it was trained on and may decide in; elsewhere the rules decide."""

    def level_for(self, decision: ClaimDecision, rule_level: int) -> int:
        """The level to keep: the model's where it is sure and the rules' rung is not above the
        ceiling."""
        if rule_level <= self.level_ceiling and decision.level_probability >= self.level_threshold:
            return decision.level
        return rule_level

    def stance_for(self, decision: ClaimDecision, rule_stance: str) -> str:
        """The stance to keep: the model's where it is sure and allowed to override, else the
        rules'."""
        allowed = self.stance_overrides == "any" or rule_stance == self.stance_overrides
        return (
            decision.stance
            if allowed and decision.stance_probability >= self.stance_threshold
            else rule_stance
        )

    def _matrix(self, candidates: Sequence[list[str]]) -> npt.NDArray[np.float64]:
        rows = np.zeros((len(candidates), len(self.vocabulary)), dtype=np.float64)
        for row, features in enumerate(candidates):
            for feature in select(features, self.families):
                column = self.vocabulary.get(feature)
                if column is not None:
                    rows[row, column] = 1.0
        return rows

    def decide(self, candidates: Sequence[list[str]]) -> list[ClaimDecision]:
        """One decision per candidate's feature strings."""
        if not candidates:
            return []
        x = self._matrix(candidates)
        claim = _sigmoid(x @ self.weights["claim_coef"].T + self.weights["claim_intercept"])[:, 0]
        stance = _softmax(x @ self.weights["stance_coef"].T + self.weights["stance_intercept"])
        level = _softmax(x @ self.weights["level_coef"].T + self.weights["level_intercept"])
        decisions = []
        for i in range(len(candidates)):
            s, lv = int(stance[i].argmax()), int(level[i].argmax())
            decisions.append(
                ClaimDecision(
                    float(claim[i]),
                    self.stances[s],
                    float(stance[i, s]),
                    self.levels[lv],
                    float(level[i, lv]),
                )
            )
        return decisions


def _sigmoid(x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    return np.asarray(1.0 / (1.0 + np.exp(-x)))


def _softmax(x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    shifted = np.exp(x - x.max(axis=1, keepdims=True))
    return np.asarray(shifted / shifted.sum(axis=1, keepdims=True))


def save_claim_model(model: ClaimModel, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    vocabulary = sorted(model.vocabulary, key=model.vocabulary.__getitem__)
    meta = {
        "format": FORMAT,
        "families": list(model.families),
        "stances": list(model.stances),
        "levels": list(model.levels),
        "claim_threshold": model.claim_threshold,
        "stance_threshold": model.stance_threshold,
        "level_threshold": model.level_threshold,
        "stance_overrides": model.stance_overrides,
        "level_ceiling": model.level_ceiling,
        "languages": list(model.languages),
        "vocabulary": vocabulary,
        "card": model.card,
    }
    write_atomic(
        folder / CARD_FILE, json.dumps(meta, ensure_ascii=False, indent=0, sort_keys=True) + "\n"
    )
    with atomic_path(folder / WEIGHTS_FILE) as temporary, temporary.open("wb") as handle:
        # Typed Any: numpy's stub cannot tell these names from its own `allow_pickle` keyword.
        weights: dict[str, Any] = {k: v.astype(np.float32) for k, v in model.weights.items()}
        np.savez_compressed(handle, **weights)


@functools.cache
def load_claim_model(path: str | None = None) -> ClaimModel:
    """The claim model in ``path``, or the one shipped with Redline; loaded once per process."""
    folder: Any = Path(path) if path else resources.files("redline") / "models" / MODEL_DIR
    try:
        meta = json.loads((folder / CARD_FILE).read_text(encoding="utf-8"))
        with (folder / WEIGHTS_FILE).open("rb") as handle:
            arrays = np.load(handle)
            weights = {k: arrays[k].astype(np.float64) for k in arrays.files}
    except FileNotFoundError as error:
        raise ModelNotFoundError(
            f"no claim model in {folder}: expected {CARD_FILE} and {WEIGHTS_FILE}; "
            "rebuild it with `python scripts/train_claims_model.py`"
        ) from error
    if meta.get("format") != FORMAT:
        raise ModelNotFoundError(
            f"claim model in {folder} has format {meta.get('format')!r}, expected {FORMAT}"
        )
    return ClaimModel(
        vocabulary={feature: i for i, feature in enumerate(meta["vocabulary"])},
        families=tuple(meta["families"]),
        stances=tuple(meta["stances"]),
        levels=tuple(int(v) for v in meta["levels"]),
        claim_threshold=float(meta["claim_threshold"]),
        stance_threshold=float(meta["stance_threshold"]),
        level_threshold=float(meta["level_threshold"]),
        weights=weights,
        card=meta["card"],
        stance_overrides=str(meta.get("stance_overrides", "any")),
        level_ceiling=int(meta.get("level_ceiling", 3)),
        languages=tuple(meta.get("languages", ("en",))),
    )
