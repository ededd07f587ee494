"""The decision of who a voice's "we" is: evidence adds up as independent chances, and a
close second leaves the voice unresolved."""

from redline.groups.cues import load_cues
from redline.groups.mentions import Evidence
from redline.groups.resolve import decide


def _item(actor_id: str, weight: float) -> Evidence:
    return Evidence(actor_id, actor_id.title(), weight, "test", 0, 2)


def test_groups_resolve_combines_evidence_for_one_actor() -> None:
    cues = load_cues("ru")
    single = decide([_item("russia", 0.6)], cues)
    double = decide([_item("russia", 0.6), _item("russia", 0.6)], cues)
    assert single is not None and double is not None
    assert double[0] == "russia" and double[2] > single[2]


def test_groups_resolve_leaves_a_tie_unresolved() -> None:
    cues = load_cues("ru")
    assert decide([_item("russia", 0.8), _item("ukraine", 0.8)], cues) is None
