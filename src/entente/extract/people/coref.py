"""Coreference: candidate mentions grouped into people ("Datuk Seri Anwar Ibrahim", "ANWAR BIN IBRAHIM" and
"Anwar" are one), one-word people completed from the text or the leaders' table, later short mentions
linked, and a counterpart's office inherited from the speaker ("Trade Minister X and his Thai
counterpart Y")."""

from __future__ import annotations

import re
from bisect import bisect_left

from ..state import State
from ..tokens import Tok, fold
from .anchors import Scanner
from .honorifics import match_honorific, particles, patronymics
from .known_leaders import leader_by_surname
from .model import Candidate, PersonDraft
from .names import article_joined, canonical_name, full_name_key, middle_forms, name_key
from .titles import base_title, counterpart_office, host_titles, small_title_words
from .words import MAX_NAME_WORDS

_SENTENCE_END = re.compile(r"[a-z0-9)\]][.!?][\"”’']?\s+[\"“]?[A-Z]")


def merge_candidates(cands: list[Candidate]) -> list[PersonDraft]:
    people: list[PersonDraft] = []
    for c in sorted(cands, key=lambda c: (-len(c.key), c.start)):
        key = c.key
        if not key:
            continue
        matches = [p for p in people if p.key == key]
        if not matches and len(key) == 1:
            matches = [p for p in people if key[0] in p.short_forms]
            if not matches and c.titles:  # "President Suluhu" is Samia Suluhu Hassan
                matches = [p for p in people if key[0] in middle_forms(p.words)]
        elif not matches:
            matches = [
                p
                for p in people
                if (set(key) <= set(p.key) or set(p.key) <= set(key)) and _same_own_name(c.words, p.words)
            ]
        if len(matches) > 1:
            continue  # "Kim" with two Kims in the text: ambiguous, not guessed
        if matches:
            p = matches[0]
        else:
            p = PersonDraft(words=list(c.words))
            people.append(p)
        p.mentions.append((c.start, c.end))
        p.forms.append((c.start, tuple(c.words)))
        for h in c.honorifics:
            if h not in p.honorifics:
                p.honorifics.append(h)
        for title in c.titles:
            if title not in p.titles:
                p.titles.append(title)
        if c.country:
            p.countries.append(c.country)
        if c.hint:
            p.hints.append(c.hint)
        p.blocked = p.blocked or c.blocked
        if c.rule not in p.rules:
            p.rules.append(c.rule)
    return people


def _same_own_name(a: list[str], b: list[str]) -> bool:
    """Could two names that share words be one person?  With a patronymic in either, the own (first) names
    must agree: "Abdulaziz bin Salman" is not "Mohammed bin Salman bin Abdulaziz"."""
    pats = patronymics()
    if not any(w.lower() in pats for w in (*a, *b)):
        return True
    return fold(a[0]) == fold(b[0])


def complete_single(people: list[PersonDraft], scanner: Scanner) -> None:
    """A one-word person ("Mr Blair") takes a fuller unanchored form of the name from the text ("Tony Blair")."""
    toks = scanner.toks
    for p in people:
        if len(p.key) != 1:
            continue
        word = fold(p.words[-1])
        for end_k, t in enumerate(toks):
            if not t.is_cap or end_k == 0 or fold(t.text) != word:
                continue
            # the nearest given name (an initial takes one more word): "Tony Blair", "George W. Bush"
            k = end_k - 1
            if toks[k].text == "." and k > 0:
                k -= 1
            if len(toks[k].text) == 1 and k > 0:
                k -= 1
            if not all(scanner.same_line(j) for j in range(k + 1, end_k + 1)):
                continue
            if (
                toks[k].low in scanner.table.words
                or toks[k].low in scanner.table.portfolio  # "Minister of Tourism Tiong": no given name
                or any(a <= toks[k].start < b for a, b in p.mentions)  # the mention's own honorific
                or match_honorific(toks, k)
                or not scanner.is_name_word(k, False)
            ):
                continue
            name = scanner.parse_name(k)
            if name is None or name[0] != end_k + 1:
                continue
            k, name = _given_names(scanner, k, end_k, name, p)
            key = name_key(canonical_name(name[1]))
            if len(key) > 1 and key[-1] == p.key[0] and not any(q is not p and q.key == key for q in people):
                p.words = list(name[1])
                p.mentions.append((toks[k].start, t.end))
                break


