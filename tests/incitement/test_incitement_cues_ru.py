"""The per-language cue files of the incitement layer: the same schema, each language's own
words, and the cascade's function words read from data."""

import re

import numpy
import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from redline.incitement import parse
from redline.incitement.cues import FILES, load_cues

CYRILLIC = re.compile("[а-яё]")


def test_incitement_cues_ru_load_with_the_english_schema() -> None:
    russian, english = load_cues("ru"), load_cues("en")
    assert set(FILES) == {"en", "ru"}
    assert russian.language == "ru" and english.language == "en"
    assert russian.violent_verbs["расстрелять"] == (2, False)
    assert russian.violent_verbs["убить"] == (2, True)  # "убить время"
    assert ("нелюдь",) in russian.dehumanizing and ("хохол",) in russian.dehumanizing
    assert russian.identity[("еврей",)] == "religion"
    assert "надо" in russian.call_modals and "хотеть" in russian.threat_modals


def test_incitement_cues_ru_model_only_for_english() -> None:
    # The model was trained on English corpora: Russian is read by the cues alone.
    assert load_cues("en").use_model and not load_cues("ru").use_model


def test_incitement_cues_ru_each_file_holds_its_own_language() -> None:
    russian, english = load_cues("ru"), load_cues("en")
    for table in (english.violent_verbs, english.call_modals, english.grammar.wish_markers):
        assert not any(CYRILLIC.search(word) for word in table), table
    for table in (russian.violent_verbs, russian.call_modals, russian.grammar.wish_markers):
        assert all(CYRILLIC.search(word) for word in table), table
    assert russian.grammar.match_lemmas and not english.grammar.match_lemmas
    assert russian.grammar.slur_families == {"ethnic_slur"}
    assert not english.grammar.slur_families


def test_incitement_cues_ru_grammar_keys_modals_by_lemma() -> None:
    grammar = load_cues("ru").grammar
    assert "должный" in grammar.lemma_modals and "пусть" in grammar.wish_markers
    english = load_cues("en").grammar
    assert english.modal_aliases["has"] == "have to" and "please" in english.politeness


def test_incitement_cues_ru_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="not 'de'"):
        load_cues("de")


def test_incitement_cues_ru_strip_det_uses_the_language_list() -> None:
    text = "всех предателей"
    assert parse.strip_det(text, 0, len(text), load_cues("ru").grammar) == "предателей"
    text = "all the people"
    # The first determiner of the list that fits, as before: "all", not "all the".
    assert parse.strip_det(text, 0, len(text), load_cues("en").grammar) == "the people"


def test_incitement_cues_ru_a_cyclic_parse_is_not_a_tree() -> None:
    words = ["Хохлы", "—", "свиньи"]
    doc = Doc(Vocab(), words=words, heads=[2, 2, 2], deps=["nsubj", "punct", "ROOT"])
    assert parse.is_tree(list(doc))
    # Heads written as the Russian pipeline writes them (signed offsets as uint64), with a
    # cycle: "Хохлы" under "свиньи" and "свиньи" under "Хохлы".
    cyclic = Doc(Vocab(), words=words)
    array = numpy.zeros((3, 2), dtype="uint64")
    array[:, 0] = numpy.array([2, 1, -2], dtype="int64").astype("uint64")
    array[:, 1] = [cyclic.vocab.strings.add(label) for label in ("nsubj", "punct", "appos")]
    cyclic.from_array(["HEAD", "DEP"], array)
    assert not parse.is_tree(list(cyclic))


def test_incitement_cues_ru_russian_only_readings_are_off_in_english() -> None:
    russian, english = load_cues("ru").grammar, load_cues("en").grammar
    assert russian.direct_speech and russian.tagger_repairs
    assert "надо" in russian.impersonal_modals and "должный" not in russian.impersonal_modals
    assert {"ethnic_slur", "monster"} <= russian.gloating_families
    # Vermin and animals die literally («тараканы дохнут»): no gloating.
    assert not {"vermin", "animal"} & russian.gloating_families
    assert "сдохнуть" in russian.gloating_verbs
    assert not english.direct_speech and not english.tagger_repairs
    flags = ("animate_people", "shared_objects", "strict_modal_scope", "one_call_per_series")
    assert all(getattr(russian, f) and not getattr(english, f) for f in flags)
    assert not english.impersonal_modals and not english.gloating_families
