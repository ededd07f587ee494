"""Quoted voices: a direct quote speaks in its speaker's voice, a paraphrase stays the writer's."""

from redline import analyze
from redline.document import Document


def _analyze(text: str) -> Document:
    return analyze(Document.from_text(text))


def _claim(document: Document, words: str) -> dict:
    return next(dict(s.attrs) for s in document.layer("claims") if words in s.text)


def test_voices_direct_quote_carries_the_speakers_threat() -> None:
    document = _analyze(
        '"We will strike their bases," Foreign Minister Sergei Lavrov told reporters on Monday.'
    )
    [quote] = document.layer("voices")
    assert quote.attrs["speaker_id"] == "sergei_lavrov" and quote.attrs["state"] == "russia"
    claim = _claim(document, "strike")
    assert claim["stance"] == "threaten"
    assert claim["speaker"] == "Sergei Lavrov" and claim["reported_by"] == "author"


def test_voices_paraphrase_stays_the_writers_report() -> None:
    document = _analyze(
        "Foreign Minister Sergei Lavrov told reporters on Monday that Russia would strike their "
        "bases."
    )
    assert document.layer("voices") == ()
    assert _claim(document, "strike")["stance"] == "report"


def test_voices_we_in_a_quote_is_the_speakers_state() -> None:
    document = _analyze(
        'The talks ended without progress. "We will never accept sanctions against our country," '
        "said Sergei Lavrov."
    )
    groups = {
        s.attrs["scope"]: s.attrs["actor_id"]
        for s in document.layer("groups")
        if s.label == "in_group"
    }
    assert groups == {"quote:sergei_lavrov": "russia"}


def test_voices_pronoun_speaker_is_the_person_named_before() -> None:
    document = _analyze(
        'Sergei Lavrov spoke in Geneva. He added: "Any attack on our territory will be repelled."'
    )
    [quote] = document.layer("voices")
    assert quote.attrs["speaker_id"] == "sergei_lavrov"


def test_voices_a_voice_quoting_itself_is_no_new_voice() -> None:
    document = _analyze(
        'We are not yet in a position from which we could say, "This is victory and this is our '
        'territory."'
    )
    assert document.layer("voices") == ()
