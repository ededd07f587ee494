"""The Russian paragraph model and its plumbing: paragraphs and offsets (CRLF included), the
task's metric, the SemEval-2023 reader, the shipped files and predictions on Russian text.

Its dev score is measured, not read from the card, by
``tests/benchmarks/test_techniques_russian_quality_gate.py``.
"""

import dataclasses
import json
import random
from pathlib import Path

import numpy as np
import pytest

from redline.techniques.datasets import line_offsets, load_semeval2023, semeval2023_digest
from redline.techniques.paragraphs import (
    CARD_COPY,
    ParagraphModel,
    embed,
    load_paragraph_model,
    paragraph_items,
    predict_labelled,
    shingles,
    split_paragraphs,
)
from redline.techniques.scoring import paragraph_micro_f1
from redline.techniques.taxonomy import TECHNIQUES

MODEL_DIR = Path(__file__).resolve().parents[2] / "src" / "redline" / "models" / "techniques" / "ru"

STATEMENT = (
    "Заявление МИД России\r\n"
    "\r\n"
    "Так называемые «западные партнёры» снова лгут. Киевский режим, эти марионетки Вашингтона, "
    "готовы воевать до последнего украинца, лишь бы угодить своим хозяевам!\r\n"
    "\r\n"
    "Неужели кто-то всерьёз верит, что эти деньги дойдут до простых людей? Разве не очевидно, "
    "что их разворуют коррупционеры из окружения Зеленского?\r\n"
)
WEATHER = (
    "Погода в Подмосковье\n"
    "\n"
    "В среду в Московской области ожидается облачная погода, температура воздуха днём составит "
    "от двух до четырёх градусов тепла. Ветер юго-западный, пять метров в секунду.\n"
)


# -- paragraphs ---------------------------------------------------------------------------------


def test_paragraphs_are_the_non_blank_lines_with_crlf_offsets() -> None:
    paragraphs = split_paragraphs(STATEMENT, title_end=len("Заявление МИД России"))
    assert len(paragraphs) == 3
    assert [p.in_title for p in paragraphs] == [True, False, False]
    for paragraph in paragraphs:
        body = STATEMENT[paragraph.start : paragraph.end]
        assert body == body.strip() and "\r" not in body and "\n" not in body
    second = paragraphs[1]
    sentences = [STATEMENT[s:e] for s, e in second.sentences]
    assert sentences[0] == "Так называемые «западные партнёры» снова лгут."
    assert sentences[-1].endswith("хозяевам!")


def test_paragraphs_take_given_sentences_clipped_to_the_line() -> None:
    text = "Первая строка. Ещё одна.\nВторая строка"
    # A sentence that runs over the line break is cut at it, into both paragraphs.
    paragraphs = split_paragraphs(text, sentences=[(0, 14), (15, 38)])
    assert [p.sentences for p in paragraphs] == [((0, 14), (15, 24)), ((25, 38),)]


def test_line_offsets_count_the_carriage_return() -> None:
    assert line_offsets("А\r\nБВ\r\n\r\nГ") == {1: (0, 1), 2: (3, 5), 3: (7, 7), 4: (9, 10)}


def test_shared_phrases_mark_repetition_across_paragraphs() -> None:
    text = (
        "Киевский режим снова обстреливает мирные кварталы.\n"
        "Министр провёл совещание.\n"
        "И снова киевский режим снова обстреливает школы.\n"
    )
    items = paragraph_items(text, split_paragraphs(text))
    assert ["shared_phrase" in i.extra for i in items] == [True, False, True]
    assert "режим снова обстреливает" in shingles(text)


# -- the task's metric ----------------------------------------------------------------------------


