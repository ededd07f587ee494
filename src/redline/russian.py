"""Redline's Russian spaCy pipeline: spaCy's Russian tokenizer, natasha's models for the rest.

No Russian spaCy pipeline ships on PyPI, so this one is assembled from what does:

- tokens: ``spacy.blank("ru")``;
- sentences: razdel's sentence splitter, mapped onto the tokens;
- parts of speech, morphology and dependencies: slovnet's news morphology and syntax models
  over navec embeddings (the files ship inside the ``natasha`` wheel; natasha itself is not
  imported, because its lemmatiser needs pymorphy2, which no longer imports on Python 3.11);
- lemmas: pymorphy3, taking the analysis whose part of speech agrees with slovnet's;
- entities: slovnet's news NER (PER, LOC, ORG), given spaCy's English label names.

slovnet parses in Universal Dependencies; Redline's analyzers read spaCy-English labels and
Penn tags. The component writes the English scheme where the two say the same thing (``obj``
is ``dobj``, a preposition heads its noun as ``prep``/``pobj``, ``не`` is ``neg``, a modal
predicate such as ``должны`` or ``надо`` becomes an ``aux`` of its infinitive, a verb of saying
after the clause it attributes, «Мы ответим, — заявил министр», heads it as its ``ccomp``, as
in "We will respond, the minister said"), so one set of rules reads both languages and a reader
of either parse sees the construction they expect.
The tables of that mapping live in ``redline/data/ru/syntax.yaml``.

>>> nlp = russian_pipeline()   # doctest: +SKIP
>>> [t.dep_ for t in nlp("Мы нанесём удар по Киеву.")]   # doctest: +SKIP
['nsubj', 'ROOT', 'dobj', 'prep', 'pobj', 'punct']
"""

from __future__ import annotations

import importlib.util
import re
import threading
from functools import cache
from pathlib import Path
from typing import Any

import numpy
import spacy
from spacy.language import Language
from spacy.tokens import Doc, MorphAnalysis, Span, Token

from redline.data_files import DataFile, load
from redline.errors import ModelNotFoundError
from redline.nlp import GLUED_EMOJI_INFIX, with_infixes

PIPELINE_NAME = "redline-ru"
ENTITY_LABELS = {"PER": "PERSON", "LOC": "GPE", "ORG": "ORG"}
# pymorphy's parts of speech that agree with each UD one (a lemma is taken from the first
# analysis that agrees; pymorphy's own first choice otherwise).
_AGREEING_POS = {
    "NOUN": {"NOUN"},
    "PROPN": {"NOUN"},
    "VERB": {"VERB", "INFN", "PRTF", "PRTS", "GRND"},
    "AUX": {"VERB", "INFN"},
    "ADJ": {"ADJF", "ADJS", "COMP", "PRTF", "PRTS"},
    "ADV": {"ADVB", "COMP", "PRED"},
    "PRON": {"NPRO", "ADJF"},
    "DET": {"ADJF", "NPRO"},
    "NUM": {"NUMR", "NUMB"},
}

# pymorphy's cases in UD's names (the second genitive and locative count as the first).
_UD_CASES = {
    "nomn": "Nom", "gent": "Gen", "gen2": "Gen", "datv": "Dat", "accs": "Acc", "ablt": "Ins",
    "loct": "Loc", "loc2": "Loc", "voct": "Voc",
}  # fmt: skip
# pymorphy's grammemes in UD's names, by UD feature and the pymorphy tag's attribute.
_UD_FEATURES: dict[str, tuple[str, dict[str, str]]] = {
    "Case": ("case", _UD_CASES),
    "Number": ("number", {"sing": "Sing", "plur": "Plur"}),
    "Gender": ("gender", {"masc": "Masc", "femn": "Fem", "neut": "Neut"}),
    "Animacy": ("animacy", {"anim": "Anim", "inan": "Inan"}),
    "Aspect": ("aspect", {"perf": "Perf", "impf": "Imp"}),
    "Mood": ("mood", {"indc": "Ind", "impr": "Imp"}),
    "Person": ("person", {"1per": "1", "2per": "2", "3per": "3"}),
    "Tense": ("tense", {"pres": "Pres", "futr": "Fut", "past": "Past"}),
}


