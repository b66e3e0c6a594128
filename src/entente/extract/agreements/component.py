"""The agreements component: each pair sentence's instrument mentions become agreements of the pair,
with status, date, deadline and areas from the mention's own clause, folded into one row per instrument."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ...record import Agreement
from ..areas import Pair, PairSentence, area_matches, pair_sentences
from ..state import State
from .batches import CONTINUES, drop_announced_groups, enumerated
from .clauses import clause_end, clause_lo, clause_start
from .generic import fold_definite_untitled, fold_generic_mentions, fold_into_one_instrument
from .lexicon import blocs
from .mentions import AND_A, COORDINATED, INCLUDING, LISTED_NEXT, Mention, find_mentions
from .merge import STATUS_RANK, Item, merge_or_add
from .status import list_status, status_of
from .titles import title_key
from .when import date_mentions, is_old, split_deadline, when_of

KIND_AREAS = {"fta": ["trade"]}
# "the corresponding agreement", "the new pact", "this historic accord": an instrument named before.
_REFERS_BACK = re.compile(r"\b(?:the|this|that|said)\s+(?:(?!of\b)[a-z][\w-]*\s+)?$", re.I)
_ALSO = re.compile(r"\balso\b", re.I)
_DETERMINED = re.compile(r"\b(?:a|an|the|this|that|its|their|his|her)\s+(?:[\w$€£¥.,-]+\s+){0,3}$", re.I)
_MULTI_MARKER = re.compile(
    r"\binvolving\b|\b\d+-(?:member|nation|country)\b|\b(?:eleven|twelve|\w+teen)-member\b|"
    r"\bmember (?:states|countries|nations)\b|\bmultilateral\b|\bplurilateral\b",
    re.I,
)


def _purpose_start(text: str, start: int, m: Mention) -> int:
    """Where the instrument's subject begins: "deepen cultural ties under a MoU" reaches back."""
    if re.search(
        r"\b(?:under|through|via|within|in line with|pursuant to)\s+(?:a|an|the|this|that|its|their)?\s*$",
        text[max(start, m.start - 30) : m.start],
        re.I,
    ):
        return clause_start(text, m.start, start)
    return m.start


def _areas_of(text: str, lo: int, hi: int, kind: str) -> list[str]:
    out: list[str] = list(KIND_AREAS.get(kind, []))
    for am in area_matches(text, lo, hi):
        for a in am.areas:
            if a not in out and a not in ("regional_multilateral", "political_dialogue"):
                out.append(a)
    return out


def _third_party(state: State, sentence: PairSentence, mention: Mention, text: str) -> bool:
    """The instrument is with a third country or a bloc, or among many countries."""
    members = {c for p in sentence.pairs for c in p}
    mentioned = {m.iso3 for m in state.countries_in(sentence.start, sentence.end)}
    if members and members <= mentioned:
        return False
    clause_hi = clause_end(text, mention.end, sentence.end)
    window = text[max(sentence.start, mention.start - 80) : clause_hi]
    if blocs().search(window):
        return True
    if mentioned - members and _MULTI_MARKER.search(text[sentence.start : sentence.end]):
        return True
    return any(m.iso3 not in members for m in state.countries_in(mention.end, clause_hi)) and bool(
        re.search(r"\bwith\b", text[mention.end : clause_hi])
    )


