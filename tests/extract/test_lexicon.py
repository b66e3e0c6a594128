"""Lexicon matching finds exactly what the equivalent alternation regex finds."""

from __future__ import annotations

import random
import re

import pytest

from entente.extract.lexicon import Lexicon

FORMS = ["Kuala Lumpur", "Kuala", "Seoul", "South Korea", "South", "U.S.", "US", "the Philippines",
         "New York", "New York City", "Hà Nội", "I-Kiribati", "Korea"]
CONTEXTS = [("[\\w.]", "[\\w]|['’]\\w\\w"), ("[\\w.]", "[\\w]|\\.\\w"), ("[\\w\\-]", "[\\w]|-\\w"), ("[\\w]", "[\\w]")]


def _regex(forms: list[str], before: str, after: str) -> re.Pattern[str]:
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<!{before})(?:{alternation})(?!{after})")


@pytest.mark.parametrize(("before", "after"), CONTEXTS)
def test_same_matches_as_the_alternation(before: str, after: str) -> None:
    lexicon, pattern = Lexicon(FORMS, before, after), _regex(FORMS, before, after)
    rnd = random.Random(7)
    glue = ["", " ", ".", "'s", "’s ", "-", "-x", ".a", "x", " of ", "\n", "’ab", "é"]
    for _ in range(2000):
        parts = []
        for _ in range(rnd.randint(1, 5)):
            form = rnd.choice(FORMS)
            parts.append(form[: rnd.randint(1, len(form))] if rnd.random() < 0.3 else form)
            parts.append(rnd.choice(glue))
        text = "".join(parts)
        assert list(lexicon.finditer(text)) == [(m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)]


def test_longest_form_first_and_resume_after_it() -> None:
    lexicon = Lexicon(FORMS, "[\\w.]", "[\\w]|\\.\\w")
    text = "In New York City and Kuala Lumpur, the U.S. and South Korea met; Kualas no."
    found = [form for _, _, form in lexicon.finditer(text)]
    assert found == ["New York City", "Kuala Lumpur", "U.S.", "South Korea"]


def test_rejects_contexts_that_do_not_bound_a_word() -> None:
    with pytest.raises(ValueError):
        Lexicon(FORMS, "[.]", "[\\w]")
    with pytest.raises(ValueError):
        Lexicon(["-x"], "[\\w]", "[\\w]")
