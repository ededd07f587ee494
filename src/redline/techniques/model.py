"""The shipped technique model: two linear heads over the features of :mod:`.features`.

* **SI head** (span identification): the probability that a candidate span is a propaganda
  fragment (logistic regression; candidates above ``si_threshold`` are kept, best first, none
  overlapping another).
* **TC head** (technique classification): a distribution over the 14 PTC labels for a span
  (multinomial logistic regression), mapped to SemEval-2023 names by :mod:`.taxonomy`.

The files live in ``redline/models/techniques/``: ``model.json.gz`` (card, classes,
vocabularies) and ``weights.npz`` (IDF vectors and weights). They load once per process, lazily,
through :mod:`importlib.resources`; nothing is downloaded. Scoring needs numpy only.

>>> model = load_model()                       # doctest: +SKIP
>>> model.tc_probabilities([SpanItem("evil regime")])[0].argmax()   # doctest: +SKIP
"""

from __future__ import annotations

import functools
import gzip
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from redline.errors import ModelNotFoundError
from redline.store.files import atomic_path, write_atomic
from redline.techniques.features import BLOCKS, FeatureSpace, SpanItem, csr, linear_scores

MODEL_PACKAGE = "redline.models"
MODEL_DIR = "techniques"
CARD_FILE = "model.json.gz"
WEIGHTS_FILE = "weights.npz"
CARD_COPY = "model_card.json"
FORMAT = 1


@dataclass
class LinearHead:
    """A feature space and the weights of a linear model over it."""

    space: FeatureSpace
    classes: tuple[str, ...]
    coef: npt.NDArray[np.float32]  # (n_classes, n_features); one row for a binary head
    intercept: npt.NDArray[np.float32]

    def decision(self, items: Sequence[SpanItem]) -> npt.NDArray[np.float32]:
        return linear_scores(csr(self.space, items), self.coef, self.intercept)


