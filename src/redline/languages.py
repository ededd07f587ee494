"""Which language a text is in, and which languages Redline analyses.

English and Russian each have a pipeline; any other language gets structure only, and the
document says so (:attr:`redline.document.Metadata.unanalysed_language`): no finding is ever
produced by rules or models built for another language.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import Any, Final

from redline.data_files import DataFile, load

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


class AlphabetsFile(DataFile):
    version: int
    short_letters: int
    sure: float
    plausible: float
    alphabets: dict[str, str]


@cache
def _alphabets() -> AlphabetsFile:
    return load("alphabets.yaml", AlphabetsFile)


@cache
def _identifier() -> Any:
    """py3langid's model with its scores normalised to probabilities."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_within(text: str, context: str | None) -> str | None:
    """The language of ``text`` (a comment) written inside a text in ``context``.

    As :func:`detect` says, except for a short text the classifier is unsure of: that stays in
    a language Redline analyses whose alphabet has every one of its letters and that the
    classifier finds plausible, the context's first (``data/alphabets.yaml``). On a few words
    it confuses the languages that share a script: «Бомбите Лондон!» is "Macedonian".
    """
    found = detect(text)
    if found is None or found == context:
        return found
    table = _alphabets()
    sample = text[:SAMPLE_CHARS]
    letters = [c.lower() for c in sample if c.isalpha()]
    if len(letters) >= table.short_letters:
        return found
    probability = dict(_identifier().rank(sample))
    if probability.get(found, 0.0) >= table.sure:
        return found
    candidates = [context, *ANALYSED_LANGUAGES] if context else list(ANALYSED_LANGUAGES)
    for language in candidates:
        alphabet = table.alphabets.get(language)
        if (
            alphabet is not None
            and _written_in(letters, alphabet)
            and probability.get(language, 0.0) >= table.plausible
        ):
            return language
    return found


def _written_in(letters: list[str], alphabet: str) -> bool:
    """Whether most ``letters`` are of ``alphabet``'s script and every one of that script is in
    it: a user name or "NATO" in Latin letters does not take a Russian comment out of Russian,
    an «і» does."""
    script = _script(alphabet[0])
    same = [c for c in letters if _script(c) == script]
    return 2 * len(same) > len(letters) and all(c in alphabet for c in same)


def _script(letter: str) -> str:
    return unicodedata.name(letter, "?").split(" ")[0]


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
    "detect_within",
    "is_analysed",
    "unanalysed_notice",
]
