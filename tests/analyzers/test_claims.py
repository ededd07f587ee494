from collections.abc import Callable

import pytest

from redline.document import Document, Span


def _names(span: Span, role: str) -> set[str]:
    found = {str(span.attrs.get(f"{role}_name") or "")}
    state = span.attrs.get(f"{role}_state")
    if state:
        found.add(str(state).replace("_", " ").title())
    found |= (
        {str(t).replace("_", " ").title() for t in span.attrs.get("targets", [])}
        if role == "target"
        else set()
    )
    return {name.lower() for name in found}


def _matches(span: Span, expected: dict) -> bool:
    if (
        not set(expected["stance"]) & set(span.attrs["stances"])
        or span.attrs["level"] != expected["level"]
    ):
        return False
    if expected.get("actor") and expected["actor"].lower() not in _names(span, "actor"):
        return False
    targets = expected.get("target")
    if targets:
        targets = [targets] if isinstance(targets, str) else targets
        if not {t.lower() for t in targets} & _names(span, "target"):
            return False
    return not expected.get("section") or span.attrs["section"] == expected["section"]


def _claims_at(document: Document, quote: str) -> list[Span]:
    start = document.text.find(quote)
    assert start >= 0, quote
    end = start + len(quote)
    return [c for c in document.layer("claims") if c.start < end and start < c.end]


@pytest.mark.parametrize("seed", ["seed_op_ed", "seed_interview"])
def test_claims_seed_gold(seed: str, request: pytest.FixtureRequest) -> None:
    document, gold = request.getfixturevalue(seed)
    missing = [
        expected["quote"] for expected in gold["claims"]
        if not any(_matches(c, expected) for c in _claims_at(document, expected["quote"]))
    ]  # fmt: skip
    assert not missing


@pytest.mark.parametrize("seed", ["seed_op_ed", "seed_interview"])
def test_claims_seed_document_expectations(seed: str, request: pytest.FixtureRequest) -> None:
    document, gold = request.getfixturevalue(seed)
    profile = document.escalation
    assert profile is not None
    expectations = gold["document_expectations"]
    assert profile.max_advocate == expectations["max_level_advocated"]
    if "max_level_reported" in expectations:
        assert profile.max_report == expectations["max_level_reported"]


def test_claims_host_questions_are_not_advocacy(seed_interview: tuple[Document, dict]) -> None:
    document, _ = seed_interview
    assert not [
        c
        for c in document.layer("claims")
        if c.attrs["speaker"] == "Host" and c.attrs["stance"] == "advocate"
    ]


def test_claims_comment_call_belongs_to_commenter(seed_interview: tuple[Document, dict]) -> None:
    document, _ = seed_interview
    [claim] = [
        c
        for c in _claims_at(document, "vaporize Washington D.C.")
        if c.attrs["action_key"] == "vaporize"
    ]
    assert claim.attrs["section"] == "comments"
    assert claim.attrs["speaker"] != "Alexander Dugin"
    assert (claim.attrs["stance"], claim.attrs["level"], claim.attrs["target_name"]) == (
        "advocate",
        5,
        "Washington, D.C.",
    )