def _sigmoid(x: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    return np.asarray(1.0 / (1.0 + np.exp(-x)), dtype=np.float32)


def _softmax(x: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    shifted = np.exp(x - x.max(axis=1, keepdims=True))
    return np.asarray(shifted / shifted.sum(axis=1, keepdims=True), dtype=np.float32)


@dataclass
class TechniqueModel:
    """The SI and TC heads, the SI threshold and the model card."""

    si: LinearHead
    tc: LinearHead
    si_threshold: float
    card: dict[str, Any]

    def si_probabilities(self, items: Sequence[SpanItem]) -> npt.NDArray[np.float32]:
        """P(propaganda fragment) for each item."""
        if not items:
            return np.zeros(0, dtype=np.float32)
        return _sigmoid(self.si.decision(items)[:, 0])

    def tc_probabilities(self, items: Sequence[SpanItem]) -> npt.NDArray[np.float32]:
        """P(PTC label) for each item; columns follow :attr:`tc_classes`."""
        if not items:
            return np.zeros((0, len(self.tc.classes)), dtype=np.float32)
        return _softmax(self.tc.decision(items))

    @property
    def tc_classes(self) -> tuple[str, ...]:
        return self.tc.classes

    # -- files ------------------------------------------------------------------------------

    def save(self, folder: Path) -> None:
        """Write ``model.json.gz``, ``weights.npz`` and a readable ``model_card.json``."""
        folder.mkdir(parents=True, exist_ok=True)
        heads = {"si": self.si, "tc": self.tc}
        meta = {
            "format": FORMAT,
            "card": self.card,
            "si_threshold": self.si_threshold,
            "heads": heads_meta(heads),
        }
        write_card(folder / CARD_FILE, meta)
        arrays = heads_arrays(heads, np.float32)
        with atomic_path(folder / WEIGHTS_FILE) as temporary, temporary.open("wb") as weights:
            np.savez_compressed(weights, **arrays)
        write_atomic(folder / CARD_COPY, json.dumps(self.card, indent=2, ensure_ascii=False) + "\n")

    @classmethod
    def from_bytes(cls, card_gz: bytes, weights: bytes) -> TechniqueModel:
        meta = json.loads(gzip.decompress(card_gz).decode("utf-8"))
        if meta.get("format") != FORMAT:
            raise ModelNotFoundError(
                f"technique model format {meta.get('format')!r} is not the supported {FORMAT}; "
                "rebuild it with scripts/train_techniques.py"
            )
        with np.load(io.BytesIO(weights), allow_pickle=False) as arrays:
            loaded = {key: arrays[key] for key in arrays.files}
        heads = {}
        for name, spec in meta["heads"].items():
            vocab = {b: {t: i for i, t in enumerate(spec["vocab"][b])} for b in BLOCKS}
            idf = {b: loaded[f"{name}.idf.{b}"] for b in BLOCKS}
            space = FeatureSpace(vocab=vocab, idf=idf, weights=dict(spec["weights"]))
            heads[name] = LinearHead(
                space=space,
                classes=tuple(spec["classes"]),
                coef=loaded[f"{name}.coef"],
                intercept=loaded[f"{name}.intercept"],
            )
        return cls(
            si=heads["si"],
            tc=heads["tc"],
            si_threshold=float(meta["si_threshold"]),
            card=meta["card"],
        )

    @classmethod
    def load(cls, folder: Path | None = None) -> TechniqueModel:
        """Load from ``folder``, or from the package's ``redline/models/techniques``."""
        try:
            return cls.from_bytes(*model_files(folder, MODEL_DIR))
        except (FileNotFoundError, ModuleNotFoundError) as error:
            where = folder or f"{MODEL_PACKAGE.replace('.', '/')}/{MODEL_DIR}"
            raise ModelNotFoundError(
                f"the technique model is missing from {where} ({error}); reinstall Redline or "
                "rebuild it with `python scripts/train_techniques.py`"
            ) from error


@functools.cache
def load_model() -> TechniqueModel:
    """The shipped model, loaded on first use and shared by the whole process."""
    return TechniqueModel.load()


def model_files(folder: Path | None, packaged: str) -> tuple[bytes, bytes]:
    """A model's card and weights: from ``folder``, else from the package's
    ``redline/models/<packaged>``. A missing file raises for the caller to name."""
    base: Any = folder if folder is not None else resources.files(MODEL_PACKAGE)
    if folder is None:
        for part in packaged.split("/"):
            base = base.joinpath(part)
    return base.joinpath(CARD_FILE).read_bytes(), base.joinpath(WEIGHTS_FILE).read_bytes()


def heads_meta(heads: dict[str, LinearHead]) -> dict[str, Any]:
    """What a model card records of its linear heads: classes, block weights, vocabularies."""
    return {
        name: {
            "classes": list(head.classes),
            "weights": head.space.weights,
            "vocab": {
                b: sorted(head.space.vocab[b], key=head.space.vocab[b].__getitem__) for b in BLOCKS
            },
        }
        for name, head in heads.items()
    }


def write_card(path: Path, meta: dict[str, Any]) -> None:
    """Write a model's card as gzipped JSON; mtime=0 and no file name keep the file
    byte-identical across rebuilds with the same content."""
    payload = json.dumps(meta, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    card = io.BytesIO()
    with gzip.GzipFile(fileobj=card, mode="wb", mtime=0, filename="") as handle:
        handle.write(payload.encode("utf-8"))
    write_atomic(path, card.getvalue())


def heads_arrays(heads: dict[str, LinearHead], coef_dtype: Any) -> dict[str, Any]:
    """The heads' weights as the arrays of ``weights.npz`` (coefficients in ``coef_dtype``).

    Typed Any: numpy's stub cannot tell these names from its own ``allow_pickle`` keyword.
    """
    arrays: dict[str, Any] = {}
    for name, head in heads.items():
        arrays[f"{name}.coef"] = head.coef.astype(coef_dtype)
        arrays[f"{name}.intercept"] = head.intercept.astype(np.float32)
        for block in BLOCKS:
            arrays[f"{name}.idf.{block}"] = head.space.idf[block].astype(np.float32)
    return arrays
