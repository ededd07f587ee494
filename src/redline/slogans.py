"""A slogan: a short verbless exclamation whose head names what it cries out for.

«Удар по Киеву!», «Сармат по Лондону!», "Nukes on London!": with no verb, no modal and no
imperative, the cry itself calls for the act. The claims layer reads such an act as advocated
and the incitement layer as a call; both ask the same question of the parse, here.
"""

from __future__ import annotations

from spacy.tokens import Token

# A slogan is short: a longer verbless exclamation describes what it names («Мощнейший за всю
# войну удар по ...!» in a news post reports the strike).
MAX_WORDS = 5


def is_slogan_head(token: Token) -> bool:
    """The noun heads the whole of a short exclamation with no verb in it. A verb makes a
    statement («Ракеты по Киеву летели всю ночь!»); a headline ends with no "!"."""
    sentence = token.sent
    words = [t for t in sentence if not (t.is_punct or t.is_space)]
    return (
        token.dep_ == "ROOT"
        and token.pos_ in ("NOUN", "PROPN")
        and len(words) <= MAX_WORDS
        and sentence.text.rstrip().endswith("!")
        and not any(t.pos_ in ("VERB", "AUX") for t in sentence)
    )