def _given_names(
    scanner: Scanner, k: int, end_k: int, name: tuple[int, list[str]], p: PersonDraft
) -> tuple[int, tuple[int, list[str]]]:
    """The given names before the nearest one, as far as the name reads back ("Jose Manuel Barroso",
    "Luiz Inacio Lula da Silva", not "Manuel Barroso"): each earlier word a name word on the same line,
    one space before the next, no title, honorific, place or part of the person's own mentions, never
    written without the next word (:func:`_only_before`), and the name then starts a clause or follows a
    title (:func:`_name_starts_after`)."""
    toks = scanner.toks
    best = (k, name)
    j = k - 1
    while j >= 0 and end_k - j < MAX_NAME_WORDS:
        t = toks[j]
        if (
            toks[j + 1].start - t.end != 1
            or not scanner.same_line(j + 1)
            or t.low in scanner.table.words
            or t.low in scanner.table.portfolio
            or any(a <= t.start < b for a, b in p.mentions)
            or any(pl.start <= t.start < pl.end for pl in scanner.state.places)  # "In London Tony Blair"
            or match_honorific(toks, j)
            or not scanner.is_name_word(j, False)
            or not _only_before(toks, j)
        ):
            break
        longer = scanner.parse_name(j)
        if longer is None or longer[0] != end_k + 1:
            break
        if _name_starts_after(scanner, j):
            best = (j, longer)
        j -= 1
    return best


def _only_before(toks: list[Tok], j: int) -> bool:
    """Is every occurrence of word ``j`` followed by the word after it?  A given name is written with the
    rest of the name ("Jose" only in "Jose Manuel"); a place or a party is also named alone ("London" in
    "In London Tony Blair", "Tory" in "The Tory Michael Howard"), and a common noun in lower case."""
    word, nxt, low = toks[j].text, toks[j + 1].text, toks[j].low
    return all(
        i + 1 < len(toks) and toks[i + 1].text == nxt for i, t in enumerate(toks) if t.text == word
    ) and not any(t.text == low for t in toks)


def _name_starts_after(scanner: Scanner, j: int) -> bool:
    """Can a name begin at token ``j``: at the start of the text or a clause (after punctuation), or right
    after a title word ("Vice president Jose Vicente Rangel")?  Not after an ordinary word, which makes
    the capitalised word a modifier ("but Tory Dominic Grieve", "including Tories Ken Clarke")."""
    if j == 0 or not scanner.same_line(j):
        return True
    prev = scanner.toks[j - 1]
    return not prev.is_word or (prev.low in scanner.table.words and prev.low not in small_title_words())


def complete_from_leaders(
    people: list[PersonDraft], mentioned: set[str], placed: frozenset[str] = frozenset()
) -> list[PersonDraft]:
    """A one-word person the text does not complete ("Mr Kishida", "President Lula") is the leader known by
    that name, when the leader's country is named in the text (a "Mr Cameron" in a story about films is not
    the British leader), or, for a head of state or government ("President Lula received ... in Brasilia"),
    a place of that country (``placed``); merged with that leader when the text names him in full too."""
    out: list[PersonDraft] = []
    heads = host_titles()
    for p in people:
        led = leader_by_surname(p.key[0]) if len(p.key) == 1 else None
        head = any(base_title(t) in heads for t in p.titles)
        if led is None or (led[1] not in mentioned and not (head and led[1] in placed)):
            out.append(p)
            continue
        key = full_name_key(tuple(led[0].split()))
        full = [q for q in people if q is not p and q.key == key]
        if not full:
            p.words = led[0].split()
            out.append(p)
            continue
        q = full[0]
        q.mentions.extend(p.mentions)
        for mine, theirs in ((p.honorifics, q.honorifics), (p.titles, q.titles), (p.rules, q.rules)):
            theirs.extend(x for x in mine if x not in theirs)
        q.countries.extend(p.countries)
        q.hints.extend(p.hints)
        q.blocked = q.blocked or p.blocked
    return out


