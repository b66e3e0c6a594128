"""Agreements: the instruments a pair signed, exchanged, negotiates, plans or refers to.

Surface forms of each SPEC kind live in ``data/agreements.json``.  A mention is
an instrument when it is named ("Memorandum of Understanding on ...", "Visiting
Forces Agreement", "OSA framework"), or is a kind that stands alone ("a new MoU",
"FTA negotiations", "grant aid"), or a bare head with an instrument verb or a
count beside it ("signed two agreements").  Its status is the nearest status cue
in its clause; a cue governed by "will", "intend to", "set to" makes it
``planned``.  Counted groups give one item per named instrument ("three
Memoranda ... on A, B and C") or one item carrying ``count``.  Repeated mentions
of one instrument are merged; multilateral instruments (Paris Agreement, RCEP)
and those with a third party are not the pair's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from ..data import load_json
from ..record import Agreement, DateValue
from .areas import Pair, PairSentence, _lowered, area_matches, clause_status, pair_sentences
from .lexfilter import LiteralFilter, compile_ci
from .state import State

KIND_AREAS = {"fta": ["trade"]}

# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class Head:
    kind: str
    label: str
    pattern: re.Pattern[str]
    untitled: bool
    abbreviation: bool
    weak: bool = False  # counts only right after a signing verb


def _head_regex(phrase: str) -> str:
    body = r"[\s\-]+".join(re.escape(w) for w in phrase.split())
    if phrase[-1] in "yY" and phrase[-2:-1].lower() not in "aeiou":
        body = body[:-1] + r"(?:y|ies|IES)"  # "treaties"
    elif phrase[-1].isalpha():
        body += r"(?:s|es)?"
    return rf"(?<![\w-]){body}(?![\w-])"


@cache
def heads() -> tuple[Head, ...]:
    data = load_json("agreements.json")
    out = []
    for kind, spec in data["kinds"].items():
        for h in spec.get("heads", []):
            out.append(Head(kind, h, re.compile(_head_regex(h), re.I), spec.get("untitled", False), False))
        for a in spec.get("abbreviations", []):
            out.append(Head(kind, a, re.compile(rf"(?<![\w-]){re.escape(a)}(?![\w-])"), True, True))
        for h in spec.get("weak_heads", []):
            out.append(Head(kind, h, re.compile(_head_regex(h), re.I), False, False, True))
    return tuple(out)


@cache
def _multilateral() -> re.Pattern[str]:
    names = load_json("agreements.json")["multilateral"]
    return re.compile("|".join(_head_regex(n) for n in sorted(names, key=len, reverse=True)), re.I)


@cache
def _blocs() -> re.Pattern[str]:
    names = load_json("agreements.json")["blocs"]
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"\b(?:with|and)\s+(?:the\s+)?(?:{alt})\b")


@cache
def _status_cues() -> list[tuple[str, re.Pattern[str]]]:
    cues = load_json("agreements.json")["status_cues"]
    return [(status, re.compile(_head_regex(c).replace("(?:s|es)?", ""), re.I)) for status, words in cues.items() for c in words]


def _words_of(phrase: str) -> tuple[str, ...] | None:
    """The lower-case words every case-insensitive match of ``_head_regex(phrase)`` holds."""
    return tuple(w.lower() for w in phrase.split() if w.isascii()) or None


@cache
def _status_cue_filter() -> LiteralFilter:
    """Skips a status cue's regex when one of its words is not in the clause."""
    cues = load_json("agreements.json")["status_cues"]
    return LiteralFilter([(_words_of(c), False) for words in cues.values() for c in words])


@cache
def _multilateral_filter() -> LiteralFilter:
    """Is any multilateral instrument's name possible in a sentence (all its words in it)?"""
    return LiteralFilter([(_words_of(n), False) for n in load_json("agreements.json")["multilateral"]])


@cache
def _counts() -> tuple[re.Pattern[str], dict[str, int | None]]:
    counts: dict[str, int | None] = {k.lower(): v for k, v in load_json("agreements.json")["counts"].items()}
    alt = "|".join(re.escape(k) for k in sorted(counts, key=len, reverse=True))
    pattern = re.compile(
        rf"(?:(?<![\w,.])(?P<num>\d{{1,4}})|\b(?P<word>{alt}))\s+(?:(?!(?:countries|sides|leaders|nations|years|days|"
        rf"months|governments|ministers)\b)(?:[a-z][\w-]*|G2G|B2B)\s+){{0,2}}$",
        re.I,
    )
    return pattern, counts


