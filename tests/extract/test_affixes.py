"""spaCy's suffix and infix searches as our pipeline runs them find what spaCy's own regexes find."""

from __future__ import annotations

import random
import re

import pytest
import spacy

from entente.extract.affixes import (
    InfixFinditer,
    PrefixSearch,
    SuffixSearch,
    faster_affix_searches,
    pattern_chars,
)
from entente.extract.pipeline import build_nlp


@pytest.fixture(scope="module")
def english():
    return spacy.blank("en")


def _samples(seed: int, n: int) -> list[str]:
    rnd = random.Random(seed)
    pieces = ["a", "Z", "é", "я", "7", "0", ".", "..", "…", ",", "'", "’", "'s", "’S", "km", "m²", "$", "US$", "£",
              "%", "-", "—", "–", "~", ":", "/", "=", "<", "+", "*", "^", "(", ")", "\"", "”", "°C", "°", "!", "?",
              "\n", "#", "&", "_", "©", "K", "hPa", "mph", "x"]
    fixed = ["Japan's", "10km", "U.S.", "5$", "...", "well-known", "2023-24", "e.g.", "Co.", "A.B", "rock'n'roll",
             "“Hello”", "x\n", "", "°F.", "3+4", "a/b", "1,000", "Ltd.)"]
    return fixed + ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 6))) for _ in range(n)]


def test_suffix_search_finds_the_full_regexs_match(english) -> None:
    full = english.tokenizer.suffix_search
    fast = SuffixSearch(english.Defaults.suffixes, full.__self__.flags)
    assert fast.pattern == full.__self__.pattern
    for text in _samples(1, 30_000):
        a, b = full(text), fast(text)
        assert (a and a.span()) == (b and b.span()), repr(text)


def test_infix_finditer_finds_the_full_regexs_matches(english) -> None:
    full = english.tokenizer.infix_finditer
    fast = InfixFinditer(full.__self__)
    assert fast.gate is not None  # no English infix begins with a letter or a digit
    for text in _samples(2, 30_000):
        assert [m.span() for m in full(text)] == [m.span() for m in fast(text)], repr(text)


def test_prefix_search_finds_the_full_regexs_match(english) -> None:
    full = english.tokenizer.prefix_search
    fast = PrefixSearch(full.__self__)
    assert not fast.starts.any and not fast.starts.has("a")  # no English prefix begins with a letter
    for text in _samples(4, 30_000):
        a, b = full(text), fast(text)
        assert (a and a.span()) == (b and b.span()), repr(text)


def test_pipeline_tokens_are_spacys(english) -> None:
    nlp = build_nlp(())
    assert type(nlp.tokenizer.suffix_search) is SuffixSearch
    assert type(nlp.tokenizer.infix_finditer) is InfixFinditer
    assert type(nlp.tokenizer.prefix_search) is PrefixSearch
    texts = ["KUALA LUMPUR, March 3 (Bernama) -- Malaysia's Prime Minister Datuk Seri Anwar Ibrahim met U.S. envoys "
             "on 2023-11-05; trade rose 12.5% to US$3.2bn (RM15bn), up from 10km/h... “We agreed,” he said.\n\n"
             "Ties — long-standing, well-known — were upgraded to a Comprehensive Strategic Partnership.",
             *_samples(3, 300)]
    for text in texts:
        assert [(t.idx, t.text) for t in nlp.make_doc(text)] == [(t.idx, t.text) for t in english.make_doc(text)]


def test_pattern_chars() -> None:
    ends = pattern_chars(r"(?<=[0-9])(?:km|kg)$")
    assert ends.has("m") and ends.has("g") and not ends.has("k") and not ends.any
    starts = pattern_chars(r"(?<=[0-9])(?:km|kg)$", last=False)
    assert starts.has("k") and not starts.has("m")
    assert pattern_chars(r"x?$").any  # can match the empty string
    assert pattern_chars(r"(?i)x$").any  # ignoring case: not bounded here
    assert pattern_chars(r"[^a]$").any and pattern_chars(r"\w$").any
    assert pattern_chars(r"a(?:b|c+)d*$").has("b") and pattern_chars(r"a(?:b|c+)d*$").has("d")
    assert not pattern_chars(r"a(?:b|c+)d*$").has("a")


def test_other_searches_are_left_alone() -> None:
    class Tok:
        suffix_search = staticmethod(lambda s: None)
        infix_finditer = re.compile("-").finditer
        prefix_search = re.compile("^a|b").search  # a branch not anchored: left alone

    tok = Tok()
    assert faster_affix_searches(tok, ["x"]) == (False, True, False)
    assert not isinstance(tok.suffix_search, SuffixSearch)