def _ud_features(tag: Any, *names: str) -> dict[str, str]:
    """The UD features ``names`` of a pymorphy tag, those it has."""
    found = {}
    for name in names:
        attribute, values = _UD_FEATURES[name]
        value = values.get(str(getattr(tag, attribute)))
        if value is not None:
            found[name] = value
    return found


class SyntaxFile(DataFile):
    version: int
    dependency_labels: dict[str, str]
    negations: list[str]
    modal_predicates: list[str]
    modal_heads: list[str]
    reporting_verbs: list[str]
    attribution_marks: list[str]
    # Regexes for split points inside a token, beside spaCy's own (initials glued to a surname).
    token_infixes: list[str]
    imperative_subjects: dict[str, list[str]]
    hortative_particles: list[str]
    name_grammemes: list[str]
    condition_marks: list[str]
    consequence_relations: list[str]


class _Models:
    """slovnet's models and pymorphy3's analyser, loaded once per process."""

    def __init__(self) -> None:
        from navec import Navec
        from pymorphy3 import MorphAnalyzer
        from slovnet import NER, Morph, Syntax

        data = _natasha_data()
        navec = Navec.load(str(data / "emb" / "navec_news_v1_1B_250K_300d_100q.tar"))
        model = data / "model"
        self.morph = Morph.load(str(model / "slovnet_morph_news_v1.tar"), batch_size=8)
        self.syntax = Syntax.load(str(model / "slovnet_syntax_news_v1.tar"), batch_size=8)
        self.ner = NER.load(str(model / "slovnet_ner_news_v1.tar"), batch_size=8)
        for part in (self.morph, self.syntax, self.ner):
            part.navec(navec)
        self.analyser = MorphAnalyzer()
        self.tables = load("ru/syntax.yaml", SyntaxFile)
        # slovnet's models keep state between calls; one call at a time per process.
        self.lock = threading.Lock()


def _natasha_data() -> Path:
    """The folder of model files inside the installed natasha wheel, found without importing
    natasha (its import needs pymorphy2)."""
    spec = importlib.util.find_spec("natasha")
    if spec is None or not spec.submodule_search_locations:
        raise ModelNotFoundError(
            "the Russian pipeline needs the natasha package (its wheel carries the models): "
            'pip install "natasha==1.6.0" pymorphy3'
        )
    return Path(next(iter(spec.submodule_search_locations))) / "data"


@cache
def _models() -> _Models:
    try:
        return _Models()
    except ImportError as error:
        raise ModelNotFoundError(
            f"the Russian pipeline cannot load ({error}); "
            'pip install "natasha==1.6.0" pymorphy3 slovnet navec razdel'
        ) from error


@Language.factory("redline_natasha")
def _make_component(nlp: Language, name: str) -> NatashaComponent:
    return NatashaComponent()


class NatashaComponent:
    """Sentences, morphology, lemmas, dependencies and entities on a spaCy Russian Doc."""

    def __call__(self, doc: Doc) -> Doc:
        models = _models()
        words = [token for token in doc if not token.is_space]
        if not words:
            return doc
        sentences = _sentences(doc, words)
        texts = [_model_words(s, models) for s in sentences]
        with models.lock:
            morph = list(models.morph.map(texts))
            syntax = list(models.syntax.map(texts))
            entities = models.ner(doc.text).spans
        heads = list(range(len(doc)))
        labels = ["dep"] * len(doc)
        for sentence, tagged, parsed in zip(sentences, morph, syntax, strict=True):
            _tag(sentence, tagged.tokens, models)
            for token, parse in zip(sentence, parsed.tokens, strict=True):
                head = int(parse.head_id) - 1
                heads[token.i] = sentence[head].i if head >= 0 else token.i
                labels[token.i] = "ROOT" if head < 0 else parse.rel
        for token in doc:
            if token.is_space:  # whitespace tokens hang on the word before them, as in English
                heads[token.i] = token.i - 1 if token.i else token.i
                labels[token.i] = "dep"
        _to_english_scheme(doc, heads, labels, models.tables)
        _set_parse(doc, heads, labels, sentences, models.tables)
        doc.ents = _entities(doc, entities)
        return doc


