"""The extraction's fast paths give what the plain ones give (speed is measured in the benchmarks)."""

from __future__ import annotations

import re

from entente.extract import temporal_scan as temporal
from entente.extract import tense
from entente.extract.state import _constructed_span
from entente.record import Span

_TEXTS = [
    "The summit on 12 March 2024 followed talks last week; the next round is due in the second half of 2025.",
    "On Tuesday, officials said the deal, signed three years ago, would run until the end of this year.",
    "Black Friday sales rose 4% in Q3, and by mid-2026 the 2,000 workers expect a raise within six months.",
    "In 1999 the two countries met on the 5th; tomorrow and the day after, early next month, 2023-11-05.",
]


def test_dispatch_tries_every_pattern_that_can_match() -> None:
    """At every word start, the dispatched alternatives give the combined alternation's match."""
    for text in _TEXTS:
        for m in re.finditer(r"(?<![\w-])\w", text):
            fast = temporal._match_at(text, m.start(), odd=False)
            plain = temporal._match_at(text, m.start(), odd=True)
            assert (fast and (fast[0], fast[1].span())) == (plain and (plain[0], plain[1].span())), text[
                m.start() :
            ]


def test_constructed_span_is_model_construct() -> None:
    fast, plain = _constructed_span(3, 8, "hello"), Span.model_construct(start=3, end=8, text="hello")
    assert fast == plain
    assert fast.model_fields_set == plain.model_fields_set
    assert fast.__pydantic_extra__ == plain.__pydantic_extra__
    assert fast.model_dump_json() == plain.model_dump_json()


def test_tokenize_offsets_are_the_texts() -> None:
    from entente.extract.names import tokenize

    text = "  Dato' Seri Anwar's  visit,\tJapan–Korea ties x-y 12,5\u00a0é\n’s"
    for start in (0, 1, 5):
        toks = tokenize(text, start)
        assert all(text[t.start : t.end] == t.text for t in toks)
        assert "".join(t.text for t in toks) == "".join(text[start:].split())


def test_extractor_loads_its_tables() -> None:
    from entente.extract import areas
    from entente.extract.pipeline import default_extractor

    default_extractor()
    assert areas.lexicon.cache_info().currsize == 1


def test_case_free_scan_finds_the_regex_places() -> None:
    from entente.extract.lexfilter import CaseFreeScan
    from entente.extract.relations import _cue_starts

    scan = _cue_starts()
    assert scan is not None and scan.lower is not None
    texts = [
        *_TEXTS,
        "TALKS with the Ambassador; Agreed. Κόσμος ΣΑΣ",
        "İstanbul talks, \u212aelvin and \u017ftrong ties",
    ]
    for text in texts:
        assert scan.starts(text) == [m.start() for m in scan.regex.finditer(text)], text
    upper = CaseFreeScan(re.compile(r"(?=A)", re.I))
    assert upper.lower is None and upper.starts("a A") == [0, 2]


def test_anchor_starts_are_the_anchors() -> None:
    texts = [*_TEXTS, "5 March, 1.5 years, 3,000 days; Q3 and H1 of 2024.\nMonday-Friday", "2024 was a year."]
    for text in texts:
        assert temporal.anchor_starts(text) == [m.start() for m in temporal._anchors().finditer(text)], text


def test_expressions_alike_on_the_plain_and_the_case_odd_paths() -> None:
    """A text with a CASE_ODD character is read by the plain path (every word start tried)."""
    for text in _TEXTS:
        plain = [(e.start, e.end, e.kind, e.parts) for e in temporal.find_expressions(text)]
        odd = [(e.start, e.end, e.kind, e.parts) for e in temporal.find_expressions(text + " \u017f")]
        assert plain == odd and plain, text


def test_clause_patterns_match_their_plain_forms() -> None:
    """The one-class clause patterns of ``tense_at`` find what the plain alternations find."""
    import random

    plain_before = re.compile(r"[,;:()“”\"\n]|[.!?]\s|\bthat\b|\bwhen\b|\bwhile\b|\bwhere\b|\bafter\b")
    plain_after = re.compile(r"[;:()“”\"\n]|[.!?](?:\s|$)")
    rnd = random.Random(7)
    alphabet = " ,;:()“”\"\n.!?thwaenilfrxTWé'_-"
    samples = ["said that when", "whatever, thatch. after", "meanwhile where? after-", "x.\n", "that"] + [
        "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30))) for _ in range(20_000)
    ]
    for s in samples:
        assert [m.span() for m in tense._CLAUSE_BEFORE.finditer(s)] == [
            m.span() for m in plain_before.finditer(s)
        ], s
        assert [m.span() for m in tense._CLAUSE_AFTER.finditer(s)] == [
            m.span() for m in plain_after.finditer(s)
        ], s


def test_lower_case_honorific_firsts() -> None:
    """Every honorific form in our data opens with a capital, so no lower-case word anchors one."""
    from entente.extract.names import honorifics, seq_matches, tokenize
    from entente.extract.people.honorifics import lower_honorific_firsts as _lower_honorific_firsts

    firsts = _lower_honorific_firsts()
    for h in honorifics():
        lowered = tokenize(h.form.lower())
        if h.tokens[0] not in firsts:
            assert not seq_matches(lowered, 0, h.form, exact=h.exact), h.form


def test_collector_paused_only_during_a_document() -> None:
    """``Extractor.extract`` turns the collector off for one document and gives it back as it was, also when
    the extraction fails."""
    import gc

    from entente.extract.pipeline import default_extractor
    from entente.gcpause import collector_paused
    from entente.read import Document

    extractor = default_extractor()
    assert gc.isenabled()
    extractor.extract(Document(text="Japan and Malaysia signed a trade pact on Monday.", name="a"))
    assert gc.isenabled()
    try:
        with collector_paused():
            assert not gc.isenabled()
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert gc.isenabled()
    gc.disable()
    try:
        extractor.extract(Document(text="Japan and Malaysia signed a trade pact on Monday.", name="b"))
        assert not gc.isenabled()  # a caller that turned it off keeps it off
    finally:
        gc.enable()


