"""The actors layer on Russian text: Cyrillic forms through lemmas, the English layer's ids,
demonyms, role titles, and distinct ids for names the gazetteer lacks (issue 13)."""

from collections.abc import Callable
from functools import cache

import pytest

from redline.document import Document, Metadata, Span
from redline.pipeline import Pipeline


@cache
def _pipeline() -> Pipeline:
    return Pipeline.from_names(["structure", "actors"])


@pytest.fixture(scope="module")
def actors() -> Callable[..., list[Span]]:
    """The actors layer of a text read as ``language`` (Russian unless told)."""

    def run(text: str, date: str | None = None, language: str = "ru") -> list[Span]:
        document = Document.from_text(text, Metadata(date=date, language=language))
        return list(_pipeline().run(document).layer("actors"))

    return run


def _ids(spans: list[Span]) -> dict[str, str]:
    return {span.text: str(span.attrs["actor_id"]) for span in spans}


def test_actors_ru_inflected_forms_link_to_the_english_ids(
    actors: Callable[..., list[Span]],
) -> None:
    spans = actors(
        "В Вашингтоне заявили, что помощь Киеву продолжится: представитель Соединённых Штатов "
        "передал Зеленскому, что НАТО и Минобороны США согласовали новый пакет."
    )
    ids = _ids(spans)
    # «помощь Киеву» is aid to Ukraine's government or to the city: the form is shared.
    assert ids.pop("Киеву") in ("gov_ukraine", "kyiv")
    assert ids == {
        "Вашингтоне": "gov_united_states",
        "Соединённых Штатов": "united_states",
        "Зеленскому": "volodymyr_zelenskyy",
        "НАТО": "nato",
        "Минобороны США": "us_department_of_defense",
    }


@pytest.mark.parametrize(
    "text,form,actor_id",
    [
        ("Удары по Киеву продолжаются.", "Киеву", "kyiv"),
        ("Жители Киева провели ночь в укрытиях.", "Киева", "kyiv"),
        ("Взрывы прогремели в Киеве.", "Киеве", "kyiv"),
        (
            "Позиция Соединённых Штатов Америки не изменилась.",
            "Соединённых Штатов Америки",
            "united_states",
        ),
        ("Соединенные Штаты пригрозили санкциями.", "Соединенные Штаты", "united_states"),
        ("Так заявили в Минобороны России.", "Минобороны России", "russian_ministry_of_defence"),
        ("Песков ответил журналистам.", "Песков", "dmitry_peskov"),
        ("Встреча с Лавровым не состоялась.", "Лавровым", "sergei_lavrov"),
    ],
)
def test_actors_ru_every_case_of_a_name(
    actors: Callable[..., list[Span]], text: str, form: str, actor_id: str
) -> None:
    assert _ids(actors(text)).get(form) == actor_id


def test_actors_ru_and_english_name_the_same_actors_with_the_same_ids(
    actors: Callable[..., list[Span]],
) -> None:
    russian = actors("Путин и Зеленский обсудили с НАТО безопасность Украины и России.")
    english = actors(
        "Putin and Zelensky discussed the security of Ukraine and Russia with NATO.",
        language="en",
    )
    ids = {span.attrs["actor_id"] for span in russian}
    assert ids == {span.attrs["actor_id"] for span in english}
    assert ids == {"vladimir_putin", "volodymyr_zelenskyy", "nato", "ukraine", "russia"}


def test_actors_ru_demonym_adjectives_stand_for_their_state(
    actors: Callable[..., list[Span]],
) -> None:
    spans = actors(
        "Российские военные отразили атаку, сообщили в штабе. Украинской стороне передали "
        "список, а американских инструкторов в регионе нет."
    )
    demonyms = {s.text: s.attrs["actor_id"] for s in spans if s.attrs["match"] == "demonym"}
    assert demonyms == {
        "Российские": "russia",
        "Украинской": "ukraine",
        "американских": "united_states",
    }


