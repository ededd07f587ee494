"""Who "we", "us", "our" and "they" stand for, per voice.

Each voice (all turns of one speaker, one reader comment, an article's body) is resolved on its
own, from evidence in its own words: self-identification ("We, as Americans"), a possessive
demonym ("our Russian soldiers"), "our president" with the leader the text names, one's own
weapons. Each resolution cites its evidence spans. The comment section is also resolved as a
whole. Where the evidence does not add up, the pronouns stay unresolved: never a silent guess.

Russian text reads ``data/ru/groups.yaml`` (the same schema as ``data/groups.yaml``), its
pronouns by lemma on the parse: every case of «мы», «наш», «они»; «мы, россияне», «у нас в
Москве», «наш президент». An official quoted or speaking in a turn speaks for their state, or
for the organisation they serve when they have none (the EU's foreign-policy chief for the EU);
so does the text under a statement's heading («Заявление МИД России ...») or above a body's
signature («Минобороны России»). A voice that speaks as a nation («наша страна», «наши
военные», «мы — великая страна», «мы с вами») speaks for the one state it names beside that
cue, not as another party to the same verb («Россия напала на нашу страну»), or for the side
its words mark («СВО», «киевский режим»; «рашисты»). When that other party is at war with one
state only (Ukraine: «Наша армия нанесла удар по Украине», «Киев бьёт по нашей территории»), the
voice speaks for that state, at a lower weight. «Наши американские коллеги» names the
other side. A pronoun that opens a quoted name («движение «Мы вместе с Россией»») is no voice's.

The cues, the evidence and the spans are in :mod:`redline.groups`; this class wires them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import ClassVar

from redline.analyzers.base import AnalysisContext, AnalyzerOutput
from redline.analyzers.versions import content_version
from redline.attributes import Attributes, InGroupAttributes, PronounAttributes
from redline.document import Document
from redline.gazetteer import Gazetteer
from redline.groups import ANALYZER
from redline.groups.cues import GroupsFile, load_cues
from redline.groups.evidence import identity_evidence, leader_evidence
from redline.groups.mentions import (
    Decision,
    Evidence,
    Mention,
    Sentences,
    linked_mentions,
    sentences_of,
)
from redline.groups.resolve import decide, in_group_span, pronoun_spans
from redline.groups.russian import Words, national_evidence
from redline.groups.speakers import heading_evidence, signature_evidence, speaker_evidence
from redline.scope import ScopeIndex

# What the findings depend on: this wiring, the package of the layer, the gazetteer the
# evidence is linked to and the cues of each language.
SOURCES = (
    "analyzers/groups.py",
    "groups",
    "gazetteer.py",
    "data/gazetteer",
    "data/groups.yaml",
    "data/ru/groups.yaml",
    "data/structure.yaml",
)


class GroupAnalyzer:
    """Resolves first- and third-person plural pronouns to actors."""

    name: ClassVar[str] = ANALYZER
    # The release, then a digest of the code and data its findings depend on.
    version: ClassVar[str] = content_version("1.0.0", *SOURCES)
    requires: ClassVar[tuple[str, ...]] = ("structure", "actors")
    provides: ClassVar[tuple[str, ...]] = ("groups",)
    attributes: ClassVar[Mapping[str, type[Attributes]]] = {
        "in_group": InGroupAttributes,
        "we": PronounAttributes,
        "they": PronounAttributes,
    }
    languages: ClassVar[tuple[str, ...]] = ("en", "ru")

    def __init__(self, gazetteer: Gazetteer | None = None):
        self._gazetteer = gazetteer

    def initialize(self) -> None:
        if self._gazetteer is None:
            self._gazetteer = Gazetteer.load()
        for language in self.languages:
            load_cues(language)

    def analyze(self, document: Document, context: AnalysisContext) -> AnalyzerOutput:
        self.initialize()
        cues = load_cues(context.language)
        scopes = ScopeIndex(document)
        sentences = sentences_of(document)
        actors = linked_mentions(document)
        # A language whose cues are lemmas (Russian) reads them on the parse, which its other
        # layers have made already.
        words = Words(context.parsed) if cues.pronoun_lemmas else None
        evidence = self._evidence(document, actors, sentences, scopes, cues, words)
        resolved: dict[str, Decision | None] = {
            key: decide(items, cues) for key, items in evidence.items()
        }
        # The comment section as a whole, from the evidence of all its comments.
        comment_items = [
            e for key, items in evidence.items() if key.startswith("comment:") for e in items
        ]
        if comment_items:
            resolved["comments"] = decide(comment_items, cues)
        spans = [
            in_group_span(document, key, scopes, decision, evidence.get(key, comment_items))
            for key, decision in sorted(resolved.items())
            if decision is not None
        ]
        spans += pronoun_spans(document, scopes, resolved, actors, sentences, cues, words)
        return AnalyzerOutput(layers={"groups": spans})

    def _evidence(
        self,
        document: Document,
        actors: list[Mention],
        sentences: Sentences,
        scopes: ScopeIndex,
        cues: GroupsFile,
        words: Words | None,
    ) -> dict[str, list[Evidence]]:
        """Each voice's evidence of who its "we" is, by voice key."""
        assert self._gazetteer is not None
        gazetteer = self._gazetteer
        # «наши американские коллеги» names the other side: no evidence of who "we" are.
        own = [a for a in actors if words is None or not words.counterpart(a, cues)]
        evidence: dict[str, list[Evidence]] = defaultdict(list)
        for item in identity_evidence(document.text, own, sentences, cues):
            evidence[scopes.at(item.start).key].append(item)
        for item in leader_evidence(document, own, sentences, gazetteer, scopes, cues):
            evidence[scopes.at(item.start).key].append(item)
        speakers = speaker_evidence(document, scopes, gazetteer, cues)
        if words is not None:
            speakers += heading_evidence(document, words, actors, gazetteer, cues)
        if cues.signed_posts:
            speakers += signature_evidence(document, actors, gazetteer, cues)
        for key, item in speakers:
            evidence[key].append(item)
        if words is not None and cues.national_cue is not None:
            # An official's "our country" is their own state, whatever else is named beside it.
            known = {key for key, _ in speakers}
            for key, item in national_evidence(words, own, sentences, scopes, cues):
                if key not in known:
                    evidence[key].append(item)
        return evidence
