"""Which language a text is in, and which languages Redline analyses.

English and Russian each have a pipeline; any other language gets structure only, and the
document says so (:attr:`redline.document.Metadata.unanalysed_language`): no finding is ever
produced by rules or models built for another language.
"""

from __future__ import annotations

from typing import Final

ANALYSED_LANGUAGES: Final = ("en", "ru")
DEFAULT_LANGUAGE: Final = "en"
# Too few Latin letters to tell a language by: the text is taken to be in the default language
# (a headline, a one-word comment): on a few words py3langid confuses Latin-script languages
# that share their words ("Kyiv", "NATO", "OK").
MIN_LETTERS: Final = 40
SAMPLE_CHARS: Final = 10_000


def detect(text: str) -> str | None:
    """The ISO 639-1 code of the language ``text`` is written in; None when it has too few
    letters to tell."""
    import py3langid  # ships no type hints: see [[tool.mypy.overrides]] in pyproject.toml

    sample = text[:SAMPLE_CHARS]
    letters = [c for c in sample if c.isalpha()]
    # A short text in a script of its own (Cyrillic, Han, Arabic ...) is still told apart from
    # English reliably; only a short Latin-script one is left to the default.
    latin = sum(c.isascii() for c in letters)
    if len(letters) < MIN_LETTERS and (latin * 2 >= len(letters) or len(letters) < 4):
        return None
    code, _ = py3langid.classify(sample)
    return str(code)


def is_analysed(language: str | None) -> bool:
    """Whether Redline has a pipeline for ``language`` (None: too short to tell, analysed as
    the default language)."""
    return language is None or language in ANALYSED_LANGUAGES


def analysis_language(language: str | None) -> str:
    """The pipeline a text in ``language`` is analysed with (call only when analysed)."""
    return language if language in ANALYSED_LANGUAGES else DEFAULT_LANGUAGE


def unanalysed_notice(language: str) -> str:
    """What a report says of a document in a language Redline has no pipeline for."""
    analysed = ", ".join(ANALYSED_LANGUAGES)
    return (
        f"language {language!r} is not analysed (Redline analyses {analysed}): "
        "structure only, no findings"
    )


__all__ = [
    "ANALYSED_LANGUAGES",
    "DEFAULT_LANGUAGE",
    "analysis_language",
    "detect",
    "is_analysed",
    "unanalysed_notice",
]
