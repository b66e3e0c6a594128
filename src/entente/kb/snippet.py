"""Search snippets made in Python: a window of the sentence around the query's words, each match in
``[brackets]`` and ``…`` where the sentence was cut.

SQLite's ``snippet()`` re-reads and re-tokenises each hit under a ``MATCH`` that walks every
matching sentence again (6 ms of a 25 ms search on the 100k-document KB); the 20 hits' text is
already at hand, so their snippets are made here.  Words match as the index's Porter tokenizer
would match them, closely enough for highlighting: both sides are reduced by :func:`stem`, a light
suffix stripper ("trading", "trades", "traded" -> "trad"; "energies", "energy" -> "energi").
"""

from __future__ import annotations

import re

WORD = re.compile(r"\w+", re.UNICODE)
WINDOW = 24  # words shown at most, as FTS5's snippet(..., 24)
# (suffix, replacement), the first that applies wins; the stem keeps at least 3 characters
_SUFFIXES = (("sses", "ss"), ("ies", "i"), ("ied", "i"), ("ational", "ate"), ("ization", "ize"), ("ingly", ""),
             ("edly", ""), ("ness", ""), ("ment", ""), ("ing", ""), ("ed", ""), ("ly", ""), ("es", ""), ("s", ""))


def stem(word: str) -> str:
    """A light English stem for matching (not linguistics): lower case, one suffix off, a final y/e folded."""
    w = word.lower()
    for suffix, repl in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) + len(repl) >= 3 and not (suffix == "s" and w.endswith("ss")):
            w = w[: len(w) - len(suffix)] + repl
            break
    if len(w) > 3 and w[-1] == "y":
        w = w[:-1] + "i"
    while len(w) > 3 and w[-1] == "e":  # "agree", "agreed", "agreement" -> "agr"
        w = w[:-1]
    return w


def snippet(text: str, terms: list[str], window: int = WINDOW) -> str:
    """``text`` (a sentence) cut to the ``window`` words that hold the most of ``terms``, matches bracketed."""
    wanted = {stem(t): i for i, t in enumerate(terms)}
    heads = {w[:3] for w in wanted}  # a stem begins as its word does: most words need no stemming
    words = [(m.start(), m.end(), wanted.get(stem(w)) if w[:3].lower() in heads else None)
             for m in WORD.finditer(text) for w in (m.group(),)]
    if not words:
        return text
    first = 0
    if len(words) > window:
        first = _best_window(words, window)
    shown = words[first : first + window]
    begin = 0 if first == 0 else shown[0][0]
    end = len(text) if first + window >= len(words) else shown[-1][1]
    out, pos = [], begin
    for start, stop, term in shown:
        if term is not None:
            out += [text[pos:start], "[", text[start:stop], "]"]
            pos = stop
    out.append(text[pos:end])
    return ("…" if begin else "") + "".join(out) + ("…" if end < len(text) else "")


def _best_window(words: list[tuple[int, int, int | None]], window: int) -> int:
    """The start of the ``window`` words with the most distinct terms, then the most matches, then the
    earliest: one pass, each window's counts updated from the previous one's."""
    counts: dict[int, int] = {}

    def add(term: int | None, step: int) -> None:
        if term is not None:
            counts[term] = counts.get(term, 0) + step
            if not counts[term]:
                del counts[term]

    for _, _, term in words[:window]:
        add(term, 1)
    best, best_key = 0, (len(counts), sum(counts.values()))
    for start in range(1, len(words) - window + 1):
        add(words[start - 1][2], -1)
        add(words[start + window - 1][2], 1)
        key = (len(counts), sum(counts.values()))
        if key > best_key:
            best, best_key = start, key
    return best
