"""The incitement analyzer: calls, threats, dehumanisation, identity attacks, and their contrasts.

Every sentence here is hand-written. The contrasts (reporting, quoting, condemning, negating,
warning against violence) must yield no call and no threat.
"""

from functools import cache

import pytest

from redline.analyzers import DEFAULT_ANALYZERS
from redline.analyzers.incitement import IncitementAnalyzer
from redline.document import Document, Span
from redline.errors import PipelineError
from redline.pipeline import Pipeline

PREREQUISITES = ["structure", "actors", "groups", "claims"]
VIOLENT = {"call_to_violence", "threat"}
THREAD = (
    "Talks in Geneva ended without agreement on Friday. Both delegations blamed each other for the "
    "failure, and the mediators said they would try again next month.\n\n"
    "2 Comments\n\n"
    "mike\nMay 22, 2025 at 9:14 am\nSomeone should hang the senator.\nReply\n\n"
    "anna\nMay 22, 2025 at 10:02 am\nI agree with the mediators.\nReply\n"
)


@cache
def _pipeline() -> Pipeline:
    return Pipeline([*Pipeline.from_names(PREREQUISITES).analyzers, IncitementAnalyzer()])


@cache
def _spans(text: str) -> tuple[Span, ...]:
    return tuple(_pipeline().run(Document.from_text(text)).layer("incitement"))


def _labels(text: str) -> set[str]:
    return {s.label for s in _spans(text)}


def _one(text: str, label: str) -> Span:
    found = [s for s in _spans(text) if s.label == label]
    assert found, f"no {label} in {text!r}: {[(s.label, s.text) for s in _spans(text)]}"
    return found[0]


def test_incitement_registered_after_techniques() -> None:
    assert DEFAULT_ANALYZERS[-2:] == ("techniques", "incitement")


def test_incitement_needs_the_claims_layer() -> None:
    with pytest.raises(PipelineError, match="requires layer"):
        Pipeline([*Pipeline.from_names(["structure"]).analyzers, IncitementAnalyzer()])


@pytest.mark.parametrize(
    "text",
    [
        "Please vaporize Washington D.C. and all of its inhabitants.",
        "We had a chance to hang the traitors, but it is gone.",
        "One could completely destroy the government quarter in Kiev.",
        "All gay people should be shot.",
        "Someone should burn down the mosque on Elm Street.",
        "It is time to wipe out the settlers.",
        "I hope someone strangles the senator.",
        "Death to the traitors!",
        "We must use nuclear weapons against Kyiv.",
        "They should drop bombs on the protesters.",
    ],
)
def test_incitement_calls_to_violence(text: str) -> None:
    span = _one(text, "call_to_violence")
    assert span.attrs["stance"] == "advocate"
    assert span.attrs["severity"] >= 2
    assert span.attrs["target"] or span.attrs["target_name"]


@pytest.mark.parametrize(
    "text",
    [
        "I will kill you and your family.",
        "I am going to shoot every one of those reporters.",
        "I want to kill all Muslims.",
        "You will be hanged, traitor.",
    ],
)
def test_incitement_threats(text: str) -> None:
    assert _one(text, "threat").attrs["stance"] == "threaten"


@pytest.mark.parametrize(
    "text",
    [
        # reporting someone else's words
        "They call for genocide against the Kurds.",
        "They think that we should kill them all.",
        "The minister said that the protesters should be shot.",
        "According to the indictment, he urged his followers to kill the judge.",
        # quoting
        '"Kill all the Jews," the mob chanted, according to witnesses.',
        'The placard read "hang the traitors".',
        # condemning
        "I condemn those who want to kill immigrants.",
        "It is wrong to threaten to kill anyone over a cartoon.",
        "Saying that all gay people should be shot is disgusting.",
        # negating and warning against
        "No one should ever threaten to kill a journalist.",
        "We must never bomb civilians.",
        "You should not attack your neighbours.",
        "Threatening to kill a politician will get you jailed.",
        # asking
        "Should we really bomb the city?",
        # everyday senses of violent verbs
        "Kill the lights before you leave.",
        "We should attack the problem at its root.",
        "Let's destroy the competition at the match on Saturday.",
        # reporting past violence, or obliging one to know or remember it
        "The soldiers shot three protesters in the square yesterday.",
        "We must remember that NATO bombed Belgrade.",
        "Everyone must know that Russia is shelling Kharkiv every day.",
        # weapons whose use is predicted, refused or reported
        "Russia may use nuclear weapons against Ukraine.",
        "Russia must never use nuclear weapons against Ukraine.",
        "Putin threatened to use nuclear weapons against NATO.",
        "Assad used chemical weapons against his own people.",
    ],
)
def test_incitement_contrasts_are_not_calls(text: str) -> None:
    assert not _labels(text) & VIOLENT, [(s.label, s.text, s.rule) for s in _spans(text)]