@cache
def _deadline_cue() -> re.Pattern[str]:
    cues = load_json("agreements.json")["deadline_cues"]
    alt = "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
    return re.compile(rf"\b(?:{alt})(?:\s+the\s+end\s+of|\s+end-|\s+the\s+(?:first|second|third|fourth)\s+\w+\s+of)?\s*$", re.I)


_MULTI_MARKER = re.compile(
    r"\binvolving\b|\b\d+-(?:member|nation|country)\b|\b(?:eleven|twelve|\w+teen)-member\b|"
    r"\bmember (?:states|countries|nations)\b|\bmultilateral\b|\bplurilateral\b",
    re.I,
)
_INSTRUMENT_VERB = compile_ci(
    r"\b(?:sign\w*|ink\w*|seal\w*|conclud\w*|exchang\w*|ratif\w*|negotiat\w*|enter\w* into force|came into force|"
    r"in force|took effect|finali[sz]\w*|implement\w*|renew\w*|extend\w*|under the)\b"
)
_SIGNING_BEFORE = compile_ci(
    r"\b(?:signed|sign|signing|inked|ink|adopted|adopt|adopting|exchanged|concluded)\s+(?:(?:a|an|the|two|three|new|"
    r"joint|\w+-year|bilateral)\s+){0,3}$"
)
_NOT_INSTRUMENT_AFTER = re.compile(r"\s+(?:Centre|Center|Hall|Hotel|Room|Building|Secretariat)\b")
_TITLE_WORD = re.compile(r"[A-Z0-9][\w'’&.-]*|\([A-Z][\w&-]*\)")
_FUNCTION = {"of", "on", "and", "for", "the", "in", "to", "under", "between", "concerning", "&", "a"}
_DETERMINER_START = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "our", "his", "her"}
_INCLUDING = re.compile(r",?\s+(?:including|among them|notably|such as)\s+(?:a|an|the|two|three)?\s*$", re.I)
_AND_A = re.compile(r",\s+and\s+(?:a|an|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+$", re.I)
# The next item of an inline list after an instrument's lower-case subject: "an agreement on the avoidance of
# double taxation, an agreement revising ...", "..., and five memoranda".
_LISTED_NEXT = re.compile(
    r"\s+(?:on|for|of|concerning|regarding|revising|amending|covering|to)\s[^.;:()]{0,100}?,\s+(?:and\s+)?"
    r"(?:a|an|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+$",
    re.I,
)
_WORTH_THEN_VERB = re.compile(r"\s+(?:worth|valued at|of)\s+[^.;]{0,60}?\b(?:signed|concluded|exchanged|inked)\b", re.I)
_DEFINITE_GENERIC = re.compile(r"\b(?:the|these|those|both|all|such)\s+(?:(?!of\b)[a-z][\w-]*\s+){0,2}$", re.I)
_LIST_AFTER = re.compile(r"[ \t]*:[ \t]*\n")
# Another instrument right before: "a free trade agreement and a double contribution convention".
_COORDINATED = re.compile(r"\s*,?\s*(?:and|as well as|or)\s+(?:(?:a|an|the)\s+)?(?:[a-z][\w-]*\s+){0,3}", re.I)
# An item of a list introduced by a line ending with a colon: "(a) Memorandum of ...;", "- Agreement on ...".
_LIST_ITEM = re.compile(r"[ \t]*(?:\(?[a-z]\)|\(?[ivx]{1,4}\)|\d{1,2}[.)]|[-•*–])[ \t]+")
_EARLIER = re.compile(r"\b(?:earlier|previously)\b", re.I)  # "Earlier, both leaders will witness ...": done
_CALENDAR = re.compile(
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?$|"
    r"(?:19|20)\d\d\b"
)
_COMPLEMENT = re.compile(
    r"\s+(?:on|concerning|regarding|relating to|related to|for|between|in the field of|in the fields of)\s+", re.I
)


# ---------------------------------------------------------------- mentions


@dataclass
class Mention:
    kind: str
    start: int  # of the whole mention (title included)
    end: int
    head_start: int
    head_end: int
    label: str
    title: str | None = None
    count: int | None = None
    items: list[tuple[str, int, int]] = field(default_factory=list)  # named members of a counted group
    plural: bool = False


