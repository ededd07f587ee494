"""The geopolitical gazetteer: canonical actors with aliases, demonyms, metonyms and dated roles.

The entries live in versioned YAML files under ``redline/data/gazetteer/``; this module only
loads and indexes them.

>>> gazetteer = Gazetteer.load()   # doctest: +SKIP
>>> day = date(2023, 5, 1)
>>> [e.name for e in gazetteer.holders("head_of_state", "ukraine", day)]   # doctest: +SKIP
['Volodymyr Zelenskyy']
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import Field, RootModel

from redline.data_files import DataFile, parse
from redline.dates import parse_day
from redline.errors import ConfigError

ENTRY_TYPES = frozenset(
    {"state", "government", "person", "organisation", "armed_group", "place", "weapon", "event"}
)
ROLES = frozenset(
    {
        "head_of_state", "head_of_government", "foreign_minister", "defence_minister", "envoy",
        "spokesperson", "security_official", "military_commander", "party_leader",
        "opposition_leader", "religious_leader", "leader_of_organisation", "commentator", "other",
    }
)  # fmt: skip
_QID = re.compile(r"^Q\d+$")


@dataclass(frozen=True)
class Role:
    """An office held between two dates (``end`` None: still held when the data was compiled)."""

    role: str
    title: str
    of: str
    start: date | None
    end: date | None

    def held_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Entry:
    """One canonical actor."""

    id: str
    name: str
    type: str
    kind: str | None = None
    qid: str | None = None
    affiliation: str | None = None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    ambiguous: bool = False
    venue: bool = False
    source_file: str = field(default="", compare=False)

    def surface_forms(self) -> Iterator[tuple[str, str]]:
        """(form, how) pairs: how is name, alias, demonym or metonym."""
        yield self.name, "name"
        for alias in self.aliases:
            yield alias, "alias"
        for demonym in self.demonyms:
            yield demonym, "demonym"
        for metonym in self.metonyms:
            yield metonym, "metonym"


class Gazetteer:
    """All entries, by id, with role look-up by date."""

    def __init__(self, entries: Iterable[Entry]):
        self.entries: dict[str, Entry] = {}
        for entry in entries:
            if entry.id in self.entries:
                raise ConfigError(
                    f"gazetteer id {entry.id!r} is defined in both "
                    f"{self.entries[entry.id].source_file} and {entry.source_file}; ids must be "
                    "unique"
                )
            self.entries[entry.id] = entry

    @classmethod
    def load(cls, folder: str | Path | None = None) -> Gazetteer:
        """Load every ``*.yaml`` file of ``folder`` (default: the packaged gazetteer)."""
        if folder is None:
            return _packaged()
        paths = sorted(Path(folder).glob("*.yaml"))
        return cls(entry for path in paths for entry in _read_file(path))

    def __len__(self) -> int:
        return len(self.entries)

    def __getitem__(self, entry_id: str) -> Entry:
        return self.entries[entry_id]

    def get(self, entry_id: str | None) -> Entry | None:
        return self.entries.get(entry_id) if entry_id else None

    def holders(self, role: str, of: str, on: date | None) -> list[Entry]:
        """The people holding ``role`` of ``of`` on ``on`` (all holders, latest first, if None)."""
        found = [
            (held.start or date.min, person)
            for person in self.entries.values()
            for held in person.roles
            if held.role == role and held.of == of and (on is None or held.held_on(on))
        ]
        return [person for _, person in sorted(found, key=lambda pair: pair[0], reverse=True)]

    def holders_titled(self, phrase: str, of: str, on: date | None) -> list[Entry]:
        """People whose office of ``of`` is titled with ``phrase`` ("president"), latest first."""
        phrase = phrase.lower()
        found = [
            (held.start or date.min, person)
            for person in self.entries.values()
            for held in person.roles
            if held.of == of
            and held.title.lower().startswith(phrase)
            and (on is None or held.held_on(on))
            and not any(word in held.title.lower() for word in ("vice", "deputy", "acting"))
        ]
        return [person for _, person in sorted(found, key=lambda pair: pair[0], reverse=True)]

    def named(self, form: str) -> list[Entry]:
        """The entries one of whose names, aliases or metonyms is ``form``, ignoring case."""
        return [self.entries[i] for i in self._by_form.get(form.strip().casefold(), ())]

    @functools.cached_property
    def _by_form(self) -> dict[str, tuple[str, ...]]:
        index: dict[str, list[str]] = {}
        for entry in self.entries.values():
            for form, how in entry.surface_forms():
                if how != "demonym":
                    index.setdefault(form.casefold(), []).append(entry.id)
        return {form: tuple(dict.fromkeys(ids)) for form, ids in index.items()}

    def state_of(self, entry_id: str | None) -> str | None:
        """The state an entry belongs to (itself for a state), following affiliations."""
        seen: set[str] = set()
        while entry_id and entry_id not in seen:
            seen.add(entry_id)
            entry = self.entries.get(entry_id)
            if entry is None:
                return None
            if entry.type == "state":
                return entry.id
            entry_id = entry.affiliation
        return None


@cache
def _packaged() -> Gazetteer:
    folder = resources.files("redline") / "data" / "gazetteer"
    files = sorted((item for item in folder.iterdir() if item.name.endswith(".yaml")), key=str)
    return Gazetteer(
        entry for item in files for entry in _parse(item.read_text("utf-8"), item.name)
    )


def _read_file(path: Path) -> list[Entry]:
    return _parse(path.read_text(encoding="utf-8"), str(path))


class RoleItem(DataFile):
    """A role an entry holds: head of state of a state, from one date to another."""

    role: str = "other"
    title: str = ""
    of: str = ""
    start: date | int | str | None = Field(default=None, alias="from")
    end: date | int | str | None = Field(default=None, alias="to")


class EntryItem(DataFile):
    """One entry of a gazetteer file, as written; :func:`_entry` checks what a schema cannot."""

    id: str
    name: str
    type: str
    kind: str | None = None
    capital: bool = False
    qid: str | int | None = None  # an int is a malformed qid, refused by name below
    affiliation: str | None = None
    aliases: dict[str, list[str] | None] | list[str] | None = None
    demonyms: list[str] | None = None
    metonyms: list[str] | None = None
    roles: list[RoleItem] | None = None
    ambiguous: bool = False
    venue: bool = False
    date: str | None = None  # when an event took place; documentation, not read


class GazetteerFile(RootModel[list[EntryItem] | None]):
    """A gazetteer file: a YAML list of entries (an empty file holds none)."""


def _parse(text: str, source: str) -> list[Entry]:
    return [_entry(item, source) for item in parse(text, GazetteerFile, source).root or []]


def _entry(item: EntryItem, source: str) -> Entry:
    if item.type not in ENTRY_TYPES:
        raise ConfigError(f"{source}: entry {item.id!r} has unknown type {item.type!r}")
    qid = item.qid
    if qid is not None and not _QID.match(str(qid)):
        raise ConfigError(f"{source}: entry {item.id!r} has malformed qid {qid!r}")
    aliases = item.aliases or {}
    if isinstance(aliases, list):
        aliases = {"en": aliases}
    return Entry(
        id=item.id,
        name=item.name,
        type=item.type,
        kind="capital" if item.capital else item.kind,
        qid=str(qid) if qid else None,
        affiliation=item.affiliation,
        aliases=tuple(str(a) for forms in aliases.values() for a in (forms or ())),
        demonyms=tuple(item.demonyms or ()),
        metonyms=tuple(item.metonyms or ()),
        roles=tuple(_role(role, item.id, source) for role in item.roles or ()),
        ambiguous=item.ambiguous,
        venue=item.venue,
        source_file=source,
    )


def _role(raw: RoleItem, entry_id: str, source: str) -> Role:
    if raw.role not in ROLES:
        raise ConfigError(
            f"{source}: {entry_id!r} has unknown role {raw.role!r}; known: {sorted(ROLES)}"
        )
    return Role(
        role=raw.role,
        title=raw.title,
        of=raw.of,
        start=parse_partial_date(raw.start),
        end=parse_partial_date(raw.end),
    )


def parse_partial_date(value: Any) -> date | None:
    """A date from YYYY-MM-DD, YYYY-MM or YYYY (the first day of the month or year)."""
    if value is None or value == "":
        return None
    day = parse_day(value, partial=True)
    if day is None:
        raise ConfigError(f"cannot read date {value!r}; use YYYY-MM-DD, YYYY-MM or YYYY")
    return day