def test_incitement_dehumanisation_with_whom_it_is_said_of() -> None:
    span = _one("Immigrants are rats.", "dehumanization")
    assert span.text == "rats"
    assert span.attrs["target_group"] == "migration"
    assert span.attrs["severity"] == 1  # rhetoric: no violence named
    assert "identity_attack" in _labels("Immigrants are rats.")
    antichrists = _one(
        "Our nation is in subjugation to the Antichrists of Israel.", "dehumanization"
    )
    assert antichrists.text == "the Antichrists of Israel"
    assert antichrists.attrs["target_name"] == "Israel"


def test_incitement_dehumanisation_takes_the_violence_of_its_sentence() -> None:
    text = "Muslims are vermin and should be exterminated."
    assert {"call_to_violence", "dehumanization", "identity_attack"} <= _labels(text)
    assert (
        _one(text, "dehumanization").attrs["severity"]
        == _one(text, "call_to_violence").attrs["severity"]
        >= 2
    )


def test_incitement_no_dehumanisation_for_animals_or_negation() -> None:
    assert not _labels("The rats in the basement are back.")
    assert not _labels("Refugees are not vermin; they are people like us.") & {"dehumanization"}


@pytest.mark.parametrize(
    ("text", "hateful"),
    [
        ("I hate women.", True),
        ("Women are disgusting.", True),
        ("I don't hate women.", False),
        ("Women are not disgusting.", False),
        ("He said that he hates Muslims.", False),
        ("I love Muslims.", False),
    ],
)
def test_incitement_identity_attacks(text: str, hateful: bool) -> None:
    assert ("identity_attack" in _labels(text)) is hateful


def test_incitement_target_is_a_linked_actor() -> None:
    span = _one("Please vaporize Washington D.C.", "call_to_violence")
    assert span.attrs["target_name"] == "Washington, D.C."
    assert span.attrs["target"] == span.attrs["targets"][0]
    assert span.attrs["severity"] >= 4  # a capital


def test_incitement_span_evidence_attrs() -> None:
    document = _pipeline().run(Document.from_text(THREAD))
    (span,) = [s for s in document.layer("incitement") if s.label == "call_to_violence"]
    assert document.text[span.start : span.end] == span.text
    assert span.analyzer == "incitement"
    assert span.rule.startswith("verb:hang")
    assert 0.0 < span.confidence <= 0.98
    assert span.attrs["section"] == "comments"
    assert span.attrs["raw_section"] == "comments"
    assert span.attrs["speaker"] == "mike"
    assert span.attrs["target_name"] == "senator"
    for key in ("p_hate", "p_violence", "severity", "claim_stance", "cue", "kind", "scope"):
        assert key in span.attrs


def test_incitement_article_voice_is_marked_article() -> None:
    span = _one("We must destroy the government quarter in Kiev.", "call_to_violence")
    assert span.attrs["section"] == "article"
    assert span.attrs["speaker"] == "author"


def test_incitement_never_recommends_actions() -> None:
    for span in _spans("Please vaporize Washington D.C. and all of its inhabitants."):
        assert not {"recommendation", "action", "response"} & set(span.attrs)


def test_incitement_a_dehumanising_adjective_on_a_dehumanising_noun_is_one_finding() -> None:
    spans = [
        s
        for s in _spans("These Russian trolls are subhuman vermin.")
        if s.label == "dehumanization"
    ]
    assert [s.text for s in spans] == ["vermin"]


def test_incitement_a_pointing_pronoun_is_said_of_the_people_it_points_at() -> None:
    span = _one("These are subhumans, every one of them.", "dehumanization")
    assert span.text == "subhumans" and not span.attrs.get("target_name")