def _chain_before(text: str, head_start: int, floor: int) -> int:
    """Start of a run of capitalised words right before a head ("Visiting Forces" Agreement)."""
    floor = max(floor, head_start - 160)
    pos = head_start
    words = list(re.finditer(r"[\w'’&().-]+", text[floor:head_start]))
    start = head_start
    for w in reversed(words):
        gap = text[floor + w.end() : pos]
        if gap.strip(" -"):
            break
        token = w.group(0)
        if token.endswith(("'s", "’s")):
            break
        if _TITLE_WORD.fullmatch(token) or (token.lower() in _FUNCTION and start < head_start):
            start = floor + w.start()
            pos = start
            continue
        break
    # Trim leading function words and a sentence-initial "The".
    while start < head_start:
        first = re.match(r"[\w'’&().-]+\s*", text[start:head_start])
        if first and first.group(0).strip().lower() in _FUNCTION | _DETERMINER_START:
            start += first.end()
            continue
        break
    return start


def _complement_after(text: str, head_end: int, ceiling: int) -> int:
    """End of a capitalised subject after a head ("... on Cooperation in the Field of Higher Education")."""
    m = _COMPLEMENT.match(text, head_end, ceiling)
    if not m:
        return head_end
    end = head_end
    pos = m.end()
    seen_capital = False
    for w in re.finditer(r"[\w'’&().-]+|,", text[pos:ceiling]):
        token = w.group(0)
        absolute_end = pos + w.end()
        if token == ",":
            continue
        if _TITLE_WORD.fullmatch(token):
            if _CALENDAR.match(token):
                break  # "on Saturday", "in November": a date, not a subject
            seen_capital = True
            end = absolute_end - (1 if token.endswith(".") and not re.search(r"\.\w", token) else 0)
        elif token.lower() in _FUNCTION:
            if not seen_capital and token.lower() not in {"the", "a"}:
                break
            continue
        else:
            break
    return end if seen_capital else head_end


@cache
def _head_literals() -> tuple[tuple[Head, tuple[str, ...] | None], ...]:
    """Each head with the literals every match of it contains (lower case unless an abbreviation)."""
    out: list[tuple[Head, tuple[str, ...] | None]] = []
    for head in heads():
        if head.abbreviation:
            out.append((head, (head.label,)))
            continue
        words = [w.lower() for w in head.label.split() if w.isascii()]
        if words and words[-1].endswith("y") and words[-1][-2:-1] not in "aeiou":
            words[-1] = words[-1][:-1]  # "treaties" holds "treat", not "treaty"
        out.append((head, tuple(words) or None))
    return tuple(out)


@cache
def _head_filter() -> LiteralFilter:
    """Skips a head's regex when one of its words is not in the sentence."""
    return LiteralFilter([(literals, head.abbreviation) for head, literals in _head_literals()])


def _raw_mentions(text: str, start: int, end: int) -> list[tuple[int, int, Head]]:
    low = _lowered(text)
    found = []
    literals = _head_literals()
    # Only the heads whose literal is in the sentence (the regex is skipped for the others).
    for i in _head_filter().candidates(text, low, start, end):
        head = literals[i][0]
        for m in head.pattern.finditer(text, start, end):
            found.append((m.start(), m.end(), head))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    taken: list[tuple[int, int]] = []
    out = []
    for s, e, head in found:
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        out.append((s, e, head))
    out.sort(key=lambda f: f[0])
    return out


def _split_items(text: str, start: int, end: int, count: int | None) -> list[tuple[int, int]]:
    """Split "A, B and C" into the named members of a counted group."""
    body = text[start:end]
    first = re.match(r"[A-Z][\w'-]*", body)
    seps = list(re.finditer(r",\s+(?:and\s+)?|\s+and\s+", body))
    candidates = [s for s in seps if re.match(r"[A-Z]", body[s.end() :])]
    if first is not None:
        lead = [s for s in candidates if body[s.end() :].startswith(first.group(0) + " ")]
        if count and len(lead) + 1 == count:
            candidates = lead
    if count and len(candidates) + 1 != count:
        return []
    out, pos = [], 0
    for s in candidates:
        out.append((start + pos, start + s.start()))
        pos = s.end()
    out.append((start + pos, end))
    return [(a, b) for a, b in out if b > a]


