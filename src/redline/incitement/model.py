"""The shipped incitement classifier: two calibrated linear heads over TF-IDF features.

* ``hate``: P(the text is hateful or abusive toward a person or a group);
* ``violence``: P(the text calls for, threatens or wishes violence).

Both heads share one feature space (:mod:`redline.incitement.features`). A head's probability
is ``1 / (1 + exp(a * (x . w + b0) + b))``: a logistic regression's decision passed through the
sigmoid calibration (Platt scaling) it was trained with.

The files live in ``redline/models/incitement/``: ``model.json.gz`` (format, heads, vocabularies,
calibration, thresholds), ``weights.npz`` (IDF vectors and coefficients, float64, no pickles)
and ``model_card.json`` (the readable card: data digests, sizes, hyperparameters, scores). They
are checked against the card's digests and loaded once per process, lazily; scoring needs numpy
only, never scikit-learn.

>>> model = load_model()                                        # doctest: +SKIP
>>> model.score(["Please vaporize Washington D.C."])[0]["violence"] > 0.5   # doctest: +SKIP
True
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from redline.errors import ModelNotFoundError
from redline.incitement.features import Block, FeatureSpace, decision, normalise_text
from redline.store.files import atomic_path, write_atomic

MODEL_NAME = "incitement-tfidf-lr"
MODEL_PACKAGE = "redline.models"
MODEL_DIR = "incitement"
META_FILE = "model.json.gz"
WEIGHTS_FILE = "weights.npz"
CARD_FILE = "model_card.json"
FORMAT = 1
HEADS = ("hate", "violence")


@dataclass(frozen=True)
class IncitementModel:
    """Feature space, per-head weights and calibration, decision thresholds, the card."""

    space: FeatureSpace
    coef: npt.NDArray[np.float64]  # (heads, features)
    intercept: npt.NDArray[np.float64]  # (heads,)
    calibration: npt.NDArray[np.float64]  # (heads, 2): Platt's a and b
    thresholds: Mapping[str, float]
    card: Mapping[str, Any]

    @property
    def name(self) -> str:
        return str(self.card.get("name", MODEL_NAME))

    def probabilities(self, texts: Sequence[str]) -> npt.NDArray[np.float64]:
        """P(hate), P(violence) for each text; shape (texts, 2), columns in :data:`HEADS` order."""
        if not texts:
            return np.zeros((0, len(HEADS)))
        batch = self.space.matrix([normalise_text(t) for t in texts])
        raw = decision(batch, self.coef, self.intercept)
        a, b = self.calibration[:, 0], self.calibration[:, 1]
        return np.asarray(1.0 / (1.0 + np.exp(a * raw + b)), dtype=np.float64)

    def score(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """One ``{"hate": p, "violence": p}`` per text, rounded to four places."""
        return [
            {h: round(float(p), 4) for h, p in zip(HEADS, row, strict=True)}
            for row in self.probabilities(texts)
        ]

    # -- files ------------------------------------------------------------------------------

    def save(self, folder: Path) -> dict[str, Any]:
        """Write the three files (byte-identical for identical content); return the file facts."""
        folder.mkdir(parents=True, exist_ok=True)
        meta = {
            "format": FORMAT,
            "name": self.name,
            "heads": list(HEADS),
            "thresholds": dict(self.thresholds),
            "blocks": [
                {
                    "kind": b.kind,
                    "ngram_range": list(b.ngram_range),
                    "vocabulary": _terms_by_column(b.vocabulary),
                }
                for b in self.space.blocks
            ],
        }
        payload = json.dumps(meta, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        buffer = io.BytesIO()
        # mtime=0 and no file name: the same content gives the same bytes.
        with gzip.GzipFile(
            fileobj=buffer, mode="wb", mtime=0, filename="", compresslevel=9
        ) as handle:
            handle.write(payload.encode("utf-8"))
        write_atomic(folder / META_FILE, buffer.getvalue())
        arrays: dict[str, npt.NDArray[Any]] = {
            "coef": self.coef,
            "intercept": self.intercept,
            "calibration": self.calibration,
            **{f"idf.{b.kind}": b.idf for b in self.space.blocks},
        }
        _write_npz(folder / WEIGHTS_FILE, arrays)
        return {
            name: {
                "bytes": (folder / name).stat().st_size,
                "sha256": _sha256((folder / name).read_bytes()),
            }
            for name in (META_FILE, WEIGHTS_FILE)
        }

    @classmethod
    def from_bytes(cls, meta_gz: bytes, weights: bytes, card: Mapping[str, Any]) -> IncitementModel:
        meta = json.loads(gzip.decompress(meta_gz).decode("utf-8"))
        if meta.get("format") != FORMAT or tuple(meta.get("heads", ())) != HEADS:
            raise ModelNotFoundError(
                f"the incitement model has format {meta.get('format')!r} and heads "
                f"{meta.get('heads')!r}; this Redline reads format {FORMAT} with heads "
                f"{list(HEADS)}: "
                "rebuild it with `python scripts/train_incitement.py`"
            )
        with np.load(io.BytesIO(weights), allow_pickle=False) as loaded:
            arrays = {key: loaded[key] for key in loaded.files}
        blocks = tuple(
            Block(
                kind=spec["kind"],
                ngram_range=(int(spec["ngram_range"][0]), int(spec["ngram_range"][1])),
                vocabulary={term: i for i, term in enumerate(spec["vocabulary"])},
                idf=arrays[f"idf.{spec['kind']}"],
            )
            for spec in meta["blocks"]
        )
        return cls(
            space=FeatureSpace(blocks),
            coef=arrays["coef"],
            intercept=arrays["intercept"],
            calibration=arrays["calibration"],
            thresholds=dict(meta["thresholds"]),
            card=card,
        )

    @classmethod
    def load(cls, folder: Path | None = None) -> IncitementModel:
        """Load from ``folder``, else from the package, after checking the card's digests."""
        where = str(folder) if folder is not None else f"redline/models/{MODEL_DIR}"
        try:
            base: Any = (
                folder if folder is not None else resources.files(MODEL_PACKAGE).joinpath(MODEL_DIR)
            )
            card = json.loads(base.joinpath(CARD_FILE).read_text("utf-8"))
            payloads = {
                name: base.joinpath(name).read_bytes() for name in (META_FILE, WEIGHTS_FILE)
            }
        except (FileNotFoundError, ModuleNotFoundError, NotADirectoryError, ValueError) as error:
            raise ModelNotFoundError(
                f"the incitement model was expected in {where} ({CARD_FILE}, {META_FILE}, "
                f"{WEIGHTS_FILE}) but could not be read ({error}); reinstall Redline or rebuild "
                "it with `python scripts/train_incitement.py`"
            ) from error
        for name, payload in payloads.items():
            expected = card.get("files", {}).get(name, {}).get("sha256")
            if _sha256(payload) != expected:
                raise ModelNotFoundError(
                    f"{where}/{name} has sha256 {_sha256(payload)!r} but {CARD_FILE} expects "
                    f"{expected!r}; the file is damaged or was replaced: reinstall Redline or "
                    "rebuild it with `python scripts/train_incitement.py`"
                )
        return cls.from_bytes(payloads[META_FILE], payloads[WEIGHTS_FILE], card)


def _terms_by_column(vocabulary: Mapping[str, int]) -> list[str]:
    terms = [""] * len(vocabulary)
    for term, column in vocabulary.items():
        terms[column] = term
    return terms


def _sha256(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def _write_npz(path: Path, arrays: Mapping[str, npt.NDArray[Any]]) -> None:
    """A deflated ``.npz`` with fixed member timestamps, so that rebuilds are byte-identical."""
    import zipfile

    with (
        atomic_path(path) as temporary,
        zipfile.ZipFile(
            temporary, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9
        ) as archive,
    ):
        for key in sorted(arrays):
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(arrays[key]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{key}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue(), compresslevel=9)


@functools.cache
def load_model() -> IncitementModel:
    """The shipped model, loaded on first use and shared by the whole process."""
    return IncitementModel.load()
