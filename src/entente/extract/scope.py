"""Sentences, and the pairs each sentence speaks of: computed once per document into the :class:`State`.

:func:`sentence_spans` are spaCy's sentences (line breaks end them, see ``paragraphs.py``) with two
repairs: a break right after a title's abbreviation ("Senator the Hon. Penny Wong") and a break at a
wrapped line (a line that ends without punctuation and goes on in lower case) are none.
:func:`sentence_bounds` are the same without outer white space.

:func:`pair_sentences` gives every sentence the pairs it speaks of and whether it speaks of the pair
cooperating (a cooperation cue, and the pair, "both leaders", "the two countries", a person of the pair
as the "He"/"She" of the sentence, or a cooperation sentence of a one-pair article), never a sentence
about third countries alone (unless the pair is its subject: "They discussed Ukraine") or one that condemns.  Areas, agreements and commitments read it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from .lexfilter import case_free, compile_ci, scan_of
from .sentences import sentence_char_spans
from .state import State

Pair = tuple[str, str]


# ---------------------------------------------------------------- sentences


def _state(doc: Doc) -> State | None:
    return doc._.entente if Doc.has_extension("entente") else None


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """``(start_char, end_char)`` of every sentence of ``doc`` (read once per document)."""
    state = _state(doc)
    if state is not None and state.sentences is not None:
        return state.sentences
    cached = doc.user_data.get("entente_sentence_spans")
    if cached is None:
        text = state.text if state is not None else doc.text  # the same text; Doc.text is slow
        cached = _join_wrapped_lines(text, _join_after_titles(text, sentence_char_spans(doc)))
        doc.user_data["entente_sentence_spans"] = cached
    if state is not None:
        state.sentences = cached
    return cached


# A sentence break right after a title's abbreviation is none: "Senator the Hon. Penny Wong".
_TITLE_ABBREVIATION = re.compile(
    r"(?:^|[\s(])(?:Hon|Rt|Sen|Gen|Lt|Col|Maj|Capt|Adm|Amb|Gov|Prof|Rev|Cdr|Brig|Sgt|Hon'ble|Excy|H\.E|Dr|Mr|Ms|Mrs)\.\s*$"
)
# A line that goes on: it ends in a word or a comma (no sentence punctuation, no line of its own).
_OPEN_LINE_END = re.compile(r"[\w,]$")


def _join_after_titles(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if (
            out
            and _TITLE_ABBREVIATION.search(text, max(0, out[-1][1] - 12), out[-1][1])
            and text[start:end][:1].isupper()
        ):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _join_wrapped_lines(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A sentence cut by a single line break inside it ("we agreed to reinvigorate\\ntrade and ...") is one."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out:
            prev_start, prev_end = out[-1]
            body = text[prev_start:prev_end].rstrip(" \t")
            gap = text[prev_start + len(body) : start] if body.endswith("\n") else ""
            line = body.rstrip("\n")
            if (
                body.endswith("\n")
                and body.count("\n", len(line)) == 1
                and not gap.strip()
                and _OPEN_LINE_END.search(line)
                and text[start:end][:1].islower()
            ):
                out[-1] = (prev_start, end)
                continue
        out.append((start, end))
    return out


def sentence_bounds(doc: Doc, text: str) -> list[tuple[int, int]]:
    """Sentences without their leading and trailing white space (``text`` is the document's)."""
    state = _state(doc)
    if state is not None and state.sentence_bounds is not None:
        return state.sentence_bounds
    out = []
    for start, end in sentence_spans(doc):
        sentence = text[start:end]
        lead = len(sentence) - len(sentence.lstrip())
        trail = len(sentence.rstrip())
        if trail > lead:
            out.append((start + lead, start + trail))
    if state is not None:
        state.sentence_bounds = out
    return out


_PRONOUN_SUBJECT = re.compile(r"\s*(?:He|She)\s+(?!said\b|says\b|added\b|told\b)")


def pronoun_subject(state: State, bounds: list[tuple[int, int]], index: int) -> tuple[str | None, str | None]:
    """``(person id, country)`` a sentence opening with "He"/"She" refers to: the first person named in the
    previous sentence ("Macron is expected to hold talks in Hanoi ... He will then travel to Jakarta, where
    he is due to meet President Prabowo")."""
    start, end = bounds[index]
    if not _PRONOUN_SUBJECT.match(state.text, start, end):
        return None, None
    for j in range(index - 1, max(-1, index - 3), -1):
        ps, pe = bounds[j]
        if not state.text[ps:pe].strip():
            continue
        mentions = state.people_in(ps, pe)
        if not mentions:
            return None, None
        person = state.person(mentions[0].person_id)
        return (mentions[0].person_id, person.country) if person is not None else (None, None)
    return None, None


# ---------------------------------------------------------------- sentences about the pair

_COOP_CUE = compile_ci(
    r"\b(?:cooperat\w*|co-operat\w*|collaborat\w*|partner\w*|work(?:ing)? together|joint(?:ly)?|agree\w*|"
    r"ties|relations|exchang(?:e|es|ed|ing)|dialogues?|consultations?|promot\w*|enhanc\w*|strengthen\w*|deepen\w*|"
    r"work(?:s|ed|ing)? with|briefed|"
    r"expand\w*|boost\w*|foster\w*|advanc\w*|bolster\w*|support\w*|commit\w*|pledg\w*|welcom\w*|shar(?:e|ed|ing)|"
    r"discuss\w*|talks|explor\w*|initiatives?|projects?|mous?|memorand\w*|sign\w*|drills?|exercises?|"
    r"provid\w*|assist\w*|facilitat\w*|invest\w*|trade|concurred|confirm\w*|reaffirm\w*|decided|intend\w*|"
    r"intention|interest|focus\w*|priorit\w*|highlight\w*|emphasi[sz]\w*|underscor\w*|recogni[sz]\w*|"
    r"acknowledg\w*|celebrat\w*|encourag\w*|follow up|extends?|includ\w*|resum\w*|launch\w*|establish\w*|"
    r"review\w*|progress|coordinat\w*|co-ordinat\w*|call(?:ed|s)? for|covering|step up|raise)\b",
)
_STRONG_CUE = compile_ci(
    r"\b(?:cooperat\w*|co-operat\w*|collaborat\w*|partnerships?|work(?:ing)? together|agreed|agreeing|"
    r"consensus|mous?|memorand\w*|joint exercises?|bilateral|agreements? reached|coordinat\w* their)\b",
)
_BOTH = (
    r"\b(?:both|the two|two) (?:leaders|sides|countries|nations|governments|ministers|parties|prime ministers|"
    r"presidents|heads of government|economies|peoples|foreign ministers|delegations)\b"
)
_BOTH_PHRASE = re.compile(_BOTH, re.I)
_PAIR_PHRASE = compile_ci(
    _BOTH
    + r"|\b(?:bilateral|they|their|each other|mutual|we|our|the leaders|the ministers|the countries|the sides|"
    r"the parties|the presidents|the prime ministers)\b"
)
# "the leaders exchanged views on Sudan and Somalia and agreed to coordinate their efforts": the pair acts.
_ACTORS_AGREE = re.compile(
    r"\b(?:the (?:leaders|ministers|presidents|prime ministers|sides|parties)|they)\b[^.;]{0,120}?"
    r"\b(?:agreed|agree|decided|pledged|committed|vowed|resolved) to (?:coordinate|cooperate|work|consult|support|"
    r"intensify|step up|redouble|continue|strengthen|deepen|pursue|push)\b",
    re.I,
)
# "They discussed Ukraine", "On regional issues, the two ministers exchanged views on Sudan": the pair is the
# subject of a sentence about third countries.
_PAIR_SUBJECT = re.compile(
    r"^\W*(?:(?:On|Regarding|As for)\b[^,]{0,80},\s*)?(?:they|both\b|the (?:two\s+)?(?:leaders|ministers|sides|"
    r"parties|presidents|prime ministers|foreign ministers|delegations|countries|nations|governments)\b)",
    re.I,
)
_CONDEMN = re.compile(r"\b(?:condemn\w*|denounc\w*|deplor\w*|criticis\w*|criticiz\w*)\b", re.I)
CONTINUATION = re.compile(
    r"^\W*(?:(?:this|these|they|it|such cooperation|the cooperation|those|the areas?)\s+"
    r"(?:also\s+)?(?:include|includes|included|including|cover|covers|covered|comprise|comprises|involve|involves|"
    r"range|ranges|span|spans|extend|extends)\b|including\b|among them\b|they are\b)",
    re.I,
)


@dataclass
class PairSentence:
    start: int
    end: int
    pairs: list[Pair]
    qualified: bool  # speaks of the pair cooperating (for areas)
    status: str = "agreed"
    status_rule: str = ""
    extra: dict = field(default_factory=dict)


# A third country named as the other party of the sentence's act ("a similar deal with Russia", "talks with
# Iran", "exports to China", "between X and Laos"); a venue ("in Laos") or a demonym is not.
_COUNTERPART_BEFORE = re.compile(r"\b(?:with|to|between)\s+(?:the\s+)?$", re.I)


def third_counterparts(state: State, start: int, end: int, pair_countries: set[str]) -> set[str]:
    """The countries outside every pair that the sentence ``[start, end)`` names as a counterpart."""
    out = set()
    for m in state.countries_in(start, end):
        if m.iso3 in pair_countries or m.kind == "demonym":
            continue
        if _COUNTERPART_BEFORE.search(state.text, max(start, m.start - 14), m.start):
            out.add(m.iso3)
    return out


def _pair_countries_of_people(state: State, start: int, end: int) -> set[str]:
    out = set()
    for pm in state.people_in(start, end):
        person = state.person(pm.person_id)
        if person is not None and person.country:
            out.add(person.country)
    return out


def pair_sentences(state: State, doc: Doc) -> list[PairSentence]:
    """Every sentence with the pairs it speaks of (possibly none) and whether it is about cooperating.

    Computed once per document into ``state.pair_scope`` (areas, agreements and commitments all read it)
    unless the pairs or the mentions it reads have changed since.
    """
    pairs: list[Pair] = list(state.relations)
    if not pairs:
        return []
    key = (tuple(pairs), len(state.country_mentions), len(state.person_mentions), len(state.people))
    if state.pair_scope is not None and state.pair_scope[0] == key:
        return state.pair_scope[1]
    out = _pair_sentences(state, doc, pairs)
    state.pair_scope = (key, out)
    return out


# The tests of whether a sentence speaks of the pair cooperating, each made only when the ones before it
# leave the answer open.


def _about_pair(
    state: State,
    bounds: list[tuple[int, int]],
    index: int,
    text: str,
    ours: set[str],
    pair_countries: set[str],
    previous: PairSentence | None,
    low: str | None = None,
) -> bool:
    if ours or _search(_PAIR_PHRASE, text, low) or _search(_STRONG_CUE, text, low):
        return True
    # "He pledged to ...": a person of the pair, or the actor of the qualified sentence before.
    if not _PRONOUN_SUBJECT.match(text):
        return False
    subject = pronoun_subject(state, bounds, index)[1]
    return subject in pair_countries or (previous is not None and previous.qualified)


def _third_only(text: str, ours: set[str], others: set[str], low: str | None = None) -> bool:
    return (
        bool(others)
        and not ours
        and not _search(_BOTH_PHRASE, text, low)
        and not _search(_ACTORS_AGREE, text, low)
        and not _PAIR_SUBJECT.match(text)
    )


def _condemns(text: str, low: str | None = None) -> bool:
    return _search(_CONDEMN, text, low) and not re.search(r"cooperat|collaborat", text, re.I)


_scan = scan_of  # a CaseFreeScan per pattern, kept by identity (lexfilter.scan_of)


def _search(pattern: re.Pattern[str], text: str, low: str | None) -> bool:
    """``pattern.search(text) is not None``, on ``low`` (``case_free(text)``) where that finds the same."""
    regex, hay = _scan(pattern).on(text, low)
    return regex.search(hay) is not None


def _pair_sentences(state: State, doc: Doc, pairs: list[Pair]) -> list[PairSentence]:
    pair_countries = {c for p in pairs for c in p}
    out: list[PairSentence] = []
    context: list[Pair] = pairs[:1] if len(pairs) == 1 else []
    previous: PairSentence | None = None
    bounds = sentence_bounds(doc, state.text)
    for index, (start, end) in enumerate(bounds):
        text = state.text[start:end]
        mentioned = {m.iso3 for m in state.countries_in(start, end)}
        mentioned |= _pair_countries_of_people(state, start, end)
        ours = mentioned & pair_countries
        others = mentioned - pair_countries
        both = [p for p in pairs if set(p) <= ours]
        one = [p for p in pairs if set(p) & ours]
        if both:
            sent_pairs = both
        elif one and third_counterparts(state, start, end, pair_countries) and not _search(_PAIR_PHRASE, text, case_free(text)):
            sent_pairs = []  # "X is also trying to strike a similar deal with Russia": X's act with a third country
        elif one and len(pairs) > 1:
            # One country named: the pairs of it that the context speaks of, else all its pairs.
            sent_pairs = [p for p in one if p in context] or one
        elif one:
            sent_pairs = one
        else:
            sent_pairs = list(context) if context else (pairs if len(pairs) == 1 else [])
        continuation = bool(CONTINUATION.match(text)) and previous is not None and previous.qualified
        if continuation and previous is not None:
            sent_pairs = previous.pairs
        qualified = bool(sent_pairs) and (
            continuation
            or (
                _search(_COOP_CUE, text, low := case_free(text))
                and _about_pair(state, bounds, index, text, ours, pair_countries, previous, low)
                and not _third_only(text, ours, others, low)
                and not _condemns(text, low)
            )
        )
        ps = PairSentence(start, end, sent_pairs, qualified)
        if continuation and previous is not None:
            ps.status, ps.status_rule = previous.status, previous.status_rule
        out.append(ps)
        if ours:
            context = sent_pairs
        if qualified:
            previous = ps
        elif text.strip():
            previous = None
    return out