def find_mentions(text: str, start: int, end: int) -> list[Mention]:
    """Instrument mentions in the sentence ``text[start:end]``."""
    multilateral: list[tuple[int, int]] = []
    if _multilateral_filter().candidates(text, _lowered(text), start, end):
        multilateral = [(m.start(), m.end()) for m in _multilateral().finditer(text, start, end)]
    count_pattern, counts = _counts()
    out: list[Mention] = []
    for s, e, head in _raw_mentions(text, start, end):
        if any(ms <= s and e <= me for ms, me in multilateral):
            continue
        if head.kind in ("treaty", "agreement", "framework") and _NOT_INSTRUMENT_AFTER.match(text, e, end):
            continue  # "Convention Centre": a venue
        if head.label.lower() == "deal" and re.match(r"\s+with\b", text[e:end]):
            continue  # "to deal with"
        # "(MoU)" right after a spelled-out head is the same mention.
        if head.abbreviation and out and re.fullmatch(r"\s*\(\s*", text[out[-1].head_end : s]) and out[-1].kind == head.kind:
            continue
        t_start = _chain_before(text, s, start) if not head.abbreviation else s
        if re.fullmatch(r"\d[\d,.]*\s+", text[t_start:s]):
            t_start = s  # "signed 24 agreements": a count, not a title
        t_end = _complement_after(text, e, end)
        title = None
        if t_start < s or t_end > e:
            title = text[t_start:t_end].strip()
        elif head.label[0].isupper() and text[s].isupper() and head.kind in ("treaty", "agreement", "framework", "joint_statement"):
            title = None
        before = text[max(start, s - 40) : t_start]
        cm = count_pattern.search(before)
        count: int | None = None
        plural = bool(re.search(r"(?i)^(?:memoranda|memorandums|exchanges|letters)\b|s$", text[s:e]))
        if cm:
            count = int(cm.group("num")) if cm.group("num") else counts.get(cm.group("word").lower())
        mention = Mention(head.kind, t_start, max(e, t_end), s, e, head.label, title, count, plural=plural)
        if head.kind == "other" and title is None and (
            _DEFINITE_GENERIC.search(text[max(start, s - 30) : s]) or _LIST_AFTER.match(text, e)
        ):
            continue  # "the border documents": the instruments already named; "the following instruments:"
        coordinated = bool(out) and (
            bool(_COORDINATED.fullmatch(text[out[-1].end : t_start])) or bool(_INCLUDING.search(text[out[-1].end : t_start]))
            or bool(_LISTED_NEXT.fullmatch(text[out[-1].end : t_start]))
        )
        signed_before = bool(_SIGNING_BEFORE.search(text[max(start, s - 50) : t_start]))
        if head.weak and not signed_before:
            continue
        if head.kind in ("treaty", "agreement", "framework", "joint_statement", "other") and title is None:
            window = text[max(start, s - 50) : min(end, e + 30)]
            if not _INSTRUMENT_VERB.search(window) and _WORTH_THEN_VERB.match(text, e, end):
                window = text[s : min(end, e + 80)]  # "a currency swap agreement worth US$ 400 million ... signed"
            if head.kind == "joint_statement" and not signed_before:
                continue
            if not (cm or coordinated or _INSTRUMENT_VERB.search(window)):
                continue
        if head.label.lower() == "agreement" and title is None and plural and not cm:
            continue
        # A counted group with a named list: "three Memoranda ... on A, B and C".
        if plural and t_end > e:
            comp = _COMPLEMENT.match(text, e, end)
            if comp:
                items = _split_items(text, comp.end(), t_end, count if isinstance(count, int) else None)
                if len(items) >= 2:
                    joiner = text[e : comp.end()]
                    singular = _singular(text[s:e])
                    mention.items = [(f"{singular}{joiner}{text[a:b]}".strip(), a, b) for a, b in items]
        out.append(mention)
    return _drop_nested(text, out)


def _singular(head: str) -> str:
    for plural, single in (("Memoranda", "Memorandum"), ("Memorandums", "Memorandum"), ("Exchanges", "Exchange")):
        if head.startswith(plural):
            return single + head[len(plural) :]
    if head.endswith("s") and not head.endswith("ss"):
        return head[:-1]
    return head