def test_paragraph_micro_f1_is_the_organisers_sklearn_micro_f1() -> None:
    from sklearn.metrics import f1_score
    from sklearn.preprocessing import MultiLabelBinarizer

    names = sorted(TECHNIQUES)
    rng = random.Random(3)
    gold = [rng.sample(names, rng.randrange(0, 4)) for _ in range(200)]
    predicted = [rng.sample(names, rng.randrange(0, 3)) for _ in range(200)]
    binariser = MultiLabelBinarizer().fit([names])
    expected = f1_score(
        binariser.transform(gold),
        binariser.transform(predicted),
        average="micro",
        zero_division=1,
    )
    assert paragraph_micro_f1(predicted, gold).f1 == pytest.approx(expected)
    assert paragraph_micro_f1([[]], [["Doubt"]]).f1 == 0.0
    with pytest.raises(ValueError):
        paragraph_micro_f1([[]], [])


# -- the SemEval-2023 reader, on a corpus written here --------------------------------------------


def test_reader_keeps_crlf_offsets_and_paragraph_labels(tmp_path: Path) -> None:
    folder = tmp_path / "semeval2023_task3" / "ru"
    (folder / "train-articles-subtask-3").mkdir(parents=True)
    (folder / "train-labels-subtask-3-spans").mkdir()
    text = "Заголовок\r\n\r\nТак называемые эксперты опять ошиблись.\r\n"
    (folder / "train-articles-subtask-3" / "article7.txt").write_bytes(text.encode("utf-8"))
    (folder / "train-labels-subtask-3.txt").write_text(
        "7\t1\t\n7\t3\tDoubt,Loaded_Language\n", encoding="utf-8"
    )
    start = text.index("Так")
    (folder / "train-labels-subtask-3-spans" / "article7-labels-subtask-3.txt").write_text(
        f"7\tDoubt\t{start}\t{start + 23}\n", encoding="utf-8"
    )
    [article] = load_semeval2023("ru", "train", tmp_path)
    assert article.text == text
    first, third = article.paragraphs
    assert (first.line, first.techniques) == (1, ())
    assert (third.line, third.techniques) == (3, ("Doubt", "Loaded_Language"))
    assert text[third.start : third.end] == "Так называемые эксперты опять ошиблись."
    [(technique, s, e)] = article.spans
    assert (technique, text[s:e]) == ("Doubt", "Так называемые эксперты")
    assert len(semeval2023_digest([article])) == 64


# -- the shipped model ----------------------------------------------------------------------------


def test_model_files_stay_small_and_the_card_says_what_they_were_trained_on() -> None:
    size = sum(p.stat().st_size for p in MODEL_DIR.iterdir() if p.is_file())
    assert size < 5_000_000
    card = json.loads((MODEL_DIR / CARD_COPY).read_text(encoding="utf-8"))
    model = load_paragraph_model("ru")
    assert card == model.card
    assert card["language"] == "ru"
    assert "Russian train" in card["data"]["train"]
    assert card["data"]["not_used_for_training"] == ["SemEval-2023 Task 3 Russian dev (evaluation)"]
    assert {"paragraph_micro_f1_train_cv5", "dev_paragraph_micro_f1"} <= set(card["scores"])
    assert set(model.classes) <= set(TECHNIQUES)
    assert 0.0 <= model.mix <= 1.0 and 0.0 < model.threshold < 1.0


def test_model_saves_byte_identical_files(tmp_path: Path) -> None:
    model = load_paragraph_model("ru")
    model.save(tmp_path / "a")
    model.save(tmp_path / "b")
    for name in ("model.json.gz", "weights.npz", "model_card.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    again = ParagraphModel.load("ru", tmp_path / "a")
    assert np.array_equal(again.paragraph.coef, model.paragraph.coef)
    assert model.embedding is not None and again.embedding is not None
    assert np.array_equal(again.embedding.coef, model.embedding.coef)
    assert again.embedding_weight == model.embedding_weight


def test_model_embedding_head_covers_the_classes_and_its_weight_was_cross_validated() -> None:
    model = load_paragraph_model("ru")
    assert model.embedding is not None
    assert model.embedding.classes == model.classes
    assert model.embedding.coef.shape == (len(model.classes), 512)
    hyper = model.card["hyperparameters"]
    assert hyper["embedding_weight"] == model.embedding_weight
    assert 0.0 < model.embedding_weight < 1.0
    variants = model.card["variants"]
    assert variants["ngrams_alone"]["cv5"] <= model.card["scores"]["paragraph_micro_f1_train_cv5"]


def test_embed_gives_unit_rows_and_puts_a_translation_nearest() -> None:
    rows = embed(["Киевский режим снова лжёт.", "The Kyiv regime is lying again.", "Погода", " "])
    assert rows.shape == (4, 512)
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-4)
    assert float(rows[0] @ rows[1]) > float(rows[0] @ rows[2])
    assert embed([]).shape == (0, 512)


