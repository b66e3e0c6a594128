"""Typographic quotes and apostrophes are folded once for every lexicon.  Our own words."""

from __future__ import annotations

from entente.extract.lexicon import Lexicon
from entente.extract.tokens import tokenize
from entente.extract.typography import plain, plain_cached


def test_plain_keeps_length_and_folds_quotes():
    text = "the ‘Look East’ policy, “a new chapter”, Dato’ Sri, Kyivʼs"
    folded = plain(text)
    assert len(folded) == len(text)
    assert folded == "the 'Look East' policy, \"a new chapter\", Dato' Sri, Kyiv's"
    assert plain_cached(text) == folded and plain_cached(text) is plain_cached(text)


def test_lexicon_matches_across_apostrophe_styles_and_yields_the_given_form():
    lex = Lexicon(["Cote d'Ivoire", "People’s Bank"], r"[\w]", r"[\w]")
    text = "Cote d’Ivoire and the People's Bank; also Cote dʼIvoire."
    found = [(text[s:e], form) for s, e, form in lex.finditer(text)]
    assert found == [
        ("Cote d’Ivoire", "Cote d'Ivoire"),
        ("People's Bank", "People’s Bank"),
        ("Cote dʼIvoire", "Cote d'Ivoire"),
    ]


def test_a_modifier_apostrophe_ends_a_word_for_lexicons():
    lex = Lexicon(["Japan"], r"[\w]", r"[\w]")
    assert [form for _, _, form in lex.finditer("Japanʼs trade grew.")] == ["Japan"]


def test_token_lower_text_folds_every_quote_style():
    lows = [t.low for t in tokenize("Dato’ and Dato‘")]
    assert lows[0] == "dato'" and "‘" not in "".join(lows)