def _drop_nested(text: str, mentions: list[Mention]) -> list[Mention]:
    """A grant, loan or framework named as the subject of another instrument is part of it."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev is not None and m.kind in ("grant", "loan", "framework") and m.head_start >= prev.head_end:
            gap = text[prev.head_end : m.head_start]
            if (
                len(gap) < 80
                and re.match(r"\s*(?:for|on|concerning|regarding|relating to|covering|providing)\b", gap)
                and not re.search(r"\b(?:and|as well as|which|signed|while|also)\b|[,;]", gap)
            ):
                prev.end = max(prev.end, m.end)
                continue
        if prev is not None and m.start < prev.end:
            continue
        out.append(m)
    return out


# ---------------------------------------------------------------- status, dates, areas


def _clause_end(text: str, pos: int, end: int) -> int:
    stop = re.search(r"[;.!?](?:\s|$)|\s(?:and|while|but)\s+(?:also\s+)?(?:\w+ed|will|would)\b|,\s+(?:and|while)\s", text[pos:end])
    return min(end, pos + (stop.start() if stop else end - pos), pos + 160)


def _clause_start(text: str, pos: int, start: int) -> int:
    cut = start
    for m in re.finditer(r"[;:]\s|\.\s", text[start:pos]):
        cut = start + m.end()
    return max(cut, pos - 120)


def _clause_lo(text: str, start: int, pos: int) -> int:
    """Start of the clause holding ``pos``: after the last ", and", ";", ", while", ", but" before it."""
    cut = start
    for m in re.finditer(r",\s+(?:and|while|but|whereas)\s|;\s|:\s", text[start:pos]):
        cut = start + m.end()
    return cut


def status_of(text: str, sentence: tuple[int, int], m: Mention) -> tuple[str, str]:
    start, end = sentence
    lo = _clause_start(text, m.head_start, start)
    hi = _clause_end(text, m.end, end)
    best: tuple[int, str, int, int, bool] | None = None  # distance, status, cue start, cue end, after
    cues = _status_cues()
    for i in _status_cue_filter().candidates(text, _lowered(text), lo, hi):  # cues whose words are there
        status, pattern = cues[i]
        for c in pattern.finditer(text, lo, hi):
            if c.start() < m.end and c.end() > m.start:
                continue
            after = c.start() >= m.end
            dist = c.start() - m.end if after else m.start - c.end()
            if after and dist > 60:
                continue
            # Equal distance: the longer cue ("to sign" over "sign") wins.
            if best is None or dist < best[0] or (dist == best[0] and c.end() - c.start() > best[3] - best[2]):
                best = (dist, status, c.start(), c.end(), after)
    sentence_text = text[start:end]
    if best is None:
        mod, rule = clause_status(sentence_text, m.head_start - start, "agreed", decided="planned")
        if mod in ("planned", "expected") and re.search(r"\bnew\b", text[max(start, m.start - 12) : m.start]):
            return "planned", f"agreements:new+{rule}"
        return "referenced", "agreements:referenced"
    _, status, cs, ce, after = best
    cue = text[cs:ce].lower()
    if status in ("signed", "exchanged", "concluded") and not after:
        lo_clause = _clause_lo(text, start, cs)
        mod, rule = clause_status(text[lo_clause:end], cs - lo_clause, "agreed", decided="planned")
        if mod in ("planned", "expected") and not _EARLIER.search(sentence_text):
            return "planned", f"agreements:cue:{cue}; {rule}"
    if status == "planned" and after and not re.match(r"to (?:be )?sign", cue):
        # "negotiations to conclude them by 2025": the nearer cue before decides if there is one.
        return "negotiating" if re.search(r"negotiat", text[m.start : ce], re.I) else "planned", f"agreements:cue:{cue}"
    if m.kind == "exchange_of_notes" and status == "signed" and cue.startswith("witness"):
        status = "exchanged"
    return status, f"agreements:cue:{cue}"


_SIDE_CLAUSE = re.compile(r",\s+(?:\w+ing|which|who|that|where|after|as|amid|following)\b", re.I)


def _when(text: str, dates, others, sentence_start: int, m: Mention) -> DateValue | None:
    """The date of the mention's own clause: after it up to a side clause ("signed the Treaty ..., ending a
    dispute that led to clashes in 2021": not 2021), else the nearest before it in its clause ("on Thursday
    signed the Treaty")."""
    side = _SIDE_CLAUSE.search(text, m.end)
    limit = side.start() if side else len(text)
    after = sorted((d for d in others if d[0] < limit), key=lambda d: abs(d[0] - m.end))
    if after:
        return after[0][2]
    if not others:
        lo = _clause_lo(text, sentence_start, m.start)
        before = [d for d in dates if lo <= d[0] and d[1] <= m.start and not _SIDE_CLAUSE.search(text, d[1], m.start)]
        if before:
            return before[-1][2]
    return None