def _sentences(doc: Doc, words: list[Token]) -> list[list[Token]]:
    from razdel import sentenize

    text = doc.text  # spaCy joins the tokens anew on each access: once, not once per token
    starts = {piece.start for piece in sentenize(text)}
    sentences: list[list[Token]] = []
    for token in words:
        # razdel does not end a sentence at a line break; a comment's author and time line, a
        # heading or a speaker label would otherwise be parsed as the next sentence's start.
        after_break = (
            bool(sentences)
            and "\n" in text[_end(sentences[-1][-1]) : token.idx]
            and not _wrapped(sentences[-1][-1], token)
        )
        if not sentences or token.idx in starts or after_break:
            sentences.append([])
        sentences[-1].append(token)
    return sentences


# Marks that close or continue a sentence; after a line break they are still its own.
_CLOSING_MARKS = (".", ",", "!", "?", "…", ";", ":", ")")


def _wrapped(before: Token, after: Token) -> bool:
    """A line break inside a sentence: a word or a comma before it and a lower-case word after
    it, or the sentence's own closing mark after it. Posts copied from Telegram set each linked
    word on a line of its own («Реакция Запада не повлияет на планы России \\nразместить\\n
    тактическое ядерное оружие», «с \\nпомощью БПЛА\\n. Об этом ...»)."""
    if after.text in _CLOSING_MARKS:
        return True
    return (before.is_alpha or before.text == ",") and after.is_alpha and after.text[0].islower()


def _end(token: Token) -> int:
    return token.idx + len(token.text)


def _model_words(sentence: list[Token], models: _Models) -> list[str]:
    """The sentence's words as the models should see them: an opening imperative lowercased."""
    words = [t.text for t in sentence]
    first = _first_word(sentence)
    if first is not None and words[first][:1].isupper():
        parses = models.analyser.parse(sentence[first].text)
        if _imperative_parse(sentence, first, parses, models.tables) is not None:
            words[first] = words[first].lower()
    return words


def _first_word(sentence: list[Token]) -> int | None:
    return next((i for i, t in enumerate(sentence) if t.is_alpha), None)


def _imperative_parse(
    sentence: list[Token], position: int, parses: list[Any], tables: SyntaxFile
) -> Any | None:
    """pymorphy's imperative analysis of the word at ``position``, where the sentence reads it
    as a command (see ``imperative_subjects`` in ``data/ru/syntax.yaml``); else None."""
    commands = [p for p in parses if p.tag.POS == "VERB" and "impr" in p.tag]
    if not commands or sum(p.score for p in commands) < 0.5:
        return None
    if any(g in p.tag for p in parses for g in tables.name_grammemes):
        return None
    indicative = [p for p in parses if p.tag.POS == "VERB" and "impr" not in p.tag]
    if not indicative:
        return commands[0]
    words = [t.lower_ for t in sentence]
    before = [w for w in words[:position] if any(ch.isalpha() for ch in w)]
    after_particle = bool(before) and before[-1] in tables.hortative_particles
    if "?" in words or (any("past" in p.tag for p in indicative) and not after_particle):
        # «Вышли возле парка» is «they came out», not «send!»: a past form shared with an
        # imperative is the past, but after «давайте».
        return None
    person = "incl" if "incl" in commands[0].tag else "excl"
    if any(w in tables.imperative_subjects.get(person, []) for w in words):
        return None
    commanded = not before or after_particle or "!" in words
    return commands[0] if commanded else None


def _tag(sentence: list[Token], tagged: list[Any], models: _Models) -> None:
    for position, (token, tag) in enumerate(zip(sentence, tagged, strict=True)):
        pos, features = tag.pos, dict(tag.feats)
        parses = models.analyser.parse(token.text)
        command = (
            None
            if features.get("Mood") == "Imp"
            else _imperative_parse(sentence, position, parses, models.tables)
        )
        if command is not None:
            pos, features = "VERB", _imperative_features(command)
        elif pos in ("VERB", "AUX"):
            pos, features = _not_a_verb(parses) or (pos, features)
        elif pos in ("NOUN", "PROPN"):
            pos, features = _only_a_verb(parses) or (pos, features)
        agreeing = [p for p in parses if p.tag.POS in _AGREEING_POS.get(pos, set())]
        best = command or (agreeing or parses)[0]
        token.pos_ = pos
        token.lemma_ = best.normal_form
        # slovnet writes a perfective verb's future as present; pymorphy knows the aspect. A
        # form that pymorphy also reads as an imperfective present of the same verb (two-aspect
        # «атакует», «финансирует», «демонизирует»; «наносят», which the dictionary also lists
        # as a perfective) says what is happening: news and posts use these forms for the
        # present far more than for the future, and slovnet tags many of them future.
        if pos == "VERB" and _imperfective_present(best, agreeing):
            features.update(Aspect="Imp", Tense="Pres")
        elif pos == "VERB" and "perf" in best.tag and "futr" in best.tag:
            features.update(Aspect="Perf", Tense="Fut")
        token.morph = MorphAnalysis(token.vocab, features)
        token.tag_ = _penn_tag(pos, features)