@pytest.mark.parametrize(
    "text,stance,level",
    [
        ("Russian missiles struck Kharkiv overnight.", "report", 3),
        ("We must strike Kharkiv before the winter.", "advocate", 3),
        ("Strike them now, before it is too late.", "advocate", 3),
        ("If NATO sends troops, we will strike their bases.", "threaten", 3),
        ("I do not see how a nuclear war can be avoided.", "predict", 5),
        ("Will Washington really invade Venezuela?", "question", 3),
        ("A ceasefire now would be a betrayal of the fallen.", "reject", 0),
        ("The Kremlin says it will strike Kyiv.", "report", 4),
        ("Kyiv was struck by drones on Monday.", "report", 4),
        ("The two ministers agreed to resume talks in Istanbul.", "report", 0),
        # Refusals by the speaker's side, and condemnations of an action.
        ("We will never invade Georgia, whatever our critics say.", "reject", 3),
        ("We refuse to negotiate with the junta in Niamey.", "reject", 0),
        ("We reject any deal that begins with the surrender of our land.", "reject", 0),
        ("Calls to nuke Gaza are disgusting.", "reject", 5),
        ("Bombing hospitals is nothing to cheer.", "reject", 3),
        # Conditional threats without an "if".
        (
            "Should they cross the river, our artillery will turn Kherson into a sea of fire.",
            "threaten",
            4,
        ),
        ("Keep arming them, and Warsaw will be wiped off the map.", "threaten", 4),
        ("Any tanker that enters the strait without permission will be seized.", "threaten", 2),
        # A question put so that the answer is yes calls for the act (ANNOTATION.md section 6).
        ("Why don't we just bomb them?", "advocate", 3),
        # A cooperative act the speaker does by saying it; "I agree" only states a view.
        ("I congratulate the people of Colombia on the election.", "advocate", 0),
        ("I agree with the peace plan.", "report", 0),
        # The rung comes from what the action is done to, not a city named further down.
        ("The army destroyed the city.", "report", 4),
        ("The army destroyed the infrastructure of three cities.", "report", 3),
    ],
)
# The rules' contrasts (the claim model decides on top of them; the escalation benchmark and
# the quality gate measure the combination).
def test_claims_stance_and_level(
    analyse_rules: Callable[..., Document], text: str, stance: str, level: int
) -> None:
    claims = analyse_rules(text).layer("claims")
    assert any(c.attrs["stance"] == stance and c.attrs["level"] == level for c in claims), [
        (c.text, c.attrs["stance"], c.attrs["level"]) for c in claims
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Moscow rejected the American ultimatum outright.",
        "We refuse to negotiate with terrorists who are holding our children hostage.",
        "Russia will not attack Finland, the minister predicted.",
    ],
)
def test_claims_refusals_of_others_are_not_the_speakers(
    analyse_rules: Callable[..., Document], text: str
) -> None:
    """Contrasts to the rejections above: someone else's refusal or denial, and what the refused
    party does."""
    claims = analyse_rules(text).layer("claims")
    hostile = [c for c in claims if c.attrs["action_key"] in ("ultimatum", "hostage", "attack")]
    assert hostile and all(c.attrs["stance"] != "reject" for c in hostile), [
        (c.text, c.attrs["stance"]) for c in claims
    ]


def test_claims_reported_strike_differs_from_call(analyse_rules: Callable[..., Document]) -> None:
    reported = analyse_rules("Israel struck Tehran last night.").layer("claims")
    called = analyse_rules("Israel should strike Tehran tonight.").layer("claims")
    assert {c.attrs["stance"] for c in reported} == {"report"}
    assert {c.attrs["stance"] for c in called} == {"advocate"}


def test_claims_passive_agent_is_actor(analyse_rules: Callable[..., Document]) -> None:
    [claim] = [
        c
        for c in analyse_rules("Odesa was shelled by Russia.").layer("claims")
        if c.attrs["action_key"] == "shell"
    ]
    assert (claim.attrs["actor_name"], claim.attrs["target_name"]) == ("Russia", "Odesa")


@pytest.mark.parametrize(
    "text",
    [
        "The prisoners of war were exchanged on Friday.",
        "Veterans of the Great Patriotic War laid flowers at the memorial.",
        "A new war memorial was unveiled in Tallinn.",
    ],
)
def test_claims_names_and_non_actions_are_not_claims(
    analyse_rules: Callable[..., Document], text: str
) -> None:
    assert not [
        c
        for c in analyse_rules(text).layer("claims")
        if c.attrs["action_key"] in ("war", "world war")
    ]


def test_claims_nuclear_word_leaves_diplomacy_on_level_0(
    analyse_rules: Callable[..., Document],
) -> None:
    [deal] = [
        c
        for c in analyse_rules("Iran and the United States revived the nuclear deal.").layer(
            "claims"
        )
        if c.attrs["action_key"] == "deal"
    ]
    assert deal.attrs["level"] == 0
    threat = analyse_rules("They threatened a nuclear strike.").layer("claims")
    assert {c.attrs["level"] for c in threat} == {5}


def _levels(document: Document, key: str) -> set[int]:
    """The levels of the document's claims whose action is ``key``."""
    return {c.attrs["level"] for c in document.layer("claims") if c.attrs["action_key"] == key}


