import pytest

from redline.matching import LemmaMatcher, SurfaceMatch, SurfaceMatcher, Word, fold, merge_matches


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


# -- LemmaMatcher: inflected names over a parse's lemmas ---------------------------------------

# A stand-in for pymorphy3: each word's dictionary forms.
_NORMAL = {
    "Киев": ["киев"], "Соединённые": ["соединить", "соединённый"], "Штаты": ["штат"],
    "Америки": ["америка"], "Санкт": ["санкт"], "Петербург": ["петербург"],
}  # fmt: skip


def _words(text: str, lemmas: list[str]) -> list[Word]:
    """One Word per whitespace-separated token, with the lemma given."""
    found, start = [], 0
    for token, lemma in zip(text.split(), lemmas, strict=True):
        start = text.index(token, start)
        found.append(Word(start, start + len(token), lemma))
        start += len(token)
    return found


@pytest.fixture(scope="module")
def lemmas() -> LemmaMatcher:
    patterns = [
        (["Киев"], "Киев", "kyiv"),
        (["Соединённые", "Штаты"], "Соединённые Штаты", "usa"),
        (["Соединённые", "Штаты", "Америки"], "Соединённые Штаты Америки", "usa"),
    ]
    return LemmaMatcher(patterns, lambda word: _NORMAL.get(word, []))


def test_matching_lemmas_find_inflected_multiword_names(lemmas: LemmaMatcher) -> None:
    text = "Послы Соединенных Штатов Америки прибыли в Киеве"
    words = _words(text, ["посол", "соединить", "штат", "америка", "прибыть", "в", "киев"])
    assert [(m.form, m.values) for m in lemmas.find(text, words)] == [
        ("Соединенных Штатов Америки", ("usa",)),
        ("Киеве", ("kyiv",)),
    ]


def test_matching_lemmas_keep_capitalised_words_capitalised(lemmas: LemmaMatcher) -> None:
    text = "сокращение штатов"
    assert lemmas.find(text, _words(text, ["сокращение", "штат"])) == []


def test_matching_merge_joins_values_and_keeps_the_longest() -> None:
    exact = [SurfaceMatch(0, 4, "Киев", (("kyiv", "alias"),))]
    inflected = [
        SurfaceMatch(0, 4, "Киев", (("kyiv", "alias"), ("gov_ukraine", "metonym"))),
        SurfaceMatch(0, 12, "Киев и Львов", (("pair", "alias"),)),
    ]
    merged = merge_matches(exact, inflected)
    assert [(m.start, m.end) for m in merged] == [(0, 12)]
    both = merge_matches(exact, inflected[:1])
    assert both[0].values == (("kyiv", "alias"), ("gov_ukraine", "metonym"))