def _not_a_verb(parses: list[Any]) -> tuple[str, dict[str, str]] | None:
    """A word slovnet tagged a verb that pymorphy reads only as an adjective or only as a noun
    («ублюдочную украину», «Осуждаю буллинг», «Смерть ворогам!»): that part of speech, with
    pymorphy's case, number, gender and animacy; None when pymorphy has any other reading."""
    kinds = {str(p.tag.POS) for p in parses}
    if not parses or len(kinds) != 1 or not kinds <= {"ADJF", "NOUN"}:
        return None
    features = _ud_features(parses[0].tag, "Case", "Number", "Gender", "Animacy")
    return ("ADJ" if kinds == {"ADJF"} else "NOUN"), features


def _only_a_verb(parses: list[Any]) -> tuple[str, dict[str, str]] | None:
    """A word slovnet tagged a noun that pymorphy's dictionary reads only as a finite verb
    («Встретится ли Трамп ...?» opening a question, «... по Варшаве шарахнем»): a verb, with
    pymorphy's tense, person, number and aspect; None when pymorphy has any other reading or
    guesses (an unknown word, a name). (Adjectives are left: a verb tagged a short adjective,
    «Пусть эти упыри сдохнут!», is read as such by the layers that know the misparse.)"""
    if not parses or not all(p.tag.POS == "VERB" and p.is_known for p in parses):
        return None
    features = _ud_features(parses[0].tag, "Aspect", "Mood", "Number", "Person", "Tense")
    return "VERB", {**features, "VerbForm": "Fin"}


def _imperfective_present(best: Any, parses: list[Any]) -> bool:
    """The verb form has an imperfective present reading with the lemma taken."""
    return "indc" in best.tag and any(
        p.normal_form == best.normal_form and "impf" in p.tag and "pres" in p.tag for p in parses
    )


def _imperative_features(command: Any) -> dict[str, str]:
    """UD features of pymorphy's imperative analysis («ударим»: first person, «бейте»: second)."""
    return {
        "Aspect": "Perf" if "perf" in command.tag else "Imp",
        "Mood": "Imp",
        "Number": "Plur" if "plur" in command.tag or "incl" in command.tag else "Sing",
        "Person": "1" if "incl" in command.tag else "2",
        "VerbForm": "Fin",
        "Voice": "Act",
    }


def _penn_tag(pos: str, features: dict[str, str]) -> str:
    """A Penn tag for the rules that read one: base-form verbs (imperative, infinitive) ``VB``."""
    plural = features.get("Number") == "Plur"
    if pos in ("VERB", "AUX"):
        if features.get("Mood") == "Imp" or features.get("VerbForm") == "Inf":
            return "VB"
        if features.get("VerbForm") == "Part":
            return "VBN" if features.get("Voice") == "Pass" else "VBG"
        if features.get("Tense") == "Past":
            return "VBD"
        return "VBP" if plural or features.get("Person") in ("1", "2") else "VBZ"
    if pos == "NOUN":
        return "NNS" if plural else "NN"
    if pos == "PROPN":
        return "NNPS" if plural else "NNP"
    return {"ADJ": "JJ", "ADV": "RB", "PRON": "PRP", "DET": "DT", "ADP": "IN", "NUM": "CD",
            "CCONJ": "CC", "SCONJ": "IN", "PART": "RP", "PUNCT": ".", "INTJ": "UH",
            "SYM": "SYM"}.get(pos, "XX")  # fmt: skip


