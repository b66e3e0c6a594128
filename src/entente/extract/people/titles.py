"""Titles and roles (``data/titles.json``): the table, its lookups, and :class:`TitleReader`, which finds a
title at a token ("Prime Minister", "Minister of Foreign Affairs", "Communications and Multimedia Minister",
"Japanese foreign minister", "Defence Minister General").

How to add a title: put it in ``strong`` (anchors a one-word name: "President Yoon") or ``weak`` (needs two
name words: "General Motors" is no person); a portfolio ("Minister of Tourism") needs only its words in
``portfolio_words``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ...data import load
from ..tokens import form_tokens, seq_matches
from .honorifics import match_patronymic


@dataclass(frozen=True)
class TitleTable:
    by_first: dict[str, tuple[tuple[str, bool], ...]]  # first token -> ((form, strong), ...) longest first
    government: frozenset[str]
    heads: frozenset[str]
    modifiers: frozenset[str]
    portfolio: frozenset[str]
    counterpart: frozenset[str]
    words: frozenset[str]  # every word of every title, lower-case


@cache
def titles() -> TitleTable:
    data = load("titles.json")
    forms: list[tuple[str, bool]] = [(t, True) for t in data.strong] + [(t, False) for t in data.weak]
    by_first: dict[str, list[tuple[str, bool]]] = {}
    for form, strong in forms:
        toks = form_tokens(form)
        by_first.setdefault(toks[0], []).append((form, strong))
    words = {w for form, _ in forms if not form.endswith(".") for w in form_tokens(form) if w[:1].isalpha()}
    return TitleTable(
        by_first={k: tuple(sorted(v, key=lambda f: -len(form_tokens(f[0])))) for k, v in by_first.items()},
        government=frozenset(data.government),
        heads=frozenset(data.portfolio_heads),
        modifiers=frozenset(w.lower() for w in data.portfolio_modifiers),
        portfolio=frozenset(w.lower() for p in data.portfolio_words for w in p.split())
        - {"and", "of", "the"},
        counterpart=frozenset(data.counterpart),
        words=frozenset(words),
    )


@cache
def plural_heads() -> dict[str, str]:
    """Plural heads of a title shared by two people, with the singular ("Foreign Ministers A and B")."""
    return dict(load("titles.json").plural_heads)


@cache
def after_title() -> frozenset[str]:
    """Lower-case words that may follow a title in an appositive (", foreign minister since 2019, said")."""
    return frozenset(load("titles.json").after_title)


@cache
def body_heads() -> frozenset[str]:
    """Last words of a body a title names after "of (the)" ("Chairman of the National Assembly"), lower-case."""
    return frozenset(w.lower() for w in load("titles.json").body_heads)


@cache
def host_titles() -> frozenset[str]:
    return frozenset(load("titles.json").host_titles)


@cache
def head_offices() -> tuple[str, ...]:
    return tuple(load("titles.json").head_offices)


@cache
def small_title_words() -> frozenset[str]:
    return frozenset(load("titles.json").small_words)


@cache
def monarchs() -> frozenset[str]:
    return frozenset(load("titles.json").monarchs)


@cache
def title_firsts() -> frozenset[str]:
    """Lower-case words a title may start with (``Scanner.match_title`` finds nothing at any other)."""
    tab = titles()
    return frozenset(set(tab.by_first) | tab.modifiers | tab.portfolio)


@cache
def head_last_words() -> frozenset[str]:
    """Last words of the portfolio heads, lower-case ("minister", "secretary")."""
    return frozenset(h.split()[-1].lower() for h in titles().heads)


def title_case(title: str) -> str:
    """ "foreign minister" and "PRIME MINISTER" -> "Foreign Minister", "Prime Minister"."""
    if title.isupper() and any(len(w) > 3 for w in title.split()):
        title = title.lower()
    if title[:1].isupper() and not any(
        w[:1].islower() and w not in small_title_words() for w in title.split()
    ):
        return title
    small = small_title_words()
    return " ".join(w if w in small else w[:1].upper() + w[1:] for w in title.split())


def base_title(title: str) -> str:
    words = title.split()
    if "Minister" in words:
        return "Prime Minister" if "Prime" in words else "Minister"
    if "Ministry" in words and words[-1].startswith("Spokes"):
        return "Ministry Spokesperson"  # "Foreign Ministry Spokesman": a government office
    if words and "Secretary" in (words[0], words[-1]):
        return "Secretary"  # "Secretary of Commerce", "Foreign Secretary"
    return title


@cache
def ranks() -> frozenset[str]:
    """Titles that are a rank or a royal position rather than an office a counterpart shares."""
    return frozenset(load("titles.json").ranks)


def counterpart_office(titles_held: list[str]) -> str | None:
    """The office "his ... counterpart" shares with the speaker: a rank or royal position (General, King,
    Crown Prince) is not shared; of two offices ("Deputy Prime Minister and Foreign Minister") the head of
    state or government, else the last (the portfolio the meeting is about)."""
    held_ranks = ranks()
    offices = [t for t in titles_held if t not in held_ranks and base_title(t) not in held_ranks]
    for t in offices:
        words = t.split()
        if base_title(t) in head_offices() and not {"Deputy", "Vice", "Senior", "Former"} & set(words):
            return t
    return offices[-1] if offices else None


class TitleReader:
    """Title matching over a :class:`~.text.TokenView` (a mixin of the scanner: ``_state_form`` and
    ``country_before`` come from the country reader, ``parse_name`` from the name reader)."""

    def match_title(self, i: int, allow_lower: bool = False) -> tuple[int, str, bool] | None:
        """``(end index, title text, strong)`` of a title or role starting at token ``i``."""
        tab = self.table
        t = self.tok(i)
        if t is None or not t.is_word or (not t.is_cap and not allow_lower):
            return None
        k = i
        while (
            (m := self.tok(k)) is not None
            and m.low in tab.modifiers
            and (m.is_cap or allow_lower)
            and k - i < 2
        ):
            k += 1
        best: tuple[int, bool] | None = None
        for start in dict.fromkeys((i, k)):
            tk = self.tok(start)
            if tk is None:
                continue
            for form, strong in tab.by_first.get(tk.low, ()):
                n = seq_matches(self.toks, start, form, allow_lower=allow_lower)
                if n and self._on_line(start, start + n):
                    if best is None or start + n > best[0]:
                        best = (start + n, strong)
                    break
        # "Communications and Multimedia Minister": portfolio words before a head
        j = self._portfolio_run(k, allow_lower)
        if j > k:
            for head in tab.heads:
                n = seq_matches(self.toks, j, head, allow_lower=allow_lower)
                if n and self._on_line(k, j + n) and (best is None or j + n > best[0]):
                    best = (j + n, True)
        if best is None:
            return None
        end, strong = best
        # "Minister of Foreign Affairs", "Secretary of Commerce", "Minister for Trade"
        if (
            self.text[self.toks[end - 1].start : self.toks[end - 1].end].lower().rstrip(".")
            in head_last_words()
        ):
            ofk = self.tok(end)
            if ofk is not None and ofk.low in ("of", "for") and self.same_line(end):
                p = end + 1
                if (the := self.tok(p)) is not None and the.low == "the":
                    p += 1
                q = (
                    p
                    if self._state_form(p) is not None
                    else self._portfolio_run(p, allow_lower, need_head=False)
                )
                if q > p:
                    end = q
        if (body := self._of_body(end)) is not None:
            end = body
        title = " ".join(self.text[self.toks[i].start : self.toks[end - 1].end].split())
        return end, title, strong

    def _lower_title_after_prefix(self, k: int) -> tuple[int, str, bool] | None:
        """ "White House press secretary Karine Jean-Pierre", "Japanese foreign minister Yoko Kamikawa"."""
        t = self.tok(k)
        if t is None or t.is_cap:
            return None
        country, _ = self.country_before(k)
        if not country:
            return None
        title = self.match_title(k, allow_lower=True)
        if title is None:
            return None  # a weak one ("Vietnamese leader To Lam") needs a two-word name, checked later
        end, text, strong = title
        return end, title_case(text), strong

    def _lower_portfolio_title(self, k: int) -> tuple[int, str, bool] | None:
        """ "agriculture minister Arnoldo Ruiz", "shadow foreign secretary Michael Ancram": a portfolio title
        in lower case with no country before it; weak (the name needs two words)."""
        t = self.tok(k)
        tab = self.table
        if t is None or not (t.low in tab.portfolio or t.low in tab.modifiers):
            return None
        if (art := self.tok(k - 1)) is not None and art.low in ("a", "an"):
            return None  # "how good a prime minister Gordon Brown will make"
        title = self.match_title(k, allow_lower=True)
        if title is None:
            return None
        end, text, _ = title
        words = text.lower().split()
        if words[-1] not in head_last_words() or not set(words[:-1]) & tab.portfolio:
            return None
        if (nxt := self.tok(end)) is None or not nxt.is_cap or not self.same_line(end):
            return None
        return end, title_case(text), False

    def _of_body(self, k: int) -> int | None:
        """ "of the National Assembly", "of the Communist Party of Vietnam Central Committee" at token ``k``
        after a title: the index after the body's last head word (``body_heads``), or ``None``.  The words up
        to it are capitalised (or "of", "the", "and"); a country right after the body is left to the caller
        ("Governor of the Bank of Thailand")."""
        ofk = self.tok(k)
        if ofk is None or ofk.low != "of" or not self.same_line(k):
            return None
        p = k + 1
        if (the := self.tok(p)) is not None and the.low == "the":
            p += 1
        heads = body_heads()
        found = None
        q = p
        while (t := self.tok(q)) is not None and q - p < 8 and self.same_line(q):
            if t.is_cap and t.is_word:
                if t.low in heads:
                    found = q + 1
            elif t.low not in ("of", "the", "and", "'s"):
                break
            q += 1
        if found is not None and (of := self.tok(found)) is not None and of.low == "of":
            run = self._portfolio_run(found + 1, False, need_head=False)  # "the Board of Investment"
            found = run if run > found + 1 else found
        return found

    def _chained_title(self, k: int) -> tuple[int, str] | None:
        """A second title right after a first one: "Defence Minister General ...", "Deputy Prime Minister
        and Foreign Minister ...", "Crown Prince and Prime Minister ..." -> (end index, title)."""
        t = self.tok(k)
        if t is None or not self.same_line(k):
            return None
        joined = t.low in ("and", "&")
        j = k + 1 if joined else k
        if joined and not self.same_line(j):
            return None
        title = self.match_title(j)
        if title is None or (joined and not title[2]):
            return None  # "... and Chief X": only a strong title after "and"
        end, text, _ = title
        if match_patronymic(self.toks, end) and end == j + 1:
            return None  # "Sultan bin Ahmed": a given name
        return end, text

    def _portfolio_run(self, k: int, allow_lower: bool, need_head: bool = True) -> int:
        """Index after a run of portfolio words joined by "and", "&" or commas."""
        tab = self.table
        end = k
        p = k
        while True:
            t = self.tok(p)
            if (
                t is None
                or t.low not in tab.portfolio
                or not (t.is_cap or allow_lower)
                or (p > k and not self.same_line(p))
            ):
                break
            p += 1
            end = p
            sep = self.tok(p)
            if sep is not None and (sep.low in ("and", "&") or (sep.low == "," and not allow_lower)):
                nxt = self.tok(p + 1)
                if nxt is not None and nxt.low in tab.portfolio and (nxt.is_cap or allow_lower):
                    p += 1
        return end
