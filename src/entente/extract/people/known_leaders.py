"""Known leaders as the person finder uses them (``data/leaders.json``, the tenure table of
``extract/leaders.py``): a full name to its canonical form and country, one-word forms ("Kishida"), and a
cheap test of whether a text can name any of them."""

from __future__ import annotations

from functools import cache

from ...data import load
from ...data.contracts.leaders import Leader
from ..tokens import Tok, fold
from .names import canonical_name, name_key, title_word


@cache
def leader_rows() -> tuple[Leader, ...]:
    """The leaders of ``data/leaders.json`` (name, country, variants, short)."""
    return tuple(load("leaders.json").leaders)


@cache
def leaders() -> dict[tuple[str, ...], tuple[str, str]]:
    """Full-name key -> (the table's name, iso3); a name shared by two countries maps to iso3 ``""``.

    A name is found in either order ("Fumio Kishida", "Kishida Fumio"): the reversed keys are added after
    every name as written, and never replace one."""
    out: dict[tuple[str, ...], tuple[str, str]] = {}
    reversed_keys: dict[tuple[str, ...], tuple[str, str]] = {}
    for row in leader_rows():
        canon = row.name
        for name in [row.name, *row.variants]:
            key = name_key(canonical_name(name.split()))
            for table, k in ((out, key), (reversed_keys, key[::-1])):
                prev = table.get(k)
                table[k] = (prev[0], "") if prev and prev[1] != row.country else (canon, row.country)
    for key, hit in reversed_keys.items():
        if len(key) > 1:
            out.setdefault(key, hit)
    return out


@cache
def leader_short() -> dict[str, tuple[str, str] | None]:
    """One-word form ("Kishida", "Anwar") -> (canonical name, iso3), ``None`` when two leaders share it."""
    out: dict[str, tuple[str, str] | None] = {}
    for row in leader_rows():
        canon = row.name
        for short in row.short:
            key = fold(short)
            if key in out and out[key] != (canon, row.country):
                out[key] = None
            else:
                out[key] = (canon, row.country)
    return out


def leader_by_surname(word: str) -> tuple[str, str] | None:
    return leader_short().get(word)


@cache
def leader_keys() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The full-name keys of :func:`leaders` that name a country (the only ones a known leader is found by),
    by their first word (and that word without an initial's dot)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for key, (_, iso3) in leaders().items():
        if iso3:
            for first in dict.fromkeys((key[0], key[0].removesuffix(".")) if key else ("",)):
                out.setdefault(first, []).append(key)
    return {k: tuple(v) for k, v in out.items()}


def may_name_leader(toks: list[Tok], lows: list[str] | None = None, text: str | None = None) -> bool:
    """Cheap necessary condition for :meth:`Scanner._known_leaders` to find anyone: some leader's key can
    be made of the words of the text.  A key word is a hyphen-separated part of a word, folded (for a
    word that is not ASCII, in any case canonical_name may give it), with an initial's dot.  ``text``
    (the tokens' text, optional): no word is looked at for hyphens or non-ASCII letters when it has none."""
    words = set(lows) if lows is not None else {t.low for t in toks}
    if text is None or "-" in text:
        for w in [w for w in words if "-" in w]:
            words.update(w.split("-"))
    for w in () if text is not None and text.isascii() else {t.text for t in toks if not t.text.isascii()}:
        forms = {w, w.lower(), w.upper(), title_word(w), w[:1].upper() + w[1:].lower()}
        for form in [*forms, *(f[:1].upper() + f[1:] for f in forms)]:
            words.update(name_key(form))
    by_first = leader_keys()
    if "" in by_first:
        return True  # an empty key (no name words): not ruled out by words
    return any(
        all(e in words or (e[-1:] == "." and e[:-1] in words) for e in key)
        for first in words & by_first.keys()
        for key in by_first[first]
    )