def _to_english_scheme(doc: Doc, heads: list[int], labels: list[str], tables: SyntaxFile) -> None:
    """Rewrite UD's relations as spaCy-English ones, in place (see the module's docstring)."""
    for i, label in enumerate(labels):
        labels[i] = tables.dependency_labels.get(label, label)
        if labels[i] == "advmod" and doc[i].lower_ in tables.negations:
            labels[i] = "neg"
    for i in range(len(doc)):
        if labels[i] == "case" and heads[i] != i and doc[i].pos_ == "ADP":
            noun = heads[i]
            # the preposition takes the noun's place under its head; the noun hangs on it
            heads[i], labels[i] = (heads[noun], "prep") if heads[noun] != noun else (i, "ROOT")
            if labels[i] == "ROOT":
                continue
            heads[noun], labels[noun] = i, "pobj"
    for i in range(len(doc)):
        if doc[i].lemma_ in tables.modal_predicates and labels[i] not in ("pobj", "prep"):
            _modal_to_aux(doc, i, heads, labels, tables)
    for i in range(len(doc)):
        if _vocative(doc, i, heads, labels):
            labels[i] = "vocative"


def _vocative(doc: Doc, i: int, heads: list[int], labels: list[str]) -> bool:
    """«Бейте их, ребята!», «Ребята, держитесь»: slovnet makes the one addressed the subject of
    the imperative; a noun in the nominative set off from it by a comma is addressed (a subject
    of an imperative is a pronoun, «вы держитесь», and takes no comma)."""
    verb = heads[i]
    if labels[i] != "nsubj" or verb == i or doc[i].pos_ not in ("NOUN", "PROPN"):
        return False
    mood = doc[verb].morph
    if "Imp" not in mood.get("Mood", []) or "2" not in mood.get("Person", []):
        return False
    if "Nom" not in doc[i].morph.get("Case", []):
        return False
    low, high = sorted((i, verb))
    return any(doc[k].text == "," for k in range(low + 1, high))


def _root_of(i: int, heads: list[int]) -> int:
    for _ in range(len(heads)):  # slovnet's heads may loop (see _make_tree)
        if heads[i] == i:
            break
        i = heads[i]
    return i


def _descends_from(i: int, ancestor: int, heads: list[int]) -> bool:
    for _ in range(len(heads)):
        if i == ancestor:
            return True
        if heads[i] == i:
            return False
        i = heads[i]
    return False


def _attributes_what_precedes(
    doc: Doc, verb: int, stop: int, heads: list[int], labels: list[str], tables: SyntaxFile
) -> bool:
    """A verb of saying after the clause it attributes: «Мы ответим жёстко, — заявил министр.»,
    «Переговоры невозможны, считает эксперт.» slovnet (as UD prescribes) makes the content the
    sentence's root and the verb its ``parataxis``; told by a comma or dash before the verb (only
    its own adverbials between), its subject, if any, after it, the content's root before it and
    nothing but punctuation after the verb's phrase («Это, как утверждает X, ...» is left)."""
    lemma = doc[verb].lemma_.replace("ё", "е")
    if labels[verb] != "parataxis" or lemma not in tables.reporting_verbs:
        return False
    root = _root_of(verb, heads)
    if not heads[verb] < verb or root == verb or root > verb:
        return False
    before = verb - 1
    while before > root and not doc[before].is_punct and _descends_from(before, verb, heads):
        if labels[before] in ("nsubj", "nsubjpass"):
            return False  # «..., демократия требует жертв»: the subject first is a statement
        before -= 1
    if doc[before].text not in tables.attribution_marks:
        return False
    after = [
        i
        for i in range(verb + 1, stop)  # the rest of the sentence: a tree is one sentence's
        if _root_of(i, heads) == root and not _descends_from(i, verb, heads)
    ]
    stray = _stray_speaker(doc, verb, heads, labels)
    speaker = [i for i in after if stray is not None and _descends_from(i, stray, heads)]
    return all(doc[i].is_punct or doc[i].is_space or i in speaker for i in after)


# How slovnet hangs a misplaced speaker on the content's root (see _stray_speaker).
_STRAY_SPEAKER_LABELS = ("appos", "nsubj", "nmod", "obl", "parataxis")


def _stray_speaker(doc: Doc, verb: int, heads: list[int], labels: list[str]) -> int | None:
    """The speaker of a verb of saying that slovnet hung on the content's root instead («...,
    заявил в эфире телеканала экс-советник министра»: «экс-советник» as the root's
    ``appos``): the first noun after the verb that heads a phrase of its own, when the verb has
    no subject."""
    if any(heads[i] == verb and labels[i] in ("nsubj", "nsubjpass") for i in range(len(doc))):
        return None
    root = _root_of(verb, heads)
    for i in range(verb + 1, len(doc)):
        if _descends_from(i, verb, heads) or doc[i].is_punct or doc[i].is_space:
            continue
        nominal = doc[i].pos_ in ("NOUN", "PROPN", "PRON") and heads[i] == root
        return i if nominal and labels[i] in _STRAY_SPEAKER_LABELS else None
    return None


