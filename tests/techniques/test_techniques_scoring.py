"""The SemEval-2020 Task 11 SI and TC scoring, on cases worked out by hand."""

import pytest

from redline.techniques.scoring import merge_overlapping, si_score, tc_score


def test_scoring_merge_joins_overlaps_not_neighbours() -> None:
    assert merge_overlapping([(5, 9), (0, 6), (9, 12), (20, 20)]) == [(0, 9), (9, 12)]


def test_scoring_si_partial_credit_normalised_by_each_length() -> None:
    # Predicted [0, 10) against gold [5, 25): 5 shared characters.
    result = si_score({"a": [(0, 10)]}, {"a": [(5, 25)]})
    assert result.precision == pytest.approx(5 / 10)
    assert result.recall == pytest.approx(5 / 20)
    assert result.f1 == pytest.approx(2 * 0.5 * 0.25 / 0.75)


def test_scoring_si_one_prediction_covering_two_gold_spans() -> None:
    result = si_score({"a": [(0, 100)]}, {"a": [(0, 10), (50, 60)]})
    assert result.precision == pytest.approx(20 / 100)
    assert result.recall == pytest.approx(1.0)


def test_scoring_si_merges_overlapping_gold_and_predictions() -> None:
    # Two overlapping gold spans count as one; so do two overlapping predictions.
    result = si_score({"a": [(0, 6), (4, 10)]}, {"a": [(0, 5), (3, 10)]})
    assert (result.predicted, result.gold) == (1, 1)
    assert result.f1 == pytest.approx(1.0)


def test_scoring_si_articles_without_predictions_still_count_in_recall() -> None:
    result = si_score({"a": [(0, 10)]}, {"a": [(0, 10)], "b": [(0, 10)]})
    assert result.precision == pytest.approx(1.0)
    assert result.recall == pytest.approx(0.5)


def test_scoring_tc_aligns_labels_at_identical_offsets() -> None:
    gold = {("a", 0, 5): ["Doubt", "Slogans"], ("a", 9, 12): ["Repetition"]}
    predicted = {("a", 0, 5): ["Slogans", "Doubt"], ("a", 9, 12): ["Doubt"]}
    result = tc_score(predicted, gold)
    assert result.micro_f1 == pytest.approx(2 / 3)
    assert result.per_label["Doubt"][:2] == (0.5, 1.0)
    assert result.per_label["Repetition"][:2] == (0.0, 0.0)


def test_scoring_tc_refuses_a_missing_prediction() -> None:
    with pytest.raises(ValueError, match="predict once per gold line"):
        tc_score({("a", 0, 5): ["Doubt"]}, {("a", 0, 5): ["Doubt", "Slogans"]})