@pytest.mark.parametrize(
    ("text", "key", "level"),
    [
        # Support for disarmament, a nuclear-free zone or a non-proliferation process is
        # diplomacy (rung 0); support given with, or as, nuclear weapons is rung 5.
        ("Both leaders supported the nuclear non-proliferation process.", "support", 0),
        ("Mongolia supports the establishment of nuclear-weapon-free zones.", "support", 0),
        ("They supported the non-proliferation of nuclear weapons.", "support", 0),
        ("Their security can be guaranteed without nuclear weapons.", "guarantee", 0),
        ("It generated massive support for the anti-nuclear movement.", "support", 0),
        ("We will guarantee their security with our nuclear weapons.", "guarantee", 5),
        ("Russia may supply nuclear weapons to Belarus.", "supply", 5),
        # Nuclear weapons renounced, given up, eliminated or banned are disarmament (rung 0),
        # developed or obtained a state arming itself (rung 1); as the means of an act, rung 5.
        (
            "Kazakhstan voluntarily renounced the fourth largest nuclear arsenal.",
            "nuclear arsenal",
            0,
        ),
        (
            "It is hard to believe Kim Jong-un will give up his nuclear weapons.",
            "nuclear weapons",
            0,
        ),
        ("We urge all members to build a world free of nuclear weapons.", "nuclear weapons", 0),
        ("Mongolia calls for the complete elimination of nuclear weapons.", "elimination", 0),
        ("They threatened to destroy Kyiv with nuclear weapons.", "destroy", 5),
        (
            "The elimination of Ukrainian troops with nuclear weapons was threatened.",
            "elimination",
            5,
        ),
        ("Russia is ready to use nuclear weapons.", "use nuclear weapons", 5),
        ("We renew our resolve to realize a world without nuclear weapons.", "nuclear weapons", 0),
        ("The two states should reduce their nuclear weapon stockpiles.", "nuclear weapon", 0),
        ("North Korea will continue to develop nuclear weapons.", "nuclear weapons", 1),
        ("Iran will not get a nuclear weapon.", "nuclear weapon", 1),
        ("The Treaty has prevented the spread of nuclear weapons.", "nuclear weapons", 0),
        # A war or an attack called propaganda or media, or done to a reputation, is rhetoric.
        ("This is a propaganda war against Russia.", "war", 1),
        ("The media attacks on the Prime Minister continued.", "attack", 1),
        ("They launched an unrelenting assault on his reputation.", "assault", 1),
        ("Russia launched a missile attack on Kharkiv.", "missile attack", 3),
        ("Russia carried out the deadliest attack in living memory on Kharkiv.", "attack", 3),
        # "launch" is force only when what is launched is; a name never settles it.
        ("Russia launched missiles at Kyiv overnight.", "launch", 4),
        ("Israel launched new air strikes against gun positions in Syria.", "launch", 3),
        ("The army launched a counteroffensive in the south.", "launch", 3),
        ("Three years ago, Sweden helped launch the New Agenda Coalition.", "launch", None),
        ("In June, fifteen countries launched a nuclear-disarmament initiative.", "launch", None),
        # A word after "non-" or "anti-" raises no level ("nuclear-armed" still does).
        ("They bombed the city with non-nuclear missiles.", "bomb", 3),
        ("They develop non-nuclear strike weapons.", "strike", 3),
        ("The talks covered strategic non-nuclear weapons.", "strategic nuclear weapons", None),
        ("North Korea fired nuclear-armed missiles at Japan.", "fire", 5),
    ],
)
def test_claims_level_of_what_is_done_with_or_to(
    analyse_rules: Callable[..., Document], text: str, key: str, level: int | None
) -> None:
    """The rung comes from what the action gives, is done with or to; None: no such claim."""
    expected = {level} if level is not None else set()
    assert _levels(analyse_rules(text), key) == expected, text


def test_claims_a_delegation_naming_its_own_state_commits_like_we(
    analyse_rules: Callable[..., Document],
) -> None:
    """A UN delegation speaks of its state in the third person: "Kazakhstan supports" is the
    voice's own side committing to a cooperative act (advocate), as "we support" is; another
    state's support stays reported."""
    text = (
        "We are committed to a world free of nuclear weapons. Kazakhstan fully supports the "
        "proposal by the Secretary-General. Russia supports the regime in Syria."
    )
    document = analyse_rules(text, author="Kazakhstan")
    stances = {c.attrs["actor_state"]: c.attrs["stance"] for c in document.layer("claims")}
    assert stances["kazakhstan"] == "advocate"
    assert stances["russia"] == "report"


