import pytest

from redline.matching import SurfaceMatcher, fold


@pytest.mark.parametrize(
    "text", ["İstanbul", "Zelenskyy’s", "Ångström — «Киев»", "ﬁnance ß", "🚀x\u0301"]
)
def test_matching_fold_keeps_length(text: str) -> None:
    assert len(fold(text)) == len(text)


def test_matching_fold_normalises_case_accents_apostrophes_dashes() -> None:
    assert fold("Nicolás Maduro’s—") == "nicolas maduro's-"


@pytest.fixture(scope="module")
def matcher() -> SurfaceMatcher:
    return SurfaceMatcher(
        [
            ("Kyiv", "kyiv"),
            ("Kiev", "kyiv"),
            ("Киев", "kyiv"),
            ("US", "usa"),
            ("Turkey", "turkey"),
            ("Washington", "dc"),
            ("Washington D.C.", "dc"),
            ("al-Sharaa", "sharaa"),
            ("the Kremlin", "kremlin"),
        ]
    )


def test_matching_offsets_point_into_original(matcher: SurfaceMatcher) -> None:
    text = "Strikes on Kiev’s centre and on Киев."
    found = matcher.find(text)
    assert [(text[m.start : m.end], m.values) for m in found] == [
        ("Kiev", ("kyiv",)),
        ("Киев", ("kyiv",)),
    ]


def test_matching_respects_word_boundaries(matcher: SurfaceMatcher) -> None:
    assert matcher.find("Kievan Rus and USSR") == []


def test_matching_capitalised_patterns_need_capitals(matcher: SurfaceMatcher) -> None:
    assert [m.form for m in matcher.find("let us eat turkey in Turkey; the US said")] == [
        "Turkey",
        "US",
    ]


def test_matching_longest_wins(matcher: SurfaceMatcher) -> None:
    assert [m.form for m in matcher.find("Please vaporize Washington D.C. now")] == [
        "Washington D.C."
    ]


def test_matching_diacritics_and_dash_variants(matcher: SurfaceMatcher) -> None:
    assert [m.form for m in matcher.find("Al‑Sharaa and the Kremlin")] == [
        "Al‑Sharaa",
        "the Kremlin",
    ]


def test_matching_mixed_case_abbreviation_needs_exact_case() -> None:
    matcher = SurfaceMatcher([("LeT", "let"), ("Lashkar-e-Taiba", "let")])
    assert [m.form for m in matcher.find("Let us talk about LeT.")] == ["LeT"]
