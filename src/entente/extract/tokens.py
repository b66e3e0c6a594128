"""Word tokens with document offsets, shared by the person and organisation finders.

``tokenize("Japan's Prime Minister")`` -> ``Japan``, ``'s``, ``Prime``, ``Minister`` (possessives split off,
"Dato'" kept whole with its apostrophe); :func:`seq_matches` tests a form ("Datuk Seri") at a token;
:func:`fold` is the ASCII lower case used to compare names.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from .typography import plain

# Words (letters, digits inside, inner hyphens/apostrophes), "Dato'" with its apostrophe, numbers, punctuation.
# (A word: a letter, word characters, then hyphen- or apostrophe-joined parts that begin with a letter.)
_TOKEN = re.compile(r"(?:Dato|DATO)['’]|[^\W\d_]\w*(?:[-'’][^\W\d_]\w*)*|\d+|\S")
# The same tokens, each with the whitespace before it (only whitespace lies between tokens: any other
# character is a token), so that offsets are counted, not searched for.
_SPACED_TOKEN = re.compile(rf"(\s*)({_TOKEN.pattern})")


class Tok:
    """A token: document offsets, text, lower-case text (typographic quotes as ASCII), and its word/capital flags.

    Immutable by convention (token lists are shared by the components of one document);
    equal when offsets and text are."""

    __slots__ = ("start", "end", "text", "low", "is_word", "is_cap", "_caps")

    def __init__(self, start: int, end: int, text: str, low: str = "") -> None:
        self.start = start
        self.end = end
        self.text = text
        self.low = low or plain(text.lower())
        first = text[:1]
        self.is_word = first.isalpha()
        self.is_cap = first.isupper()  # starts with a capital letter (Title Case or ALL CAPS)
        self._caps: bool | None = None

    def __repr__(self) -> str:
        return f"Tok(start={self.start!r}, end={self.end!r}, text={self.text!r}, low={self.low!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Tok):
            return NotImplemented
        return (self.start, self.end, self.text) == (other.start, other.end, other.text)

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.text))

    @property
    def is_caps(self) -> bool:
        """ALL CAPS: two letters or more, every one a capital."""
        if self._caps is None:
            letters = [c for c in self.text if c.isalpha()]
            self._caps = len(letters) > 1 and all(c.isupper() for c in letters)
        return self._caps


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Tok]:
    """Word and punctuation tokens of ``text[start:end]`` with document offsets; possessives split off."""
    out: list[Tok] = []
    append = out.append
    b = start
    # The lower-case text, lowered once: a token's ``low`` is its slice, unless lowering changes lengths
    # ("İ") or depends on the next word (a final "Σ"), where each token is lowered alone.
    stop = len(text) if end is None else end
    part = text[start:stop]
    low_text: str | None = part.lower()
    if len(low_text) != len(part) or "Σ" in part:
        low_text = None
    else:
        low_text = plain(low_text)
    for space, word in _SPACED_TOKEN.findall(text, start, stop):
        a = b + len(space)
        b = a + len(word)
        # a possessive ending split off: "Japan's" -> "Japan", "'s" (two characters or more before it)
        if len(word) >= 4 and word[-2] in "'’" and word[-1] in "sS" and word[:1].isalpha():
            cut = b - 2
            append(Tok(a, cut, word[:-2]))
            append(Tok(cut, b, word[-2:]))
        else:
            append(Tok(a, b, word, low_text[a - start : b - start] if low_text is not None else ""))
    return out


def form_tokens(form: str) -> tuple[str, ...]:
    return tuple(t.low for t in tokenize(form))


def seq_matches(toks: list[Tok], i: int, form: str, exact: bool = False, allow_lower: bool = False) -> int:
    """Length in tokens if the tokens from ``i`` spell ``form``, else 0.

    Capitalised words of the form must be capitalised in the text unless ``allow_lower``;
    ``exact`` forms match only as written or in ALL CAPS; punctuation must touch the word before it.
    """
    want = _form(form)
    if i + len(want) > len(toks):
        return 0
    for k, (low, text) in enumerate(want):
        tok = toks[i + k]
        if tok.low != low:
            return 0
        if k and not text[:1].isalnum() and tok.start != toks[i + k - 1].end:
            return 0
        if exact:
            if tok.text.replace("’", "'") not in {text.replace("’", "'"), text.upper().replace("’", "'")}:
                return 0
        elif text[:1].isupper() and not tok.is_cap and not allow_lower:
            return 0
    return len(want)


@cache
def _form(form: str) -> tuple[tuple[str, str], ...]:
    return tuple((t.low, t.text) for t in tokenize(form))


def fold(s: str) -> str:
    """ASCII lower case without accents ("Đặng" -> "dang")."""
    if s.isascii():
        return s.lower()  # NFKD leaves ASCII as it is
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