def test_claims_seizing_assets_is_not_seizing_territory(
    analyse_rules: Callable[..., Document],
) -> None:
    [assets] = [
        c
        for c in analyse_rules("The EU seized Russia's central bank assets.").layer("claims")
        if c.attrs["action_key"] == "seize"
    ]
    [land] = [
        c
        for c in analyse_rules("Russia seized Crimea in 2014.").layer("claims")
        if c.attrs["action_key"] == "seize"
    ]
    assert (assets.attrs["level"], land.attrs["level"]) == (2, 3)


FIXTURES = __import__("pathlib").Path(__file__).parent / "fixtures"


def test_claims_page_furniture_and_head_lines_stay_apart(
    analyse_rules: Callable[..., Document],
) -> None:
    document = analyse_rules((FIXTURES / "wire_story.txt").read_text(encoding="utf-8"))
    claims = document.layer("claims")
    assert claims, "the story's own claims are found"
    # Nothing from "Read also: ..." or the wire credits, and no claim runs from the headline
    # into the byline although neither ends in punctuation.
    assert not [c for c in claims if "Read also" in c.text or "NATO allies" in c.text]
    assert all("\n" not in c.text for c in claims)
    assert all(c.attrs.get("actor") != "ner:anna_kowalczyk" for c in claims)


def test_claims_state_voice_third_person_threat(analyse_rules: Callable[..., Document]) -> None:
    """A spokesperson saying what their own state will do is that state's threat."""
    document = analyse_rules((FIXTURES / "briefing_outlets.txt").read_text(encoding="utf-8"))
    [threat] = [c for c in document.layer("claims") if c.attrs["action_key"] == "countermeasure"]
    assert (threat.label, threat.attrs["actor"], threat.attrs["speaker"]) == (
        "threaten",
        "china",
        "Lin Jian",
    )
    assert threat.text.startswith("China will take")
    [redline] = document.layer("redlines")
    assert (redline.attrs["setter"], redline.attrs["against"]) == ("china", ["united_states"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Any deployment to the border is a red line for us, and Helsinki knows it.",
            ["threshold"],
        ),
        ("Our red lines have been ignored for years.", ["threshold"]),
        ("Red lines do not lead to war. Red lines prevent war.", []),
        ("President Kennedy set a red line during the missile crisis.", []),
    ],
)
def test_redlines_the_voices_own_red_line_only(
    analyse_rules: Callable[..., Document], text: str, expected: list[str]
) -> None:
    found = [
        s.label for s in analyse_rules(text).layer("redlines") if s.attrs.get("kind") != "condition"
    ]
    assert found == expected


def test_redlines_a_line_is_against_whom_its_sentence_names(
    analyse_rules: Callable[..., Document],
) -> None:
    """A condition with only a pronoun in it ("if it advances") is against the side the rest
    of its sentence names, with less confidence than one that names it in the condition."""
    beside = analyse_rules(
        "It must be made clear to Iran that if it advances its nuclear programme, we will "
        "strike its facilities."
    )
    [line] = [s for s in beside.layer("redlines") if s.label == "conditional_threat"]
    assert (line.attrs["against"], line.attrs["against_from"]) == (["iran"], "sentence")
    named = analyse_rules("If Iran advances its nuclear programme, we will strike its facilities.")
    [inside] = [s for s in named.layer("redlines") if s.label == "conditional_threat"]
    assert (inside.attrs["against"], inside.attrs["against_from"]) == (["iran"], "condition")
    assert line.confidence < inside.confidence


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("There is no way out but to wipe Kharkiv off the map.", "advocate"),
        ("We have no choice but to strike their bases.", "advocate"),
    ],
)
def test_claims_necessity_is_advocacy(
    analyse_rules: Callable[..., Document], text: str, stance: str
) -> None:
    assert [c.label for c in analyse_rules(text).layer("claims")] == [stance]


def test_claims_past_necessity_is_no_call(analyse_rules: Callable[..., Document]) -> None:
    """ "had no choice but to" justifies what was done: no advocacy, no call."""
    document = analyse_rules("In 1999 the government had no choice but to strike the rebel bases.")
    assert "advocate" not in [c.label for c in document.layer("claims")]
    assert not document.layer("incitement")


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Host: And what if NATO goes further?", []),
        ("If NATO goes further, there will be consequences.", ["condition"]),
    ],
)
def test_redlines_a_question_poses_a_condition_and_sets_no_line(
    analyse_rules: Callable[..., Document], text: str, kinds: list[str]
) -> None:
    assert [s.attrs["kind"] for s in analyse_rules(text).layer("redlines")] == kinds


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("This provocation will not go unanswered.", ("threaten", False)),
        ("We reserve the right to retaliate.", ("threaten", False)),
        ("The ministry said the attack would not go unanswered.", ("report", False)),
    ],
)
def test_claims_stock_warnings_threaten(
    analyse_rules: Callable[..., Document], text: str, expected: tuple[str, bool]
) -> None:
    claims = analyse_rules(text).layer("claims")
    assert (claims[0].attrs["stance"], bool(claims[0].attrs.get("negated"))) == expected


