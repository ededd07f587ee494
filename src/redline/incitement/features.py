"""Text features of the incitement model, computed with the standard library and numpy only.

The model is trained with scikit-learn (``scripts/train_incitement.py``) but scored without it:
this module re-implements, term for term, the transform of the two fitted ``TfidfVectorizer``
blocks the training script builds (:data:`WORD` and :data:`CHAR`):

1. preprocessing: :func:`normalise_text` (tweet artefacts neutral), then lower case;
2. terms: word 1-2-grams over the token pattern ``(?u)\\b\\w[\\w']*\\b``, or character 2-5-grams
   inside word boundaries (``char_wb``: each whitespace-separated word padded with one space);
3. weights: sublinear tf (``1 + ln(count)``) times the fitted IDF, L2-normalised per block;
4. the two blocks side by side (a ``FeatureUnion``), word block first.

``tests/incitement/test_incitement_model.py`` checks the result against scikit-learn's
``predict_proba`` to 1e-6 whenever scikit-learn is installed.

>>> word_terms("Kill them ALL")
['kill', 'them', 'all', 'kill them', 'them all']
>>> char_wb_terms("ab", 2, 3)
[' a', 'ab', 'b ', ' ab', 'ab ']
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from redline.sparse import csr_linear, csr_rows

# The vectorizer settings; the training script builds its TfidfVectorizers from these, so the
# two halves cannot drift apart.
TOKEN_PATTERN = r"(?u)\b\w[\w']*\b"
WORD: dict[str, Any] = {
    "analyzer": "word",
    "ngram_range": (1, 2),
    "min_df": 2,
    "max_features": 60_000,
    "token_pattern": TOKEN_PATTERN,
}
CHAR: dict[str, Any] = {
    "analyzer": "char_wb",
    "ngram_range": (2, 5),
    "min_df": 3,
    "max_features": 120_000,
}
BLOCKS = ("word", "char")

_URL = re.compile(r"https?://\S+|www\.\S+|\bURL\b")
_MENTION = re.compile(r"@\w+")
_RT = re.compile(r"^\s*RT\b\s*:?")
_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(TOKEN_PATTERN)
_WHITE_SPACES = re.compile(r"\s\s+")  # scikit-learn's char_wb whitespace folding


def normalise_text(text: str) -> str:
    """The text as the model sees it: tweet artefacts (URLs, @mentions, RT, entities) neutral.

    Training and run time both pass texts through this, so a reader comment and a tweet look
    alike to the model.

    >>> normalise_text("RT @bob: kill &amp; burn http://x.y #now")
    '@user: kill & burn now'
    """
    text = html.unescape(text)
    text = _RT.sub(" ", text)
    text = _URL.sub(" ", text)
    text = _MENTION.sub("@user", text)
    text = text.replace("#", " ")
    return _SPACE.sub(" ", text).strip()


def word_terms(text: str, low: int = 1, high: int = 2) -> list[str]:
    """Word n-grams of a lower-cased text, in scikit-learn's order."""
    tokens = _TOKEN.findall(text.lower())
    found = list(tokens) if low == 1 else []
    for n in range(max(low, 2), min(high, len(tokens)) + 1):
        found.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return found


def char_wb_terms(text: str, low: int = 2, high: int = 5) -> list[str]:
    """Character n-grams inside word boundaries, exactly as scikit-learn's ``char_wb``."""
    found: list[str] = []
    for word in _WHITE_SPACES.sub(" ", text.lower()).split():
        padded = f" {word} "
        size = len(padded)
        for n in range(low, high + 1):
            offset = 0
            found.append(padded[offset : offset + n])
            while offset + n < size:
                offset += 1
                found.append(padded[offset : offset + n])
            if offset == 0:  # a word shorter than n is counted once, as scikit-learn does
                break
    return found


@dataclass(frozen=True)
class Block:
    """One fitted TF-IDF block: vocabulary (term -> column) and IDF per column."""

    kind: str  # "word" or "char"
    ngram_range: tuple[int, int]
    vocabulary: Mapping[str, int]
    idf: npt.NDArray[np.float64]

    def terms(self, text: str) -> list[str]:
        low, high = self.ngram_range
        return (
            word_terms(text, low, high) if self.kind == "word" else char_wb_terms(text, low, high)
        )

    def row(self, text: str) -> tuple[list[int], list[float]]:
        """Columns and L2-normalised sublinear TF-IDF values of one (normalised) text."""
        counts: dict[int, int] = {}
        vocabulary = self.vocabulary
        for term in self.terms(text):
            column = vocabulary.get(term)
            if column is not None:
                counts[column] = counts.get(column, 0) + 1
        if not counts:
            return [], []
        columns = sorted(counts)
        values = [(1.0 + math.log(counts[c])) * float(self.idf[c]) for c in columns]
        norm = math.sqrt(sum(v * v for v in values))
        return columns, [v / norm for v in values]


@dataclass(frozen=True)
class FeatureSpace:
    """The word and character blocks side by side (the columns of the model's weights)."""

    blocks: tuple[Block, ...]

    @property
    def size(self) -> int:
        return sum(len(b.vocabulary) for b in self.blocks)

    def matrix(
        self, texts: Sequence[str]
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64]]:
        """``(indptr, indices, data)``: the CSR matrix of already normalised texts."""
        return csr_rows((self._row(text) for text in texts), np.int64, np.float64)

    def _row(self, text: str) -> tuple[list[int], list[float]]:
        """The columns and values of one text, each block's columns after the blocks before."""
        indices: list[int] = []
        data: list[float] = []
        offset = 0
        for block in self.blocks:
            columns, values = block.row(text)
            indices.extend(offset + c for c in columns)
            data.extend(values)
            offset += len(block.vocabulary)
        return indices, data


def decision(
    batch: tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64]],
    coef: npt.NDArray[np.float64],
    intercept: npt.NDArray[np.float64],
) -> npt.NDArray[np.float64]:
    """``X @ coef.T + intercept`` for a CSR batch; shape (rows, heads)."""
    return csr_linear(batch, coef, intercept)