def test_model_without_its_embedding_head_scores_with_the_ngrams_only() -> None:
    model = load_paragraph_model("ru")
    paragraphs = split_paragraphs(STATEMENT, title_end=20)
    bare = dataclasses.replace(model, embedding=None, embedding_weight=0.0)
    half = dataclasses.replace(model, stack=None, embedding_weight=0.0)
    assert np.array_equal(
        bare.probabilities(STATEMENT, paragraphs)[0], half.probabilities(STATEMENT, paragraphs)[0]
    )
    assert not np.array_equal(
        bare.probabilities(STATEMENT, paragraphs)[0], model.probabilities(STATEMENT, paragraphs)[0]
    )


def test_model_scores_a_loaded_statement_above_a_weather_report() -> None:
    model = load_paragraph_model("ru")
    statement = model.predict(STATEMENT, split_paragraphs(STATEMENT, title_end=20))
    found = {name for p in statement[1:] for name in p.techniques}
    assert {"Loaded_Language", "Name_Calling-Labeling", "Doubt"} <= found
    weather = model.predict(WEATHER, split_paragraphs(WEATHER, title_end=20))
    # The threshold is tuned for micro-F1 on propaganda-dense news, so it favours recall: a
    # neutral paragraph may reach it for Loaded Language, but no more, and far below the
    # statement's paragraphs.
    assert all(len(p.techniques) <= 1 for p in weather)
    loaded = min(max(p.probabilities.values()) for p in statement[1:])
    assert all(max(p.probabilities.values()) < loaded for p in weather)


def test_model_evidence_is_a_sentence_of_its_paragraph() -> None:
    model = load_paragraph_model("ru")
    for prediction in model.predict(STATEMENT, split_paragraphs(STATEMENT, title_end=20)):
        assert set(prediction.evidence) == set(prediction.techniques)
        for start, end in prediction.evidence.values():
            assert (start, end) in prediction.paragraph.sentences
        ranked = [prediction.probabilities[n] for n in prediction.techniques]
        assert ranked == sorted(ranked, reverse=True)
        assert all(prediction.probabilities[n] >= model.threshold for n in prediction.techniques)


def test_a_higher_threshold_reports_fewer_techniques() -> None:
    model = load_paragraph_model("ru")
    paragraphs = split_paragraphs(STATEMENT, title_end=20)
    default = sum(len(p.techniques) for p in model.predict(STATEMENT, paragraphs))
    strict = sum(len(p.techniques) for p in model.predict(STATEMENT, paragraphs, threshold=0.95))
    assert strict < default


def test_predict_labelled_leaves_a_blank_labelled_line_empty(tmp_path: Path) -> None:
    folder = tmp_path / "semeval2023_task3" / "ru" / "dev-articles-subtask-3"
    folder.mkdir(parents=True)
    (folder / "article9.txt").write_text(STATEMENT, encoding="utf-8", newline="")
    (folder.parent / "dev-labels-subtask-3.txt").write_text(
        "9\t1\t\n9\t2\t\n9\t3\tLoaded_Language\n", encoding="utf-8"
    )
    articles = load_semeval2023("ru", "dev", tmp_path)
    predicted, gold = predict_labelled(load_paragraph_model("ru"), articles)
    assert gold == [[], [], ["Loaded_Language"]]
    assert predicted[1] == []  # line 2 is blank