def test_actors_ru_unlinked_people_get_distinct_ids_from_their_lemmas(
    actors: Callable[..., list[Span]],
) -> None:
    spans = actors(
        "Губернатор Иван Петров встретился с депутатом Марией Петровой. Позднее слова Ивана "
        "Петрова подтвердил Сергей Иванов, а Петров промолчал."
    )
    people = {s.text: s for s in spans if not s.attrs["linked"]}
    ids = {text: span.attrs["actor_id"] for text, span in people.items()}
    assert ids["Иван Петров"] == ids["Ивана Петрова"] == ids["Петров"] == "ner:иван_петров"
    assert ids["Марией Петровой"] == "ner:мария_петрова" != ids["Сергей Иванов"]
    assert people["Марией Петровой"].attrs["name"] == "Мария Петрова"
    assert people["Ивана Петрова"].attrs["name"] == "Иван Петров"


def test_actors_ru_role_titles_resolve_by_document_date(
    actors: Callable[..., list[Span]],
) -> None:
    text = "Президент США позвонил российскому президенту, а вице-президент США промолчал."
    roles = {s.text: s.attrs["actor_id"] for s in actors(text, "2023-06-01") if s.label == "person"}
    assert roles == {"Президент США": "joe_biden", "российскому президенту": "vladimir_putin"}
    later = {s.text: s.attrs["actor_id"] for s in actors(text, "2025-06-01")}
    assert later["Президент США"] == "donald_trump"


def test_actors_ru_common_words_are_not_actors(actors: Callable[..., list[Span]]) -> None:
    """Lower-case words that share a lemma with a name stay words: «штатов» of a staff, «мир»."""
    spans = actors("Сокращение штатов в министерстве обсуждали весь день, и мир это заметил.")
    assert not [s for s in spans if s.attrs["linked"]]


def test_actors_ru_place_names_written_in_lower_case_are_linked(
    actors: Callable[..., list[Span]],
) -> None:
    """A scornful post writes states in lower case; a word that can only be a place's name is
    still linked («киев» is also a form of «кий», «запад» a direction: they are not)."""
    spans = actors("сша и европа опять врут, а украину они бросят. С запада пришла гроза.")
    assert {s.attrs["actor_id"] for s in spans} == {"united_states", "europe", "ukraine"}


def test_actors_ru_a_surname_pymorphy_does_not_know_keeps_one_id(
    actors: Callable[..., list[Span]],
) -> None:
    """«Курганов» reads as the genitive plural of «курган» out of context; in a person's name
    it is a surname, the same in every case."""
    spans = actors("Ведущий Андрей Курганов спросил гостя. Андрею Курганову ответили не сразу.")
    people = {s.text: s.attrs for s in spans if s.label == "person"}
    assert people["Андрей Курганов"]["actor_id"] == "ner:андрей_курганов"
    assert people["Андрею Курганову"]["actor_id"] == "ner:андрей_курганов"
    assert people["Андрею Курганову"]["name"] == "Андрей Курганов"


def test_actors_ru_a_surname_alone_is_the_person_named_in_full_in_another_case(
    actors: Callable[..., list[Span]],
) -> None:
    """«Вечер с Владимиром Соловьёвым» ... «Соловьёв:»: a surname alone, in any case, is the
    person the text named in full before (the gazetteer lists only the full name)."""
    spans = actors(
        "«Вечер с Владимиром Соловьёвым». Эфир от 3 декабря\n\nСоловьёв: Добрый вечер.\n\n"
        "Гость ответил Соловьёву не сразу."
    )
    linked = [s for s in spans if "Соловь" in s.text]
    assert [s.text for s in linked] == ["Владимиром Соловьёвым", "Соловьёв", "Соловьёву"]
    assert {s.attrs["actor_id"] for s in linked} == {"vladimir_solovyov"}
    # A surname that comes before the full name is no reference to it.
    before = actors("Соловьёв опоздал. Позже пришёл и Владимир Соловьёв.")
    assert [s.attrs["actor_id"] for s in before if s.text == "Соловьёв"] != ["vladimir_solovyov"]
