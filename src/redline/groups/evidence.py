"""Evidence in a voice's own words of who its "we" is: self-identification ("We, as
Americans", «мы, россияне»), one's own weapons or city ("we here in Moscow", «у нас в Москве»),
and "our president" with the leader the voice names."""

from __future__ import annotations

import re
from collections import defaultdict

from redline.document import Document
from redline.gazetteer import Gazetteer
from redline.groups.cues import GroupsFile, LeaderCue
from redline.groups.mentions import Evidence, Mention, Sentences, sentence_of, sentence_start
from redline.scope import ScopeIndex


def identity_evidence(
    text: str, actors: list[Mention], sentences: Sentences, cues: GroupsFile
) -> list[Evidence]:
    """Each mention preceded, in its sentence, by an identity cue's words ("we Ukrainians")."""
    found = []
    for cue in cues.identity_cues:
        before = re.compile(cue.before, re.IGNORECASE)
        for actor in actors:
            if actor.attrs.match not in cue.match:
                continue
            if cue.types is not None and actor.attrs.type not in cue.types:
                continue
            window = text[sentence_start(sentences, actor.start) : actor.start]
            hit = before.search(window)
            if hit is None:
                continue
            target = in_group_actor(actor)
            if target is None:
                continue
            start = actor.start - (len(window) - hit.start())
            found.append(Evidence(target[0], target[1], cue.weight, cue.id, start, actor.end))
    return found


def in_group_actor(actor: Mention) -> tuple[str, str] | None:
    """The actor a self-identifying mention stands for: a weapon's, an operation's or a city's
    state ("we here in Moscow", «у нас в Москве», «наша специальная военная операция»), else the
    actor itself."""
    state = actor.attrs.state
    if actor.attrs.type in ("weapon", "event") or (actor.attrs.type == "place" and state):
        return (state, state.replace("_", " ").title()) if state else None
    return actor.attrs.actor_id, actor.attrs.name


def leader_evidence(
    document: Document,
    actors: list[Mention],
    sentences: Sentences,
    gazetteer: Gazetteer,
    scopes: ScopeIndex,
    cues: GroupsFile,
) -> list[Evidence]:
    """ "our president": the state named beside it, else the leaders the voice names elsewhere.

    A state named in the same sentence whose leader is not also named there is the best
    reading ("our president proposed to Trump the terms under which Russia ..."); otherwise
    every leader the voice names outside this sentence shares the cue's weight, and a leader
    named in the sentence itself is the counterpart, not "ours".
    """
    cue = cues.leader_cue
    found = []
    by_voice: dict[str, list[Mention]] | None = None  # built on the first hit only
    for hit in re.finditer(cue.pattern, document.text, re.IGNORECASE):
        if by_voice is None:
            by_voice = defaultdict(list)
            for actor in actors:
                by_voice[scopes.at(actor.start).key].append(actor)
        voice = by_voice.get(scopes.at(hit.start()).key, [])
        found += _leader_hit(hit, voice, sentences, gazetteer, cue)
    return found


def _leader_hit(
    hit: re.Match[str],
    voice: list[Mention],
    sentences: Sentences,
    gazetteer: Gazetteer,
    cue: LeaderCue,
) -> list[Evidence]:
    """The evidence of one "our president": each candidate state shares the cue's weight."""
    start, end = sentence_of(sentences, hit.start())
    beside = [a for a in voice if start <= a.start < end]
    candidates = _states_beside(beside) or _leader_states(voice, beside, gazetteer, set(cue.roles))
    found = []
    for state in sorted(candidates):
        entry = gazetteer.get(state)
        if entry is not None:
            weight = cue.weight / len(candidates)
            found.append(Evidence(entry.id, entry.name, weight, cue.id, hit.start(), hit.end()))
    return found


def _states_beside(beside: list[Mention]) -> set[str]:
    """The one state named in the sentence whose leader is not named there too, if one."""
    people_states = {a.attrs.state for a in beside if a.attrs.type == "person"}
    states = {a.attrs.actor_id for a in beside if a.attrs.type == "state"}
    remaining = states - people_states
    return remaining if len(remaining) == 1 else set()


def _leader_states(
    voice: list[Mention], beside: list[Mention], gazetteer: Gazetteer, roles: set[str]
) -> set[str]:
    """The states whose leaders the voice names outside the cue's sentence."""
    excluded = {a.attrs.actor_id for a in beside}
    states: set[str] = set()
    for actor in voice:
        if actor.attrs.type != "person" or actor.attrs.actor_id in excluded:
            continue
        entry = gazetteer.get(actor.attrs.actor_id)
        if entry is not None:
            states.update(r.of for r in entry.roles if r.role in roles)
    return states
