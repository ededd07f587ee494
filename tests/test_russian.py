"""The Russian pipeline: natasha's models behind spaCy's Doc, in spaCy-English's scheme."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Token

from redline.document import Document, Metadata
from redline.nlp import load_pipeline
from redline.pipeline import Pipeline

Voices = Callable[[str], list[tuple[str, str, str]]]


@pytest.fixture(scope="module")
def parse() -> Language:
    nlp = load_pipeline(None, "ru")
    return nlp


def _token(doc: Doc, text: str) -> Token:
    return next(t for t in doc if t.text == text)


def test_offsets_are_the_texts_and_sentences_split(parse: Language) -> None:
    text = "МИД России заявил о готовности к переговорам.\n\nНо Киев их отверг! Почему?"
    doc = parse(text)
    assert doc.text == text
    assert [s.text.strip() for s in doc.sents if s.text.strip()] == [
        "МИД России заявил о готовности к переговорам.",
        "Но Киев их отверг!",
        "Почему?",
    ]


def test_initials_glued_to_a_surname_are_split_off_it(parse: Language) -> None:
    doc = parse("Комментарий М.В.Захаровой: В.В.Путин и т.е. США.")
    words = [t.text for t in doc]
    assert words[1:3] == ["М.В.", "Захаровой"] and words[4:6] == ["В.В.", "Путин"]
    assert "т.е." in words  # lower-case abbreviations stay whole


def test_an_emojis_selector_glued_to_a_word_is_split_off_it(parse: Language) -> None:
    """«⚡️Наши штурмовики»: the variation selector after the emoji is not part of «Наши»."""
    doc = parse("⚡️Наши штурмовики продвигаются.")
    [word] = [t for t in doc if t.text.endswith("Наши")]
    assert (word.text, word.lemma_) == ("Наши", "наш")


def test_hyphenated_words_stay_whole_as_natasha_tokenizes_them(parse: Language) -> None:
    doc = parse("Кто-то из-за санкций ждёт военно-технических мер в Нью-Йорке, 2022-2023.")
    words = [t.text for t in doc]
    assert {"Кто-то", "из-за", "военно-технических", "Нью-Йорке"} <= set(words)
    assert {"2022", "2023"} <= set(words)  # a range of numbers still splits


def test_inflected_words_get_their_dictionary_form(parse: Language) -> None:
    doc = parse("Армия нанесла удары по складам Киева.")
    assert [t.lemma_ for t in doc][:5] == ["армия", "нанести", "удар", "по", "склад"]


def test_relations_are_written_in_spacy_englishs_scheme(parse: Language) -> None:
    doc = parse("Мы нанесём удар по Вашингтону.")
    strike, by, city = _token(doc, "нанесём"), _token(doc, "по"), _token(doc, "Вашингтону")
    assert strike.dep_ == "ROOT" and strike.morph.get("Tense", []) == ["Fut"]
    assert _token(doc, "удар").dep_ == "dobj" and _token(doc, "Мы").dep_ == "nsubj"
    assert (by.dep_, by.head) == ("prep", _token(doc, "удар"))
    assert (city.dep_, city.head) == ("pobj", by)


def test_a_modal_predicate_becomes_the_aux_of_its_infinitive(parse: Language) -> None:
    doc = parse("Мы должны ответить.")
    answer, must = _token(doc, "ответить"), _token(doc, "должны")
    assert answer.dep_ == "ROOT" and answer.tag_ == "VB"
    assert (must.dep_, must.tag_, must.head) == ("aux", "MD", answer)
    assert _token(doc, "Мы").head == answer


def test_negation_imperative_and_entities(parse: Language) -> None:
    doc = parse("Не трогайте Зеленского, сказал Песков в Москве.")
    assert _token(doc, "Не").dep_ == "neg"
    assert _token(doc, "трогайте").tag_ == "VB"
    assert {(e.text, e.label_) for e in doc.ents} >= {
        ("Зеленского", "PERSON"),
        ("Песков", "PERSON"),
        ("Москве", "GPE"),
    }


@pytest.mark.parametrize(
    ("text", "word", "lemma"),
    [
        ("Бомбите Лондон!", "Бомбите", "бомбить"),  # slovnet: a proper noun
        ("Убивайте их всех.", "Убивайте", "убивать"),  # slovnet: a participle
        ("Бейте врага!", "Бейте", "бить"),  # slovnet: an infinitive
        ("Ударим по Киеву!", "Ударим", "ударить"),  # «let us strike», not «we will strike»
        ("Давайте ударим по Харькову.", "ударим", "ударить"),
        ("Ребята, мочите их!", "мочите", "мочить"),
    ],
)
def test_an_imperative_the_tagger_misreads_is_an_imperative(
    parse: Language, text: str, word: str, lemma: str
) -> None:
    token = _token(parse(text), word)
    assert (token.pos_, token.morph.get("Mood"), token.lemma_) == ("VERB", ["Imp"], lemma)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Вы бомбите Лондон каждый день.", "бомбите"),  # its subject is there: you bomb
        ("Почему бомбите Донецк?", "бомбите"),  # a question asks, it does not command
        ("Мы ударим по Киеву, если потребуется.", "ударим"),  # we will strike
        ("Вышли возле Мариинского парка.", "Вышли"),  # they came out, not «send!»
        # not where a command stands
        ("Завтра они сказали, что ударим первыми, и ударим.", "ударим"),
    ],
)
def test_a_form_shared_with_the_indicative_is_read_as_the_indicative(
    parse: Language, text: str, word: str
) -> None:
    assert _token(parse(text), word).morph.get("Mood") != ["Imp"]


@pytest.mark.parametrize(
    ("text", "word", "pos", "case"),
    [
        # slovnet tags these verbs; pymorphy has only an adjective or only a noun for them
        ("ублюдочную украину нужно стереть", "ублюдочную", "ADJ", "Acc"),
        # (a word the dictionary lacks: pymorphy guesses it a noun, and its case by analogy)
        ("Осуждаю буллинг послов.", "буллинг", "NOUN", None),
        ("Смерть ворогам!", "ворогам", "NOUN", "Dat"),
    ],
)
def test_a_verb_the_dictionary_reads_only_as_a_noun_or_adjective_is_one(
    parse: Language, text: str, word: str, pos: str, case: str | None
) -> None:
    token = _token(parse(text), word)
    assert token.pos_ == pos
    assert case is None or token.morph.get("Case") == [case]


@pytest.mark.parametrize(
    ("text", "word", "tense"),
    [
        # slovnet tags these nouns; pymorphy's dictionary has only a finite verb for them
        ("Встретится ли Трамп с Ким Чен Ыном ещё раз?", "Встретится", "Fut"),
        ("Давайте ещё ядерной бомбой по Варшаве шарахнем.", "шарахнем", "Fut"),
    ],
)
def test_a_noun_the_dictionary_reads_only_as_a_verb_is_one(
    parse: Language, text: str, word: str, tense: str
) -> None:
    token = _token(parse(text), word)
    assert (token.pos_, token.morph.get("Tense")) == ("VERB", [tense])


def test_a_name_the_dictionary_does_not_know_stays_a_name(parse: Language) -> None:
    assert _token(parse("Зеленский встретился с Макроном."), "Макроном").pos_ == "PROPN"


def test_a_verb_the_dictionary_also_reads_as_a_verb_stays_a_verb(parse: Language) -> None:
    assert _token(parse("Мы осуждаем удары по Киеву."), "осуждаем").pos_ == "VERB"


def test_every_sentence_is_one_tree_even_where_slovnet_loops(parse: Language) -> None:
    # slovnet parses these with a loop; every rule that walks up the tree needs a tree.
    doc = parse("Хохлы — свиньи. Вперёд, бейте оккупантов!\nivan_77 · 2 часа назад\nНужно уйти.")
    for sentence in doc.sents:
        roots = [t for t in sentence if t.head == t and not t.is_space]
        assert len(roots) == 1, sentence.text
        for token in sentence:
            steps = 0
            while token.head != token:
                token, steps = token.head, steps + 1
                assert steps <= len(sentence), sentence.text


def test_a_line_break_ends_a_sentence(parse: Language) -> None:
    doc = parse("ivan_77 · 2 часа назад\nНужно расстрелять их всех.")
    assert [s.text.strip() for s in doc.sents] == [
        "ivan_77 · 2 часа назад",
        "Нужно расстрелять их всех.",
    ]
    assert next(t for t in doc if t.text == "Нужно").dep_ == "aux"


# -- A verb of saying after its content, and the quotations the voices layer finds --------------


def test_a_verb_of_saying_after_its_content_heads_it(parse: Language) -> None:
    # slovnet (UD) makes the content the root and the verb its parataxis; the rules read the
    # English scheme: "We will respond, the minister said" (said ROOT, respond ccomp).
    doc = parse("Мы ответим жёстко, — заявил министр. Переговоры зашли в тупик, считает эксперт.")
    said, respond = _token(doc, "заявил"), _token(doc, "ответим")
    assert said.dep_ == "ROOT" and (respond.dep_, respond.head) == ("ccomp", said)
    assert (_token(doc, "министр").dep_, _token(doc, "министр").head) == ("nsubj", said)
    thinks = _token(doc, "считает")
    assert thinks.dep_ == "ROOT" and (_token(doc, "зашли").head, _token(doc, "зашли").dep_) == (
        thinks,
        "ccomp",
    )


def test_a_speaker_hung_on_the_content_becomes_the_verbs_subject(parse: Language) -> None:
    doc = parse(
        "Европа может остаться без газа, если продолжит санкции, заявил в эфире Fox News "
        "экс-советник министра обороны США."
    )
    said = _token(doc, "заявил")
    assert said.dep_ == "ROOT" and _token(doc, "остаться").head == said
    adviser = _token(doc, "экс-советник")  # one word, as natasha tokenizes it
    assert (adviser.dep_, adviser.head) == ("nsubj", said)


def test_a_verb_of_saying_stays_where_it_is_not_an_attribution(parse: Language) -> None:
    # the subject before the verb: a statement of its own, not an attribution
    doc = parse("Молодежь ринулась грабить магазины – демократия требует жертв!")
    assert _token(doc, "ринулась").dep_ == "ROOT"
    # a parenthetical «как утверждает X» inside the clause it attributes
    doc = parse("Это объясняется, как утверждает Володин, боязнью лидера.")
    assert _token(doc, "объясняется").dep_ == "ROOT"


@pytest.fixture(scope="module")
def voices() -> Voices:
    pipeline = Pipeline.from_names(["structure", "actors", "voices"])

    def run(text: str) -> list[tuple[str, str, str]]:
        document = pipeline.run(Document.from_text(text, Metadata(language="ru")))
        return [(q.text, str(q.attrs["speaker"]), q.rule) for q in document.layer("voices")]

    return run


def test_dash_speech_with_no_space_after_the_dash(voices: Voices) -> None:
    assert voices("— Украина проиграет эту войну, —считает политолог Иван Петров.") == [
        ("Украина проиграет эту войну", "Иван Петров", "ru.dash_speech")
    ]


def test_dash_speech_that_quotes_a_name_is_still_speech(voices: Voices) -> None:
    assert voices("— Санкции не работают, — считает обозреватель газеты «Труд» Иван Петров.") == [
        ("Санкции не работают", "Иван Петров", "ru.dash_speech")
    ]


def test_according_to_his_words(voices: Voices) -> None:
    found = voices("Министр Сергей Шойгу выступил в Думе. По его словам, «мы ответим на агрессию».")
    assert found == [("мы ответим на агрессию", "Сергей Шойгу", "ru.cue_then_quote")]


def test_a_statement_that_names_no_author_is_the_last_bodys(voices: Voices) -> None:
    found = voices(
        "Минобороны России выпустило заявление. В заявлении говорится: «Армия ответит на "
        "любую провокацию»."
    )
    assert found == [
        ("Армия ответит на любую провокацию", "Минобороны России", "ru.cue_then_quote")
    ]


def test_a_quotation_of_several_paragraphs_opens_each_with_a_mark(voices: Voices) -> None:
    found = voices(
        "Министр Сергей Шойгу выступил в Думе.\n\n«Мы не допустим эскалации.\n\n«Мы будем "
        "действовать жёстко», — сказал он."
    )
    assert found == [
        (
            "Мы не допустим эскалации.\n\n«Мы будем действовать жёстко",
            "Сергей Шойгу",
            "ru.quote_then_cue",
        )
    ]


def test_speech_without_marks_before_a_comma_and_a_dash(voices: Voices) -> None:
    found = voices("Сергей Лавров выступил в ООН. Мы ответим на любую агрессию, — сказал он.")
    assert found == [("Мы ответим на любую агрессию", "Сергей Лавров", "ru.speech_then_cue")]
    # a comma alone is paraphrase, the writer's report
    assert voices("Россия ответит на любую агрессию, заявил министр.") == []


def test_a_paragraph_of_quotation_goes_on_the_speaker_of_the_paragraph_before(
    voices: Voices,
) -> None:
    found = voices(
        "Глава МИД Сергей Лавров заявил, что Запад играет с огнём.\n\n"
        "«Мы ответим на любую агрессию»."
    )
    assert found == [("Мы ответим на любую агрессию", "Сергей Лавров", "ru.paragraph_after_cue")]
    # the one who speaks, not one inside their words («..., что Москва не возражала»)
    found = voices(
        "Министр Сергей Лавров заявил, что Москва не возражала против этого.\n«Пусть решают сами»"
    )
    assert [speaker for _, speaker, _ in found] == ["Сергей Лавров"]
    # no cue in the paragraph before: no speaker, no quotation
    assert voices("В Москве прошёл митинг.\n\n«Мы ответим на любую агрессию».") == []


def test_a_speaker_named_by_their_trade_is_the_person_named_before(voices: Voices) -> None:
    found = voices("Фильм снял Сергей Иванов.\n\n«Мы снимали его три года», — рассказал режиссер.")
    assert found == [("Мы снимали его три года", "Сергей Иванов", "ru.quote_then_cue")]


def test_a_role_word_is_the_person_last_named_as_a_subject(voices: Voices) -> None:
    found = voices(
        "Депутат Константин Затулин выступил в Думе. Он передал министру Сергею Лаврову "
        "свои предложения.\n\n«Мы пришли туда надолго», — резюмировал депутат."
    )
    assert [speaker for _, speaker, _ in found] == ["Константин Затулин"]


def test_speech_broken_off_from_its_attribution_line(voices: Voices) -> None:
    found = voices(
        "Депутат Константин Затулин выступил в Думе.\n\nМы пришли туда надолго. И никто не "
        "собирается отдавать эти территории,\n\n– резюмировал депутат в беседе с журналистами."
    )
    assert found == [
        (
            "Мы пришли туда надолго. И никто не собирается отдавать эти территории",
            "Константин Затулин",
            "ru.speech_then_cue",
        )
    ]


@pytest.mark.parametrize(
    ("text", "word", "tense"),
    [
        # slovnet tags these future; pymorphy also reads them as an imperfective present
        ("Военнослужащие наносят удары по мирному населению.", "наносят", "Pres"),
        ("Украинский канал демонизирует Дугина.", "демонизирует", "Pres"),
        ("Запад финансирует Киев.", "финансирует", "Pres"),
        # a perfective has no present: its non-past form is the future
        ("Мы нанесём удар по складам.", "нанесём", "Fut"),
        ("Россия ответит на провокацию.", "ответит", "Fut"),
    ],
)
def test_a_form_with_an_imperfective_present_reading_is_the_present(
    parse: Language, text: str, word: str, tense: str
) -> None:
    assert _token(parse(text), word).morph.get("Tense") == [tense]


@pytest.mark.parametrize(
    ("text", "word", "label"),
    [
        # The one addressed by an imperative, set off by a comma, is no subject.
        ("Бейте их, ребята, не жалейте!", "ребята", "vocative"),
        ("Солдаты, держите строй!", "Солдаты", "vocative"),
        # A pronoun subject of an imperative, and a subject of any other verb, stay subjects.
        ("Вы держитесь!", "Вы", "nsubj"),
        ("Ребята, солдаты держат строй.", "солдаты", "nsubj"),
    ],
)
def test_the_one_addressed_is_no_subject(parse: Language, text: str, word: str, label: str) -> None:
    assert _token(parse(text), word).dep_ == label


def test_a_consequence_hung_on_its_condition_becomes_the_root(parse: Language) -> None:
    """slovnet makes «если» clauses the root and the consequence their parataxis, or gives the
    condition a word after its comma; the repair makes the consequence the root and the
    condition its ``advcl``, as spaCy parses "If ..., we will respond"."""
    doc = parse("Если новые ограничения будут введены, мы ответим.")
    respond = next(t for t in doc if t.text == "ответим")
    introduced = next(t for t in doc if t.text == "введены")
    assert (respond.dep_, introduced.dep_, introduced.head.i) == ("ROOT", "advcl", respond.i)
    doc = parse("Если удары продолжатся, ответ будет таким, что от них ничего не останется.")
    answer = next(t for t in doc if t.text == "ответ")
    continued = next(t for t in doc if t.text == "продолжатся")
    assert answer.head != continued and continued.dep_ == "advcl"
    # «Если ..., то ...» parsed right and a condition after its consequence are left alone.
    doc = parse("Мы ответим, если санкции будут введены.")
    assert next(t for t in doc if t.text == "ответим").dep_ == "ROOT"