@pytest.mark.parametrize(
    ("text", "consequence"),
    [
        ("If Washington continues the deliveries, the response will be harsh.", "response"),
        ("If NATO intervenes, we will use all available means.", "use all available means"),
        ("If Europe decides to fight Russia, it will pay a price it cannot even imagine.", "pay"),
    ],
)
def test_redlines_a_response_of_unstated_means_answering_a_condition(
    analyse_rules: Callable[..., Document], text: str, consequence: str
) -> None:
    """A response no one owns, every means, and retribution foretold, each answering a
    condition, are the voice's threat and its line, against the condition's doer."""
    document = analyse_rules(text)
    [line] = [s for s in document.layer("redlines") if s.label == "conditional_threat"]
    assert consequence in line.attrs["consequence"]
    claim = next(c for c in document.layer("claims") if consequence in c.text)
    assert claim.attrs["stance"] == "threaten"
    assert "russia" not in line.attrs["against"]


@pytest.mark.parametrize(
    "text",
    [
        "We will use all means to reach peace.",
        "The American response will be harsh.",
        "Consumers will pay a higher price for gas.",
    ],
)
def test_claims_the_same_words_with_no_threat(
    analyse_rules: Callable[..., Document], text: str
) -> None:
    assert all(c.attrs["stance"] != "threaten" for c in analyse_rules(text).layer("claims"))


def test_claims_a_verb_conjoined_to_a_refusal_is_not_refused(
    analyse_rules: Callable[..., Document],
) -> None:
    document = analyse_rules("We will abandon these plans and return to the negotiating table.")
    assert all(c.attrs["stance"] != "reject" for c in document.layer("claims"))
    refused = analyse_rules("We refuse to negotiate or compromise with terrorists.")
    assert {
        c.attrs["stance"] for c in refused.layer("claims") if "refuse" not in c.attrs["action_key"]
    } == {"reject"}


def test_claims_no_alternative_to_an_act_prescribes_it(
    analyse_rules: Callable[..., Document],
) -> None:
    [claim] = analyse_rules("There is no alternative to dialogue.").layer("claims")
    assert claim.attrs["stance"] == "advocate"


def test_claims_a_response_faced_under_a_condition_and_a_right_to_strike(
    analyse_rules: Callable[..., Document],
) -> None:
    """ "it will face a swift response" warns (and sets the line); "has the right to strike"
    endorses the strike."""
    document = analyse_rules(
        "If Russia attacks any ally, it will face a swift and decisive response."
    )
    assert _claims_at(document, "response")[0].attrs["stance"] == "threaten"
    [line] = [s for s in document.layer("redlines") if s.label == "conditional_threat"]
    assert line.attrs["against"] == ["russia"]
    right = analyse_rules("Ukraine has the right to strike legitimate military targets in Russia.")
    assert _claims_at(right, "strike")[0].attrs["stance"] == "advocate"


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        # "does"/"did" only carries the negation: the act itself is denied.
        ("Russia does not attack anyone.", "reject"),
        # A designation of what may be struck: endorsed, or threatened by the voice's own side.
        ("These convoys are legitimate targets.", "advocate"),
        ("If NATO sends troops, they will become legitimate targets for our forces.", "threaten"),
    ],
)
def test_claims_denials_and_designations(
    analyse_rules: Callable[..., Document], text: str, stance: str
) -> None:
    claims = analyse_rules(text).layer("claims")
    assert stance in {c.attrs["stance"] for c in claims}


def test_claims_a_light_verb_of_an_action_is_no_claim_of_its_own(
    analyse_rules: Callable[..., Document],
) -> None:
    document = analyse_rules("Russia may have to deliver a limited nuclear strike on a target.")
    assert [c.attrs["action_key"] for c in document.layer("claims")] == ["nuclear strike"]


