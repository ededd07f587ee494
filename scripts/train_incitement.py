"""Rebuild the incitement model shipped in ``src/redline/models/incitement/``.

    python scripts/train_incitement.py [DATA_ROOT] [--out src/redline/models/incitement] [--seed 13]

``DATA_ROOT`` defaults to ``../shared/data/incitement`` beside the checkout (ethos/, olid/ and
davidson/, read in place as their READMEs describe; nothing is copied into the repository).
The recipe is :mod:`redline.incitement.training`; the result is written without pickles as
``model.json.gz`` + ``weights.npz`` (numpy scores it at run time) and ``model_card.json``
(data digests, sizes, hyperparameters, thresholds, the benchmark's scores). With the same data
and seed the files are byte-identical.

GermEval (German) is not trained on: see ``not_used`` in the model card and the cross-lingual
ablation in ``benchmarks/results/incitement.md``. HateCheck is a diagnostic only.

Needs scikit-learn (``pip install -e ".[bench]"``); run it with ``nice``: it takes a few minutes.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import sklearn  # type: ignore[import-untyped]

from redline.incitement import training
from redline.incitement.datasets import (
    DEFAULT_ROOT,
    HEADS,
    Corpus,
    incitement_root,
    load_training,
    sha256,
)
from redline.incitement.features import CHAR, WORD
from redline.incitement.model import CARD_FILE

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "src" / "redline" / "models" / "incitement"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "data",
        nargs="?",
        type=Path,
        default=DEFAULT_ROOT,
        help="folder holding ethos/, olid/, davidson/",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--seed", type=int, default=training.SEED)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        corpora = load_training(args.data)
    except FileNotFoundError as error:
        parser.error(str(error))
    features, heads = training.fit(corpora, args.seed)
    card_path = args.out / CARD_FILE
    previous = json.loads(card_path.read_text("utf-8")) if card_path.exists() else {}
    model = training.export(features, heads, {})
    files = model.save(args.out)
    card = model_card(corpora, args.data, args.seed, files, model.space.size, previous)
    card_path.write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    total = sum(f["bytes"] for f in files.values()) / 1e6
    print(
        f"wrote {args.out} ({total:.1f} MB, {model.space.size:,} features) in "
        f"{time.perf_counter() - started:.0f} s"
    )
    return 0


def model_card(
    corpora: Sequence[Corpus],
    data: Path,
    seed: int,
    files: dict[str, Any],
    n_features: int,
    previous: dict[str, Any],
) -> dict[str, Any]:
    root = incitement_root(data)
    return {
        "name": training.MODEL_NAME,
        "format": (
            "numpy: model.json.gz (vocabularies, calibration, thresholds) + weights.npz "
            "(float64, no pickles)"
        ),
        "files": files,
        "heads": {
            "hate": "P(text is hateful or abusive toward a person or group)",
            "violence": "P(text calls for, threatens or wishes violence)",
        },
        "thresholds": training.THRESHOLDS,
        "features": {
            "word": {k: list(v) if isinstance(v, tuple) else v for k, v in WORD.items()},
            "char": {k: list(v) if isinstance(v, tuple) else v for k, v in CHAR.items()},
            "sublinear_tf": True,
            "norm": "l2 per block",
            "lowercase": True,
            "total": n_features,
        },
        "classifier": (
            "LogisticRegression(class_weight=balanced, lbfgs) + sigmoid calibration "
            "(cv=5, ensemble=False)"
        ),
        "hyperparameters": {"C": training.C, "corpus_weight": training.CORPUS_WEIGHT},
        "seed": seed,
        "training_data": [
            {
                "corpus": corpus.name,
                "texts": len(corpus),
                "labels": {
                    h: {
                        "positive": corpus.labels[h].count(1),
                        "negative": corpus.labels[h].count(0),
                    }
                    for h in HEADS
                },
                "files": [
                    {"path": str(f.relative_to(root)), "sha256": sha256(f)} for f in corpus.files
                ],
            }
            for corpus in corpora
        ],
        "not_used": {
            "germeval_harmful": (
                "German tweets; the features are English word and character n-grams, which German "
                "text barely shares. Measured (benchmarks/results/incitement.md, section 2): "
                "adding "
                "GermEval 2025 VIO to the violence head lowers F1 over all 998 ETHOS comments "
                "(0.537 -> 0.492 at the shipped threshold) and raises it on the 433 hate comments "
                "(0.609 -> 0.642): no gain for the comment stream Redline screens. Cross-lingual "
                "transfer would need a multilingual encoder, and Redline parses English only."
            ),
            "hatecheck": "diagnostic only (benchmarks/incitement_benchmark.py); never trained on",
        },
        "licences": {
            "ethos": "GPL-3.0 (data); the weights are derived from it: check before redistributing",
            "olid": "no licence stated; research use (cite Zampieri et al. 2019)",
            "davidson": "MIT",
        },
        "preprocessing": "redline.incitement.features.normalise_text, then lower case",
        "scores": previous.get("scores", {}),
        "trained_with": {
            "python": platform.python_version(),
            "scikit-learn": sklearn.__version__,
            "numpy": np.__version__,
        },
        "command": "python scripts/train_incitement.py",
    }


if __name__ == "__main__":
    raise SystemExit(main())