def _speech_verb_to_root(
    doc: Doc, verb: int, stop: int, heads: list[int], labels: list[str]
) -> None:
    """The verb of saying takes the content's root's place and relations; the content becomes
    its ``ccomp`` («заявил» heads «ответим»), as in "We will respond, the minister said"; a
    speaker left on the content's root becomes the verb's subject."""
    root = _root_of(verb, heads)
    stray = _stray_speaker(doc, verb, heads, labels)
    if stray is not None:
        heads[stray], labels[stray] = verb, "nsubj"
    for i in range(verb + 1, stop):
        # the sentence's final mark follows the new root, as spaCy hangs it
        if heads[i] == root and doc[i].is_punct:
            heads[i] = verb
    heads[verb], labels[verb] = verb, "ROOT"
    heads[root], labels[root] = verb, "ccomp"


def _modal_to_aux(
    doc: Doc, modal: int, heads: list[int], labels: list[str], tables: SyntaxFile
) -> None:
    """``мы должны ударить`` and ``надо ударить`` as ``we must strike``: the infinitive takes
    the modal's place and relations, the modal becomes its ``aux`` (tag ``MD``)."""
    infinitives = [
        i
        for i in range(len(doc))
        if heads[i] == modal and i != modal and labels[i] in tables.modal_heads
        and doc[i].morph.get("VerbForm", []) == ["Inf"]
    ]  # fmt: skip
    if not infinitives:
        return
    verb = infinitives[0]
    for i in range(len(doc)):
        if heads[i] == modal and i not in (modal, verb):
            heads[i] = verb
    heads[verb], labels[verb] = (verb, "ROOT") if heads[modal] == modal else (
        heads[modal], labels[modal])  # fmt: skip
    heads[modal], labels[modal] = verb, "aux"
    doc[modal].tag_ = "MD"


def _set_parse(
    doc: Doc,
    heads: list[int],
    labels: list[str],
    sentences: list[list[Token]],
    tables: SyntaxFile,
) -> None:
    """Write heads, labels and sentence starts; a head outside its sentence (never expected)
    falls back to the token itself as a root. Once each sentence is a tree, a verb of saying
    after its content becomes the root (see :func:`_attributes_what_precedes`)."""
    sentence_of = {token.i: n for n, sentence in enumerate(sentences) for token in sentence}
    for token in doc:
        n = sentence_of.get(token.i, sentence_of.get(token.i - 1, -1))
        sentence_of[token.i] = n
    for i, head in enumerate(heads):
        if sentence_of[head] != sentence_of[i]:
            heads[i], labels[i] = i, "ROOT"
    for sentence in sentences:
        _make_tree([token.i for token in sentence], heads, labels)
        _consequence_to_root([token.i for token in sentence], doc, heads, labels, tables)
    for sentence in sentences:
        # Scan only the verb's own sentence: over the whole text it cost time quadratic in
        # the number of such verbs.
        stop = sentence[-1].i + 1
        for token in sentence:
            if _attributes_what_precedes(doc, token.i, stop, heads, labels, tables):
                _speech_verb_to_root(doc, token.i, stop, heads, labels)
    # spaCy stores a head as a signed offset and a label as a 64-bit hash, both as uint64.
    offsets = numpy.array([head - i for i, head in enumerate(heads)], dtype="int64")
    array = numpy.zeros((len(doc), 2), dtype="uint64")
    array[:, 0] = offsets.astype("uint64")
    array[:, 1] = [doc.vocab.strings.add(label) for label in labels]
    # Sentence starts follow from the trees: each sentence is one tree (or more, where
    # slovnet found more than one root in it).
    doc.from_array(["HEAD", "DEP"], array)  # type: ignore[arg-type]