def test_redlines_a_spokeswoman_sets_her_states_line(
    analyse_rules: Callable[..., Document],
) -> None:
    document = analyse_rules(
        '"If the alliance continues to build up its forces on our borders, Russia will be forced '
        'to take retaliatory measures," ministry spokeswoman Maria Zakharova told reporters.'
    )
    [line] = [s for s in document.layer("redlines") if s.label == "conditional_threat"]
    assert line.attrs["setter"] == "russia"


@pytest.mark.parametrize(
    ("text", "action", "stance"),
    [
        # A response no other side owns, demanded in a consequence, warns as "we must" does.
        ("If NATO sends troops to Ukraine, the response must be harsh.", "response", "threaten"),
        # A short verbless cry calls for what it names; a statement of the same reports it.
        ("Nukes on London!", "nuke", "advocate"),
        ("Strikes on the command centres in Kyiv are long overdue.", "strike", "advocate"),
        # What is said to be right, the speaker's approval of a proposal, and what the sentence
        # opens by naming the main thing or the only way, are called for.
        ("Strikes on Kyiv are the right thing to do.", "strike", "advocate"),
        ("We support the idea of a full energy embargo against Russia.", "embargo", "advocate"),
        ("We do not support the idea of a full energy embargo against Russia.", "embargo",
         "reject"),
        ("The main thing now is to deliver long-range missiles to Ukraine.", "deliver",
         "advocate"),
        ("The only way to end the war is to strike Moscow.", "strike", "advocate"),
        # ... not another side's goal, nor what the main thing is that happened.
        ("Russia's main task is to seize Donbas.", "seize", "report"),
        ("The main thing is that Russia attacked Odesa.", "attack", "report"),
        # A verbless "Only ..." names the one thing demanded; a deed blamed is told.
        ("Only a full withdrawal of Russian troops.", "withdrawal", "advocate"),
        ("We demand that those responsible for the attack be punished.", "attack", "report"),
        # "It is time to ...", an act that was right, and a verbless "No ..." that refuses.
        ("It is time to recognise Russia as a state sponsor of terrorism.", "recognise",
         "advocate"),
        ("Those strikes were the right thing to do.", "strike", "advocate"),
        ("No negotiations with terrorists.", "negotiation", "reject"),
        ("No strikes hit the city overnight.", "strike", "report"),
    ],
)  # fmt: skip
def test_claims_demanded_responses_slogans_and_overdue_acts(
    analyse_rules: Callable[..., Document], text: str, action: str, stance: str
) -> None:
    claims = analyse_rules(text).layer("claims")
    assert {c.attrs["stance"] for c in claims if c.attrs["action_key"] == action} == {stance}


def test_claims_passive_designations_and_requests_for_comment(
    analyse_rules: Callable[..., Document],
) -> None:
    designated = analyse_rules(
        "Any foreign troops in Ukraine will be considered legitimate targets."
    )
    assert {c.attrs["stance"] for c in designated.layer("claims")} == {"threaten"}
    told = analyse_rules("Tell us about the strikes on Kharkiv.")
    assert "advocate" not in {c.attrs["stance"] for c in told.layer("claims")}


def test_claims_shooting_oneself_in_the_foot_is_no_shot(
    analyse_rules: Callable[..., Document],
) -> None:
    document = analyse_rules("Brussels shot itself in the foot again.")
    assert "shoot" not in {c.attrs["action_key"] for c in document.layer("claims")}


def test_redlines_a_condition_after_its_threat_sets_a_line(
    analyse_rules: Callable[..., Document],
) -> None:
    [line] = analyse_rules("We will strike Warsaw if NATO sends troops.").layer("redlines")
    assert (line.attrs["condition"], line.attrs["against"]) == ("if NATO sends troops", ["nato"])


def test_redlines_whom_a_side_will_not_allow(analyse_rules: Callable[..., Document]) -> None:
    """Against the one not allowed, not whom or where their act would reach."""
    [line] = analyse_rules("We will not allow NATO to deploy missiles in Ukraine.").layer(
        "redlines"
    )
    assert line.attrs["against"] == ["nato"]


