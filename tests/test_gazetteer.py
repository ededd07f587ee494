"""Validation of the packaged gazetteer data, and role look-up by date."""

from datetime import date
from pathlib import Path

import pytest

from redline.errors import ConfigError
from redline.gazetteer import ENTRY_TYPES, Gazetteer
from redline.matching import fold


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def test_gazetteer_has_enough_entries_of_every_type(gazetteer: Gazetteer) -> None:
    assert len(gazetteer) >= 800
    types = {entry.type for entry in gazetteer.entries.values()}
    assert types == ENTRY_TYPES


def test_gazetteer_covers_un_members_and_observers(gazetteer: Gazetteer) -> None:
    states = [
        e
        for e in gazetteer.entries.values()
        if e.type == "state" and e.kind in ("country", "observer_state")
    ]
    assert len(states) >= 195


def test_gazetteer_references_resolve(gazetteer: Gazetteer) -> None:
    for entry in gazetteer.entries.values():
        if entry.affiliation:
            assert entry.affiliation in gazetteer.entries, (entry.id, entry.affiliation)
        for role in entry.roles:
            assert role.of in gazetteer.entries, (entry.id, role.of)
            if role.start and role.end:
                assert role.start <= role.end, (entry.id, role)


def test_gazetteer_shared_aliases_are_marked_ambiguous(gazetteer: Gazetteer) -> None:
    owners: dict[str, set[str]] = {}
    for entry in gazetteer.entries.values():
        for form, how in entry.surface_forms():
            if how in ("name", "alias"):
                owners.setdefault(fold(form), set()).add(entry.id)
    for form, ids in owners.items():
        if len(ids) > 1:
            assert all(gazetteer[i].ambiguous for i in ids), (form, sorted(ids))


def test_gazetteer_qids_are_unique(gazetteer: Gazetteer) -> None:
    seen: dict[str, str] = {}
    for entry in gazetteer.entries.values():
        if entry.qid:
            assert entry.qid not in seen, (entry.id, seen.get(entry.qid))
            seen[entry.qid] = entry.id


@pytest.mark.parametrize(
    "name,form",
    [
        ("Kyiv", "Kiev"),
        ("Kyiv", "Киев"),
        ("Volodymyr Zelenskyy", "Zelensky"),
        ("Volodymyr Zelenskyy", "Зеленский"),
        ("Ahmed al-Sharaa", "Jolani"),
        ("Russia", "Russian"),
        ("United States", "American"),
        ("Washington, D.C.", "Washington D.C."),
        ("Turkey", "Türkiye"),
        ("Russia", "российский"),
        ("Ukraine", "украинский"),
        ("United States", "американский"),
        ("NATO", "натовский"),
        ("Jen Psaki", "Псаки"),
        ("Louisiana", "Луизиана"),
    ],
)
def test_gazetteer_aliases(gazetteer: Gazetteer, name: str, form: str) -> None:
    entries = [e for e in gazetteer.entries.values() if e.name == name]
    assert entries, name
    assert any(fold(form) in {fold(f) for f, _ in e.surface_forms()} for e in entries)


@pytest.mark.parametrize(
    "role,of,day,holder",
    [
        ("head_of_state", "united_states", date(2023, 5, 1), "Joe Biden"),
        ("head_of_state", "united_states", date(2025, 5, 21), "Donald Trump"),
        ("head_of_state", "united_states", date(2019, 1, 1), "Donald Trump"),
        ("head_of_state", "ukraine", date(2024, 1, 1), "Volodymyr Zelenskyy"),
        ("head_of_government", "united_kingdom", date(2022, 10, 1), "Liz Truss"),
        ("defence_minister", "russia", date(2023, 1, 1), "Sergei Shoigu"),
        ("defence_minister", "russia", date(2025, 1, 1), "Andrei Belousov"),
    ],
)
def test_gazetteer_roles_resolve_by_date(
    gazetteer: Gazetteer, role: str, of: str, day: date, holder: str
) -> None:
    assert [e.name for e in gazetteer.holders(role, of, day)][:1] == [holder]


def test_gazetteer_refuses_duplicate_ids(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("- {id: x, name: X, type: state}\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("- {id: x, name: Y, type: place}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="'x' is defined in both"):
        Gazetteer.load(tmp_path)


def test_gazetteer_refuses_bad_type_and_qid(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("- {id: x, name: X, type: planet}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown type 'planet'"):
        Gazetteer.load(tmp_path)
    (tmp_path / "a.yaml").write_text(
        "- {id: x, name: X, type: state, qid: 159}\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError, match="malformed qid"):
        Gazetteer.load(tmp_path)
