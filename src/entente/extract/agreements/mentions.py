"""Instrument mentions in a sentence: a head of a SPEC kind (``data/agreements.json``) with its title,
its count, its named members, and the tests that tell an instrument from a word ("to deal with", "the
Convention Centre", "the agreement was reached")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..areas import _lowered
from ..lexfilter import compile_ci
from ..signing import ends_with_signing, find_signings
from .batches import split_items
from .clauses import clause_end
from .lexicon import (
    Head,
    counts,
    deal_verb_before,
    head_filter,
    head_literals,
    modifier_words,
    multilateral_filter,
    regional_prefix,
)
from .lexicon import multilateral as multilateral_names
from .titles import (
    COMPLEMENT,
    acronym_start,
    chain_before,
    complement_after,
    describe_after,
    modifiers_before,
    part_before,
    singular,
    topics_after,
)

_NON_SIGNING_VERB = compile_ci(
    r"\b(?:conclud\w*|conclusion|ratif\w*|negotiat\w*|enter\w* into force|came into force|"
    r"in force|took effect|finali[sz]\w*|implement\w*|renew\w*|extend\w*|under the)\b"
)
_AMOUNT_CHAIN = re.compile(
    r"(?:[$€£¥]?\d[\d,.]*(?:-[a-z]+)*\s+|(?:US|RM|Rs|EUR|USD)?[$€£¥]?\d[\d,.]*\s*(?:bn|m|million|billion|trillion)?\s+)+",
    re.I,
)
_BRACKET_OPEN = re.compile(r"\s*[(\[]\s*")
# A trade or economic instrument under a generic head: "a bilateral economic comprehensive partnership agreement".
_TRADE_MODIFIERS = re.compile(
    r"\b(?:trade|economic)\s+(?:(?!(?:and|or|with|the|a|an|of|to|by)\b)[a-z-]+(?<!ed)\s+){0,2}$", re.I
)
_NOT_INSTRUMENT_AFTER = re.compile(r"\s+(?:Centre|Center|Hall|Hotel|Room|Building|Secretariat)\b")
INCLUDING = re.compile(r",?\s+(?:including|among them|notably|such as)\s+(?:a|an|the|two|three)?\s*$", re.I)
AND_A = re.compile(r",\s+and\s+(?:a|an|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+$", re.I)
# The next item of an inline list after an instrument's lower-case subject: "an agreement on the avoidance of
# double taxation, an agreement revising ...", "..., and five memoranda".
LISTED_NEXT = re.compile(
    r"(?:\s+(?:on|for|of|concerning|regarding|revising|amending|covering|to)\s[^.;:()]{0,100}?)?,\s+(?:and\s+)?"
    r"(?:a|an|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+$",
    re.I,
)
_WORTH_THEN_VERB = re.compile(
    r"\s+(?:worth|valued at|of)\s+[^.;]{0,60}?\b(?:signed|concluded|exchanged|inked)\b", re.I
)
_DEFINITE_GENERIC = re.compile(
    r"\b(?:the|these|those|both|all|such)\s+(?:(?!of\b)[a-z][\w-]*\s+){0,2}$", re.I
)
_LIST_AFTER = re.compile(r"[ \t]*:[ \t]*\n")
# Another instrument right before: "a free trade agreement and a double contribution convention".
COORDINATED = re.compile(r"\s*,?\s*(?:and|as well as|or)\s+(?:(?:a|an|the)\s+)?(?:[a-z][\w-]*\s+){0,3}", re.I)


def _balanced(title: str) -> str:
    """A title without the stray closer of a bracketed expansion ("Memorandum of Understanding] on ...")."""
    for opener, closer in (("(", ")"), ("[", "]")):
        if title.count(closer) > title.count(opener):
            title = re.sub(rf"\s*\{closer}", "", title, count=title.count(closer) - title.count(opener))
    return title


def _instrument_verb(window: str) -> bool:
    """A verb that makes a generic head an instrument: a signing verb or "concluded", "ratified", "in force"."""
    return bool(find_signings(window) or _NON_SIGNING_VERB.search(window))


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
    abbreviation: bool = False  # the head is an abbreviation ("MoU", "CEPA")
    done_only: bool = False  # an instrument only when its clause signs or adopts it ("Declaration")
    described: bool = False  # the title is a lower-case description ("an agreement on fisheries"), not a name
    part: bool = False  # a part of the next mention's instrument ("Annex C of the Itaipu Treaty")
    whole: bool = False  # the instrument a part before it belongs to: referenced, not signed with it
    evaluative: bool = False  # "the most important economic agreement": a description of one named before
    other: bool = False  # "other agreements", "a separate deal": not one named before


_SIMILAR_TO = re.compile(r"\s+(?:to|as)\s+(?:the\s+)?(?:one|ones|that|those|the\s+one)\b", re.I)
# Compiled once (a module-level ``re`` call looks its pattern up in re's cache every time).
_CLAUSE_CUT = re.compile(r"[;:.!?()\"“”]\s|,\s")
_PLURAL = re.compile(r"(?i)^(?:memoranda|memorandums|exchanges|letters)\b|s$")
_LAST_WORDS = re.compile(r"(?:[A-Za-z$€£¥\d][\w'’$.,-]*\s+){0,5}$")


def _premodifiers(text: str, start: int, s: int) -> str:
    """The last few words before a head, within its clause ("a similar debt relief", "the most important")."""
    lead = text[max(start, s - 60) : s]
    lead = _CLAUSE_CUT.split(lead)[-1]
    m = _LAST_WORDS.search(lead)
    return m.group(0) if m else ""


def _verb_deal(text: str, start: int, s: int) -> bool:
    """ "to deal with", "they deal with": the verb; "a debt relief deal with Tanzania" is an instrument."""
    prev = re.search(r"([A-Za-z]+)\s+$", text[max(start, s - 30) : s])
    if prev is None:
        return s == start
    return prev.group(1).lower() in deal_verb_before()


def _raw_mentions(text: str, start: int, end: int) -> list[tuple[int, int, Head]]:
    low = _lowered(text)
    found = []
    literals = head_literals()
    # Only the heads whose literal is in the sentence (the regex is skipped for the others).
    for i in head_filter().candidates(text, low, start, end):
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


def find_mentions(text: str, start: int, end: int) -> list[Mention]:
    """Instrument mentions in the sentence ``text[start:end]``."""
    multilateral: list[tuple[int, int]] = []
    if multilateral_filter().candidates(text, _lowered(text), start, end):
        multilateral = [(m.start(), m.end()) for m in multilateral_names().finditer(text, start, end)]
    count_pattern, count_words = counts()
    out: list[Mention] = []
    for s, e, head in _raw_mentions(text, start, end):
        if any(ms <= s and e <= me for ms, me in multilateral):
            continue
        if head.kind in ("treaty", "agreement", "framework") and _NOT_INSTRUMENT_AFTER.match(text, e, end):
            continue  # "Convention Centre": a venue
        if (
            head.label.lower() == "deal"
            and re.match(r"\s+with\b", text[e:end])
            and _verb_deal(text, start, s)
        ):
            continue  # "to deal with"
        similar, other, evaluative = (p.search(_premodifiers(text, start, s)) for p in modifier_words())
        if similar and not _SIMILAR_TO.match(text, e, end):
            continue  # "a similar deal with Russia", "expected to strike a similar pact": another instrument
        # "(MoU)" right after a spelled-out head is the same mention.
        if (
            head.abbreviation
            and out
            and _BRACKET_OPEN.fullmatch(text[out[-1].head_end : s])
            and out[-1].kind == head.kind
        ):
            continue
        # "MoU [Memorandum of Understanding] on ...": the spelled-out head is the mention.
        if not head.abbreviation and out and out[-1].abbreviation and out[-1].kind == head.kind:
            if out[-1].title is None and _BRACKET_OPEN.fullmatch(text[out[-1].head_end : s]):
                out.pop()
        t_start = chain_before(text, s, start) if not head.abbreviation else s
        if _AMOUNT_CHAIN.fullmatch(text, t_start, s):
            t_start = (
                s  # "signed 24 agreements", "an 800-million-euro protocol": a count or an amount, not a title
            )
        t_end = complement_after(text, e, end)
        title = None
        if t_start < s or t_end > e:
            title = _balanced(text[t_start:t_end].strip())
        elif (
            head.label[0].isupper()
            and text[s].isupper()
            and head.kind in ("treaty", "agreement", "framework", "joint_statement")
        ):
            title = None
        before = text[max(start, s - 40) : t_start]
        cm = count_pattern.search(before)
        count: int | None = None
        plural = bool(_PLURAL.search(text[s:e]))
        if cm:
            count = int(cm.group("num")) if cm.group("num") else count_words.get(cm.group("word").lower())
        kind = head.kind
        if kind == "agreement" and _TRADE_MODIFIERS.search(text, max(start, s - 60), s):
            kind = "fta"
        mention = Mention(
            kind,
            t_start,
            max(e, t_end),
            s,
            e,
            head.label,
            title,
            count,
            plural=plural,
            abbreviation=head.abbreviation,
            done_only=head.done_only,
        )
        if (
            head.kind == "other"
            and title is None
            and (_DEFINITE_GENERIC.search(text[max(start, s - 30) : s]) or _LIST_AFTER.match(text, e))
        ):
            continue  # "the border documents": the instruments already named; "the following instruments:"
        coordinated = bool(out) and (
            bool(COORDINATED.fullmatch(text[out[-1].end : t_start]))
            or bool(INCLUDING.search(text[out[-1].end : t_start]))
            or bool(LISTED_NEXT.fullmatch(text[out[-1].end : t_start]))
        )
        signed_before = ends_with_signing(text[max(start, s - 50) : t_start])
        if head.weak and not signed_before:
            continue
        if kind in ("treaty", "agreement", "framework", "joint_statement", "other") and title is None:
            window = text[max(start, s - 50) : min(end, e + 30)]
            if not _instrument_verb(window) and _WORTH_THEN_VERB.match(text, e, end):
                window = text[
                    s : min(end, e + 80)
                ]  # "a currency swap agreement worth US$ 400 million ... signed"
            if head.kind == "joint_statement" and not signed_before:
                continue
            if cm and count is None and not _instrument_verb(window):
                # "a series of agreements covering trade and investment will be inked": the clause's verb
                window = text[max(start, s - 50) : clause_end(text, e, end)]
            if not ((cm and count is not None) or coordinated or _instrument_verb(window)):
                continue  # "has been pursuing a series of deals": no instrument of the pair
        if head.label.lower() == "agreement" and title is None and plural and not cm:
            if not (_instrument_verb(text[max(start, s - 50) : e]) and describe_after(text, e, end) > e):
                continue  # "the agreements made last year"; but "sign agreements on aviation and energy" is one item
        if kind == "fta" and title is None and (head.abbreviation or text[s].isupper()):
            mention.title = text[s:e]  # "the CEPA", "a Free Trade Agreement": the head is the name
        if title is None and (not plural or not count) and (not head.abbreviation or kind == "mou"):
            described = describe_after(text, e, end, lists=plural)
            lead = modifiers_before(text, s, start) if not head.abbreviation else s
            if described > e or lead < s:  # "a treaty on mutual legal assistance", "a migration agreement"
                mention.title, mention.described = _balanced(text[lead:described].strip()), True
                mention.start, mention.end = min(mention.start, lead), max(mention.end, described)
        elif title is not None and t_start == s and not head.abbreviation:
            # "a comprehensive strategic partnership agreement between ..."
            lead = modifiers_before(text, s, start)
            if lead < s:
                mention.title, mention.start = _balanced(text[lead:t_end].strip()), lead
        if mention.title is None and not head.abbreviation:
            # "a comprehensive economic partnership agreement (CEPA)": the name its acronym spells
            named = acronym_start(text, s, e, start)
            if named is not None:
                mention.title, mention.start = text[named:e], min(mention.start, named)
        if plural and title is None and isinstance(count, int) and count >= 2:
            listed = topics_after(text, e, end)
            if listed and len(listed[1]) == count:  # one item per listed topic
                one = singular(text[s:e])
                mention.items = [(f"{one}{listed[0]}{text[a:b]}".strip(), a, b) for a, b in listed[1]]
        # A counted group with a named list: "three Memoranda ... on A, B and C".
        if plural and t_end > e:
            comp = COMPLEMENT.match(text, e, end)
            if comp:
                items = split_items(text, comp.end(), t_end, count if isinstance(count, int) else None)
                if len(items) >= 2:
                    joiner = text[e : comp.end()]
                    one = singular(text[s:e])
                    mention.items = [(f"{one}{joiner}{text[a:b]}".strip(), a, b) for a, b in items]
        if mention.title and not mention.described and regional_prefix().match(mention.title):
            continue  # "the South Asian Free Trade Area Agreement": a regional instrument
        mention.other = bool(other)
        if evaluative and (mention.title is None or mention.described or mention.title[0].islower()):
            # "the most important economic agreement between X and Y": it describes, it names nothing
            mention.title, mention.described, mention.evaluative = None, False, True
        part = part_before(text, mention.start, start) if mention.title and not mention.described else None
        if part is not None:  # "sign a revised Annex C of the 1973 Itaipu Treaty": the annex is signed
            out.append(
                Mention(
                    mention.kind,
                    part[0],
                    mention.end,
                    part[0],
                    part[1],
                    text[part[0] : part[1]],
                    text[part[0] : mention.end],
                    part=True,
                )
            )
            mention.whole = True
        out.append(mention)
    return _drop_nested(text, out)


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
        if prev is not None and m.start < prev.end and not (prev.part and m.whole):
            continue
        out.append(m)
    return out
