"""ScopeIndex: the scope at an offset, looked up in logarithmic time (issue 15 §1)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from redline.document import Document
from redline.scope import _PRIORITY, AUTHOR, Scope, ScopeIndex

FIXTURES = Path(__file__).resolve().parent / "analyzers" / "fixtures"


def _at_by_scan(index: ScopeIndex, offset: int, length: int) -> Scope:
    """The scan ScopeIndex.at replaced: each scope starting at or before it, innermost wins."""
    best: Scope | None = None
    for scope in reversed([s for s in index._by_start if s.start <= offset]):
        if scope.start <= offset < scope.end and (
            best is None or _PRIORITY.index(scope.label) < _PRIORITY.index(best.label)
        ):
            best = scope
    return best or Scope("body", AUTHOR, "body", 0, length, "body")


@pytest.mark.parametrize(
    "fixture", ["qa_interview.txt", "article_thread.txt", "press_conference.txt"]
)
def test_scope_at_every_offset_matches_the_scan(
    fixture: str, analyse: Callable[..., Document]
) -> None:
    document = analyse((FIXTURES / fixture).read_text(encoding="utf-8"))
    index = ScopeIndex(document)
    labels = {scope.label for scope in index._by_start}
    assert len(labels) >= 2  # turns, quotes or comments: scopes that nest in one another
    length = len(document.text)
    for offset in range(-1, length + 2):
        assert index.at(offset) == _at_by_scan(index, offset, length), offset