def _consequence_to_root(
    members: list[int], doc: Doc, heads: list[int], labels: list[str], tables: SyntaxFile
) -> None:
    """«Если санкции будут введены, мы ответим»: where slovnet made the condition the root and
    hung its consequence on it (``parataxis`` or ``conj`` after the comma that closes the
    condition), the consequence becomes the root and the condition its ``advcl``; what follows
    the comma on the old root moves with it. A condition with no comma before the clause (a
    conjoined second condition, «если ... и ...») is left as it is. Where the condition already
    hangs on a consequence after it, the words past its comma that slovnet still gave it («...
    продолжатся, ответ будет таким»: «ответ» as a second subject of «продолжатся») go to the
    consequence."""
    conditions = sorted(
        {
            heads[i]
            for i in members
            if labels[i] == "mark" and doc[i].lower_ in tables.condition_marks
        }
    )
    for condition in conditions:
        comma = next(
            (i for i in members if i > condition and heads[i] == condition and doc[i].text == ","),
            None,
        )
        if heads[condition] == condition:
            _condition_root_to_advcl(condition, members, doc, heads, labels, tables)
        elif comma is not None and heads[condition] > comma:
            consequence = heads[condition]
            for i in members:
                if heads[i] == condition and comma < i < consequence:
                    heads[i] = consequence
            labels[condition] = "advcl"


def _condition_root_to_advcl(
    root: int, members: list[int], doc: Doc, heads: list[int], labels: list[str],
    tables: SyntaxFile,
) -> None:  # fmt: skip
    consequence = next(
        (
            i
            for i in members
            if i > root and heads[i] == root and labels[i] in tables.consequence_relations
        ),
        None,
    )
    if consequence is None:
        return
    # The comma that closes the condition: the last between the root and the consequence,
    # hung on either.
    comma = next(
        (
            i
            for i in reversed(members)
            if root < i < consequence and doc[i].text == "," and heads[i] in (root, consequence)
        ),
        None,
    )
    if comma is None:
        return
    for i in members:
        if heads[i] == root and i > comma and i != consequence:
            heads[i] = consequence
    heads[comma] = root  # the comma closes the condition
    heads[consequence], labels[consequence] = consequence, "ROOT"
    heads[root], labels[root] = consequence, "advcl"


def _make_tree(members: list[int], heads: list[int], labels: list[str]) -> None:
    """Make one sentence's heads a tree, in place: one root, no loops.

    slovnet's parser does not guarantee a tree (about one sentence in ten of the escalation
    corpus's Russian train split has a loop, «Хохлы — свиньи.»), and every rule that walks
    up from a token would walk a loop for ever. A loop is cut where it is found, its token
    hung on the sentence's root; a second root is hung on the first.
    """
    roots = [i for i in members if heads[i] == i]
    root = roots[0] if roots else members[0]
    heads[root], labels[root] = root, "ROOT"
    for extra in roots[1:]:
        heads[extra], labels[extra] = root, "parataxis"
    for start in members:
        path: list[int] = []
        node = start
        while heads[node] != node and node not in path:
            path.append(node)
            node = heads[node]
        if node in path:  # a loop: cut it at the token found twice
            heads[node], labels[node] = root, labels[node] if labels[node] != "ROOT" else "dep"


def _entities(doc: Doc, spans: list[Any]) -> list[Span]:
    entities: list[Span] = []
    for found in spans:
        span = doc.char_span(found.start, found.stop, label=ENTITY_LABELS.get(found.type, "MISC"),
                             alignment_mode="expand")  # fmt: skip
        if span is not None and (not entities or span.start >= entities[-1].end):
            entities.append(span)
    return entities


def _keep_hyphenated(infix: str | re.Pattern[str]) -> str | re.Pattern[str]:
    """spaCy's infix without its split at a hyphen between letters. natasha's tokenizer, on
    whose tokens slovnet was trained, keeps «кто-то», «из-за», «военно-технические»,
    «Нью-Йорк» whole; split, each became three words the tagger and parser misread. Dashes
    and runs of hyphens between words still split."""
    return infix.replace("(?:-|–|", "(?:–|") if isinstance(infix, str) else infix


def russian_pipeline() -> Language:
    """A new spaCy ``Language`` for Russian with Redline's natasha component."""
    nlp = spacy.blank("ru")
    infixes = [
        *(_keep_hyphenated(p) for p in nlp.Defaults.infixes or ()),
        *load("ru/syntax.yaml", SyntaxFile).token_infixes,
        GLUED_EMOJI_INFIX,
    ]
    with_infixes(nlp, infixes)
    nlp.add_pipe("redline_natasha")
    nlp.meta["name"] = PIPELINE_NAME
    return nlp


__all__ = ["PIPELINE_NAME", "NatashaComponent", "russian_pipeline"]
