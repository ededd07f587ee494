"""Russian names for the actors layer: lemmas that link every case of a name, kept apart by
gender, and the nominative a name is shown in.

pymorphy3 gives each word its dictionary forms; three things about names need more than that:

- a woman's surname has the man's as its dictionary form («Петровой» -> «петров»), which
  would make her him: it is kept feminine («петрова»);
- in a person's name only a name reading counts («Курганов» is not the genitive plural of
  «курган»), and a name pymorphy3 does not know is its own lemma;
- a gazetteer form is written in the nominative, so only its nominative readings count
  («Петрова» there is a woman, not Петров's genitive).

>>> normal_forms("Соединённых")   # doctest: +SKIP
('соединить',)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from redline.matching import Word

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc

CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@cache
def morph_analyzer() -> Any:
    """pymorphy3's analyser, loaded once per process (its dictionary is large)."""
    from pymorphy3 import MorphAnalyzer

    return MorphAnalyzer()


@lru_cache(maxsize=65536)
def normal_forms(word: str) -> tuple[str, ...]:
    """The dictionary forms of a gazetteer form's word: of its nominative readings where it
    has one (the gazetteer writes names in the nominative, so «Петрова» there is a woman, not
    Петров's genitive), of all its readings otherwise («Штатов»)."""
    parses = morph_analyzer().parse(word)
    nominative = [p for p in parses if "nomn" in p.tag] or parses
    return tuple(dict.fromkeys(_gendered(p) for p in nominative))


_NAME_GRAMMEMES = frozenset({"Name", "Surn", "Patr"})


def _gendered(parse: Any) -> str:
    """A reading's dictionary form, a woman's surname kept feminine: pymorphy3 gives
    «Навальной» the dictionary form «навальный», which would make her her husband."""
    if {"Surn", "femn"} <= parse.tag.grammemes:
        nominative = parse.inflect({"nomn"})
        if nominative is not None:
            return str(nominative.word)
    return str(parse.normal_form)


def _text_lemma(token: Any) -> str:
    """The parse's lemma of a token, a woman's surname kept feminine (see :func:`_gendered`):
    «Петрова» is a woman's name where the parse says the word is feminine. In a person's
    name only a name reading counts: «Курганов» is a surname there, not the genitive plural
    of «курган», whether or not pymorphy3 knows it as one."""
    person = token.ent_type_ == "PERSON"
    return _lemma_of(token.text, token.lemma_, token.morph.get("Gender") == ["Fem"], person)


@lru_cache(maxsize=65536)
def _lemma_of(word: str, lemma: str, feminine: bool, person: bool = False) -> str:
    parses = morph_analyzer().parse(word)
    if person:
        chosen = [p for p in parses if _NAME_GRAMMEMES & p.tag.grammemes]
        if not chosen:  # a name pymorphy3 does not know as one is its own lemma
            return word.lower()
    else:
        chosen = [p for p in parses if p.normal_form == lemma]
    if feminine:
        chosen = [p for p in chosen if "femn" in p.tag] or chosen
    return _gendered(chosen[0]) if chosen else lemma


def tokenised(
    tokenizer: Callable[[str], SpacyDoc], patterns: Iterable[tuple[str, Any]]
) -> Iterable[tuple[list[str], str, Any]]:
    """Patterns split into words by the tokenizer that split the text, so both sides agree on
    where «Санкт-Петербург» or «Минобороны РФ» break."""
    for form, value in patterns:
        form = " ".join(form.split())
        words = [t.text for t in tokenizer(form) if not t.is_space]
        if len(form) >= 2 and words:
            yield words, form, value


def words(parsed: SpacyDoc) -> list[Word]:
    return [
        Word(t.idx, t.idx + len(t.text), _text_lemma(t), t.is_lower and _place_name(t.text))
        for t in parsed
        if not t.is_space
    ]


@lru_cache(maxsize=65536)
def _place_name(word: str) -> bool:
    """Every reading pymorphy3 has of the word is a place's name («украину», «сша», «киева»;
    not «киев», also a declension of «кий», nor «запад», «мир», «орел»)."""
    parses = morph_analyzer().parse(word)
    return bool(parses) and all("Geox" in p.tag for p in parses)


def entity_keys(parsed: SpacyDoc) -> dict[tuple[int, int], tuple[str, str]]:
    """Each entity's key and name: its lemmas, which are the same whatever its case («Ивана
    Петрова» and «Иван Петров» are both «иван петров»), and its nominative as written."""
    keys = {}
    for entity in parsed.ents:
        words = [t for t in entity if not t.is_punct and not t.is_space]
        key = " ".join(_text_lemma(t) for t in words)
        keys[entity.start_char, entity.end_char] = (key, _nominative(words, entity.label_))
    return keys


def _nominative(words: list[Any], label: str) -> str:
    """A name in the nominative, gender and number kept («Марии Петровой» is «Мария
    Петрова»). Every word of a person's name agrees with the others; in other names only the
    words up to the first noun do, and what follows is a complement left as written
    («Министерства обороны» is «Министерство обороны»)."""
    out = []
    agreeing = True
    for token in words:
        word = token.text
        if agreeing:
            feminine = token.morph.get("Gender") == ["Fem"]
            word = _inflected(token.text, "nomn", feminine, label == "PERSON")
            agreeing = label == "PERSON" or token.pos_ not in ("NOUN", "PROPN")
        out.append(word)
    return " ".join(out)


def _inflected(word: str, case: str, feminine: bool = False, person: bool = False) -> str:
    """``word`` in ``case`` (its first analysis that has one, a feminine one first where the
    parse says the word is feminine, a name reading only in a person's name), capitals as
    written."""
    parses = morph_analyzer().parse(word)
    if person:
        parses = [p for p in parses if _NAME_GRAMMEMES & p.tag.grammemes]
    if feminine:
        parses = sorted(parses, key=lambda p: "femn" not in p.tag)
    for parse in parses:
        form = parse.inflect({case})
        if form is not None:
            inflected = str(form.word)
            if word.isupper():
                return inflected.upper()
            return inflected[:1].upper() + inflected[1:] if word[:1].isupper() else inflected
    return word


__all__ = ["CYRILLIC", "entity_keys", "normal_forms", "tokenised", "words"]