def extract_agreements(state: State, doc: Doc) -> dict[Pair, list[Agreement]]:
    text = state.text
    dates = date_mentions(state)
    items: list[Item] = []
    previous: tuple[int, int, str] | None = None  # sentence start, end and status of the last mention
    sentences = pair_sentences(state, doc)
    bounds = state.sentence_bounds or [(x.start_char, x.end_char) for x in doc.sents]
    first_end = bounds[0][1] if bounds else 0  # the headline (or the lead it runs into)
    headline_seen = False
    for index, ps in enumerate(sentences):
        if not ps.pairs:
            continue
        for m in find_mentions(text, ps.start, ps.end):
            if _third_party(state, ps, m, text):
                continue
            status, srule = status_of(text, (ps.start, ps.end), m)
            if m.whole:  # "sign Annex C of the Itaipu Treaty": the treaty itself is only referenced
                status, srule = "referenced", "agreements:whole-of-part"
            if m.done_only and status not in ("signed", "exchanged", "concluded"):
                continue  # "the Schuman Declaration" recalled, not adopted
            if status == "referenced" and items and CONTINUES.match(text, ps.start, ps.end):
                status, srule = items[-1].agreement.status, "agreements:continues-group"
            if status == "referenced":
                status, srule = list_status(text, m) or (status, srule)
            listed = (
                False  # another item of a list in the sentence: "an agreement on X, an agreement revising Y"
            )
            if previous is not None and previous[0] == ps.start:
                gap = text[previous[1] : m.start]
                listed = bool(LISTED_NEXT.fullmatch(gap))
                loose = (
                    len(gap) < 200
                    and (AND_A.search(gap) or INCLUDING.search(gap) or listed)
                    and not re.search(r"[;:]", gap)
                )
                if (
                    status == "referenced"
                    and (COORDINATED.fullmatch(gap) or loose)
                    and previous[2] != "referenced"
                ):
                    status, srule = previous[2], "agreements:coordinated"
            previous = (ps.start, m.end, status)
            clause_hi = clause_end(text, m.end, ps.end)
            deadline, others = split_deadline(text, dates, m.start, max(clause_hi, m.end))
            when = None
            if status != "referenced" or re.search(r"\bsigned\b", text[m.end : clause_hi]):
                when = when_of(text, dates, others, ps.start, m)
            if status in ("referenced", "signed") and is_old(when, state):
                status = "referenced"
            elif status == "referenced" and when is not None:
                status = "signed"
            members = list(m.items)
            if not members and m.plural and isinstance(m.count, int) and 2 <= m.count <= 10:
                for a, b in enumerated(state, sentences, index, m.count):
                    members.append((None, a, b))  # type: ignore[arg-type]
            if members:
                for title, a, b in members:
                    ag = Agreement(
                        kind=m.kind,
                        title=title,
                        status=status,
                        date=when,  # type: ignore[arg-type]
                        deadline=deadline[2] if deadline else None,
                        areas=_areas_of(text, a, b, m.kind),  # type: ignore[arg-type]
                        evidence=[state.span(m.head_start, m.head_end), state.span(a, b)],
                        rule=f"agreements:group:{m.label}; {srule}",
                    )
                    items.append(Item(ag, ps.pairs, title_key(title), grouped=True))
                continue
            count = m.count if m.plural or (m.count or 0) > 1 else None
            ag = Agreement(
                kind=m.kind,
                title=m.title,
                status=status,
                date=when,  # type: ignore[arg-type]
                deadline=deadline[2] if deadline else None,
                areas=_areas_of(text, _purpose_start(text, ps.start, m), clause_hi, m.kind),  # type: ignore[arg-type]
                count=count,
                evidence=[state.span(m.start, m.end)],
                rule=f"agreements:{m.label}; {srule}",
            )
            definite = bool(
                re.search(r"\b(?:the|this|that|such)\s+$", text[max(ps.start, m.start - 8) : m.start], re.I)
            )
            refers_back = definite or bool(_REFERS_BACK.search(text, max(ps.start, m.start - 30), m.start))
            if listed and (m.title is None or m.described):
                items.append(Item(ag, ps.pairs, title_key(m.title)))
            else:
                item = Item(
                    ag, ps.pairs, title_key(m.title), plural=m.plural, definite=refers_back and not m.title
                )
                item.named, item.sentence = bool(m.title) and not m.described, ps.start
                item.other = m.other
                item.also = bool(_ALSO.search(text, clause_lo(text, ps.start, m.start), m.start))
                # "the trade agreement", "the visa waiver agreement between X and Y": described, not a name
                item.refers = m.evaluative or (
                    definite and not (item.named and m.title and m.title[0].isupper())
                )
                item.headline = (
                    ps.start < first_end
                    and not item.named
                    and not headline_seen
                    and not _DETERMINED.search(text, max(ps.start, m.start - 40), m.start)
                )  # "Egypt and Israel seal trade deal": a headline's bare noun phrase
                headline_seen = headline_seen or ps.start < first_end
                merge_or_add(items, item, definite)
    items = drop_announced_groups(items)
    items = fold_definite_untitled(items)
    items = fold_into_one_instrument(items)
    fold_generic_mentions(state, sentences, items)
    out: dict[Pair, list[Agreement]] = {}
    # Instruments done at the reported event first, then plans and negotiations, then older references.
    items.sort(key=lambda it: -STATUS_RANK.get(it.agreement.status, 0))
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
