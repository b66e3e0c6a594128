"""Person-name helpers: a word tokenizer with offsets, honorific and patronymic tables,
and the canonical form of a name.

``"DATO' SERI ANWAR BIN IBRAHIM"`` -> honorifics ``["Dato' Seri"]``, name ``"Anwar Ibrahim"``.
Data: ``data/honorifics.json`` (ours).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from ..data import load_json

# Words (letters, digits inside, inner hyphens/apostrophes), "Dato'" with its apostrophe, numbers, punctuation.
# (A word: a letter, word characters, then hyphen- or apostrophe-joined parts that begin with a letter.)
_TOKEN = re.compile(r"(?:Dato|DATO)['’]|[^\W\d_]\w*(?:[-'’][^\W\d_]\w*)*|\d+|\S")
# The same tokens, each with the whitespace before it (only whitespace lies between tokens: any other
# character is a token), so that offsets are counted, not searched for.
_SPACED_TOKEN = re.compile(rf"(\s*)({_TOKEN.pattern})")


class Tok:
    """A token: document offsets, text, lower-case text (with ’ as '), and its word/capital flags.

    Immutable by convention (token lists are shared by the components of one document);
    equal when offsets and text are."""

    __slots__ = ("start", "end", "text", "low", "is_word", "is_cap", "_caps")

    def __init__(self, start: int, end: int, text: str, low: str = "") -> None:
        self.start = start
        self.end = end
        self.text = text
        self.low = low or text.lower().replace("’", "'")
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
    elif "’" in low_text:
        low_text = low_text.replace("’", "'")
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


@dataclass(frozen=True)
class Honorific:
    form: str
    tokens: tuple[str, ...]
    country: str | None
    exact: bool


@cache
def honorifics() -> tuple[Honorific, ...]:
    rows = load_json("honorifics.json")["honorifics"]
    out = [Honorific(r["form"], form_tokens(r["form"]), r.get("country"), bool(r.get("exact"))) for r in rows]
    return tuple(sorted(out, key=lambda h: -len(h.tokens)))


@cache
def patronymics() -> frozenset[str]:
    return frozenset(load_json("honorifics.json")["patronymics"])


@cache
def particles() -> frozenset[str]:
    return frozenset(load_json("honorifics.json")["particles"])


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


@cache
def _honorifics_by_first() -> dict[str, tuple[Honorific, ...]]:
    out: dict[str, list[Honorific]] = {}
    for h in honorifics():
        out.setdefault(h.tokens[0], []).append(h)
    return {k: tuple(v) for k, v in out.items()}


@cache
def _patronymic_forms() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((p, form_tokens(p)) for p in sorted(patronymics(), key=len, reverse=True))


def match_honorific(toks: list[Tok], i: int) -> Honorific | None:
    if i >= len(toks):
        return None
    for h in _honorifics_by_first().get(toks[i].low, ()):
        if seq_matches(toks, i, h.form, exact=h.exact):
            return h
    return None


def match_patronymic(toks: list[Tok], i: int) -> int:
    """Length in tokens of a patronymic marker at ``i`` ("bin", "BINTI", "a/l"), else 0."""
    if i >= len(toks):
        return 0
    first = toks[i].low
    for p, form in _patronymic_forms():
        if form[0] != first:
            continue
        if i + len(form) <= len(toks) and all(toks[i + k].low == w for k, w in enumerate(form)):
            if len(form) > 1 and toks[i + len(form) - 1].end - toks[i].start != len(p):
                continue
            return len(form)
    return 0


def fold(s: str) -> str:
    """ASCII lower case without accents ("Đặng" -> "dang")."""
    if s.isascii():
        return s.lower()  # NFKD leaves ASCII as it is
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()


_ROMAN = re.compile(r"^(?:I{1,3}|IV|V|VI{1,3}|IX|X)$", re.I)


def _title_word(word: str) -> str:
    if word.lower() in particles() and word.lower() not in patronymics():
        return word.lower()
    letters = [c for c in word if c.isalpha()]
    if letters and (all(c.isupper() for c in letters) or all(c.islower() for c in letters)):
        return re.sub(r"(^|[-'’])(\w)(\w*)", lambda m: m.group(1) + m.group(2).upper() + m.group(3).lower(), word)
    return word  # mixed case as written: McDonald, DeSantis


def canonical_name(words: list[str]) -> str:
    """Title Case name without patronymic markers; particles lower-case except first."""
    kept: list[str] = []
    skip = 0
    joined: list[str] = []
    for w in words:
        if w == "." and joined:
            joined[-1] += "."  # an initial or a suffix: "W.", "Jr."
        else:
            joined.append(w)
    for k, w in enumerate(joined):
        if skip:
            skip -= 1
            continue
        low = w.lower()
        if low in patronymics():
            continue
        if low in ("a", "s", "d") and k + 2 < len(joined) and joined[k + 1] == "/":
            skip = 2
            continue
        if kept and _ROMAN.match(w) and w.isupper() and not joined[k - 1].isupper():
            kept.append(w)  # "Charles III", not "XI JINPING"
        elif low in ("jr.", "sr.", "jr", "sr"):
            kept.append(w[:1].upper() + w[1:].lower())
        elif k == len(joined) - 1 and low in particles():
            kept.append(w[:1].upper() + w[1:].lower())  # a last word is a surname: "Shaktikanta Das"
        else:
            kept.append(_title_word(w))
    if kept:
        kept[0] = kept[0][:1].upper() + kept[0][1:]
    return " ".join(kept)


def name_key(name: str) -> tuple[str, ...]:
    """Order-preserving comparison key: folded words, hyphenated parts split."""
    words = re.split(r"[\s\-]+", fold(name).replace("’", "'"))
    return tuple(w for w in words if w and w not in patronymics())