def _list_status(text: str, m: Mention) -> tuple[str, str] | None:
    """The status of a list item's instrument, from the line that introduces the list ("The two leaders
    witnessed the signing of the following instruments:" then "(a) Memorandum of Understanding on ...")."""
    line_start = text.rfind("\n", 0, m.start) + 1
    if not _LIST_ITEM.match(text, line_start) or not _LIST_ITEM.match(text, line_start, m.start + 1):
        if not _LIST_ITEM.fullmatch(text, line_start, m.start):
            return None
    pos = line_start
    for _ in range(12):  # back over the earlier items to the line with the colon
        if pos <= 0:
            return None
        prev_start = text.rfind("\n", 0, pos - 1) + 1
        line = text[prev_start : pos - 1]
        if line.rstrip().endswith(":"):
            intro = Mention("other", pos - 1, pos - 1, pos - 1, pos - 1, "list")
            status, rule = status_of(text, (prev_start, pos - 1), intro)
            return (status, f"agreements:list-item; {rule}") if status != "referenced" else None
        if line.strip() and not _LIST_ITEM.match(line):
            return None
        pos = prev_start
    return None


def _base_date(state: State) -> date | None:
    value = state.published.date if state.published else None
    if not value:
        return None
    try:
        parts = [int(x) for x in value.split("-")]
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def date_mentions(state: State) -> list[tuple[int, int, DateValue]]:
    """Resolved dates of the text: the dates component's, or (until it runs) the temporal resolver's."""
    out = [(d.start, d.end, d.value) for d in state.dates if d.value is not None]
    if out or state.dates:
        return out
    try:
        from .temporal import find_dates
    except ImportError:  # the resolver is not there: no dates rather than guesses
        return []
    return [(e.start, e.end, v) for e, v, _ in find_dates(state.text, _base_date(state)) if v is not None]


def split_deadline(text: str, dates: list[tuple[int, int, DateValue]], lo: int, hi: int):
    """(deadline, other dates) among ``dates`` inside ``text[lo:hi]``."""
    deadline = None
    others = []
    for s, e, v in dates:
        if s < lo or e > hi:
            continue
        lead = text[s:e]
        if _deadline_cue().search(text[max(lo, s - 25) : s]) or re.match(
            r"(?:by|before|no later than|within)\b", lead, re.I
        ):
            if deadline is None:
                deadline = (s, e, v)
            continue
        others.append((s, e, v))
    return deadline, others


def _purpose_start(text: str, start: int, m: Mention) -> int:
    """Where the instrument's subject begins: "deepen cultural ties under a MoU" reaches back."""
    if re.search(r"\b(?:under|through|via|within|in line with|pursuant to)\s+(?:a|an|the|this|that|its|their)?\s*$",
                 text[max(start, m.start - 30) : m.start], re.I):
        return _clause_start(text, m.start, start)
    return m.start


def _areas_of(text: str, lo: int, hi: int, kind: str) -> list[str]:
    out: list[str] = list(KIND_AREAS.get(kind, []))
    for am in area_matches(text, lo, hi):
        for a in am.areas:
            if a not in out and a not in ("regional_multilateral", "political_dialogue"):
                out.append(a)
    return out


# ---------------------------------------------------------------- items and merging


@dataclass
class Item:
    agreement: Agreement
    pairs: list[Pair]
    key: str | None
    grouped: bool = False  # one of a counted group


def _norm(title: str | None) -> str | None:
    if not title:
        return None
    t = re.sub(r"\([^)]*\)", " ", title.lower())
    t = re.sub(r"^(?:the|a|an)\s+", "", t.strip())
    return re.sub(r"[\W_]+", " ", t).strip()


_AGREEMENT_FAMILY = {"agreement", "treaty", "fta", "framework"}
from ..record import AGREEMENT_STATUS_RANK as _STATUS_RANK  # noqa: E402 (the order is defined once, in record)


def _same_when(a: DateValue | None, b: DateValue | None) -> bool:
    """Two dates that can be one (the shorter is a prefix of the longer: 2022 and 2022-05)."""
    if a is None or b is None:
        return False
    return a.start.startswith(b.start) or b.start.startswith(a.start)


def _later_step(done: str, said: str) -> bool:
    """"The pact, which still has to be signed / ratified": a step after negotiations were concluded."""
    return done in ("concluded", "signed") and said in ("planned", "in_force")