def test_may_name_leader_with_and_without_the_text() -> None:
    """Given the text, the leaders' precheck skips the hyphen and non-ASCII passes only where they find nothing."""
    from entente.extract.names import tokenize
    from entente.extract.people.known_leaders import may_name_leader as _may_name_leader

    texts = [
        *_TEXTS,
        "Prime Minister Anwar Ibrahim met Fumio Kishida.",
        "Nguyễn Phú Trọng and Lee Hsien-loong",
        "Ahmad Zahid Hamidi's visit; Jean-Yves Le Drian.",
        "talks in Tokyo with no names at all",
    ]
    for text in texts:
        toks = tokenize(text)
        lows = [t.low for t in toks]
        assert _may_name_leader(toks, lows, text) == _may_name_leader(toks, lows) == _may_name_leader(toks), (
            text
        )


def test_holds_on_the_whole_text_is_the_ranged_answer() -> None:
    from entente.extract.lexfilter import holds

    low = "the two ministers agreed to meet again in the spring."
    requirements = [
        (),
        (("meet",),),
        (("meet", "talks"), ("spring",)),
        (("talks",),),
        (("",),),
        (("summer", "autumn"),),
    ]
    for needs in requirements:
        assert holds(needs, low) == holds(needs, low, 0, len(low))
    assert holds((("meet",),), low) and not holds((("talks",),), low)
    assert not holds((("meet",),), low, 0, 20)  # the ranged form still looks only inside its range


def test_sentence_trigger_candidates_are_the_triggers_whose_literals_are_there() -> None:
    """The word-keyed prefilter keeps exactly the triggers the per-trigger literal test keeps, in order."""
    from entente.extract.events.triggers import _requirements, find_triggers, sentence_candidates
    from entente.extract.lexfilter import holds

    text = (
        "The two leaders held bilateral talks in Hanoi on Monday. They witnessed the signing of a memorandum. "
        "A joint press conference followed; the visit ends on Friday. Officials met again, and the 2+2 dialogue "
        "resumed. Nothing happened here. "
    )
    bounds = []
    start = 0
    for part in text.split(". "):
        bounds.append((start, start + len(part) + 1))
        start += len(part) + 2
    bounds.append((3, 40))  # any stretch, even one cutting words
    needs = _requirements()
    for s0, s1 in bounds:
        sentence = text[s0:s1]
        expected = [i for i in range(len(needs)) if holds(needs[i], sentence.lower())]
        assert sentence_candidates(text, s0, s1) == expected, sentence
        assert find_triggers(sentence, expected, checked=True) == find_triggers(sentence)
    assert sentence_candidates("A visit by the \u212aing: talks.", 0, 10) is None  # a case-odd text: not filtered


def test_case_free_searches_find_what_the_case_insensitive_regex_finds() -> None:
    """A case-insensitive regex run on the lower-cased text without re.I: the same places, the same spans;
    texts whose lower case moves offsets or depends on context are searched as they are."""
    from entente.extract.lexfilter import CaseFreeScan, case_free, case_free_text

    patterns = [
        re.compile(r"postpon|cancel|called off|\bset\b", re.I),
        re.compile(r"(?<![\w-])(?:after|amid)\s+(?:[\w'’.-]+\s+){0,3}$", re.I),
        re.compile(r"\b(?:said|says|told)\b", re.I),
    ]
    texts = [
        "The visit was POSTPONED, officials SAID after the storm ",
        "Talks were Called Off amid rising prices ",
        "Amid the country’s new rules ",
        "ΟΔΟΣ said nothing; the \u212aing was set ",  # a final sigma and a Kelvin sign: not lowered
        "İstanbul talks were cancelled ",
        "nothing here",
    ]
    for pattern in patterns:
        scan = CaseFreeScan(pattern)
        assert scan.lower is not None
        for text in texts:
            expected = [m.span() for m in pattern.finditer(text)]
            regex, hay = scan.on(text, case_free(text))
            assert [m.span() for m in regex.finditer(hay)] == expected, (pattern.pattern, text)
            regex, hay = scan.on(text, case_free_text(text))
            assert [m.span() for m in regex.finditer(hay)] == expected, (pattern.pattern, text)
            assert scan.found(text) == bool(expected)
            assert scan.found(text, 10) == (pattern.search(text, 10) is not None)
    assert case_free("ΟΔΟΣ") is None and case_free("\u212a") is None and case_free("İ") is None
    assert CaseFreeScan(re.compile(r"MoU", re.I)).lower is None  # an upper-case letter: searched as it is


def test_level_patterns_skipped_only_where_they_cannot_match() -> None:
    from entente.extract.levels import _NAMED_LEVEL, _finditer, _named_upgrades, lexicon

    lex = lexicon()
    sentences = [
        "The two countries elevated their ties to a Comprehensive Strategic Partnership on Monday.",
        "They agreed to upgrade relations into a new Strategic Partnership.",
        "Both sides hailed their security alliance and a community with a shared future.",
        "Trade rose by 5% last year.",
    ]
    for sentence in sentences:
        low = sentence.lower()
        for pattern in (lex.name, lex.alliance, lex.formula, _NAMED_LEVEL):
            assert [m.span() for m in _finditer(pattern, sentence, low)] == [m.span() for m in pattern.finditer(sentence)]
        assert _named_upgrades(sentence, low) == _named_upgrades(sentence)
