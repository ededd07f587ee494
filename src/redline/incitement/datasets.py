"""Readers for the public corpora the incitement model is trained and measured on.

They read the folders of ``../shared/data/incitement/`` in place (see each folder's README for
provenance and licence); nothing from them is ever copied into the repository. Standard library
only, so the benchmark can use them without scikit-learn.

* ETHOS (GPL-3.0): 998 YouTube/Reddit comments, ``isHate`` >= 0.5 -> hate (433); the
  multi-label file's ``violence`` >= 0.5 on those hate comments -> violence (142).
* Davidson (MIT): tweets; class 0 hate -> hate 1; class 2 neither -> hate 0, violence 0; class
  1 "offensive" is left out (mostly casual profanity, neither hate nor a threat).
* OLID (research use): level A NOT -> hate 0, violence 0; level B TIN (targeted insult or
  threat) -> hate 1; untargeted profanity (UNT) is left out.
* GermEval 2025 VIO (GPL-3.0, German): "disturbing positive statements about violence" ->
  violence; used only by the cross-lingual ablation of the benchmark (see the model card).
* HateCheck (CC BY 4.0): the diagnostic suite; never trained on.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from redline.incitement.features import normalise_text

HEADS = ("hate", "violence")
DEFAULT_ROOT = Path(__file__).resolve().parents[4] / "shared" / "data" / "incitement"
_KEY = re.compile(r"\W+")


@dataclass
class Corpus:
    """Texts of one source with a label per head (None: the source says nothing about it)."""

    name: str
    texts: list[str] = field(default_factory=list)
    labels: dict[str, list[int | None]] = field(default_factory=lambda: {h: [] for h in HEADS})
    files: list[Path] = field(default_factory=list)

    def add(self, text: str, **labels: int | None) -> None:
        self.texts.append(normalise_text(text))
        for head in HEADS:
            self.labels[head].append(labels.get(head))

    def __len__(self) -> int:
        return len(self.texts)

    def subset(self, rows: list[int]) -> Corpus:
        """The corpus restricted to ``rows`` (for cross-validation folds)."""
        return Corpus(
            self.name,
            [self.texts[i] for i in rows],
            {h: [self.labels[h][i] for i in rows] for h in HEADS},
            self.files,
        )


def incitement_root(root: Path) -> Path:
    """``root`` itself or its ``incitement/`` folder, whichever holds the corpora."""
    return root / "incitement" if (root / "incitement").is_dir() else root


def _rows(path: Path, delimiter: str, quoting: int = csv.QUOTE_MINIMAL) -> Iterator[dict[str, str]]:
    if not path.is_file():
        raise FileNotFoundError(
            f"expected the corpus file {path}, found nothing there; pass the folder holding "
            "incitement/"
        )
    with path.open(encoding="utf-8", newline="") as handle:
        # csv's stubs want a Literal quoting constant; the callers pass csv's own constants.
        yield from csv.DictReader(handle, delimiter=delimiter, quoting=quoting)  # type: ignore[call-overload]


def load_ethos(root: Path) -> Corpus:
    """ETHOS's binary file (the 998 comments the paper evaluates), with the violence label."""
    folder = incitement_root(root) / "ethos"
    binary, multi = folder / "Ethos_Dataset_Binary.csv", folder / "Ethos_Dataset_Multi_Label.csv"
    # The multi-label file repeats the hate comments with small whitespace differences.
    violence = {
        _KEY.sub("", r["comment"].lower()): int(float(r["violence"]) >= 0.5)
        for r in _rows(multi, ";")
    }
    corpus = Corpus("ethos", files=[binary, multi])
    for row in _rows(binary, ";"):
        hate = int(float(row["isHate"]) >= 0.5)
        corpus.add(
            row["comment"],
            hate=hate,
            violence=violence[_KEY.sub("", row["comment"].lower())] if hate else 0,
        )
    return corpus


def load_davidson(root: Path) -> Corpus:
    path = incitement_root(root) / "davidson" / "labeled_data.csv"
    corpus = Corpus("davidson", files=[path])
    for row in _rows(path, ","):
        if row["class"] == "0":
            corpus.add(row["tweet"], hate=1)
        elif row["class"] == "2":
            corpus.add(row["tweet"], hate=0, violence=0)
    return corpus


def load_olid(root: Path) -> Corpus:
    path = incitement_root(root) / "olid" / "olid-training-v1.0.tsv"
    corpus = Corpus("olid", files=[path])
    for row in _rows(path, "\t", csv.QUOTE_NONE):
        if row["subtask_a"] == "NOT":
            corpus.add(row["tweet"], hate=0, violence=0)
        elif row["subtask_b"] == "TIN":
            corpus.add(row["tweet"], hate=1)
    return corpus


def load_germeval_violence(root: Path) -> Corpus:
    """GermEval 2025 VIO training tweets (German): violence only."""
    path = incitement_root(root) / "germeval_harmful" / "2025_vio" / "vio_train.csv"
    corpus = Corpus("germeval_vio", files=[path])
    for row in _rows(path, ";"):
        corpus.add(row["description"], violence=int(row["VIO"].strip().upper() == "TRUE"))
    return corpus


def load_training(root: Path, *, germeval: bool = False) -> list[Corpus]:
    """The training corpora, ETHOS first (its size is the reference for the corpus weights)."""
    corpora = [load_ethos(root), load_davidson(root), load_olid(root)]
    return [*corpora, load_germeval_violence(root)] if germeval else corpora


@dataclass(frozen=True)
class HateCheckCase:
    functionality: str
    text: str
    hateful: bool
    target: str


def load_hatecheck(root: Path) -> list[HateCheckCase]:
    path = incitement_root(root) / "hatecheck" / "test_suite_cases.csv"
    return [
        HateCheckCase(
            r["functionality"],
            r["test_case"].strip(),
            r["label_gold"] == "hateful",
            r["target_ident"],
        )
        for r in _rows(path, ",")
    ]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
