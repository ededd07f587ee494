"""Sparse linear scoring without scipy: the shipped models' run-time arithmetic.

>>> import numpy as np
>>> batch = (np.array([0, 2, 2]), np.array([0, 1]), np.array([1.0, 2.0]))
>>> csr_linear(batch, np.array([[1.0, 10.0]]), np.array([0.5])).tolist()
[[21.5], [0.5]]
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

CSRBatch = tuple[npt.NDArray[np.integer[Any]], npt.NDArray[np.integer[Any]], npt.NDArray[np.floating[Any]]]


def csr_linear(batch: CSRBatch, coef: npt.NDArray[Any], intercept: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """``X @ coef.T + intercept`` for rows given as CSR (indptr, indices, data); shape (rows,
    outputs), in ``coef``'s dtype. Rows without features score the intercept."""
    indptr, indices, data = batch
    rows = len(indptr) - 1
    out = np.tile(intercept.astype(coef.dtype), (rows, 1))
    if len(indices) == 0:
        return out
    contributions = coef[:, indices].T * data[:, None]
    nonempty = np.flatnonzero(np.diff(indptr) > 0)
    out[nonempty] += np.add.reduceat(contributions, indptr[nonempty], axis=0)
    return out
