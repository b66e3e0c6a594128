"""The English guess: its counts, made by C loops, are those of a plain per-character reading."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from entente.read.language import _ENGLISH, _WORD, language_warning


def plain_warning(text: str, sample_chars: int = 20_000) -> str | None:
    """The rule read one character and one word at a time (the reference)."""
    sample = text[:sample_chars]
    letters = [c for c in sample if c.isalpha()]
    if len(letters) < 30:
        return None
    latin = sum(1 for c in letters if c.isascii() or "\u00c0" <= c <= "\u024f")
    if latin < 0.5 * len(letters):
        return "script"
    words = _WORD.findall(sample)
    if sum(1 for w in words if w.lower() in _ENGLISH) < 0.08 * len(words):
        return "words"
    return None


def kind(warning: str | None) -> str | None:
    if warning is None:
        return None
    return "script" if "non-Latin script" in warning else "words"


PIECES = ["the ", "and ", "of ", "The ", "Japan ", "trade ", "Kuala Lumpur ", "İstanbul ", "ΣΟΦΙΑ ", "Москва ",
          "東京 ", "Malaysia’s ", "é", "ß", "² ", "× ", "½", "Ǆ", "ɏ", "ɐ", "12 ", ". ", "\n", "Dato' Seri "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=120), st.text(max_size=200))
def test_same_verdict_as_the_plain_reading(pieces, noise):
    text = "".join(pieces) + noise
    assert kind(language_warning(text)) == plain_warning(text)
    assert kind(language_warning(text, 50)) == plain_warning(text, 50)


def test_verdicts():
    assert language_warning("The ministers of Japan and Malaysia met in Tokyo on Monday to discuss trade.") is None
    assert "non-Latin" in language_warning("Министры Японии и Малайзии встретились в Токио в понедельник. " * 3)
    assert "not look like English" in language_warning("Les ministres du Japon et de la Malaisie se sont réunis "
                                                       "lundi à Tokyo pour parler de commerce. " * 2)