def word_count(p: PersonDraft) -> int:
    words = [w for w in p.words if w.lower() not in patronymics() and w != "/"]
    return len([w for w in words[:-1] if w.lower() not in particles()]) + bool(words)


def link_short(people: list[PersonDraft], scanner: Scanner) -> None:
    """Later mentions by one part of the name ("Anwar", "Kishida") or the full name unanchored."""
    owners: dict[str, list[PersonDraft]] = {}
    for p in people:
        for w in p.short_forms:
            if len(w) >= 3 and w not in scanner.stop:
                owners.setdefault(w, []).append(p)
    covered = [span for p in people for span in p.mentions]
    firsts = {p.words[0].lower() for p in people if len(p.words) > 1}
    toks = scanner.toks
    caps = scanner.capitalised()  # both start with a capitalised word
    j = 0
    while j < len(caps):
        k = caps[j]
        t = toks[k]
        if (t.low not in firsts and _short_key(t.text) not in owners) or any(
            a <= t.start < b for a, b in covered
        ):
            j += 1  # neither a full name nor a short form starts here
            continue
        # the full name again, unanchored
        done = False
        for p in people:
            n = len(p.words)
            if (
                n > 1
                and k + n <= len(toks)
                and [x.low for x in toks[k : k + n]] == [w.lower() for w in p.words]
            ):
                p.mentions.append((t.start, toks[k + n - 1].end))
                j = bisect_left(caps, k + n)
                done = True
                break
        if done:
            continue
        who = owners.get(_short_key(t.text))
        if who and len(who) == 1:
            prev_name = (
                k > 0
                and scanner.is_name_word(k - 1, True)
                and scanner.same_line(k)
                and toks[k - 1].end < t.start
            )
            next_name = scanner.is_name_word(k + 1, True) and scanner.same_line(k + 1)
            if not prev_name and not next_name:
                who[0].mentions.append((t.start, t.end))
        j += 1
    for t in toks:  # "el-Sisi", "al-Sisi": the surname with its article in lower case
        if (
            t.is_cap
            or "-" not in t.low
            or not article_joined(t.text)
            or any(a <= t.start < b for a, b in covered)
        ):
            continue
        who = owners.get(_short_key(t.text))
        if who and len(who) == 1:
            who[0].mentions.append((t.start, t.end))


def _short_key(word: str) -> str:
    """The one-word form a mention is looked up by: folded, a joined Arabic article left out ("Al-Sisi",
    "el-Sisi" -> "sisi")."""
    return fold(word.split("-", 1)[1]) if article_joined(word) else fold(word)


def inherit_counterpart_titles(cands: list[Candidate], state: State) -> None:
    """ "Trade Minister Zulkifli Hasan and his Thai counterpart Phumtham": the counterpart holds the speaker's
    office (not his rank or royal title).  The speaker is the nearest person named before, in the same
    sentence; with no office he passes none on."""
    for c in cands:
        if c.titles or not c.rule.startswith("people:counterpart"):
            continue
        before = [d for d in cands if d.end <= c.start and c.start - d.end < 120]
        if not before:
            continue
        speaker = max(before, key=lambda d: d.end)
        gap = state.text[speaker.end : c.start]
        if "\n" in gap or _SENTENCE_END.search(gap):
            continue
        office = counterpart_office(speaker.titles)
        if office:
            c.titles = [office]