def _merge_target(items: list[Item], new: Item, definite: bool) -> Item | None:
    g = new.agreement
    same_pairs = [it for it in items if it.pairs == new.pairs]
    kin = [it for it in same_pairs if it.agreement.kind == g.kind]
    if new.key:
        exact = [it for it in kin if it.key == new.key]
        if exact:
            return exact[0]
        # "signed a defence pact ... The Reciprocal Access Agreement was signed": the pact gets its name.
        bare = [it for it in kin if it.key is None and it.agreement.count is None and g.kind in _AGREEMENT_FAMILY]
        return bare[-1] if bare else None
    if g.count is not None:
        return None
    if g.kind == "fta" and kin:
        return kin[-1]
    if definite:
        family = [
            it for it in same_pairs
            if not it.grouped and it.agreement.count is None
            and (g.status in ("referenced", it.agreement.status) or _later_step(it.agreement.status, g.status))
            and (g.date is None or _same_when(it.agreement.date, g.date)
                 or (it.agreement.date is None and g.status == it.agreement.status != "referenced"))
        ]
        if g.kind in ("agreement", "treaty"):
            family = [it for it in family if it.agreement.kind in _AGREEMENT_FAMILY]
        else:
            family = [it for it in family if it.agreement.kind == g.kind]
        return family[-1] if family else None
    for it in kin:
        o = it.agreement
        if it.key is not None or it.grouped or o.count is not None:
            continue
        same_date = (o.date.start if o.date else None) == (g.date.start if g.date else None) or (
            (o.date is None or g.date is None) and o.status == g.status != "referenced" and o.kind in _AGREEMENT_FAMILY
        )
        compatible = o.status == g.status or "referenced" in (o.status, g.status)
        overlap = not o.areas or not g.areas or bool(set(o.areas) & set(g.areas))
        if same_date and compatible and overlap:
            return it
    return None


def _merge_or_add(items: list[Item], new: Item, definite: bool) -> None:
    target = _merge_target(items, new, definite)
    if target is None:
        items.append(new)
        return
    o, g = target.agreement, new.agreement
    o.evidence.extend(e for e in g.evidence if e not in o.evidence)
    if _STATUS_RANK.get(g.status, 0) > _STATUS_RANK.get(o.status, 0):
        o.status = g.status
    for a in g.areas:
        if a not in o.areas:
            o.areas.append(a)
    o.date = o.date or g.date
    o.deadline = o.deadline or g.deadline
    if g.title and not o.title:
        o.title, target.key = g.title, new.key


def _third_party(state: State, sentence: PairSentence, mention: Mention, text: str) -> bool:
    """The instrument is with a third country or a bloc, or among many countries."""
    members = {c for p in sentence.pairs for c in p}
    mentioned = {m.iso3 for m in state.countries_in(sentence.start, sentence.end)}
    if members and members <= mentioned:
        return False
    clause_hi = _clause_end(text, mention.end, sentence.end)
    window = text[max(sentence.start, mention.start - 80) : clause_hi]
    if _blocs().search(window):
        return True
    if mentioned - members and _MULTI_MARKER.search(text[sentence.start : sentence.end]):
        return True
    return any(m.iso3 not in members for m in state.countries_in(mention.end, clause_hi)) and bool(
        re.search(r"\bwith\b", text[mention.end : clause_hi])
    )


_CONTINUES = re.compile(r"\W*(?:among them|they included|these included|they include|these include|one of them|"
                        r"including)\b", re.I)
_ORDINAL = re.compile(r"\W*(?:the\s+)?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|"
                      r"final|other|another|remaining)\b[^.]{0,12}?(?:,|\s+(?:one|memorandum|mou|agreement|"
                      r"document|instrument)\b)", re.I)


def _old(when: DateValue | None, state: State) -> bool:
    """A signing date a year or more before publication: an existing instrument."""
    if when is None:
        return False
    base = _base_date(state)
    year = int(when.start[:4])
    if base is not None:
        return year < base.year
    return when.precision == "year"


def _enumerated(state: State, sentences, index: int, count: int) -> list[tuple[int, int]]:
    """Sentences after a counted group that name its members in turn ("The first, ...", "The second ...")."""
    out = []
    for ps in sentences[index + 1 : index + 2 + count]:
        m = _ORDINAL.match(state.text, ps.start, ps.end)
        if m is None:
            break
        out.append((ps.start, ps.end))
    return out if len(out) == count else []


def _drop_announced_groups(items: list[Item]) -> list[Item]:
    """"Talks continue on two further accords. Negotiators are working on an agreement ... and on an
    agreement ...": an untitled counted group whose members follow one by one is those members."""
    out = []
    for i, it in enumerate(items):
        g = it.agreement
        if g.count and not g.title and not it.grouped and g.evidence:
            pos = g.evidence[0].start
            later = [
                x for x in items[i + 1 :]
                if x.pairs == it.pairs and x.agreement.count is None and x.agreement.evidence
                and 0 < x.agreement.evidence[0].start - pos < 600
                and (x.agreement.kind == g.kind or {x.agreement.kind, g.kind} <= _AGREEMENT_FAMILY)
            ]
            if len(later) >= g.count:
                continue
        out.append(it)
    return out


