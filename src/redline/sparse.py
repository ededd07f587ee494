"""Sparse linear scoring without scipy: the shipped models' run-time arithmetic.

>>> import numpy as np
>>> batch = (np.array([0, 2, 2]), np.array([0, 1]), np.array([1.0, 2.0]))
>>> csr_linear(batch, np.array([[1.0, 10.0]]), np.array([0.5])).tolist()
[[21.5], [0.5]]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

CSRBatch = tuple[
    npt.NDArray[np.integer[Any]], npt.NDArray[np.integer[Any]], npt.NDArray[np.floating[Any]]
]


Index = TypeVar("Index", bound=np.integer[Any])
Value = TypeVar("Value", bound=np.floating[Any])


def csr_rows(
    rows: Iterable[tuple[Sequence[int], Sequence[float]]],
    index_dtype: type[Index],
    data_dtype: type[Value],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[Index], npt.NDArray[Value]]:
    """``(indptr, indices, data)`` of a matrix given row by row as (columns, values).

    >>> [a.tolist() for a in csr_rows([([0, 1], [1.0, 2.0]), ([], [])], np.int32, np.float32)]
    [[0, 2, 2], [0, 1], [1.0, 2.0]]
    """
    indptr = [0]
    indices: list[int] = []
    data: list[float] = []
    for columns, values in rows:
        indices.extend(columns)
        data.extend(values)
        indptr.append(len(indices))
    return (
        np.asarray(indptr, dtype=np.int64),
        np.asarray(indices, dtype=index_dtype),
        np.asarray(data, dtype=data_dtype),
    )


def csr_linear(
    batch: CSRBatch, coef: npt.NDArray[Any], intercept: npt.NDArray[Any]
) -> npt.NDArray[Any]:
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