def test_redlines_a_threshold_is_against_the_doer_not_the_place(
    analyse_rules: Callable[..., Document],
) -> None:
    [line] = analyse_rules(
        "The deployment of Russian military personnel at the Zaporizhzhya nuclear plant is "
        "totally unacceptable."
    ).layer("redlines")
    assert "russia" in line.attrs["against"]
    assert not any("zaporizhzh" in side for side in line.attrs["against"])


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        # An inverted "should": the act after it is the condition.
        ("Should they cross the border, we will strike them.", "Should they"),
        # "Not hesitate to use force" keeps force open: the side's threat.
        ("We will not hesitate to use force unless Iran halts enrichment.", "unless Iran"),
        # "Any attack ... will be met with a response": a condition with no "if".
        ("Any attack on our territory will be met with a crushing response.", "Any attack"),
    ],
)
def test_redlines_conditions_with_no_if_before_them(
    analyse_rules: Callable[..., Document], text: str, condition: str
) -> None:
    document = analyse_rules(text)
    [line] = document.layer("redlines")
    assert line.attrs["condition"].startswith(condition)
    assert "threaten" in {c.attrs["stance"] for c in document.layer("claims")}
    assert "advocate" not in {c.attrs["stance"] for c in document.layer("claims")}


def test_claims_a_response_met_with_is_no_meeting(analyse_rules: Callable[..., Document]) -> None:
    met = analyse_rules("Any attack on our territory will be met with a crushing response.")
    assert "meet" not in {c.attrs["action_key"] for c in met.layer("claims")}
    meeting = analyse_rules("The minister met with his counterpart.")
    assert "meet" in {c.attrs["action_key"] for c in meeting.layer("claims")}


def test_claims_the_act_after_an_inverted_should_is_imagined(
    analyse_rules: Callable[..., Document],
) -> None:
    """ "... should NATO deploy troops": the inversion makes a condition, not an obligation
    ("NATO should deploy troops" calls for it)."""
    inverted = analyse_rules("Russia will respond decisively should NATO deploy troops to Ukraine.")
    deploy = [c for c in inverted.layer("claims") if c.text.startswith("NATO")]
    assert [c.attrs["stance"] for c in deploy] == ["hypothetical"]
    called = analyse_rules("NATO should deploy troops to Ukraine.")
    assert {c.attrs["stance"] for c in called.layer("claims")} == {"advocate"}


def test_claims_measures_of_a_military_nature_are_force(
    analyse_rules: Callable[..., Document],
) -> None:
    document = analyse_rules("Russia will take countermeasures of a military nature.")
    [claim] = document.layer("claims")
    assert claim.attrs["level"] == 3


def test_claims_arms_given_or_delivered_and_skies_closed(
    analyse_rules: Callable[..., Document],
) -> None:
    given = analyse_rules("Give Ukraine long-range missiles now.").layer("claims")
    assert [(c.attrs["plover"], c.attrs["level"], c.attrs["stance"]) for c in given] == [
        ("AID", 3, "advocate")
    ]
    sky = analyse_rules("Isn't it time for the West to close the skies over Ukraine?")
    assert {(c.attrs["plover"], c.attrs["stance"]) for c in sky.layer("claims")} == {
        ("COERCE", "advocate")
    }
    # A verb at a preposition's work, a right given, a speech delivered: no aid.
    for text in (
        "Given the missiles Russia has fired, the city is in danger.",
        "This gives us the moral right to respond.",
        "The delivery of his speech was delayed.",
    ):
        claims = analyse_rules(text).layer("claims")
        assert "AID" not in {c.attrs["plover"] for c in claims}, text


@pytest.mark.parametrize(
    ("text", "words", "span"),
    [
        # A condition or a relative clause hung on the act is not part of its span.
        ("Russia will strike Kyiv if NATO keeps sending arms.", "strike",
         "Russia will strike Kyiv"),
        # A verb joined to the act is an act of its own, and its "and" is left out.
        ("Drones struck the depot and destroyed two trucks.", "struck", "Drones struck the depot"),
        ("Drones struck the depot and destroyed two trucks.", "destroyed",
         "destroyed two trucks"),
    ],
)  # fmt: skip
def test_claims_span_is_the_act_with_its_own_words(
    analyse_rules: Callable[..., Document], text: str, words: str, span: str
) -> None:
    [claim] = _claims_at(analyse_rules(text), words)
    assert claim.text == span


def test_claims_negation_is_shared_by_a_joined_infinitive_not_a_finite_verb(
    analyse_rules: Callable[..., Document],
) -> None:
    [struck] = _claims_at(analyse_rules("Russia did not strike Kyiv and struck Lviv."), "Lviv")
    assert (struck.text, struck.attrs["negated"]) == ("struck Lviv", False)
    [occupy] = _claims_at(analyse_rules("We will not attack and occupy Georgia."), "occupy")
    assert occupy.attrs["negated"] is True
