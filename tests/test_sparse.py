import numpy as np
import pytest

from redline.sparse import csr_linear


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_sparse_csr_linear_equals_dense_product(dtype: type) -> None:
    rng = np.random.default_rng(7)
    dense = rng.random((5, 12)) * (rng.random((5, 12)) > 0.6)
    dense[2] = 0.0  # a row without features scores the intercept
    indptr = np.concatenate([[0], np.cumsum((dense != 0).sum(axis=1))])
    rows, cols = np.nonzero(dense)
    coef, intercept = rng.random((3, 12)).astype(dtype), rng.random(3).astype(dtype)
    found = csr_linear((indptr, cols, dense[rows, cols].astype(dtype)), coef, intercept)
    assert found.dtype == dtype
    np.testing.assert_allclose(found, dense @ coef.T + intercept, rtol=1e-5)