def extract_agreements(state: State, doc: Doc) -> dict[Pair, list[Agreement]]:
    text = state.text
    dates = date_mentions(state)
    items: list[Item] = []
    previous: tuple[int, int, str] | None = None  # sentence start, end and status of the last mention
    sentences = pair_sentences(state, doc)
    for index, ps in enumerate(sentences):
        if not ps.pairs:
            continue
        for m in find_mentions(text, ps.start, ps.end):
            if _third_party(state, ps, m, text):
                continue
            status, srule = status_of(text, (ps.start, ps.end), m)
            if status == "referenced" and items and _CONTINUES.match(text, ps.start, ps.end):
                status, srule = items[-1].agreement.status, "agreements:continues-group"
            if status == "referenced":
                status, srule = _list_status(text, m) or (status, srule)
            listed = False  # another item of a list in the sentence: "an agreement on X, an agreement revising Y"
            if previous is not None and previous[0] == ps.start:
                gap = text[previous[1] : m.start]
                listed = bool(_LISTED_NEXT.fullmatch(gap))
                loose = len(gap) < 200 and (_AND_A.search(gap) or _INCLUDING.search(gap) or listed) and not re.search(r"[;:]", gap)
                if status == "referenced" and (_COORDINATED.fullmatch(gap) or loose) and previous[2] != "referenced":
                    status, srule = previous[2], "agreements:coordinated"
            previous = (ps.start, m.end, status)
            clause_hi = _clause_end(text, m.end, ps.end)
            deadline, others = split_deadline(text, dates, m.start, max(clause_hi, m.end))
            when = None
            if status != "referenced" or re.search(r"\bsigned\b", text[m.end : clause_hi]):
                when = _when(text, dates, others, ps.start, m)
            if status in ("referenced", "signed") and _old(when, state):
                status = "referenced"
            elif status == "referenced" and when is not None:
                status = "signed"
            members = list(m.items)
            if not members and m.plural and isinstance(m.count, int) and 2 <= m.count <= 10:
                for a, b in _enumerated(state, sentences, index, m.count):
                    members.append((None, a, b))  # type: ignore[arg-type]
            if members:
                for title, a, b in members:
                    ag = Agreement(
                        kind=m.kind, title=title, status=status, date=when,  # type: ignore[arg-type]
                        deadline=deadline[2] if deadline else None,
                        areas=_areas_of(text, a, b, m.kind),  # type: ignore[arg-type]
                        evidence=[state.span(m.head_start, m.head_end), state.span(a, b)],
                        rule=f"agreements:group:{m.label}; {srule}",
                    )
                    items.append(Item(ag, ps.pairs, _norm(title), grouped=True))
                continue
            count = m.count if m.plural or (m.count or 0) > 1 else None
            ag = Agreement(
                kind=m.kind, title=m.title, status=status, date=when,  # type: ignore[arg-type]
                deadline=deadline[2] if deadline else None,
                areas=_areas_of(text, _purpose_start(text, ps.start, m), clause_hi, m.kind),  # type: ignore[arg-type]
                count=count, evidence=[state.span(m.start, m.end)], rule=f"agreements:{m.label}; {srule}",
            )
            definite = bool(re.search(r"\b(?:the|this|that|such)\s+$", text[max(ps.start, m.start - 8) : m.start], re.I))
            if listed and m.title is None:
                items.append(Item(ag, ps.pairs, None))
            else:
                _merge_or_add(items, Item(ag, ps.pairs, _norm(m.title)), definite)
    items = _drop_announced_groups(items)
    out: dict[Pair, list[Agreement]] = {}
    # Instruments done at the reported event first, then plans and negotiations, then older references.
    items.sort(key=lambda it: -_STATUS_RANK.get(it.agreement.status, 0))
    for item in items:
        for pair in item.pairs:
            out.setdefault(pair, []).append(item.agreement)
    return out


@Language.component("entente_agreements")
def agreements_component(doc: Doc) -> Doc:
    state: State = doc._.entente
    if not state.relations:
        return doc
    for pair, agreements in extract_agreements(state, doc).items():
        rel = state.relations.get(pair)
        if rel is not None:
            rel.agreements.extend(agreements)
    return doc


__all__ = ["Mention", "agreements_component", "date_mentions", "extract_agreements", "find_mentions", "split_deadline"]
