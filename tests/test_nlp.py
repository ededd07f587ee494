"""BLAS threads while Redline runs: one, in the ordinary run as in the benchmarks (issue 15 §6)."""

from __future__ import annotations

import threading
from typing import ClassVar

import pytest
from threadpoolctl import threadpool_info

from redline.analyzers.base import AnalysisContext, AnalyzerOutput
from redline.document import Document
from redline.errors import ConfigError
from redline.nlp import BLAS_THREADS_VAR, blas_limited, load_pipeline
from redline.parsing import parse
from redline.pipeline import Pipeline


def _blas_threads() -> list[int]:
    return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]


@pytest.fixture(autouse=True)
def _default_blas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(BLAS_THREADS_VAR, raising=False)


def test_nlp_blas_limited_holds_one_thread_and_restores() -> None:
    before = _blas_threads()
    with blas_limited():
        assert set(_blas_threads()) == {1}
        with blas_limited():  # a parse inside a pipeline run
            assert set(_blas_threads()) == {1}
        assert set(_blas_threads()) == {1}  # the inner block left the outer one's limit alone
    assert _blas_threads() == before


def test_nlp_blas_limited_restores_only_when_the_last_thread_leaves() -> None:
    before = _blas_threads()
    inside, release = threading.Event(), threading.Event()

    def hold() -> None:
        with blas_limited():
            inside.set()
            release.wait(5)

    other = threading.Thread(target=hold)
    other.start()
    inside.wait(5)
    with blas_limited():
        pass  # leaves while the other thread is still inside
    assert set(_blas_threads()) == {1}
    release.set()
    other.join()
    assert _blas_threads() == before


def test_nlp_blas_threads_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    before = _blas_threads()
    monkeypatch.setenv(BLAS_THREADS_VAR, "0")
    with blas_limited():
        assert _blas_threads() == before
    monkeypatch.setenv(BLAS_THREADS_VAR, "many")
    with pytest.raises(ConfigError, match=BLAS_THREADS_VAR), blas_limited():
        pass


class _Probe:
    """Records the BLAS thread counts its analyze() and the parse run with."""

    name: ClassVar[str] = "probe"
    version: ClassVar[str] = "1.0.0"
    requires: ClassVar[tuple[str, ...]] = ()
    provides: ClassVar[tuple[str, ...]] = ("probe",)
    seen: ClassVar[list[int]] = []

    def initialize(self) -> None:
        pass

    def analyze(self, document: Document, context: AnalysisContext) -> AnalyzerOutput:
        _Probe.seen = _blas_threads()
        return AnalyzerOutput(layers={"probe": []})


def test_nlp_ordinary_pipeline_run_holds_blas_at_one_thread() -> None:
    before = _blas_threads()
    Pipeline([_Probe()]).run(Document.from_text("Host: Will they strike?"))
    assert set(_Probe.seen) == {1}
    assert _blas_threads() == before


def test_nlp_parse_holds_blas_at_one_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    nlp = load_pipeline()
    seen: list[list[int]] = []
    pipe = nlp.pipe

    def recording_pipe(*args: object, **kwargs: object) -> object:
        seen.append(_blas_threads())
        return pipe(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(nlp, "pipe", recording_pipe)
    assert (
        parse(nlp, "Host: Will they strike?\n\nGuest: No.").text
        == "Host: Will they strike?\n\nGuest: No."
    )
    assert seen and all(set(threads) == {1} for threads in seen)


def test_nlp_an_emojis_selector_glued_to_a_word_is_split_off_it() -> None:
    """ "⚡️Breaking": the loaded English pipeline splits the selector off the word; its own
    split points stay ("U.S.-led", "state-run")."""
    nlp = load_pipeline(None, "en")
    words = [t.text for t in nlp.tokenizer("⚡️Breaking: the U.S.-led (state-run) mission")]
    assert "Breaking" in words and "U.S.-led" in words and "run" in words
