"""Economic figures: money, percentages, counts and ranks, with what they measure.

Each figure is found by a pure parser (``money.py`` for amounts and
percentages; counts and ranks here from ``data/figure_metrics.json``), then given

- a ``metric`` from the nearest cue word around it (``trade``, ``investments``,
  ``loan`` ...), looking first between the neighbouring figures of its sentence;
- a ``period`` from the nearest date of its sentence ("In 2022", "As of June
  2023", "since 2015"), the date resolver's ``state.dates`` when present;
- ``stated`` conversions written beside it ("RM181.51 billion (US$4.21 billion)"),
  with ``conversion_mismatch`` when they disagree with the yearly average rate
  by more than 25%;
- the relation it belongs to: the pair named in its sentence or paragraph, or
  the only pair of the article.  Articles without relations get no figures.

Years, dates, ages, anniversaries ("50th"), durations ("40 years"), "11-member",
"two-day" and "5G" are not figures: only amounts with a currency, percentages
near an economic cue, counts of listed nouns and ranks of listed nouns are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from ..data import load
from ..data.contracts.figure_metrics import Contract as FigureMetrics
from ..record import Amount, Figure
from .figure_kinds import figure_kind
from .figure_periods import Period, period_year, periods
from .lexfilter import CaseFreeScan, case_free_text, factor_alternation
from .money import (
    NUMBER,
    Money,
    conversion_mismatch,
    parse_money,
    parse_number,
    parse_percentages,
    usd_value,
)
from .scope import sentence_spans
from .state import State

# A stated conversion: "RM181.51 billion (US$4.21 billion)", "¥1 trillion, or about $7 billion".
# ("Â" is the trace of a doubly encoded "£": "$40bn (Â£21bn)".)
_CONVERSION_GAP = re.compile(
    r"^\s*(?:\(|,|/|–|—)?\s*(?:or\s+|about\s+|approximately\s+|approx\.?\s+|around\s+|roughly\s+|some\s+|"
    r"nearly\s+|almost\s+|over\s+|more than\s+|equivalent to\s+|equal to\s+|which is\s+|i\.e\.,?\s+|"
    r"c\.\s+|~\s*|est\.\s+)*\u00c2?$",
    re.I,
)
_CONVERSION_NEXT = re.compile(r"^\s*(?:,|;|/|or)\s*(?:about\s+|approximately\s+|around\s+)?\u00c2?$", re.I)
# Fees and prices ("$1,300 for a visa", "$58") are no figures of a relation between countries.
_SMALLEST_AMOUNT = 10_000
# A price, not a figure of a relation: "$58 per 1,000 cubic metres", "$50 a barrel".
_PRICE_AFTER = re.compile(r"^\s*(?:per|a|an|each)\s+(?!year\b|annum\b)\w", re.I)


_COUNT_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "lakh": 100_000, "crore": 10_000_000}


@dataclass
class Item:
    kind: str  # money, percent, count, rank
    value: float
    unit: str
    start: int
    end: int
    metric: str | None = None  # fixed by the kind (counts, ranks) or None (from cues)
    cue: str = ""
    stated: list[Money] = field(default_factory=list)
    evidence_end: int = 0
    clause_end: int = 0  # past a conversion set off by commas ("5.3 trillion rupiah, or about $340 million,")


@cache
def _lexicon() -> FigureMetrics:
    return load("figure_metrics.json")


def _words_re(words, ignore_case: bool = True) -> str:
    """Alternation of the words, longest first (grouped by first letter: same matches, faster)."""
    return factor_alternation([re.escape(w) for w in sorted(set(words), key=len, reverse=True)], ignore_case)


@cache
def _cue_re() -> tuple[re.Pattern[str], dict[str, str]]:
    lex = _lexicon()
    cue_metric = {}
    for metric, words in lex.metric_cues.items():
        for w in words:
            cue_metric.setdefault(w.lower(), metric)
    return re.compile(rf"(?<![\w-])(?:{_words_re(cue_metric)})(?![\w-])", re.I), cue_metric


@cache
def _percent_cue_re() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{_words_re(_lexicon().percent_cues)})(?![\w-])", re.I)


@cache
def _rate_cue_re() -> re.Pattern[str]:
    """Words that make a percentage a rate (a tariff, a duty, a tax): ``figure_forms.json``."""
    return re.compile(rf"(?<![\w-])(?:{_words_re(load('figure_forms.json').rate_cues)})(?![\w-])", re.I)


@cache
def _count_re() -> re.Pattern[str]:
    lex = _lexicon()
    return re.compile(
        rf"(?<![\w$€£¥₩₹.,-])(?P<num>{NUMBER})(?![\d.,]?\d)(?: (?P<scale>thousand|million|billion|lakh|crore)\b)?"
        rf"(?P<mods>(?: [A-Za-z][\w'’-]*){{0,2}}?) "
        rf"(?P<noun>{_words_re(lex.count_nouns, ignore_case=False)})\b"
    )


@cache
def _rank_re() -> re.Pattern[str]:
    lex = _lexicon()
    ordinals = _words_re(lex.ordinals)
    sup = _words_re(lex.rank_superlatives)
    alone = _words_re(lex.rank_alone)
    nouns = _words_re({w.lower() for w in lex.rank_nouns})  # the same words under re.I ("source of FDI")
    return re.compile(
        rf"\b(?:(?P<ord>{ordinals}|\d{{1,2}}(?:st|nd|rd|th))[ -](?:{sup})|(?P<alone>{alone}))"
        rf"(?P<mods>(?: [A-Za-z][\w-]*)?) (?P<noun>{nouns})\b",
        re.I,
    )


@cache
def _rank_scan() -> CaseFreeScan:
    """:func:`_rank_re` searched on the lower-cased text (without ``re.I``) where that finds the same."""
    return CaseFreeScan(_rank_re())


def find_counts(text: str) -> list[Item]:
    lex = _lexicon()
    nouns = {k.lower(): v for k, v in lex.count_nouns.items()}
    stop = set(lex.count_stop_words)
    out = []
    for m in _count_re().finditer(text):
        num = m.group("num")
        if re.fullmatch(r"(?:19|20)\d{2}", num):
            continue  # a year ("2023 projects" is a date, not a count)
        mods = m.group("mods").split()
        if any(w.lower() in stop or w[0].isdigit() for w in mods):
            continue
        metric, minimum = nouns[m.group("noun").lower()]
        value = parse_number(num)
        if value is not None and m.group("scale"):
            value = round(value * _COUNT_SCALES[m.group("scale")])
        if value is None or value < minimum or value != int(value):
            continue
        out.append(Item("count", value, "count", m.start(), m.end(), metric, m.group("noun").lower()))
    return out


@cache
def _not_rank_before() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{_words_re(load('figure_forms.json').rank_not_after)})\s+$", re.I)


def find_ranks(text: str) -> list[Item]:
    lex = _lexicon()
    nouns = {k.lower(): v for k, v in lex.rank_nouns.items()}
    out = []
    for m in _rank_scan().finditer(text, case_free_text(text)):
        before = text[max(0, m.start() - 30) : m.start()].lower()
        if re.search(r"\b(?:one|some|two|three|several|many) of (?:the|its|their|\w+['’]s|\w+s['’])\s*$|\bamong (?:the )?$", before):
            continue  # "one of the largest trading partners" is no rank
        if m.group("alone") and _not_rank_before().search(before):
            continue  # "a top trading partner", "another major investor": no rank without an ordinal
        if m.group("ord"):
            word = m.group("ord").lower()
            value = lex.ordinals.get(word) or int(re.match(r"\d+", word).group(0))  # type: ignore[union-attr]
        else:
            value = 1
        metric = nouns[m.group("noun").lower()]
        out.append(Item("rank", float(value), "count", m.start(), m.end(), metric, m.group("noun").lower()))
    return out


def find_items(text: str, money: list[Money] | None = None) -> list[Item]:
    """Every candidate figure in ``text``; money first, then whatever does not overlap it.

    ``money``: ``parse_money(text)`` when the caller has it already.
    """
    items: list[Item] = [
        Item("money", m.value, m.unit, m.start, m.end)
        for m in (parse_money(text) if money is None else money)
        if not _PRICE_AFTER.match(text[m.end : m.end + 30]) and m.value >= _SMALLEST_AMOUNT
    ]
    others = [Item("percent", p.value, "percent", p.start, p.end) for p in parse_percentages(text)]
    others += find_counts(text) + find_ranks(text)
    for item in sorted(others, key=lambda i: i.start):
        if not any(i.start < item.end and item.start < i.end for i in items):
            items.append(item)
    items.sort(key=lambda i: i.start)
    return _fold_conversions(text, items)


def _fold_conversions(text: str, items: list[Item]) -> list[Item]:
    """Amounts written as conversions of the amount before them become its ``stated``."""
    out: list[Item] = []
    i = 0
    while i < len(items):
        item = items[i]
        item.evidence_end = item.end
        j = i + 1
        if item.kind == "money":
            gap_re = _CONVERSION_GAP
            last = item
            while j < len(items) and items[j].kind == "money":
                gap = text[last.end : items[j].start]
                if not gap_re.match(gap) or items[j].unit == item.unit:
                    break
                if gap_re is _CONVERSION_GAP and not re.search(r"\(|\bor\b|equivalent|equal|/", gap, re.I):
                    break
                nxt = items[j]
                item.stated.append(Money(nxt.value, nxt.unit, nxt.start, nxt.end))
                item.evidence_end = nxt.end
                if text[nxt.end : nxt.end + 1] == ")":
                    item.evidence_end = nxt.end + 1
                elif gap.lstrip().startswith(",") and text[nxt.end : nxt.end + 1] == ",":
                    item.clause_end = nxt.end + 1  # the aside closes: the clause goes on after it
                last = nxt
                gap_re = _CONVERSION_NEXT
                j += 1
        item.clause_end = max(item.clause_end, item.evidence_end)
        out.append(item)
        i = j
    return out


# --------------------------------------------------------------------------- context


def _sentences(doc: Doc, text: str) -> list[tuple[int, int]]:
    """Sentences without their trailing white space (``text`` is the document's)."""
    out = []
    for start, end in sentence_spans(doc):
        out.append((start, start + len(text[start:end].rstrip())))
    return out


def _containing(bounds: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for start, end in bounds:
        if start <= pos < end:
            return start, end
    return 0, 0


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in re.finditer(r"\n\s*\n|\n", text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _nearest_cue(pattern: re.Pattern[str], text: str, lo: int, hi: int, start: int, end: int):
    best = None
    for m in pattern.finditer(text, lo, hi):
        if m.start() < end and start < m.end():
            continue
        dist = start - m.end() if m.end() <= start else m.start() - end
        if best is None or dist < best[0]:
            best = (dist, m)
    return best[1] if best else None


_CLAUSE_BREAK = re.compile(r"[,;:()]|\s(?:while|whereas|but|and|compared|against|versus)\s", re.I)
# After a figure "and" mostly joins its own nouns ("$42bn of public and private investment").
_CLAUSE_BREAK_AFTER = re.compile(r"[,;:()]|\s(?:while|whereas|but|compared|against|versus)\s", re.I)


def _clause(text: str, window: tuple[int, int], start: int, end: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """The figure's own clause: left up to the last clause break, right up to the first (at most 80 chars)."""
    lo, hi = window
    left = lo
    for m in _CLAUSE_BREAK.finditer(text, lo, start):
        left = m.end()
    right = min(hi, end + 80)
    m = _CLAUSE_BREAK_AFTER.search(text, end, right)
    if m:
        right = m.start()
    return (left, start), (end, right)


# A percentage that measures a change ("rose 8.5%", "up 12 per cent", "a 5% increase") is no share.
_CHANGE_BEFORE = re.compile(
    r"\b(?:rose|rise|rises|rising|risen|grew|grow|grows|growing|growth|increas\w*|up|down|fell|fall|falls|"
    r"falling|declin\w*|jump\w*|surg\w*|climb\w*|drop\w*|expand\w*|contract\w*|gain\w*|slump\w*|"
    r"plung\w*|soar\w*|by)\s+(?:about |around |nearly |almost |more than |over |some |roughly )?$",
    re.I,
)
_CHANGE_AFTER = re.compile(
    r"^\s*(?:(?:year-on-year|y-o-y|yoy|annual|annually|a year|on-year)\b|(?:increase|rise|growth|jump|"
    r"drop|decline|fall|surge|gain)s?\b)",
    re.I,
)


def _is_change(text: str, left: tuple[int, int], right: tuple[int, int]) -> bool:
    return bool(_CHANGE_BEFORE.search(text[left[0] : left[1]]) or _CHANGE_AFTER.match(text[right[0] : right[1]]))


def _nearest_in(pattern: re.Pattern[str], text: str, ranges, start: int, end: int):
    """The cue nearest to the figure among the ranges given, tried in turn."""
    for group in ranges:
        best = None
        for lo, hi in group:
            m = _nearest_cue(pattern, text, lo, hi, start, end)
            if m is not None:
                d = start - m.end() if m.end() <= start else m.start() - end
                if best is None or d < best[0]:
                    best = (d, m)
        if best:
            return best[1]
    return None


# An appositive right after the figure's phrase says what it is: "the $35 billion X project, the largest
# foreign direct investment in ...".
_APPOSITIVE = re.compile(r",\s+(?:the|a|an)\s+")


def _appositive_cue(cue_re: re.Pattern[str], text: str, at: int, hi: int) -> re.Match[str] | None:
    ap = _APPOSITIVE.match(text, at, hi)
    if ap is None:
        return None
    brk = _CLAUSE_BREAK_AFTER.search(text, ap.end(), min(hi, ap.end() + 60))
    end = brk.start() if brk else min(hi, ap.end() + 60)
    m = cue_re.search(text, ap.end(), end)
    return m if m and len(text[ap.end() : m.start()].split()) <= 4 else None


def _metric(state: State, item: Item, window: tuple[int, int], sentence: tuple[int, int]) -> tuple[str, str] | None:
    """(metric, cue) for an item; None when a percentage has no economic cue near it.

    Cues are looked for in the figure's clause first, then between it and the
    previous figure, then in the sentence (before it, for percentages).
    """
    if item.metric:
        return item.metric, item.cue
    cue_re, cue_metric = _cue_re()
    text = state.text
    left, right = _clause(text, window, item.start, item.clause_end)
    ranges = [[left, right], [(window[0], item.start)]]
    # Then the sentence before the figure ("trade reached $5bn in 2023, up 12 per cent"),
    # never a later clause ("jets worth Rs 50,000 crore, and ... loans" is no loan).
    ranges.append([(sentence[0], item.start)])
    m = _nearest_in(cue_re, text, ranges, item.start, item.evidence_end)
    if m is None and item.kind == "money":
        m = _appositive_cue(cue_re, text, right[1], sentence[1])
    metric = cue_metric[m.group(0).lower()] if m else None
    cue = m.group(0) if m else ""
    if item.kind == "percent":
        rate = _nearest_in(_rate_cue_re(), text, [[left, right]], item.start, item.evidence_end)
        # "a 25% tariff on steel exports", "cut the import tax on tea exports to 5%": a rate, never a trade
        # share; but "12% of its exports" is a share whatever the clause says of tariffs.
        if rate is not None and (m is None or not re.match(r"\s+of\b", text[item.evidence_end : item.evidence_end + 4])):
            return "other", rate.group(0)
        if _is_change(text, left, right):
            cue = cue or "change"
            return ("other", cue) if metric or _nearest_in(_percent_cue_re(), text, ranges, item.start, item.end) else None
        if metric == "trade_value":
            return "trade_share", cue
        if metric is None:
            p = _nearest_in(_percent_cue_re(), text, ranges, item.start, item.evidence_end)
            if p is None or item.value == 100:
                return None
            cue = p.group(0)
        return "other", cue
    return metric or "other", cue


def _period(
    state: State, item: Item, window: tuple[int, int], sentence: tuple[int, int],
    known: dict[tuple[int, int], list[Period]] | None = None,
) -> str | None:
    """``known``: the periods of sentences already read (filled as a cache)."""
    found = known.get(sentence) if known is not None else None
    if found is None:
        found = periods(state, *sentence)
        if known is not None:
            known[sentence] = found
    near = [p for p in found if not (p.start < item.evidence_end and item.start < p.end)]
    if not near:
        return None

    def dist(p: Period) -> int:
        return item.start - p.end if p.end <= item.start else p.start - item.evidence_end

    # Its own clause to the right ("RM181bn in 2022", "$15bn by 2025"), the stretch since the
    # previous figure, then anything earlier in the sentence; never a later clause.
    _, right = _clause(state.text, window, item.start, item.clause_end)
    inside = [
        p for p in near
        if (p.start >= window[0] and p.end <= item.start) or (p.start >= right[0] and p.end <= right[1])
    ]
    if inside:
        return min(inside, key=dist).value
    before = [p for p in near if p.end <= item.start]
    if before:
        return min(before, key=dist).value
    return None


def _pair_for(
    state: State,
    sentence: tuple[int, int],
    paragraph: tuple[int, int],
    amounts: list[tuple[int, int]],
    previous: tuple[int, int] | None = None,
) -> tuple[str, str] | None:
    """The pair a figure's sentence is about; ``previous``: the paragraph before, read when the figure's own
    names no country that tells several pairs apart ("The two presidents reviewed the $35 billion ...")."""
    pairs = list(state.relations)
    if not pairs:
        return None
    in_pairs = {c for p in pairs for c in p}

    def named(lo: int, hi: int) -> set[str]:
        # "US" in "US$15 billion" or "Australian" in "Australian dollars" names a currency, not a party.
        return {
            m.iso3 for m in state.countries_in(lo, hi) if not any(s <= m.start < e for s, e in amounts)
        }

    sent, para = named(*sentence), named(*paragraph)
    before = named(*previous) if previous is not None else set()
    for named in (sent, para):
        both = [p for p in pairs if set(p) <= named]
        if both:
            return both[0]
    # A sentence about a third country and only one side of the pair is not about the pair.
    if sent - in_pairs and len(sent & in_pairs) <= 1:
        return None
    if len(pairs) == 1:
        return pairs[0]
    # Several pairs: the one whose distinctive country the sentence (or paragraph) names.
    for named in (sent, para):
        hits = [p for p in pairs if any(c in named and sum(c in q for q in pairs) == 1 for c in p)]
        if len(hits) == 1:
            return hits[0]
    if before and not sent - in_pairs:
        # Then the pair the paragraph before is about, when the figure's own sentence fits it.
        hits = [p for p in pairs if set(p) <= before] or [
            p for p in pairs if any(c in before and sum(c in q for q in pairs) == 1 for c in p)
        ]
        if len(hits) == 1 and sent <= set(hits[0]):
            return hits[0]
    return None


def _rule(item: Item, cue: str) -> str:
    if item.kind in ("count", "rank"):
        return f"figures:{item.kind}:{item.cue}"
    return f"figures:{item.kind}:{item.unit}" + (f":cue={cue.lower()}" if cue else ":no-cue")


# Countries whose own press writes "$" for the local dollar (and "US$" for the American one).
_LOCAL_DOLLAR = {"AUS": "AUD", "NZL": "NZD", "CAN": "CAD", "SGP": "SGD", "HKG": "HKD", "TWN": "TWD"}


def local_dollar(state: State) -> str | None:
    """The local dollar a bare "$" means: the outlet is of a dollar country, or the report is datelined
    there and no international wire (whose "$" is the US dollar) is credited."""
    from .dateline import outlet_country

    outlet = outlet_country(state.outlet) if state.outlet else None
    if outlet in _LOCAL_DOLLAR:
        return _LOCAL_DOLLAR[outlet]
    place = state.dateline.country if state.dateline is not None else None
    if place in _LOCAL_DOLLAR and (state.outlet is None or outlet == place):
        return _LOCAL_DOLLAR[place]
    return None


def extract_figures(state: State, doc: Doc) -> None:
    if not state.relations:
        return
    text = state.text
    sentences = _sentences(doc, text)
    paragraphs = _paragraphs(text)
    money = parse_money(text)
    local = local_dollar(state)
    if local:  # "$287 billion" in an Australian report is Australian dollars
        money = [
            replace(m, unit=local) if m.unit == "USD" and text[m.start : m.start + 1] == "$" else m for m in money
        ]
    items = find_items(text, money)
    amounts = [(m.start, m.end) for m in money]
    published_year = int(state.published.date[:4]) if state.published.date else None
    seen: dict[tuple[tuple[str, str], str, float], Figure] = {}
    periods_of: dict[tuple[int, int], list[Period]] = {}
    for idx, item in enumerate(items):
        sentence = _containing(sentences, item.start)
        if sentence == (0, 0):
            continue
        prev_end = max([sentence[0]] + [x.evidence_end for x in items[:idx] if x.evidence_end <= item.start])
        next_start = min([sentence[1]] + [x.start for x in items[idx + 1 :] if x.start >= item.evidence_end])
        window = (max(sentence[0], prev_end), min(sentence[1], next_start))
        found = _metric(state, item, window, sentence)
        if found is None:
            continue
        metric, cue = found
        para = _containing(paragraphs, item.start)
        at = paragraphs.index(para) if para in paragraphs else 0
        previous = next((p for p in reversed(paragraphs[:at]) if state.text[p[0] : p[1]].strip()), None)
        pair = _pair_for(state, sentence, para, amounts, previous)
        if pair is None:
            continue
        period = _period(state, item, window, sentence, periods_of)
        left, right = _clause(text, window, item.start, item.clause_end)
        kind, deadline, kind_cue = figure_kind(text, left, right, published_year)
        year = period_year(period) or published_year
        warnings = []
        primary = Money(item.value, item.unit, item.start, item.end)
        if any(conversion_mismatch(primary, s, year) for s in item.stated):
            warnings.append("conversion_mismatch")
        # The same amount written twice (headline and body) is one figure; the specific metric wins.
        key = (pair, item.unit, round(item.value, 6))
        evidence = [state.span(item.start, item.evidence_end), state.span(*sentence)]
        # "$68 billion" in the headline, "10 trillion yen (about $68 billion)" in the body: one figure, in the
        # currency the body gives, with the headline's amount as its stated conversion.
        earlier = next(
            (
                seen[k]
                for k in ((pair, s.unit, round(s.value, 6)) for s in item.stated)
                if k in seen and not seen[k].stated
            ),
            None,
        )
        if key not in seen and earlier is not None:
            earlier.value, earlier.unit = item.value, item.unit
            earlier.stated = [Amount(value=s.value, unit=s.unit) for s in item.stated]
            earlier.usd = usd_value(item.value, item.unit, [(s.value, s.unit) for s in item.stated], year)
            earlier.warnings = sorted(set(earlier.warnings) | set(warnings))
            earlier.rule = _rule(item, cue)
            earlier.evidence.insert(0, evidence[0])  # the amount with its conversion comes first
            seen[key] = earlier
        if key in seen:
            known = seen[key]
            if evidence[0] not in known.evidence:
                known.evidence.append(evidence[0])
            if known.metric == "other" and metric != "other":
                known.metric, known.rule = metric, _rule(item, cue)  # type: ignore[assignment]
            if known.period is None:
                known.period = period
            if known.kind == "actual" and kind != "actual":  # the restatement that says it is an aim
                known.kind, known.deadline = kind, deadline
            continue
        usd = usd_value(item.value, item.unit, [(s.value, s.unit) for s in item.stated], year) if item.kind == "money" else None
        figure = Figure(
            metric=metric,  # type: ignore[arg-type]
            value=item.value,
            unit=item.unit,
            period=period,
            kind=kind,
            deadline=deadline,
            stated=[Amount(value=s.value, unit=s.unit) for s in item.stated],
            usd=usd,
            warnings=warnings,
            evidence=evidence,
            rule=_rule(item, cue) + (f":{kind}={kind_cue.lower()}" if kind != "actual" else ""),
        )
        seen[key] = figure
        for s in item.stated:  # "10 trillion yen (about $68 billion)": a later "$68 billion" is this figure
            seen.setdefault((pair, s.unit, round(s.value, 6)), figure)
        state.relations[pair].figures.append(figure)


@Language.component("entente_figures")
def figures_component(doc: Doc) -> Doc:
    extract_figures(doc._.entente, doc)
    return doc
